"""Which records a grant of the permission table covers, as SQL.

Permissions are asked of `api.core.permissions` once per operation; what "own" and "public"
mean is the resource's SQL (`Resource.own`, `Resource.public`), so the same clause filters
lists (`api.core.reads`) and checks single records before and after a write
(`api.core.writes`)."""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlmodel import Session

from api.core.errors import ProblemError
from api.core.permissions import Cond, Grant, Verb, require
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
        raise ProblemError(403, f"You may not {action.value} this {spec.label}.")
    return grant
