"""Change feed and audit trail, written in the same transaction as the change itself.

The project's session class (`api.core.session.Session`) runs these functions: `collect` after
every flush gathers each flushed create, update and delete of a `Record`; `write`, just before
the transaction commits, takes the change-feed lock and appends one feed row and one audit row
per record, then runs the commit hooks domains added (the webhook outbox) in that same
transaction. Nothing can write a record through such a session without leaving both."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import insert, inspect, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction

from api.core.hooks import Hooks
from api.core.models import Record
from api.core.principal import SYSTEM, Principal
from api.core.registry import REGISTRY
from api.core.resource import Resource, Visibility
from api.core.types import utcnow
from api.models.audit import AuditEntry
from api.models.change import Change

PENDING = "regie_pending_changes"
AFTER_COMMIT = "regie_after_commit"
# Writers take this lock right before they append to the change feed, so feed sequence numbers
# are handed out in commit order (a poller never sees seq N+1 before seq N has committed).
CHANGE_FEED_LOCK = 0x5245_4749  # "REGI"

# hook(session, changes, written): run by `write` right after it appended the feed and audit
# rows of a commit, in the same transaction, in the order the hooks were added. `changes` are
# the feed rows' values, `written` their `(seq, resource, record_id)`.
CommitHook = Callable[
    [OrmSession, Sequence[Mapping[str, Any]], Sequence[tuple[int, str, uuid.UUID]]], object
]
COMMIT_HOOKS: Hooks[CommitHook] = Hooks()


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


def collect(session: OrmSession, flush: UOWTransaction) -> None:
    """After a flush: remember what it wrote of each record (the session's `after_flush`)."""
    pending = _pending(session)
    for op, objs in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objs:
            if not isinstance(obj, Record):
                continue
            spec = REGISTRY.of_model(type(obj))
            if spec is None:
                # Writing it without its feed and audit rows would go unnoticed: refuse.
                raise LookupError(
                    f"{type(obj).__name__} is not a registered resource: call "
                    "api.resources.load_all() where the program starts"
                )
            if op == "update" and not session.is_modified(obj, include_collections=False):
                continue
            key = (spec.name, obj.id)
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
            entry["visibility"] = _visibility(spec, obj)
            entry["obj"] = obj


def _visibility(spec: Resource | None, record: Any) -> Visibility:
    if spec is None or spec.visibility is None:
        return ("internal", [], [])
    return spec.visibility(record)


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
        "visibility": _visibility(REGISTRY.get(resource), view),
        "obj": view,
    }


def write(session: OrmSession) -> None:
    """Before the commit: the feed and audit rows of what was collected, then the commit hooks
    (the session's `before_commit`)."""
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
        spec = REGISTRY.get(resource)
        # A live record is asked again at commit: its child rows (partners, members) may have
        # been written after its last flush. A deleted one keeps what it said while it lived.
        visibility, actors, municipalities = (
            entry["visibility"] if deleted else _visibility(spec, entry["obj"])
        )
        fk = spec.parent_fk if spec is not None else None
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
    # What the domains write with the change (the webhook outbox), in this same transaction:
    # committed with the change or not at all.
    rows = [(int(s), r, i) for s, r, i in written]
    for hook in COMMIT_HOOKS:
        hook(session, changes, rows)
    session.info[AFTER_COMMIT] = [(c["resource"], c["record_id"]) for c in changes]


def discard(session: OrmSession) -> None:
    """After a rollback: forget what was collected (the session's `after_rollback`)."""
    session.info.pop(PENDING, None)


def lock_change_feed(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_FEED_LOCK})
