"""The mail outbox: messages are written in the transaction of the change that causes them (a
meeting moved, W13 sending an invitation or publishing minutes), so a crash after the commit
cannot lose one and a rollback sends none. Each message's Message-ID is made of what it is
about, and a message whose Message-ID is queued already is not queued again: the same
invitation, update or minutes never goes to the same person twice."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import metrics, outbox
from api.core.types import utcnow
from api.models.mail import MailMessage

# Set after a commit that queued messages, so a worker in this process sends them at once.
SIGNAL = outbox.Wake("mail")
WAKE = SIGNAL.event
wake_after_commit = SIGNAL.after_commit


def queue(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Queue messages (dicts of `MailMessage` columns) in the caller's transaction; a message
    whose Message-ID is queued already is left out. Returns how many were queued."""
    if not rows:
        return 0
    now = utcnow()
    # The row's id follows from its Message-ID too: the same message, the same id.
    values = [
        {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, f"regie-mail:{row['message_id']}"),
            "status": "pending",
            "created_at": now,
            "next_attempt_at": now,
            **row,
        }
        for row in rows
    ]
    table = MailMessage.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(table).on_conflict_do_nothing(index_elements=["message_id"])
    result = session.execute(stmt.returning(table.c.id), values)
    queued = len(result.all())
    if queued:
        wake_after_commit(session)
    return queued


backlog = outbox.backlog_gauge(
    col(MailMessage.status),
    "regie_mail_outbox_messages",
    "E-mail messages in the outbox by status: pending (waiting to be sent or retried) "
    "and failed (gave up after every retry).",
)


def install() -> None:
    """Plug the mail outbox into core: a commit that queued messages wakes this process's
    worker, and a metrics scrape reads the backlog. Called by `api.resources.load_all`."""
    metrics.DATABASE_FIGURES.add(backlog)
    SIGNAL.install()
