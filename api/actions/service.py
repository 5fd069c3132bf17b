"""Actions of the plan: who does what, when, how far it got, and what it links to.

The rules a coordinator would check by hand live here: an action sits under an action-plan
pillar (and an objective of that pillar), reports to a Flemish-framework priority by its code,
moves through its life-cycle one allowed step at a time, and never becomes its own ancestor.
`progress` is what people enter; `progress_rollup` is only shown beside it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    ColumnElement,
    String,
    case,
    cast,
    exists,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import literal
from sqlmodel import Session, col

from api.actions.schemas import (
    ActionCreate,
    ActionFilters,
    ActionPublicRead,
    ActionRead,
    ActionStatus,
    ActionUpdate,
)
from api.core import i18n
from api.core.bulk import info_of, lookup, session_of
from api.core.errors import FieldErrorSpec, ProblemError
from api.core.models import Record
from api.core.permissions import Cond
from api.core.principal import Principal
from api.core.resource import Clause, Collection, Resource, Visibility
from api.core.schemas import check_period, check_sync_pair
from api.core.unitofwork import changed, load_where
from api.models.action import Action, ActionDossier, ActionPartner
from api.models.actor import Actor
from api.models.indicator import Indicator
from api.models.meeting import MeetingDecision
from api.models.plan import Objective, Pillar
from api.plan.schemas import Framework

S = ActionStatus
TRANSITIONS: dict[ActionStatus, tuple[ActionStatus, ...]] = {
    S.planned: (S.in_progress, S.on_hold, S.cancelled),
    S.in_progress: (S.on_hold, S.done, S.cancelled),
    S.on_hold: (S.in_progress, S.cancelled),
    S.done: (S.in_progress,),  # reopened
    S.cancelled: (S.planned,),
}
CLOSED = (S.done.value, S.cancelled.value)
MAX_DEPTH = 50  # sub-actions nest a level or two; a longer chain is bad data, not a plan
TIMEZONE = ZoneInfo("Europe/Brussels")

Errors = list[FieldErrorSpec]

# Issue 13 §4: the action's rule texts (statuses by their labels, api/reports/i18n.py).
i18n.register(
    {
        "action_pillar_framework": {
            "nl": "Pijler {pillar} hoort bij het kader {framework}; een actie hoort onder een "
            "pijler van het actieplan (geef de prioriteit als wse_lr_code).",
            "fr": "Le pilier {pillar} relève du cadre {framework} ; une action se place sous un "
            "pilier du plan d'action (indiquez la priorité comme wse_lr_code).",
            "en": "Pillar {pillar} belongs to the `{framework}` framework; an action sits under "
            "an `actieplan` pillar (give the priority as wse_lr_code).",
        },
        "action_objective_pillar": {
            "nl": "Doelstelling {objective} hoort niet bij pijler {pillar}.",
            "fr": "L'objectif {objective} n'appartient pas au pilier {pillar}.",
            "en": "Objective {objective} does not belong to pillar {pillar}.",
        },
        "action_wse_lr_code": {
            "nl": "Geen code van een pijler van het Vlaamse kader (gekend: {known}).",
            "fr": "Ce n'est pas le code d'un pilier du cadre flamand (connus : {known}).",
            "en": "Not the code of a `vlaams_kader` pillar (known: {known}).",
        },
        "action_transition": {
            "nl": "Een actie kan niet van {from:term.action_status} naar "
            "{to:term.action_status}; vanuit {from:term.action_status} kan ze naar "
            "{allowed:term.action_status}.",
            "fr": "Une action ne peut pas passer de {from:term.action_status} à "
            "{to:term.action_status} ; depuis {from:term.action_status}, elle peut passer à "
            "{allowed:term.action_status}.",
            "en": "An action cannot go from {from} to {to}; from {from} it can go to {allowed}.",
        },
        "action_done_progress": {
            "nl": "Een afgeronde actie heeft voortgang 100 (nu {progress}); zet de voortgang "
            "mee op 100, of laat de actie lopen.",
            "fr": "Une action terminée a un avancement de 100 (actuellement {progress}) ; "
            "mettez l'avancement à 100 en même temps, ou laissez l'action en cours.",
            "en": "A done action has progress 100 (it is {progress}); set progress to 100 with "
            "it, or keep the action in progress.",
        },
        "action_accent_year": {
            "nl": "{year} valt buiten de looptijd van de actie ({start}–{end}).",
            "fr": "{year} se situe hors de la période de l'action ({start}–{end}).",
            "en": "{year} lies outside the action's period ({start}–{end}).",
        },
        "action_lead_partner": {
            "nl": "De trekker is niet ook partner.",
            "fr": "Le porteur n'est pas aussi partenaire.",
            "en": "The lead actor is not also a partner.",
        },
        "action_own_parent": {
            "nl": "Een actie kan niet haar eigen deelactie zijn.",
            "fr": "Une action ne peut pas être sa propre sous-action.",
            "en": "An action cannot be its own sub-action.",
        },
        "action_parent_cycle": {
            "nl": "Die actie is al een deelactie van deze; dit zou een kringloop maken.",
            "fr": "Cette action est déjà une sous-action de celle-ci ; cela créerait un cycle.",
            "en": "That action is already a sub-action of this one; this would make a cycle.",
        },
        "action_parent_depth": {
            "nl": "Deelacties gaan hoogstens {max_depth} niveaus diep.",
            "fr": "Les sous-actions s'imbriquent sur {max_depth} niveaux au plus.",
            "en": "Sub-actions nest at most {max_depth} levels deep.",
        },
        "action_in_use": {
            "nl": "Naar actie {code} verwijzen nog {uses:counts}; verplaats of verwijder die "
            "eerst.",
            "fr": "L'action {code} est encore référencée par {uses:counts} ; déplacez-les ou "
            "supprimez-les d'abord.",
            "en": "Action {code} still has {uses:counts} pointing to it; move or delete them "
            "first.",
        },
        "term.count.sub_action": {
            "nl": "deelactie|deelacties",
            "fr": "sous-action|sous-actions",
            "en": "sub-action|sub-actions",
        },
        "term.count.indicator": {
            "nl": "indicator|indicatoren",
            "fr": "indicateur|indicateurs",
            "en": "indicator|indicators",
        },
        "term.count.decision": {
            "nl": "vergaderbeslissing|vergaderbeslissingen",
            "fr": "décision de réunion|décisions de réunion",
            "en": "meeting decision|meeting decisions",
        },
    }
)


# --- permissions and filters -------------------------------------------------------------


def _partner(actor_id: uuid.UUID) -> Clause:
    return exists().where(
        col(ActionPartner.action_id) == col(Action.id), col(ActionPartner.actor_id) == actor_id
    )


def involves(actor_id: uuid.UUID) -> Clause:
    """Actions the actor leads or partners in."""
    return or_(col(Action.lead_actor_id) == actor_id, _partner(actor_id))


def own(principal: Principal) -> Clause:
    return involves(principal.actor_id) if principal.actor_id else false()


def public() -> Clause:
    return col(Action.published) == true()


def active_in(year: int) -> Clause:
    return (col(Action.start_date) <= date(year, 12, 31)) & (
        col(Action.end_date) >= date(year, 1, 1)
    )


class OverdueMilestone(ColumnElement[bool]):
    """True when the action has a milestone due before `day` and not reached.

    Milestones are a JSON array; unnesting it needs each database's own function."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, day: date) -> None:
        self.day = day


def _overdue_parts(element: OverdueMilestone, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    column = compiler.process(Action.__table__.c.milestones, **kw)  # type: ignore[attr-defined]
    day = compiler.process(literal(element.day.isoformat(), String), **kw)
    return column, day


@compiles(OverdueMilestone)
def _overdue_sqlite(element: OverdueMilestone, compiler: SQLCompiler, **kw: Any) -> str:
    column, day = _overdue_parts(element, compiler, **kw)
    # Only compiled SQL goes in: the column name and a bound parameter for the day.
    return (
        f"EXISTS (SELECT 1 FROM json_each({column}) AS ms "  # noqa: S608
        f"WHERE json_extract(ms.value, '$.done_on') IS NULL "
        f"AND json_extract(ms.value, '$.due_date') < {day})"
    )


@compiles(OverdueMilestone, "postgresql")
def _overdue_pg(element: OverdueMilestone, compiler: SQLCompiler, **kw: Any) -> str:
    column, day = _overdue_parts(element, compiler, **kw)
    return (
        f"EXISTS (SELECT 1 FROM jsonb_array_elements({column}) AS ms(value) "  # noqa: S608
        f"WHERE ms.value ->> 'done_on' IS NULL AND ms.value ->> 'due_date' < {day})"
    )


def today() -> date:
    return datetime.now(TIMEZONE).date()


def late(flag: bool) -> Clause:
    day = today()
    clause = col(Action.status).not_in(CLOSED) & or_(
        col(Action.end_date) < day, OverdueMilestone(day)
    )
    return clause if flag else ~clause


def json_has(column: Any, token: str) -> Clause:
    """A JSON array column holds this string (portable: matches the quoted token)."""
    return cast(column, String).contains(f'"{token}"', autoescape=True)


# --- rules -------------------------------------------------------------------------------


def _check_plan_links(session: Session, state: dict[str, Any]) -> Errors:
    errors: Errors = []
    pillar_id = state["pillar_id"]
    pillar = lookup(session, f"pillar {pillar_id}", lambda: session.get(Pillar, pillar_id))
    if pillar is not None and pillar.framework != Framework.actieplan:
        errors.append(
            (
                ("body", "pillar_id"),
                "action_pillar_framework",
                {"pillar": pillar.code, "framework": str(pillar.framework)},
            )
        )
    objective_id = state.get("objective_id")
    if objective_id is not None:
        objective = lookup(
            session, f"objective {objective_id}", lambda: session.get(Objective, objective_id)
        )
        if objective is not None and objective.pillar_id != state["pillar_id"]:
            errors.append(
                (
                    ("body", "objective_id"),
                    "action_objective_pillar",
                    {"objective": objective.code, "pillar": pillar.code if pillar else ""},
                )
            )
    code = state.get("wse_lr_code")
    if code is not None:
        known = lookup(session, "vlaams_kader_codes", lambda: _framework_codes(session))
        if code not in known:
            errors.append((("body", "wse_lr_code"), "action_wse_lr_code", {"known": known}))
    return errors


def _framework_codes(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(col(Pillar.code))
            .where(col(Pillar.framework) == Framework.vlaams_kader.value)
            .order_by(col(Pillar.sort_order), col(Pillar.code))
        )
    )


def _check_status(state: dict[str, Any], existing: Action | None) -> Errors:
    errors: Errors = []
    status = ActionStatus(state["status"])
    was = ActionStatus(existing.status) if existing is not None else None
    if was is not None and status != was and status not in TRANSITIONS[was]:
        errors.append(
            (
                ("body", "status"),
                "action_transition",
                {
                    "from": was.value,
                    "to": status.value,
                    "allowed": [s.value for s in TRANSITIONS[was]],
                },
            )
        )
    elif status is S.done and state["progress"] < 100:
        # Blame the field the caller just changed: status when closing, progress afterwards.
        field = "progress" if was is S.done else "status"
        errors.append((("body", field), "action_done_progress", {"progress": state["progress"]}))
    return errors


def _check_period(state: dict[str, Any]) -> Errors:
    start, end = state["start_date"], state["end_date"]
    errors: Errors = list(check_period(start, end))
    if not errors:
        for i, year in enumerate(state.get("accent_years") or []):
            if not start.year <= year <= end.year:
                errors.append(
                    (
                        ("body", "accent_years", i),
                        "action_accent_year",
                        {"year": year, "start": start.year, "end": end.year},
                    )
                )
    return errors


def _check_actors(state: dict[str, Any]) -> Errors:
    lead = state.get("lead_actor_id")
    for i, partner in enumerate(state.get("partner_ids") or []):
        if lead is not None and partner == lead:
            return [(("body", "partner_ids", i), "action_lead_partner")]
    return []


def _check_parent(session: Session, state: dict[str, Any], existing: Action | None) -> Errors:
    parent_id = state.get("parent_id")
    self_id = existing.id if existing is not None else state.get("id")
    if parent_id is None or self_id is None:
        return []
    if parent_id == self_id:
        return [(("body", "parent_id"), "action_own_parent")]
    current: uuid.UUID | None = parent_id
    for _ in range(MAX_DEPTH):
        current = session.scalar(select(col(Action.parent_id)).where(col(Action.id) == current))
        if current is None:
            return []
        if current == self_id:
            return [(("body", "parent_id"), "action_parent_cycle")]
    return [(("body", "parent_id"), "action_parent_depth", {"max_depth": MAX_DEPTH})]


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    current = existing if isinstance(existing, Action) else None
    errors: Errors = list(check_sync_pair(state))
    errors += _check_plan_links(session, state)
    errors += _check_status(state, current)
    errors += _check_period(state)
    errors += _check_actors(state)
    errors += _check_parent(session, state, current)
    if errors:
        raise ProblemError(422, "detail.validation", title="Validation failed", errors=errors)


def _partner_ids(session: Session, action_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.connection().scalars(
            select(col(ActionPartner.actor_id))
            .where(col(ActionPartner.action_id) == action_id)
            .order_by(col(ActionPartner.position))
        )
    )


def check_unused(session: Session, obj: Record) -> None:
    """Refuse to delete an action that sub-actions, indicators or decisions still point to."""
    uses = {
        what: session.scalar(select(func.count()).where(column == obj.id)) or 0
        for what, column in (
            ("sub_action", col(Action.parent_id)),
            ("indicator", col(Indicator.action_id)),
            ("decision", col(MeetingDecision.action_id)),
        )
    }
    if any(uses.values()):
        code = getattr(obj, "code", "")
        raise ProblemError(409, "action_in_use", {"code": code, "uses": uses})
    # The partner rows go with the action (ON DELETE CASCADE) before the change feed asks who
    # may see the tombstone; remember them for `visibility`.
    info_of(obj)["partner_ids"] = _partner_ids(session, obj.id)


def remember_partners(session: Session, view: Any, state: dict[str, Any]) -> None:
    """A bulk-imported action's partners, for `visibility` to read instead of querying them."""
    info_of(view)["partner_ids"] = list(state.get("partner_ids") or [])


def visibility(action: Action) -> Visibility:
    partners = info_of(action).get("partner_ids")
    if partners is None:
        session = session_of(action)
        partners = _partner_ids(session, action.id) if session is not None else []
    actors = dict.fromkeys(str(a) for a in [action.lead_actor_id, *partners] if a is not None)
    return ("public" if action.published else "internal", list(actors), [])


def progress_rollup(session: Session, objs: Sequence[Record]) -> dict[uuid.UUID, dict[str, Any]]:
    """Mean progress of each action's direct sub-actions, for a whole page in one query.
    (`Resource.extra`: for an action just written, answered from its ORM object; pages read as
    rows compute the same in SQL, `progress_rollup_column`.)

    Cancelled sub-actions are left out: they will never progress, and would keep the
    roll-up of a finished action below 100 for ever."""
    ids = [o.id for o in objs]
    totals: dict[uuid.UUID, tuple[int, int]] = {}
    if ids:
        rows = session.execute(
            select(col(Action.parent_id), func.sum(col(Action.progress)), func.count())
            .where(col(Action.parent_id).in_(ids), col(Action.status) != S.cancelled.value)
            .group_by(col(Action.parent_id))
        )
        totals = {parent: (int(total), int(n)) for parent, total, n in rows}
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for obj in objs:
        total, n = totals.get(obj.id, (0, 0))
        # Integer half-up rounding: the same answer on every database.
        out[obj.id] = {"progress_rollup": (2 * total + n) // (2 * n) if n else None}
    return out


@cache
def progress_rollup_column() -> dict[str, Any]:
    """`progress_rollup` as a correlated subquery, for pages read in one statement: the same
    rounding in integer SQL (NULL without sub-actions: the sum is NULL, and so is NULL / 0)."""
    sub = Action.__table__.alias("sub")  # type: ignore[attr-defined]
    parent = Action.__table__  # type: ignore[attr-defined]
    total, n = func.sum(sub.c.progress), func.count()
    return {
        "progress_rollup": select((2 * total + n) // (2 * n))
        .where(sub.c.parent_id == parent.c.id, sub.c.status != S.cancelled.value)
        .scalar_subquery()
    }


def _status_rank() -> Any:
    return case(*[(col(Action.status) == s.value, i) for i, s in enumerate(ActionStatus)], else_=99)


def _lead_name() -> Any:
    name = select(Actor.name).where(col(Actor.id) == col(Action.lead_actor_id)).scalar_subquery()
    # "~" sorts after every letter: actions without a lead come last.
    return func.coalesce(name, "~")


SORTABLE = {
    "code": lambda: col(Action.code),
    "title": lambda: col(Action.title),
    "status": _status_rank,
    "progress": lambda: col(Action.progress),
    "end_date": lambda: col(Action.end_date),
    "lead": _lead_name,
}


actions = Resource(
    name="actions",
    label="action",
    tag="actions",
    model=Action,
    create=ActionCreate,
    update=ActionUpdate,
    read=ActionRead,
    public_read=ActionPublicRead,
    filters=ActionFilters,
    filter_map={
        "pillar": lambda v: col(Action.pillar_id) == v,
        "objective": lambda v: col(Action.objective_id) == v,
        "lead_actor": lambda v: col(Action.lead_actor_id) == v,
        "partner": _partner,
        "actor": involves,
        "year": active_in,
        "mvo_theme": lambda v: json_has(Action.mvo_themes, v),
        "parent": lambda v: col(Action.parent_id) == v,
        "late": late,
    },
    sort=("code",),
    clock_filters=("late",),
    sortable=SORTABLE,
    search=("code", "title", "description"),
    collections=(
        Collection("partner_ids", ActionPartner, "action_id", value="actor_id"),
        Collection("dossier_ids", ActionDossier, "action_id", value="dossier_id"),
    ),
    own=own,
    public=public,
    validate=validate,
    extra=progress_rollup,
    extra_columns=progress_rollup_column,
    before_delete=check_unused,
    visibility=visibility,
    remember_for_feed=remember_partners,
    permission_text={
        Cond.OWN: "actions its actor leads or is a partner in",
        Cond.PUBLIC: "published actions",
    },
    natural_key=("code",),
)


def reissue_parents(
    session: Any, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """An action shows the progress of its sub-actions (`progress_rollup`): when a sub-action
    comes, goes, moves or progresses, its parent actions go out again."""
    parents: list[uuid.UUID] = []
    for (resource, _), entry in entries.items():
        if resource != "actions" or not changed(entry, "parent_id", "progress", "status"):
            continue
        for state in (entry.get("before"), entry.get("after")):
            if state and state.get("parent_id"):
                parents.append(uuid.UUID(str(state["parent_id"])))
    return [("actions", a) for a in load_where(session, Action, col(Action.id), parents)]
