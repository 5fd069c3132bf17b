"""Which records a grant of the permission table covers, as SQL.

Permissions are asked of `api.core.permissions` once per operation; what "own" and "public"
mean is the resource's SQL (`Resource.own`, `Resource.public`), so the same clause filters
lists (`api.core.reads`) and checks single records before and after a write
(`api.core.writes`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Row, case, exists, false, select, true
from sqlmodel import Session

from api.core.errors import ProblemError
from api.core.permissions import Cond, Grant, Verb, grant_for, require
from api.core.principal import Principal
from api.core.resource import Clause, Resource


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


def matches(session: Session, spec: Resource, obj_id: uuid.UUID, clause: Clause | None) -> bool:
    if clause is None:
        return True
    model = spec.model
    return bool(session.scalar(select(exists().where(model.id == obj_id, clause))))


def check_grant(
    session: Session, spec: Resource, principal: Principal, obj_id: uuid.UUID, action: Verb
) -> Grant:
    grant = require(principal, spec.name, action)
    if not matches(session, spec, obj_id, grant_clause(spec, grant, principal)):
        raise ProblemError(403, "record_forbidden", {"action": action.value, "label": spec.label})
    return grant


# The label of the "is this one of the caller's own records" column a page's statement selects
# when a write grant of the caller is limited to its own records (see `own_column`).
OWN_LABEL = "allowed_own"


def _write_grants(spec: Resource, principal: Principal) -> tuple[Grant | None, Grant | None]:
    return grant_for(principal, spec.name, Verb.update), grant_for(
        principal, spec.name, Verb.delete
    )


def _needs_own(grants: tuple[Grant | None, Grant | None]) -> bool:
    return any(g is not None and g.cond is not Cond.ALL for g in grants)


def own_column(spec: Resource, principal: Principal) -> Any | None:
    """The caller's OWN clause as a boolean column of the page's own statement, so deciding
    `allowed` per record costs no statement; None when no write grant depends on the record."""
    clause = own_clause(spec, principal)
    if clause is None:
        return None
    return case((clause, true()), else_=false()).label(OWN_LABEL)


def own_clause(spec: Resource, principal: Principal) -> Clause | None:
    """The caller's OWN clause of its write grants; None when none depends on the record."""
    grants = _write_grants(spec, principal)
    if not _needs_own(grants):
        return None
    return grant_clause(spec, _own_grant(grants), principal)


def _own_grant(grants: tuple[Grant | None, Grant | None]) -> Grant:
    return next(g for g in grants if g is not None and g.cond is not Cond.ALL)


def editable_fields(spec: Resource, grant: Grant) -> list[str]:
    """The fields a PATCH under this grant may change: the grant's own list, or every field
    of the update schema but the version (which only guards the write)."""
    names = grant.fields if grant.fields is not None else spec.update.model_fields
    return sorted(n for n in names if n in spec.update.model_fields and n != "version")


def allowed_by_ownership(spec: Resource, principal: Principal) -> tuple[str, str]:
    """`allowed` of a record that is, and of one that is not, among the caller's own, as JSON:
    the only two values it takes on a page (`api.core.pagejson` chooses per row by
    `own_column`; without that column every record takes the second). The same for every
    caller with the same grants: written once."""
    grants = _write_grants(spec, principal)
    key = (spec.name, *grants)
    found = _ALLOWED.get(key)
    if found is None:
        own, other = _allowed_values(spec, *grants)
        found = _ALLOWED[key] = (to_json(own).decode(), to_json(other).decode())
    return found


# By resource and the caller's update and delete grants: a few dozen at most.
_ALLOWED: dict[tuple[str, Grant | None, Grant | None], tuple[str, str]] = {}


def _allowed_values(
    spec: Resource, update: Grant | None, delete: Grant | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = editable_fields(spec, update) if update is not None else []

    def of(own: bool) -> dict[str, Any]:
        can_update = update is not None and (update.cond is Cond.ALL or own)
        return {
            "update": can_update,
            "delete": delete is not None and (delete.cond is Cond.ALL or own),
            "fields": fields if can_update else [],
        }

    return of(True), of(False)


def allowed(
    session: Session, spec: Resource, principal: Principal, objs: Sequence[Any]
) -> list[dict[str, Any]]:
    """`allowed` of each record (ORM object or plain row), in order. Plain rows of a page
    carry their OWN flag (`own_column`); ORM objects just written ask once for the page."""
    update, delete = _write_grants(spec, principal)
    own: set[Any] | None = None
    if _needs_own((update, delete)) and objs:
        first = objs[0]
        if isinstance(first, Row) and OWN_LABEL in first._fields:
            own = {o.id for o in objs if o._mapping[OWN_LABEL]}
        else:
            clause = grant_clause(spec, _own_grant((update, delete)), principal)
            ids = [o.id for o in objs]
            model: Any = spec.model
            own = set(session.scalars(select(model.id).where(model.id.in_(ids), clause)))

    of_own, of_other = _allowed_values(spec, update, delete)
    return [of_own if own is not None and obj.id in own else of_other for obj in objs]
