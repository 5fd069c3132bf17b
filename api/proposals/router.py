from typing import Annotated

from fastapi import APIRouter, Body, Response

from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfMatch
from api.core.openapi_text import WRITE_ERRORS
from api.core.permissions import Verb
from api.core.responses import record_response
from api.core.routing import RecordId, resource_router, who_may
from api.proposals import service
from api.proposals.schemas import Accept, AgendaProposalRead, Decline, Move

router = APIRouter()
router.include_router(resource_router(service.proposals))

DECIDED = (
    "409 with code `proposal_decided` when the proposal was decided already; 412 when "
    "`If-Match` (the proposal's ETag) is stale."
)


@router.post(
    "/agenda-proposals/{record_id}/accept",
    operation_id="agenda_proposals_accept",
    summary="Accept a proposal onto the meeting's agenda",
    description=(
        "The item (title, explanation as description) joins the meeting's agenda at "
        "`position` (1 = first; absent: last) and the proposal becomes `accepted`, in one "
        f"transaction. 409 with code `meeting_not_planned` when the meeting is held or "
        f"cancelled (move the item instead). {DECIDED}\n\n"
        f"**Who may:** {who_may(service.proposals, Verb.update)}."
    ),
    tags=["meetings"],
    response_model=AgendaProposalRead,
    responses=WRITE_ERRORS,
)
def accept(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    payload: Annotated[Accept, Body()],
    if_match: IfMatch = None,
) -> Response:
    """Accept an agenda proposal: the item joins the meeting's agenda."""
    obj = service.accept(session, principal, record_id, payload, if_match)
    return record_response(session, principal, service.proposals, obj)


@router.post(
    "/agenda-proposals/{record_id}/decline",
    operation_id="agenda_proposals_decline",
    summary="Decline a proposal, with a reason",
    description=(
        "The proposal becomes `declined` with the reason, which the proposer reads. "
        f"{DECIDED}\n\n**Who may:** {who_may(service.proposals, Verb.update)}."
    ),
    tags=["meetings"],
    response_model=AgendaProposalRead,
    responses=WRITE_ERRORS,
)
def decline(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    payload: Annotated[Decline, Body()],
    if_match: IfMatch = None,
) -> Response:
    """Decline an agenda proposal with a reason."""
    obj = service.decline(session, principal, record_id, payload, if_match)
    return record_response(session, principal, service.proposals, obj)


@router.post(
    "/agenda-proposals/{record_id}/move",
    operation_id="agenda_proposals_move",
    summary="Move a proposal to a later meeting of the same body",
    description=(
        "The proposal becomes `moved` (pointing at the later meeting) and a new proposal with "
        "the same content waits for a decision at that meeting (`moved_from_meeting_id`); the "
        "answer is the new proposal, also in the `Location` header. 422 with code "
        f"`move_target` when the meeting is not a later, planned one of the same body. {DECIDED}"
        f"\n\n**Who may:** {who_may(service.proposals, Verb.update)}."
    ),
    tags=["meetings"],
    status_code=201,
    response_model=AgendaProposalRead,
    responses={201: {"description": "Moved; the new proposal"}, **WRITE_ERRORS},
)
def move(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    payload: Annotated[Move, Body()],
    if_match: IfMatch = None,
) -> Response:
    """Move an agenda proposal to a later meeting of the same body."""
    _, new = service.move(session, principal, record_id, payload, if_match)
    return record_response(
        session, principal, service.proposals, new, 201, f"/api/v1/agenda-proposals/{new.id}"
    )
