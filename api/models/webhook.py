"""Webhook subscriptions, their outbox of deliveries, and the log of every delivery attempt."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Integer, Text
from sqlmodel import Field, SQLModel

from api.core.models import Record
from api.core.types import JSONDoc, UTCDateTime, empty_list, utcnow


class Webhook(Record, table=True):
    """A URL of one of W13's systems that is told about every change it subscribed to."""

    __tablename__ = "webhooks"
    resource: ClassVar[str] = "webhooks"
    # The signing secret must stay readable (HMAC needs it), so it is kept out of the trail.
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"secret"})

    url: str = Field(max_length=500)
    description: str = Field(default="", max_length=500)
    # Resource names to deliver; an empty list means every resource.
    resources: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    active: bool = Field(default=True, index=True)
    secret: str = Field(max_length=200)


class WebhookDelivery(SQLModel, table=True):
    """One change to send to one subscription: the outbox row, written in the transaction of
    the change itself, and afterwards its delivery state. Its id is the `webhook-id` header,
    the same on every retry, so receivers can drop duplicates."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook_id_seq", "webhook_id", "seq"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    webhook_id: uuid.UUID = Field(foreign_key="webhooks.id", ondelete="CASCADE")
    # The change-feed position; no foreign key, the feed is pruned on its own schedule.
    seq: int = Field(
        sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), nullable=False)
    )
    event_type: str = Field(max_length=60)
    # The exact body sent (and signed) on every attempt.
    payload: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="pending", max_length=12)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    # Failed attempts since the last success or manual retry: the step in the back-off schedule.
    failures: int = 0
    # A worker owns a delivery while `claimed_at` is younger than the lease; an older claim
    # belonged to a process that died, and the delivery may be claimed again.
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claim_token: str | None = Field(default=None, max_length=32)
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookAttempt(SQLModel, table=True):
    """One try to deliver: what the receiver answered, or why it could not be reached."""

    __tablename__ = "webhook_attempts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    delivery_id: uuid.UUID = Field(
        foreign_key="webhook_deliveries.id", ondelete="CASCADE", index=True
    )
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    status_code: int | None = None
    error: str | None = Field(default=None, max_length=500)
    duration_ms: int = 0
