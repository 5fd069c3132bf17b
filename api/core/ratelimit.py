"""Rate limits for writes (per token, or per address without one) and for anonymous reads (per
address), counted in fixed windows in the database, so that every instance behind the load
balancer counts the same requests. Over the limit: 429 problem+json with `Retry-After`.

Configured by `REGIE_RATE_LIMIT_WRITES` and `REGIE_RATE_LIMIT_ANONYMOUS_READS` (requests per
window, 0 turns a limit off) and `REGIE_RATE_LIMIT_WINDOW_SECONDS`. Generous by default; off
by default when `REGIE_ENV=test`, where the suites drive thousands of requests a minute."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import anyio.to_thread
from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import Engine, case, delete
from sqlalchemy.dialects import postgresql, sqlite
from starlette.types import ASGIApp, Receive, Scope, Send

from api.core.config import get_settings
from api.core.db import get_engine
from api.core.errors import problem_body
from api.core.i18n import negotiate
from api.core.security import InvalidTokenError, decode_token
from api.models.ratelimit import RateLimitWindow

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Logins have their own throttle (failures per account and address): see api.accounts.auth.
EXEMPT = ("/api/v1/auth/",)
PRUNE_CHANCE = 0.01  # of counted requests, which also drop windows older than a day


class RateLimitSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="REGIE_RATE_LIMIT_", env_file=".env", extra="ignore"
    )

    writes: int | None = None  # per window and token (or address without one)
    anonymous_reads: int | None = None  # per window and address
    window_seconds: int = 60

    @model_validator(mode="after")
    def _defaults(self) -> RateLimitSettings:
        testing = get_settings().env == "test"
        if self.writes is None:
            self.writes = 0 if testing else 600
        if self.anonymous_reads is None:
            self.anonymous_reads = 0 if testing else 1200
        return self


@lru_cache
def get_rate_limit_settings() -> RateLimitSettings:
    return RateLimitSettings()


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def hit(engine: Engine, key: str, limit: int, window: int, now: datetime | None = None) -> Verdict:
    """Count one request for `key` in the current window, atomically on every instance: one
    INSERT .. ON CONFLICT DO UPDATE that starts a new window or adds to the current one."""
    now = now or datetime.now(UTC)
    start = datetime.fromtimestamp(now.timestamp() // window * window, UTC)
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    table = RateLimitWindow.__table__  # type: ignore[attr-defined]
    insert = dialect.insert(table).values(key=key, window_start=start, hits=1)
    same_window = table.c.window_start == insert.excluded.window_start
    stmt = insert.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "hits": case((same_window, table.c.hits + 1), else_=1),
            "window_start": insert.excluded.window_start,
        },
    ).returning(table.c.hits)
    # Its own short transaction: the count stands whatever becomes of the request. On SQLite it
    # takes the write lock up front (BEGIN IMMEDIATE, see api.core.db) and queues for it.
    with engine.connect() as conn, conn.execution_options(sqlite_write=True).begin():
        hits = int(conn.execute(stmt).scalar_one())
        if random.random() < PRUNE_CHANCE:  # noqa: S311 - not security relevant
            conn.execute(delete(table).where(table.c.window_start < now - timedelta(days=1)))
    retry_after = max(1, math.ceil(start.timestamp() + window - now.timestamp()))
    return Verdict(hits <= limit, retry_after)


def rule_for(scope: Scope, settings: RateLimitSettings) -> tuple[str, int] | None:
    """Which limit applies to this request, and under which key; None when none does."""
    method, path = scope.get("method", ""), scope.get("path", "")
    if not path.startswith("/api/v1/") or path.startswith(EXEMPT):
        return None
    client = scope.get("client")
    address = client[0] if client else "unknown"
    subject = _token_subject(scope)
    if method in WRITES:
        if not settings.writes:
            return None
        who = f"token:{subject}" if subject else f"address:{address}"
        return f"writes:{who}", settings.writes
    if method in ("GET", "HEAD") and subject is None and settings.anonymous_reads:
        return f"reads:address:{address}", settings.anonymous_reads
    return None


def _token_subject(scope: Scope) -> str | None:
    """The subject of a valid bearer token (an invalid one counts as its address)."""
    for name, value in scope.get("headers") or []:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return None
            try:
                return str(decode_token(get_settings(), token.strip(), "access")["sub"])
            except InvalidTokenError:
                return None
    return None


class RateLimitMiddleware:
    """Answers 429 before the request reaches a route once its caller is over the limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = get_rate_limit_settings()
        rule = rule_for(scope, settings)
        if rule is not None:
            key, limit = rule
            verdict = await anyio.to_thread.run_sync(
                hit, get_engine(), key, limit, settings.window_seconds
            )
            if not verdict.allowed:
                await _too_many(scope, send, verdict.retry_after, limit, settings.window_seconds)
                return
        await self.app(scope, receive, send)


async def _too_many(scope: Scope, send: Send, retry_after: int, limit: int, window: int) -> None:
    import json

    lang = dict(scope.get("headers") or []).get(b"accept-language", b"").decode("latin-1")
    ctx = {"limit": limit, "window": window, "retry_after": retry_after}
    body = json.dumps(
        problem_body(429, "rate_limited", ctx, negotiate(lang), scope.get("path", ""))
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
