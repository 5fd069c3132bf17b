"""Organisations of the social economy and their partners."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Index
from sqlmodel import Field

from api.core.models import SyncedRecord, sync_unique
from api.core.types import JSONDoc, empty_list


class Actor(SyncedRecord, table=True):
    __tablename__ = "actors"
    resource: ClassVar[str] = "actors"
    # The directory is read in (name, id) keyset order.
    __table_args__ = (sync_unique("actors"), Index("ix_actors_name_id", "name", "id"))

    name: str = Field(max_length=200)
    kind: str = Field(max_length=32, index=True)
    kbo_number: str | None = Field(default=None, max_length=10, unique=True)
    description: str = ""
    street: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=120)
    municipality: str | None = Field(
        default=None, max_length=5, foreign_key="municipalities.nis_code", index=True
    )
    website: str | None = Field(default=None, max_length=500)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    contact_persons: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    rose_member: bool = False
    target_groups: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    places: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    goods_services: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    fictional: bool = False
