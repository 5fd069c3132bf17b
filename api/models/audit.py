"""The audit trail: who changed what, with the record before and after."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.core.types import JSONDoc, UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_resource_record_id", "resource", "record_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_kind: str = Field(max_length=16)  # user | client | system
    actor_id: str | None = Field(default=None, max_length=64, index=True)
    actor_label: str | None = Field(default=None, max_length=320)
    request_id: str | None = Field(default=None, max_length=64)
    resource: str = Field(max_length=40)
    # Alone as well as after `resource`: the trail's record filter matches an id's first
    # digits, a range over this index.
    record_id: uuid.UUID = Field(index=True)
    op: str = Field(max_length=8)  # create | update | delete
    before: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
