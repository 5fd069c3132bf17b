"""The only place that touches python-jose and password hashing.

python-jose is weakly maintained, so it is wrapped here and nowhere else: every decode passes
an explicit algorithm list, requires the registered claims, checks issuer and audience, and
checks our own token type so a refresh token can never pass as an access token."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from jose import jwt
from jose.exceptions import JOSEError
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from api.core.config import Settings, get_settings

ALGORITHM = "HS256"
ALGORITHMS = [ALGORITHM]  # never derived from the token's own header
REQUIRED_CLAIMS = ("exp", "iat", "sub", "iss", "aud", "typ", "jti")
# NumericDate claims (RFC 7519 §2): python-jose reads "1700000000" or 1.7e9 as a time too.
# Ours are whole seconds as JSON integers, and nothing else is accepted.
TIME_CLAIMS = ("exp", "iat", "nbf")
TokenType = Literal["access", "refresh"]


# Argon2 runs `parallelism` (4) threads over 64 MiB for each hash. Left unbounded, a burst of
# logins hashes all at once: every login finishes late (the CPU is shared by all of them), the
# process grows by 64 MiB per login in flight and the rest of the API starves. One hash per
# four lanes' worth of cores keeps a burst to what the machine can do, in arrival order.
HASH_SLOTS = threading.BoundedSemaphore(max(1, (os.cpu_count() or 1) // 4))


@cache
def password_hasher() -> PasswordHash:
    """Argon2id with pwdlib's default cost. The test suite (`REGIE_ENV=test`) logs in hundreds
    of times and gets a cheap cost instead; each hash records its own cost, so any hash
    verifies whichever hasher made it."""
    if get_settings().env == "test":
        return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
    return PasswordHash((Argon2Hasher(),))


@cache
def _dummy_hash() -> str:
    # Verified against when the account is unknown, so both paths cost one Argon2 verification.
    return password_hasher().hash(secrets.token_urlsafe(16))


class InvalidTokenError(Exception):
    pass


def hash_password(password: str) -> str:
    with HASH_SLOTS:
        return password_hasher().hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    dummy = _dummy_hash()  # made on the first login, known account or not: same cost on both
    with HASH_SLOTS:
        if hashed is None:
            password_hasher().verify(password, dummy)
            return False
        try:
            return password_hasher().verify(password, hashed)
        except Exception:  # a malformed stored hash is a failed login, never a 500
            return False


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest_secret(secret: str) -> str:
    """Machine secrets are long and random: a keyed SHA-256 is enough and constant-cost."""
    return hashlib.sha256(secret.encode()).hexdigest()


def secrets_match(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def encode_token(
    settings: Settings,
    *,
    subject: str,
    token_type: TokenType,
    lifetime: timedelta,
    claims: dict[str, Any] | None = None,
    jti: str | None = None,
) -> tuple[str, int]:
    now = datetime.now(UTC)
    payload: dict[str, Any] = dict(claims or {})
    payload.update(
        sub=subject,
        typ=token_type,
        iss=settings.issuer,
        aud=settings.audience,
        iat=int(now.timestamp()),
        exp=int((now + lifetime).timestamp()),
        jti=jti or uuid.uuid4().hex,
    )
    token = jwt.encode(payload, settings.secret_key, algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


# Access tokens already verified, with their claims: a client sends the same token with every
# request, and verifying it (base64, JSON, HMAC, claim checks through python-jose) cost more
# than the account lookup that follows. Only the expiry changes with time, so a hit is checked
# against it again; the account itself is still read on every request (api.core.deps), so a
# deactivation takes effect at once. Keyed by the token and the settings that verified it.
_VERIFIED: dict[tuple[str, str, str, str, str], dict[str, Any]] = {}
_VERIFIED_MAX = 4096


def decode_token(settings: Settings, token: str, expected_type: TokenType) -> dict[str, Any]:
    if expected_type != "access":
        return _decode_token(settings, token, expected_type)
    key = (
        token,
        settings.secret_key,
        settings.secret_key_previous,
        settings.issuer,
        settings.audience,
    )
    claims = _VERIFIED.get(key)
    # python-jose's own rule: expired when `exp` lies before the current whole second.
    if claims is not None and claims["exp"] >= int(time.time()):
        return dict(claims)
    claims = _decode_token(settings, token, expected_type)
    if len(_VERIFIED) >= _VERIFIED_MAX:
        _VERIFIED.clear()  # a simple bound: re-verifying every live token once is cheap
    _VERIFIED[key] = dict(claims)
    return claims


def _decode_token(settings: Settings, token: str, expected_type: TokenType) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
    except JOSEError as exc:
        raise InvalidTokenError("malformed token") from exc
    if header.get("alg") not in ALGORITHMS:
        raise InvalidTokenError("algorithm not allowed")
    try:
        claims = _verified_claims(token, settings.secret_key, settings)
    except JOSEError as exc:
        if not settings.secret_key_previous:
            raise InvalidTokenError(str(exc)) from exc
        try:  # signed before the last rotation of the key?
            claims = _verified_claims(token, settings.secret_key_previous, settings)
        except JOSEError:
            raise InvalidTokenError(str(exc)) from exc
    missing = [c for c in REQUIRED_CLAIMS if c not in claims]
    if missing:
        raise InvalidTokenError(f"missing claims: {', '.join(missing)}")
    wrong = [c for c in TIME_CLAIMS if c in claims and type(claims[c]) is not int]
    if wrong:
        raise InvalidTokenError(f"claims not an integer: {', '.join(wrong)}")
    if not all(isinstance(claims[c], str) for c in ("sub", "typ", "jti", "iss")):
        raise InvalidTokenError("sub, typ, jti and iss must be strings")
    if claims["typ"] != expected_type:
        raise InvalidTokenError("wrong token type")
    return claims


def _verified_claims(token: str, key: str, settings: Settings) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(
        token,
        key,
        algorithms=ALGORITHMS,
        audience=settings.audience,
        issuer=settings.issuer,
        options={
            "require_exp": True,
            "require_iat": True,
            "require_sub": True,
            "require_iss": True,
            "require_aud": True,
            "require_jti": True,
            "verify_exp": True,
            "verify_iat": True,
            "verify_aud": True,
            "verify_iss": True,
            "verify_signature": True,
        },
    )
    return claims
