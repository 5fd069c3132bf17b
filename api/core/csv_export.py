"""CSV exports of lists: content negotiation, safe cells and a streamed, paged body.

A list route answers CSV when the `Accept` header prefers `text/csv`. The first page is read
inside the request (so a refusal or a bad cursor still answers as a problem document); the
rest is read while the body streams, one keyset page at a time in its own short session, so
an export never holds the whole result in memory.

Cells are written for spreadsheets as much as for programs (OWASP "CSV injection"):
- a cell holding a comma or a semicolon (the list separator of a spreadsheet in nl-BE), a
  double quote or a line break is quoted (RFC 4180), so no spreadsheet splits it;
- text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
  return) gets a single quote in front, at the start of the cell and at the start of every
  piece a spreadsheet could split off anyway (after a `,`, `;`, tab or line break: one that
  ignores the quoting, or a reader that picks another separator); `uncell` removes exactly
  those quotes again on import.
Numbers are written as numbers."""

from __future__ import annotations

import re
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
# Where a piece of a cell starts: the cell's start, or right after a character a spreadsheet
# may split on. A piece that starts (after quotes already there) like a formula gets a quote.
_PIECE = r"(?<![^,;\t\r\n])"
_FORMULA_AHEAD = r"(?='*[=+\-@\t\r])"
_NEUTRALISE = re.compile(_PIECE + _FORMULA_AHEAD)
_RESTORE = re.compile(_PIECE + "'" + _FORMULA_AHEAD)
_NEEDS_QUOTES = re.compile(r"[,;\"\r\n]")
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
    # Quotes already in front of a piece count too, so that `uncell` can tell its own quote
    # from data.
    return _NEUTRALISE.sub("'", str(value))


def uncell(text: str) -> str:
    """The text a cell was written from: without the quotes `cell` put before formulas."""
    return _RESTORE.sub("", text)


def csv_field(value: Any) -> str:
    """A cell as it appears in the file: quoted when it holds `,`, `;`, `"` or a line break."""
    text = value if isinstance(value, str) else str(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_row(values: Iterable[Any]) -> str:
    return ",".join(csv_field(v) for v in values) + "\r\n"


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
    head = csv_row(columns)  # sent with the first row, or alone for an empty list
    for page in pages:
        chunk = "".join(csv_row(row) for row in rows_of(columns, page))
        if chunk:
            yield head + chunk
            head = ""
    if head:
        yield head


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
