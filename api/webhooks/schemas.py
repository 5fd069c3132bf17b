"""Schemas of webhook subscriptions, their events and their delivery log.

The create schema a caller sends (`WebhookCreate`) has no secret; the stored state the generic
service validates (`WebhookState`) also holds the secret the service generated. No read schema
has it: the secret is answered once, by create and rotate-secret (`WebhookWithSecret`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.core.pagination import MAX_LIMIT, ListParams
from api.core.schemas import CreateBase, QueryModel, ReadBase, ShortText, Url, partial
from api.sync.schemas import ChangeRead

ResourceName = Annotated[
    str, StringConstraints(min_length=1, max_length=40, pattern=r"^[a-z][a-z-]*$")
]
DeliveryStatus = Literal["pending", "delivered", "failed"]


class WebhookFields(BaseModel):
    url: Url = Field(
        description="Where deliveries are POSTed: http(s), no credentials, and not a "
        "loopback, link-local, private or metadata address (unless the service is configured "
        "with `REGIE_WEBHOOK_ALLOW_PRIVATE=true`).",
        examples=["https://systemen.w13.be/regie/webhooks"],
    )
    description: ShortText = Field(
        "", examples=["Synchronisatie met het cliëntvolgsysteem van W13"]
    )
    resources: list[ResourceName] = Field(
        default_factory=list,
        max_length=50,
        description="Resources whose changes are delivered; empty means all of them.",
        examples=[["actions", "agreements"]],
    )
    active: bool = Field(True, description="Inactive subscriptions receive nothing.")


class WebhookCreate(CreateBase, WebhookFields):
    pass


class WebhookState(CreateBase, WebhookFields):
    secret: str


WebhookUpdate = partial(WebhookFields, "WebhookUpdate")


class WebhookRead(ReadBase):
    url: str
    description: str
    resources: list[str]
    active: bool


class WebhookWithSecret(WebhookRead):
    secret: str | None = Field(
        description="The signing secret, shown in this answer only: store it now. Null when "
        "an Idempotency-Key replays the creation (rotate the secret if the first answer was "
        "lost).",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    )


class WebhookFilters(ListParams):
    active: bool | None = None


# --- what a receiver gets ----------------------------------------------------------------


class WebhookEvent(BaseModel):
    """The body of every delivery: one change of the change feed."""

    type: str = Field(description="`<resource>.<op>`", examples=["actions.upsert"])
    timestamp: datetime = Field(description="When the change was committed.")
    data: ChangeRead


# --- the delivery log --------------------------------------------------------------------


class AttemptRead(BaseModel):
    model_config = {"from_attributes": True}

    at: datetime
    status_code: int | None = Field(
        description="The receiver's HTTP status; null when the request got no answer."
    )
    error: str | None = Field(description="Why the attempt failed (truncated).")
    duration_ms: int


class DeliveryRead(BaseModel):
    id: uuid.UUID = Field(description="Also the `webhook-id` header: the same on every retry.")
    webhook_id: uuid.UUID
    seq: int = Field(description="The change's position in the change feed.")
    event_type: str = Field(examples=["actions.upsert"])
    status: DeliveryStatus
    created_at: datetime
    next_attempt_at: datetime | None = Field(description="When the next try is due (pending).")
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    payload: dict[str, Any] = Field(description="The body as sent.")
    attempts: list[AttemptRead] = Field(description="Every try, oldest first.")


class DeliveryPage(BaseModel):
    items: list[DeliveryRead]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class DeliveryFilters(QueryModel):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Page size (1–500).")
    cursor: str | None = Field(
        None, max_length=1000, description="`next_cursor` of the previous page."
    )
    status: DeliveryStatus | None = None
