"""Agenda proposals: a ROSE member that sits in a body proposes an item for one of the body's
upcoming meetings; W13 accepts it (the item joins the meeting's agenda), declines it with a
reason or moves it to a later meeting of the same body. Items marked for W13's board carry
when and with what answer the board handled them (the annual report lists them)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, false, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from api.core import etags, grants, i18n, reads, writes
from api.core.errors import FieldErrorSpec, ProblemError
from api.core.models import Record
from api.core.permissions import Cond, Verb
from api.core.principal import Principal, Role
from api.core.resource import Clause, Resource, Visibility
from api.core.types import utcnow
from api.core.unitofwork import ids_of, load_where
from api.meetings import service as meeting_service
from api.meetings.schemas import MeetingStatus
from api.models.meeting import BodyMember, Meeting
from api.models.proposal import AgendaProposal
from api.proposals.schemas import (
    Accept,
    AgendaProposalCreate,
    AgendaProposalFilters,
    AgendaProposalRead,
    AgendaProposalUpdate,
    Decline,
    Move,
    ProposalStatus,
)

# --- agenda proposals: problem texts -----------------------------------------------------------
i18n.register(
    {
        "proposal_decided": {
            "nl": "Over dit agendapunt is al beslist ({status}).",
            "fr": "Ce point d'ordre du jour a déjà été tranché ({status}).",
            "en": "This agenda proposal has been decided already ({status}).",
        },
        "proposal_not_own": {
            "nl": "U stelt agendapunten voor in naam van uw eigen organisatie.",
            "fr": "Vous proposez des points au nom de votre propre organisation.",
            "en": "You propose agenda items on behalf of your own organisation.",
        },
        "meeting_not_upcoming": {
            "nl": "Kies een geplande vergadering die nog moet plaatsvinden.",
            "fr": "Choisissez une réunion planifiée qui n'a pas encore eu lieu.",
            "en": "Choose a planned meeting that has not started yet.",
        },
        "meeting_not_planned": {
            "nl": "Deze vergadering is niet meer gepland ({status}); verplaats het punt.",
            "fr": "Cette réunion n'est plus planifiée ({status}) ; déplacez le point.",
            "en": "This meeting is no longer planned ({status}); move the item instead.",
        },
        "proposal_decision_field": {
            "nl": "Wijzig dit via aanvaarden, weigeren of verplaatsen.",
            "fr": "Modifiez ceci en acceptant, refusant ou déplaçant le point.",
            "en": "Change this by accepting, declining or moving the proposal.",
        },
        "board_needs_to_board": {
            "nl": "Alleen voor een punt dat naar het bestuur van W13 gaat.",
            "fr": "Uniquement pour un point transmis au conseil de W13.",
            "en": "Only for an item marked for W13's board.",
        },
        "move_target": {
            "nl": "Kies een latere, geplande vergadering van hetzelfde orgaan.",
            "fr": "Choisissez une réunion ultérieure et planifiée du même organe.",
            "en": "Choose a later, planned meeting of the same body.",
        },
        "decision_needs": {
            "nl": "Verplicht bij status {status}.",
            "fr": "Obligatoire pour le statut {status}.",
            "en": "Required with status {status}.",
        },
    }
)

S = ProposalStatus
# Fields only W13's decisions (accept, decline, move) change; a PATCH that touches them is
# refused, so an item cannot be "accepted" without joining the agenda.
DECISION_FIELDS = (
    "meeting_id",
    "status",
    "decided_at",
    "decision_reason",
    "agenda_position",
    "moved_to_meeting_id",
    "moved_from_meeting_id",
)
# What each decided status needs beside it (an imported or W13-written record must make sense).
NEEDS = {
    S.accepted: "agenda_position",
    S.declined: "decision_reason",
    S.moved: "moved_to_meeting_id",
}
# session.info key: the proposal a decision of this module is writing right now.
DECIDING = "regie_deciding_proposal"


def own(principal: Principal) -> Clause:
    """Proposals for meetings of the bodies the caller's actor sits in."""
    if principal.actor_id is None:
        return false()
    return exists().where(
        Meeting.id == AgendaProposal.meeting_id,
        BodyMember.body_id == Meeting.body_id,
        BodyMember.actor_id == principal.actor_id,
    )


def visibility(proposal: Any) -> Visibility:
    """The change feed shows a proposal to the members of the meeting's body (and W13)."""
    body = select(Meeting.body_id).where(Meeting.id == proposal.meeting_id).scalar_subquery()
    return meeting_service.body_visibility(proposal, body)


def _problem(http: int, loc: tuple[str, ...], code: str, **ctx: Any) -> ProblemError:
    errors: list[FieldErrorSpec] = [(loc, code, ctx)]
    return ProblemError(http, code, ctx, errors=errors)


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    # The caller is on the session (api.core.deps): what a ROSE member may propose depends on
    # its actor, which the table's OWN clause (membership of the body) does not cover.
    principal: Principal | None = session.info.get("principal")
    if principal is not None and principal.role is Role.rose_member:
        if state["proposer_actor_id"] != principal.actor_id:
            raise _problem(
                403,
                ("body", "proposer_actor_id"),
                "proposal_not_own",
            )
        if existing is None:
            meeting = session.get(Meeting, state["meeting_id"])
            if (
                meeting is None
                or meeting.status != MeetingStatus.planned
                or meeting.starts_at <= utcnow()
            ):
                raise _problem(
                    422,
                    ("body", "meeting_id"),
                    "meeting_not_upcoming",
                )
    errors: list[FieldErrorSpec] = []
    if isinstance(existing, AgendaProposal) and session.info.get(DECIDING) != existing.id:
        if existing.status != S.proposed and state["status"] != existing.status:
            raise _decided(existing)
        errors += [
            (("body", name), "proposal_decision_field")
            for name in DECISION_FIELDS
            if writes.stored_value(proposals, name, state[name])
            != writes.stored_value(proposals, name, getattr(existing, name))
        ]
    if not state["to_board"]:
        errors += [
            (("body", name), "board_needs_to_board")
            for name in ("board_handled_on", "board_answer")
            if state[name] is not None
        ]
    needed = NEEDS.get(state["status"])
    if needed is not None and state[needed] is None:
        errors.append((("body", needed), "decision_needs", {"status": str(state["status"])}))
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "agenda proposal"}, errors=errors)


def _decided(proposal: AgendaProposal) -> ProblemError:
    return _problem(
        409,
        ("status",),
        "proposal_decided",
        status=proposal.status,
    )


proposals = Resource(
    name="agenda-proposals",
    label="agenda proposal",
    tag="meetings",
    model=AgendaProposal,
    create=AgendaProposalCreate,
    update=AgendaProposalUpdate,
    read=AgendaProposalRead,
    filters=AgendaProposalFilters,
    filter_map={
        "meeting": lambda v: AgendaProposal.meeting_id == v,
        "body": lambda v: col(AgendaProposal.meeting_id).in_(
            select(Meeting.id).where(Meeting.body_id == v)
        ),
        "proposer": lambda v: AgendaProposal.proposer_actor_id == v,
    },
    sort=("created_at",),
    search=("title", "explanation"),
    own=own,
    validate=validate,
    visibility=visibility,
    permission_text={Cond.OWN: "proposals for meetings of the bodies its actor sits in"},
)


# --- W13's decisions ----------------------------------------------------------------------------


def _open(
    session: Session, principal: Principal, proposal_id: uuid.UUID, if_match: str | None
) -> AgendaProposal:
    """The proposal, readable, decidable by the caller, locked and still undecided."""
    proposal = reads.get_visible(session, principal, proposals, proposal_id)
    assert isinstance(proposal, AgendaProposal)
    grants.check_grant(session, proposals, principal, proposal.id, Verb.update)
    # Lock it: two W13 members deciding at once must not both win.
    session.refresh(proposal, with_for_update=True)
    etags.check_if_match(proposal, if_match, proposals.label)
    if proposal.status != S.proposed:
        raise _decided(proposal)
    return proposal


def _decide(
    session: Session, principal: Principal, proposal: AgendaProposal, changes: dict[str, Any]
) -> AgendaProposal:
    session.info[DECIDING] = proposal.id
    try:
        obj = writes.update_record(
            session, principal, proposals, proposal, {**changes, "decided_at": utcnow()}
        )
    finally:
        session.info.pop(DECIDING, None)
    assert isinstance(obj, AgendaProposal)
    return obj


def accept(
    session: Session,
    principal: Principal,
    proposal_id: uuid.UUID,
    payload: Accept,
    if_match: str | None = None,
) -> AgendaProposal:
    """The item joins the meeting's agenda at the position asked, in one transaction."""
    proposal = _open(session, principal, proposal_id, if_match)
    meeting = session.get(Meeting, proposal.meeting_id)
    assert meeting is not None
    if meeting.status != MeetingStatus.planned:
        raise _problem(
            409,
            ("meeting_id",),
            "meeting_not_planned",
            status=meeting.status,
        )
    agenda = list(meeting.agenda or [])
    position = min(payload.position or len(agenda) + 1, len(agenda) + 1)
    agenda.insert(
        position - 1, {"title": proposal.title, "description": proposal.explanation, "items": []}
    )
    writes.update_record(session, principal, meeting_service.meetings, meeting, {"agenda": agenda})
    return _decide(
        session, principal, proposal, {"status": S.accepted, "agenda_position": position}
    )


def decline(
    session: Session,
    principal: Principal,
    proposal_id: uuid.UUID,
    payload: Decline,
    if_match: str | None = None,
) -> AgendaProposal:
    proposal = _open(session, principal, proposal_id, if_match)
    return _decide(
        session, principal, proposal, {"status": S.declined, "decision_reason": payload.reason}
    )


def move(
    session: Session,
    principal: Principal,
    proposal_id: uuid.UUID,
    payload: Move,
    if_match: str | None = None,
) -> tuple[AgendaProposal, AgendaProposal]:
    """This proposal becomes `moved`; a copy waits for W13's decision at the later meeting."""
    proposal = _open(session, principal, proposal_id, if_match)
    current = session.get(Meeting, proposal.meeting_id)
    target = session.get(Meeting, payload.meeting_id)
    assert current is not None
    if (
        target is None
        or target.body_id != current.body_id
        or target.starts_at <= current.starts_at
        or target.status != MeetingStatus.planned
    ):
        raise _problem(
            422,
            ("body", "meeting_id"),
            "move_target",
        )
    moved = _decide(
        session,
        principal,
        proposal,
        {"status": S.moved, "moved_to_meeting_id": target.id, "decision_reason": payload.reason},
    )
    copy = AgendaProposalCreate(
        meeting_id=target.id,
        title=proposal.title,
        explanation=proposal.explanation,
        proposer_actor_id=proposal.proposer_actor_id,
        action_id=proposal.action_id,
        dossier_id=proposal.dossier_id,
        to_board=proposal.to_board,
        board_handled_on=proposal.board_handled_on,
        board_answer=proposal.board_answer,
        moved_from_meeting_id=current.id,
    )
    new = writes.create_record(session, principal, proposals, copy)
    assert isinstance(new, AgendaProposal)
    return moved, new


def reissue_proposals(
    session: OrmSession, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """A body's members see the proposals for its meetings: when the body changes (its members
    with it) or a meeting moves to another body, those proposals go out again to whoever sees
    them now."""
    bodies = ids_of(entries, "bodies", ops=("update",))
    meeting_ids = ids_of(entries, "meetings", "body_id", ops=("update",))
    if bodies:
        meeting_ids += session.scalars(select(Meeting.id).where(col(Meeting.body_id).in_(bodies)))
    if not meeting_ids:
        return []
    return [
        ("agenda-proposals", p)
        for p in load_where(session, AgendaProposal, col(AgendaProposal.meeting_id), meeting_ids)
    ]
