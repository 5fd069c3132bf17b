"""Indicators (of an action, or context indicators of a geography) and their measurements.

A measurement is readable exactly when its indicator is (public indicators for everyone,
all of them once logged in); a ROSE member records measurements only for indicators of the
actions its actor leads or partners in."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, false, or_, select, true
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col

from api.core import i18n
from api.core.bulk import session_of
from api.core.errors import ProblemError, not_found
from api.core.grants import grant_clause
from api.core.models import Record
from api.core.permissions import Cond, Verb, require
from api.core.principal import Principal
from api.core.resource import Clause, Resource, Visibility
from api.core.schemas import check_period, check_sync_pair
from api.core.unitofwork import ids_of, load_where
from api.indicators.schemas import (
    Geography,
    IndicatorCreate,
    IndicatorFilters,
    IndicatorKind,
    IndicatorRead,
    IndicatorSeries,
    IndicatorSummary,
    IndicatorUpdate,
    MeasurementCreate,
    MeasurementFilters,
    MeasurementRead,
    MeasurementUpdate,
    SeriesMark,
    SeriesPoint,
)
from api.models.action import Action, ActionPartner
from api.models.indicator import Indicator, Measurement

Errors = list[tuple[tuple[str, ...], str]]

# --- indicators --------------------------------------------------------------------------

i18n.register(
    {
        "measurement_exists": {
            "nl": "Er is al een meting op deze datum.",
            "fr": "Une mesure existe déjà à cette date.",
            "en": "A measurement on this date exists already.",
        },
        "measurement_exists.detail": {
            "nl": "Deze indicator heeft al een meting op {date}; wijzig die.",
            "fr": "Cet indicateur a déjà une mesure le {date} ; modifiez celle-là.",
            "en": "This indicator already has a measurement on {date}; change that one instead.",
        },
        "indicator_action_needed": {
            "nl": "Een actie-indicator heeft zijn actie nodig.",
            "fr": "Un indicateur d'action a besoin de son action.",
            "en": "An action indicator needs its action.",
        },
        "indicator_action_geography": {
            "nl": "Alleen contextindicatoren hebben een geografie.",
            "fr": "Seuls les indicateurs de contexte ont une géographie.",
            "en": "Only context indicators have a geography.",
        },
        "indicator_context_action": {
            "nl": "Een contextindicator hoort bij geen actie; laat dit leeg.",
            "fr": "Un indicateur de contexte n'appartient à aucune action ; laissez vide.",
            "en": "A context indicator belongs to no action; leave it null.",
        },
        "indicator_context_geography": {
            "nl": "Een contextindicator heeft zijn geografie nodig.",
            "fr": "Un indicateur de contexte a besoin de sa géographie.",
            "en": "A context indicator needs its geography.",
        },
        "indicator_municipality_needed": {
            "nl": "Geef de NIS-code van de gemeente die hij beschrijft.",
            "fr": "Indiquez le code INS de la commune qu'il décrit.",
            "en": "Give the NIS code of the municipality it describes.",
        },
        "indicator_municipality_only": {
            "nl": "Alleen indicatoren met geografie gemeente noemen er een.",
            "fr": "Seuls les indicateurs de géographie commune en nomment une.",
            "en": "Only indicators with geography `municipality` name one.",
        },
    }
)


def _scope_errors(state: dict[str, Any]) -> Errors:
    """What an indicator is about: an action, or a geography (and then maybe a municipality)."""
    errors: Errors = []

    def flag(field: str, code: str) -> None:
        errors.append((("body", field), code))

    kind, geography = state.get("kind"), state.get("geography")
    action_id, municipality = state.get("action_id"), state.get("municipality")
    if kind == IndicatorKind.action and action_id is None:
        flag("action_id", "indicator_action_needed")
    if kind == IndicatorKind.action and geography is not None:
        flag("geography", "indicator_action_geography")
    if kind == IndicatorKind.context and action_id is not None:
        flag("action_id", "indicator_context_action")
    if kind == IndicatorKind.context and geography is None:
        flag("geography", "indicator_context_geography")
    if geography == Geography.municipality and municipality is None:
        flag("municipality", "indicator_municipality_needed")
    if geography != Geography.municipality and municipality is not None:
        flag("municipality", "indicator_municipality_only")
    return errors


def validate_indicator(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    errors = (
        check_sync_pair(state)
        + _scope_errors(state)
        + check_period(state.get("baseline_date"), state.get("target_date"), "target_date")
    )
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "indicator"}, errors=errors)


def indicator_visibility(indicator: Indicator) -> Visibility:
    return (
        "public" if indicator.public else "internal",
        [],
        [indicator.municipality] if indicator.municipality else [],
    )


indicators = Resource(
    name="indicators",
    label="indicator",
    tag="indicators",
    model=Indicator,
    create=IndicatorCreate,
    update=IndicatorUpdate,
    read=IndicatorRead,
    filters=IndicatorFilters,
    filter_map={"action": lambda v: col(Indicator.action_id) == v},
    sort=("code",),
    search=("code", "name", "description"),
    public=lambda: col(Indicator.public) == true(),
    validate=validate_indicator,
    visibility=indicator_visibility,
    permission_text={Cond.PUBLIC: "public indicators"},
    natural_key=("code",),
)


# --- measurements ------------------------------------------------------------------------


def measurement_public() -> Clause:
    return (
        select(col(Indicator.id))
        .where(col(Indicator.id) == col(Measurement.indicator_id), col(Indicator.public) == true())
        .correlate(Measurement)
        .exists()
    )


def measurement_own(principal: Principal) -> Clause:
    """Measurements of indicators of an action the caller's actor leads or partners in."""
    actor = principal.actor_id
    if actor is None:
        return false()
    partner = (
        select(col(ActionPartner.action_id))
        .where(col(ActionPartner.action_id) == col(Action.id), col(ActionPartner.actor_id) == actor)
        .correlate(Action)
        .exists()
    )
    return (
        select(col(Indicator.id))
        .join(Action, col(Action.id) == col(Indicator.action_id))
        .where(
            col(Indicator.id) == col(Measurement.indicator_id),
            or_(col(Action.lead_actor_id) == actor, partner),
        )
        .correlate(Measurement)
        .exists()
    )


def validate_measurement(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    # Checked here for a clear answer; the unique constraint still guards concurrent writers.
    # On create the state carries the indicator (from the URL); on update the record does.
    indicator_id = state.get("indicator_id") or getattr(existing, "indicator_id", None)
    query = select(col(Measurement.id)).where(
        col(Measurement.indicator_id) == indicator_id, col(Measurement.date) == state["date"]
    )
    if existing is not None:
        query = query.where(col(Measurement.id) != existing.id)
    if session.scalars(query).first() is not None:
        raise ProblemError(
            409,
            "measurement_exists.detail",
            {"date": state["date"].isoformat()},
            errors=[(("body", "date"), "measurement_exists")],
        )


def measurement_visibility(measurement: Measurement) -> Visibility:
    """The same as its indicator's. Asked at flush and at commit, when the indicator is nearly
    always in the session already (it was read to reach the measurement), so it costs no query."""
    session = session_of(measurement)
    if session is None:
        return ("internal", [], [])
    indicator = session.identity_map.get(identity_key(Indicator, measurement.indicator_id))
    if indicator is None:
        with session.no_autoflush:
            indicator = session.get(Indicator, measurement.indicator_id)
    if indicator is None:
        return ("internal", [], [])
    return indicator_visibility(indicator)


measurements = Resource(
    name="measurements",
    label="measurement",
    tag="indicators",
    model=Measurement,
    create=MeasurementCreate,
    update=MeasurementUpdate,
    read=MeasurementRead,
    filters=MeasurementFilters,
    filter_map={
        "date_from": lambda v: col(Measurement.date) >= v,
        "date_to": lambda v: col(Measurement.date) <= v,
    },
    sort=("date",),
    parent=indicators,
    parent_fk="indicator_id",
    own=measurement_own,
    public=measurement_public,
    validate=validate_measurement,
    visibility=measurement_visibility,
    permission_text={
        Cond.OWN: "measurements of indicators of actions its actor leads or partners in",
        Cond.PUBLIC: "measurements of public indicators",
    },
    natural_key=("indicator", "date"),
)


# --- the series for charts ---------------------------------------------------------------


def _mark(value: Any, day: dt.date | None) -> SeriesMark | None:
    if value is None and day is None:
        return None
    return SeriesMark(date=day, value=value)


def series(
    session: Session,
    principal: Principal,
    indicator_id: uuid.UUID,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> IndicatorSeries:
    """The indicator with its baseline, target and every readable measurement, in one query."""
    indicator_clause = grant_clause(
        indicators, require(principal, "indicators", Verb.read), principal
    )
    measurement_clause = grant_clause(
        measurements, require(principal, "measurements", Verb.read), principal
    )
    day = col(Measurement.date)
    on = [col(Measurement.indicator_id) == col(Indicator.id)]
    if measurement_clause is not None:
        on.append(measurement_clause)
    if date_from is not None:
        on.append(day >= date_from)
    if date_to is not None:
        on.append(day <= date_to)
    query = (
        select(Indicator, day, col(Measurement.value))
        .outerjoin(Measurement, and_(*on))
        .where(col(Indicator.id) == indicator_id)
        .order_by(day)
    )
    if indicator_clause is not None:
        query = query.where(indicator_clause)
    rows = session.execute(query).all()
    if not rows:
        raise not_found("Indicator")
    indicator = rows[0][0]
    return IndicatorSeries(
        indicator=IndicatorSummary.model_validate(indicator, from_attributes=True),
        baseline=_mark(indicator.baseline_value, indicator.baseline_date),
        target=_mark(indicator.target_value, indicator.target_date),
        points=[SeriesPoint(date=when, value=value) for _, when, value in rows if when is not None],
    )


def reissue_measurements(
    session: Any, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """Measurements are seen by whoever sees their indicator: when it becomes public or
    internal, or moves to another municipality, they go out again with it."""
    changed = ids_of(entries, "indicators", "public", "municipality", ops=("update",))
    out = [
        ("measurements", m)
        for m in load_where(session, Measurement, col(Measurement.indicator_id), changed)
    ]
    # Who may write a measurement follows its action's lead and partners (its `allowed`); a
    # partner change writes only child rows, so every updated action counts.
    actions = ids_of(entries, "actions", ops=("update",))
    if actions:
        out += [
            ("measurements", m)
            for m in session.scalars(
                select(Measurement)
                .join(Indicator, col(Indicator.id) == col(Measurement.indicator_id))
                .where(col(Indicator.action_id).in_(actions))
            )
        ]
    return out
