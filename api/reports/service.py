"""The annual report: one year of the regie, gathered in a fixed, small number of queries.

Every section is read with one or two statements that filter on the year in SQL (periods that
overlap it, dates inside it) and aggregate there where counting is enough (attendance), so the
cost follows what happened in the year, not the size of the whole database. What stays in
Python is per-row shaping of rows already fetched (milestones of an action, the transitions of
a dossier), never a query per row."""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, cast, func, literal, or_, select, type_coerce
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from api.actions.schemas import ActionStatus, MvoTheme
from api.actions.service import active_in
from api.agreements.schemas import Regime, VolumeUnit
from api.core.errors import ProblemError
from api.core.permissions import Verb, require
from api.core.principal import Principal, Role
from api.core.types import utcnow
from api.models import (
    Action,
    Actor,
    AgendaProposal,
    Agreement,
    AgreementMunicipality,
    Body,
    Dossier,
    DossierEvent,
    Indicator,
    Measurement,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    Municipality,
    Objective,
    Pillar,
)
from api.reports.i18n import label
from api.reports.schemas import (
    ActionLine,
    AgreementLine,
    AnnualReport,
    Attendance,
    BoardItemLine,
    BodyGroup,
    CheckItem,
    DecisionLine,
    DossierLine,
    EventLine,
    IndicatorLine,
    KeyFigures,
    Language,
    LevelCount,
    MeetingLine,
    MilestoneLine,
    MunicipalityGroup,
    MvoSection,
    MvoThemeGroup,
    PillarGroup,
    Point,
    PriorityGroup,
    ReportLink,
    ReportList,
)

TIMEZONE = ZoneInfo("Europe/Brussels")
RESOURCE = "reports"
MIN_YEAR, MAX_YEAR = 2000, 2100
MVO_THEMES = ("mobiliteit", "werkbaar_werk", "duurzaamheid", "sociaal_aanbesteden")
DOSSIER_LEVELS = ("vlaanderen", "provincie", "europa", "vdab", "federaal", "lokaal")
BODY_KIND_ORDER = {"general_assembly": 0, "action_group": 1, "workgroup": 2, "event": 3}
MINUTES_EXCERPT = 400  # characters read from the database; the excerpt is cut at a word
EXCERPT_WORDS = 280


# --- who may ---------------------------------------------------------------------------------


def may_read(principal: Principal) -> Principal:
    """Refuse callers without the report's read cell (401 anonymous, 403 other roles)."""
    require(principal, RESOURCE, Verb.read)
    return principal


def internal_for(principal: Principal, asked: bool | None) -> bool:
    """W13 gets the internal notes unless it asks for the shareable version; others never."""
    if principal.role is Role.w13:
        return True if asked is None else asked
    if asked:
        raise ProblemError(403, "report_internal")
    return False


# --- the year --------------------------------------------------------------------------------


def _bounds(year: int) -> tuple[date, date, datetime, datetime]:
    """First and last day, and the UTC instants of the year's start and end in Belgium."""
    start_utc = datetime(year, 1, 1, tzinfo=TIMEZONE).astimezone(UTC)
    end_utc = datetime(year + 1, 1, 1, tzinfo=TIMEZONE).astimezone(UTC)
    return date(year, 1, 1), date(year, 12, 31), start_utc, end_utc


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _local_day(moment: datetime) -> date:
    return moment.astimezone(TIMEZONE).date()


def available_years(session: Session) -> ReportList:
    """The years the plan's actions span (at least the current year)."""
    first, last = session.execute(
        select(func.min(Action.start_date), func.max(Action.end_date))
    ).one()
    now = datetime.now(TIMEZONE).year
    lo = _as_date(first).year if first else now
    hi = _as_date(last).year if last else now
    lo, hi = max(min(lo, now), MIN_YEAR), min(max(hi, now), MAX_YEAR)
    return ReportList(
        items=[
            ReportLink(kind="annual", year=y, href=f"/api/v1/reports/annual/{y}")
            for y in range(hi, lo - 1, -1)
        ]
    )


# --- actions ---------------------------------------------------------------------------------


def _raw(column: Any) -> Any:
    """A JSON column as its text, on every database, so it is parsed only when it can hold
    what is looked for (psycopg would parse every document of the year's actions: seconds)."""
    return cast(column, String)


def _json(value: Any, needle: str) -> list[Any]:
    """A JSON list column read with `_raw`; text without `needle` cannot hold what is looked
    for and is not parsed."""
    if isinstance(value, str):
        if needle not in value:
            return []
        value = json.loads(value)
    return value if isinstance(value, list) else []


def _actions(session: Session, year: int) -> list[ActionLine]:
    first, last, _, _ = _bounds(year)
    lead, parent = aliased(Actor), aliased(Action)
    rows = session.execute(
        select(
            Action.id,
            Action.code,
            Action.title,
            Pillar.code,
            Objective.code,
            Action.wse_lr_code,
            parent.code,
            lead.name,
            Action.status,
            Action.progress,
            Action.start_date,
            Action.end_date,
            _raw(Action.accent_years),
            _raw(Action.mvo_themes),
            _raw(Action.milestones),
        )
        .join(Pillar, col(Pillar.id) == col(Action.pillar_id))
        .outerjoin(Objective, col(Objective.id) == col(Action.objective_id))
        .outerjoin(lead, col(lead.id) == col(Action.lead_actor_id))
        .outerjoin(parent, col(parent.id) == col(Action.parent_id))
        .where(active_in(year))
        .order_by(col(Action.code))
    ).all()
    out = []
    for (
        id_,
        code,
        title,
        pillar,
        objective,
        wse,
        parent_code,
        lead_name,
        status,
        progress,
        start,
        end,
        accents,
        themes,
        milestones,
    ) in rows:
        reached = []
        # Most actions reached nothing this year: their milestones are not even parsed.
        for m in _json(milestones, f'"{year}-'):
            done = _as_date(m.get("done_on")) if isinstance(m, dict) else None
            if done is not None and first <= done <= last:
                reached.append(
                    MilestoneLine(
                        title=str(m.get("title", "")),
                        due_date=_as_date(m.get("due_date")),
                        done_on=done,
                    )
                )
        reached.sort(key=lambda m: m.done_on)
        out.append(
            ActionLine(
                id=id_,
                code=code,
                title=title,
                pillar_code=pillar,
                objective_code=objective,
                wse_lr_code=wse,
                parent_code=parent_code,
                lead_actor=lead_name,
                status=ActionStatus(status),
                progress=progress,
                start_date=start,
                end_date=end,
                accent=year in _json(accents, str(year)),
                mvo_themes=[MvoTheme(t) for t in _json(themes, '"') if t in MVO_THEMES],
                milestones_reached=reached,
            )
        )
    return out


def _pillars(session: Session) -> list[Pillar]:
    return list(session.scalars(select(Pillar).order_by(col(Pillar.sort_order), col(Pillar.code))))


# --- meetings --------------------------------------------------------------------------------


def _excerpt(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    if len(text) <= EXCERPT_WORDS:
        return text
    cut = text[:EXCERPT_WORDS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def _bodies(session: Session, year: int, internal: bool) -> list[BodyGroup]:
    _, _, start, end = _bounds(year)
    held = (
        (col(Meeting.status) == "held")
        & (col(Meeting.starts_at) >= start)
        & (col(Meeting.starts_at) < end)
    )
    held_ids = select(Meeting.id).where(held)
    minutes = func.substr(Meeting.minutes, 1, MINUTES_EXCERPT) if internal else literal(None)
    meetings = session.execute(
        select(
            Meeting.id, Meeting.body_id, Meeting.title, Meeting.starts_at, Meeting.location, minutes
        )
        .where(held)
        .order_by(col(Meeting.starts_at), col(Meeting.id))
    ).all()
    counts: dict[uuid.UUID, Attendance] = defaultdict(Attendance)
    for meeting_id, status, n in session.execute(
        select(MeetingAttendance.meeting_id, MeetingAttendance.status, func.count())
        .where(col(MeetingAttendance.meeting_id).in_(held_ids))
        .group_by(col(MeetingAttendance.meeting_id), col(MeetingAttendance.status))
    ):
        if status in ("present", "excused", "absent"):
            setattr(counts[meeting_id], status, int(n))
    decisions: dict[uuid.UUID, list[DecisionLine]] = defaultdict(list)
    for meeting_id, text, action_code, dossier_code, due in session.execute(
        select(
            MeetingDecision.meeting_id,
            MeetingDecision.text,
            Action.code,
            Dossier.code,
            MeetingDecision.due_date,
        )
        .outerjoin(Action, col(Action.id) == col(MeetingDecision.action_id))
        .outerjoin(Dossier, col(Dossier.id) == col(MeetingDecision.dossier_id))
        .where(col(MeetingDecision.meeting_id).in_(held_ids))
        .order_by(col(MeetingDecision.meeting_id), col(MeetingDecision.position))
    ):
        decisions[meeting_id].append(
            DecisionLine(
                text=text, action_code=action_code, dossier_code=dossier_code, due_date=due
            )
        )
    per_body: dict[uuid.UUID, list[MeetingLine]] = defaultdict(list)
    for id_, body_id, title, starts_at, location, minutes_text in meetings:
        per_body[body_id].append(
            MeetingLine(
                id=id_,
                date=_local_day(starts_at),
                title=title,
                location=location,
                attendance=counts.get(id_, Attendance()),
                decisions=decisions.get(id_, []),
                minutes_excerpt=_excerpt(minutes_text) if internal else None,
            )
        )
    bodies = session.execute(select(Body.id, Body.code, Body.name, Body.kind)).all()
    out = []
    for body_id, code, name, kind in sorted(
        bodies, key=lambda b: (BODY_KIND_ORDER.get(b.kind, 9), b.name)
    ):
        lines = per_body.get(body_id, [])
        total = Attendance(
            present=sum(m.attendance.present for m in lines),
            excused=sum(m.attendance.excused for m in lines),
            absent=sum(m.attendance.absent for m in lines),
        )
        out.append(
            BodyGroup(
                code=code,
                name=name,
                kind=kind,
                meetings_held=len(lines),
                attendance=total,
                meetings=lines,
            )
        )
    return out


# --- agenda items carried to W13's board ------------------------------------------------------


def _board_items(session: Session, year: int) -> list[BoardItemLine]:
    first, last, start, end = _bounds(year)
    in_year = ((col(Meeting.starts_at) >= start) & (col(Meeting.starts_at) < end)) | (
        (col(AgendaProposal.board_handled_on) >= first)
        & (col(AgendaProposal.board_handled_on) <= last)
    )
    rows = session.execute(
        select(AgendaProposal, Meeting.title, Meeting.starts_at, Body.name, Actor.name)
        .join(Meeting, col(Meeting.id) == col(AgendaProposal.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .outerjoin(Actor, col(Actor.id) == col(AgendaProposal.proposer_actor_id))
        .where(
            col(AgendaProposal.to_board).is_(True),
            # A moved item goes on as its copy at the later meeting; a declined one never
            # reached the board.
            col(AgendaProposal.status).in_(("proposed", "accepted")),
            in_year,
        )
        .order_by(col(Meeting.starts_at), col(AgendaProposal.created_at))
    ).all()
    return [
        BoardItemLine(
            title=p.title,
            body=body,
            meeting_date=_local_day(starts_at),
            meeting_title=meeting_title,
            proposer=proposer,
            status=p.status,
            board_handled_on=p.board_handled_on,
            board_answer=p.board_answer,
        )
        for p, meeting_title, starts_at, body, proposer in rows
    ]


# --- dossiers --------------------------------------------------------------------------------

# Status changes made through the API carry "Status: <old> → <new>"; older records (and the
# seeded plan) describe the step in Dutch words, which these keywords recognise.
_ARROW = re.compile(r"(?:→|->)\s*([a-z_]+)\s*\.?\s*$")
_KEYWORDS = (
    ("afgesloten", "closed"),
    ("gesloten", "closed"),
    ("heropend", "open"),
    ("beantwoord", "answered"),
    ("gesignaleerd", "signalled"),
    ("agenda", "on_agenda"),
)


def transition_to(text: str) -> str | None:
    """The status a status-change event moved the dossier to, read from its text."""
    match = _ARROW.search(text)
    if match:
        return match.group(1)
    lowered = text.lower()
    for word, status in _KEYWORDS:
        if word in lowered:
            return status
    return None


MILESTONE_OF_KIND = {"signalled": "signalled", "answer": "answered"}


def _dossiers(session: Session, year: int, internal: bool) -> list[DossierLine]:
    first_day, last_day, start, end = _bounds(year)
    in_year = (col(DossierEvent.date) >= first_day) & (col(DossierEvent.date) <= last_day)
    first = (
        select(DossierEvent.dossier_id, func.min(DossierEvent.date).label("first"))
        .group_by(col(DossierEvent.dossier_id))
        .subquery()
    )
    events: dict[uuid.UUID, list[tuple[date, str, str]]] = defaultdict(list)
    for dossier_id, day, kind, text in session.execute(
        select(DossierEvent.dossier_id, DossierEvent.date, DossierEvent.kind, DossierEvent.text)
        .where(in_year)
        .order_by(
            col(DossierEvent.dossier_id), col(DossierEvent.date), col(DossierEvent.created_at)
        )
    ):
        events[dossier_id].append((day, kind, text))
    raiser = aliased(Actor)
    evidence = Dossier.evidence_summary if internal else literal(None)
    rows = session.execute(
        select(
            Dossier.id,
            Dossier.code,
            Dossier.title,
            Dossier.theme,
            Dossier.level,
            Dossier.status,
            raiser.name,
            Dossier.created_at,
            first.c.first,
            evidence,
        )
        .outerjoin(first, first.c.dossier_id == col(Dossier.id))
        .outerjoin(raiser, col(raiser.id) == col(Dossier.raised_by_id))
        .where(
            or_(
                col(Dossier.id).in_(select(DossierEvent.dossier_id).where(in_year)),
                and_(first.c.first >= first_day, first.c.first <= last_day),
                and_(col(Dossier.created_at) >= start, col(Dossier.created_at) < end),
            )
        )
        .order_by(col(Dossier.code))
    ).all()
    out = []
    for (
        id_,
        code,
        title,
        theme,
        level,
        status,
        raised_by,
        created_at,
        first_event,
        evidence_text,
    ) in rows:
        opened = min(d for d in (_as_date(first_event), _local_day(created_at)) if d)
        steps: dict[str, date] = {}
        if first_day <= opened <= last_day:
            steps["open"] = opened
        for day, kind, text in events.get(id_, []):
            step = MILESTONE_OF_KIND.get(kind)
            if kind == "status_change":
                step = transition_to(text)
            if step is not None:
                steps.setdefault(step, day)
        if not steps.keys() & {"open", "on_agenda", "signalled", "answered", "closed"}:
            continue
        out.append(
            DossierLine(
                code=code,
                title=title,
                theme=theme,
                level=level,
                status=status,
                raised_by=raised_by,
                opened_on=steps.get("open"),
                on_agenda_on=steps.get("on_agenda"),
                signalled_on=steps.get("signalled"),
                answered_on=steps.get("answered"),
                closed_on=steps.get("closed"),
                evidence_summary=evidence_text if internal else None,
                events=[EventLine(date=d, kind=k, text=t) for d, k, t in events.get(id_, [])]
                if internal
                else None,
            )
        )
    return out


def _levels(dossiers: Iterable[DossierLine]) -> list[LevelCount]:
    counts = {
        lv: LevelCount(level=lv, opened=0, on_agenda=0, signalled=0, answered=0, closed=0)
        for lv in DOSSIER_LEVELS
    }
    for d in dossiers:
        c = counts.setdefault(
            d.level,
            LevelCount(level=d.level, opened=0, on_agenda=0, signalled=0, answered=0, closed=0),
        )
        c.opened += d.opened_on is not None
        c.on_agenda += d.on_agenda_on is not None
        c.signalled += d.signalled_on is not None
        c.answered += d.answered_on is not None
        c.closed += d.closed_on is not None
    return list(counts.values())


# --- agreements ------------------------------------------------------------------------------


def _municipalities(session: Session, year: int) -> list[MunicipalityGroup]:
    first, last, _, _ = _bounds(year)
    active = (col(Agreement.start_date) <= last) & (col(Agreement.end_date) >= first)
    per_nis: dict[str, list[AgreementLine]] = defaultdict(list)
    lines: dict[Any, AgreementLine] = {}  # an agreement of several municipalities, built once
    for (
        nis,
        id_,
        title,
        service,
        provider,
        regime,
        start,
        end,
        amount,
        volume,
        unit,
    ) in session.execute(
        select(
            AgreementMunicipality.municipality,
            Agreement.id,
            Agreement.title,
            Agreement.service,
            Actor.name,
            Agreement.regime,
            Agreement.start_date,
            Agreement.end_date,
            Agreement.compensation_amount,
            Agreement.volume,
            Agreement.volume_unit,
        )
        .join(Agreement, col(Agreement.id) == col(AgreementMunicipality.agreement_id))
        .join(Actor, col(Actor.id) == col(Agreement.provider_id))
        .where(active)
        .order_by(
            col(AgreementMunicipality.municipality), col(Agreement.start_date), col(Agreement.title)
        )
    ):
        line = lines.get(id_)
        if line is None:
            line = lines[id_] = AgreementLine(
                id=id_,
                title=title,
                service=service,
                provider=provider,
                regime=Regime(regime),
                start_date=start,
                end_date=end,
                compensation_amount=amount,
                volume=volume,
                volume_unit=VolumeUnit(unit) if unit else None,
            )
        per_nis[nis].append(line)
    valid = (col(Municipality.valid_from) <= last) & or_(
        col(Municipality.valid_to).is_(None), col(Municipality.valid_to) >= first
    )
    with_agreement = (
        select(AgreementMunicipality.municipality)
        .join(Agreement, col(Agreement.id) == col(AgreementMunicipality.agreement_id))
        .where(active)
    )
    names = session.execute(
        select(Municipality.nis_code, Municipality.name_nl)
        .where(
            or_(
                valid & col(Municipality.w13_member), col(Municipality.nis_code).in_(with_agreement)
            )
        )
        .order_by(col(Municipality.name_nl))
    ).all()
    return [
        MunicipalityGroup(
            nis_code=nis,
            name=name,
            agreements=per_nis.get(nis, []),
            compensation_total=sum(
                (a.compensation_amount or Decimal(0) for a in per_nis.get(nis, [])), Decimal(0)
            ),
        )
        for nis, name in names
    ]


# --- indicators ------------------------------------------------------------------------------


def _reached(baseline: Decimal | None, target: Decimal | None, last: Decimal | None) -> bool | None:
    if target is None or last is None:
        return None
    if baseline is not None and target < baseline:  # a figure that should go down
        return last <= target
    return last >= target


def _indicators(session: Session, year: int) -> list[IndicatorLine]:
    first, last, _, _ = _bounds(year)

    def before(column: Any) -> Any:
        # One index seek per indicator on (indicator_id, date): the last value before the year.
        return (
            select(column)
            .where(
                col(Measurement.indicator_id) == col(Indicator.id), col(Measurement.date) < first
            )
            .order_by(col(Measurement.date).desc())
            .limit(1)
            .scalar_subquery()
        )

    values: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # Ids are only matched with each other here: read as the database gives them (no UUID
    # objects for a hundred thousand rows); dates likewise, parsed by `_as_date`. The points
    # stay plain dicts until their indicator's line validates them all at once (a Point built
    # one by one costs ten times more).
    raw_id = type_coerce(Measurement.indicator_id, String)
    for indicator_id, day, value, source in session.execute(
        select(
            raw_id,
            type_coerce(Measurement.date, String),
            Measurement.value,
            Measurement.data_source,
        )
        .where(col(Measurement.date) >= first, col(Measurement.date) <= last)
        .order_by(col(Measurement.indicator_id), col(Measurement.date))
    ):
        values[indicator_id].append({"date": _as_date(day), "value": value, "data_source": source})
    columns: list[Any] = [
        type_coerce(Indicator.id, String),
        Indicator.code,
        Indicator.name,
        Indicator.unit,
        Indicator.kind,
        Indicator.geography,
        Action.code,
        Indicator.baseline_value,
        Indicator.baseline_date,
        Indicator.target_value,
        Indicator.target_date,
        before(Measurement.date),
        before(Measurement.value),
        before(Measurement.data_source),
    ]
    rows = session.execute(
        select(*columns)
        .outerjoin(Action, col(Action.id) == col(Indicator.action_id))
        .order_by(col(Indicator.kind), col(Indicator.code))
    ).all()
    out = []
    for (
        id_,
        code,
        name,
        unit,
        kind,
        geography,
        action_code,
        baseline,
        baseline_date,
        target,
        target_date,
        prev_date,
        prev_value,
        prev_source,
    ) in rows:
        series = values.get(id_, [])
        prev = None
        if prev_date is not None and prev_value is not None:
            prev = Point(
                date=_as_date(prev_date), value=Decimal(str(prev_value)), data_source=prev_source
            )
        out.append(
            IndicatorLine(
                code=code,
                name=name,
                unit=unit,
                kind=kind,
                geography=geography,
                action_code=action_code,
                baseline_value=baseline,
                baseline_date=baseline_date,
                target_value=target,
                target_date=target_date,
                previous=prev,
                values=series,
                target_reached=_reached(baseline, target, series[-1]["value"] if series else None),
            )
        )
    return out


# --- the whole report ------------------------------------------------------------------------


def build_annual_report(
    session: Session, year: int, *, internal: bool, language: Language = Language.nl
) -> AnnualReport:
    """Gather one year of the regie."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        ctx = {"min": MIN_YEAR, "max": MAX_YEAR}
        raise ProblemError(
            422, "report_year.detail", ctx, errors=[(("path", "year"), "report_year", ctx)]
        )
    pillars = _pillars(session)
    actions = _actions(session, year)
    by_pillar: dict[str, list[ActionLine]] = defaultdict(list)
    by_priority: dict[str, list[str]] = defaultdict(list)
    for a in actions:
        by_pillar[a.pillar_code].append(a)
        if a.wse_lr_code:
            by_priority[a.wse_lr_code].append(a.code)
    plan = [p for p in pillars if p.framework == "actieplan"]
    priorities = [p for p in pillars if p.framework == "vlaams_kader"]
    known = {p.code for p in plan}
    groups = [
        PillarGroup(code=p.code, title=p.title, actions=by_pillar.get(p.code, [])) for p in plan
    ]
    # An action under a pillar of another framework still belongs in the report.
    groups += [
        PillarGroup(code=code, title=code, actions=lines)
        for code, lines in sorted(by_pillar.items())
        if code not in known
    ]

    themes = [
        MvoThemeGroup(
            theme=theme,
            action_codes=[a.code for a in actions if theme in a.mvo_themes],
            accent_action_codes=[a.code for a in actions if theme in a.mvo_themes and a.accent],
        )
        for theme in MVO_THEMES
    ]
    mvo = MvoSection(themes=themes, accent_action_codes=[a.code for a in actions if a.accent])
    mvo_impulses = {a.code for a in actions if a.mvo_themes and a.accent}

    checklist = [
        CheckItem(
            code=p.code,
            title=p.title,
            action_count=len(by_priority.get(p.code, [])),
            ok=bool(by_priority.get(p.code)),
        )
        for p in priorities
    ]
    checklist.append(
        CheckItem(
            code="MVO",
            title=label("check.mvo", language),
            action_count=len(mvo_impulses),
            ok=bool(mvo_impulses),
        )
    )

    bodies = _bodies(session, year, internal)
    board_items = _board_items(session, year)
    dossiers = _dossiers(session, year, internal)
    municipalities = _municipalities(session, year)
    indicators = _indicators(session, year)
    agreement_ids = {a.id for m in municipalities for a in m.agreements}
    figures = KeyFigures(
        actions_active=len(actions),
        milestones_reached=sum(len(a.milestones_reached) for a in actions),
        mvo_actions=sum(1 for a in actions if a.mvo_themes),
        meetings_held=sum(b.meetings_held for b in bodies),
        decisions=sum(len(m.decisions) for b in bodies for m in b.meetings),
        dossiers_with_activity=len(dossiers),
        agreements_active=len(agreement_ids),
        municipalities_with_agreement=sum(1 for m in municipalities if m.agreements),
        indicators=len(indicators),
        indicators_with_values=sum(1 for i in indicators if i.values),
        priorities_without_action=sum(1 for c in checklist if not c.ok and c.code != "MVO"),
    )
    return AnnualReport(
        year=year,
        language=language,
        internal=internal,
        generated_at=utcnow(),
        key_figures=figures,
        checklist=checklist,
        pillars=groups,
        priorities=[
            PriorityGroup(code=p.code, title=p.title, action_codes=by_priority.get(p.code, []))
            for p in priorities
        ],
        actions_without_priority=[a.code for a in actions if not a.wse_lr_code],
        mvo=mvo,
        bodies=bodies,
        board_items=board_items,
        dossiers=dossiers,
        dossier_levels=_levels(dossiers),
        municipalities=municipalities,
        indicators=indicators,
    )
