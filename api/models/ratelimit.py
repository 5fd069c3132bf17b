"""Request counts per caller and time window, for rate limits (kept in the database so every
instance behind the load balancer counts the same requests)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class RateLimitWindow(SQLModel, table=True):
    __tablename__ = "rate_limit_windows"

    key: str = Field(primary_key=True, max_length=200)  # "<rule>:<token subject or address>"
    window_start: datetime = Field(sa_type=UTCDateTime, index=True)
    hits: int = 0
