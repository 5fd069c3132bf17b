"""A page's items written as JSON by PostgreSQL, in the page's own statement.

A first read of a page spent most of its CPU turning rows into Python values and back into
JSON: each action brings six JSON documents and arrays to decode, ids, dates and moments to
convert, and then the page writer walks them all again (bench/NOTES.md). Here the page's
statement selects, for each record, its item as JSON text, in the read schema's field order and
with the bytes the schema's serialiser writes; the server only joins the 50 texts.

`item_json` builds that expression once per (resource, read schema) from the schema's core
schema and the table: strings through `to_json` (PostgreSQL escapes exactly the characters
pydantic-core escapes, the same way), ids and dates as their text, moments in UTC as
`2026-12-05T11:53:18.669652Z` (no fraction when it is zero), JSON documents element by element
with their objects' keys in the nested model's order (what `reads._arranger` does in Python),
scalar collections from their child rows in position order, the derived fields of
`Resource.extra_columns`, `allowed` from the caller's ownership column. A schema with anything
else (a number with its own serialiser, collections of objects, fields from Python) is written
by the Python page writer as before: `item_json` answers None for it.

PostgreSQL only: SQLite keeps the Python writer. tests/core/test_page_json.py holds the bytes
equal to the Python writer's for every resource and role, and for values chosen to break it
(quotes, control characters, non-ASCII text, whole seconds, nulls, documents with keys out of
order or missing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    String,
    Text,
    Uuid,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.sql.elements import ColumnElement

from api.core.resource import Resource
from api.core.types import UTCDateTime

# The bind parameters of `allowed`: the caller's value for a record of its own, and for another.
ALLOWED_OWN, ALLOWED_OTHER = "regie_allowed_own", "regie_allowed_other"
# The label of an item's JSON text in the page's statement.
PAGE_ITEM = "regie_item"
# Lists in documents PostgreSQL writes compactly by a replace: (JSON type, separator).
_COMPACTED = {
    "str": ("string", '", "'),
    "enum": ("string", '", "'),
    "literal": ("string", '", "'),
    "uuid": ("string", '", "'),
    "date": ("string", '", "'),
    "int": ("number", ", "),
}
# The kinds of value a document holds as a JSON scalar, written as PostgreSQL writes it.
_SCALARS = ("str", "enum", "literal", "uuid", "int", "bool", "date", "datetime")
# A function of PostgreSQL takes at most 100 arguments: longer concatenations are nested.
_CONCAT_ARGS = 90


class Unsupported(Exception):  # noqa: N818 - a signal to the builder, never raised to callers
    """A field this writer does not write as pydantic-core would: the Python writer does."""


# Where `allowed` goes among an item's parts: it depends on the caller (`item_expression`).
_ALLOWED = object()


def item_parts(spec: Resource, schema: type[BaseModel]) -> tuple[Any, ...] | None:
    """One item's JSON text for a row of the resource's table, as the SQL before and after
    `allowed` (compiled once per read schema: SQLAlchemy would otherwise rebuild the large
    expression and its cache key on every request), or None where the Python writer must
    write the item."""
    key = (spec.name, schema)
    if key not in _PARTS:
        try:
            parts = _Builder(spec, schema).item()
        except Unsupported:
            _PARTS[key] = None
        else:
            table = spec.model.__table__  # type: ignore[attr-defined]
            try:
                if _ALLOWED in parts:
                    cut = parts.index(_ALLOWED)
                    _PARTS[key] = (
                        _compiled(parts[:cut], table),
                        _ALLOWED,
                        _compiled(parts[cut + 1 :], table),
                    )
                else:
                    _PARTS[key] = (_compiled(parts, table),)
            except Unsupported:
                _PARTS[key] = None
    return _PARTS[key]


_PARTS: dict[tuple[str, type[BaseModel]], tuple[Any, ...] | None] = {}


def _compiled(parts: list[Any], table: Any) -> Any:
    """`parts` concatenated, as one literal piece of SQL over a row of `table`. Compiled as the
    column of a statement on `table`, so that its subqueries refer to the page's row (a
    subquery compiled alone would read the table in its own FROM), then cut out of it."""
    dialect = postgresql.dialect()
    statement = select(_concat(parts).label(PAGE_ITEM)).select_from(table)
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    head, tail = (
        "SELECT ",
        f" AS {PAGE_ITEM} \nFROM {dialect.identifier_preparer.format_table(table)}",
    )
    if not (sql.startswith(head) and sql.endswith(tail)):
        raise Unsupported(sql[:60])
    # The psycopg dialect doubles a literal "%" (its parameters are "%(name)s"), and so does
    # `literal_column` when the statement is compiled again.
    return literal_column(sql[len(head) : -len(tail)].replace("%%", "%"), Text)


def has_allowed(parts: tuple[Any, ...]) -> bool:
    """Whether the item shows `allowed` (its parts then need the caller's ownership clause)."""
    return len(parts) > 1


def item_expression(parts: tuple[Any, ...], own: Any | None) -> ColumnElement[str]:
    """The item's JSON text for this caller: `allowed` by the caller's ownership clause (`own`,
    None when no grant of the caller depends on the record), its two values bound as
    `ALLOWED_OWN` and `ALLOWED_OTHER`."""
    if not has_allowed(parts):
        return parts[0]
    other = bindparam(ALLOWED_OTHER, type_=Text)
    allowed = other if own is None else case((own, bindparam(ALLOWED_OWN, type_=Text)), else_=other)
    return func.concat(*[allowed if p is _ALLOWED else p for p in parts])


def _sql_text(text: str) -> Any:
    """A constant of the statement (keys, punctuation, defaults), inlined as an SQL literal."""
    return literal_column("'" + text.replace("'", "''") + "'", Text)


def _concat(parts: list[Any]) -> Any:
    if len(parts) <= _CONCAT_ARGS:
        return func.concat(*parts)
    return func.concat(
        *[_concat(parts[i : i + _CONCAT_ARGS]) for i in range(0, len(parts), _CONCAT_ARGS)]
    )


def _null_as(expr: Any) -> Any:
    return func.coalesce(expr, _sql_text("null"))


def _quoted(expr: Any) -> Any:
    """'"' || expr || '"' (NULL stays NULL) for text that needs no escaping."""
    return literal_column("'\"'", Text).op("||")(expr).op("||")(literal_column("'\"'", Text))


class _Builder:
    def __init__(self, spec: Resource, schema: type[BaseModel]) -> None:
        self.spec = spec
        self.table = spec.model.__table__  # type: ignore[attr-defined]
        core = schema.__pydantic_core_schema__
        self.defs: dict[str, Any] = (
            {d["ref"]: d for d in core.get("definitions", [])}
            if core["type"] == "definitions"
            else {}
        )
        self.model = self._model_fields(core)
        self.schema = schema
        self.depth = 0  # for the aliases of nested subqueries
        self.open: set[Any] = set()  # the nested models being written (recursion: unsupported)

    # --- the item -------------------------------------------------------------------------

    def item(self) -> list[Any]:
        spec = self.spec
        if spec.extra is not None and spec.extra_columns is None:
            raise Unsupported("fields computed in Python")
        if self.schema.model_computed_fields:
            raise Unsupported("computed fields")
        derived = spec.extra_columns() if spec.extra_columns else {}
        collections = {c.field: c for c in spec.collections}
        parts: list[Any] = []
        for n, (name, field) in enumerate(self.model.items()):
            if field.get("serialization_alias") or field.get("serialization_exclude"):
                raise Unsupported(name)
            parts.append(_sql_text(("{" if n == 0 else ",") + f'"{name}":'))
            if name == "allowed":
                parts.append(_ALLOWED)
            elif name in derived:
                parts.append(self.scalar(derived[name], field["schema"]))
            elif name in collections:
                parts.append(self.collection(collections[name], field["schema"]))
            elif name in self.table.c:
                parts.append(self.column(self.table.c[name], field["schema"]))
            else:
                parts.append(_sql_text(self.default(name)))
        parts.append(_sql_text("}") if parts else _sql_text("{}"))
        return parts

    def default(self, name: str) -> str:
        info = self.schema.model_fields[name]
        if info.is_required():
            raise Unsupported(name)
        return to_json(info.get_default(call_default_factory=True)).decode()

    # --- values ----------------------------------------------------------------------------

    def _unwrap(self, schema: Any, document: bool = False) -> Any:
        while True:
            kind = schema["type"]
            # A date a document holds is text already: its `date.isoformat` serialiser writes
            # it as it is (`reads._stored`). Any other serialiser: the Python writer.
            serializer = schema.get("serialization")
            if serializer is not None and not (
                document and serializer.get("function") is date.isoformat
            ):
                raise Unsupported(kind)
            if kind == "definition-ref":
                schema = self.defs[schema["schema_ref"]]
            elif kind in ("nullable", "default", "function-before", "function-after"):
                schema = schema["schema"]
            else:
                return schema

    def _model_fields(self, schema: Any) -> dict[str, Any]:
        while schema["type"] in ("definitions", "definition-ref", "model"):
            schema = (
                self.defs[schema["schema_ref"]]
                if schema["type"] == "definition-ref"
                else schema["schema"]
            )
        if schema["type"] != "model-fields":
            raise Unsupported(schema["type"])
        return dict(schema["fields"])

    def column(self, column: Any, schema: Any) -> Any:
        if isinstance(column.type, JSON):
            return _null_as(self.document(cast(column, JSONB), schema))
        self._check_type(column, schema)
        return self.scalar(column, schema)

    def _check_type(self, column: Any, schema: Any) -> None:
        """The column holds what the field's kind says (a text for a string, ...)."""
        kind = self._unwrap(schema)["type"]
        expected = {
            "str": String,
            "enum": String,
            "literal": String,
            "uuid": Uuid,
            "int": Integer,
            "bool": Boolean,
            "date": Date,
            "datetime": UTCDateTime,
        }.get(kind)
        sql_type = column.type
        impl = getattr(sql_type, "impl_instance", None)  # a TypeDecorator's (sqlmodel's AutoString)
        if expected is None or not (
            isinstance(sql_type, expected)
            or (expected is not UTCDateTime and isinstance(impl, expected))
        ):
            raise Unsupported(f"{column.name}: {kind}")

    def scalar(self, expr: Any, schema: Any) -> Any:
        """A value of the statement (a column, a derived expression) as JSON text."""
        inner = self._unwrap(schema)
        kind = inner["type"]
        if kind in ("str", "enum") or (
            kind == "literal" and all(isinstance(v, str) for v in inner["expected"])
        ):
            return _null_as(cast(func.to_json(expr), Text))
        if kind == "uuid":
            return _null_as(_quoted(cast(expr, Text)))
        if kind == "int":
            return _null_as(cast(expr, Text))
        if kind == "bool":
            return case(
                (expr.is_(True), _sql_text("true")),
                (expr.is_(False), _sql_text("false")),
                else_=_sql_text("null"),
            )
        if kind == "date":
            return _null_as(_quoted(func.to_char(expr, _sql_text("YYYY-MM-DD"))))
        if kind == "datetime":
            # One to_char with the microseconds, and no fraction where they are all zero
            # (".000000" can only be the fraction).
            moment = func.to_char(
                func.timezone(_sql_text("UTC"), expr), _sql_text('YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
            )
            return _null_as(_quoted(func.replace(moment, _sql_text(".000000"), _sql_text(""))))
        raise Unsupported(kind)

    def collection(self, coll: Any, schema: Any) -> Any:
        """A scalar collection from its child rows, in position order (`[]` without any)."""
        if coll.value is None:
            raise Unsupported(coll.field)
        inner = self._unwrap(schema)
        if inner["type"] != "list":
            raise Unsupported(coll.field)
        child = coll.model.__table__.alias(f"regie_c{self.depth}")
        self.depth += 1
        item = self._unwrap(inner["items_schema"])["type"]
        value = child.c[coll.value]
        self._check_type(value, inner["items_schema"])
        if item not in ("uuid", "str", "enum", "int"):
            raise Unsupported(f"{coll.field}: {item}")
        # PostgreSQL writes an array of ids, texts or integers as pydantic-core does: compact,
        # ids as strings, texts escaped alike.
        array = (
            select(
                cast(
                    func.array_to_json(
                        func.array_agg(aggregate_order_by(value, child.c[coll.position]))
                    ),
                    Text,
                )
            )
            .select_from(child)
            .where(child.c[coll.parent_fk] == self.table.c.id)
            .scalar_subquery()
        )
        return func.coalesce(array, _sql_text("[]"))

    def document(self, doc: Any, schema: Any) -> Any:
        """A JSON document's value (jsonb) as the Python writer writes what it decodes to:
        scalars as they are, objects of a model with the model's keys in its order (keys it does
        not know left out), lists element by element; SQL NULL where the key is absent."""
        inner = self._unwrap(schema, document=True)
        kind = inner["type"]
        if kind in _SCALARS:
            return cast(doc, Text)
        if kind == "list":
            alias = f"regie_e{self.depth}"
            self.depth += 1
            elements = func.jsonb_array_elements(doc).table_valued(
                "value", with_ordinality="ordinality", name=alias
            )
            item = self.document(elements.c.value, inner["items_schema"])
            items = func.string_agg(
                item, aggregate_order_by(literal_column("','"), elements.c.ordinality)
            )
            array = (
                select(
                    func.coalesce(
                        _sql_text("[").op("||")(items).op("||")(_sql_text("]")), _sql_text("[]")
                    )
                )
                .select_from(elements)
                .scalar_subquery()
            )
            cases = [(doc == literal_column("'[]'::jsonb", JSONB), _sql_text("[]"))]
            scalar = self._unwrap(inner["items_schema"], document=True)["type"]
            if scalar in _COMPACTED:
                # A list of strings (or of numbers) only, as PostgreSQL writes it, differs
                # from the compact form only in its ", " between elements: a string's own
                # quotes are escaped, so '", "' is a separator and nothing else.
                json_type, separator = _COMPACTED[scalar]
                only = func.jsonb_path_exists(
                    doc,
                    literal_column("'strict $ ? (@.type() == \"array\")'", Text),
                ) & ~func.jsonb_path_exists(
                    doc,
                    literal_column(f"'strict $[*] ? (@.type() != \"{json_type}\")'", Text),
                )
                cases.append(
                    (
                        only,
                        func.replace(
                            cast(doc, Text),
                            _sql_text(separator),
                            _sql_text(separator.replace(" ", "")),
                        ),
                    )
                )
            cases.append((func.jsonb_typeof(doc) == "array", array))
            # An empty list is the common case: no subquery for it.
            return case(*cases, else_=cast(doc, Text))
        if kind == "model":
            ref = inner.get("ref")
            if ref is not None and ref in self.open:
                raise Unsupported("a recursive model")
            self.open.add(ref)
            fields = self._model_fields(inner)
            members = []
            for name, field in fields.items():
                if field.get("serialization_alias") or field.get("serialization_exclude"):
                    raise Unsupported(name)
                value = self.document(doc.op("->")(name), field["schema"])
                members.append(
                    case(
                        (doc.op("?")(name), _sql_text(f'"{name}":').op("||")(value)),
                    )
                )
            self.open.discard(ref)
            body = func.concat_ws(_sql_text(","), *members) if members else _sql_text("")
            obj = _sql_text("{").op("||")(body).op("||")(_sql_text("}"))
            cases = []
            names = list(fields)
            if names and all(
                self._unwrap(f["schema"], document=True)["type"] in _SCALARS
                for f in fields.values()
            ):
                # The usual object: exactly the model's keys, each a scalar (as stored by a
                # write): its members in order, without a test per key.
                keys = literal_column("'{" + ",".join(names) + "}'::text[]", postgresql.ARRAY(Text))
                exact = doc.op("?&")(keys) & (
                    doc.op("-")(keys) == literal_column("'{}'::jsonb", JSONB)
                )
                parts = []
                for n, name in enumerate(names):
                    parts.append(_sql_text(("{" if n == 0 else ",") + f'"{name}":'))
                    parts.append(cast(doc.op("->")(name), Text))
                parts.append(_sql_text("}"))
                cases.append((exact, func.concat(*parts)))
            cases.append((func.jsonb_typeof(doc) == "object", obj))
            return case(*cases, else_=cast(doc, Text))
        raise Unsupported(kind)
