"""Tokens: the password grant for people, client credentials for systems, and refresh-token
rotation with reuse detection."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from api.core.config import Settings
from api.core.deps import resolve_subject
from api.core.principal import Principal
from api.core.security import (
    InvalidTokenError,
    decode_token,
    digest_secret,
    encode_token,
    secrets_match,
    verify_password,
)
from api.core.types import utcnow
from api.models.client import ApiClient
from api.models.login_attempt import KnownLogin, LoginFailure
from api.models.refresh_token import RefreshToken
from api.models.user import User


@dataclass
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


class LoginRefusedError(Exception):
    """A refused login; `code` names its text in the catalogue (api/accounts/service.py)."""

    def __init__(self, code: str, status: int = 401, retry_after: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.retry_after = retry_after


def _claims(principal: Principal) -> dict[str, object]:
    claims: dict[str, object] = {"role": principal.role.value}
    if principal.actor_id:
        claims["actor_id"] = str(principal.actor_id)
    if principal.municipality:
        claims["municipality"] = principal.municipality
    if principal.kind == "client":
        claims["scope"] = " ".join(sorted(principal.scopes))
    return claims


def _access(
    settings: Settings, subject: str, principal: Principal, generation: int | None = None
) -> tuple[str, int]:
    claims = _claims(principal)
    if generation is not None:  # a user's: checked against the account on every request
        claims["gen"] = generation
    return encode_token(
        settings,
        subject=subject,
        token_type="access",
        lifetime=timedelta(minutes=settings.access_token_minutes),
        claims=claims,
    )


def end_sessions(session: Session, user_id: uuid.UUID) -> None:
    """Every access token of the account stops now: its generation moves on (a plain UPDATE:
    bookkeeping, not a change of the record for the feed, the audit trail or its ETag)."""
    session.execute(
        update(User)
        .where(col(User.id) == user_id)
        .values(token_generation=col(User.token_generation) + 1)
        .execution_options(synchronize_session=False)
    )


def _generation(session: Session, user_id: uuid.UUID) -> int:
    return int(session.scalars(select(User.token_generation).where(col(User.id) == user_id)).one())


def _refresh(session: Session, settings: Settings, user_id: uuid.UUID, family: str) -> str:
    jti = uuid.uuid4().hex
    lifetime = timedelta(days=settings.refresh_token_days)
    token, _ = encode_token(
        settings,
        subject=f"user:{user_id}",
        token_type="refresh",
        lifetime=lifetime,
        jti=jti,
        claims={"fam": family},
    )
    session.add(
        RefreshToken(jti=jti, family=family, user_id=user_id, expires_at=utcnow() + lifetime)
    )
    return token


# --- throttling ----------------------------------------------------------------------------
#
# Guessing is made expensive without handing anyone a lever to lock a person out:
# - per (account, address) and per address: `login_max_failures` failures in the window, then
#   429 until it ends. Only the guesser's own address is stopped.
# - per account, from all addresses together: past `login_account_max_failures` only the
#   addresses the account logged in from before (known-good, `login_known_days`) get through;
#   the owner at the usual place logs in while a spread-out attack goes on.
# Each attempt is counted before the password is verified, in the request's transaction: the
# row lock of the count (PostgreSQL; SQLite runs one write at a time) lets concurrent attempts
# on one key through one by one, so at most the limit is ever verified. A good login takes its
# own attempt back.


@dataclass(frozen=True)
class Throttle:
    limits: dict[str, int]  # key -> failures allowed in the window
    guard: str | None = None  # the account-wide key, waived for a known-good address
    known: str | None = None  # the KnownLogin key of this account and address


def _account(email: str) -> str:
    return email.strip().lower()


def _password_throttle(settings: Settings, email: str, address: str) -> Throttle:
    account = _account(email)
    return Throttle(
        limits={
            f"pair:{account}|{address}": settings.login_max_failures,
            f"address:{address}": settings.login_max_failures,
            f"account:{account}": settings.login_account_max_failures,
        },
        guard=f"account:{account}",
        known=f"{account}|{address}",
    )


def _client_throttle(settings: Settings, client_id: str, address: str) -> Throttle:
    # Client secrets are long and random: no account-wide count, which could only lock out.
    return Throttle(
        limits={
            f"client:{client_id}|{address}": settings.login_max_failures,
            f"address:{address}": settings.login_max_failures,
        }
    )


def _upsert(
    session: Session, key: str, now: datetime, window: timedelta, step: int
) -> tuple[int, datetime]:
    """Add `step` to the key's count in its window (a window that has ended starts again)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = LoginFailure.__table__  # type: ignore[attr-defined]
    current = table.c.window_start > now - window
    insert = dialect.insert(table).values(key=key, window_start=now, failures=max(step, 0))
    row = session.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((current, table.c.failures + step), else_=max(step, 0)),
                "window_start": case((current, table.c.window_start), else_=now),
            },
        ).returning(table.c.failures, table.c.window_start)
    ).one()
    return int(row[0]), row[1]


def count_attempt(session: Session, settings: Settings, throttle: Throttle) -> None:
    """Count this attempt on every key (in a fixed order, so concurrent attempts never wait
    for each other in a circle); refuse it unverified when a key is over its limit."""
    now = utcnow()
    window = timedelta(seconds=settings.login_window_seconds)
    over: list[datetime] = []
    for key in sorted(throttle.limits):
        count, start = _upsert(session, key, now, window, 1)
        if count > throttle.limits[key] and not (
            key == throttle.guard and _known(session, settings, throttle, now)
        ):
            over.append(start)
    if over:
        wait = int((max(over) + window - now).total_seconds()) + 1
        raise LoginRefusedError("login_throttled", 429, max(wait, 1))


def _known(session: Session, settings: Settings, throttle: Throttle, now: datetime) -> bool:
    row = session.get(KnownLogin, throttle.known) if throttle.known else None
    return row is not None and now - row.last_success < timedelta(days=settings.login_known_days)


def login_succeeded(session: Session, settings: Settings, throttle: Throttle) -> None:
    """Take this attempt back from every count (a good login is not a failure), and remember
    the address as known-good for the account. The pair's own count starts again."""
    now = utcnow()
    window = timedelta(seconds=settings.login_window_seconds)
    for key in sorted(throttle.limits):
        if key.startswith(("pair:", "client:")):
            session.execute(delete(LoginFailure).where(col(LoginFailure.key) == key))
        else:
            _upsert(session, key, now, window, -1)
    if throttle.known:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        table = KnownLogin.__table__  # type: ignore[attr-defined]
        insert = dialect.insert(table).values(key=throttle.known, last_success=now)
        session.execute(
            insert.on_conflict_do_update(index_elements=[table.c.key], set_={"last_success": now})
        )


# --- grants --------------------------------------------------------------------------------


def password_grant(
    session: Session, settings: Settings, email: str, password: str, address: str
) -> TokenPair:
    throttle = _password_throttle(settings, email, address)
    count_attempt(session, settings, throttle)
    user = session.scalars(select(User).where(User.email == _account(email))).first()
    # Unknown accounts verify against a dummy hash: same cost, same answer.
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.active:
        raise LoginRefusedError("login_wrong_password")
    login_succeeded(session, settings, throttle)
    principal = resolve_subject(session, f"user:{user.id}")
    assert principal is not None
    access, expires = _access(settings, f"user:{user.id}", principal, user.token_generation)
    refresh = _refresh(session, settings, user.id, uuid.uuid4().hex)
    return TokenPair(access, expires, refresh)


def client_credentials_grant(
    session: Session, settings: Settings, client_id: str, secret: str, address: str
) -> TokenPair:
    throttle = _client_throttle(settings, client_id, address)
    count_attempt(session, settings, throttle)
    client = session.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    given = digest_secret(secret)
    ok = secrets_match(given, client.secret_hash if client else digest_secret(""))
    if not ok or client is None or not client.active:
        raise LoginRefusedError("login_wrong_secret")
    login_succeeded(session, settings, throttle)
    # A plain UPDATE: the last-used time is bookkeeping, not a change for the feed or audit.
    session.execute(
        update(ApiClient)
        .where(ApiClient.id == client.id)
        .values(last_used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    principal = resolve_subject(session, f"client:{client.id}")
    assert principal is not None
    access, expires = _access(settings, f"client:{client.id}", principal)
    return TokenPair(access, expires, scope=" ".join(sorted(principal.scopes)))


def refresh_grant(session: Session, settings: Settings, token: str) -> TokenPair:
    try:
        claims = decode_token(settings, token, "refresh")
    except InvalidTokenError as exc:
        raise LoginRefusedError("refresh_invalid") from exc
    row = session.get(RefreshToken, claims["jti"])
    if row is None:
        raise LoginRefusedError("refresh_invalid")
    # Check and use in one statement: of concurrent uses of one token exactly one finds it
    # unused (PostgreSQL re-reads the row once the first use commits; SQLite runs writes one
    # at a time), and every other use is a reuse.
    result = session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.jti) == row.jti,
            col(RefreshToken.used_at).is_(None),
            col(RefreshToken.revoked).is_(False),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # A rotated or revoked token again: someone else may hold the family. End it, and
        # every access token of the account with it.
        revoke_family(session, row.family, row.user_id)
        raise LoginRefusedError("refresh_reused")
    principal = resolve_subject(session, claims["sub"])
    if principal is None:
        raise LoginRefusedError("login_inactive")
    access, expires = _access(settings, claims["sub"], principal, _generation(session, row.user_id))
    refresh = _refresh(session, settings, row.user_id, row.family)
    return TokenPair(access, expires, refresh)


def revoke_family(session: Session, family: str, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family) == family)
        .values(revoked=True)
        .execution_options(synchronize_session=False)
    )
    end_sessions(session, user_id)


def revoke_refresh(session: Session, settings: Settings, token: str) -> None:
    """Logging out: the token's family ends, and every access token of the account (other
    sessions get a new one with their own refresh token)."""
    try:
        claims = decode_token(settings, token, "refresh")
    except InvalidTokenError:
        return
    row = session.get(RefreshToken, claims["jti"])
    if row is not None:
        revoke_family(session, row.family, row.user_id)
