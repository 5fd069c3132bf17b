from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import Field

from api.core.pagination import ListParams
from api.core.schemas import Code, CreateBase, Name, ReadBase, Text, partial


class Framework(StrEnum):
    actieplan = "actieplan"  # the regional action plan 2020-2025
    vlaams_kader = "vlaams_kader"  # the Flemish framework for the local regie role (2023)


class PillarCreate(CreateBase):
    code: Code = Field(
        description="`3.3.1` for the action plan, `WSE-LR1` … for the Flemish framework; unique.",
        examples=["3.3.2"],
    )
    framework: Framework = Field(examples=["actieplan"])
    title: Name = Field(examples=["De lokale sociale economie verder uitbouwen"])
    description: Text = Field(
        "",
        examples=[
            "Het regionale netwerk vervolledigen, drempels voor doelgroepmedewerkers wegnemen en "
            "gericht werken rond groepen die moeilijk de weg naar werk vinden."
        ],
    )
    sort_order: int = Field(0, ge=0, le=100000, examples=[2])


PillarUpdate = partial(PillarCreate, "PillarUpdate")


class PillarRead(ReadBase):
    code: str
    framework: Framework
    title: str
    description: str
    sort_order: int


class PillarFilters(ListParams):
    framework: Framework | None = None
    code: str | None = Field(None, max_length=40)
    q: str | None = Field(None, max_length=200, description="Search code, title and description.")


class ObjectiveCreate(CreateBase):
    pillar_id: uuid.UUID = Field(description="The pillar this objective belongs to.")
    code: Code = Field(description="Unique.", examples=["3.3.2.2"])
    title: Name = Field(examples=["Drempels in de regio wegwerken"])
    description: Text = Field(
        "",
        examples=[
            "Oplossingen zoeken voor de beperkte mobiliteit van doelgroepmedewerkers en knelpunten "
            "aankaarten bij andere bestuursniveaus."
        ],
    )
    sort_order: int = Field(0, ge=0, le=100000, examples=[4])


ObjectiveUpdate = partial(ObjectiveCreate, "ObjectiveUpdate")


class ObjectiveRead(ReadBase):
    pillar_id: uuid.UUID
    code: str
    title: str
    description: str
    sort_order: int


class ObjectiveFilters(ListParams):
    pillar: uuid.UUID | None = Field(None, description="Objectives of this pillar.")
    code: str | None = Field(None, max_length=40)
    q: str | None = Field(None, max_length=200, description="Search code, title and description.")
