"""Municipalities of the region, kept as data with validity dates (codes change on mergers)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from sqlmodel import Field

from api.core.models import SyncedRecord, sync_unique


class Municipality(SyncedRecord, table=True):
    __tablename__ = "municipalities"
    resource: ClassVar[str] = "municipalities"
    __table_args__ = (sync_unique("municipalities"),)

    nis_code: str = Field(max_length=5, unique=True)
    name_nl: str = Field(max_length=120)
    name_fr: str | None = Field(default=None, max_length=120)
    arrondissement: str | None = Field(default=None, max_length=60)
    valid_from: date
    valid_to: date | None = None
    w13_member: bool = False
