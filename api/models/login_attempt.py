"""Login attempts for throttling, and the places each account logged in from (kept in the
database so every instance sees the same counts; api.accounts.auth)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, utcnow


class LoginFailure(SQLModel, table=True):
    __tablename__ = "login_failures"

    # "pair:<email>|<ip>", "address:<ip>", "account:<email>" or "client:<id>|<ip>"
    key: str = Field(primary_key=True, max_length=800)
    window_start: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    failures: int = 0


class KnownLogin(SQLModel, table=True):
    """An address an account logged in from with its password: a known-good context, let
    through while the account is under a spread-out guessing attack."""

    __tablename__ = "known_logins"

    key: str = Field(primary_key=True, max_length=800)  # "<email>|<ip>"
    last_success: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
