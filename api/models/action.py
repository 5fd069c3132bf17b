"""Actions of the plan, with their partners and linked dossiers."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, ClassVar

from sqlmodel import Field, SQLModel

from api.core.models import SyncedRecord, collection_values, sync_unique
from api.core.types import JSONDoc, empty_list


class Action(SyncedRecord, table=True):
    __tablename__ = "actions"
    resource: ClassVar[str] = "actions"
    __table_args__ = (sync_unique("actions"),)

    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    description: str = ""
    pillar_id: uuid.UUID = Field(foreign_key="pillars.id", index=True)
    objective_id: uuid.UUID | None = Field(default=None, foreign_key="objectives.id", index=True)
    wse_lr_code: str | None = Field(default=None, max_length=20, index=True)
    bbc_code: str | None = Field(default=None, max_length=60)
    w13_plan_codes: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    lead_actor_id: uuid.UUID | None = Field(default=None, foreign_key="actors.id", index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="actions.id", index=True)
    start_date: date
    end_date: date
    accent_years: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    mvo_themes: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    status: str = Field(default="planned", max_length=20, index=True)
    progress: int = 0
    published: bool = Field(default=False, index=True)
    milestones: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)


class ActionPartner(SQLModel, table=True):
    __tablename__ = "action_partners"
    __table_args__ = (collection_values("action_partners", "action_id", "actor_id"),)

    action_id: uuid.UUID = Field(foreign_key="actions.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    actor_id: uuid.UUID = Field(foreign_key="actors.id", index=True)


class ActionDossier(SQLModel, table=True):
    __tablename__ = "action_dossiers"
    __table_args__ = (collection_values("action_dossiers", "action_id", "dossier_id"),)

    action_id: uuid.UUID = Field(foreign_key="actions.id", primary_key=True, ondelete="CASCADE")
    position: int = Field(primary_key=True)
    dossier_id: uuid.UUID = Field(foreign_key="dossiers.id", index=True)
