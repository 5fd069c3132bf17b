"""Keyset pagination: `?limit=&cursor=`, answered as `{"items": [...], "next_cursor": ...}`.

The cursor is the sort key of the last row served, so a page costs the same however deep it
lies in the list (no OFFSET)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.sql.elements import ColumnElement as Col

from api.core.errors import ProblemError
from api.core.schemas import QueryModel

T = TypeVar("T")
MAX_LIMIT = 500


class ListParams(QueryModel):
    """Query parameters every list accepts."""

    model_config = ConfigDict(extra="ignore")

    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Page size (1–500).")
    cursor: str | None = Field(
        None, max_length=1000, description="`next_cursor` of the previous page."
    )
    updated_since: datetime | None = Field(
        None, description="Only records changed at or after this moment (RFC 3339)."
    )

    @field_validator("updated_since")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        """A moment without an offset is read as UTC (every stored time is UTC)."""
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(
        [
            v.isoformat()
            if hasattr(v, "isoformat")
            else str(v)
            if v is not None and not isinstance(v, int | float | str)
            else v
            for v in values
        ]
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, columns: list[Col[Any]]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValueError("shape")
        for v in values:
            # A forged cursor must not carry what a column cannot hold: the database would
            # fail on it (a NUL in PostgreSQL text, an integer past 64 bits) with a 500.
            if not (v is None or isinstance(v, str | int | float)) or (
                isinstance(v, str) and "\x00" in v
            ):
                raise ValueError("value")
            if isinstance(v, int) and not -(2**63) <= v < 2**63:
                raise ValueError("range")
        return [
            TypeAdapter(col.type.python_type).validate_python(v)
            for col, v in zip(columns, values, strict=True)
        ]
    except (ValueError, binascii.Error, ValidationError, NotImplementedError) as exc:
        raise ProblemError(
            400, "cursor_invalid.detail", errors=[(("query", "cursor"), "cursor_invalid")]
        ) from exc


def after_clause(
    columns: list[Col[Any]], values: list[Any], descending: bool
) -> ColumnElement[bool]:
    """Rows strictly after `values` in the order of `columns` (expanded for portability).

    The expansion is an OR, which no planner turns into an index range: the redundant bound
    on the first column lets the page start inside the index (a deep page costs the same as
    the first) instead of filtering every row before it."""
    ors = []
    for i, col in enumerate(columns):
        step = col < values[i] if descending and i < len(columns) - 1 else col > values[i]
        ors.append(and_(*[columns[j] == values[j] for j in range(i)], step))
    if len(columns) == 1:
        return or_(*ors)
    first = columns[0] <= values[0] if descending else columns[0] >= values[0]
    return and_(first, or_(*ors))
