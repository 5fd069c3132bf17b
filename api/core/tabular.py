"""Every resource as a table: the CSV columns of its list and of its import, and the way a
value becomes a cell and a cell becomes a value again.

The columns are derived from the resource's create schema, so the list's CSV is exactly what
`POST /api/v1/imports/{resource}` takes back. In order:
- `id`, then the parent's key of a nested resource (`indicator_id`, `dossier_id`);
- every field of the create schema, in its order (what an import writes);
- read-only columns that an import accepts and ignores: derived fields of the read schema
  (`provider_name` of an agreement), then `version` and `updated_at`.
A caller gets the columns its read schema shows: the public CSV of actors has no contact
persons.

Cells:
- a scalar as itself: numbers as numbers, dates and moments in ISO 8601, `true`/`false`;
- a list of scalars (codes, ids, years, dates, enum values, none of which holds a space)
  joined by single spaces: `34022 34023 34025`;
- a list of objects or a nested document as one JSON cell: `[{"rung": 5, "description": …}]`
  (`[]` when empty, so an empty JSON cell stays distinguishable from null);
- an empty cell is null for a nullable field, else the field's default (`""`, `[]`, `false`).
Text a spreadsheet would run as a formula gets a leading `'`, also after every `,`, `;`, tab
or line break inside the cell (`api.core.csv_export.cell`); an import removes them again
(`api.core.csv_export.uncell`), so an export imports back unchanged."""

from __future__ import annotations

import json
import types
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined, to_jsonable_python
from sqlmodel import Session

from api.core import i18n
from api.core.csv_export import csv_openapi, csv_response, resource_pages, uncell
from api.core.pagination import ListParams
from api.core.principal import Principal
from api.core.resource import Resource
from api.core.schemas import ReadBase

TAIL = ("version", "updated_at")  # read-only, always last
READ_ONLY_BASE = frozenset(ReadBase.model_fields)  # id, created_at, updated_at, version
REQUIRED: Any = PydanticUndefined


class Kind(StrEnum):
    scalar = "scalar"
    list = "list"  # of scalars, space-separated
    json = "json"  # objects, lists of objects


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    writable: bool
    nullable: bool = True
    default: Any = None  # REQUIRED when a new record must have a value

    def empty(self) -> Any:
        """What an empty cell means for this column."""
        if self.nullable:
            return None
        if self.default is REQUIRED:
            raise CellError("cell_empty")
        return self.default.copy() if isinstance(self.default, list) else self.default


class CellError(ValueError):
    """A cell that cannot stand for a value; `code` names its text in the catalogue."""

    def __init__(self, code: str) -> None:
        super().__init__(i18n.text(code, "en") or code)
        self.code = code


def _strip(annotation: Any) -> tuple[Any, bool]:
    """The type inside `Annotated[...]` and `X | None`, and whether None is allowed."""
    nullable = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, nullable
            annotation = args[0]
        else:
            return annotation, nullable


def _is_document(tp: Any) -> bool:
    return (
        (isinstance(tp, type) and issubclass(tp, BaseModel)) or get_origin(tp) is dict or tp is dict
    )


def kind_of(annotation: Any) -> Kind:
    tp, _ = _strip(annotation)
    if _is_document(tp):
        return Kind.json
    if get_origin(tp) in (list, tuple, set, frozenset):
        (item, *_) = get_args(tp) or (Any,)
        item, _ = _strip(item)
        nested = get_origin(item) not in (None, Literal)
        return Kind.json if _is_document(item) or nested else Kind.list
    return Kind.scalar


def _column(name: str, info: FieldInfo, writable: bool) -> Column:
    _, nullable = _strip(info.annotation)
    default = info.get_default(call_default_factory=True) if not info.is_required() else REQUIRED
    return Column(name, kind_of(info.annotation), writable, nullable, default)


def all_columns(spec: Resource) -> list[Column]:
    """Every column of the resource: what its import takes (read-only ones are ignored)."""
    create, read = spec.create.model_fields, spec.read.model_fields
    cols = [Column("id", Kind.scalar, True)]
    parent = spec.parent_fk if spec.parent_fk and spec.parent_fk not in create else None
    if parent:
        cols.append(Column(parent, Kind.scalar, True))
    cols += [_column(name, info, True) for name, info in create.items() if name != "id"]
    derived = [
        name
        for name in read
        if name not in create and name not in READ_ONLY_BASE and name != parent
    ]
    cols += [_column(name, read[name], False) for name in derived]
    cols += [_column(name, ReadBase.model_fields[name], False) for name in TAIL]
    return cols


def columns(spec: Resource, principal: Principal | None = None) -> list[Column]:
    """The CSV columns of the list as this caller reads it (None: the full read schema)."""
    schema = spec.read if principal is None else spec.read_schema(principal)
    shown = set(schema.model_fields) | {c for c in (spec.parent_fk,) if c}
    return [c for c in all_columns(spec) if c.name in shown]


def column_names(spec: Resource, principal: Principal | None = None) -> list[str]:
    return [c.name for c in columns(spec, principal)]


# --- export --------------------------------------------------------------------------------


def to_row(item: BaseModel, cols: list[Column]) -> dict[str, Any]:
    """One record, ready for `api.core.csv_export.cell` (which neutralises formulas)."""
    documents = {c.name for c in cols if c.kind is Kind.json}
    dumped = item.model_dump(mode="json", include=documents) if documents else {}
    row: dict[str, Any] = {}
    for col in cols:
        value = getattr(item, col.name, None)
        if value is None:
            row[col.name] = None
        elif col.kind is Kind.json:
            row[col.name] = json.dumps(dumped[col.name], ensure_ascii=False)
        elif col.kind is Kind.list:
            row[col.name] = " ".join(str(to_jsonable_python(v)) for v in value)
        else:
            row[col.name] = value
    return row


def _rows(cols: list[Column], pages: Iterable[list[BaseModel]]) -> Iterator[list[dict[str, Any]]]:
    for page in pages:
        yield [to_row(item, cols) for item in page]


def csv_list_response(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
) -> StreamingResponse:
    """Every record of the list the caller may read, as CSV, streamed page by page."""
    cols = columns(spec, principal)
    pages = resource_pages(session, principal, spec, params, parent_id)
    return csv_response([c.name for c in cols], _rows(cols, pages), f"{spec.name}.csv")


def csv_openapi_200(spec: Resource, description: str) -> dict[str, Any]:
    return csv_openapi(column_names(spec), description)


CSV_DOC = (
    "With `Accept: text/csv` the answer is CSV instead: every matching record (not one page; "
    "`limit` is ignored), one row each. The columns are those of the create schema (what an "
    "import takes back), then read-only ones ending in `version` and `updated_at`. Lists of "
    "codes or ids are space-separated, lists of objects are JSON cells. A cell holding `,`, "
    "`;`, a double quote or a line break is quoted; text that a spreadsheet would read as a "
    "formula gets a single quote in front, also after each `,`, `;`, tab or line break "
    "inside the cell (an import removes these quotes again)."
)


# --- import --------------------------------------------------------------------------------


def from_cell(col: Column, raw: str) -> Any:
    """The value a cell stands for (validated later by the resource's schemas)."""
    text = uncell(raw)
    if not text.strip():
        return col.empty()
    if col.kind is Kind.json:
        try:
            return json.loads(text)
        except ValueError as exc:
            raise CellError("json_invalid") from exc
    if col.kind is Kind.list:
        return text.split()
    return text
