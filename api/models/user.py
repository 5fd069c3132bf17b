"""People who log in."""

from __future__ import annotations

import uuid
from typing import ClassVar

from sqlmodel import Field

from api.core.models import Record
from api.models.account import role_constraints


class User(Record, table=True):
    __tablename__ = "users"
    resource: ClassVar[str] = "users"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"password_hash", "token_generation"})
    __table_args__ = role_constraints()

    email: str = Field(max_length=320, unique=True)
    name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="actors.id", index=True)
    municipality: str | None = Field(
        default=None, max_length=5, foreign_key="municipalities.nis_code", index=True
    )
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=300)
    # Carried by every access token as `gen`; a token of another generation is refused. Raised
    # by logging out, a password change, a role, binding or activity change and a reused
    # refresh token, so that each ends every access token of the account at once
    # (api.accounts.service.end_sessions).
    token_generation: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
