"""The generic reads: a page of any resource, one record, and their serialisation through the
resource's read schema.

Two shapes of the same reads exist on purpose. Answers are built from plain rows
(`list_rows`, `get_visible_row`): an ORM object per row (identity map, instance state,
attribute events) cost more than reading it. Writes need ORM objects (`get_visible`): the
unit of work versions them and its listeners write the change feed and the audit trail from
them. `serialize` takes either."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic_core import SchemaSerializer, core_schema
from sqlalchemy import (
    JSON,
    Connection,
    Row,
    String,
    Uuid,
    bindparam,
    cast,
    func,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlmodel import Session

from api.core import driver, grants, pagejson, search
from api.core.errors import not_found
from api.core.grants import grant_clause
from api.core.models import Record
from api.core.pagination import ListParams, after_clause, decode_cursor, encode_cursor
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.core.resource import Collection, Resource

BASE_PARAMS = set(ListParams.model_fields) | {"q", "sort"}
SORT_KEY = "sort_key"  # the label of a requested sort's value in the page's rows


def _sort_columns(spec: Resource, params: ListParams) -> tuple[list[Any], bool]:
    """The keyset columns (the record id last) and whether the leading ones descend: the
    resource's default order, or the one `?sort=` asks for."""
    model = spec.model
    wanted = getattr(params, "sort", None)
    if wanted:
        name = str(getattr(wanted, "value", wanted))
        descending = name.startswith("-")
        expression = spec.sortable[name.removeprefix("-")]()
        return [expression.label(SORT_KEY), model.id], descending
    return [getattr(model, name) for name in spec.sort] + [model.id], spec.descending


def _list_query(
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None,
    query: Any,
    connection: Connection,
) -> tuple[Any, list[Any]]:
    """The page's query (filters, grant, keyset bound, order, limit + 1) and its sort columns."""
    grant = require(principal, spec.name, Verb.read)
    model = spec.model
    clause = grant_clause(spec, grant, principal)
    if clause is not None:
        query = query.where(clause)
    if parent_id is not None and spec.parent_fk:
        query = query.where(getattr(model, spec.parent_fk) == parent_id)
    if params.updated_since is not None:
        query = query.where(model.updated_at >= params.updated_since)
    q = getattr(params, "q", None)
    if q and spec.search:
        needle = q.strip().lower()
        narrowed = search.prefilter(connection, model.__tablename__, needle)
        if narrowed is not None:
            query = query.where(narrowed)
        query = query.where(
            or_(
                *[
                    func.lower(cast(getattr(model, c), String)).contains(needle, autoescape=True)
                    for c in spec.search
                ]
            )
        )
    for name, value in params.model_dump(exclude=BASE_PARAMS, exclude_none=True).items():
        builder = spec.filter_map.get(name)
        query = query.where(builder(value) if builder else getattr(model, name) == value)
    columns, descending = _sort_columns(spec, params)
    if columns[0].key == SORT_KEY:
        # The sort value is selected too: the next cursor is made of it.
        query = query.add_columns(columns[0])
    bare = [c.element if c.key == SORT_KEY else c for c in columns]
    if params.cursor:
        query = query.where(after_clause(bare, decode_cursor(params.cursor, columns), descending))
    if columns[0].key == SORT_KEY:
        order = _order(bare, descending)
    else:  # the resource's own order: the same clauses on every request
        key = (spec.name, descending)
        order = _DEFAULT_ORDER.get(key) or _DEFAULT_ORDER.setdefault(key, _order(bare, descending))
    # The page's size is written into the statement: PostgreSQL then plans a prepared page
    # statement once, where a bound LIMIT had it plan it anew on every execution (its generic
    # plan looked dearer than a custom one), a fifth of the statement's CPU.
    limit: Any = bindparam("page_limit", params.limit + 1, literal_execute=True)
    return query.order_by(*order).limit(limit), columns


def _order(columns: list[Any], descending: bool) -> list[Any]:
    """ORDER BY the keyset columns (the record id last, always ascending)."""
    return [c.desc() if descending else c.asc() for c in columns[:-1]] + [columns[-1].asc()]


_DEFAULT_ORDER: dict[tuple[str, bool], list[Any]] = {}


def _page(rows: list[Any], columns: list[Any], limit: int) -> tuple[list[Any], str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, c.key) for c in columns])


def _page_of(
    rows: list[tuple[Any, ...]], keys: tuple[str, ...], columns: list[Any], limit: int
) -> tuple[list[Any], str | None]:
    """`_page` of plain tuples whose columns are `keys`."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = dict(zip(keys, rows[-1], strict=True))
    return rows, encode_cursor([last[c.key] for c in columns])


def list_records(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
) -> tuple[list[Record], str | None]:
    """One page of the records the caller may read, in keyset order, as ORM objects. Only the
    whole-dataset export (`api.exchange.dump`) still reads pages this way; answers, CSV
    exports included, use `list_rows`. The export can move to `list_rows` too (`state_of`
    reads a plain row as well): then this twin goes."""
    query, columns = _list_query(
        principal, spec, params, parent_id, select(spec.model), session.connection()
    )
    return _page(list(session.scalars(query)), columns, params.limit)


def list_rows(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
) -> tuple[list[Any], str | None]:
    """One page of the records the caller may read, in keyset order, as plain rows of the
    table's columns: building an ORM object (identity map, instance state, attribute events)
    for each row of a page cost more than reading it. Rows answer `row.id`, `row.<column>`
    like the objects, and `serialize` takes either. Read on the session's connection: a read
    has nothing pending to flush.

    Collections of scalars (e.g. partner ids) the caller's schema shows come in the same
    statement, each as a JSON array from a correlated subquery in position order, instead of
    one more statement per collection (see `_collection_array`)."""
    connection = session.connection()
    query, columns = _list_query(
        principal,
        spec,
        params,
        parent_id,
        _row_select(spec, principal, connection.dialect.name),
        connection,
    )
    return _page(connection.execute(query).all(), columns, params.limit)


def page_json(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
) -> tuple[bytes, str | None]:
    """One page of the records the caller may read as the JSON array of its items, and the
    next cursor. On PostgreSQL the page's statement writes each item's JSON itself
    (`api.core.pagejson`) where the read schema allows; otherwise the rows are read
    (`list_rows`) and written by the read schema's serialisers (`serialize_json`)."""
    connection = session.connection()
    schema = spec.read_schema(principal)
    parts = pagejson.item_parts(spec, schema) if connection.dialect.name == "postgresql" else None
    if parts is None:
        rows, cursor = list_rows(session, principal, spec, params, parent_id)
        return serialize_json(session, principal, spec, rows), cursor
    allowed = pagejson.has_allowed(parts)
    own = grants.own_clause(spec, principal) if allowed else None
    if own is None:  # the same statement for every caller: built once
        key = (spec.name, id(parts))
        base = _PAGE_SELECTS.get(key)
        if base is None:
            base = _PAGE_SELECTS[key] = _page_select(spec, pagejson.item_expression(parts, None))
    else:
        base = _page_select(spec, pagejson.item_expression(parts, own))
    query, columns = _list_query(principal, spec, params, parent_id, base, connection)
    binds: dict[str, str] = {}
    if allowed:
        of_own, of_other = grants.allowed_by_ownership(spec, principal)
        binds = {pagejson.ALLOWED_OWN: of_own, pagejson.ALLOWED_OTHER: of_other}
    sent = driver.page_rows(connection, query, binds)
    if sent is None:
        rows, cursor = _page(connection.execute(query, binds).all(), columns, params.limit)
    else:
        keys, plain = sent
        rows, cursor = _page_of(plain, keys, columns, params.limit)
    return ("[" + ",".join([row[0] for row in rows]) + "]").encode(), cursor


def _page_select(spec: Resource, item: Any) -> Any:
    """SELECT an item's JSON text and the keyset columns the next cursor is made of."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    return select(
        item.label(pagejson.PAGE_ITEM), *[table.c[name] for name in spec.sort], table.c.id
    )


# By resource and item parts (`pagejson.item_parts` keeps them for the process's life).
_PAGE_SELECTS: dict[tuple[str, int], Any] = {}


def _row_select(spec: Resource, principal: Principal, dialect: str) -> Any:
    """The table's columns, the scalar collections the caller's schema shows and the derived
    fields of `Resource.extra_columns`: everything a read schema needs, in one statement."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    fields = spec.read_schema(principal).model_fields
    arrays = [
        _collection_array(coll, table, dialect).label(coll.field)
        for coll in spec.collections
        if coll.value and coll.field in fields
    ]
    derived = [e.label(k) for k, e in (spec.extra_columns() if spec.extra_columns else {}).items()]
    own = grants.own_column(spec, principal)
    return select(*table.c, *arrays, *derived, *([own] if own is not None else []))


@cache  # built once: aliasing a subquery copies its columns, on every request otherwise
def _collection_array(coll: Collection, parent: Any, dialect: str) -> Any:
    """A record's values of a scalar collection as a JSON array, in position order (`[]`
    without any). The values come back as JSON text (ids as strings); the read schema
    validates them into the same types a separate query would give."""
    assert coll.value is not None  # collections of objects keep their own query
    child = coll.model.__table__  # type: ignore[attr-defined]
    fk, value, position = child.c[coll.parent_fk], child.c[coll.value], child.c[coll.position]
    if dialect == "postgresql":
        agg = func.coalesce(func.json_agg(aggregate_order_by(value, position)), text("'[]'::json"))
        array = select(agg).where(fk == parent.c.id).scalar_subquery()
    else:
        # SQLite (before 3.44) has no ORDER BY inside an aggregate: it aggregates the rows of
        # an ordered subquery in their order (which its flattener keeps for an aggregate).
        # It keeps a UUID as 32 hex digits: the array holds them as the API writes them (as
        # PostgreSQL's does), so a page is written without a conversion per id.
        shown = _dashed(value).label(coll.value) if isinstance(value.type, Uuid) else value
        ordered = (
            select(shown).where(fk == parent.c.id).order_by(position).correlate(parent).subquery()
        )
        array = select(func.json_group_array(ordered.c[coll.value])).scalar_subquery()
    return type_coerce(array, JSON)


def _dashed(hex32: Any) -> Any:
    """A UUID stored as 32 hex digits (SQLite) in its 8-4-4-4-12 form, in SQL."""
    parts = [
        func.substr(hex32, start, n) for start, n in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    ]
    out: Any = parts[0]
    for part in parts[1:]:
        out = out.op("||")("-").op("||")(part)
    return out  # SQLAlchemy stores the hex digits in lower case already


def get_visible(
    session: Session,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID,
    parent_id: uuid.UUID | None = None,
) -> Record:
    """The record as an ORM object, or 404 when it does not exist or the caller may not read
    it: for writes and checks (a read's answer comes from `get_visible_row`)."""
    query = _visible_one(select(spec.model), principal, spec, record_id, parent_id)
    obj = session.scalars(query).first()
    if obj is None:
        raise not_found(spec.label.capitalize())
    return obj


def _visible_one(
    query: Any,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID,
    parent_id: uuid.UUID | None,
) -> Any:
    """`query` narrowed to the one record, if the caller's grant (and the parent) allow it."""
    grant = require(principal, spec.name, Verb.read)
    model = spec.model
    query = query.where(model.id == record_id)
    clause = grant_clause(spec, grant, principal)
    if clause is not None:
        query = query.where(clause)
    if parent_id is not None and spec.parent_fk:
        query = query.where(getattr(model, spec.parent_fk) == parent_id)
    return query


def get_visible_row(
    session: Session,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID,
    parent_id: uuid.UUID | None = None,
) -> Any:
    """`get_visible` as one plain row with its collections and derived fields (see
    `list_rows`), for answering a read; 404 alike."""
    connection = session.connection()
    query = _visible_one(
        _row_select(spec, principal, connection.dialect.name), principal, spec, record_id, parent_id
    )
    row = connection.execute(query).first()
    if row is None:
        raise not_found(spec.label.capitalize())
    return row


def _collection_items(rows: Sequence[Any], coll: Collection) -> dict[uuid.UUID, list[Any]]:
    out: dict[uuid.UUID, list[Any]] = {}
    skip = {coll.parent_fk, coll.position}
    for row in rows:
        values = row._mapping
        if coll.value:
            item: Any = values[coll.value]
        else:
            item = {k: v for k, v in values.items() if k not in skip}
        out.setdefault(values[coll.parent_fk], []).append(item)
    return out


@cache
def _collection_query(coll: Collection) -> Any:
    """The child rows of a page's records, built once: constructing and coercing the SELECT
    and its IN list on every request cost about as much as running it."""
    table = coll.model.__table__  # type: ignore[attr-defined]
    fk = table.c[coll.parent_fk]
    columns = [fk, table.c[coll.value]] if coll.value else list(table.c)
    return (
        select(*columns)
        .where(fk.in_(bindparam("ids", expanding=True)))
        .order_by(fk, table.c[coll.position])
    )


def load_collections(
    session: Session, spec: Resource, ids: Sequence[uuid.UUID], skip: set[str] | None = None
) -> dict[str, dict[uuid.UUID, list[Any]]]:
    """Every collection of a page in one query per collection (no N+1). Child rows are read
    as plain columns on the session's connection: building ORM objects for them cost more than
    the rest of a page. Child rows are only ever written by statements that run at once
    (`_write_collections`), so there is nothing pending to flush first."""
    loaded: dict[str, dict[uuid.UUID, list[Any]]] = {}
    for coll in spec.collections:
        if skip and coll.field in skip:
            continue
        if not ids:
            loaded[coll.field] = {}
            continue
        rows = session.connection().execute(_collection_query(coll), {"ids": list(ids)}).all()
        loaded[coll.field] = _collection_items(rows, coll)
    return loaded


@cache
def _items_adapter(schema: type[BaseModel]) -> TypeAdapter[list[Any]]:
    """One validator and serialiser for a whole page of a read schema, built once."""
    return TypeAdapter(list[schema])  # type: ignore[valid-type]


def _item_data(
    session: Session, principal: Principal, spec: Resource, objs: Sequence[Any]
) -> tuple[type[BaseModel], list[dict[str, Any]]]:
    """What the read schema shows of each record (ORM object or plain row): its columns, its
    collections and the resource's derived fields, each dict in the schema's field order
    (`serialize_json` writes them in that order)."""
    schema = spec.read_schema(principal)
    ids = [o.id for o in objs]
    # Collections a plain row already holds (`list_rows`) are not read again.
    held = set(objs[0]._fields) if objs and isinstance(objs[0], Row) else set()
    colls = load_collections(session, spec, ids, skip=held)
    extra = spec.extra(session, objs) if spec.extra and not (held and spec.extra_columns) else {}
    fields = schema.model_fields
    allowed = grants.allowed(session, spec, principal, objs) if "allowed" in fields else None
    rows = bool(objs) and isinstance(objs[0], Row)
    # Plain rows share their keys: find each field's position in the row once for the page.
    at = {k: i for i, k in enumerate(objs[0]._fields)} if rows else {}
    out = []
    for n, obj in enumerate(objs):
        values: Any = tuple(obj) if rows else obj.__dict__
        more = extra.get(obj.id, {})
        data: dict[str, Any] = {}
        for name in fields:
            if name in more:
                data[name] = more[name]
            elif name in colls:
                data[name] = colls[name].get(obj.id, [])
            elif name == "allowed" and allowed is not None:
                data[name] = allowed[n]
            elif rows:
                if name in at:
                    data[name] = values[at[name]]
            elif name in values:
                data[name] = values[name]
        out.append(data)
    return schema, out


def serialize(
    session: Session, principal: Principal, spec: Resource, objs: Sequence[Any]
) -> list[BaseModel]:
    schema, data = _item_data(session, principal, spec, objs)
    items: list[BaseModel] = _items_adapter(schema).validate_python(data)
    return items


def serialize_json(
    session: Session, principal: Principal, spec: Resource, objs: Sequence[Any]
) -> bytes:
    """A page's items as one JSON array, written by the read schema's own serialisers without
    validating the rows again (`_page_writer`): the database gives back what a write
    validated. A field a row lacks gets the schema's default; a page missing a required field
    is validated after all (and fails as it would have)."""
    schema, data = _item_data(session, principal, spec, objs)
    if schema.model_computed_fields:  # computed from the model's own properties (documents' links)
        adapter = _items_adapter(schema)
        return adapter.dump_json(adapter.validate_python(data))
    writer, defaults, required, nested = _page_writer(schema)
    order = schema.model_fields
    for n, item in enumerate(data):
        if len(item) != len(order):
            if not required.issubset(item):
                adapter = _items_adapter(schema)
                return adapter.dump_json(adapter.validate_python(data))
            item = data[n] = {k: item[k] if k in item else defaults[k] for k in order}
        for name, arrange in nested:
            item[name] = arrange(item[name])
    return writer.to_json(data)


Arrange = Callable[[Any], Any]


@cache
def _page_writer(
    schema: type[BaseModel],
) -> tuple[SchemaSerializer, dict[str, Any], frozenset[str], list[tuple[str, Arrange]]]:
    """The read schema's serialiser for a page of plain dicts, built once: each model becomes
    a typed dict of the same fields, and each value is written by its field's own serialiser
    when it has one (`PlainSerializer`), else as what it is (a UUID, a moment, a date, a
    number, an enum's value), which is what the schema's would write for the values the
    database gives back. The fields' defaults and the required ones come with it.
    tests/core/test_page_writer.py holds its bytes equal to validating then dumping, for every
    resource and role."""
    writer = SchemaSerializer(core_schema.list_schema(_plain(schema.__pydantic_core_schema__)))
    defaults = {
        name: f.get_default(call_default_factory=True)
        for name, f in schema.model_fields.items()
        if not f.is_required()
    }
    required = frozenset(n for n, f in schema.model_fields.items() if f.is_required())
    core = schema.__pydantic_core_schema__
    defs = (
        {d["ref"]: d for d in core.get("definitions", [])} if core["type"] == "definitions" else {}
    )
    fields = _model_fields(core, defs)["fields"]
    nested = [
        (name, arrange)
        for name, field in fields.items()
        # `allowed` is built in its model's order (grants.allowed)
        if name != "allowed" and (arrange := _arranger(field["schema"], defs, set())) is not None
    ]
    return writer, defaults, required, nested


def _model_fields(schema: Any, defs: dict[str, Any]) -> Any:
    while schema["type"] in ("definitions", "definition-ref", "model"):
        schema = (
            defs[schema["schema_ref"]] if schema["type"] == "definition-ref" else schema["schema"]
        )
    return schema


def _arranger(schema: Any, defs: dict[str, Any], seen: set[str]) -> Arrange | None:
    """For a field holding objects of a nested model (a JSON document, child rows): put each
    object's keys in the model's field order, which the typed dict writes them in (PostgreSQL's
    JSONB keeps keys in an order of its own). None where the field holds no such object."""
    kind = schema["type"]
    if kind == "definition-ref":
        ref = schema["schema_ref"]
        if ref in seen:  # a recursive model (an agenda item's items)
            return lambda value: _ARRANGERS[ref](value)
        return _arranger(defs[ref], defs, seen | {ref})
    if kind == "model":
        inner = _model_fields(schema, defs)["fields"]
        subs = {
            n: _arranger(f["schema"], defs, seen | {schema.get("ref", "")})
            for n, f in inner.items()
        }

        def arrange(value: Any) -> Any:
            if not isinstance(value, dict):
                return value
            return {n: (a(value[n]) if a else value[n]) for n, a in subs.items() if n in value}

        if schema.get("ref"):
            _ARRANGERS[schema["ref"]] = arrange
        return arrange
    if kind in ("nullable", "default", "function-before", "function-after", "list"):
        inner_schema = schema.get("items_schema") if kind == "list" else schema.get("schema")
        if inner_schema is None:
            return None
        sub = _arranger(inner_schema, defs, seen)
        if sub is None:
            return None
        if kind == "list":
            return lambda value: [sub(v) for v in value] if isinstance(value, list) else value
        return lambda value: None if value is None else sub(value)
    return None


_ARRANGERS: dict[str, Arrange] = {}


def _plain(schema: Any) -> Any:
    """`schema` for writing plain values (see `_page_writer`); references between
    definitions (a recursive agenda item) stay references."""
    kind, ref = schema["type"], schema.get("ref")
    if kind == "definitions":
        return core_schema.definitions_schema(
            _plain(schema["schema"]), [_plain(d) for d in schema["definitions"]]
        )
    if kind == "definition-ref":
        return core_schema.definition_reference_schema(schema["schema_ref"])
    if kind == "model":
        inner = schema["schema"]
        return core_schema.typed_dict_schema(
            {
                name: core_schema.typed_dict_field(
                    _plain(field["schema"]),
                    required=False,
                    serialization_alias=field.get("serialization_alias"),
                    serialization_exclude=field.get("serialization_exclude"),
                )
                for name, field in inner["fields"].items()
            },
            ref=ref,
        )
    if kind == "nullable":
        return core_schema.nullable_schema(_plain(schema["schema"]), ref=ref)
    if kind == "list":
        return core_schema.list_schema(_plain(schema["items_schema"]), ref=ref)
    if "serialization" in schema:
        stored = _stored(schema["serialization"])
        return core_schema.any_schema(ref=ref, **({"serialization": stored} if stored else {}))
    if kind in ("default", "function-before", "function-after") and "schema" in schema:
        inner = _plain(schema["schema"])
        return inner if ref is None else {**inner, "ref": ref}
    return core_schema.any_schema(ref=ref)


def _stored(serialization: Any) -> Any:
    """A field's plain serialiser, passing through a value already of its output type: a JSON
    document holds what the serialiser wrote when it was stored (a milestone's date as text).
    None where writing the value as it is does the same (`date.isoformat`)."""
    if serialization.get("type") != "function-plain" or serialization.get("info_arg"):
        return serialization
    if serialization["function"] is date.isoformat:
        return None  # what inference writes for a date, and a date stored as text stays text
    returns = {"str": str, "float": float, "int": int}.get(
        (serialization.get("return_schema") or {}).get("type", "")
    )
    if returns is None:
        return serialization
    function = serialization["function"]

    def write(value: Any) -> Any:
        return value if type(value) is returns else function(value)

    return {**serialization, "function": write}


def state_of(session: Session, spec: Resource, obj: Record) -> dict[str, Any]:
    """The record as its create schema sees it (columns and collections)."""
    state = {f: getattr(obj, f) for f in spec.column_fields}
    for name, by_parent in load_collections(session, spec, [obj.id]).items():
        state[name] = by_parent.get(obj.id, [])
    return state


def find_by_external_id(
    session: Session, spec: Resource, source: str, external_id: str
) -> Record | None:
    model: Any = spec.model
    return session.scalars(
        select(model).where(model.source == source, model.external_id == external_id)
    ).first()
