"""Stored first answers of POST requests that carried an Idempotency-Key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, utcnow


class IdempotencyKey(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    principal: str = Field(primary_key=True, max_length=80)
    key: str = Field(primary_key=True, max_length=200)
    request_hash: str = Field(max_length=64)
    status_code: int
    body: str = Field(sa_type=Text)
    location: str | None = Field(default=None, max_length=400)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
