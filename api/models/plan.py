"""Pillars and objectives: the structure of the action plan (and of the Flemish framework)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from sqlmodel import Field

from api.core.models import Record


class Pillar(Record, table=True):
    __tablename__ = "pillars"
    resource: ClassVar[str] = "pillars"

    code: str = Field(max_length=40, unique=True)
    framework: str = Field(max_length=20, index=True)  # actieplan | vlaams_kader
    title: str = Field(max_length=200)
    description: str = ""
    sort_order: int = 0


class Objective(Record, table=True):
    __tablename__ = "objectives"
    resource: ClassVar[str] = "objectives"

    pillar_id: uuid.UUID = Field(foreign_key="pillars.id", index=True)
    code: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=200)
    description: str = ""
    sort_order: int = 0
