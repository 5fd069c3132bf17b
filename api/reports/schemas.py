"""The annual report as structured data: what every format (JSON, HTML, PDF, spreadsheet)
renders. Enum values stay codes here; the renderers translate them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from api.actions.schemas import ActionStatus, MvoTheme
from api.agreements.schemas import Regime, VolumeUnit
from api.core.types import JSONDecimal
from api.dossiers.schemas import DossierLevel, DossierStatus, DossierTheme, EventKind
from api.indicators.schemas import Geography, IndicatorKind
from api.meetings.schemas import BodyKind
from api.proposals.schemas import ProposalStatus

Day = date  # for fields named `date`, whose name would hide the type


class Language(StrEnum):
    nl = "nl"
    fr = "fr"
    en = "en"


class ReportFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


class KeyFigures(BaseModel):
    actions_active: int = Field(description="Actions whose period overlaps the year.")
    milestones_reached: int = Field(description="Milestones with `done_on` in the year.")
    mvo_actions: int = Field(description="Active actions carrying at least one MVO theme.")
    meetings_held: int
    decisions: int
    dossiers_with_activity: int = Field(
        description="Dossiers opened, put on the agenda, signalled, answered or closed in the year."
    )
    agreements_active: int
    municipalities_with_agreement: int
    indicators: int
    indicators_with_values: int = Field(description="Indicators measured in the year.")
    priorities_without_action: int = Field(description="WSE-LR priorities flagged below.")


class MilestoneLine(BaseModel):
    title: str
    due_date: date | None = None
    done_on: date


class ActionLine(BaseModel):
    id: uuid.UUID
    code: str = Field(examples=["A15"])
    title: str
    pillar_code: str = Field(examples=["3.3.2"])
    objective_code: str | None = Field(None, examples=["3.3.2.2"])
    wse_lr_code: str | None = Field(None, examples=["WSE-LR2"])
    parent_code: str | None = None
    lead_actor: str | None = Field(None, description="Name of the lead actor.")
    status: ActionStatus
    progress: int = Field(ge=0, le=100)
    start_date: date
    end_date: date
    accent: bool = Field(description="The year is one of the action's accent years.")
    mvo_themes: list[MvoTheme]
    milestones_reached: list[MilestoneLine] = Field(
        description="Milestones done in the year, by date."
    )


class PillarGroup(BaseModel):
    """An action-plan pillar and its actions active in the year."""

    code: str = Field(examples=["3.3.2"])
    title: str
    actions: list[ActionLine]


class PriorityGroup(BaseModel):
    """A priority of the Flemish framework (WSE-LR) and the codes of its actions."""

    code: str = Field(examples=["WSE-LR2"])
    title: str
    action_codes: list[str]


class MvoThemeGroup(BaseModel):
    theme: MvoTheme
    action_codes: list[str] = Field(description="Active actions carrying the theme.")
    accent_action_codes: list[str] = Field(description="Those of them with an accent on the year.")


class MvoSection(BaseModel):
    themes: list[MvoThemeGroup] = Field(description="Every MVO theme, also when unused.")
    accent_action_codes: list[str] = Field(
        description="Every action with an accent on the year (with or without MVO theme)."
    )


class Attendance(BaseModel):
    present: int = 0
    excused: int = 0
    absent: int = 0


class DecisionLine(BaseModel):
    text: str
    action_code: str | None = None
    dossier_code: str | None = None
    due_date: date | None = None


class MeetingLine(BaseModel):
    id: uuid.UUID
    date: Day = Field(description="Day the meeting started (Belgian time).")
    title: str
    location: str | None = None
    attendance: Attendance
    decisions: list[DecisionLine]
    minutes_excerpt: str | None = Field(
        None, description="Start of the minutes. Internal: only in W13's version."
    )


class BodyGroup(BaseModel):
    code: str = Field(examples=["rose-av"])
    name: str
    kind: BodyKind
    meetings_held: int
    attendance: Attendance = Field(description="Totals over the body's meetings of the year.")
    meetings: list[MeetingLine]


class BoardItemLine(BaseModel):
    """An agenda item ROSE carries to W13's board, and what the board answered."""

    title: str
    body: str = Field(description="The body whose meeting took the item.")
    meeting_date: date = Field(description="Day of that meeting (Belgian time).")
    meeting_title: str
    proposer: str | None = Field(None, description="The proposing actor.")
    status: ProposalStatus
    board_handled_on: date | None = Field(None, description="Null: not handled yet.")
    board_answer: str | None = None


class EventLine(BaseModel):
    date: Day
    kind: EventKind
    text: str


class DossierLine(BaseModel):
    code: str = Field(examples=["SIG-02"])
    title: str
    theme: DossierTheme
    level: DossierLevel = Field(description="The level of government addressed.")
    status: DossierStatus = Field(description="Status today.")
    raised_by: str | None = None
    opened_on: date | None = Field(
        None, description="Set when opened (first event, or created, or reopened) in the year."
    )
    on_agenda_on: date | None = Field(None, description="Set when put on the agenda in the year.")
    signalled_on: date | None = Field(None, description="Set when signalled in the year.")
    answered_on: date | None = Field(None, description="Set when answered in the year.")
    closed_on: date | None = Field(None, description="Set when closed in the year.")
    evidence_summary: str | None = Field(None, description="Internal: only in W13's version.")
    events: list[EventLine] | None = Field(
        None, description="The year's timeline. Internal: only in W13's version."
    )


class LevelCount(BaseModel):
    level: DossierLevel
    opened: int
    on_agenda: int
    signalled: int
    answered: int
    closed: int


class AgreementLine(BaseModel):
    id: uuid.UUID
    title: str
    service: str
    provider: str
    regime: Regime
    start_date: date
    end_date: date
    compensation_amount: JSONDecimal | None = Field(None, description="EUR per year.")
    volume: JSONDecimal | None = None
    volume_unit: VolumeUnit | None = None


class MunicipalityGroup(BaseModel):
    nis_code: str = Field(examples=["34022"])
    name: str
    agreements: list[AgreementLine] = Field(description="Empty: no agreement that year.")
    compensation_total: JSONDecimal = Field(description="Sum of the yearly compensations.")


class Point(BaseModel):
    date: Day
    value: JSONDecimal
    data_source: str | None = None


class IndicatorLine(BaseModel):
    code: str = Field(examples=["IND-A08-DAEB-GEMEENTEN"])
    name: str
    unit: str
    kind: IndicatorKind
    geography: Geography | None = None
    action_code: str | None = None
    baseline_value: JSONDecimal | None = None
    baseline_date: date | None = None
    target_value: JSONDecimal | None = None
    target_date: date | None = None
    previous: Point | None = Field(None, description="The last value before the year.")
    values: list[Point] = Field(description="The year's measurements, by date.")
    target_reached: bool | None = Field(
        None, description="The year's last value reaches the target (null: cannot tell)."
    )


class CheckItem(BaseModel):
    code: str = Field(examples=["WSE-LR4"], description="A WSE-LR code, or `MVO`.")
    title: str
    action_count: int
    ok: bool = Field(description="False flags a priority without an action that year.")


class AnnualReport(BaseModel):
    """What the regie did in one year, for ROSE and for the Flemish government."""

    year: int = Field(examples=[2024])
    language: Language = Field(description="The language labels were asked in (data is Dutch).")
    internal: bool = Field(description="True when W13's internal notes are included.")
    generated_at: datetime
    key_figures: KeyFigures
    checklist: list[CheckItem] = Field(
        description="One line per WSE-LR priority (at least one action each year), and MVO."
    )
    pillars: list[PillarGroup]
    priorities: list[PriorityGroup]
    actions_without_priority: list[str] = Field(description="Codes of actions with no WSE-LR.")
    mvo: MvoSection
    bodies: list[BodyGroup] = Field(description="Bodies with the meetings they held.")
    board_items: list[BoardItemLine] = Field(
        default_factory=list,
        description="Agenda items marked for W13's board (not declined): those of the year's "
        "meetings and those the board handled in the year, by meeting date.",
    )
    dossiers: list[DossierLine] = Field(
        description="Dossiers opened, put on the agenda, signalled, answered or closed in the year."
    )
    dossier_levels: list[LevelCount] = Field(description="The same, counted per level.")
    municipalities: list[MunicipalityGroup] = Field(
        description="W13 municipalities and any other with an agreement active in the year."
    )
    indicators: list[IndicatorLine]


class ReportLink(BaseModel):
    kind: str = Field(examples=["annual"])
    year: int = Field(examples=[2024])
    href: str = Field(examples=["/api/v1/reports/annual/2024"])


class ReportList(BaseModel):
    items: list[ReportLink]
    next_cursor: str | None = None
