"""What the service's outboxes share (the webhook deliveries, the mail messages): rows written
in the transaction of the change that causes them, then sent by workers that claim them under a
lease, retry them with back-off and run until told to stop.

A claim marks a batch of due rows with a token and the time, and commits; on PostgreSQL the
claim query skips rows another worker is claiming (`FOR UPDATE SKIP LOCKED`), on SQLite the
claim runs in a write transaction, so two workers never take the same row. The result of an
attempt is written only while the claim is still the worker's own (`settle`). A worker that
dies leaves its claims behind; they expire after the lease and another worker takes them over.

An outbox table has the columns `status` ("pending" while it waits), `next_attempt_at`,
`claimed_at`, `claim_token` and `failures`; the domain says what sending one row means."""

from __future__ import annotations

import logging
import random
import signal
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Connection, Engine, event, func, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlalchemy.orm import Session

from api.core.db import get_engine
from api.core.session import Session as UnitOfWork
from api.core.types import utcnow

T = TypeVar("T")

POLL_SECONDS = 1.0
MAX_BACKOFF = 30.0  # seconds between rounds while the database is unreachable


class Wake:
    """Wakes this process's worker once a transaction that wrote rows to its outbox commits
    (nothing on a rollback), so a message goes out at once rather than at the next poll."""

    def __init__(self, name: str) -> None:
        self.event = threading.Event()
        self._key = f"regie_outbox_written:{name}"

    def after_commit(self, session: Session) -> None:
        """Mark the caller's transaction as one that wrote to the outbox."""
        session.info[self._key] = True

    def install(self) -> None:
        if not event.contains(UnitOfWork, "after_commit", self._committed):
            event.listen(UnitOfWork, "after_commit", self._committed)
            event.listen(UnitOfWork, "after_rollback", self._rolled_back)

    def _committed(self, session: Session) -> None:
        if session.info.pop(self._key, False):
            self.event.set()

    def _rolled_back(self, session: Session) -> None:
        session.info.pop(self._key, None)


def backlog_gauge(
    status: Any, name: str, documentation: str
) -> Callable[[Connection], Iterator[GaugeMetricFamily]]:
    """A metrics collector (`metrics.DATABASE_FIGURES`) of an outbox's rows waiting or given
    up on, by `status` (the table's status column): one COUNT at scrape time, the same for
    every instance since the outbox is in the database."""
    query = select(status, func.count()).where(status.in_(("pending", "failed"))).group_by(status)

    def collect(conn: Connection) -> Iterator[GaugeMetricFamily]:
        counts = dict.fromkeys(("pending", "failed"), 0)
        counts.update(dict(conn.execute(query).all()))
        family = GaugeMetricFamily(name, documentation, labels=["status"])
        for state, n in sorted(counts.items()):
            family.add_metric([state], float(n))
        yield family

    return collect


def claim_due(
    session: Session,
    model: Any,
    *,
    now: datetime,
    lease: timedelta,
    limit: int,
    where: Sequence[Any] = (),
    join: tuple[Any, Any] | None = None,
    order_by: Sequence[Any] = (),
) -> tuple[list[uuid.UUID], str]:
    """Claim up to `limit` due rows of `model` (pending, due, not claimed by a live worker,
    and matching `where`, over the optional `join`): their ids and the claim's token. The
    caller's session commits the claim."""
    token = uuid.uuid4().hex
    due = select(model.id)
    if join is not None:
        due = due.join(*join)
    due = (
        due.where(
            model.status == "pending",
            model.next_attempt_at <= now,
            or_(model.claimed_at.is_(None), model.claimed_at < now - lease),
            *where,
        )
        .order_by(*(order_by or (model.next_attempt_at,)))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(of=model, skip_locked=True)
    ids = list(session.scalars(due))
    if ids:
        session.execute(
            update(model).where(model.id.in_(ids)).values(claimed_at=now, claim_token=token)
        )
    return ids, token


def settle(
    session: Session, model: Any, row_id: uuid.UUID, token: str, values: dict[str, Any]
) -> bool:
    """Write an attempt's result (and release the claim) only while the claim is still this
    worker's; False when it ran out and another worker took over, or the row is gone."""
    result = session.execute(
        update(model)
        .where(model.id == row_id, model.claim_token == token)
        .values(**values, claimed_at=None, claim_token=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def retry_at(
    now: datetime, failures: int, delays: Sequence[float], rng: random.Random
) -> datetime | None:
    """When to try again after the `failures`-th failed attempt in a row (± 20 % jitter, so
    rows that failed together do not come back together); None once `delays` is exhausted."""
    if failures > len(delays):
        return None
    return now + timedelta(seconds=delays[failures - 1] * rng.uniform(0.8, 1.2))


class OutboxWorker(Generic[T]):
    """One worker of one outbox: `run_once` claims a batch and sends it (concurrently);
    `run` loops until told to stop. A domain implements `claim` and `deliver`."""

    name = "outbox"

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        batch: int,
        lease: timedelta,
        wake: threading.Event,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.engine = engine or get_engine()
        self.batch = batch
        self.lease = lease
        self.wake = wake
        self.clock = clock
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not cryptography)
        self.log = logging.getLogger(f"regie.{self.name}")
        self.pool = ThreadPoolExecutor(max_workers=batch, thread_name_prefix=f"regie-{self.name}")

    def close(self) -> None:
        self.pool.shutdown(wait=True)

    def claim(self, limit: int | None = None) -> list[T]:
        raise NotImplementedError

    def deliver(self, item: T) -> str:
        """Send one claimed row and record the result; the resulting status."""
        raise NotImplementedError

    def maintain(self) -> None:
        """Between rounds: housekeeping of the domain (pruning, scheduled messages)."""

    def _deliver(self, item: T) -> str:
        try:
            return self.deliver(item)
        except Exception:  # the claim expires and another attempt follows
            self.log.exception("%s: a claimed row could not be sent or recorded", self.name)
            return "error"

    def run_once(self) -> dict[str, int]:
        """Claim one batch and send it; counts by resulting status."""
        counts: dict[str, int] = {}
        for status in self.pool.map(self._deliver, self.claim()):
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

    def run(
        self, stop: threading.Event, poll: float = POLL_SECONDS, max_backoff: float = MAX_BACKOFF
    ) -> None:
        """Until `stop` is set: send what is due, then sleep until woken or `poll` passes.

        While rounds fail (the database is unreachable, most often) the worker logs one warning
        for the outage, not a traceback a second, and waits longer between tries (doubling up
        to `max_backoff`); it says so once when a round succeeds again."""
        self.log.info("%s worker started", self.name)
        failing: str | None = None  # the error class of the outage under way
        wait = poll
        while not stop.is_set():
            try:
                self.maintain()
                busy = bool(self.run_once())
            except Exception as exc:  # a database outage must not end the worker
                name = f"{type(exc).__module__}.{type(exc).__qualname__}"
                if name != failing:
                    first_line = (str(exc).strip().splitlines() or [""])[0][:300]
                    self.log.warning(
                        "%s worker paused: %s: %s (retrying with back-off, up to %ss)",
                        self.name,
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
                self.log.warning("%s worker resumed after %s", self.name, failing)
                failing, wait = None, poll
            if busy:
                continue
            if self.wake.wait(poll):
                self.wake.clear()
        self.log.info("%s worker stopped", self.name)


class WorkerThread:
    """A worker on a background thread, stopped gracefully: the batch in flight finishes."""

    def __init__(self, worker: OutboxWorker[Any], poll: float = POLL_SECONDS) -> None:
        self.worker = worker
        self.poll = poll
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"regie-{worker.name}", daemon=True)

    def _run(self) -> None:
        self.worker.run(self.stopping, self.poll)

    def start(self) -> WorkerThread:
        self.thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        self.worker.wake.set()
        self.thread.join(timeout)
        if not self.thread.is_alive():
            self.worker.close()


def lifespan(
    *starters: Callable[[], WorkerThread | None],
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the worker threads the starters give (None: that one is off), from
    start-up to shutdown."""

    @asynccontextmanager
    async def run(_: Any) -> AsyncIterator[None]:
        threads = [t.start() for t in (start() for start in starters) if t is not None]
        try:
            yield
        finally:
            if threads:
                import anyio.to_thread

                for thread in threads:
                    await anyio.to_thread.run_sync(thread.stop)

    return run


def run_until_signalled(worker: OutboxWorker[Any]) -> None:
    """A worker's command: loop until SIGINT or SIGTERM, finishing the batch in flight."""
    stop = threading.Event()

    def _stop(signum: int, _: Any) -> None:
        worker.log.info("signal %s: stopping after the batch in flight", signum)
        stop.set()
        worker.wake.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    worker.run(stop)
