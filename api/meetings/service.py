"""Bodies (the ROSE assembly, the Actiegroep, the fabrieken, workgroups, the network event) and
their meetings: agenda, attendance, minutes, and decisions that follow up on actions and
dossiers."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import exists, false, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from api.core import etags, grants, i18n, reads, writes
from api.core.bulk import session_of
from api.core.errors import FieldErrorSpec, ProblemError, not_found, validation_problem
from api.core.models import Record
from api.core.permissions import Cond, Verb, require
from api.core.principal import Principal
from api.core.resource import Clause, Collection, Resource, Visibility
from api.core.schemas import check_sync_pair
from api.core.types import utcnow
from api.core.unitofwork import ids_of, load_where, wrote_last
from api.meetings.ical import CalendarEvent, agenda_outline, render_calendar
from api.meetings.schemas import (
    AGENDA_MAX_DEPTH,
    AGENDA_MAX_ITEMS,
    BodyCreate,
    BodyFilters,
    BodyRead,
    BodyUpdate,
    Decision,
    MeetingCreate,
    MeetingFilters,
    MeetingRead,
    MeetingStatus,
    MeetingUpdate,
    StartAction,
    StartActionResult,
)
from api.models.action import Action
from api.models.actor import Actor
from api.models.dossier import Dossier
from api.models.meeting import (
    Body,
    BodyMember,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingDossier,
)
from api.models.user import User

Errors = list[FieldErrorSpec]

# Issue 13 §4: the meetings' rule texts.
i18n.register(
    {
        "agenda_depth": {
            "nl": "Agendapunten gaan hoogstens {max_depth} niveaus diep.",
            "fr": "Les points de l'ordre du jour s'imbriquent sur {max_depth} niveaux au plus.",
            "en": "Agenda items nest at most {max_depth} levels deep.",
        },
        "agenda_size": {
            "nl": "Een agenda telt hoogstens {max_items} punten in totaal.",
            "fr": "Un ordre du jour compte au plus {max_items} points au total.",
            "en": "An agenda holds at most {max_items} items in all.",
        },
        "no_such_id": {
            "nl": "Er bestaat geen {label:term} met deze id.",
            "fr": "Aucun enregistrement ({label:term}) n'a cet identifiant.",
            "en": "No {label} with this id.",
        },
        "meeting_ends_before": {
            "nl": "Moet na het begin (starts_at) liggen.",
            "fr": "Doit se situer après le début (starts_at).",
            "en": "Must be after starts_at.",
        },
        "decision_elsewhere": {
            "nl": "Deze id hoort bij een beslissing van een andere vergadering.",
            "fr": "Cet identifiant appartient à une décision d'une autre réunion.",
            "en": "This id belongs to a decision of another meeting.",
        },
        "decision_has_action": {
            "nl": "Deze beslissing verwijst al naar actie {action_id}.",
            "fr": "Cette décision renvoie déjà à l'action {action_id}.",
            "en": "This decision already points to action {action_id}.",
        },
        "body_members_only": {
            "nl": "Alleen W13 en de leden van dit orgaan zien zijn vergaderingen.",
            "fr": "Seuls W13 et les membres de cet organe voient ses réunions.",
            "en": "Only W13 and the members of this body see its meetings.",
        },
        "attendance_person_actor": {
            "nl": "Een persoon neemt deel voor een organisatie: kies die organisatie.",
            "fr": "Une personne participe pour une organisation : choisissez cette organisation.",
            "en": "A person attends for an organisation: give its actor_id.",
        },
        "attendance_not_contact": {
            "nl": "Geen contactpersoon van deze organisatie.",
            "fr": "Pas une personne de contact de cette organisation.",
            "en": "Not a contact person of this actor.",
        },
        "attendance_nobody": {
            "nl": "Kies een organisatie of een gebruiker.",
            "fr": "Choisissez une organisation ou un utilisateur.",
            "en": "Name an actor or a user.",
        },
    }
)


# --- shared checks ----------------------------------------------------------------------------


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name)


def _set(item: Any, name: str, value: Any) -> None:
    if isinstance(item, dict):
        item[name] = value
    else:
        setattr(item, name, value)


def agenda_problems(items: Sequence[Any], loc: tuple[str | int, ...]) -> Errors:
    """Depth and size limits of a nested agenda, each problem at the item's own path."""
    errors: Errors = []
    count = 0

    def walk(level: Sequence[Any], path: tuple[str | int, ...], depth: int) -> None:
        nonlocal count
        for i, item in enumerate(level):
            count += 1
            children = _field(item, "items") or []
            if children and depth >= AGENDA_MAX_DEPTH:
                errors.append(
                    ((*path, i, "items"), "agenda_depth", {"max_depth": AGENDA_MAX_DEPTH})
                )
                continue
            walk(children, (*path, i, "items"), depth + 1)

    walk(items, loc, 1)
    if count > AGENDA_MAX_ITEMS:
        errors.append((loc, "agenda_size", {"max_items": AGENDA_MAX_ITEMS}))
    return errors


def _duplicates(
    values: Iterable[Any], loc: tuple[str | int, ...], suffix: tuple[str, ...] = ()
) -> Errors:
    seen: set[Any] = set()
    errors: Errors = []
    for i, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            errors.append(((*loc, i, *suffix), "duplicate"))
        seen.add(value)
    return errors


def _unknown(
    session: Session,
    column: Any,
    values: Sequence[Any],
    loc: tuple[str | int, ...],
    suffix: tuple[str, ...],
    what: str,
) -> Errors:
    """References in object lists, which the generic service does not check itself."""
    wanted = {v for v in values if v is not None}
    if not wanted:
        return []
    found = set(session.scalars(select(column).where(column.in_(wanted))))
    return [
        ((*loc, i, *suffix), "no_such_id", {"label": what})
        for i, v in enumerate(values)
        if v is not None and v not in found
    ]


# --- bodies -----------------------------------------------------------------------------------


def validate_body(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = _duplicates(state["member_ids"], ("body", "member_ids"))
    errors += agenda_problems(state["agenda_template"], ("body", "agenda_template"))
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "body"}, errors=errors)


def sits_in(actor_id: uuid.UUID) -> Clause:
    return exists().where(BodyMember.body_id == Body.id, BodyMember.actor_id == actor_id)


bodies = Resource(
    name="bodies",
    label="body",
    tag="meetings",
    model=Body,
    create=BodyCreate,
    update=BodyUpdate,
    read=BodyRead,
    filters=BodyFilters,
    filter_map={"member": sits_in},
    sort=("code",),
    search=("code", "name", "description"),
    collections=(Collection("member_ids", BodyMember, "body_id", value="actor_id"),),
    validate=validate_body,
    visibility=lambda b: ("internal", [], []),
    natural_key=("code",),
)


# --- meetings ---------------------------------------------------------------------------------


def meeting_own(principal: Principal) -> Clause:
    """A ROSE member reads the meetings of the bodies its actor sits in."""
    if principal.actor_id is None:
        return false()
    return exists().where(
        BodyMember.body_id == Meeting.body_id, BodyMember.actor_id == principal.actor_id
    )


def body_visibility(record: Any, body_id: Any) -> Visibility:
    """The change feed shows `record` to the members of the body `body_id` (a value or a
    scalar subquery) and to W13. Runs inside the flush: the query sees this transaction's
    membership and does not autoflush."""
    session = session_of(record)
    members: list[str] = []
    if session is not None:
        members = [
            str(a)
            for a in session.scalars(
                select(BodyMember.actor_id)
                .where(BodyMember.body_id == body_id)
                .order_by(BodyMember.position)
            )
        ]
    return ("restricted", members, [])


def meeting_visibility(meeting: Any) -> Visibility:
    return body_visibility(meeting, meeting.body_id)


def _upcoming(value: bool) -> Clause:
    now = utcnow()
    starts = col(Meeting.starts_at)
    return starts >= now if value else starts < now


def _discussed(dossier_id: uuid.UUID) -> Clause:
    return exists().where(
        MeetingDossier.meeting_id == Meeting.id, MeetingDossier.dossier_id == dossier_id
    )


# A dossier shows the meetings that discussed it (`meeting_ids`): the dossiers a meeting
# discussed before a write, kept until commit so the feed issues them again (see
# `reissue_dossiers`); the write replaces or drops the rows that said so.
DISCUSSED = "regie_meeting_dossiers_before"


def _remember_dossiers(session: Session, meeting_id: uuid.UUID) -> None:
    remembered = session.info.setdefault(DISCUSSED, set())
    remembered.update(
        session.scalars(
            select(MeetingDossier.dossier_id).where(MeetingDossier.meeting_id == meeting_id)
        )
    )


def before_meeting_delete(session: Session, obj: Record) -> None:
    _remember_dossiers(session, obj.id)


def validate_meeting(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    if existing is not None:
        _remember_dossiers(session, existing.id)
    errors: Errors = list(check_sync_pair(state))
    if state["ends_at"] is not None and state["ends_at"] <= state["starts_at"]:
        errors.append((("body", "ends_at"), "meeting_ends_before"))
    if state["agenda"] is None:
        # No agenda given: a new meeting starts from its body's template, an existing one keeps
        # its agenda, so a system that upserts meetings without agendas never wipes one a
        # secretary wrote (`[]` clears it). Filled in here so every write path agrees.
        if existing is None:
            body = session.get(Body, state["body_id"])
            state["agenda"] = list(body.agenda_template) if body is not None else []
        else:
            state["agenda"] = list(getattr(existing, "agenda", None) or [])
    else:
        errors += agenda_problems(state["agenda"], ("body", "agenda"))

    errors += attendance_problems(session, state["attendance"], existing)

    decisions = state["decisions"]
    ids = [_field(d, "id") for d in decisions]
    errors += _duplicates(ids, ("body", "decisions"), ("id",))
    taken = select(MeetingDecision.id).where(col(MeetingDecision.id).in_([i for i in ids if i]))
    if existing is not None:
        taken = taken.where(MeetingDecision.meeting_id != existing.id)
    elsewhere = set(session.scalars(taken))
    errors += [
        (("body", "decisions", i, "id"), "decision_elsewhere")
        for i, d in enumerate(ids)
        if d in elsewhere
    ]
    errors += _unknown(
        session,
        Action.id,
        [_field(d, "action_id") for d in decisions],
        ("body", "decisions"),
        ("action_id",),
        "action",
    )
    errors += _unknown(
        session,
        Dossier.id,
        [_field(d, "dossier_id") for d in decisions],
        ("body", "decisions"),
        ("dossier_id",),
        "dossier",
    )
    errors += _duplicates(state["dossier_ids"], ("body", "dossier_ids"))
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "meeting"}, errors=errors)


def attendance_problems(session: Session, rows: list[Any], existing: Record | None) -> Errors:
    """Attendees are organisations, their contact persons, or people with a login: never a
    free name (target-group workers are not recorded). A user's row gets the account's name
    (and actor) filled in."""
    loc = ("body", "attendance")
    actors = [_field(a, "actor_id") for a in rows]
    users = [_field(a, "user_id") for a in rows]
    errors = _unknown(session, Actor.id, actors, loc, ("actor_id",), "actor")
    accounts = {
        u.id: u for u in session.scalars(select(User).where(col(User.id).in_(set(users) - {None})))
    }
    contacts = {
        a.id: {str(_field(c, "name")) for c in a.contact_persons or []}
        for a in session.scalars(
            select(Actor).where(col(Actor.id).in_({a for a in actors if a is not None}))
        )
    }
    # A row already on the meeting stays as it was recorded, whatever became of the account
    # or of the actor's list of contact persons since.
    kept: set[tuple[Any, Any, Any]] = set()
    if existing is not None:
        kept = {
            (user, actor, person)
            for user, actor, person in session.execute(
                select(
                    MeetingAttendance.user_id, MeetingAttendance.actor_id, MeetingAttendance.person
                ).where(MeetingAttendance.meeting_id == existing.id)
            )
        }
    for i, row in enumerate(rows):
        user = _field(row, "user_id")
        if (user, _field(row, "actor_id"), _field(row, "person")) in kept:
            continue
        account = accounts.get(user)
        if account is not None:
            _set(row, "person", account.name)
            _set(row, "actor_id", _field(row, "actor_id") or account.actor_id)
        elif user is not None:
            errors.append(((*loc, i, "user_id"), "no_such_id", {"label": "user"}))
        elif _field(row, "person") is not None:
            actor = _field(row, "actor_id")
            if actor is None:
                errors.append(((*loc, i, "actor_id"), "attendance_person_actor"))
            elif actor in contacts and _field(row, "person") not in contacts[actor]:
                errors.append(((*loc, i, "person"), "attendance_not_contact"))
        elif _field(row, "actor_id") is None:
            errors.append(((*loc, i, "actor_id"), "attendance_nobody"))
    keys = [
        (_field(a, "user_id"),)
        if _field(a, "user_id")
        else (_field(a, "actor_id"), _field(a, "person"))
        for a in rows
    ]
    for e in _duplicates(keys, loc):
        row = rows[int(e[0][-1])]
        field = (
            "user_id"
            if _field(row, "user_id")
            else "person"
            if _field(row, "person")
            else "actor_id"
        )
        errors.append(((*e[0], field), e[1]))
    return errors


meetings = Resource(
    name="meetings",
    label="meeting",
    tag="meetings",
    model=Meeting,
    create=MeetingCreate,
    update=MeetingUpdate,
    read=MeetingRead,
    filters=MeetingFilters,
    filter_map={
        "body": lambda v: Meeting.body_id == v,
        "starts_from": lambda v: Meeting.starts_at >= v,
        "starts_to": lambda v: Meeting.starts_at < v,
        "upcoming": _upcoming,
        "dossier": _discussed,
    },
    sort=("starts_at",),
    clock_filters=("upcoming",),
    # Not the minutes: a search must never reveal what it may not show.
    search=("title", "location", "agenda"),
    collections=(
        Collection("attendance", MeetingAttendance, "meeting_id"),
        Collection("decisions", MeetingDecision, "meeting_id"),
        Collection("dossier_ids", MeetingDossier, "meeting_id", value="dossier_id"),
    ),
    own=meeting_own,
    validate=validate_meeting,
    before_delete=before_meeting_delete,
    visibility=meeting_visibility,
    permission_text={Cond.OWN: "meetings of the bodies its actor sits in"},
)


# --- a decision starts an action --------------------------------------------------------------


def _as_problem(exc: ValidationError) -> ProblemError:
    return validation_problem(exc.errors())


def start_action(
    session: Session,
    principal: Principal,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    payload: StartAction,
    if_match: str | None = None,
) -> tuple[StartActionResult, uuid.UUID]:
    """Create an action through the actions resource and point the decision at it."""
    # Imported here: the actions domain imports nothing of ours, but may come to (meetings
    # linked to an action), and a cycle at import time would break both.
    from api.actions.service import actions

    meeting = reads.get_visible(session, principal, meetings, meeting_id)
    require(principal, meetings.name, Verb.update)
    require(principal, actions.name, Verb.create)
    # Lock the meeting so two simultaneous calls cannot both start an action for one decision.
    session.refresh(meeting, with_for_update=True)
    etags.check_if_match(
        meeting,
        if_match,
        meetings.label,
        lambda: wrote_last(session, principal, meetings.name, meeting.id),
    )
    decisions = [dict(d) for d in reads.state_of(session, meetings, meeting)["decisions"]]
    index = next((i for i, d in enumerate(decisions) if d["id"] == decision_id), None)
    if index is None:
        raise not_found("Decision")
    decision = decisions[index]
    if decision["action_id"] is not None:
        raise ProblemError(409, "decision_has_action", {"action_id": str(decision["action_id"])})
    data = payload.model_dump(exclude_none=True)
    data.setdefault("description", decision["text"])
    try:
        create: BaseModel = actions.create.model_validate(data)
    except ValidationError as exc:
        raise _as_problem(exc) from exc
    action = writes.create_record(session, principal, actions, create)
    decision["action_id"] = action.id
    meeting = writes.update_record(session, principal, meetings, meeting, {"decisions": decisions})
    result = StartActionResult(
        action_id=action.id,
        meeting_id=meeting.id,
        meeting_version=meeting.version,
        decision=Decision.model_validate(decision),
    )
    return result, action.id


# --- the calendar feed ------------------------------------------------------------------------


def body_calendar(session: Session, principal: Principal, body_id: uuid.UUID) -> tuple[Body, str]:
    """The body's meetings as iCalendar text, for whoever may read those meetings."""
    body = reads.get_visible(session, principal, bodies, body_id)
    assert isinstance(body, Body)
    grant = require(principal, meetings.name, Verb.read)
    clause = grants.grant_clause(meetings, grant, principal)
    if grant.cond is not Cond.ALL and not session.scalar(
        select(
            exists().where(BodyMember.body_id == body.id, BodyMember.actor_id == principal.actor_id)
        )
    ):
        raise ProblemError(403, "body_members_only")
    query = select(Meeting).where(Meeting.body_id == body.id)
    if clause is not None:
        query = query.where(clause)
    rows = session.scalars(query.order_by(Meeting.starts_at, Meeting.id)).all()
    events = [
        CalendarEvent(
            uid=f"{m.id}@regie",
            stamp=m.updated_at,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            summary=m.title,
            location=m.location,
            cancelled=m.status == MeetingStatus.cancelled,
            sequence=m.version - 1,
            description=agenda_outline(m.agenda or []),
        )
        for m in rows
    ]
    return body, render_calendar(body.name, events)


def reissue_meetings(
    session: OrmSession, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """A body's members see its meetings: when the body changes (its members with it), each
    of its meetings goes out again to whoever sees it now, and away from whoever lost it."""
    changed = ids_of(entries, "bodies", ops=("update",))
    return [("meetings", m) for m in load_where(session, Meeting, col(Meeting.body_id), changed)]


def reissue_dossiers(
    session: OrmSession, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """A dossier shows the meetings that discussed it: when a meeting comes, goes or changes,
    the dossiers it discusses now and discussed before go out again."""
    written = ids_of(entries, "meetings")
    before = session.info.pop(DISCUSSED, set())
    if not written:
        return []
    now = load_where(session, MeetingDossier, col(MeetingDossier.meeting_id), written)
    ids = {*before, *(row.dossier_id for row in now)}  # type: ignore[attr-defined]
    return [("dossiers", d) for d in load_where(session, Dossier, col(Dossier.id), list(ids))]
