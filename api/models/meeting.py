"""Bodies (ROSE general assembly, Actiegroep, fabrieken, workgroups) and their meetings."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from api.core.models import Record, SyncedRecord, collection_values, sync_unique
from api.core.types import JSONDoc, UTCDateTime, empty_list


class Body(Record, table=True):
    __tablename__ = "bodies"
    resource: ClassVar[str] = "bodies"

    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    description: str = ""
    kind: str = Field(max_length=20)
    recurrence: str | None = Field(default=None, max_length=200)
    agenda_template: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)


class BodyMember(SQLModel, table=True):
    __tablename__ = "body_members"
    __table_args__ = (collection_values("body_members", "body_id", "actor_id"),)

    body_id: uuid.UUID = Field(foreign_key="bodies.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    actor_id: uuid.UUID = Field(foreign_key="actors.id", index=True)


class Meeting(SyncedRecord, table=True):
    __tablename__ = "meetings"
    resource: ClassVar[str] = "meetings"
    __table_args__ = (sync_unique("meetings"),)

    body_id: uuid.UUID = Field(foreign_key="bodies.id", index=True)
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    location: str | None = Field(default=None, max_length=300)
    status: str = Field(default="planned", max_length=20, index=True)
    agenda: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    minutes: str | None = None
    # In the public calendar feed (the yearly network event, say); its minutes stay internal.
    public: bool = Field(default=False, index=True)


class MeetingAttendance(SQLModel, table=True):
    """One attendee: an organisation (`actor_id`), a contact person of one (`actor_id` and
    `person`) or a person with a login (`user_id`, with `person` holding the name)."""

    __tablename__ = "meeting_attendance"
    # Every row names someone (a person with a login is kept by name).
    __table_args__ = (CheckConstraint("actor_id IS NOT NULL OR person IS NOT NULL", name="who"),)

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="actors.id", index=True)
    # No foreign key: accounts stay in their installation while meetings move between them
    # (`regie export`), and an attendance outlives the account; the name is kept in `person`.
    user_id: uuid.UUID | None = Field(default=None, index=True)
    person: str | None = Field(default=None, max_length=200)
    status: str = Field(max_length=10)  # present | excused | absent


class MeetingDecision(SQLModel, table=True):
    __tablename__ = "meeting_decisions"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    id: uuid.UUID = Field(unique=True)
    text: str
    action_id: uuid.UUID | None = Field(default=None, foreign_key="actions.id", index=True)
    dossier_id: uuid.UUID | None = Field(default=None, foreign_key="dossiers.id", index=True)
    due_date: date | None = None


class MeetingDossier(SQLModel, table=True):
    __tablename__ = "meeting_dossiers"
    __table_args__ = (collection_values("meeting_dossiers", "meeting_id", "dossier_id"),)

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    dossier_id: uuid.UUID = Field(foreign_key="dossiers.id", index=True)
