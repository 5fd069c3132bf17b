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

from api.core.errors import ProblemError
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
CODE_SHAPE = {
    Framework.actieplan: (re.compile(r"^\d+(\.\d+)*$"), "a section number such as `3.3.2`"),
    Framework.vlaams_kader: (
        re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"),
        "a reporting code such as `WSE-LR2`",
    ),
}


def _count(session: Session, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(Action).where(*where)) or 0)


def _objective_count(session: Session, pillar: Pillar) -> int:
    query = select(func.count()).where(col(Objective.pillar_id) == pillar.id)
    return int(session.scalar(query) or 0)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def validate_pillar(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors: list[tuple[tuple[str, ...], str]] = []
    framework = Framework(state["framework"])
    pattern, shape = CODE_SHAPE[framework]
    if not pattern.match(state["code"]):
        errors.append((("body", "code"), f"A `{framework.value}` pillar has {shape} as code."))
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
                        f"{_plural(uses, 'action refers', 'actions refer')} to this "
                        f"pillar as `{existing.framework}` pillar; move them first.",
                    )
                )
        elif existing.framework == Framework.vlaams_kader and state["code"] != existing.code:
            # Actions name a framework priority by its code, not by id.
            uses = _count(session, col(Action.wse_lr_code) == existing.code)
            if uses:
                errors.append(
                    (
                        ("body", "code"),
                        f"{_plural(uses, 'action carries', 'actions carry')} "
                        f"wse_lr_code {existing.code}; change them first.",
                    )
                )
    if errors:
        raise ProblemError(422, "The pillar is not valid.", errors=errors)


def check_pillar_unused(session: Session, obj: Record) -> None:
    if not isinstance(obj, Pillar):
        return
    needed = []
    objectives = _objective_count(session, obj)
    if objectives:
        needed.append(_plural(objectives, "objective", "objectives"))
    actions = _count(session, col(Action.pillar_id) == obj.id)
    if actions:
        needed.append(_plural(actions, "action", "actions"))
    if obj.framework == Framework.vlaams_kader:
        coded = _count(session, col(Action.wse_lr_code) == obj.code)
        if coded:
            needed.append(
                _plural(coded, "action with this wse_lr_code", "actions with this wse_lr_code")
            )
    if needed:
        raise ProblemError(
            409, f"Pillar {obj.code} still has {' and '.join(needed)}; move or delete them first."
        )


def validate_objective(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    if isinstance(existing, Objective) and state["pillar_id"] != existing.pillar_id:
        uses = _count(session, col(Action.objective_id) == existing.id)
        if uses:
            # Every action's objective must lie under the action's own pillar.
            raise ProblemError(
                422,
                "The objective is not valid.",
                errors=[
                    (
                        ("body", "pillar_id"),
                        f"{_plural(uses, 'action pursues', 'actions pursue')} this objective "
                        "under its current pillar; move them first.",
                    )
                ],
            )


def check_objective_unused(session: Session, obj: Record) -> None:
    actions = _count(session, col(Action.objective_id) == obj.id)
    if actions:
        code = getattr(obj, "code", "")
        raise ProblemError(
            409,
            f"Objective {code} still has "
            f"{_plural(actions, 'action', 'actions')}; move or delete them "
            "first.",
        )


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
