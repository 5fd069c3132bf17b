"""Failed logins per account and per address, for throttling (kept in the database so every
instance sees the same counts)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, utcnow


class LoginFailure(SQLModel, table=True):
    __tablename__ = "login_failures"

    key: str = Field(primary_key=True, max_length=400)  # "account:<email>" or "address:<ip>"
    window_start: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    failures: int = 0
