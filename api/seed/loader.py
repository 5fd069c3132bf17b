"""`regie seed`: load the action-plan dataset, idempotently.

Every record gets a deterministic id (UUID v5 of its natural key), so a second run finds the
same records and changes nothing: no new versions, no change-feed rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Numeric, delete, select
from sqlmodel import Session, SQLModel

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.core.progress import progress
from api.core.types import UTCDateTime, utcnow
from api.models import (
    Action,
    ActionDossier,
    ActionPartner,
    Actor,
    Agreement,
    AgreementMunicipality,
    Body,
    BodyMember,
    Dossier,
    DossierEvent,
    Indicator,
    Measurement,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    MeetingDossier,
    Municipality,
    Objective,
    Pillar,
)
from api.seed import data

NAMESPACE = uuid.UUID("6f1c9a52-3a4e-4c0b-9d7e-2b1f0e5a7c13")


def seed_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def _coerce(model: type[SQLModel], name: str, value: Any) -> Any:
    if value is None:
        return None
    column = model.__table__.c[name]  # type: ignore[attr-defined]
    if isinstance(column.type, UTCDateTime) and isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(column.type, Date) and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(column.type, Numeric) and not isinstance(value, Decimal):
        return Decimal(str(value))
    return value


class Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.changed: dict[str, set[uuid.UUID]] = {}

    def upsert(self, model: type[Any], record_id: uuid.UUID, fields: dict[str, Any]) -> Any:
        values = {k: _coerce(model, k, v) for k, v in fields.items()}
        obj = self.session.get(model, record_id)
        name = model.__tablename__
        if obj is None:
            obj = model(id=record_id, **values)
            self.session.add(obj)
            self.changed.setdefault(name, set()).add(record_id)
            return obj
        dirty = False
        for key, value in values.items():
            if getattr(obj, key) != value:
                setattr(obj, key, value)
                dirty = True
        if dirty:
            self.changed.setdefault(name, set()).add(record_id)
        return obj

    def collection(
        self, model: type[Any], fk: str, parent_id: uuid.UUID, rows: list[dict[str, Any]]
    ) -> bool:
        """Replace a child list when it differs; True when it changed."""
        col = getattr(model, fk)
        existing = self.session.scalars(
            select(model).where(col == parent_id).order_by(model.position)
        ).all()
        wanted = [
            {fk: parent_id, "position": i, **{k: _coerce(model, k, v) for k, v in row.items()}}
            for i, row in enumerate(rows)
        ]
        current = [{k: getattr(e, k) for k in w} for e, w in zip(existing, wanted, strict=False)]
        if len(existing) == len(wanted) and current == wanted:
            return False
        self.session.execute(delete(model).where(col == parent_id))
        self.session.flush()
        for row in wanted:
            self.session.add(model(**row))
        return True

    def touch(self, obj: Any) -> None:
        """A parent whose child list changed gets a new version too."""
        obj.updated_at = utcnow()
        self.changed.setdefault(obj.__tablename__, set()).add(obj.id)


def _strip(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in keys}


def _steps() -> list[tuple[str, Iterable[dict[str, Any]], Any]]:
    return [
        ("municipalities", data.MUNICIPALITIES, _municipality),
        ("actors", data.ACTORS, _actor),
        ("pillars", data.PILLARS, _pillar),
        ("objectives", data.OBJECTIVES, _objective),
        ("dossiers", data.DOSSIERS, _dossier),
        ("actions", data.ACTIONS, _action),
        ("action links", data.ACTIONS, _action_links),
        ("indicators", data.INDICATORS, _indicator),
        ("bodies", data.BODIES, _body),
        ("meetings", data.MEETINGS, _meeting),
        ("dossier events", data.DOSSIERS, _dossier_events),
        ("agreements", data.AGREEMENTS, _agreement),
    ]


def _municipality(ld: Loader, item: dict[str, Any]) -> None:
    ld.upsert(Municipality, seed_id("municipality", item["nis_code"]), item)


def _actor(ld: Loader, item: dict[str, Any]) -> None:
    ld.upsert(Actor, seed_id("actor", item["key"]), _strip(item, "key"))


def _pillar(ld: Loader, item: dict[str, Any]) -> None:
    ld.upsert(Pillar, seed_id("pillar", item["code"]), item)


def _objective(ld: Loader, item: dict[str, Any]) -> None:
    fields = {**_strip(item, "pillar"), "pillar_id": seed_id("pillar", item["pillar"])}
    ld.upsert(Objective, seed_id("objective", item["code"]), fields)


def _ref(kind: str, key: str | None) -> uuid.UUID | None:
    return seed_id(kind, key) if key else None


def _action(ld: Loader, item: dict[str, Any]) -> None:
    fields = {
        **_strip(item, "pillar", "objective", "lead_actor", "partners", "parent", "dossiers"),
        "pillar_id": seed_id("pillar", item["pillar"]),
        "objective_id": _ref("objective", item.get("objective")),
        "lead_actor_id": _ref("actor", item.get("lead_actor")),
    }
    ld.upsert(Action, seed_id("action", item["code"]), fields)


def _action_links(ld: Loader, item: dict[str, Any]) -> None:
    # Second pass: parents and links point at actions and dossiers that now all exist.
    action_id = seed_id("action", item["code"])
    obj = ld.upsert(Action, action_id, {"parent_id": _ref("action", item.get("parent"))})
    ld.session.flush()
    changed = ld.collection(
        ActionPartner,
        "action_id",
        action_id,
        [{"actor_id": seed_id("actor", k)} for k in item.get("partners", [])],
    )
    changed |= ld.collection(
        ActionDossier,
        "action_id",
        action_id,
        [{"dossier_id": seed_id("dossier", k)} for k in item.get("dossiers", [])],
    )
    if changed:
        ld.touch(obj)


def _indicator(ld: Loader, item: dict[str, Any]) -> None:
    indicator_id = seed_id("indicator", item["code"])
    fields = {
        **_strip(item, "action", "measurements"),
        "action_id": _ref("action", item.get("action")),
    }
    ld.upsert(Indicator, indicator_id, fields)
    for m in item.get("measurements", []):
        ld.upsert(
            Measurement,
            seed_id("measurement", f"{item['code']}:{m['date']}"),
            {**m, "indicator_id": indicator_id},
        )


def _body(ld: Loader, item: dict[str, Any]) -> None:
    body_id = seed_id("body", item["code"])
    obj = ld.upsert(Body, body_id, _strip(item, "members"))
    ld.session.flush()
    if ld.collection(
        BodyMember,
        "body_id",
        body_id,
        [{"actor_id": seed_id("actor", k)} for k in item.get("members", [])],
    ):
        ld.touch(obj)


def _meeting(ld: Loader, item: dict[str, Any]) -> None:
    meeting_id = seed_id("meeting", item["key"])
    fields = {
        **_strip(item, "key", "body", "attendance", "decisions", "dossiers"),
        "body_id": seed_id("body", item["body"]),
    }
    obj = ld.upsert(Meeting, meeting_id, fields)
    ld.session.flush()
    changed = ld.collection(
        MeetingAttendance,
        "meeting_id",
        meeting_id,
        [
            {"actor_id": seed_id("actor", a["actor"]), "status": a["status"]}
            for a in item.get("attendance", [])
        ],
    )
    changed |= ld.collection(
        MeetingDecision,
        "meeting_id",
        meeting_id,
        [
            {
                "id": seed_id("decision", f"{item['key']}:{i}"),
                "text": d["text"],
                "action_id": _ref("action", d.get("action")),
                "dossier_id": _ref("dossier", d.get("dossier")),
                "due_date": d.get("due_date"),
            }
            for i, d in enumerate(item.get("decisions", []))
        ],
    )
    changed |= ld.collection(
        MeetingDossier,
        "meeting_id",
        meeting_id,
        [{"dossier_id": seed_id("dossier", k)} for k in item.get("dossiers", [])],
    )
    if changed:
        ld.touch(obj)


def _dossier(ld: Loader, item: dict[str, Any]) -> None:
    fields = {
        **_strip(item, "raised_by", "events"),
        "raised_by_id": _ref("actor", item.get("raised_by")),
    }
    ld.upsert(Dossier, seed_id("dossier", item["code"]), fields)


def _dossier_events(ld: Loader, item: dict[str, Any]) -> None:
    dossier_id = seed_id("dossier", item["code"])
    for i, event in enumerate(item.get("events", [])):
        fields = {
            **_strip(event, "meeting"),
            "dossier_id": dossier_id,
            "meeting_id": _ref("meeting", event.get("meeting")),
        }
        ld.upsert(DossierEvent, seed_id("dossier-event", f"{item['code']}:{i}"), fields)


def _agreement(ld: Loader, item: dict[str, Any]) -> None:
    agreement_id = seed_id("agreement", item["key"])
    fields = {
        **_strip(item, "key", "provider", "municipalities"),
        "provider_id": seed_id("actor", item["provider"]),
    }
    obj = ld.upsert(Agreement, agreement_id, fields)
    ld.session.flush()
    if ld.collection(
        AgreementMunicipality,
        "agreement_id",
        agreement_id,
        [{"municipality": nis} for nis in item["municipalities"]],
    ):
        ld.touch(obj)


def load_dataset(session: Session | None = None) -> dict[str, int]:
    """Load (or bring up to date) the whole dataset; returns changed records per table."""
    if session is not None:
        return _load(session)
    with session_scope(principal=SYSTEM) as own:
        return _load(own)


def _load(session: Session) -> dict[str, int]:
    ld = Loader(session)
    steps = _steps()
    for label, items, fn in steps:
        items = list(items)
        for item in progress(items, len(items), label):
            fn(ld, item)
        session.flush()
    return {table: len(ids) for table, ids in ld.changed.items()}


def actor_id(key: str) -> uuid.UUID:
    """The id of a dataset actor by its key (demo logins and tests use it)."""
    return seed_id("actor", key)
