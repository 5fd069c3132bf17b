"""LDE/DAEB agreements: municipalities entrust a social-economy organisation with a service of
general economic interest (the fields follow decision 2012/21/EU, art. 4)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import event, false, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from api.agreements.schemas import (
    AgreementCreate,
    AgreementFilters,
    AgreementRead,
    AgreementUpdate,
    Regime,
)
from api.core import i18n
from api.core.bulk import in_bulk, lookup, session_of
from api.core.errors import FieldErrorSpec, ProblemError
from api.core.models import Record
from api.core.permissions import Cond
from api.core.principal import Principal, Role
from api.core.resource import ALL_OPERATIONS, Clause, Collection, Resource, Visibility
from api.core.schemas import check_period, check_sync_pair
from api.core.session import Session as UnitOfWork
from api.core.unitofwork import ids_of, load_where
from api.models.actor import Actor
from api.models.agreement import Agreement, AgreementMunicipality
from api.models.municipality import Municipality

# No new LDE recognitions since this date; LDE is being replaced by individueel maatwerk.
LDE_CUTOFF = date(2023, 7, 1)
i18n.register(
    {
        "lde_closed": {
            "nl": "Geen nieuwe LDE-erkenningen sinds 1 juli 2023 (LDE wordt vervangen door "
            "individueel maatwerk): een overeenkomst die op of na die datum start, gebruikt "
            "regime individueel_maatwerk of transitional.",
            "fr": "Plus de nouvelles reconnaissances LDE depuis le 1er juillet 2023 (l'LDE est "
            "remplacée par l'individueel maatwerk) : une convention qui commence à cette date "
            "ou après utilise le régime individueel_maatwerk ou transitional.",
            "en": "No new LDE recognitions since 1 July 2023 (LDE is being replaced by individueel "
            "maatwerk): an agreement starting on or after that date uses regime "
            "individueel_maatwerk or transitional.",
        },
        "municipality_twice": {
            "nl": "Deze gemeente staat er twee keer in.",
            "fr": "Cette commune figure deux fois.",
            "en": "This municipality is listed twice.",
        },
        "municipality_ended": {
            "nl": "NIS-code {nis_code} bestaat niet meer sinds {valid_to}, vóór de overeenkomst "
            "start; gebruik de code van de gefusioneerde gemeente.",
            "fr": "Le code INS {nis_code} a cessé d'exister le {valid_to}, avant le début de la "
            "convention ; utilisez le code de la commune fusionnée.",
            "en": "NIS code {nis_code} stopped on {valid_to}, before the agreement starts; use "
            "the code of the merged municipality.",
        },
        "municipality_not_yet": {
            "nl": "NIS-code {nis_code} bestaat pas vanaf {valid_from}, na het einde van de "
            "overeenkomst.",
            "fr": "Le code INS {nis_code} n'existe qu'à partir du {valid_from}, après la fin de "
            "la convention.",
            "en": "NIS code {nis_code} only exists from {valid_from}, after the agreement ends.",
        },
        "review_twice": {
            "nl": "Deze evaluatiedatum staat er twee keer in.",
            "fr": "Cette date d'évaluation figure deux fois.",
            "en": "This review date is listed twice.",
        },
        "review_window": {
            "nl": "Een evaluatie valt binnen de looptijd van de overeenkomst, of hoogstens een "
            "jaar na het einde (de eindcontrole op overcompensatie): tussen {start} en {last}.",
            "fr": "Une évaluation tombe pendant la durée de la convention, ou au plus un an "
            "après sa fin (le contrôle final de la surcompensation) : entre le {start} et le "
            "{last}.",
            "en": "A review falls within the agreement period, or at most one year after its "
            "end (the final check against overcompensation): between {start} and {last}.",
        },
        "volume_unit_needed": {
            "nl": "Zeg wat het volume telt: uren, plaatsen of VTE.",
            "fr": "Précisez ce que compte le volume : heures, places ou ETP.",
            "en": "Say what the volume counts: hours, places or fte.",
        },
        "volume_needed": {
            "nl": "Een volume-eenheid vraagt een volume; geef beide of geen van beide.",
            "fr": "Une unité de volume demande un volume ; indiquez les deux ou aucun.",
            "en": "A volume unit needs a volume; give both or neither.",
        },
    }
)

Errors = list[FieldErrorSpec]


def covers(nis_code: str) -> Clause:
    """Agreements that include this municipality. An IN list, not a correlated EXISTS: SQLite
    runs an EXISTS once per agreement in sort order (500 ms over 30k agreements), while the
    list starts from the municipality's few rows in its index (7 ms)."""
    return col(Agreement.id).in_(
        select(AgreementMunicipality.agreement_id).where(
            AgreementMunicipality.municipality == nis_code
        )
    )


def active_on(day: date) -> Clause:
    return (col(Agreement.start_date) <= day) & (col(Agreement.end_date) >= day)


def own(principal: Principal) -> Clause:
    """A municipality's own agreements cover it; a ROSE member's are entrusted to its actor."""
    if principal.role is Role.municipality and principal.municipality:
        return covers(principal.municipality)
    if principal.role is Role.rose_member and principal.actor_id:
        return col(Agreement.provider_id) == principal.actor_id
    return false()


def _periods(session: Session, codes: set[str] | None) -> dict[str, tuple[date, date | None]]:
    query = select(Municipality.nis_code, Municipality.valid_from, Municipality.valid_to)
    if codes is not None:
        query = query.where(col(Municipality.nis_code).in_(codes))
    return {code: (start, end) for code, start, end in session.execute(query)}


def _municipality_errors(session: Session, state: dict[str, Any]) -> Errors:
    errors: Errors = []
    codes: list[str] = list(state.get("municipalities") or [])
    seen: set[str] = set()
    for i, code in enumerate(codes):
        if code in seen:
            errors.append((("body", "municipalities", i), "municipality_twice"))
        seen.add(code)
    start, end = state["start_date"], state["end_date"]
    if in_bulk(session):  # the whole list once for a bulk import, not a query per agreement
        periods = lookup(session, "municipality_periods", lambda: _periods(session, None))
    else:
        periods = _periods(session, seen)
    for i, code in enumerate(codes):
        if code not in periods:
            continue  # unknown codes are answered as unknown references
        valid_from, valid_to = periods[code]
        if valid_to is not None and valid_to < start:
            errors.append(
                (
                    ("body", "municipalities", i),
                    "municipality_ended",
                    {"nis_code": code, "valid_to": valid_to.isoformat()},
                )
            )
        elif valid_from > end:
            errors.append(
                (
                    ("body", "municipalities", i),
                    "municipality_not_yet",
                    {"nis_code": code, "valid_from": valid_from.isoformat()},
                )
            )
    return errors


def last_review_day(end: date) -> date:
    """EU decision 2012/21/EU, art. 6: checks during the entrustment and at its end; the final
    check needs the last year's accounts, so it may fall up to a year after the end date."""
    try:
        return end.replace(year=end.year + 1)
    except ValueError:  # 29 February
        return end.replace(year=end.year + 1, day=28)


def _review_errors(state: dict[str, Any]) -> Errors:
    errors: Errors = []
    start, end = state["start_date"], last_review_day(state["end_date"])
    seen: set[date] = set()
    for i, day in enumerate(state.get("review_dates") or []):
        if day in seen:
            errors.append((("body", "review_dates", i), "review_twice"))
        elif day < start or day > end:
            errors.append(
                (
                    ("body", "review_dates", i),
                    "review_window",
                    {"start": start.isoformat(), "last": end.isoformat()},
                )
            )
        seen.add(day)
    return errors


def _volume_errors(state: dict[str, Any]) -> Errors:
    if state.get("volume") is not None and state.get("volume_unit") is None:
        return [(("body", "volume_unit"), "volume_unit_needed")]
    if state.get("volume") is None and state.get("volume_unit") is not None:
        return [(("body", "volume"), "volume_needed")]
    return []


def _regime_errors(state: dict[str, Any], existing: Agreement | None) -> Errors:
    def new_lde(regime: str, start: date) -> bool:
        return regime == Regime.lde and start >= LDE_CUTOFF

    if not new_lde(state["regime"], state["start_date"]):
        return []
    # An agreement already stored as LDE after the cut-off (imported history) may be edited;
    # turning anything into one is a new LDE recognition.
    if existing is not None and new_lde(existing.regime, existing.start_date):
        return []
    return [(("body", "regime"), "lde_closed", {"cutoff": LDE_CUTOFF.isoformat()})]


def validate(session: Session, state: dict[str, Any], existing: Record | None) -> None:
    previous = existing if isinstance(existing, Agreement) else None
    errors: Errors = [
        *check_sync_pair(state),
        *check_period(state["start_date"], state["end_date"]),
        *_municipality_errors(session, state),
        *_review_errors(state),
        *_volume_errors(state),
        *_regime_errors(state, previous),
    ]
    if errors:
        raise ProblemError(422, "detail.invalid", {"label": "agreement"}, errors=errors)


def providers(session: Session, objs: Sequence[Any]) -> dict[uuid.UUID, dict[str, Any]]:
    """The provider's KBO number and name for a page of agreements (ORM objects or plain rows
    of them, see `reads.list_rows`), in one query."""
    provider_ids = {o.provider_id for o in objs}
    found: dict[uuid.UUID, tuple[str | None, str]] = {}
    if provider_ids:
        rows = session.execute(
            select(Actor.id, Actor.kbo_number, Actor.name).where(col(Actor.id).in_(provider_ids))
        ).all()
        found = {row.id: (row.kbo_number, row.name) for row in rows}
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for obj in objs:
        kbo, name = found.get(obj.provider_id, (None, None))
        out[obj.id] = {"provider_kbo": kbo, "provider_name": name}
    return out


# --- change-feed audience ---------------------------------------------------------------

REMEMBERED = "regie_agreement_municipalities"


def _municipalities_of(session: OrmSession, agreement_id: uuid.UUID) -> list[str]:
    with session.no_autoflush:
        return list(
            session.scalars(
                select(AgreementMunicipality.municipality)
                .where(AgreementMunicipality.agreement_id == agreement_id)
                .order_by(AgreementMunicipality.position)
            )
        )


@event.listens_for(UnitOfWork, "before_flush")
def _remember_municipalities(session: OrmSession, _flush: Any, _instances: Any) -> None:
    """The database drops an agreement's municipalities with it; keep them for the tombstone,
    so a municipality's system also learns that its agreement was deleted."""
    for obj in session.deleted:
        if isinstance(obj, Agreement):
            remembered = session.info.setdefault(REMEMBERED, {})
            remembered[obj.id] = _municipalities_of(session, obj.id)


def remember_municipalities(session: Session, view: Any, state: dict[str, Any]) -> None:
    """A bulk-imported agreement's municipalities, for `visibility` to read instead of
    querying them."""
    remembered = session.info.setdefault(REMEMBERED, {})
    remembered[view.id] = list(state.get("municipalities") or [])


def visibility(agreement: Agreement) -> Visibility:
    session = session_of(agreement)
    codes: list[str] = []
    if session is not None:
        remembered = session.info.get(REMEMBERED, {})
        codes = remembered.get(agreement.id) or _municipalities_of(session, agreement.id)
    return ("restricted", [str(agreement.provider_id)], codes)


agreements = Resource(
    name="agreements",
    label="agreement",
    tag="agreements",
    model=Agreement,
    create=AgreementCreate,
    update=AgreementUpdate,
    read=AgreementRead,
    # its own list (api/agreements/router.py), documented for the municipalities' question
    operations=ALL_OPERATIONS - {"list"},
    filters=AgreementFilters,
    filter_map={
        "municipality": covers,
        "active_on": active_on,
        "provider": lambda v: col(Agreement.provider_id) == v,
    },
    sort=("start_date", "title"),
    sortable={
        "start_date": lambda: col(Agreement.start_date),
        "end_date": lambda: col(Agreement.end_date),
    },
    search=("title", "service", "description", "territory"),
    collections=(
        Collection("municipalities", AgreementMunicipality, "agreement_id", value="municipality"),
    ),
    own=own,
    validate=validate,
    extra=providers,
    visibility=visibility,
    remember_for_feed=remember_municipalities,
    permission_text={
        Cond.OWN: "a municipality: the agreements that cover it; a ROSE member: the agreements "
        "entrusted to its actor"
    },
)


def reissue_agreements(
    session: OrmSession, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """An agreement shows its provider's KBO number and name: when the actor changes them, the
    provider's agreements go out again."""
    changed = ids_of(entries, "actors", "name", "kbo_number", ops=("update",))
    return [
        ("agreements", a)
        for a in load_where(session, Agreement, col(Agreement.provider_id), changed)
    ]
