"""Pillars and objectives: the structure of the action plan and of the Flemish framework.

Both are data, not code (the Flemish framework arrived in 2023 and may change again), but
actions lean on them: an action's pillar must be an `actieplan` pillar, its objective must lie
under that pillar and its `wse_lr_code` names a `vlaams_kader` pillar by code. Changes that
would quietly break those links are refused here, at the pillar or objective."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from api.core import i18n
from api.core.errors import FieldErrorSpec, ProblemError
from api.core.models import Record
from api.core.resource import Resource
from api.models.action import Action
from api.models.plan import Objective, Pillar
from api.plan.schemas import (
    Framework,
    ObjectiveCreate,
    ObjectiveFilters,
    ObjectiveRead,
    ObjectiveUpdate,
    PillarCreate,
    PillarFilters,
    PillarRead,
    PillarUpdate,
)

# Action-plan pillars are numbered sections (`3.3.2`); framework priorities are reporting
# codes (`WSE-LR2`). Keeping the two apart stops a WSE-LR code landing on the wrong side.
# The shape of each framework's codes; the error is `pillar_code` with the framework as its
# `kind` (a text per framework).
CODE_SHAPE = {
    Framework.actieplan: re.compile(r"^\d+(\.\d+)*$"),
    Framework.vlaams_kader: re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"),
}

# Issue 13 §4: the plan's rule texts.
i18n.register(
    {
        "pillar_code": {
            "nl": "Deze code heeft niet de vorm die het kader van de pijler vraagt.",
            "fr": "Ce code n'a pas la forme que demande le cadre du pilier.",
            "en": "The code does not have the shape the pillar's framework asks for.",
        },
        "pillar_code.actieplan": {
            "nl": "Een pijler van het actieplan heeft een sectienummer zoals `3.3.2` als code.",
            "fr": "Un pilier du plan d'action a un numéro de section comme `3.3.2` pour code.",
            "en": "A `actieplan` pillar has a section number such as `3.3.2` as code.",
        },
        "pillar_code.vlaams_kader": {
            "nl": "Een pijler van het Vlaamse kader heeft een rapporteringscode zoals `WSE-LR2` "
            "als code.",
            "fr": "Un pilier du cadre flamand a un code de rapportage comme `WSE-LR2` pour code.",
            "en": "A `vlaams_kader` pillar has a reporting code such as `WSE-LR2` as code.",
        },
        "pillar_framework_used": {
            "nl": "Als pijler van {framework} wordt deze pijler gebruikt door {uses:counts}; "
            "verplaats die eerst.",
            "fr": "Ce pilier est utilisé comme pilier {framework} par {uses:counts} ; "
            "déplacez-les d'abord.",
            "en": "This pillar is used as `{framework}` pillar by {uses:counts}; move them first.",
        },
        "pillar_code_used": {
            "nl": "wse_lr_code {code} wordt gebruikt door {uses:counts}; wijzig die eerst.",
            "fr": "Le wse_lr_code {code} est utilisé par {uses:counts} ; modifiez-les d'abord.",
            "en": "wse_lr_code {code} is carried by {uses:counts}; change them first.",
        },
        "objective_pillar_used": {
            "nl": "Deze doelstelling wordt onder haar huidige pijler nagestreefd door "
            "{uses:counts}; verplaats die eerst.",
            "fr": "Cet objectif est poursuivi sous son pilier actuel par {uses:counts} ; "
            "déplacez-les d'abord.",
            "en": "This objective is pursued under its current pillar by {uses:counts}; move "
            "them first.",
        },
        "pillar_in_use": {
            "nl": "Pijler {code} heeft nog {uses:counts}; verplaats of verwijder die eerst.",
            "fr": "Le pilier {code} a encore {uses:counts} ; déplacez-les ou supprimez-les "
            "d'abord.",
            "en": "Pillar {code} still has {uses:counts}; move or delete them first.",
        },
        "objective_in_use": {
            "nl": "Doelstelling {code} heeft nog {uses:counts}; verplaats of verwijder die eerst.",
            "fr": "L'objectif {code} a encore {uses:counts} ; déplacez-les ou supprimez-les "
            "d'abord.",
            "en": "Objective {code} still has {uses:counts}; move or delete them first.",
        },
        "term.count.objective": {
            "nl": "doelstelling|doelstellingen",
            "fr": "objectif|objectifs",
            "en": "objective|objectives",
        },
        "term.count.action": {"nl": "actie|acties", "fr": "action|actions", "en": "action|actions"},
        "term.count.coded_action": {
            "nl": "actie met deze wse_lr_code|acties met deze wse_lr_code",
            "fr": "action avec ce wse_lr_code|actions avec ce wse_lr_code",
            "en": "action with this wse_lr_code|actions with this wse_lr_code",
        },
    }
)


def _count(session: Session, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(Action).where(*where)) or 0)


def _objective_count(session: Session, pillar: Pillar) -> int:
    query = select(func.count()).where(col(Objective.pillar_id) == pillar.id)
    return int(session.scalar(query) or 0)


def validate_pillar(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors: list[FieldErrorSpec] = []
    framework = Framework(state["framework"])
    if not CODE_SHAPE[framework].match(state["code"]):
        errors.append((("body", "code"), "pillar_code", {"kind": framework.value}))
    if isinstance(existing, Pillar):
        if framework != existing.framework:
            uses = (
                _count(session, col(Action.pillar_id) == existing.id)
                if existing.framework == Framework.actieplan
                else _count(session, col(Action.wse_lr_code) == existing.code)
            )
            if uses:
                errors.append(
                    (
                        ("body", "framework"),
                        "pillar_framework_used",
                        {"uses": {"action": uses}, "framework": str(existing.framework)},
                    )
                )
        elif existing.framework == Framework.vlaams_kader and state["code"] != existing.code:
            # Actions name a framework priority by its code, not by id.
            uses = _count(session, col(Action.wse_lr_code) == existing.code)
            if uses:
                errors.append(
                    (
                        ("body", "code"),
                        "pillar_code_used",
                        {"uses": {"action": uses}, "code": existing.code},
                    )
                )
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "pillar"}, errors=errors)


def check_pillar_unused(session: Session, obj: Record) -> None:
    if not isinstance(obj, Pillar):
        return
    uses = {
        "objective": _objective_count(session, obj),
        "action": _count(session, col(Action.pillar_id) == obj.id),
        "coded_action": _count(session, col(Action.wse_lr_code) == obj.code)
        if obj.framework == Framework.vlaams_kader
        else 0,
    }
    if any(uses.values()):
        raise ProblemError(409, "pillar_in_use", {"code": obj.code, "uses": uses})


def validate_objective(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    if isinstance(existing, Objective) and state["pillar_id"] != existing.pillar_id:
        uses = _count(session, col(Action.objective_id) == existing.id)
        if uses:
            # Every action's objective must lie under the action's own pillar.
            raise ProblemError(
                422,
                "detail.invalid",
                {"label": "objective"},
                errors=[
                    (("body", "pillar_id"), "objective_pillar_used", {"uses": {"action": uses}})
                ],
            )


def check_objective_unused(session: Session, obj: Record) -> None:
    actions = _count(session, col(Action.objective_id) == obj.id)
    if actions:
        code = getattr(obj, "code", "")
        raise ProblemError(409, "objective_in_use", {"code": code, "uses": {"action": actions}})


pillars = Resource(
    name="pillars",
    label="pillar",
    tag="plan",
    model=Pillar,
    create=PillarCreate,
    update=PillarUpdate,
    read=PillarRead,
    filters=PillarFilters,
    sort=("sort_order", "code"),
    search=("code", "title", "description"),
    validate=validate_pillar,
    before_delete=check_pillar_unused,
    visibility=lambda p: ("public", [], []),
    natural_key=("code",),
)

objectives = Resource(
    name="objectives",
    label="objective",
    tag="plan",
    model=Objective,
    create=ObjectiveCreate,
    update=ObjectiveUpdate,
    read=ObjectiveRead,
    filters=ObjectiveFilters,
    filter_map={"pillar": lambda v: col(Objective.pillar_id) == v},
    sort=("sort_order", "code"),
    search=("code", "title", "description"),
    validate=validate_objective,
    before_delete=check_objective_unused,
    visibility=lambda o: ("public", [], []),
    natural_key=("code",),
)
