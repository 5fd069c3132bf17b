"""Municipalities: the region's members, by NIS code, with validity dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session

from api.core import i18n
from api.core.errors import ProblemError
from api.core.models import Record
from api.core.resource import Clause, Resource
from api.core.schemas import check_period, check_sync_pair
from api.models.municipality import Municipality
from api.municipalities.schemas import (
    MunicipalityCreate,
    MunicipalityFilters,
    MunicipalityRead,
    MunicipalityUpdate,
)

# Issue 13 §4: the municipality's rule texts.
i18n.register(
    {
        "nis_code_fixed": {
            "nl": "Een NIS-code verandert nooit; voeg een nieuwe gemeente toe.",
            "fr": "Un code INS ne change jamais ; ajoutez une nouvelle commune.",
            "en": "A NIS code never changes; add a new municipality.",
        },
    }
)


def active_on(day: date) -> Clause:
    return (Municipality.valid_from <= day) & or_(
        Municipality.valid_to.is_(None),
        Municipality.valid_to >= day,
    )


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = check_sync_pair(state) + check_period(
        state["valid_from"], state["valid_to"], "valid_to"
    )
    if existing is not None and state["nis_code"] != getattr(existing, "nis_code", None):
        errors.append((("body", "nis_code"), "nis_code_fixed"))
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "municipality"}, errors=errors)


municipalities = Resource(
    name="municipalities",
    label="municipality",
    tag="municipalities",
    model=Municipality,
    create=MunicipalityCreate,
    update=MunicipalityUpdate,
    read=MunicipalityRead,
    filters=MunicipalityFilters,
    filter_map={"active_on": active_on},
    sort=("nis_code",),
    search=("name_nl", "name_fr"),
    validate=validate,
    visibility=lambda m: ("public", [], [m.nis_code]),
    natural_key=("nis_code",),
)
