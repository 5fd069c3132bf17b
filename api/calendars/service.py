"""Calendars people subscribe to: a private address per person (a secret token in the URL,
since calendar apps cannot send an `Authorization` header) with the meetings that person may
read, and a public feed of the meetings marked public.

The token is 256 random bits; only its SHA-256 is stored (a token that cannot be guessed needs
no slow hash), so a copy of the database does not hold working addresses. Every fetch reads
the account again, so a revoked address or a deactivated person answers 404 at once, and a
change of role or actor changes what the feed holds at once."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, or_, select, true
from sqlmodel import Session, col

from api.core import grants, i18n
from api.core.deps import resolve_subject
from api.core.errors import ProblemError, not_found
from api.core.permissions import Verb, grant_for
from api.core.principal import Principal
from api.core.types import utcnow
from api.meetings import service as meeting_service
from api.meetings.ical import CalendarEvent, agenda_outline, render_calendar
from api.meetings.schemas import MeetingStatus
from api.models.calendar import CalendarToken
from api.models.meeting import Body, Meeting

TOKEN_BYTES = 32
PRIVATE_NAME = "Regie sociale economie – vergaderingen"
PUBLIC_NAME = "Regie sociale economie – publieke activiteiten"


i18n.register(
    {
        "calendar_users_only": {
            "nl": "Een agenda-adres is er voor personen, niet voor API-clients.",
            "fr": "Une adresse d'agenda est destinée aux personnes, pas aux clients API.",
            "en": "Calendar addresses are for people, not for API clients.",
        },
    }
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _user_id(principal: Principal) -> uuid.UUID:
    if principal.is_anonymous:
        raise ProblemError(401, "login_required", headers={"WWW-Authenticate": "Bearer"})
    if principal.kind != "user" or principal.subject is None:
        raise ProblemError(403, "calendar_users_only")
    return uuid.UUID(principal.subject)


def address(session: Session, principal: Principal) -> CalendarToken | None:
    return session.get(CalendarToken, _user_id(principal))


def renew(session: Session, principal: Principal) -> tuple[str, CalendarToken]:
    """A new address for the caller; the previous one (if any) stops working at once."""
    user_id = _user_id(principal)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = session.get(CalendarToken, user_id)
    if row is None:
        row = CalendarToken(user_id=user_id, token_hash=_hash(token))
        session.add(row)
    else:
        row.token_hash = _hash(token)
        row.created_at = utcnow()
    session.flush()
    return token, row


def revoke(session: Session, principal: Principal) -> None:
    session.execute(delete(CalendarToken).where(col(CalendarToken.user_id) == _user_id(principal)))


def _events(session: Session, where: Sequence[Any]) -> list[CalendarEvent]:
    rows = session.execute(
        select(Meeting, Body.name)
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(*where)
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    return [
        CalendarEvent(
            uid=f"{m.id}@regie",  # the same as the body's feed: one event in every calendar
            stamp=m.updated_at,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            summary=m.title,
            location=m.location,
            cancelled=m.status == MeetingStatus.cancelled,
            sequence=m.version - 1,
            description="\n".join(
                part for part in (body_name, agenda_outline(m.agenda or [])) if part
            ),
        )
        for m, body_name in rows
    ]


def private_feed(session: Session, token: str) -> str:
    """The meetings the token's person may read (as in the API), and the public ones."""
    row = session.scalar(select(CalendarToken).where(CalendarToken.token_hash == _hash(token)))
    principal = resolve_subject(session, f"user:{row.user_id}") if row is not None else None
    if principal is None:
        raise not_found("Calendar")
    readable = col(Meeting.public) == true()
    meetings = meeting_service.meetings
    grant = grant_for(principal, meetings.name, Verb.read)
    if grant is not None:
        clause = grants.grant_clause(meetings, grant, principal)
        readable = or_(readable, clause if clause is not None else true())
    return render_calendar(PRIVATE_NAME, _events(session, [readable]))


def public_feed(session: Session) -> str:
    return render_calendar(PUBLIC_NAME, _events(session, [col(Meeting.public) == true()]))
