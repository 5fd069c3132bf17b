"""Private calendar addresses: a secret token in a URL that calendar apps poll without headers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime, utcnow


class CalendarToken(SQLModel, table=True):
    """One address per person; renewing replaces it, revoking deletes it. Only the SHA-256 of
    the token is kept (a long random token needs no slow hash: it cannot be guessed)."""

    __tablename__ = "calendar_tokens"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
