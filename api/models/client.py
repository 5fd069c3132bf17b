"""API clients: other systems that get tokens with client credentials."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlmodel import Field

from api.core.models import Record
from api.core.types import JSONDoc, UTCDateTime
from api.models.account import role_constraints


class ApiClient(Record, table=True):
    __tablename__ = "api_clients"
    resource: ClassVar[str] = "clients"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"secret_hash"})
    __table_args__ = role_constraints()

    name: str = Field(max_length=200)
    client_id: str = Field(max_length=64, unique=True)
    secret_hash: str = Field(max_length=128)
    role: str = Field(max_length=20)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="actors.id", index=True)
    municipality: str | None = Field(
        default=None, max_length=5, foreign_key="municipalities.nis_code", index=True
    )
    scopes: list[Any] = Field(default_factory=lambda: ["read"], sa_type=JSONDoc)
    active: bool = True
    secret_rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
