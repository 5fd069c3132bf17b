"""The generic writes: create, update (merge patch or replace) and delete any resource.

Each write asks the permission table once, checks the grant's SQL on the record before and
after it changes (`api.core.grants`), validates through the create schema and the resource's
`validate` hook, and flushes; the request's unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from sqlalchemy import JSON, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from api.core import grants, reads
from api.core.errors import FieldErrorSpec, ProblemError, validation_problem
from api.core.etags import check_if_match
from api.core.models import Record
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.core.registry import REGISTRY
from api.core.resource import Collection, Resource
from api.core.types import utcnow
from api.core.unitofwork import note_collections, wrote_last


def _validation_problem(exc: ValidationError) -> ProblemError:
    return validation_problem(exc.errors())


def _check_references(session: Session, spec: Resource, state: dict[str, Any]) -> None:
    """Unknown references answer 422 at their field, before the database would refuse."""
    problems: list[FieldErrorSpec] = []
    table = spec.model.__table__  # type: ignore[attr-defined]
    for fk in table.foreign_keys:
        name = fk.parent.key
        value = state.get(name)
        if value is None or name == spec.parent_fk:
            continue
        target = fk.column
        if session.scalar(select(func.count()).where(target == value)) == 0:
            problems.append((("body", name), "no_such_record", {"table": target.table.name}))
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
                            "no_such_record",
                            {"table": fk.column.table.name},
                        )
                    )
    if problems:
        raise ProblemError(422, "unknown_reference", title="Unknown reference", errors=problems)


def _write_collections(
    session: Session, spec: Resource, obj: Record, state: dict[str, Any]
) -> dict[str, Any]:
    """Replace the record's child rows of the collections in `state`; returns those
    collections as written (with the ids generated for new items), for the audit trail."""
    written: dict[str, Any] = {}
    for coll in spec.collections:
        if coll.field not in state:
            continue
        session.execute(delete(coll.model).where(getattr(coll.model, coll.parent_fk) == obj.id))
        rows = collection_rows(coll, obj.id, state[coll.field])
        if rows:
            session.execute(insert(coll.model), rows)
        skip = {coll.parent_fk, coll.position}
        written[coll.field] = [
            row[coll.value] if coll.value else {k: v for k, v in row.items() if k not in skip}
            for row in rows
        ]
    return written


def _collections_of(spec: Resource, state: dict[str, Any]) -> dict[str, Any]:
    """A record's collections as its audit entry keeps them."""
    return {c.field: _plain(state.get(c.field) or []) for c in spec.collections}


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
        raise ProblemError(412, "changed_meanwhile", {"label": spec.label}) from exc
    except IntegrityError as exc:
        raise _integrity_problem(spec, exc, doing) from exc


def _integrity_problem(spec: Resource, exc: IntegrityError, doing: str) -> ProblemError:
    text = str(exc.orig).lower()
    if "foreign key" in text or "violates foreign key" in text:
        if doing == "delete":
            return ProblemError(409, "still_referenced", {"label": spec.label})
        return ProblemError(422, "unknown_reference", title="Unknown reference")
    if "unique" in text or "duplicate" in text:
        keys = ", ".join(spec.natural_key) or "key"
        return ProblemError(409, "already_exists", {"label": spec.label, "keys": keys})
    return ProblemError(409, "record_conflict", {"label": spec.label})


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


def stored_value(spec: Resource, name: str, value: Any) -> Any:
    """A value as its column keeps it (also for the bulk import, which builds records the way
    `create_record` does): JSON documents hold dates and decimals as JSON, so a
    date read back from one is a string and must compare equal to the date it was written as."""
    value = _plain(value)
    column = spec.model.__table__.c.get(name)  # type: ignore[attr-defined]
    if column is not None and isinstance(column.type, JSON):
        value = to_jsonable_python(value)
    return value


def _apply(
    session: Session,
    spec: Resource,
    obj: Record,
    state: dict[str, Any],
    doing: str,
    current: dict[str, Any] | None = None,
) -> None:
    """Write `state` onto the record; `current` (an update's state before) gives the audit
    trail what its collections held."""
    if doing == "update":
        # Child rows first: writing them autoflushes, and the record's own columns must change
        # in a single UPDATE, one version step.
        written = _write_collections(session, spec, obj, state)
        if written:
            before = _collections_of(spec, current or {})
            note_collections(session, spec.name, obj.id, before, {**before, **written})
    for name in spec.column_fields:
        if name in state and name != "id":
            setattr(obj, name, stored_value(spec, name, state[name]))
    if doing == "create" and spec.collections:
        # Child rows point to the record: it must be in the database first, and a conflict
        # of its own columns must answer as one rather than as a failed child insert.
        session.add(obj)
        _flush(session, spec, doing)
        written = _write_collections(session, spec, obj, state)
        note_collections(session, spec.name, obj.id, None, written)


def create_record(
    session: Session,
    principal: Principal,
    spec: Resource,
    payload: BaseModel,
    parent_id: uuid.UUID | None = None,
    overrides: dict[str, Any] | None = None,
) -> Record:
    grant = require(principal, spec.name, Verb.create)
    given = payload.model_dump(exclude_unset=True)
    if grant.fields is not None and set(given) - grant.fields - {"id"}:
        raise ProblemError(403, "fields_only", {"fields": sorted(grant.fields)})
    state = {name: getattr(payload, name) for name in spec.create.model_fields}
    state.update(overrides or {})
    if parent_id is not None and spec.parent_fk:
        state[spec.parent_fk] = parent_id
    record_id = state.get("id") or uuid.uuid4()
    if session.get(spec.model, record_id) is not None:
        raise ProblemError(409, "id_exists", {"label": spec.label})
    _check_references(session, spec, state)
    if spec.validate:
        spec.validate(session, state, None)
    obj = spec.model(id=record_id)
    if parent_id is not None and spec.parent_fk:
        setattr(obj, spec.parent_fk, parent_id)
    _apply(session, spec, obj, state, "create")
    session.add(obj)
    _flush(session, spec, "create")
    if not grants.matches(session, spec, obj.id, grants.grant_clause(spec, grant, principal)):
        raise ProblemError(403, "own_only", {"label": spec.label})
    return obj


def _by(session: Session, principal: Principal, spec: Resource, obj: Record) -> Callable[[], bool]:
    """For a stale `If-Match`: did the caller write the record's current version?"""
    return lambda: wrote_last(session, principal, spec.name, obj.id)


def _lock_version(session: Session, spec: Resource, obj: Record) -> None:
    """Child rows are written before the record's own versioned UPDATE. Lock the record's row
    first, so that a concurrent writer of the same version waits here and then answers 412,
    instead of colliding on the child rows (409). SQLite serialises writers anyway."""
    model: Any = spec.model
    current = session.scalar(select(model.version).where(model.id == obj.id).with_for_update())
    if current != obj.version:
        raise ProblemError(412, "changed_meanwhile", {"label": spec.label})


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
    grant = grants.check_grant(session, spec, principal, obj.id, Verb.update)
    check_if_match(obj, if_match, spec.label, _by(session, principal, spec, obj))
    current = reads.state_of(session, spec, obj)
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
        raise ProblemError(422, "id_immutable", errors=[(("body", "id"), "id_mismatch")])
    changed = {
        k
        for k, v in state.items()
        if stored_value(spec, k, v) != stored_value(spec, k, current.get(k))
    }
    if grant.fields is not None and changed - grant.fields:
        raise ProblemError(
            403,
            "fields_only_change",
            {"fields": sorted(grant.fields), "label": spec.label},
            errors=[(("body", k), "field_forbidden") for k in sorted(changed - grant.fields)],
        )
    if not changed:
        return obj
    _check_references(session, spec, {k: state[k] for k in changed})
    if spec.validate:
        spec.validate(session, state, obj)
        # A hook may settle a value (e.g. null meaning "keep"): what it settled on decides
        # whether anything changed, so a no-op write does not bump the version.
        changed = {
            k
            for k in changed
            if stored_value(spec, k, state[k]) != stored_value(spec, k, current.get(k))
        }
        if not changed:
            return obj
    if any(c.field in changed for c in spec.collections):
        _lock_version(session, spec, obj)
    _apply(session, spec, obj, {k: state[k] for k in changed}, "update", current)
    obj.updated_at = utcnow()  # also bumps the version when only collections changed
    _flush(session, spec, "update")
    clause = grants.grant_clause(spec, grant, principal)
    if not grants.matches(session, spec, obj.id, clause):
        raise ProblemError(403, "out_of_reach", {"label": spec.label})
    return obj


def delete_record(
    session: Session, principal: Principal, spec: Resource, obj: Record, if_match: str | None = None
) -> None:
    grants.check_grant(session, spec, principal, obj.id, Verb.delete)
    check_if_match(obj, if_match, spec.label, _by(session, principal, spec, obj))
    if spec.before_delete:
        spec.before_delete(session, obj)
    if spec.collections:
        # The child rows go with the record (ON DELETE CASCADE): the audit keeps what they held.
        note_collections(
            session,
            spec.name,
            obj.id,
            _collections_of(spec, reads.state_of(session, spec, obj)),
            None,
        )
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
