"""Sends due webhook deliveries: claim, POST with Standard Webhooks signatures, log, retry.

A claim marks a batch of due deliveries with a token and the time, and commits; on
PostgreSQL the claim query skips rows another worker is claiming (`FOR UPDATE SKIP LOCKED`),
on SQLite the claim runs in a write transaction (`BEGIN IMMEDIATE`), so two workers never
take the same delivery. The result of an attempt is written only while the claim is still
the worker's own. A worker that dies leaves its claims behind; they expire after the lease
(`service.LEASE`) and another worker sends them. Delivery is at least once: a receiver can
see a delivery again (after such a crash, or a manual retry) and drops it by `webhook-id`.

Runs as a thread of the API process (setting `webhook_worker`) and as `regie webhooks run`;
any number of them may run against one database."""

from __future__ import annotations

import logging
import random
import signal
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlmodel import col

from api.core.config import Settings, get_settings
from api.core.db import get_engine, session_scope
from api.core.types import utcnow
from api.models.webhook import Webhook, WebhookAttempt, WebhookDelivery
from api.webhooks import signing
from api.webhooks.outbox import WAKE
from api.webhooks.service import LEASE, RETRY_DELAYS
from api.webhooks.urls import Resolver, UnsafeUrlError, check_url

log = logging.getLogger("regie.webhooks")

TIMEOUT = 5.0  # seconds, for each of connect, write and read
BATCH = 10
POLL_SECONDS = 1.0
PRUNE_EVERY = timedelta(hours=1)
MAX_BACKOFF = 30.0  # seconds between rounds while the database is unreachable
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


class DeliveryWorker:
    """One worker: `run_once` claims and sends a batch; `run` loops until told to stop."""

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
        self.engine = engine or get_engine()
        self.batch = batch
        self.lease = lease
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not cryptography)
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
        self.pool = ThreadPoolExecutor(max_workers=batch, thread_name_prefix="regie-webhook")
        self.last_prune: datetime | None = None

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.http.close()

    # --- claiming ------------------------------------------------------------------------

    def claim(self, limit: int | None = None) -> list[Claimed]:
        """Take up to `limit` due deliveries of active subscriptions, and commit the claim."""
        now = self.clock()
        token = uuid.uuid4().hex
        d = WebhookDelivery
        with session_scope(self.engine) as session:
            due = (
                select(d.id)
                .join(Webhook, col(Webhook.id) == d.webhook_id)
                .where(
                    d.status == "pending",
                    col(d.next_attempt_at) <= now,
                    or_(col(d.claimed_at).is_(None), col(d.claimed_at) < now - self.lease),
                    col(Webhook.active).is_(True),
                )
                .order_by(col(d.next_attempt_at), col(d.seq))
                .limit(limit or self.batch)
            )
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(of=d, skip_locked=True)
            ids = list(session.scalars(due))
            if not ids:
                return []
            session.execute(
                update(d).where(col(d.id).in_(ids)).values(claimed_at=now, claim_token=token)
            )
            rows = session.execute(
                select(d.id, d.webhook_id, d.payload, d.failures, Webhook.url, Webhook.secret)
                .join(Webhook, col(Webhook.id) == d.webhook_id)
                .where(col(d.id).in_(ids))
                .order_by(col(d.next_attempt_at), col(d.seq))
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
            "claimed_at": None,
            "claim_token": None,
        }
        if outcome.ok:
            status = "delivered"
            values.update(status=status, delivered_at=now, failures=0)
        else:
            failures = delivery.failures + 1
            if failures > len(RETRY_DELAYS):
                status = "failed"
                values.update(status=status, failures=failures)
            else:
                status = "pending"
                delay = RETRY_DELAYS[failures - 1] * self.rng.uniform(0.8, 1.2)
                values.update(failures=failures, next_attempt_at=now + timedelta(seconds=delay))
        with session_scope(self.engine) as session:
            mine = session.execute(
                update(d)
                .where(col(d.id) == delivery.id, col(d.claim_token) == delivery.token)
                .values(**values)
            )
            if not mine.rowcount:  # type: ignore[attr-defined]
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

    def _deliver(self, delivery: Claimed) -> str:
        try:
            return self.record(delivery, self.send(delivery))
        except Exception:  # the claim expires and another attempt follows
            log.exception("webhook delivery %s could not be recorded", delivery.id)
            return "error"

    # --- loops ---------------------------------------------------------------------------

    def run_once(self) -> dict[str, int]:
        """Claim one batch and send it (concurrently); counts by resulting status."""
        claimed = self.claim()
        counts: dict[str, int] = {}
        for status in self.pool.map(self._deliver, claimed):
            counts[status] = counts.get(status, 0) + 1
        return counts

    def drain(self, max_rounds: int = 10_000) -> dict[str, int]:
        """Send everything that is due now (failures wait for their retry time)."""
        total: dict[str, int] = {}
        for _ in range(max_rounds):
            counts = self.run_once()
            if not counts:
                break
            for status, n in counts.items():
                total[status] = total.get(status, 0) + n
        return total

    def _maybe_prune(self) -> None:
        now = self.clock()
        if self.last_prune is not None and now - self.last_prune < PRUNE_EVERY:
            return
        from api.maintenance import prune  # imports every domain's tables: not at load time

        self.last_prune = now  # a failed prune waits for the next hour, deliveries go on
        counts = prune(self.engine, now=now)
        if any(counts.values()):
            log.info("pruned past their retention: %s", {k: n for k, n in counts.items() if n})

    def run(
        self, stop: threading.Event, poll: float = POLL_SECONDS, max_backoff: float = MAX_BACKOFF
    ) -> None:
        """Until `stop` is set: send what is due, then sleep until woken or `poll` passes.

        While rounds fail (the database is unreachable, most often) the worker logs one warning
        for the outage, not a traceback a second, and waits longer between tries (doubling up
        to `max_backoff`); it says so once when a round succeeds again."""
        log.info("webhook worker started")
        failing: str | None = None  # the error class of the outage under way
        wait = poll
        while not stop.is_set():
            try:
                self._maybe_prune()
                busy = bool(self.run_once())
            except Exception as exc:  # a database outage must not end the worker
                name = f"{type(exc).__module__}.{type(exc).__qualname__}"
                if name != failing:
                    first_line = (str(exc).strip().splitlines() or [""])[0][:300]
                    log.warning(
                        "webhook worker paused: %s: %s (retrying with back-off, up to %ss)",
                        name,
                        first_line,
                        max_backoff,
                        # A database error is an outage; anything else is a bug: show where.
                        exc_info=None if isinstance(exc, DBAPIError | SATimeoutError) else exc,
                    )
                    failing = name
                wait = min(max(wait * 2, poll), max_backoff)
                stop.wait(wait)
                continue
            if failing is not None:
                log.warning("webhook worker resumed after %s", failing)
                failing, wait = None, poll
            if busy:
                continue
            if WAKE.wait(poll):
                WAKE.clear()
        log.info("webhook worker stopped")


def _start_of(response: httpx.Response) -> str:
    data = b""
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) >= BODY_SNIPPET:
            break
    return " ".join(data[:BODY_SNIPPET].decode("utf-8", "replace").split())


class WorkerThread:
    """A worker on a background thread, stopped gracefully: the batch in flight finishes."""

    def __init__(self, worker: DeliveryWorker | None = None, poll: float = POLL_SECONDS) -> None:
        self.worker = worker or DeliveryWorker()
        self.poll = poll
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="regie-webhooks", daemon=True)

    def _run(self) -> None:
        self.worker.run(self.stopping, self.poll)

    def start(self) -> WorkerThread:
        self.thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        WAKE.set()
        self.thread.join(timeout)
        if not self.thread.is_alive():
            self.worker.close()


def worker_enabled(settings: Settings) -> bool:
    """On unless `REGIE_WEBHOOK_WORKER=false`; off in tests unless a test sets it."""
    if not settings.webhook_worker:
        return False
    return settings.env != "test" or "webhook_worker" in settings.model_fields_set


def lifespan(settings: Settings) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """The app's lifespan: a worker thread from start-up to shutdown, when enabled."""

    @asynccontextmanager
    async def run(_: Any) -> AsyncIterator[None]:
        if not worker_enabled(settings):
            yield
            return
        import anyio.to_thread

        thread = WorkerThread().start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(thread.stop)

    return run


def run_until_signalled(worker: DeliveryWorker) -> None:
    """`regie webhooks run`: loop until SIGINT or SIGTERM, finishing the batch in flight."""
    stop = threading.Event()

    def _stop(signum: int, _: Any) -> None:
        log.info("signal %s: stopping after the batch in flight", signum)
        stop.set()
        WAKE.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    worker.run(stop)
