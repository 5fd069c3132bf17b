"""Tokens: the password grant for people, client credentials for systems, and refresh-token
rotation with reuse detection."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

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
from api.models.login_attempt import LoginFailure
from api.models.refresh_token import RefreshToken
from api.models.user import User


@dataclass
class TokenPair:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    scope: str | None = None


class LoginRefusedError(Exception):
    def __init__(self, detail: str, status: int = 401, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
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


def _access(settings: Settings, subject: str, principal: Principal) -> tuple[str, int]:
    return encode_token(settings, subject=subject, token_type="access",
                        lifetime=timedelta(minutes=settings.access_token_minutes),
                        claims=_claims(principal))


def _refresh(session: Session, settings: Settings, user_id: uuid.UUID, family: str) -> str:
    jti = uuid.uuid4().hex
    lifetime = timedelta(days=settings.refresh_token_days)
    token, _ = encode_token(settings, subject=f"user:{user_id}", token_type="refresh",
                            lifetime=lifetime, jti=jti, claims={"fam": family})
    session.add(RefreshToken(jti=jti, family=family, user_id=user_id,
                             expires_at=utcnow() + lifetime))
    return token


# --- throttling ----------------------------------------------------------------------------


def _throttle_keys(email: str, address: str) -> list[str]:
    return [f"account:{email.strip().lower()}", f"address:{address}"]


def check_throttle(session: Session, settings: Settings, keys: list[str]) -> None:
    now = utcnow()
    window = timedelta(seconds=settings.login_window_seconds)
    for key in keys:
        row = session.get(LoginFailure, key)
        if row and row.failures >= settings.login_max_failures and now - row.window_start < window:
            wait = int((row.window_start + window - now).total_seconds()) + 1
            raise LoginRefusedError("Too many failed logins; wait before trying again.", 429, wait)


def record_failure(session: Session, settings: Settings, keys: list[str]) -> None:
    """Count a failed login for each key in one INSERT .. ON CONFLICT DO UPDATE per key:
    concurrent failures on one account all count (a read-then-write lost counts, and two first
    failures raced to insert the same row: a 500)."""
    now = utcnow()
    cutoff = now - timedelta(seconds=settings.login_window_seconds)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = LoginFailure.__table__  # type: ignore[attr-defined]
    # The old row's values on the right of SET: an expired window starts again at one.
    current = table.c.window_start > cutoff
    for key in keys:
        insert = dialect.insert(table).values(key=key, window_start=now, failures=1)
        session.execute(insert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((current, table.c.failures + 1), else_=1),
                "window_start": case((current, table.c.window_start), else_=now),
            },
        ))


def clear_failures(session: Session, keys: list[str]) -> None:
    # A good login clears the account, not the address.
    session.execute(delete(LoginFailure).where(col(LoginFailure.key) == keys[0]))


# --- grants --------------------------------------------------------------------------------


def password_grant(session: Session, settings: Settings, email: str, password: str,
                   address: str) -> TokenPair:
    keys = _throttle_keys(email, address)
    check_throttle(session, settings, keys)
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    # Unknown accounts verify against a dummy hash: same cost, same answer.
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.active:
        record_failure(session, settings, keys)
        raise LoginRefusedError("E-mail address or password is not correct.")
    clear_failures(session, keys)
    principal = resolve_subject(session, f"user:{user.id}")
    assert principal is not None
    access, expires = _access(settings, f"user:{user.id}", principal)
    refresh = _refresh(session, settings, user.id, uuid.uuid4().hex)
    return TokenPair(access, expires, refresh)


def client_credentials_grant(session: Session, settings: Settings, client_id: str, secret: str,
                             address: str) -> TokenPair:
    keys = [f"client:{client_id}", f"address:{address}"]
    check_throttle(session, settings, keys)
    client = session.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    given = digest_secret(secret)
    ok = secrets_match(given, client.secret_hash if client else digest_secret(""))
    if not ok or client is None or not client.active:
        record_failure(session, settings, keys)
        raise LoginRefusedError("Client id or secret is not correct.")
    # A plain UPDATE: the last-used time is bookkeeping, not a change for the feed or audit.
    session.execute(update(ApiClient).where(ApiClient.id == client.id)
                    .values(last_used_at=utcnow()).execution_options(synchronize_session=False))
    principal = resolve_subject(session, f"client:{client.id}")
    assert principal is not None
    access, expires = _access(settings, f"client:{client.id}", principal)
    return TokenPair(access, expires, scope=" ".join(sorted(principal.scopes)))


def refresh_grant(session: Session, settings: Settings, token: str) -> TokenPair:
    try:
        claims = decode_token(settings, token, "refresh")
    except InvalidTokenError as exc:
        raise LoginRefusedError("The refresh token is invalid or has expired.") from exc
    row = session.get(RefreshToken, claims["jti"])
    if row is None or row.revoked or row.used_at is not None:
        if row is not None:  # reuse of a rotated token: someone else may hold the family
            session.execute(update(RefreshToken).where(RefreshToken.family == row.family)
                            .values(revoked=True))
        raise LoginRefusedError("The refresh token was already used; log in again.")
    principal = resolve_subject(session, claims["sub"])
    if principal is None:
        raise LoginRefusedError("The account is no longer active.")
    row.used_at = utcnow()
    access, expires = _access(settings, claims["sub"], principal)
    refresh = _refresh(session, settings, row.user_id, row.family)
    return TokenPair(access, expires, refresh)


def revoke_refresh(session: Session, settings: Settings, token: str) -> None:
    try:
        claims = decode_token(settings, token, "refresh")
    except InvalidTokenError:
        return
    row = session.get(RefreshToken, claims["jti"])
    if row is not None:
        session.execute(update(RefreshToken).where(RefreshToken.family == row.family)
                        .values(revoked=True))
