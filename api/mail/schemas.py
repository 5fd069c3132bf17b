"""Schemas of e-mail: the messages W13 follows, a meeting's invitation, and each person's
mail preferences."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from api.core import i18n
from api.core.pagination import MAX_LIMIT
from api.core.schemas import Email, Name, QueryModel, WriteModel
from api.mail.compose import mailable
from api.reports.schemas import Language


def _mailable(address: str) -> str:
    if mailable(address) is None:
        raise i18n.refuse("email_not_mailable")
    return address


# An address a message can be sent to (`compose.mailable`), as typed.
MailableEmail = Annotated[Email, AfterValidator(_mailable)]


class MessageKind(StrEnum):
    invitation = "invitation"
    update = "update"
    cancellation = "cancellation"
    minutes = "minutes"
    digest = "digest"


class MessageStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"


class MessageRead(BaseModel):
    id: uuid.UUID
    message_id: str = Field(
        description="The `Message-ID` header (without <>): the same on every attempt and when "
        "sent again.",
        examples=["invitation.0b6c3f4e-5d1a-4f0e-9a51-6c7e1d2b3a40.0.3f2a9c1b7d4e5f60@w13.be"],
    )
    kind: MessageKind
    meeting_id: uuid.UUID | None
    user_id: uuid.UUID | None = Field(description="The recipient's account, when it has one.")
    recipient: str = Field(examples=["inge@example.org"])
    recipient_name: str = Field(examples=["Inge Vandenbroucke (fictief)"])
    language: Language
    subject: str = Field(examples=["Uitnodiging: Algemene vergadering ROSE (12 maart 2026)"])
    sequence: int | None = Field(description="The calendar part's SEQUENCE (invitations).")
    status: MessageStatus = Field(
        description="`pending` (waiting to be sent or retried), `sent` (accepted by the SMTP "
        "server, or written to its file), `failed` (gave up after every retry)."
    )
    created_at: datetime
    next_attempt_at: datetime | None = Field(description="When it is tried next (pending).")
    attempts: int
    last_attempt_at: datetime | None
    last_error: str | None = Field(description="What the server or the network said last.")
    sent_at: datetime | None
    file: str | None = Field(
        description="The .eml file it was written to, when no SMTP server is configured; "
        "`GET /messages/{id}/eml` gives the message itself."
    )


class MessagePage(BaseModel):
    items: list[MessageRead]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class MessageFilters(QueryModel):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Page size (1–500).")
    cursor: str | None = Field(
        None, max_length=1000, description="`next_cursor` of the previous page."
    )
    meeting: uuid.UUID | None = Field(None, description="Messages about this meeting.")
    status: MessageStatus | None = None
    kind: MessageKind | None = None


# --- a meeting's invitation ---------------------------------------------------------------


class Invitee(WriteModel):
    name: Name = Field(examples=["Pieter Declercq (fictief)"])
    email: MailableEmail = Field(examples=["pieter@example.org"])
    language: Language = Language.nl


class InvitationUpdate(WriteModel):
    extra_invitees: list[Invitee] = Field(
        max_length=200,
        description="People invited besides the members' contact persons and users (replaces "
        "the list). Once the invitation went out, new ones get it at once.",
    )


class InvitationRecipient(BaseModel):
    name: str
    email: str
    language: Language
    source: str = Field(
        description="`user` (an account bound to a member actor), `contact` (a contact person "
        "of a member actor) or `extra` (added by W13).",
        examples=["contact"],
    )


class InvitationRead(BaseModel):
    meeting_id: uuid.UUID
    invited_at: datetime | None = Field(
        description="When W13 sent the invitation; null while it was not sent. From then on a "
        "change of time, place, agenda or status sends an update."
    )
    sequence: int = Field(description="The SEQUENCE of the last invitation version sent.")
    minutes_sent_at: datetime | None
    extra_invitees: list[Invitee]
    recipients: list[InvitationRecipient] = Field(
        description="Who the invitation goes to now (those who turned invitations off left out)."
    )
    queued: int = Field(0, description="Messages this request queued.")


# --- preferences ----------------------------------------------------------------------------


class MailPreferences(BaseModel):
    language: Language = Field(Language.nl, description="The language of one's e-mails.")
    invitations: bool = Field(True, description="Invitations to meetings, their updates.")
    minutes: bool = Field(True, description="The minutes of the bodies one's actor sits in.")
    digest: bool = Field(True, description="The weekly digest of milestones and dossiers.")


class MailPreferencesUpdate(WriteModel):
    language: Language | None = None
    invitations: bool | None = None
    minutes: bool | None = None
    digest: bool | None = None
