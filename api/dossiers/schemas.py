from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from pydantic import Field

from api.core.pagination import ListParams
from api.core.schemas import Code, CreateBase, Name, ReadBase, SyncFields, SyncRead, partial
from api.dossiers.anonymity import AnonymousText


class DossierTheme(StrEnum):
    indicering_toeleiding = "indicering_toeleiding"
    contingentering = "contingentering"
    mobiliteit = "mobiliteit"
    doorstroom = "doorstroom"
    anderstaligen = "anderstaligen"
    langdurig_zieken = "langdurig_zieken"
    jongeren = "jongeren"
    overig = "overig"


class DossierLevel(StrEnum):
    vlaanderen = "vlaanderen"
    provincie = "provincie"
    europa = "europa"
    vdab = "vdab"
    federaal = "federaal"
    lokaal = "lokaal"


class DossierStatus(StrEnum):
    open = "open"
    on_agenda = "on_agenda"
    signalled = "signalled"
    answered = "answered"
    closed = "closed"


class EventKind(StrEnum):
    note = "note"
    status_change = "status_change"
    signalled = "signalled"
    answer = "answer"
    meeting = "meeting"


STATUS_DOC = (
    "Life-cycle: open → on_agenda | closed; on_agenda → signalled | open | closed; "
    "signalled → answered | on_agenda | closed; answered → closed | signalled; closed → open "
    "(reopened). Every change adds a `status_change` event to the timeline."
)
ANONYMOUS_DOC = (
    "Anonymous: text with a national register number, an e-mail address or a "
    "phone number is refused."
)


class DossierCreate(CreateBase, SyncFields):
    code: Code = Field(examples=["SIG-03"])
    title: Name = Field(examples=["Bereikbaarheid van werkplekken voor doelgroepmedewerkers"])
    theme: DossierTheme = Field(examples=["mobiliteit"])
    level: DossierLevel = Field(
        description="The level of government addressed.", examples=["provincie"]
    )
    raised_by_id: uuid.UUID | None = Field(
        None,
        description="The actor that raised the issue; a ROSE member gives its own actor.",
    )
    evidence_summary: AnonymousText = Field(
        "",
        description=ANONYMOUS_DOC,
        examples=[
            "Meerdere maatwerkbedrijven melden dat vacatures in ploegenwerk onvervuld "
            "blijven door het ontbreken van een busverbinding naar de bedrijventerreinen."
        ],
    )
    status: DossierStatus = Field(DossierStatus.open, description=STATUS_DOC)


DossierUpdate = partial(DossierCreate, "DossierUpdate")


class DossierRead(ReadBase, SyncRead):
    code: str
    title: str
    theme: DossierTheme
    level: DossierLevel
    raised_by_id: uuid.UUID | None
    evidence_summary: str
    status: DossierStatus
    meeting_ids: list[uuid.UUID] = Field(
        default_factory=list,
        description="Read-only: the meetings that discussed this dossier, earliest first.",
    )


class DossierFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search code, title and evidence.")
    status: DossierStatus | None = None
    theme: DossierTheme | None = None
    level: DossierLevel | None = None
    raised_by: uuid.UUID | None = Field(None, description="Raised by this actor.")


class DossierEventCreate(CreateBase):
    date: dt.date = Field(examples=["2025-09-18"])
    kind: EventKind = Field(examples=["meeting"])
    text: AnonymousText = Field(
        min_length=1,
        description=ANONYMOUS_DOC,
        examples=["Toelichting in de algemene vergadering; andere leden herkennen het probleem."],
    )
    meeting_id: uuid.UUID | None = Field(None, description="The meeting where this happened.")


DossierEventUpdate = partial(DossierEventCreate, "DossierEventUpdate")


class DossierEventRead(ReadBase):
    dossier_id: uuid.UUID
    date: dt.date
    kind: EventKind
    text: str
    meeting_id: uuid.UUID | None


class DossierEventFilters(ListParams):
    kind: EventKind | None = None
