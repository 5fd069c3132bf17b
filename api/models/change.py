"""The change feed: one row per committed create, update or delete of a record."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer
from sqlmodel import Field, SQLModel

from api.core.types import JSONDoc, UTCDateTime, empty_list, utcnow


class Change(SQLModel, table=True):
    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_resource_record_id", "resource", "record_id"),
        {"sqlite_autoincrement": True},  # never reuse a sequence number
    )

    seq: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    resource: str = Field(max_length=40)
    record_id: uuid.UUID
    # The parent of a nested record (a measurement's indicator, an event's dossier), else null.
    parent_id: uuid.UUID | None = None
    op: str = Field(max_length=8)  # "upsert" | "delete"
    version: int
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Who may see this change, captured when it was written (the record may be gone later):
    # "public", "internal" (every logged-in caller) or "restricted" to the actors and
    # municipalities listed.
    visibility: str = Field(default="internal", max_length=16)
    actor_ids: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    municipalities: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
