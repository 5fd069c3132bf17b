"""Indicators and their measurements: the `XCreate`/`XUpdate`/`XRead`/`XFilters` families and the
chart-ready series."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from api.core.i18n import refuse
from api.core.pagination import ListParams
from api.core.schemas import (
    CreateBase,
    Name,
    NisCode,
    ReadBase,
    SyncFields,
    SyncRead,
    Text,
    partial,
)
from api.core.types import JSONDecimal


class IndicatorKind(StrEnum):
    action = "action"
    context = "context"


class Geography(StrEnum):
    vlaanderen = "vlaanderen"
    west_vlaanderen = "west_vlaanderen"
    zuid_west_vlaanderen = "zuid_west_vlaanderen"
    municipality = "municipality"


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise refuse("nul_character")
    return value


# The column is Numeric(18, 4): refuse what it cannot hold instead of rounding it silently.
Figure = Annotated[Decimal, Field(max_digits=18, decimal_places=4, allow_inf_nan=False)]
IndicatorCode = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=60, pattern=r"^[A-Za-z0-9._/-]+$"
    ),
]
Unit = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(_no_nul),
]
DataSource = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_no_nul),
]
Note = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_nul)]
Rung = Annotated[int, Field(ge=1, le=6, description="Participatieladder rung (1-6).")]


class IndicatorCreate(CreateBase, SyncFields):
    code: IndicatorCode = Field(examples=["CTX-JOBRATIO-ZWVL"])
    name: Name = Field(examples=["Jobratio Zuid-West-Vlaanderen"])
    description: Text = Field(
        "", examples=["Aantal jobs per 100 inwoners op beroepsactieve leeftijd."]
    )
    unit: Unit = Field(examples=["per 100 inwoners"])
    kind: IndicatorKind = Field(
        description="`action`: measures an action; `context`: describes the region.",
        examples=["context"],
    )
    action_id: uuid.UUID | None = Field(
        None, description="Required for `action`, null for `context`."
    )
    geography: Geography | None = Field(
        None,
        description="Required for `context`, null for `action`.",
        examples=["zuid_west_vlaanderen"],
    )
    municipality: NisCode | None = Field(
        None,
        description="NIS code; required when geography is `municipality`, null otherwise.",
        examples=["34022"],
    )
    rung: Rung | None = Field(None, examples=[6])
    baseline_value: Figure | None = Field(None, examples=[81.3])
    baseline_date: dt.date | None = Field(None, examples=["2019-09-30"])
    target_value: Figure | None = Field(None, examples=[83.0])
    target_date: dt.date | None = Field(
        None, description="Not before the baseline date.", examples=["2025-12-31"]
    )
    public: bool = Field(False, description="Shown in the public view (and its measurements).")


IndicatorUpdate = partial(IndicatorCreate, "IndicatorUpdate")


class IndicatorRead(ReadBase, SyncRead):
    code: str
    name: str
    description: str
    unit: str
    kind: IndicatorKind
    action_id: uuid.UUID | None
    geography: Geography | None
    municipality: str | None
    rung: int | None
    baseline_value: JSONDecimal | None
    baseline_date: dt.date | None
    target_value: JSONDecimal | None
    target_date: dt.date | None
    public: bool


class IndicatorFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search code, name and description.")
    kind: IndicatorKind | None = None
    action: uuid.UUID | None = Field(None, description="Indicators of this action.")
    geography: Geography | None = None
    municipality: NisCode | None = Field(None, description="NIS code.")
    public: bool | None = None
    code: str | None = Field(None, max_length=60, description="Exact code.")
    rung: Rung | None = None


class MeasurementCreate(CreateBase):
    date: dt.date = Field(
        description="Reference date of the figure; one measurement per indicator and date.",
        examples=["2019-09-30"],
    )
    value: Figure = Field(examples=[81.3])
    data_source: DataSource = Field(
        description="Where the figure comes from.", examples=["Steunpunt Werk, jobratio sept 2019"]
    )
    note: Note | None = Field(None, examples=["Voorlopig cijfer."])


MeasurementUpdate = partial(MeasurementCreate, "MeasurementUpdate")


class MeasurementRead(ReadBase):
    indicator_id: uuid.UUID
    date: dt.date
    value: JSONDecimal
    data_source: str
    note: str | None


class MeasurementFilters(ListParams):
    date_from: dt.date | None = Field(None, description="Only measurements on or after this date.")
    date_to: dt.date | None = Field(None, description="Only measurements on or before this date.")


# --- the chart-ready series --------------------------------------------------------------


class IndicatorSummary(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    unit: str
    kind: IndicatorKind
    action_id: uuid.UUID | None
    geography: Geography | None
    municipality: str | None
    rung: int | None


class SeriesMark(BaseModel):
    """The baseline or the target: a value at a date (either may be unknown)."""

    date: dt.date | None
    value: JSONDecimal | None


class SeriesPoint(BaseModel):
    date: dt.date
    value: JSONDecimal


class IndicatorSeries(BaseModel):
    indicator: IndicatorSummary
    baseline: SeriesMark | None = Field(description="Null when neither value nor date is known.")
    target: SeriesMark | None = Field(description="Null when neither value nor date is known.")
    points: list[SeriesPoint] = Field(description="Every measurement in the period, by date.")
