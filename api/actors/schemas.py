from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field

from api.actors.kbo import normalize_kbo
from api.core.pagination import ListParams
from api.core.schemas import (
    CreateBase,
    Email,
    Name,
    NisCode,
    Phone,
    ReadBase,
    ShortText,
    SyncFields,
    SyncRead,
    Text,
    Url,
    WriteModel,
    partial,
)


class ActorKind(StrEnum):
    maatwerkbedrijf = "maatwerkbedrijf"
    lde_onderneming = "lde_onderneming"
    arbeidszorginitiatief = "arbeidszorginitiatief"
    lokaal_bestuur = "lokaal_bestuur"
    w13 = "w13"
    partner = "partner"
    regulier_bedrijf = "regulier_bedrijf"


class TargetGroup(StrEnum):
    jongeren = "jongeren"
    anderstaligen = "anderstaligen"
    langdurig_zieken = "langdurig_zieken"
    personen_met_arbeidsbeperking = "personen_met_arbeidsbeperking"
    langdurig_werkzoekenden = "langdurig_werkzoekenden"
    leefloners = "leefloners"
    nieuwkomers = "nieuwkomers"
    ouderen = "ouderen"


Kbo = Annotated[str, Field(max_length=20), AfterValidator(normalize_kbo)]


class Item(WriteModel):
    """A nested write object: unknown fields and values of the wrong JSON type are refused."""


class ContactPerson(Item):
    name: Name = Field(examples=["Inge Vandenbroucke (fictief)"])
    role: ShortText | None = Field(None, examples=["coördinator trajectbegeleiding"])
    email: Email | None = Field(None, examples=["inge@example.org"])
    phone: Phone | None = None


class Place(Item):
    """Work or trajectory places on one rung of the participatieladder."""

    rung: int = Field(ge=1, le=6, description="Participatieladder rung (1–6).", examples=[5])
    description: ShortText = Field(examples=["Productiemedewerker verpakking"])
    count: int | None = Field(None, ge=0, le=100000, examples=[12])


class GoodOrService(Item):
    name: Name = Field(examples=["Groenonderhoud"])
    description: ShortText = ""


class ActorCreate(CreateBase, SyncFields):
    name: Name = Field(examples=["De Kringwinkel Leiestreek (fictief)"])
    kind: ActorKind
    kbo_number: Kbo | None = Field(
        None,
        description="Accepts `0630.835.639`, `BE0630835639` or `630835639`; stored as 10 digits.",
        examples=["0630835639"],
    )
    description: Text = ""
    street: ShortText | None = None
    postal_code: Annotated[str, Field(pattern=r"^[0-9]{4}$")] | None = Field(
        None, examples=["8500"]
    )
    city: Name | None = Field(None, examples=["Kortrijk"])
    municipality: NisCode | None = Field(None, description="NIS code.", examples=["34022"])
    website: Url | None = Field(None, examples=["https://example.org"])
    email: Email | None = Field(None, description="The organisation's general address.")
    phone: Phone | None = None
    contact_persons: list[ContactPerson] = Field(default_factory=list, max_length=50)
    rose_member: bool = False
    target_groups: list[TargetGroup] = Field(default_factory=list, max_length=20)
    places: list[Place] = Field(default_factory=list, max_length=100)
    goods_services: list[GoodOrService] = Field(default_factory=list, max_length=100)
    fictional: bool = Field(False, description="True for organisations invented for demo data.")


ActorUpdate = partial(ActorCreate, "ActorUpdate")


class ActorPublicRead(ReadBase, SyncRead):
    """An actor as the public directory shows it: no contact persons."""

    name: str
    kind: ActorKind
    kbo_number: str | None
    description: str
    street: str | None
    postal_code: str | None
    city: str | None
    municipality: str | None
    website: str | None
    email: str | None
    phone: str | None
    rose_member: bool
    target_groups: list[TargetGroup]
    places: list[Place]
    goods_services: list[GoodOrService]
    fictional: bool


class ActorRead(ActorPublicRead):
    contact_persons: list[ContactPerson] | None = Field(
        None, description="Only for logged-in callers; absent in the public view."
    )


class ActorFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search name, description and offer.")
    kind: ActorKind | None = None
    municipality: str | None = Field(None, max_length=5, description="NIS code.")
    target_group: TargetGroup | None = None
    rung: int | None = Field(None, ge=1, le=6, description="Offers places on this rung.")
    rose_member: bool | None = None
    kbo_number: Kbo | None = None
