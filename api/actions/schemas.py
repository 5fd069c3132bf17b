from __future__ import annotations

import uuid
from collections.abc import Hashable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    Field,
    PlainSerializer,
    StringConstraints,
)

from api.core.i18n import refuse
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


class ActionStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    on_hold = "on_hold"
    done = "done"
    cancelled = "cancelled"


class MvoTheme(StrEnum):
    mobiliteit = "mobiliteit"
    werkbaar_werk = "werkbaar_werk"
    duurzaamheid = "duurzaamheid"
    sociaal_aanbesteden = "sociaal_aanbesteden"


H = TypeVar("H", bound=Hashable)


def _no_duplicates(values: list[H]) -> list[H]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise refuse("listed_twice", value=str(getattr(value, "value", value)))
        seen.add(value)
    return values


# Milestones live in a JSON column: keep their dates ISO strings even in Python-mode dumps,
# so they store as they travel and sort as text in SQL (the `late` filter compares them).
IsoDate = Annotated[date, PlainSerializer(date.isoformat, return_type=str)]
W13PlanCode = Annotated[str, StringConstraints(pattern=r"^(OD|AP)\d{1,2}$")]
BbcCode = Annotated[str, StringConstraints(pattern=r"^BD\d{1,2}\.AP\d{1,3}\.A\d{1,3}$")]
Year = Annotated[int, Field(ge=2000, le=2100)]


class Milestone(WriteModel):
    title: Name = Field(examples=["Eerste overleg met de aankoopdiensten van de gemeenten"])
    due_date: IsoDate = Field(examples=["2024-06-30"])
    done_on: IsoDate | None = Field(
        None, description="When it was reached; null while open.", examples=["2024-06-20"]
    )


class ActionCreate(CreateBase, SyncFields):
    code: Code = Field(description="Unique.", examples=["A15"])
    title: Name = Field(examples=["Mobiliteit van doelgroepmedewerkers verbeteren"])
    description: Text = Field(
        "",
        examples=[
            "Samen met de maatwerkbedrijven en De Lijn zoeken naar vervoer op maat voor "
            "doelgroepmedewerkers die hun werkplek moeilijk bereiken."
        ],
    )
    pillar_id: uuid.UUID = Field(description="An `actieplan` pillar.")
    objective_id: uuid.UUID | None = Field(None, description="An objective under that pillar.")
    wse_lr_code: Code | None = Field(
        None, description="Code of a `vlaams_kader` pillar.", examples=["WSE-LR2"]
    )
    bbc_code: BbcCode | None = Field(
        None,
        description="W13 multi-year plan: beleidsdoelstelling.actieplan.actie.",
        examples=["BD2.AP06.A01"],
    )
    w13_plan_codes: Annotated[list[W13PlanCode], AfterValidator(_no_duplicates)] = Field(
        default_factory=list,
        max_length=20,
        description="W13 objectives (`OD…`) and action plans (`AP…`) this action serves.",
        examples=[["OD2", "AP06"]],
    )
    lead_actor_id: uuid.UUID | None = Field(None, description="The actor that leads it.")
    partner_ids: Annotated[list[uuid.UUID], AfterValidator(_no_duplicates)] = Field(
        default_factory=list, max_length=100, description="Partner actors (not the lead)."
    )
    parent_id: uuid.UUID | None = Field(None, description="The action this is a sub-action of.")
    start_date: date = Field(examples=["2020-01-01"])
    end_date: date = Field(description="Not before start_date.", examples=["2025-12-31"])
    accent_years: Annotated[list[Year], AfterValidator(_no_duplicates)] = Field(
        default_factory=list,
        max_length=20,
        description="Years with a special accent, within the period.",
        examples=[[2021, 2025]],
    )
    mvo_themes: Annotated[list[MvoTheme], AfterValidator(_no_duplicates)] = Field(
        default_factory=list, max_length=4, examples=[["mobiliteit"]]
    )
    status: ActionStatus = Field(
        ActionStatus.planned,
        description=(
            "planned → in_progress | on_hold | cancelled; "
            "in_progress → on_hold | done | cancelled; "
            "on_hold → in_progress | cancelled; done → in_progress; cancelled → planned. "
            "`done` needs progress 100."
        ),
    )
    progress: int = Field(0, ge=0, le=100, description="Percent, entered by people.", examples=[75])
    published: bool = Field(False, description="Visible in the public view.")
    milestones: list[Milestone] = Field(default_factory=list, max_length=100)
    dossier_ids: Annotated[list[uuid.UUID], AfterValidator(_no_duplicates)] = Field(
        default_factory=list, max_length=100, description="Linked signalisation dossiers."
    )


ActionUpdate = partial(ActionCreate, "ActionUpdate")


class ActionPublicRead(ReadBase, SyncRead):
    """An action as the public view shows it: without the links to dossiers."""

    code: str
    title: str
    description: str
    pillar_id: uuid.UUID
    objective_id: uuid.UUID | None
    wse_lr_code: str | None
    bbc_code: str | None
    w13_plan_codes: list[str]
    lead_actor_id: uuid.UUID | None
    partner_ids: list[uuid.UUID]
    parent_id: uuid.UUID | None
    start_date: date
    end_date: date
    accent_years: list[int]
    mvo_themes: list[MvoTheme]
    status: ActionStatus
    progress: int
    progress_rollup: int | None = Field(
        None,
        description="Read-only: mean progress of the direct sub-actions that are not "
        "cancelled; null without such sub-actions. Never replaces `progress`.",
    )
    published: bool
    milestones: list[Milestone]


class ActionRead(ActionPublicRead):
    dossier_ids: list[uuid.UUID] | None = Field(
        None, description="Only for logged-in callers; absent in the public view."
    )


class ActionSort(StrEnum):
    """A list column, `-` before it for descending; the id breaks ties."""

    code_asc = "code"
    code_desc = "-code"
    title_asc = "title"
    title_desc = "-title"
    status_asc = "status"
    status_desc = "-status"
    progress_asc = "progress"
    progress_desc = "-progress"
    end_date_asc = "end_date"
    end_date_desc = "-end_date"
    lead_asc = "lead"
    lead_desc = "-lead"


class ActionFilters(ListParams):
    sort: ActionSort | None = Field(
        None,
        description="Order of the list (default: code). `status` follows the life-cycle "
        "(planned, in progress, on hold, done, cancelled), `lead` the lead's name (actions "
        "without a lead last, first when descending). The cursor carries "
        "the sort, so keep the same `sort` while paging.",
        examples=["-end_date"],
    )
    q: str | None = Field(None, max_length=200, description="Search code, title and description.")
    code: str | None = Field(None, max_length=40)
    pillar: uuid.UUID | None = Field(None, description="Actions of this pillar.")
    objective: uuid.UUID | None = Field(None, description="Actions pursuing this objective.")
    status: ActionStatus | None = None
    lead_actor: uuid.UUID | None = Field(None, description="Actions this actor leads.")
    partner: uuid.UUID | None = Field(None, description="Actions where this actor is a partner.")
    actor: uuid.UUID | None = Field(None, description="Actions this actor leads or partners in.")
    year: Year | None = Field(None, description="Actions running at some time in this year.")
    wse_lr_code: str | None = Field(None, max_length=20, examples=["WSE-LR3"])
    mvo_theme: MvoTheme | None = None
    published: bool | None = None
    parent: uuid.UUID | None = Field(None, description="Sub-actions of this action.")
    late: bool | None = Field(
        None,
        description=(
            "true: neither done nor cancelled, and past the end date or with a milestone past due "
            "and not reached (dates in Belgian time); false: the others."
        ),
    )
