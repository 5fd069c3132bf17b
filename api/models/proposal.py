"""Agenda proposals: items ROSE members put forward for a meeting of a body they sit in."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar

from sqlmodel import Field

from api.core.models import Record
from api.core.types import UTCDateTime


class AgendaProposal(Record, table=True):
    __tablename__ = "agenda_proposals"
    resource: ClassVar[str] = "agenda-proposals"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", index=True)
    title: str = Field(max_length=200)
    explanation: str = ""
    proposer_actor_id: uuid.UUID = Field(foreign_key="actors.id", index=True)
    action_id: uuid.UUID | None = Field(default=None, foreign_key="actions.id", index=True)
    dossier_id: uuid.UUID | None = Field(default=None, foreign_key="dossiers.id", index=True)
    status: str = Field(default="proposed", max_length=20, index=True)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_reason: str | None = None
    agenda_position: int | None = None
    moved_to_meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id")
    moved_from_meeting_id: uuid.UUID | None = Field(default=None, foreign_key="meetings.id")
    to_board: bool = Field(default=False, index=True)
    board_handled_on: date | None = None
    board_answer: str | None = None
