"""Misconfiguration refused at start: short or default secrets (OWASP API8:2023)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from api.core import security
from api.core.config import DEV_SECRET, Settings

GOOD = "een-lang-en-willekeurig-productiegeheim-0123456789"


def test_a_secret_shorter_than_32_bytes_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 32 bytes"):
        Settings(secret_key="k" * 31)
    assert Settings(secret_key="k" * 32).secret_key == "k" * 32
    assert Settings(secret_key="é" * 16).secret_key  # 32 bytes in UTF-8, 16 characters


def test_the_default_secret_is_refused_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="must be set in production"):
        Settings(env="production", secret_key=DEV_SECRET)
    monkeypatch.setenv("REGIE_ENV", "production")
    monkeypatch.delenv("REGIE_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError):
        Settings()
    monkeypatch.setenv("REGIE_SECRET_KEY", GOOD)
    assert Settings().env == "production"


def test_production_hashes_with_the_full_argon2_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = security.password_hasher().hash("een wachtwoord van lengte")
    assert "m=1024" in cheap  # the test suite's own cost, never used outside REGIE_ENV=test
    monkeypatch.setattr(
        security, "get_settings", lambda: Settings(env="production", secret_key=GOOD)
    )
    hashed = security.password_hasher.__wrapped__().hash("een wachtwoord van lengte")
    assert hashed.startswith("$argon2id$") and "m=65536" in hashed
    assert security.password_hasher().verify("een wachtwoord van lengte", hashed)


OLD = "het-geheim-van-voor-de-rotatie-0123456789"


def test_a_rotated_key_keeps_the_tokens_it_signed_until_they_expire() -> None:
    before = Settings(secret_key=OLD)
    token, _ = security.encode_token(
        before, subject="user:x", token_type="access", lifetime=timedelta(minutes=5)
    )
    refresh, _ = security.encode_token(
        before, subject="user:x", token_type="refresh", lifetime=timedelta(days=1)
    )
    rotated = Settings(secret_key=GOOD, secret_key_previous=OLD)
    assert security.decode_token(rotated, token, "access")["sub"] == "user:x"
    assert security.decode_token(rotated, refresh, "refresh")["typ"] == "refresh"
    # New tokens are signed with the new key only.
    fresh, _ = security.encode_token(
        rotated, subject="user:y", token_type="access", lifetime=timedelta(minutes=5)
    )
    with pytest.raises(security.InvalidTokenError):
        security.decode_token(Settings(secret_key=OLD), fresh, "access")
    # Without the previous key, or once it is dropped, the old tokens stop verifying.
    with pytest.raises(security.InvalidTokenError):
        security.decode_token(Settings(secret_key=GOOD), token, "access")
    # The previous key does not relax any other check: type, expiry, a third key.
    with pytest.raises(security.InvalidTokenError, match="type"):
        security.decode_token(rotated, refresh, "access")
    expired, _ = security.encode_token(
        before, subject="user:x", token_type="access", lifetime=timedelta(seconds=-5)
    )
    with pytest.raises(security.InvalidTokenError):
        security.decode_token(rotated, expired, "access")
    other, _ = security.encode_token(
        Settings(secret_key="z" * 40),
        subject="user:x",
        token_type="access",
        lifetime=timedelta(minutes=5),
    )
    with pytest.raises(security.InvalidTokenError):
        security.decode_token(rotated, other, "access")


def test_the_previous_key_must_be_a_real_key() -> None:
    with pytest.raises(ValidationError, match="PREVIOUS"):
        Settings(secret_key=GOOD, secret_key_previous="kort")
    with pytest.raises(ValidationError, match="PREVIOUS"):
        Settings(secret_key=GOOD, secret_key_previous=DEV_SECRET)
