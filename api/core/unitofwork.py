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

from sqlalchemy import Connection, func, insert, inspect, select, text
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
# What writes did to records' collections (child rows written by plain statements, which
# the flush does not see): the audit trail's before and after hold them beside the columns.
COLLECTIONS = "regie_pending_collections"
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

# hook(session, entries) -> [(resource, record), ...]: records whose feed entry must be issued
# again because of what this commit wrote, though they were not written themselves: their
# audience depends on other records (a meeting's on its body's members, a measurement's on its
# indicator) or they show a field derived from one (an agreement's provider name). `entries`
# maps (resource, id) to what `collect` gathered: "op", "before" and "after" (snapshots of the
# record's columns; None where it did not exist). Domains add these; core knows none of them.
ReissueHook = Callable[[OrmSession, Mapping[tuple[str, uuid.UUID], Mapping[str, Any]]], Any]
REISSUE_HOOKS: Hooks[ReissueHook] = Hooks()

# The op stored for an audience that could read a record before a change and cannot after it:
# readers it matches get a tombstone (`op: "delete"`), readers who may read every record of the
# resource never match it (see `api.sync.service.visible_clause`).
REVOKE = "revoke"
# In a revoke row's actor ids and municipalities: everyone (the record's earlier audience is
# unknown because its feed rows were pruned); readers who still see it get its upsert next.
EVERYONE = "*"


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


def note_collections(
    session: OrmSession,
    resource: str,
    record_id: uuid.UUID,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    """A record's collections (partners, attendance, decisions, ...) before and after a write,
    for its audit entry: the first `before` of a transaction and the last `after` count, as
    for its columns."""
    notes: dict[tuple[str, uuid.UUID], dict[str, Any]] = session.info.setdefault(COLLECTIONS, {})
    note = notes.setdefault((resource, record_id), {})
    if before is not None and "before" not in note:
        note["before"] = jsonable(dict(before))
    if after is not None:
        note["after"] = jsonable(dict(after))


def _with_collections(
    snapshot: dict[str, Any] | None, collections: dict[str, Any] | None
) -> dict[str, Any] | None:
    if snapshot is None or not collections:
        return snapshot
    return {**snapshot, **collections}


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


def _reissue(session: OrmSession, pending: dict[tuple[str, uuid.UUID], dict[str, Any]]) -> None:
    """Add the records the domains' re-issue hooks name (not written by this commit)."""
    if not REISSUE_HOOKS:
        return
    entries = {k: v for k, v in pending.items() if v["op"] != "noop"}
    for hook in REISSUE_HOOKS:
        for resource, record in hook(session, entries) or ():
            key = (resource, record.id)
            if key in pending:
                continue
            pending[key] = {
                "op": "reissue",
                "before": None,
                "after": None,
                "version": record.version,
                "obj": record,
            }


def _last_audiences(
    session: OrmSession, keys: Sequence[tuple[str, uuid.UUID]]
) -> dict[tuple[str, uuid.UUID], Visibility]:
    """What the feed last told about each record: who it said may see it (under the feed lock,
    so no other writer appends meanwhile)."""
    by_resource: dict[str, list[uuid.UUID]] = {}
    for resource, record_id in keys:
        by_resource.setdefault(resource, []).append(record_id)
    feed = Change.__table__  # type: ignore[attr-defined]
    out: dict[tuple[str, uuid.UUID], Visibility] = {}
    for resource, ids in by_resource.items():
        for i in range(0, len(ids), 500):
            latest = (
                select(func.max(feed.c.seq))
                .where(
                    feed.c.resource == resource,
                    feed.c.record_id.in_(ids[i : i + 500]),
                    feed.c.op != REVOKE,
                )
                .group_by(feed.c.record_id)
            )
            rows = session.execute(
                select(
                    feed.c.record_id, feed.c.visibility, feed.c.actor_ids, feed.c.municipalities
                ).where(feed.c.seq.in_(latest))
            )
            for record_id, visibility, actors, municipalities in rows:
                out[(resource, record_id)] = (
                    visibility,
                    list(actors or []),
                    list(municipalities or []),
                )
    return out


def _lost(before: Visibility | None, after: Visibility | None) -> Visibility | None:
    """The audience of `before` that `after` leaves out, or None when nobody lost sight."""
    if before is None:  # unknown: tell everyone; who still sees it gets the upsert right after
        return (
            "public" if after is None or after[0] != "public" else "restricted",
            [EVERYONE],
            [EVERYONE],
        )
    after = after or ("restricted", [], [])
    public = before[0] == "public" and after[0] != "public"
    actors = [a for a in before[1] if a not in after[1]]
    municipalities = [m for m in before[2] if m not in after[2]]
    if not (public or actors or municipalities):
        return None
    return ("public" if public else "restricted", actors, municipalities)


def _union(a: Visibility, b: Visibility | None) -> Visibility:
    if b is None:
        return a
    return (
        "public" if "public" in (a[0], b[0]) else a[0],
        list(dict.fromkeys([*a[1], *b[1]])),
        list(dict.fromkeys([*a[2], *b[2]])),
    )


def write(session: OrmSession) -> None:
    """Before the commit: the feed and audit rows of what was collected, then the commit hooks
    (the session's `before_commit`).

    Each record's audience is compared with the one its last feed row gave: an audience that
    could read it before and cannot now gets a revoke row (served as a tombstone) right before
    the record's upsert, so a mirror drops what left its view. The domains' re-issue hooks add
    the records whose audience or derived fields this commit changed without writing them."""
    session.flush()
    pending = session.info.pop(PENDING, None)
    notes = session.info.pop(COLLECTIONS, None) or {}
    if not pending:
        return
    # Taken before the audiences are read: they and the feed's last rows are then those of
    # every commit before this one (on PostgreSQL each statement sees what committed before it).
    lock_change_feed(session)
    _reissue(session, pending)
    principal: Principal = session.info.get("principal") or SYSTEM
    request_id = session.info.get("request_id")
    changes: list[dict[str, Any]] = []
    audits = []
    now = utcnow()
    known = _last_audiences(
        session, [k for k, e in pending.items() if e["op"] not in ("create", "noop")]
    )
    for (resource, record_id), entry in pending.items():
        if entry["op"] == "noop":
            continue
        deleted = entry["op"] == "delete"
        spec = REGISTRY.get(resource)
        # A live record is asked again at commit: its child rows (partners, members) may have
        # been written after its last flush. A deleted one keeps what it said while it lived.
        audience = entry["visibility"] if deleted else _visibility(spec, entry["obj"])
        before = None if entry["op"] == "create" else known.get((resource, record_id))
        fk = spec.parent_fk if spec is not None else None
        parent = (entry["after"] or entry["before"] or {}).get(fk) if fk else None
        if parent is None and fk and entry["obj"] is not None:
            parent = getattr(entry["obj"], fk, None)
        row = {
            "resource": resource,
            "record_id": record_id,
            "parent_id": uuid.UUID(str(parent)) if parent else None,
            "op": "delete" if deleted else "upsert",
            "version": entry["version"],
            "at": now,
        }
        if deleted:
            # Whoever the feed last showed it to, and whoever could see it while it lived.
            audience = _union(audience, before)
        elif entry["op"] != "create":
            lost = _lost(before, audience)
            if lost is not None:
                changes.append(
                    {
                        **row,
                        "op": REVOKE,
                        "visibility": lost[0],
                        "actor_ids": lost[1],
                        "municipalities": lost[2],
                    }
                )
        changes.append(
            {
                **row,
                "visibility": audience[0],
                "actor_ids": audience[1],
                "municipalities": audience[2],
            }
        )
        if entry["op"] == "reissue":
            continue  # the record itself did not change: nothing for the audit trail
        note = notes.get((resource, record_id), {})
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
                "before": _with_collections(entry["before"], note.get("before")),
                "after": _with_collections(entry["after"], note.get("after")),
            }
        )
    if not changes:
        return
    # Core inserts of the tables, not ORM bulk inserts of the entities: the same rows, without
    # the ORM's bookkeeping per row (a bulk import writes 100k of each in one commit).
    feed, trail = Change.__table__, AuditEntry.__table__  # type: ignore[attr-defined]
    written = session.execute(
        insert(feed).returning(
            feed.c.seq, feed.c.resource, feed.c.record_id, sort_by_parameter_order=True
        ),
        changes,
    ).all()
    if audits:
        session.execute(insert(trail), audits)
    # What the domains write with the change (the webhook outbox), in this same transaction:
    # committed with the change or not at all. Revoke rows are not theirs: they only matter to
    # readers limited to part of a resource, and hooks get one row per record.
    kept = [
        (c, (int(s), r, i))
        for c, (s, r, i) in zip(changes, written, strict=True)
        if c["op"] != REVOKE
    ]
    hook_changes = [c for c, _ in kept]
    rows = [w for _, w in kept]
    for hook in COMMIT_HOOKS:
        hook(session, hook_changes, rows)
    session.info[AFTER_COMMIT] = [(c["resource"], c["record_id"]) for c in hook_changes]


def discard(session: OrmSession) -> None:
    """After a rollback: forget what was collected (the session's `after_rollback`)."""
    session.info.pop(PENDING, None)
    session.info.pop(COLLECTIONS, None)


def wrote_last(
    session: OrmSession, principal: Principal, resource: str, record_id: uuid.UUID
) -> bool:
    """Whether `principal` made the last change the audit trail holds of a record (for a 412:
    the other write was the caller's own). One indexed read of (resource, record_id)."""
    trail = AuditEntry.__table__  # type: ignore[attr-defined]
    last = session.execute(
        select(trail.c.actor_kind, trail.c.actor_id)
        .where(trail.c.resource == resource, trail.c.record_id == record_id)
        .order_by(trail.c.at.desc())
        .limit(1)
    ).first()
    return last is not None and tuple(last) == (principal.kind, principal.subject)


# The resource name of `mark_feed`'s rows: no resource of the permission table, so no reader's
# feed clause matches one (and as revoke rows they are hidden from readers of everything).
FEED_MARK = "*"


def mark_feed(connection: Connection) -> None:
    """Move the feed's head for a write made outside the unit of work (a migration's data
    step): one row nobody reads (a revoke with no audience), so that list ETags and the page
    caches of every instance (`api.core.pagecache`) see that the data changed."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_FEED_LOCK})
    connection.execute(
        insert(Change.__table__),  # type: ignore[attr-defined]
        {
            "resource": FEED_MARK,
            "record_id": uuid.UUID(int=0),
            "parent_id": None,
            "op": REVOKE,
            "version": 0,
            "at": utcnow(),
            "visibility": "restricted",
            "actor_ids": [],
            "municipalities": [],
        },
    )


def lock_change_feed(session: OrmSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_FEED_LOCK})


def changed(entry: Mapping[str, Any], *fields: str) -> bool:
    """For a re-issue hook: did this write create, delete, or change one of these columns?"""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    if entry["op"] in ("create", "delete"):
        return True
    return any(before.get(f) != after.get(f) for f in fields)


def ids_of(
    entries: Mapping[tuple[str, uuid.UUID], Mapping[str, Any]],
    resource: str,
    *fields: str,
    ops: tuple[str, ...] = ("create", "update", "delete"),
) -> list[uuid.UUID]:
    """For a re-issue hook: the ids of `resource` this commit wrote with one of `ops`, limited
    to those where one of `fields` changed when fields are given."""
    return [
        record_id
        for (name, record_id), entry in entries.items()
        if name == resource and entry["op"] in ops and (not fields or changed(entry, *fields))
    ]


def load_where(
    session: OrmSession, model: type[Record], column: Any, values: Sequence[Any]
) -> list[Record]:
    """For a re-issue hook: the records whose `column` is one of `values`, a chunk at a time."""
    out: list[Record] = []
    values = list(dict.fromkeys(v for v in values if v is not None))
    for i in range(0, len(values), 500):
        out += session.scalars(select(model).where(column.in_(values[i : i + 500])))
    return out
