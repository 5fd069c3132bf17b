"""The messages W13 follows (list, read, send again, the message itself) and each person's mail
preferences. Messages are not records of the change feed: like the webhook deliveries they are
the state of an outbox, read through the permission table's `messages` row."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from api.core import i18n
from api.core.errors import ProblemError, not_found
from api.core.pagination import after_clause, decode_cursor, encode_cursor
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.core.types import utcnow
from api.mail.outbox import wake_after_commit
from api.mail.schemas import (
    InvitationRead,
    InvitationRecipient,
    Invitee,
    MailPreferences,
    MailPreferencesUpdate,
    MessageFilters,
    MessageRead,
)
from api.models.mail import MailMessage, MailPreference, MeetingMailing

RESOURCE = "messages"

i18n.register(
    {
        "email_not_mailable": {
            "nl": "Naar dit adres kan geen e-mail vertrekken (enkel letters zonder accenten, "
            "cijfers en .!#$%&'*+/=?^_`{|}~- vóór de @, en een domein).",
            "fr": "Aucun e-mail ne peut partir vers cette adresse (seulement des lettres sans "
            "accents, des chiffres et .!#$%&'*+/=?^_`{|}~- avant le @, puis un domaine).",
            "en": "No e-mail can be sent to this address (only letters without accents, digits "
            "and .!#$%&'*+/=?^_`{|}~- before the @, then a domain).",
        },
        "mail.meeting_cancelled": {
            "nl": "Deze vergadering is geannuleerd; er is geen uitnodiging te versturen.",
            "fr": "Cette réunion est annulée ; il n’y a pas d’invitation à envoyer.",
            "en": "This meeting is cancelled; there is no invitation to send.",
        },
        "mail.no_minutes": {
            "nl": "Deze vergadering heeft nog geen verslag om te publiceren.",
            "fr": "Cette réunion n’a pas encore de procès-verbal à publier.",
            "en": "This meeting has no minutes to publish yet.",
        },
        "mail.being_sent": {
            "nl": "Dit bericht wordt nu verstuurd; kijk zo dadelijk opnieuw.",
            "fr": "Ce message est en cours d’envoi ; regardez à nouveau dans un instant.",
            "en": "This message is being sent right now; look again shortly.",
        },
        "mail.users_only": {
            "nl": "Alleen wie met een account aanmeldt, heeft mailvoorkeuren.",
            "fr": "Seules les personnes qui se connectent avec un compte ont des préférences.",
            "en": "Only people who log in with an account have mail preferences.",
        },
    }
)


def _read(row: MailMessage) -> MessageRead:
    return MessageRead(
        id=row.id,
        message_id=row.message_id,
        kind=row.kind,
        meeting_id=row.meeting_id,
        user_id=row.user_id,
        recipient=row.recipient,
        recipient_name=row.recipient_name,
        language=row.language,
        subject=row.subject,
        sequence=row.sequence,
        status=row.status,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at if row.status == "pending" else None,
        attempts=row.attempts,
        last_attempt_at=row.last_attempt_at,
        last_error=row.last_error,
        sent_at=row.sent_at,
        file=row.file,
    )


def list_messages(
    session: Session, principal: Principal, params: MessageFilters
) -> tuple[list[MessageRead], str | None]:
    """One page of messages, newest first (keyset pages)."""
    require(principal, RESOURCE, Verb.read)
    columns: list[Any] = [col(MailMessage.created_at), col(MailMessage.id)]
    query = select(MailMessage)
    if params.meeting is not None:
        query = query.where(MailMessage.meeting_id == params.meeting)
    if params.status is not None:
        query = query.where(MailMessage.status == params.status.value)
    if params.kind is not None:
        query = query.where(MailMessage.kind == params.kind.value)
    if params.cursor:
        query = query.where(after_clause(columns, decode_cursor(params.cursor, columns), True))
    rows = list(
        session.scalars(query.order_by(columns[0].desc(), columns[1]).limit(params.limit + 1))
    )
    cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        cursor = encode_cursor([rows[-1].created_at, rows[-1].id])
    return [_read(r) for r in rows], cursor


def _message(session: Session, message_id: uuid.UUID, *, lock: bool = False) -> MailMessage:
    query = select(MailMessage).where(MailMessage.id == message_id)
    if lock:
        query = query.with_for_update()
    row = session.scalars(query).first()
    if row is None:
        raise not_found("Message")
    return row


def get_message(session: Session, principal: Principal, message_id: uuid.UUID) -> MessageRead:
    require(principal, RESOURCE, Verb.read)
    return _read(_message(session, message_id))


def message_source(session: Session, principal: Principal, message_id: uuid.UUID) -> MailMessage:
    require(principal, RESOURCE, Verb.read)
    return _message(session, message_id)


def send_again(session: Session, principal: Principal, message_id: uuid.UUID) -> MessageRead:
    """Queue a message (failed, sent or waiting for a retry) to be sent now, with a fresh retry
    schedule and the same Message-ID (a mail client that has it recognises it)."""
    require(principal, RESOURCE, Verb.update)
    from api.mail.worker import LEASE

    row = _message(session, message_id, lock=True)
    now = utcnow()
    if row.status == "pending" and row.claimed_at is not None and row.claimed_at > now - LEASE:
        raise ProblemError(409, "mail.being_sent")
    row.status = "pending"
    row.failures = 0
    row.next_attempt_at = now
    row.claimed_at = None
    row.claim_token = None
    session.flush()
    wake_after_commit(session)
    return _read(row)


# --- a meeting's invitation, as read -------------------------------------------------------


def invitation_read(
    meeting_id: uuid.UUID, mailing: MeetingMailing | None, people: list[Any], queued: int = 0
) -> InvitationRead:
    return InvitationRead(
        meeting_id=meeting_id,
        invited_at=mailing.invited_at if mailing else None,
        sequence=mailing.sequence if mailing else 0,
        minutes_sent_at=mailing.minutes_sent_at if mailing else None,
        extra_invitees=[Invitee.model_validate(p) for p in (mailing.extra_invitees or [])]
        if mailing
        else [],
        recipients=[
            InvitationRecipient(
                name=p.name,
                email=p.email,
                language=p.language,
                source=p.source,
            )
            for p in people
        ],
        queued=queued,
    )


# --- preferences --------------------------------------------------------------------------


def _user_id(principal: Principal) -> uuid.UUID:
    if principal.is_anonymous:
        raise ProblemError(401, "login_required", headers={"WWW-Authenticate": "Bearer"})
    if principal.kind != "user" or principal.subject is None:
        raise ProblemError(403, "mail.users_only")
    return uuid.UUID(principal.subject)


def get_preferences(session: Session, principal: Principal) -> MailPreferences:
    row = session.get(MailPreference, _user_id(principal))
    if row is None:
        return MailPreferences()
    return MailPreferences.model_validate(row, from_attributes=True)


def update_preferences(
    session: Session, principal: Principal, payload: MailPreferencesUpdate
) -> MailPreferences:
    user_id = _user_id(principal)
    row = session.get(MailPreference, user_id, with_for_update=True)
    if row is None:
        row = MailPreference(user_id=user_id)
        session.add(row)
    for field, value in payload.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(row, field, value.value if field == "language" else value)
    row.updated_at = utcnow()
    session.flush()
    return MailPreferences.model_validate(row, from_attributes=True)


# Sent and failed messages are kept this long, for W13 to look back on.
MESSAGE_RETENTION = timedelta(days=180)


def prune_messages(session: Session, keep: timedelta = MESSAGE_RETENTION) -> int:
    """Forget sent and failed messages older than `keep` (run with the hourly prune)."""
    result = session.execute(
        delete(MailMessage).where(
            col(MailMessage.status).in_(("sent", "failed")),
            col(MailMessage.created_at) < utcnow() - keep,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
