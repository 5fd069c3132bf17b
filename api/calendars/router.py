"""`/me/calendar` (make, renew, revoke one's private calendar address) and the feeds
calendar apps fetch without headers: `/calendars/{token}.ics` and `/calendars/public.ics`."""

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from api.calendars import service
from api.calendars.schemas import CalendarAddress, NewCalendarAddress
from api.core import etags
from api.core.deps import PrincipalDep, SessionDep
from api.core.etags import IfNoneMatch
from api.core.openapi_text import problem
from api.core.responses import json_response

router = APIRouter()
CALENDAR = "text/calendar"
PEOPLE = (
    "**Who may:** every person logged in (`rose_member`, `municipality`, `w13`); not API clients."
)
FEED_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "RFC 5545 calendar, one VEVENT per meeting.",
        "content": {CALENDAR: {"schema": {"type": "string"}}},
    },
    304: {"description": "Not modified"},
}


def _calendar(text: str, if_none_match: str | None, cache: str, filename: str) -> Response:
    tag = '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": tag, "Cache-Control": cache}
    if etags.not_modified(if_none_match, tag):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return Response(text, media_type=CALENDAR, headers=headers)


@router.get(
    "/me/calendar",
    operation_id="me_calendar_get",
    summary="My private calendar address (whether one exists)",
    description=f"Whether the caller has a private calendar address; its secret is never shown "
    f"again after it was made.\n\n{PEOPLE}",
    tags=["meetings"],
    response_model=CalendarAddress,
    responses={401: problem("Not logged in."), 403: problem("Not a person.")},
)
def get_address(session: SessionDep, principal: PrincipalDep) -> CalendarAddress:
    """Whether the caller has a private calendar address."""
    row = service.address(session, principal)
    return CalendarAddress(active=row is not None, created_at=row.created_at if row else None)


@router.post(
    "/me/calendar",
    operation_id="me_calendar_renew",
    summary="Make (or renew) my private calendar address",
    description="A new private calendar address with a long random token, shown in this answer "
    "only (the service keeps its hash). A calendar app subscribes to it without any header. "
    f"An earlier address of the caller stops working at once.\n\n{PEOPLE}",
    tags=["meetings"],
    status_code=201,
    response_model=NewCalendarAddress,
    responses={
        201: {"description": "The new address, shown once."},
        401: problem("Not logged in."),
        403: problem("Not a person."),
    },
)
def renew_address(session: SessionDep, principal: PrincipalDep, request: Request) -> Response:
    """Make a new private calendar address; the previous one stops working."""
    token, row = service.renew(session, principal)
    path = f"/api/v1/calendars/{token}.ics"
    body = NewCalendarAddress(
        url=str(request.base_url).rstrip("/") + path, path=path, created_at=row.created_at
    )
    return json_response(body, 201, {"Cache-Control": "no-store"})


@router.delete(
    "/me/calendar",
    operation_id="me_calendar_revoke",
    summary="Revoke my private calendar address",
    description=f"The address answers 404 from now on. Idempotent.\n\n{PEOPLE}",
    tags=["meetings"],
    status_code=204,
    responses={
        204: {"description": "Revoked (also when there was none)."},
        401: problem("Not logged in."),
        403: problem("Not a person."),
    },
)
def revoke_address(session: SessionDep, principal: PrincipalDep) -> Response:
    """Revoke the caller's private calendar address."""
    service.revoke(session, principal)
    return Response(status_code=204)


@router.get(
    "/calendars/public.ics",
    operation_id="calendars_public",
    summary="Public events as an iCalendar feed",
    description="The meetings marked `public` (such as the yearly network event), for the "
    "website and anyone's calendar: title, time, place, status and agenda; never attendance, "
    "minutes or decisions. Stable `UID` `<meeting id>@regie`, `SEQUENCE` raised on every "
    "change, cancelled ones as `STATUS:CANCELLED`. Supports `If-None-Match`."
    "\n\n**Who may:** everyone, without a token.",
    tags=["meetings"],
    response_class=Response,
    responses=FEED_RESPONSES,
)
def public_calendar(session: SessionDep, if_none_match: IfNoneMatch = None) -> Response:
    """The public events as an iCalendar feed."""
    return _calendar(
        service.public_feed(session), if_none_match, "public, max-age=300", "regie-publiek.ics"
    )


Token = Annotated[
    str,
    # No format check: whatever is not a live address answers the same 404.
    Path(description="The secret of a private calendar address."),
]


@router.get(
    "/calendars/{token}.ics",
    operation_id="calendars_private",
    summary="A person's private calendar feed",
    description="The meetings its person may read (the same rule as `GET /meetings`) and the "
    "public ones, with agenda and place: stable `UID` `<meeting id>@regie`, `SEQUENCE` raised "
    "on every change, cancelled meetings as `STATUS:CANCELLED`. No header needed: the token "
    "in the address is the key. A revoked address or a deactivated person answers 404 at "
    "once. Supports `If-None-Match`.\n\n**Who may:** whoever holds the address.",
    tags=["meetings"],
    response_class=Response,
    responses={
        **FEED_RESPONSES,
        404: problem("Unknown or revoked address, or its person is no longer active."),
    },
)
def private_calendar(
    session: SessionDep, token: Token, if_none_match: IfNoneMatch = None
) -> Response:
    """A person's meetings as an iCalendar feed, by the token in its address."""
    return _calendar(
        service.private_feed(session, token), if_none_match, "private, no-cache", "regie.ics"
    )
