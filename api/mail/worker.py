"""Sends queued e-mail: claim (api.core.outbox), send through the transport, mark; retries
with back-off; once a week queues each person's digest.

What is guaranteed (docs/configuration.md, "E-mail"):
- a message is queued in the transaction of its cause: committed with it, or not at all;
- a message is sent by one worker at a time: the claim is committed before sending, and no
  other worker takes it while the claim is younger than the lease (`LEASE`);
- a worker that crashes after the server accepted a message and before marking it sent leaves
  its claim; the message is not sent again within the lease. After the lease it is sent once
  more, with the same Message-ID, which mail clients use to recognise a message they have;
- a failed attempt (refused with 4xx or 5xx, connection lost) is retried after
  `RETRY_DELAYS`, then the message is `failed` and W13 sees it, and may send it again.

Runs as a thread of the API process (setting `mail_worker`) and as `regie mail run`."""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import col

from api.core import outbox
from api.core.config import Settings, get_settings
from api.core.db import session_scope
from api.core.types import utcnow
from api.mail import compose
from api.mail.outbox import WAKE
from api.mail.transport import Transport, TransportError, from_settings
from api.models.mail import MailMessage

log = logging.getLogger("regie.mail")

# Far longer than one attempt can take (connect, TLS, login, send: each within the timeout).
LEASE = timedelta(minutes=5)
# Seconds to wait after the 1st, 2nd, … failed attempt (± 20 % jitter); then `failed`.
RETRY_DELAYS = (30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
BATCH = 5
ERROR_CHARS = 500
DIGEST_CHECK_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Claimed:
    id: uuid.UUID
    message_id: str
    recipient: str
    content: str
    failures: int
    token: str


class MailWorker(outbox.OutboxWorker[Claimed]):
    name = "mail"

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        transport: Transport | None = None,
        batch: int = BATCH,
        lease: timedelta = LEASE,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        digests: bool = True,
    ) -> None:
        super().__init__(engine, batch=batch, lease=lease, wake=WAKE, clock=clock, rng=rng)
        self.transport = transport or from_settings(get_settings())
        self.digests = digests
        self.last_digest_check: datetime | None = None

    def claim(self, limit: int | None = None) -> list[Claimed]:
        m = MailMessage
        order = (col(m.next_attempt_at), col(m.created_at))
        with session_scope(self.engine) as session:
            ids, token = outbox.claim_due(
                session,
                m,
                now=self.clock(),
                lease=self.lease,
                limit=limit or self.batch,
                order_by=order,
            )
            if not ids:
                return []
            rows = session.execute(
                select(m.id, m.message_id, m.recipient, m.content, m.failures)
                .where(col(m.id).in_(ids))
                .order_by(*order)
            ).all()
        return [
            Claimed(r.id, r.message_id, r.recipient, r.content, r.failures, token) for r in rows
        ]

    def send(self, item: Claimed) -> tuple[str | None, str | None]:
        """One attempt: (file written, error), never raising for what the server does."""
        try:
            sent = self.transport.send(
                compose.sender()[1], item.recipient, item.content, item.message_id
            )
        except TransportError as exc:
            return None, str(exc)[:ERROR_CHARS]
        return sent.file, None

    def record(self, item: Claimed, file: str | None, error: str | None) -> str:
        now = self.clock()
        m = MailMessage
        values: dict[str, Any] = {"attempts": col(m.attempts) + 1, "last_attempt_at": now}
        if error is None:
            status = "sent"
            values.update(status=status, sent_at=now, failures=0, last_error=None, file=file)
        else:
            failures = item.failures + 1
            retry = outbox.retry_at(now, failures, RETRY_DELAYS, self.rng)
            values.update(failures=failures, last_error=error)
            if retry is None:
                status = "failed"
                values["status"] = status
            else:
                status = "pending"
                values["next_attempt_at"] = retry
        with session_scope(self.engine) as session:
            if not outbox.settle(session, m, item.id, item.token, values):
                status = "lost"  # the claim ran out and another worker took the message over
        if error is not None:
            log.warning("mail message %s: %s (now %s)", item.id, error, status)
        return status

    def deliver(self, item: Claimed) -> str:
        return self.record(item, *self.send(item))

    def maintain(self) -> None:
        """Once an hour: queue the week's digests that are due (each person's once a week)."""
        if not self.digests:
            return
        now = self.clock()
        if self.last_digest_check is not None and now - self.last_digest_check < DIGEST_CHECK_EVERY:
            return
        self.last_digest_check = now
        from api.mail.digest import queue_digests

        with session_scope(self.engine) as session:
            queued = queue_digests(session, now)
        if queued:
            log.info("queued %s weekly digests", queued)


def worker_enabled(settings: Settings) -> bool:
    """On unless `REGIE_MAIL_WORKER=false`; off in tests unless a test sets it."""
    if not settings.mail_worker:
        return False
    return settings.env != "test" or "mail_worker" in settings.model_fields_set


def start_thread(settings: Settings) -> outbox.WorkerThread | None:
    """The mail worker thread of the API process, when enabled (`api.core.outbox.lifespan`)."""
    return outbox.WorkerThread(MailWorker()) if worker_enabled(settings) else None
