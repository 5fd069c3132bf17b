"""The generic service: list, read, create, update, replace, upsert and delete any resource.

Permissions are asked of `api.core.permissions` once per operation; what "own" and "public"
mean is the resource's SQL (`Resource.own`, `Resource.public`), so the same clause filters
lists and checks single records. Services flush; the request's unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy import (
    JSON,
    Connection,
    Row,
    String,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from api.core import search
from api.core.errors import ProblemError, not_found
from api.core.etags import check_if_match, etag  # noqa: F401  (crud.etag until the split)
from api.core.models import Record
from api.core.pagination import ListParams, after_clause, decode_cursor, encode_cursor
from api.core.permissions import Action, Cond, Grant, require
from api.core.principal import Principal
from api.core.resource import REGISTRY, Clause, Collection, Resource
from api.core.types import utcnow

BASE_PARAMS = set(ListParams.model_fields) | {"q"}
READ_ONLY = {"created_at", "updated_at", "version"}


# --- permissions -------------------------------------------------------------------------


def grant_clause(spec: Resource, grant: Grant, principal: Principal) -> Clause | None:
    """The WHERE clause that limits a grant to its records; None means every record."""
    if grant.cond is Cond.ALL:
        return None
    if grant.cond is Cond.PUBLIC:
        if spec.public is None:
            raise RuntimeError(f"{spec.name}: a PUBLIC grant needs Resource.public")
        return spec.public()
    if spec.own is None:
        raise RuntimeError(f"{spec.name}: an OWN grant needs Resource.own")
    return spec.own(principal)


def _matches(session: Session, spec: Resource, obj_id: uuid.UUID, clause: Clause | None) -> bool:
    if clause is None:
        return True
    model = spec.model
    return bool(session.scalar(select(exists().where(model.id == obj_id, clause))))


def _check_grant(
    session: Session, spec: Resource, principal: Principal, obj_id: uuid.UUID, action: Action
) -> Grant:
    grant = require(principal, spec.name, action)
    if not _matches(session, spec, obj_id, grant_clause(spec, grant, principal)):
        raise ProblemError(403, f"You may not {action.value} this {spec.label}.")
    return grant


# --- reading -----------------------------------------------------------------------------


def _sort_columns(spec: Resource) -> list[Any]:
    model = spec.model
    return [getattr(model, name) for name in spec.sort] + [model.id]


def _list_query(
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None,
    query: Any,
    connection: Connection,
) -> tuple[Any, list[Any]]:
    """The page's query (filters, grant, keyset bound, order, limit + 1) and its sort columns."""
    grant = require(principal, spec.name, Action.read)
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
    columns = _sort_columns(spec)
    if params.cursor:
        query = query.where(
            after_clause(columns, decode_cursor(params.cursor, columns), spec.descending)
        )
    order = [c.desc() if spec.descending else c.asc() for c in columns[:-1]] + [columns[-1].asc()]
    return query.order_by(*order).limit(params.limit + 1), columns


def _page(rows: list[Any], columns: list[Any], limit: int) -> tuple[list[Any], str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([getattr(last, c.key) for c in columns])


def list_records(
    session: Session,
    principal: Principal,
    spec: Resource,
    params: ListParams,
    parent_id: uuid.UUID | None = None,
) -> tuple[list[Record], str | None]:
    """One page of the records the caller may read, in keyset order, as ORM objects (for
    callers that go on to change or inspect them; pages to answer use `list_rows`)."""
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
    """The same page as `list_records`, as plain rows of the table's columns: building an ORM
    object (identity map, instance state, attribute events) for each row of a page cost more
    than reading it. Rows answer `row.id`, `row.<column>` like the objects, and `serialize`
    takes either. Read on the session's connection: a read has nothing pending to flush.

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
    return select(*table.c, *arrays, *derived)


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
        ordered = (
            select(value).where(fk == parent.c.id).order_by(position).correlate(parent).subquery()
        )
        array = select(func.json_group_array(ordered.c[coll.value])).scalar_subquery()
    return type_coerce(array, JSON)


def get_visible(
    session: Session,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID,
    parent_id: uuid.UUID | None = None,
) -> Record:
    """The record, or 404 when it does not exist or the caller may not read it."""
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
    grant = require(principal, spec.name, Action.read)
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
    """What the read schema validates for each record (ORM object or plain row): its
    columns, its collections and the resource's derived fields."""
    schema = spec.read_schema(principal)
    ids = [o.id for o in objs]
    # Collections a plain row already holds (`list_rows`) are not read again.
    held = set(objs[0]._fields) if objs and isinstance(objs[0], Row) else set()
    colls = load_collections(session, spec, ids, skip=held)
    extra = spec.extra(session, objs) if spec.extra and not (held and spec.extra_columns) else {}
    fields = schema.model_fields
    # Plain rows share their keys: pick the schema's columns by position once for the page.
    picks = (
        [(i, k) for i, k in enumerate(objs[0]._fields) if k in fields]
        if objs and isinstance(objs[0], Row)
        else None
    )
    out = []
    for obj in objs:
        if picks is not None:
            data = {k: obj[i] for i, k in picks}
        else:
            data = {k: v for k, v in obj.__dict__.items() if k in fields}
        for name, by_parent in colls.items():
            if name in fields:
                data[name] = by_parent.get(obj.id, [])
        data.update(extra.get(obj.id, {}))
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
    """A page's items as one JSON array, through the read schema (validated as `serialize`
    does, then serialised in one call instead of item by item)."""
    schema, data = _item_data(session, principal, spec, objs)
    adapter = _items_adapter(schema)
    return adapter.dump_json(adapter.validate_python(data))


def state_of(session: Session, spec: Resource, obj: Record) -> dict[str, Any]:
    """The record as its create schema sees it (columns and collections)."""
    state = {f: getattr(obj, f) for f in spec.column_fields}
    for name, by_parent in load_collections(session, spec, [obj.id]).items():
        state[name] = by_parent.get(obj.id, [])
    return state


# --- writing -----------------------------------------------------------------------------


def _validation_problem(exc: ValidationError) -> ProblemError:
    errors = []
    for err in exc.errors():
        msg = "Unknown field." if err["type"] == "extra_forbidden" else err["msg"]
        errors.append((("body", *err["loc"]), msg))
    return ProblemError(
        422,
        "The request is not valid; see `errors` for each problem.",
        title="Validation failed",
        errors=errors,
    )


def _check_references(session: Session, spec: Resource, state: dict[str, Any]) -> None:
    """Unknown references answer 422 at their field, before the database would refuse."""
    problems = []
    table = spec.model.__table__  # type: ignore[attr-defined]
    for fk in table.foreign_keys:
        name = fk.parent.key
        value = state.get(name)
        if value is None or name == spec.parent_fk:
            continue
        target = fk.column
        if session.scalar(select(func.count()).where(target == value)) == 0:
            problems.append((("body", name), f"No {target.table.name} record with this key."))
    for coll in spec.collections:
        values = state.get(coll.field)
        if not values or not coll.value:
            continue
        col = coll.model.__table__.c[coll.value]  # type: ignore[attr-defined]
        for fk in col.foreign_keys:
            found = set(session.scalars(select(fk.column).where(fk.column.in_(values))))
            for i, v in enumerate(values):
                if v not in found:
                    problems.append(
                        (
                            ("body", coll.field, i),
                            f"No {fk.column.table.name} record with this key.",
                        )
                    )
    if problems:
        raise ProblemError(
            422,
            "The request refers to records that do not exist.",
            title="Unknown reference",
            errors=problems,
        )


def _write_collections(
    session: Session, spec: Resource, obj: Record, state: dict[str, Any]
) -> None:
    for coll in spec.collections:
        if coll.field not in state:
            continue
        session.execute(delete(coll.model).where(getattr(coll.model, coll.parent_fk) == obj.id))
        rows = collection_rows(coll, obj.id, state[coll.field])
        if rows:
            session.execute(insert(coll.model), rows)


def collection_rows(coll: Collection, parent_id: uuid.UUID, items: Any) -> list[dict[str, Any]]:
    """The child-table rows of one record's collection, in position order."""
    rows = []
    for pos, item in enumerate(items or []):
        row: dict[str, Any] = {coll.parent_fk: parent_id, coll.position: pos}
        if coll.value:
            row[coll.value] = item
        else:
            row.update(item.model_dump() if isinstance(item, BaseModel) else item)
            if "id" in coll.model.model_fields and row.get("id") is None:
                row["id"] = uuid.uuid4()
        rows.append(row)
    return rows


def _flush(session: Session, spec: Resource, doing: str) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise ProblemError(
            412, f"The {spec.label} was changed meanwhile; reload it and retry."
        ) from exc
    except IntegrityError as exc:
        raise _integrity_problem(spec, exc, doing) from exc


def _integrity_problem(spec: Resource, exc: IntegrityError, doing: str) -> ProblemError:
    text = str(exc.orig).lower()
    if "foreign key" in text or "violates foreign key" in text:
        if doing == "delete":
            return ProblemError(
                409,
                f"This {spec.label} is still referenced by other records; "
                "remove those references first.",
            )
        return ProblemError(
            422, "The request refers to records that do not exist.", title="Unknown reference"
        )
    if "unique" in text or "duplicate" in text:
        keys = ", ".join(spec.natural_key) or "key"
        return ProblemError(409, f"A {spec.label} with this {keys} already exists.")
    return ProblemError(409, f"The {spec.label} conflicts with existing data.")


def _validated_state(spec: Resource, state: dict[str, Any]) -> dict[str, Any]:
    try:
        model = spec.create.model_validate(state)
    except ValidationError as exc:
        raise _validation_problem(exc) from exc
    return {name: getattr(model, name) for name in spec.create.model_fields}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _stored(spec: Resource, name: str, value: Any) -> Any:
    """A value as its column keeps it: JSON documents hold dates and decimals as JSON, so a
    date read back from one is a string and must compare equal to the date it was written as."""
    value = _plain(value)
    column = spec.model.__table__.c.get(name)  # type: ignore[attr-defined]
    if column is not None and isinstance(column.type, JSON):
        value = to_jsonable_python(value)
    return value


# For bulk paths (the whole-dataset import) that build records the way `create_record` does.
stored_value = _stored
flush_or_problem = _flush


def _apply(
    session: Session, spec: Resource, obj: Record, state: dict[str, Any], doing: str
) -> None:
    if doing == "update":
        # Child rows first: writing them autoflushes, and the record's own columns must change
        # in a single UPDATE, one version step.
        _write_collections(session, spec, obj, state)
    for name in spec.column_fields:
        if name in state and name != "id":
            setattr(obj, name, _stored(spec, name, state[name]))
    if doing == "create" and spec.collections:
        # Child rows point to the record: it must be in the database first, and a conflict
        # of its own columns must answer as one rather than as a failed child insert.
        session.add(obj)
        _flush(session, spec, doing)
        _write_collections(session, spec, obj, state)


def create_record(
    session: Session,
    principal: Principal,
    spec: Resource,
    payload: BaseModel,
    parent_id: uuid.UUID | None = None,
    overrides: dict[str, Any] | None = None,
) -> Record:
    grant = require(principal, spec.name, Action.create)
    given = payload.model_dump(exclude_unset=True)
    if grant.fields is not None and set(given) - grant.fields - {"id"}:
        raise ProblemError(403, f"Your role may only set {', '.join(sorted(grant.fields))}.")
    state = {name: getattr(payload, name) for name in spec.create.model_fields}
    state.update(overrides or {})
    if parent_id is not None and spec.parent_fk:
        state[spec.parent_fk] = parent_id
    record_id = state.get("id") or uuid.uuid4()
    if session.get(spec.model, record_id) is not None:
        raise ProblemError(409, f"A {spec.label} with this id already exists.")
    _check_references(session, spec, state)
    if spec.validate:
        spec.validate(session, state, None)
    obj = spec.model(id=record_id)
    if parent_id is not None and spec.parent_fk:
        setattr(obj, spec.parent_fk, parent_id)
    _apply(session, spec, obj, state, "create")
    session.add(obj)
    _flush(session, spec, "create")
    if not _matches(session, spec, obj.id, grant_clause(spec, grant, principal)):
        raise ProblemError(403, f"You may only create a {spec.label} of your own.")
    return obj


def _lock_version(session: Session, spec: Resource, obj: Record) -> None:
    """Child rows are written before the record's own versioned UPDATE. Lock the record's row
    first, so that a concurrent writer of the same version waits here and then answers 412,
    instead of colliding on the child rows (409). SQLite serialises writers anyway."""
    model: Any = spec.model
    current = session.scalar(select(model.version).where(model.id == obj.id).with_for_update())
    if current != obj.version:
        raise ProblemError(412, f"The {spec.label} was changed meanwhile; reload it and retry.")


def update_record(
    session: Session,
    principal: Principal,
    spec: Resource,
    obj: Record,
    changes: dict[str, Any],
    *,
    replace: bool = False,
    if_match: str | None = None,
) -> Record:
    """Merge-patch (or, with `replace`, overwrite) a readable record."""
    grant = _check_grant(session, spec, principal, obj.id, Action.update)
    check_if_match(obj, if_match, spec.label)
    current = state_of(session, spec, obj)
    if replace:
        merged = dict(changes)
        merged["id"] = obj.id
    else:
        merged = {**{k: _plain(v) for k, v in current.items()}, **changes}
    if spec.parent_fk and spec.parent_fk in spec.create.model_fields:
        # A child whose create schema has no parent field takes its parent from the URL.
        merged[spec.parent_fk] = current.get(spec.parent_fk, getattr(obj, spec.parent_fk))
    state = _validated_state(spec, merged)
    if state.get("id") not in (None, obj.id):
        raise ProblemError(
            422,
            "The id of a record cannot change.",
            errors=[(("body", "id"), "Does not match the record.")],
        )
    changed = {
        k for k, v in state.items() if _stored(spec, k, v) != _stored(spec, k, current.get(k))
    }
    if grant.fields is not None and changed - grant.fields:
        raise ProblemError(
            403,
            f"Your role may only change {', '.join(sorted(grant.fields))} of this {spec.label}.",
            errors=[
                (("body", k), "You may not change this field.")
                for k in sorted(changed - grant.fields)
            ],
        )
    if not changed:
        return obj
    _check_references(session, spec, {k: state[k] for k in changed})
    if spec.validate:
        spec.validate(session, state, obj)
        # A hook may settle a value (e.g. null meaning "keep"): what it settled on decides
        # whether anything changed, so a no-op write does not bump the version.
        changed = {
            k for k in changed if _stored(spec, k, state[k]) != _stored(spec, k, current.get(k))
        }
        if not changed:
            return obj
    if any(c.field in changed for c in spec.collections):
        _lock_version(session, spec, obj)
    _apply(session, spec, obj, {k: state[k] for k in changed}, "update")
    obj.updated_at = utcnow()  # also bumps the version when only collections changed
    _flush(session, spec, "update")
    clause = grant_clause(spec, grant, principal)
    if not _matches(session, spec, obj.id, clause):
        raise ProblemError(403, f"This change would take the {spec.label} out of your reach.")
    return obj


def delete_record(
    session: Session, principal: Principal, spec: Resource, obj: Record, if_match: str | None = None
) -> None:
    _check_grant(session, spec, principal, obj.id, Action.delete)
    check_if_match(obj, if_match, spec.label)
    if spec.before_delete:
        spec.before_delete(session, obj)
    # Child records (measurements, dossier events) go with their parent, each through the
    # ORM so the change feed gets a tombstone for every one of them.
    for child in REGISTRY.values():
        if child.parent is spec and child.parent_fk:
            fk = getattr(child.model, child.parent_fk)
            for row in session.scalars(select(child.model).where(fk == obj.id)):
                session.delete(row)
    # Without ORM relationships the unit of work does not order these deletes by foreign
    # key: flush the children first, or the parent's DELETE may run before theirs.
    _flush(session, spec, "delete")
    session.delete(obj)
    _flush(session, spec, "delete")


def find_by_external_id(
    session: Session, spec: Resource, source: str, external_id: str
) -> Record | None:
    model: Any = spec.model
    return session.scalars(
        select(model).where(model.source == source, model.external_id == external_id)
    ).first()


def model_columns(spec: Resource) -> list[str]:
    return [c.key for c in inspect(spec.model).mapper.column_attrs]
