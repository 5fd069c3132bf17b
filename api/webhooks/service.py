"""Webhook subscriptions (W13) and their delivery log.

Subscriptions go through the generic service, so their writes reach the change feed and the
audit trail like any other; the signing secret is made here, answered once, and kept out of
the trail by the model's `audit_exclude`. Delivery itself is `api.webhooks.worker`'s job."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session, col

from api.core import i18n, reads, writes
from api.core.config import get_settings
from api.core.errors import FieldErrorSpec, ProblemError, not_found
from api.core.models import Record
from api.core.pagination import after_clause, decode_cursor, encode_cursor
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.core.registry import REGISTRY
from api.core.resource import Resource, w13_only
from api.core.types import utcnow
from api.models.webhook import Webhook, WebhookAttempt, WebhookDelivery
from api.webhooks import signing
from api.webhooks.outbox import NOT_DELIVERED, wake_after_commit
from api.webhooks.schemas import (
    AttemptRead,
    DeliveryFilters,
    DeliveryRead,
    WebhookCreate,
    WebhookFilters,
    WebhookRead,
    WebhookState,
    WebhookUpdate,
)
from api.webhooks.urls import UnsafeUrlError, check_url

# A worker owns a claimed delivery this long; a claim older than this was left by a process
# that died, and another worker may take the delivery over. Far longer than one attempt can
# take (three network timeouts of 5 s), so a live worker never loses its claim.
LEASE = timedelta(seconds=60)
# Seconds to wait after the 1st, 2nd, … failed attempt (± 20 % jitter); after the last one
# the delivery is `failed`. Nine attempts over about 22 hours.
RETRY_DELAYS = (10, 30, 120, 600, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
# Issue 13 §4: the webhooks' rule texts.
i18n.register(
    {
        "webhook_resource": {
            "nl": "Geen resource '{name}' om op te abonneren.",
            "fr": "Aucune ressource '{name}' à laquelle s'abonner.",
            "en": "No resource '{name}' to subscribe to.",
        },
        "webhook_inactive": {
            "nl": "De webhook is niet actief; activeer hem om opnieuw te leveren.",
            "fr": "Le webhook est inactif ; activez-le pour livrer à nouveau.",
            "en": "The webhook is inactive; activate it to deliver again.",
        },
        "delivery_in_flight": {
            "nl": "Deze levering wordt nu verstuurd; kijk straks opnieuw.",
            "fr": "Cette livraison est en cours d'envoi ; regardez à nouveau sous peu.",
            "en": "This delivery is being sent right now; look again shortly.",
        },
    }
)

# Delivered and failed deliveries are kept this long in the log.
LOG_RETENTION = timedelta(days=30)


def deliverable_resources() -> set[str]:
    return set(REGISTRY) - NOT_DELIVERED


def _validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors: list[FieldErrorSpec] = []
    # Checked when the URL is set or changed; every delivery checks it again.
    if existing is None or getattr(existing, "url", None) != state["url"]:
        try:
            check_url(state["url"], allow_private=get_settings().webhook_allow_private)
        except UnsafeUrlError as exc:
            errors.append((("body", "url"), exc.code, exc.ctx))
    known = deliverable_resources()
    for i, name in enumerate(state.get("resources") or []):
        if name not in known:
            errors.append((("body", "resources", i), "webhook_resource", {"name": name}))
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "webhook"}, errors=errors)


webhooks = Resource(
    name="webhooks",
    label="webhook",
    tag="sync",
    model=Webhook,
    create=WebhookState,
    update=WebhookUpdate,
    read=WebhookRead,
    # its own create (a secret to answer once); no PUT, which could make one without a secret
    operations=frozenset(("list", "read", "update", "delete")),
    filters=WebhookFilters,
    validate=_validate,
    visibility=w13_only,
    exported=False,
)


def create_webhook(
    session: Session, principal: Principal, payload: WebhookCreate
) -> tuple[Webhook, str]:
    """The subscription and its secret; the secret is in this answer and in no later one."""
    require(principal, webhooks.name, Verb.create)
    secret = signing.new_secret()
    state = WebhookState.model_validate({**payload.model_dump(), "secret": secret})
    obj = writes.create_record(session, principal, webhooks, state)
    assert isinstance(obj, Webhook)
    return obj, secret


def rotate_secret(
    session: Session, principal: Principal, record_id: uuid.UUID, if_match: str | None = None
) -> tuple[Webhook, str]:
    """A new secret, used from the next attempt on; the old one stops signing at once."""
    obj = reads.get_visible(session, principal, webhooks, record_id)
    secret = signing.new_secret()
    obj = writes.update_record(
        session, principal, webhooks, obj, {"secret": secret}, if_match=if_match
    )
    assert isinstance(obj, Webhook)
    return obj, secret


# --- the delivery log --------------------------------------------------------------------


def _deliveries_of(
    session: Session, principal: Principal, webhook_id: uuid.UUID, action: Verb
) -> Webhook:
    """The subscription whose log is asked for (404 when not readable, 403 when the caller
    may read but not do `action`)."""
    obj = reads.get_visible(session, principal, webhooks, webhook_id)
    require(principal, webhooks.name, action)
    assert isinstance(obj, Webhook)
    return obj


def serialize_deliveries(session: Session, rows: Sequence[WebhookDelivery]) -> list[DeliveryRead]:
    """Deliveries with their attempts, in one query for the whole page."""
    attempts: dict[uuid.UUID, list[AttemptRead]] = {}
    if rows:
        found = session.scalars(
            select(WebhookAttempt)
            .where(col(WebhookAttempt.delivery_id).in_([r.id for r in rows]))
            .order_by(col(WebhookAttempt.delivery_id), col(WebhookAttempt.at))
        )
        for attempt in found:
            attempts.setdefault(attempt.delivery_id, []).append(AttemptRead.model_validate(attempt))
    return [
        DeliveryRead(
            id=r.id,
            webhook_id=r.webhook_id,
            seq=r.seq,
            event_type=r.event_type,
            status=r.status,
            created_at=r.created_at,
            next_attempt_at=r.next_attempt_at if r.status == "pending" else None,
            last_attempt_at=r.last_attempt_at,
            last_status_code=r.last_status_code,
            last_error=r.last_error,
            delivered_at=r.delivered_at,
            payload=json.loads(r.payload),
            attempts=attempts.get(r.id, []),
        )
        for r in rows
    ]


def list_deliveries(
    session: Session, principal: Principal, webhook_id: uuid.UUID, params: DeliveryFilters
) -> tuple[list[DeliveryRead], str | None]:
    """One page of a subscription's deliveries, newest change first (keyset pages)."""
    _deliveries_of(session, principal, webhook_id, Verb.read)
    columns: list[Any] = [col(WebhookDelivery.seq), col(WebhookDelivery.id)]
    query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)
    if params.status is not None:
        query = query.where(WebhookDelivery.status == params.status)
    if params.cursor:
        query = query.where(after_clause(columns, decode_cursor(params.cursor, columns), True))
    rows = list(
        session.scalars(query.order_by(columns[0].desc(), columns[1]).limit(params.limit + 1))
    )
    cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        cursor = encode_cursor([rows[-1].seq, rows[-1].id])
    return serialize_deliveries(session, rows), cursor


def _delivery(
    session: Session, webhook_id: uuid.UUID, delivery_id: uuid.UUID, *, lock: bool = False
) -> WebhookDelivery:
    query = select(WebhookDelivery).where(
        WebhookDelivery.id == delivery_id, WebhookDelivery.webhook_id == webhook_id
    )
    if lock:
        query = query.with_for_update()
    obj = session.scalars(query).first()
    if obj is None:
        raise not_found("Delivery")
    return obj


def get_delivery(
    session: Session, principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> DeliveryRead:
    _deliveries_of(session, principal, webhook_id, Verb.read)
    (read,) = serialize_deliveries(session, [_delivery(session, webhook_id, delivery_id)])
    return read


def retry_delivery(
    session: Session, principal: Principal, webhook_id: uuid.UUID, delivery_id: uuid.UUID
) -> DeliveryRead:
    """Send a delivery again now, whatever its state, with a fresh back-off schedule and the
    same `webhook-id` (so a receiver that already has it can recognise it)."""
    webhook = _deliveries_of(session, principal, webhook_id, Verb.update)
    if not webhook.active:
        raise ProblemError(409, "webhook_inactive")
    obj = _delivery(session, webhook_id, delivery_id, lock=True)
    now = utcnow()
    if obj.status == "pending" and obj.claimed_at is not None and obj.claimed_at > now - LEASE:
        raise ProblemError(409, "delivery_in_flight")
    obj.status = "pending"
    obj.failures = 0
    obj.next_attempt_at = now
    obj.claimed_at = None
    obj.claim_token = None
    session.flush()
    wake_after_commit(session)
    (read,) = serialize_deliveries(session, [obj])
    return read


def prune_log(session: Session, keep: timedelta = LOG_RETENTION) -> int:
    """Forget delivered and failed deliveries older than `keep` (their attempts go along)."""
    result = session.execute(
        delete(WebhookDelivery).where(
            col(WebhookDelivery.status).in_(("delivered", "failed")),
            col(WebhookDelivery.created_at) < utcnow() - keep,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
