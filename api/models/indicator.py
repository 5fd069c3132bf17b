"""Indicators (of an action, or context indicators of a geography) and their time series."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from api.core.models import Record, SyncedRecord, sync_unique
from api.core.types import Amount


class Indicator(SyncedRecord, table=True):
    __tablename__ = "indicators"
    resource: ClassVar[str] = "indicators"
    __table_args__ = (sync_unique("indicators"),)

    code: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    description: str = ""
    unit: str = Field(max_length=60)
    kind: str = Field(max_length=10, index=True)  # action | context
    action_id: uuid.UUID | None = Field(default=None, foreign_key="actions.id", index=True)
    geography: str | None = Field(default=None, max_length=30, index=True)
    municipality: str | None = Field(
        default=None, max_length=5, foreign_key="municipalities.nis_code"
    )
    rung: int | None = None
    baseline_value: Decimal | None = Field(default=None, sa_type=Amount)
    baseline_date: date | None = None
    target_value: Decimal | None = Field(default=None, sa_type=Amount)
    target_date: date | None = None
    public: bool = Field(default=False, index=True)


class Measurement(Record, table=True):
    __tablename__ = "measurements"
    resource: ClassVar[str] = "measurements"
    __table_args__ = (
        UniqueConstraint("indicator_id", "date", name="uq_measurements_indicator_id_date"),
    )

    indicator_id: uuid.UUID = Field(foreign_key="indicators.id", index=True)
    date: date
    value: Decimal = Field(sa_type=Amount)
    data_source: str = Field(max_length=300)
    note: str | None = Field(default=None, max_length=2000)
