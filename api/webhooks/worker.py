"""Sends due webhook deliveries: claim, POST with Standard Webhooks signatures, log, retry.

Claims, leases, back-off and the worker's loop are the service's outbox mechanism
(`api.core.outbox`, shared with the mail outbox); this module says what sending a delivery
means. A worker that dies leaves its claims behind; they expire after the lease
(`service.LEASE`) and another worker sends them. Delivery is at least once: a receiver can
see a delivery again (after such a crash, or a manual retry) and drops it by `webhook-id`.

Runs as a thread of the API process (setting `webhook_worker`) and as `regie webhooks run`;
any number of them may run against one database."""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, select
from sqlmodel import col

from api.core import outbox
from api.core.config import Settings, get_settings
from api.core.db import session_scope
from api.core.types import utcnow
from api.models.webhook import Webhook, WebhookAttempt, WebhookDelivery
from api.webhooks import signing
from api.webhooks.outbox import WAKE
from api.webhooks.service import LEASE, RETRY_DELAYS
from api.webhooks.urls import Resolver, UnsafeUrlError, check_url

log = logging.getLogger("regie.webhooks")

TIMEOUT = 5.0  # seconds, for each of connect, write and read
BATCH = 10
POLL_SECONDS = outbox.POLL_SECONDS
PRUNE_EVERY = timedelta(hours=1)
ERROR_CHARS = 500
BODY_SNIPPET = 200
USER_AGENT = "regie-webhooks/1.0"


@dataclass(frozen=True)
class Claimed:
    id: uuid.UUID
    webhook_id: uuid.UUID
    url: str
    secret: str
    payload: str
    failures: int
    token: str


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None
    error: str | None
    duration_ms: int


class DeliveryWorker(outbox.OutboxWorker[Claimed]):
    """One worker: `run_once` claims and sends a batch; `run` loops until told to stop."""

    name = "webhooks"

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        batch: int = BATCH,
        lease: timedelta = LEASE,
        timeout: float = TIMEOUT,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        resolver: Resolver | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(engine, batch=batch, lease=lease, wake=WAKE, clock=clock, rng=rng)
        self.resolver = resolver
        # No redirects (a receiver could bounce a delivery to an internal address) and no
        # proxy settings from the environment (the checked address must be the one reached).
        self.http = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            transport=transport,
            headers={"user-agent": USER_AGENT, "content-type": "application/json"},
        )
        self.last_prune: datetime | None = None

    def close(self) -> None:
        super().close()
        self.http.close()

    # --- claiming ------------------------------------------------------------------------

    def claim(self, limit: int | None = None) -> list[Claimed]:
        """Take up to `limit` due deliveries of active subscriptions, and commit the claim."""
        d = WebhookDelivery
        order = (col(d.next_attempt_at), col(d.seq))
        with session_scope(self.engine) as session:
            ids, token = outbox.claim_due(
                session,
                d,
                now=self.clock(),
                lease=self.lease,
                limit=limit or self.batch,
                join=(Webhook, col(Webhook.id) == d.webhook_id),
                where=(col(Webhook.active).is_(True),),
                order_by=order,
            )
            if not ids:
                return []
            rows = session.execute(
                select(d.id, d.webhook_id, d.payload, d.failures, Webhook.url, Webhook.secret)
                .join(Webhook, col(Webhook.id) == d.webhook_id)
                .where(col(d.id).in_(ids))
                .order_by(*order)
            ).all()
        return [
            Claimed(
                id=r.id,
                webhook_id=r.webhook_id,
                url=r.url,
                secret=r.secret,
                payload=r.payload,
                failures=r.failures,
                token=token,
            )
            for r in rows
        ]

    # --- sending -------------------------------------------------------------------------

    def send(self, delivery: Claimed) -> Outcome:
        """One attempt; never raises for what the receiver or the network does."""
        started = time.monotonic()
        status: int | None = None
        error: str | None = None
        try:
            target = check_url(
                delivery.url,
                allow_private=get_settings().webhook_allow_private,
                resolver=self.resolver,
            )
            timestamp = int(self.clock().timestamp())
            headers = signing.headers(
                delivery.secret, str(delivery.id), timestamp, delivery.payload
            )
            headers["host"] = target.host_header
            extensions: dict[str, Any] = {}
            if target.url.startswith("https:"):
                extensions["sni_hostname"] = target.server_name
            with self.http.stream(
                "POST",
                target.url,
                content=delivery.payload.encode(),
                headers=headers,
                extensions=extensions,
            ) as response:
                status = response.status_code
                if not 200 <= status < 300:
                    error = f"HTTP {status}"
                    if 300 <= status < 400:
                        error += " (redirects are not followed)"
                    snippet = _start_of(response)
                    if snippet:
                        error += f": {snippet}"
        except UnsafeUrlError as exc:
            error = f"Refused: {exc}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        duration = int((time.monotonic() - started) * 1000)
        ok = error is None and status is not None
        return Outcome(ok, status, error[:ERROR_CHARS] if error else None, duration)

    def record(self, delivery: Claimed, outcome: Outcome) -> str:
        """Log the attempt and settle the delivery: delivered, retry later, or failed."""
        now = self.clock()
        d = WebhookDelivery
        values: dict[str, Any] = {
            "attempts": col(d.attempts) + 1,
            "last_attempt_at": now,
            "last_status_code": outcome.status_code,
            "last_error": outcome.error,
        }
        if outcome.ok:
            status = "delivered"
            values.update(status=status, delivered_at=now, failures=0)
        else:
            failures = delivery.failures + 1
            retry = outbox.retry_at(now, failures, RETRY_DELAYS, self.rng)
            values["failures"] = failures
            if retry is None:
                status = "failed"
                values["status"] = status
            else:
                status = "pending"
                values["next_attempt_at"] = retry
        with session_scope(self.engine) as session:
            if not outbox.settle(session, d, delivery.id, delivery.token, values):
                # The claim ran out and another worker took over, or the subscription was
                # deleted: the attempt happened all the same, so log it if there is a log.
                status = "lost"
                if session.get(d, delivery.id) is None:
                    return status
            session.add(
                WebhookAttempt(
                    delivery_id=delivery.id,
                    at=now,
                    status_code=outcome.status_code,
                    error=outcome.error,
                    duration_ms=outcome.duration_ms,
                )
            )
        if not outcome.ok:
            log.warning(
                "webhook delivery %s to subscription %s: %s (now %s)",
                delivery.id,
                delivery.webhook_id,
                outcome.error,
                status,
            )
        return status

    def deliver(self, item: Claimed) -> str:
        return self.record(item, self.send(item))

    # --- housekeeping --------------------------------------------------------------------

    def maintain(self) -> None:
        now = self.clock()
        if self.last_prune is not None and now - self.last_prune < PRUNE_EVERY:
            return
        from api.maintenance import prune  # imports every domain's tables: not at load time

        self.last_prune = now  # a failed prune waits for the next hour, deliveries go on
        counts = prune(self.engine, now=now)
        if any(counts.values()):
            self.log.info("pruned past their retention: %s", {k: n for k, n in counts.items() if n})


def _start_of(response: httpx.Response) -> str:
    data = b""
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= BODY_SNIPPET:
            break
    return " ".join(data[:BODY_SNIPPET].decode("utf-8", "replace").split())


class WorkerThread(outbox.WorkerThread):
    """A webhook worker on a background thread (`api.core.outbox.WorkerThread`)."""

    def __init__(self, worker: DeliveryWorker | None = None, poll: float = POLL_SECONDS) -> None:
        super().__init__(worker or DeliveryWorker(), poll)


def worker_enabled(settings: Settings) -> bool:
    """On unless `REGIE_WEBHOOK_WORKER=false`; off in tests unless a test sets it."""
    if not settings.webhook_worker:
        return False
    return settings.env != "test" or "webhook_worker" in settings.model_fields_set


def start_thread(settings: Settings) -> WorkerThread | None:
    """The worker thread of the API process, when enabled (for `api.core.outbox.lifespan`)."""
    return WorkerThread() if worker_enabled(settings) else None
