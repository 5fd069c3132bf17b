"""Change feed and audit trail, written in the same transaction as the change itself.

Listeners on every Session collect each flushed create, update and delete of a `Record`;
just before the transaction commits they take the change-feed lock and append one feed row
and one audit row per record. Nothing can write a record without leaving both."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction

from api.core.db import lock_change_feed
from api.core.models import Record
from api.core.principal import SYSTEM, Principal
from api.core.types import utcnow
from api.models.audit import AuditEntry
from api.models.change import Change
from api.webhooks.outbox import enqueue as enqueue_webhooks

# resource name -> function(record) -> (visibility, actor ids, municipality NIS codes)
Visibility = tuple[str, list[str], list[str]]
VISIBILITY: dict[str, Callable[[Any], Visibility]] = {}
# Nested resources (measurements, dossier events) -> the column naming their parent: a feed item
# carries it, so a syncing system can read the record at its nested path.
PARENT_FK: dict[str, str] = {}
PENDING = "regie_pending_changes"
AFTER_COMMIT = "regie_after_commit"


def jsonable(value: Any) -> Any:
    if value is None or type(value) in (str, int, bool, float):  # most values: one test
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: Record, *, before: bool = False) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in obj.audit_exclude:
            continue
        value = getattr(obj, attr.key)
        if before:  # the attribute's history is costly: only an update's "before" needs it
            hist = state.attrs[attr.key].history
            value = hist.deleted[0] if hist.deleted else value
        out[attr.key] = jsonable(value)
    return out


def _pending(session: OrmSession) -> dict[tuple[str, uuid.UUID], dict[str, Any]]:
    pending: dict[tuple[str, uuid.UUID], dict[str, Any]] = session.info.setdefault(PENDING, {})
    return pending


@event.listens_for(OrmSession, "after_flush")
def _collect(session: OrmSession, flush: UOWTransaction) -> None:
    from api.resources import load_all

    load_all()
    pending = _pending(session)
    for op, objs in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objs:
            if not isinstance(obj, Record) or not obj.resource:
                continue
            if op == "update" and not session.is_modified(obj, include_collections=False):
                continue
            key = (obj.resource, obj.id)
            entry = pending.get(key)
            if entry is None:
                before = None if op == "create" else snapshot(obj, before=True)
                if op == "update" and before is not None:
                    # The version counter is bumped by the flush itself and keeps no history.
                    before["version"] = obj.version - 1
                entry = pending[key] = {"op": op, "before": before}
            elif op == "delete":
                entry["op"] = "delete" if entry["op"] != "create" else "noop"
            entry["after"] = None if op == "delete" else snapshot(obj)
            entry["version"] = obj.version
            entry["visibility"] = VISIBILITY.get(obj.resource, _internal)(obj)
            entry["obj"] = obj


def _internal(_: Any) -> Visibility:
    return ("internal", [], [])


def record_created(
    session: OrmSession, resource: str, record_id: uuid.UUID, after: dict[str, Any], view: Any
) -> None:
    """A record inserted without the ORM (`api.exchange.dump`'s bulk import): it gets the feed,
    audit and webhook rows of a flushed create. `after` is what `snapshot` would say of it;
    `view` (an `api.core.bulk.RecordView`) is what its visibility function is asked."""
    _pending(session)[(resource, record_id)] = {
        "op": "create",
        "before": None,
        "after": after,
        "version": after["version"],
        "visibility": VISIBILITY.get(resource, _internal)(view),
        "obj": view,
    }


@event.listens_for(OrmSession, "before_commit")
def _write(session: OrmSession) -> None:
    session.flush()
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    principal: Principal = session.info.get("principal") or SYSTEM
    request_id = session.info.get("request_id")
    changes, audits = [], []
    now = utcnow()
    for (resource, record_id), entry in pending.items():
        if entry["op"] == "noop":
            continue
        deleted = entry["op"] == "delete"
        # A live record is asked again at commit: its child rows (partners, members) may have
        # been written after its last flush. A deleted one keeps what it said while it lived.
        visibility, actors, municipalities = (
            entry["visibility"] if deleted else VISIBILITY.get(resource, _internal)(entry["obj"])
        )
        fk = PARENT_FK.get(resource)
        parent = (entry["after"] or entry["before"] or {}).get(fk) if fk else None
        changes.append(
            {
                "resource": resource,
                "record_id": record_id,
                "parent_id": uuid.UUID(str(parent)) if parent else None,
                "op": "delete" if deleted else "upsert",
                "version": entry["version"],
                "at": now,
                "visibility": visibility,
                "actor_ids": actors,
                "municipalities": municipalities,
            }
        )
        audits.append(
            {
                "id": uuid.uuid4(),
                "at": now,
                "actor_kind": principal.kind,
                "actor_id": principal.subject,
                "actor_label": principal.label,
                "request_id": request_id,
                "resource": resource,
                "record_id": record_id,
                "op": entry["op"],
                "before": entry["before"],
                "after": entry["after"],
            }
        )
    if not changes:
        return
    lock_change_feed(session)
    # Core inserts of the tables, not ORM bulk inserts of the entities: the same rows, without
    # the ORM's bookkeeping per row (a bulk import writes 100k of each in one commit).
    feed, trail = Change.__table__, AuditEntry.__table__  # type: ignore[attr-defined]
    written = session.execute(
        insert(feed).returning(feed.c.seq, feed.c.resource, feed.c.record_id), changes
    ).all()
    session.execute(insert(trail), audits)
    # The webhook outbox, in this same transaction: committed with the change or not at all.
    enqueue_webhooks(session, changes, [(int(s), r, i) for s, r, i in written])
    session.info[AFTER_COMMIT] = [(c["resource"], c["record_id"]) for c in changes]


@event.listens_for(OrmSession, "after_rollback")
def _discard(session: OrmSession) -> None:
    session.info.pop(PENDING, None)
