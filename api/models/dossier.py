"""Signalisation dossiers and the events on their timeline."""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from sqlmodel import Field

from api.core.models import Record, SyncedRecord, sync_unique


class Dossier(SyncedRecord, table=True):
    __tablename__ = "dossiers"
    resource: ClassVar[str] = "dossiers"
    __table_args__ = (sync_unique("dossiers"),)

    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    theme: str = Field(max_length=30, index=True)
    level: str = Field(max_length=20, index=True)
    raised_by_id: uuid.UUID | None = Field(default=None, foreign_key="actors.id", index=True)
    evidence_summary: str = ""
    status: str = Field(default="open", max_length=20, index=True)


class DossierEvent(Record, table=True):
    __tablename__ = "dossier_events"
    resource: ClassVar[str] = "dossier-events"

    dossier_id: uuid.UUID = Field(foreign_key="dossiers.id", index=True)
    date: date
    kind: str = Field(max_length=20)
    text: str
    meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id", index=True)
