"""Misconfiguration refused at start: short or default secrets (OWASP API8:2023)."""

from __future__ import annotations

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
    monkeypatch.setattr(security, "get_settings",
                        lambda: Settings(env="production", secret_key=GOOD))
    hashed = security.password_hasher.__wrapped__().hash("een wachtwoord van lengte")
    assert hashed.startswith("$argon2id$") and "m=65536" in hashed
    assert security.password_hasher().verify("een wachtwoord van lengte", hashed)
