"""E-mail: the outbox of messages, each person's mail preferences, and what was sent about a
meeting (its invitation's sequence, extra invitees, the minutes sent)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, Index, Text
from sqlmodel import Field, SQLModel

from api.core.types import JSONDoc, UTCDateTime, empty_list, utcnow


class MailMessage(SQLModel, table=True):
    """One e-mail to one person: the outbox row, written in the transaction of its cause, and
    afterwards its delivery state. `content` is the whole message as sent (headers, text,
    HTML, calendar part), rendered once, so every attempt sends the same bytes under the same
    `Message-ID`."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
        Index("ix_mail_messages_due", "status", "next_attempt_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # The Message-ID header (without <>): derived from what the message is about, so the same
    # message cannot be queued twice (unique), and the same on every retry.
    message_id: str = Field(max_length=250, unique=True)
    kind: str = Field(max_length=20, index=True)  # invitation | cancellation | minutes | digest
    # No foreign keys: the record of what was sent outlives the meeting and the account.
    meeting_id: uuid.UUID | None = Field(default=None, index=True)
    user_id: uuid.UUID | None = Field(default=None, index=True)
    recipient: str = Field(max_length=320)
    recipient_name: str = Field(default="", max_length=200)
    language: str = Field(default="nl", max_length=2)
    subject: str = Field(max_length=300)
    sequence: int | None = None  # the calendar part's SEQUENCE
    content: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="pending", max_length=12)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    # Failed attempts since the last success or "send again": the step in the back-off schedule.
    failures: int = 0
    # A worker owns a message while `claimed_at` is younger than the lease (api.core.outbox).
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claim_token: str | None = Field(default=None, max_length=32)
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=500)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Where the file transport wrote it (a name under the mail folder), when no SMTP is set.
    file: str | None = Field(default=None, max_length=200)


class MailPreference(SQLModel, table=True):
    """What a person who logs in wants by e-mail, and in which language (absent: everything,
    in Dutch)."""

    __tablename__ = "mail_preferences"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    language: str = Field(default="nl", max_length=2)
    invitations: bool = True
    minutes: bool = True
    digest: bool = True
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeetingMailing(SQLModel, table=True):
    """What was sent about one meeting. Kept apart from the meeting (no foreign key) so that a
    deleted meeting whose invitation went out can still be cancelled from `sent`."""

    __tablename__ = "meeting_mailings"

    meeting_id: uuid.UUID = Field(primary_key=True)
    # People invited besides the members' contact persons and users: [{name, email, language}].
    extra_invitees: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    # Set when W13 sends the invitation; from then on changes send updates.
    invited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sequence: int = 0  # the calendar SEQUENCE of the last invitation sent
    # The meeting as the last invitation described it (title, times, place, agenda, status,
    # body): a change of these raises the sequence and sends an update.
    sent: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    minutes_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A digest of the minutes last sent: publishing the same text again sends nothing.
    minutes_digest: str | None = Field(default=None, max_length=64)
    __table_args__ = (CheckConstraint("sequence >= 0", name="sequence"),)
