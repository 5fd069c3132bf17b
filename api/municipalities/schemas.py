from __future__ import annotations

from datetime import date

from pydantic import Field

from api.core.pagination import ListParams
from api.core.schemas import CreateBase, Name, NisCode, ReadBase, SyncFields, SyncRead, partial


class MunicipalityCreate(CreateBase, SyncFields):
    nis_code: NisCode = Field(description="Statbel REFNIS code.", examples=["34022"])
    name_nl: Name = Field(examples=["Kortrijk"])
    name_fr: Name | None = Field(None, examples=["Courtrai"])
    arrondissement: Name | None = Field(None, examples=["Kortrijk"])
    valid_from: date = Field(examples=["1977-01-01"])
    valid_to: date | None = Field(None, description="Set when the code stops (merger).")
    w13_member: bool = False


MunicipalityUpdate = partial(MunicipalityCreate, "MunicipalityUpdate")


class MunicipalityRead(ReadBase, SyncRead):
    nis_code: str
    name_nl: str
    name_fr: str | None
    arrondissement: str | None
    valid_from: date
    valid_to: date | None
    w13_member: bool


class MunicipalityFilters(ListParams):
    w13_member: bool | None = None
    active_on: date | None = Field(None, description="Only codes valid on this date.")
    q: str | None = Field(None, max_length=200, description="Search in the names.")
