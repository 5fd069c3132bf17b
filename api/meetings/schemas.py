from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
)

from api.core.pagination import ListParams
from api.core.schemas import (
    Code,
    CreateBase,
    Name,
    ReadBase,
    SyncFields,
    SyncRead,
    Text,
    WriteModel,
    partial,
)
from api.meetings.ical import normalize_rrule

AGENDA_MAX_DEPTH = 4
AGENDA_MAX_ITEMS = 200


class BodyKind(StrEnum):
    general_assembly = "general_assembly"
    action_group = "action_group"
    workgroup = "workgroup"
    event = "event"


class MeetingStatus(StrEnum):
    planned = "planned"
    held = "held"
    cancelled = "cancelled"


class AttendanceStatus(StrEnum):
    present = "present"
    excused = "excused"
    absent = "absent"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


Slug = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"
    ),
]
Recurrence = Annotated[str, StringConstraints(max_length=200), AfterValidator(normalize_rrule)]
UTCTime = Annotated[AwareDatetime, AfterValidator(_utc)]
Location = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
DecisionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)
]


class Item(WriteModel):
    """A nested write object: unknown fields and values of the wrong JSON type are refused."""


class AgendaItem(Item):
    """One agenda item; `items` holds its sub-items (at most four levels in all)."""

    title: Name = Field(examples=["Stand van zaken LDE-fabriek"])
    description: Text = ""
    items: list[AgendaItem] = Field(default_factory=list, max_length=50)


AGENDA_DOC = (
    f"Nested agenda items, at most {AGENDA_MAX_DEPTH} levels deep and "
    f"{AGENDA_MAX_ITEMS} items in all."
)
AGENDA_EXAMPLE = [
    {"title": "Verwelkoming", "description": "", "items": []},
    {
        "title": "Signalisatiedossiers",
        "description": "",
        "items": [{"title": "Contingentering trajecten", "description": "", "items": []}],
    },
]


# --- bodies ------------------------------------------------------------------------------------


class BodyCreate(CreateBase):
    code: Slug = Field(description="Short lower-case slug, unique.", examples=["rose-av"])
    name: Name = Field(examples=["Algemene vergadering ROSE"])
    description: Text = Field(
        "", examples=["Het regionaal overleg van de sociale economie komt elk kwartaal samen."]
    )
    kind: BodyKind
    recurrence: Recurrence | None = Field(
        None,
        description="RFC 5545 RRULE of the series. Supported parts: FREQ (DAILY, WEEKLY, "
        "MONTHLY, YEARLY), INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL. Stored in canonical form.",
        examples=["FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"],
    )
    agenda_template: list[AgendaItem] = Field(
        default_factory=list,
        max_length=50,
        description=AGENDA_DOC + " Copied into a new meeting that is created without an agenda.",
        examples=[AGENDA_EXAMPLE],
    )
    member_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=500, description="Actors sitting in the body."
    )


BodyUpdate = partial(BodyCreate, "BodyUpdate")


class BodyRead(ReadBase):
    code: str
    name: str
    description: str
    kind: BodyKind
    recurrence: str | None
    agenda_template: list[AgendaItem]
    member_ids: list[uuid.UUID]


class BodyFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search code, name and description.")
    kind: BodyKind | None = None
    member: uuid.UUID | None = Field(None, description="Only bodies this actor sits in.")


# --- meetings ----------------------------------------------------------------------------------


class Attendance(Item):
    """One attendee: an organisation (`actor_id` alone), one of its contact persons
    (`actor_id` and `person`, a name from the actor's `contact_persons`), or a person with a
    login (`user_id`; `person` and, for a ROSE member, `actor_id` are taken from the account).
    Never anyone else: target-group workers are not recorded by name."""

    actor_id: uuid.UUID | None = Field(
        None, description="The organisation (attending, or the one the person represents)."
    )
    user_id: uuid.UUID | None = Field(None, description="A person with a login.")
    person: Name | None = Field(
        None,
        description="The person's name: one of the actor's contact persons, or filled in "
        "from the account of `user_id`.",
        examples=["Inge Vandenbroucke (fictief)"],
    )
    status: AttendanceStatus = Field(examples=["present"])


class DecisionIn(Item):
    """A decision and its follow-up; keep `id` when you send the list back, or it gets a new one."""

    id: uuid.UUID | None = Field(None, description="Generated when absent.")
    text: DecisionText = Field(examples=["De Actiegroep werkt een voorstel rond mobiliteit uit."])
    action_id: uuid.UUID | None = Field(None, description="The action that follows it up.")
    dossier_id: uuid.UUID | None = Field(None, description="The dossier that follows it up.")
    due_date: date | None = None


class Decision(BaseModel):
    id: uuid.UUID
    text: str
    action_id: uuid.UUID | None
    dossier_id: uuid.UUID | None
    due_date: date | None


class MeetingCreate(CreateBase, SyncFields):
    body_id: uuid.UUID
    title: Name = Field(examples=["Algemene vergadering ROSE – juni"])
    starts_at: UTCTime = Field(
        description="With a time zone; stored and returned in UTC.",
        examples=["2024-06-11T12:00:00Z"],
    )
    ends_at: UTCTime = Field(description="After `starts_at`.", examples=["2024-06-11T14:00:00Z"])
    location: Location | None = Field(None, examples=["W13, President Kennedypark 10, Kortrijk"])
    status: MeetingStatus = MeetingStatus.planned
    agenda: list[AgendaItem] | None = Field(
        None,
        max_length=50,
        description=AGENDA_DOC + " Absent or null: a new meeting gets a copy of the body's "
        "agenda template, an existing one keeps its agenda; `[]` clears it.",
        examples=[AGENDA_EXAMPLE],
    )
    attendance: list[Attendance] = Field(
        default_factory=list,
        max_length=500,
        description="Organisations and people present, excused or absent; each at most once.",
    )
    minutes: Text | None = Field(None, description="Visible to W13 and the body's members.")
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=200)
    dossier_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=100, description="Dossiers discussed."
    )
    public: bool = Field(
        False,
        description="Listed in the public calendar feed (`/calendars/public.ics`: title, time, "
        "place, status and agenda; never attendance, minutes or decisions), e.g. the yearly "
        "network event.",
    )


MeetingUpdate = partial(MeetingCreate, "MeetingUpdate")


class MeetingRead(ReadBase, SyncRead):
    body_id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str | None
    status: MeetingStatus
    agenda: list[AgendaItem]
    attendance: list[Attendance]
    minutes: str | None = Field(description="Only W13 and members of the body read meetings.")
    decisions: list[Decision]
    dossier_ids: list[uuid.UUID]
    public: bool


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _day_start(value: Any) -> Any:
    return f"{value}T00:00:00Z" if isinstance(value, str) and _DAY.match(value) else value


def _assume_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day_end(value: Any) -> Any:
    """A bare date as the upper bound includes that whole day."""
    if isinstance(value, str) and _DAY.match(value):
        return (datetime.fromisoformat(value).replace(tzinfo=UTC) + timedelta(days=1)).isoformat()
    return value


MomentFrom = Annotated[datetime, BeforeValidator(_day_start), AfterValidator(_assume_utc)]
MomentTo = Annotated[datetime, BeforeValidator(_day_end), AfterValidator(_assume_utc)]


class MeetingFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search title, location and agenda.")
    body: uuid.UUID | None = Field(None, description="Meetings of this body.")
    status: MeetingStatus | None = None
    starts_from: MomentFrom | None = Field(
        None, description="Starting at or after this moment (a date means its start, UTC)."
    )
    starts_to: MomentTo | None = Field(
        None, description="Starting before this moment (a date includes that whole day, UTC)."
    )
    upcoming: bool | None = Field(
        None, description="true: starting now or later; false: started before now."
    )
    dossier: uuid.UUID | None = Field(None, description="Meetings that discussed this dossier.")
    public: bool | None = Field(None, description="Listed in the public calendar feed.")


class StartAction(WriteModel):
    """The new action's essentials; the rest can be filled in on the action afterwards."""

    code: Code = Field(examples=["A27"])
    title: Name = Field(examples=["Proefproject deelfietsen voor maatwerkbedrijven"])
    description: Text | None = Field(None, description="Defaults to the decision's text.")
    pillar_id: uuid.UUID
    objective_id: uuid.UUID | None = None
    lead_actor_id: uuid.UUID | None = None
    start_date: date = Field(examples=["2024-09-01"])
    end_date: date = Field(examples=["2025-06-30"])


class StartActionResult(BaseModel):
    action_id: uuid.UUID = Field(description="The new action (also in the `Location` header).")
    meeting_id: uuid.UUID
    meeting_version: int = Field(description="The meeting's version after linking the decision.")
    decision: Decision
