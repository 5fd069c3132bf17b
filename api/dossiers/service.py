"""Signalisation dossiers: issues the region raises with other levels of government, their
status life-cycle and the timeline of events."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, false, inspect, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from api.core import i18n
from api.core.bulk import session_of
from api.core.errors import ProblemError
from api.core.models import Record
from api.core.permissions import Cond
from api.core.principal import Principal
from api.core.resource import Clause, Resource, Visibility
from api.core.schemas import check_sync_pair
from api.core.session import Session as UnitOfWork
from api.core.unitofwork import ids_of, load_where
from api.dossiers.schemas import (
    DossierCreate,
    DossierEventCreate,
    DossierEventFilters,
    DossierEventRead,
    DossierEventUpdate,
    DossierFilters,
    DossierRead,
    DossierStatus,
    DossierUpdate,
    EventKind,
)
from api.models.dossier import Dossier, DossierEvent
from api.models.meeting import Meeting, MeetingDossier

TIMEZONE = ZoneInfo("Europe/Brussels")

S = DossierStatus
# The life-cycle, kept strict but practical: a dossier can step back one stage (the region
# rethinks before signalling, or an answer falls short and is signalled again), can be closed
# from any open stage (the issue disappeared or is dropped), and a closed dossier reopens.
# Issue 13 §4: the dossier's rule texts (statuses shown by their labels, api/reports/i18n.py).
i18n.register(
    {
        "dossier_transition": {
            "nl": "Een dossier kan niet van {from:term.dossier_status} naar "
            "{to:term.dossier_status}; mogelijke volgende statussen: "
            "{allowed:term.dossier_status}.",
            "fr": "Un dossier ne peut pas passer de {from:term.dossier_status} à "
            "{to:term.dossier_status} ; statuts suivants possibles : "
            "{allowed:term.dossier_status}.",
            "en": "A dossier cannot go from {from} to {to}; allowed next states: {allowed}.",
        },
    }
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.open: (S.on_agenda, S.closed),
    S.on_agenda: (S.signalled, S.open, S.closed),
    S.signalled: (S.answered, S.on_agenda, S.closed),
    S.answered: (S.closed, S.signalled),
    S.closed: (S.open,),
}


def own(principal: Principal) -> Clause:
    if principal.actor_id is None:
        return false()
    return col(Dossier.raised_by_id) == principal.actor_id


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = check_sync_pair(state)
    if isinstance(existing, Dossier) and state["status"] != existing.status:
        allowed = TRANSITIONS.get(existing.status, ())
        if state["status"] not in allowed:
            errors.append(
                (
                    ("body", "status"),
                    "dossier_transition",
                    {
                        "from": str(existing.status),
                        "to": str(state["status"]),
                        "allowed": [str(s) for s in allowed],
                    },
                )
            )
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "dossier"}, errors=errors)


def meeting_ids(session: Session, objs: Sequence[Record]) -> dict[uuid.UUID, dict[str, Any]]:
    """The meetings that discussed each dossier of a page, in one query."""
    ids = [o.id for o in objs]
    out: dict[uuid.UUID, dict[str, Any]] = {i: {"meeting_ids": []} for i in ids}
    if not ids:
        return out
    rows = session.execute(
        select(MeetingDossier.dossier_id, MeetingDossier.meeting_id)
        .join(Meeting, Meeting.id == MeetingDossier.meeting_id)
        .where(col(MeetingDossier.dossier_id).in_(ids))
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    for dossier_id, meeting_id in rows:
        listed = out[dossier_id]["meeting_ids"]
        if meeting_id not in listed:
            listed.append(meeting_id)
    return out


def dossier_visibility(dossier: Dossier) -> Visibility:
    return ("internal", [str(dossier.raised_by_id)] if dossier.raised_by_id else [], [])


def today() -> date:
    return datetime.now(TIMEZONE).date()


@event.listens_for(UnitOfWork, "before_flush")
def _log_status_changes(session: OrmSession, _flush: Any, _instances: Any) -> None:
    """Every status change of a dossier, whichever route made it, lands on its timeline in the
    same transaction; added through the ORM, the event reaches the change feed and audit."""
    for obj in list(session.dirty):
        if not isinstance(obj, Dossier):
            continue
        history = inspect(obj).attrs.status.history
        if not history.added or not history.deleted:
            continue
        old, new = history.deleted[0], history.added[0]
        if old == new:
            continue
        session.add(
            DossierEvent(
                dossier_id=obj.id,
                date=today(),
                kind=EventKind.status_change,
                text=f"Status: {old} → {new}",
            )
        )


dossiers = Resource(
    name="dossiers",
    label="dossier",
    tag="dossiers",
    model=Dossier,
    create=DossierCreate,
    update=DossierUpdate,
    read=DossierRead,
    filters=DossierFilters,
    filter_map={"raised_by": lambda v: col(Dossier.raised_by_id) == v},
    sort=("code",),
    search=("code", "title", "evidence_summary"),
    own=own,
    validate=validate,
    extra=meeting_ids,
    visibility=dossier_visibility,
    permission_text={Cond.OWN: "dossiers its actor raised"},
    natural_key=("code",),
)


# --- events on a dossier's timeline ------------------------------------------------------


def own_event(principal: Principal) -> Clause:
    """Events on dossiers the caller's actor raised."""
    if not principal.actor_id:
        return false()
    return (
        select(Dossier.id)
        .where(Dossier.id == DossierEvent.dossier_id, Dossier.raised_by_id == principal.actor_id)
        .exists()
    )


def event_visibility(ev: DossierEvent) -> Visibility:
    """The same audience as the event's dossier, also when the dossier goes in the same flush."""
    session = session_of(ev)
    dossier: Dossier | None = None
    if session is not None:
        dossier = next(
            (o for o in session.deleted if isinstance(o, Dossier) and o.id == ev.dossier_id), None
        )
        if dossier is None:
            with session.no_autoflush:
                dossier = session.get(Dossier, ev.dossier_id)
    if dossier is None:
        return ("internal", [], [])
    return dossier_visibility(dossier)


events = Resource(
    name="dossier-events",
    path="events",
    label="dossier event",
    tag="dossiers",
    model=DossierEvent,
    create=DossierEventCreate,
    update=DossierEventUpdate,
    read=DossierEventRead,
    filters=DossierEventFilters,
    sort=("date", "created_at"),
    parent=dossiers,
    parent_fk="dossier_id",
    own=own_event,
    visibility=event_visibility,
    permission_text={Cond.OWN: "events of dossiers its actor raised"},
)


def reissue_events(
    session: OrmSession, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """A dossier's events are seen by whoever sees the dossier: when the actor that raised it
    changes, they go out again with it."""
    changed = ids_of(entries, "dossiers", "raised_by_id", ops=("update",))
    return [
        ("dossier-events", e)
        for e in load_where(session, DossierEvent, col(DossierEvent.dossier_id), changed)
    ]
