import hashlib
import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Path, Response

from api.core import etags
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfMatch, IfNoneMatch
from api.core.openapi_text import ONE_ERRORS, WRITE_ERRORS
from api.core.permissions import Verb
from api.core.responses import json_response
from api.core.routing import RecordId, resource_router, who_may
from api.meetings import service
from api.meetings.schemas import StartAction, StartActionResult

router = APIRouter()
router.include_router(resource_router(service.bodies))
router.include_router(resource_router(service.meetings))

CALENDAR = "text/calendar"


@router.get(
    "/bodies/{record_id}/meetings.ics",
    operation_id="bodies_get_calendar",
    summary="A body's meetings as an iCalendar feed",
    description=(
        "The meetings of the body as an RFC 5545 calendar: one `VEVENT` per meeting with "
        "`UID` `<meeting id>@regie`, times in UTC, `STATUS` `CONFIRMED` or `CANCELLED`, and the "
        "agenda as description (never the minutes). Authenticate with a bearer token, as "
        "everywhere in this API; a person's calendar app subscribes to the private address of "
        "`POST /me/calendar` instead, which needs no header. Supports "
        "`If-None-Match`.\n\n**Who may:** `w13`: all; `rose_member`: bodies its actor sits in."
    ),
    tags=["meetings"],
    response_class=Response,
    responses={
        200: {
            "description": "RFC 5545 calendar, one VEVENT per meeting.",
            "content": {CALENDAR: {"schema": {"type": "string"}}},
        },
        304: {"description": "Not modified"},
        **ONE_ERRORS,
    },
)
def body_calendar(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The body's meetings as an iCalendar feed (bearer token required)."""
    body, text = service.body_calendar(session, principal, record_id)
    tag = '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Vary": "Authorization", "Cache-Control": "private, no-cache"}
    if etags.not_modified(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{body.code}.ics"'
    return Response(text, media_type=CALENDAR, headers=headers)


@router.post(
    "/meetings/{record_id}/decisions/{decision_id}/start-action",
    operation_id="meetings_start_action",
    summary="Start an action from a decision",
    description=(
        "Creates a new action from the decision (its text becomes the action's description "
        "unless you give one) and points the decision at it, in one transaction. 409 when the "
        "decision already points to an action; 412 when `If-Match` (the meeting's ETag) is "
        "stale. The new action is in the `Location` header.\n\n"
        f"**Who may:** {who_may(service.meetings, Verb.update)} (and create actions)."
    ),
    tags=["meetings"],
    status_code=201,
    response_model=StartActionResult,
    responses={201: {"description": "Action created, decision linked"}, **WRITE_ERRORS},
)
def start_action(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    decision_id: Annotated[uuid.UUID, Path(description="The decision's id.")],
    payload: Annotated[StartAction, Body()],
    if_match: IfMatch = None,
) -> Response:
    """Start a new action from a meeting decision and link the decision to it."""
    result, action_id = service.start_action(
        session, principal, record_id, decision_id, payload, if_match
    )
    return json_response(result, 201, {"Location": f"/api/v1/actions/{action_id}"})
