from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from api.core.pagination import ListParams
from api.core.schemas import (
    CreateBase,
    Name,
    NisCode,
    ReadBase,
    ShortText,
    SyncFields,
    SyncRead,
    Text,
    Url,
    partial,
)
from api.core.types import JSONDecimal


class Regime(StrEnum):
    lde = "lde"
    individueel_maatwerk = "individueel_maatwerk"
    transitional = "transitional"


class VolumeUnit(StrEnum):
    hours = "hours"
    places = "places"
    fte = "fte"


Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Volume = Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=4)]
ServiceName = Annotated[Name, Field(max_length=120)]

REGIME_DOC = (
    "`lde` (lokale diensteneconomie), `individueel_maatwerk` or `transitional`. No new "
    "LDE recognitions since 1 July 2023: a new agreement starting on or after that "
    "date cannot use `lde`."
)


class AgreementCreate(CreateBase, SyncFields):
    title: Name = Field(examples=["DAEB klusjesdienst Kortrijk, Kuurne en Lendelede 2023–2026"])
    municipalities: list[NisCode] = Field(
        min_length=1,
        max_length=50,
        description="NIS codes of the entrusting municipalities; at least one, no duplicates.",
        examples=[["34022", "34023", "34025"]],
    )
    provider_id: uuid.UUID = Field(description="The actor entrusted with the service.")
    service: ServiceName = Field(examples=["klusjesdienst"])
    description: Text = Field(
        "",
        description="Nature and duration of the public service obligation.",
        examples=["Kleine herstellings- en onderhoudswerken in en rond de woning."],
    )
    target_group: ShortText = Field("", examples=["Ouderen en personen met een beperking"])
    territory: ShortText = Field("", examples=["Grondgebied van Kortrijk, Kuurne en Lendelede"])
    start_date: date = Field(examples=["2023-07-01"])
    end_date: date = Field(description="Not before `start_date`.", examples=["2026-06-30"])
    compensation_amount: Money | None = Field(
        None,
        description="EUR per year, at most two decimals.",
        examples=[98000.00],
    )
    compensation_parameters: Text = Field(
        "",
        description="How the compensation is calculated.",
        examples=[
            "Bedrag per gepresteerd begeleid uur, verminderd met de bijdragen van de "
            "gebruikers; jaarlijkse afrekening op basis van de werkelijke kosten."
        ],
    )
    review_dates: list[date] = Field(
        default_factory=list,
        max_length=50,
        description="Checks against overcompensation: from the start until one year after the "
        "end (the check at the end of the period comes after the last accounts).",
        examples=[["2024-03-31", "2025-03-31", "2026-03-31"]],
    )
    council_decision_date: date | None = Field(None, examples=["2023-05-22"])
    council_decision_uri: Url | None = Field(
        None,
        description="The published decision (OSLO *Besluit*), an http(s) URI.",
        examples=["https://example.org/besluiten/kortrijk/2023-05-22-daeb-klusjesdienst"],
    )
    volume: Volume | None = Field(None, description="Needs `volume_unit`.", examples=[7800])
    volume_unit: VolumeUnit | None = Field(None, examples=["hours"])
    regime: Regime = Field(description=REGIME_DOC, examples=["transitional"])


AgreementUpdate = partial(AgreementCreate, "AgreementUpdate")


class AgreementRead(ReadBase, SyncRead):
    title: str
    municipalities: list[str]
    provider_id: uuid.UUID
    provider_kbo: str | None = Field(None, description="Read-only: the provider's KBO number.")
    provider_name: str | None = Field(None, description="Read-only: the provider's name.")
    service: str
    description: str
    target_group: str
    territory: str
    start_date: date
    end_date: date
    compensation_amount: JSONDecimal | None
    compensation_parameters: str
    review_dates: list[date]
    council_decision_date: date | None
    council_decision_uri: str | None
    volume: JSONDecimal | None
    volume_unit: VolumeUnit | None
    regime: Regime


class AgreementSort(StrEnum):
    """`-end_date`: the current and most recent agreements first (the SPA's first view: a
    municipality whose agreements all ended still sees its latest ones)."""

    start_date_asc = "start_date"
    start_date_desc = "-start_date"
    end_date_asc = "end_date"
    end_date_desc = "-end_date"


class AgreementFilters(ListParams):
    sort: AgreementSort | None = Field(
        None,
        description="Order of the list (default: start date, then title); `-` descends, the "
        "id breaks ties. The cursor carries the sort, so keep the same `sort` while paging.",
        examples=["-end_date"],
    )
    q: str | None = Field(
        None, max_length=200, description="Search title, service, description and territory."
    )
    municipality: NisCode | None = Field(None, description="Covers this municipality (NIS code).")
    active_on: date | None = Field(None, description="Runs on this date (start ≤ date ≤ end).")
    provider: uuid.UUID | None = Field(None, description="Entrusted to this actor.")
    regime: Regime | None = None
    service: str | None = Field(None, max_length=120, description="Exactly this service.")
