"""CSV exports of lists: content negotiation, safe cells and a streamed, paged body.

A list route answers CSV when the `Accept` header prefers `text/csv`. The first page is read
inside the request (so a refusal or a bad cursor still answers as a problem document); the
rest is read while the body streams, one keyset page at a time in its own short session, so
an export never holds the whole result in memory.

Cells are written for spreadsheets as much as for programs: a text cell that a spreadsheet
would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
a leading single quote (OWASP "CSV injection"), which `uncell` removes on import.
Numbers are written as numbers."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from api.core import reads
from api.core.db import session_scope
from api.core.pagination import MAX_LIMIT, ListParams
from api.core.principal import Principal
from api.core.qvalues import weighted
from api.core.resource import Resource

CSV_MEDIA_TYPE = "text/csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAGE_SIZE = MAX_LIMIT  # rows read per query while an export streams


def _quality(accept: str, media_type: str) -> float | None:
    """The q-value `accept` gives this media type by an exact or `type/*` range, if any."""
    kind = media_type.split("/")[0]
    best: float | None = None
    for rng, q in weighted(accept):
        if rng not in (media_type, f"{kind}/*"):
            continue
        best = q if best is None else max(best, q)
    return best


def wants_csv(accept: str | None) -> bool:
    """True when the client asks for CSV explicitly and prefers it to JSON.

    `*/*` alone (browsers, curl) keeps JSON, the API's default."""
    if not accept:
        return False
    csv_q = _quality(accept, CSV_MEDIA_TYPE)
    if not csv_q:
        return False
    json_q = _quality(accept, "application/json") or 0.0
    return csv_q >= json_q


def cell(value: Any) -> Any:
    """One value as a CSV cell: text neutralised against formulas, numbers left as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, int | float):
        return value
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        value = " ".join(str(cell(v)) for v in value)
    text = str(value)
    # Quotes already in front count too, so that `uncell` can tell its own quote from data.
    if text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def uncell(text: str) -> str:
    """The text a cell was written from: without the quote `cell` put before a formula."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


def rows_of(
    columns: Sequence[str], items: Iterable[BaseModel | dict[str, Any]]
) -> Iterator[list[Any]]:
    for item in items:
        if isinstance(item, BaseModel):
            yield [cell(getattr(item, c, None)) for c in columns]
        else:
            yield [cell(item.get(c)) for c in columns]


def csv_lines(
    columns: Sequence[str], pages: Iterable[Iterable[BaseModel | dict[str, Any]]]
) -> Iterator[str]:
    """The header, then every row, a page at a time (RFC 4180: CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for page in pages:
        writer.writerows(rows_of(columns, page))
        if buffer.tell():
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():  # the header of an empty list
        yield buffer.getvalue()


def csv_response(
    columns: Sequence[str],
    pages: Iterable[Iterable[BaseModel | dict[str, Any]]],
    filename: str,
) -> StreamingResponse:
    return StreamingResponse(
        csv_lines(columns, pages),
        media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8; header=present",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Vary": "Accept, Authorization",
        },
    )


def resource_pages(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
    open_session: Callable[[], Any] = lambda: session_scope(write=False),
) -> Iterator[list[BaseModel]]:
    """Every record of the list the caller may read, page by page (`limit` is ignored).

    The first page is read now, with the request's session, so errors surface before the
    response starts; later pages are read lazily, each in a fresh read-only session (the
    request's session is closed once the route returns)."""
    size = {"limit": PAGE_SIZE}
    rows, cursor = reads.list_rows(
        session, principal, spec, params.model_copy(update=size), parent_id
    )
    first = reads.serialize(session, principal, spec, rows)

    def more() -> Iterator[list[BaseModel]]:
        nonlocal cursor
        yield first
        while cursor is not None:
            page = params.model_copy(update={**size, "cursor": cursor})
            with open_session() as s:
                rows, cursor = reads.list_rows(s, principal, spec, page, parent_id)
                items = reads.serialize(s, principal, spec, rows)
            yield items

    return more()


def csv_openapi(columns: Sequence[str], description: str) -> dict[str, Any]:
    """The `text/csv` alternative of a 200 response, for `responses={200: ...}`."""
    return {
        "description": description,
        "content": {
            CSV_MEDIA_TYPE: {
                "schema": {"type": "string", "format": "binary"},
                "example": ",".join(columns) + "\r\n",
            }
        },
    }
