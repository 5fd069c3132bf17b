"""LDE/DAEB agreements: a municipality entrusts a provider with a service of general
economic interest (fields after decision 2012/21/EU, art. 4)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.core.models import SyncedRecord, collection_values, sync_unique
from api.core.types import Amount, JSONDoc, empty_list


class Agreement(SyncedRecord, table=True):
    __tablename__ = "agreements"
    resource: ClassVar[str] = "agreements"
    # Lists are read in (start_date, title, id) keyset order.
    __table_args__ = (
        sync_unique("agreements"),
        Index("ix_agreements_start_date_title_id", "start_date", "title", "id"),
    )

    title: str = Field(max_length=200)
    provider_id: uuid.UUID = Field(foreign_key="actors.id", index=True)
    service: str = Field(max_length=120, index=True)
    description: str = ""
    target_group: str = ""
    territory: str = ""
    start_date: date
    end_date: date = Field(index=True)
    compensation_amount: Decimal | None = Field(default=None, sa_type=Amount)
    compensation_parameters: str = ""
    review_dates: list[Any] = Field(default_factory=empty_list, sa_type=JSONDoc)
    council_decision_date: date | None = None
    council_decision_uri: str | None = Field(default=None, max_length=500)
    volume: Decimal | None = Field(default=None, sa_type=Amount)
    volume_unit: str | None = Field(default=None, max_length=10)
    regime: str = Field(max_length=24, index=True)


class AgreementMunicipality(SQLModel, table=True):
    __tablename__ = "agreement_municipalities"
    # "Agreements of municipality X" starts here and needs no other column.
    __table_args__ = (
        Index(
            "ix_agreement_municipalities_municipality_agreement_id", "municipality", "agreement_id"
        ),
        collection_values("agreement_municipalities", "agreement_id", "municipality"),
    )

    agreement_id: uuid.UUID = Field(
        foreign_key="agreements.id", primary_key=True, ondelete="CASCADE"
    )
    position: int = Field(primary_key=True)
    municipality: str = Field(max_length=5, foreign_key="municipalities.nis_code")
