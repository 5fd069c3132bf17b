"""Actors: the organisations, their offer and the public "who offers what" directory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, false
from sqlmodel import Session

from api.actors.schemas import ActorCreate, ActorFilters, ActorPublicRead, ActorRead, ActorUpdate
from api.core.errors import ProblemError
from api.core.models import Record
from api.core.permissions import Cond
from api.core.principal import Principal
from api.core.resource import Clause, Resource
from api.core.schemas import check_sync_pair
from api.models.actor import Actor


def own(principal: Principal) -> Clause:
    if principal.actor_id is None:
        return false()
    return Actor.id == principal.actor_id  # type: ignore[return-value]


def json_has(column: Any, token: str) -> Clause:
    """A JSON array column contains this string (portable: matches the quoted token)."""
    return cast(column, String).contains(f'"{token}"', autoescape=True)


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = check_sync_pair(state)
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "actor"}, errors=errors)


actors = Resource(
    name="actors",
    label="actor",
    tag="actors",
    model=Actor,
    create=ActorCreate,
    update=ActorUpdate,
    read=ActorRead,
    public_read=ActorPublicRead,
    filters=ActorFilters,
    filter_map={
        "target_group": lambda v: json_has(Actor.target_groups, v),
        "rung": lambda v: (
            cast(Actor.places, String).contains(f'"rung": {int(v)}')
            | cast(Actor.places, String).contains(f'"rung":{int(v)}')
        ),
    },
    sort=("name",),
    search=("name", "description", "goods_services", "places"),
    own=own,
    validate=validate,
    visibility=lambda a: ("public", [str(a.id)], [a.municipality] if a.municipality else []),
    permission_text={Cond.OWN: "its own actor's profile"},
    natural_key=("kbo_number",),
)
