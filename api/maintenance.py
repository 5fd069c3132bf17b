"""Housekeeping of the tables that grow with use: the change feed beyond its retention
(`REGIE_CHANGE_RETENTION_DAYS`), remembered Idempotency-Keys (`REGIE_IDEMPOTENCY_RETENTION_HOURS`),
the webhook delivery log, expired login-failure and rate-limit counts, and known-good login
addresses not used for `REGIE_LOGIN_KNOWN_DAYS`.

Every webhook worker runs it about once an hour (a thread of `regie serve`, or
`regie webhooks run`); `regie prune` runs it once, for a deployment without a worker (cron).
Each step is a plain DELETE of what is past its time, so several instances may run it at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlmodel import col

from api.core.config import Settings, get_settings
from api.core.db import session_scope
from api.core.types import utcnow
from api.mail.service import prune_messages
from api.models.idempotency import IdempotencyKey
from api.models.login_attempt import KnownLogin, LoginFailure
from api.models.ratelimit import RateLimitWindow
from api.sync import service as feed
from api.webhooks.service import prune_log

RATE_LIMIT_KEEP = timedelta(days=1)


def prune(
    engine: Engine | None = None, *, settings: Settings | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Delete what is past its retention; the number of rows deleted per table."""
    settings = settings or get_settings()
    now = now or utcnow()
    idem_cutoff = now - timedelta(hours=settings.idempotency_retention_hours)
    login_cutoff = now - timedelta(seconds=settings.login_window_seconds)
    counts: dict[str, int] = {}
    with session_scope(engine) as session:
        counts["changes"] = feed.prune(session, settings.change_retention_days)
        counts["idempotency_keys"] = _rows(
            session.execute(
                delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < idem_cutoff)
            )
        )
        counts["webhook_deliveries"] = prune_log(session)
        counts["mail_messages"] = prune_messages(session)
        counts["login_failures"] = _rows(
            session.execute(
                delete(LoginFailure).where(col(LoginFailure.window_start) < login_cutoff)
            )
        )
        counts["known_logins"] = _rows(
            session.execute(
                delete(KnownLogin).where(
                    col(KnownLogin.last_success) < now - timedelta(days=settings.login_known_days)
                )
            )
        )
        counts["rate_limit_windows"] = _rows(
            session.execute(
                delete(RateLimitWindow).where(
                    col(RateLimitWindow.window_start) < now - RATE_LIMIT_KEEP
                )
            )
        )
    return counts


def _rows(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
