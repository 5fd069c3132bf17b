"""E-mail routes: the messages (W13), a meeting's invitation and minutes (W13), and one's own
mail preferences (`/me/mail-preferences`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import Response
from sqlmodel import Session

from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.openapi_text import (
    BODY_ETAG,
    BODY_NOT_MODIFIED,
    LIST_ERRORS,
    ONE_ERRORS,
    WRITE_ERRORS,
    problem,
)
from api.core.permissions import Verb
from api.core.principal import Principal
from api.core.responses import NO_STORE, json_response, page_response
from api.core.routing import RecordId, who_may
from api.mail import meetings as meeting_mail
from api.mail import service
from api.mail.schemas import (
    InvitationRead,
    InvitationUpdate,
    MailPreferences,
    MailPreferencesUpdate,
    MessageFilters,
    MessagePage,
    MessageRead,
)
from api.mail.transport import file_name
from api.meetings.service import meetings

router = APIRouter()
MessageId = Annotated[uuid.UUID, Path(description="The message's id.")]
PRIVATE = {"Vary": "Authorization", **NO_STORE}


@router.get(
    "/messages",
    operation_id="messages_list",
    summary="List e-mail messages",
    tags=["mail"],
    response_model=MessagePage,
    responses={
        200: {"description": "OK", "headers": BODY_ETAG},
        304: BODY_NOT_MODIFIED,
        **LIST_ERRORS,
    },
    description="Every e-mail the service queued (invitations, their updates and "
    "cancellations, minutes, weekly digests), newest first, with its delivery status. Filter "
    "by `meeting`, `status`, `kind`; follow `next_cursor` for more.\n\n"
    f"**Who may:** {who_may(service.RESOURCE, Verb.read)}",
)
def list_messages(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    params: Annotated[MessageFilters, Query()],
    if_none_match: IfNoneMatch = None,
) -> Response:
    """List e-mail messages (W13)."""
    items, cursor = service.list_messages(session, principal, params)
    headers = dict(PRIVATE)
    if cursor:
        headers["Link"] = f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'
    return page_response(list(items), cursor, headers, if_none_match)


@router.get(
    "/messages/{record_id}",
    operation_id="messages_get",
    summary="Read a message's delivery status",
    tags=["mail"],
    response_model=MessageRead,
    responses=ONE_ERRORS,
    description=f"One message.\n\n**Who may:** {who_may(service.RESOURCE, Verb.read)}",
)
def get_message(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Read one message (W13)."""
    return json_response(service.get_message(session, principal, record_id), 200, PRIVATE)


@router.get(
    "/messages/{record_id}/eml",
    operation_id="messages_get_eml",
    summary="The message itself, as an .eml file",
    tags=["mail"],
    response_class=Response,
    responses={
        200: {
            "description": "The message as sent (RFC 5322).",
            "content": {"message/rfc822": {"schema": {"type": "string"}}},
        },
        **ONE_ERRORS,
    },
    description="The whole message as it is (or was) sent: headers, text and HTML parts, the "
    "calendar part. Without an SMTP server this is the .eml file the service wrote.\n\n"
    f"**Who may:** {who_may(service.RESOURCE, Verb.read)}",
)
def get_message_eml(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Download a message (W13)."""
    row = service.message_source(session, principal, record_id)
    headers = {
        **PRIVATE,
        "Content-Disposition": f'attachment; filename="{file_name(row.message_id)}"',
        "X-Content-Type-Options": "nosniff",
    }
    return Response(row.content, media_type="message/rfc822", headers=headers)


@router.post(
    "/messages/{record_id}/send-again",
    operation_id="messages_send_again",
    summary="Send a message again",
    tags=["mail"],
    status_code=202,
    response_model=MessageRead,
    responses={
        202: {"description": "Queued; the worker sends it shortly."},
        **ONE_ERRORS,
        409: problem("The message is being sent right now."),
    },
    description="Queues a message (failed, sent or waiting for its next retry) to be sent "
    "now, with the same `Message-ID` and a fresh retry schedule.\n\n"
    f"**Who may:** {who_may(service.RESOURCE, Verb.update)}",
)
def send_again(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Send a message again (W13)."""
    return json_response(service.send_again(session, principal, record_id), 202, NO_STORE)


# --- a meeting's invitation and minutes -----------------------------------------------------


@router.get(
    "/meetings/{record_id}/invitation",
    operation_id="meetings_get_invitation",
    summary="A meeting's invitation: who gets it, when it went out",
    tags=["mail"],
    response_model=InvitationRead,
    responses=ONE_ERRORS,
    description="Who the invitation goes to (the contact persons with an e-mail address of "
    "the actors in the body, the users bound to them, the extra invitees), whether it was "
    "sent, its SEQUENCE, and when the minutes were sent.\n\n"
    f"**Who may:** {who_may(meetings, Verb.update)}",
)
def get_invitation(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Read a meeting's invitation (W13)."""
    meeting, mailing, people = meeting_mail.get_mailing(session, principal, record_id)
    return json_response(service.invitation_read(meeting.id, mailing, people), 200, PRIVATE)


def _answer(
    session: Session, principal: Principal, record_id: uuid.UUID, queued: int
) -> InvitationRead:
    meeting, mailing, people = meeting_mail.get_mailing(session, principal, record_id)
    return service.invitation_read(meeting.id, mailing, people, queued)


@router.patch(
    "/meetings/{record_id}/invitation",
    operation_id="meetings_update_invitation",
    summary="Set a meeting's extra invitees",
    tags=["mail"],
    response_model=InvitationRead,
    responses=WRITE_ERRORS,
    description="Replaces the people invited besides the body's members. Once the invitation "
    "went out, those added get it at once (in the same transaction).\n\n"
    f"**Who may:** {who_may(meetings, Verb.update)}",
)
def update_invitation(
    session: SessionDep,
    principal: PrincipalDep,
    record_id: RecordId,
    payload: Annotated[InvitationUpdate, Body()],
) -> Response:
    """Set a meeting's extra invitees (W13)."""
    invitees = [p.model_dump(mode="json") for p in payload.extra_invitees]
    queued = meeting_mail.set_extra_invitees(session, principal, record_id, invitees)
    return json_response(_answer(session, principal, record_id, queued), 200, NO_STORE)


@router.post(
    "/meetings/{record_id}/invitation/send",
    operation_id="meetings_send_invitation",
    summary="Send a meeting's invitation",
    tags=["mail"],
    status_code=202,
    response_model=InvitationRead,
    responses={
        202: {"description": "Queued; `queued` says how many messages."},
        **WRITE_ERRORS,
        409: problem("The meeting is cancelled."),
    },
    description="Sends the invitation: one e-mail per invitee, in the invitee's language, with "
    "the agenda and an iCalendar part (`METHOD:REQUEST`, `UID` `<meeting id>@regie`, times in "
    "Europe/Brussels). From then on a change of the meeting's title, time, place, agenda or "
    "status sends an update with a higher `SEQUENCE`, a cancellation `METHOD:CANCEL`, and a "
    "new member or invitee gets the current version. Calling it again sends only to those who "
    "do not have the current version.\n\n"
    f"**Who may:** {who_may(meetings, Verb.update)}",
)
def send_invitation(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Send a meeting's invitation (W13)."""
    queued = meeting_mail.send_invitation(session, principal, record_id)
    return json_response(_answer(session, principal, record_id, queued), 202, NO_STORE)


@router.post(
    "/meetings/{record_id}/minutes/publish",
    operation_id="meetings_publish_minutes",
    summary="Send a meeting's minutes to the body's members",
    tags=["mail"],
    status_code=202,
    response_model=InvitationRead,
    responses={
        202: {"description": "Queued; `queued` says how many messages."},
        **WRITE_ERRORS,
        409: problem("The meeting has no minutes."),
    },
    description="Sends the minutes to the members of the body who may read them: the contact "
    "persons of its actors and the users bound to them (those who turned minutes off left "
    "out). Publishing the same text again sends it only to those who did not have it.\n\n"
    f"**Who may:** {who_may(meetings, Verb.update)}",
)
def publish_minutes(session: SessionDep, principal: PrincipalDep, record_id: RecordId) -> Response:
    """Publish a meeting's minutes by e-mail (W13)."""
    queued = meeting_mail.publish_minutes(session, principal, record_id)
    return json_response(_answer(session, principal, record_id, queued), 202, NO_STORE)


# --- one's own preferences ----------------------------------------------------------------

PREFS_WHO = (
    "**Who may:** every person who logs in, for their own preferences; 401 without a token, "
    "403 for API clients."
)


@router.get(
    "/me/mail-preferences",
    operation_id="me_get_mail_preferences",
    summary="My mail preferences",
    tags=["mail"],
    response_model=MailPreferences,
    responses={401: problem("Not logged in."), 403: problem("Not a person's account.")},
    description="Which e-mails I get (invitations, minutes, the weekly digest) and in which "
    f"language. Everything is on, in Dutch, until changed.\n\n{PREFS_WHO}",
)
def get_preferences(session: SessionDep, principal: PrincipalDep) -> Response:
    """Read my mail preferences."""
    return json_response(service.get_preferences(session, principal), 200, PRIVATE)


@router.patch(
    "/me/mail-preferences",
    operation_id="me_update_mail_preferences",
    summary="Change my mail preferences",
    tags=["mail"],
    response_model=MailPreferences,
    responses={
        401: problem("Not logged in."),
        403: problem("Not a person's account."),
        422: WRITE_ERRORS[422],
    },
    description=f"Turn a kind of e-mail on or off, or change the language.\n\n{PREFS_WHO}",
)
def update_preferences(
    session: SessionDep,
    principal: PrincipalDep,
    payload: Annotated[MailPreferencesUpdate, Body()],
) -> Response:
    """Change my mail preferences."""
    return json_response(service.update_preferences(session, principal, payload), 200, NO_STORE)
