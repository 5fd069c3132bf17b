"""The webhook outbox: one delivery row per change and matching subscription, written by the
unit of work (`api.core.unitofwork`, as one of its commit hooks) in the same transaction as the
change, right after its change-feed row. A crash after commit cannot lose a delivery, and a
rollback sends none. `install` plugs it, and its backlog's metrics, into core."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import metrics, outbox, unitofwork
from api.models.webhook import Webhook, WebhookDelivery
from api.sync.schemas import ChangeRead
from api.webhooks.schemas import WebhookEvent

# Subscriptions are not announced to subscribers: a new subscription would otherwise receive
# the news of its own creation.
NOT_DELIVERED = frozenset({"webhooks"})
# Set after a commit that wrote deliveries, so a worker in this process sends them at once
# instead of at its next poll.
SIGNAL = outbox.Wake("webhooks")
WAKE = SIGNAL.event
wake_after_commit = SIGNAL.after_commit


def event_body(seq: int, change: Mapping[str, Any]) -> tuple[str, str]:
    """(event type, JSON body) of the delivery of one change."""
    event_type = f"{change['resource']}.{change['op']}"
    body = WebhookEvent(
        type=event_type,
        timestamp=change["at"],
        data=ChangeRead(
            seq=seq,
            resource=change["resource"],
            id=change["record_id"],
            parent_id=change.get("parent_id"),
            op=change["op"],
            version=change["version"],
            at=change["at"],
        ),
    ).model_dump_json()
    return event_type, body


def enqueue(
    session: Session,
    changes: Sequence[Mapping[str, Any]],
    written: Sequence[tuple[int, str, uuid.UUID]],
) -> int:
    """Write the deliveries of the changes just appended to the feed (`written` holds their
    `(seq, resource, record_id)`); returns how many."""
    if not written:
        return 0
    subscriptions = session.execute(
        select(Webhook.id, Webhook.resources).where(col(Webhook.active).is_(True))
    ).all()
    if not subscriptions:
        return 0
    by_key = {(c["resource"], c["record_id"]): c for c in changes}
    rows = []
    for seq, resource, record_id in sorted(written):
        if resource in NOT_DELIVERED:
            continue
        change = by_key[(resource, record_id)]
        event_type, body = event_body(seq, change)
        for webhook_id, resources in subscriptions:
            if resources and resource not in resources:
                continue
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "webhook_id": webhook_id,
                    "seq": seq,
                    "event_type": event_type,
                    "payload": body,
                    "status": "pending",
                    "created_at": change["at"],
                    "next_attempt_at": change["at"],
                }
            )
    if rows:
        session.execute(insert(WebhookDelivery), rows)
        wake_after_commit(session)
    return len(rows)


backlog = outbox.backlog_gauge(
    col(WebhookDelivery.status),
    "regie_webhook_outbox_deliveries",
    "Webhook deliveries in the outbox by status: pending (waiting to be sent or retried) "
    "and failed (gave up after every retry).",
)


def install() -> None:
    """Plug the outbox into core: its deliveries are written with every commit's feed rows,
    a commit that wrote some wakes this process's worker, and a metrics scrape reads its
    backlog. Called once, by `api.resources.load_all`."""
    unitofwork.COMMIT_HOOKS.add(enqueue)
    metrics.DATABASE_FIGURES.add(backlog)
    SIGNAL.install()
