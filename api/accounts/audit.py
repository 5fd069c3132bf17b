"""Reading the audit trail (W13). Entries are written by `api.core.unitofwork` in the same
transaction as the change they describe; nothing here or anywhere in the API changes them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.accounts.schemas import AuditFilters, AuditRead
from api.core.errors import not_found
from api.core.pagination import after_clause, decode_cursor, encode_cursor
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.models.audit import AuditEntry
from api.models.client import ApiClient
from api.models.user import User

RESOURCE = "audit"


def list_entries(
    session: Session, principal: Principal, params: AuditFilters
) -> tuple[list[AuditEntry], str | None]:
    """One page of entries, newest first, in keyset order (`at` descending, then id)."""
    require(principal, RESOURCE, Verb.read)
    query = select(AuditEntry)
    conditions: list[Any] = []
    if params.resource is not None:
        conditions.append(AuditEntry.resource == params.resource)
    if params.record is not None:
        conditions.append(_record_clause(params.record))
    if params.actor is not None:
        conditions.append(AuditEntry.actor_id == params.actor)
    if params.op is not None:
        conditions.append(AuditEntry.op == params.op)
    if params.since is not None:
        conditions.append(AuditEntry.at >= params.since)
    if params.until is not None:
        conditions.append(AuditEntry.at < params.until)
    columns: list[Any] = [AuditEntry.at, AuditEntry.id]
    if params.cursor:
        conditions.append(
            after_clause(columns, decode_cursor(params.cursor, columns), descending=True)
        )
    if conditions:
        query = query.where(*conditions)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.asc())  # type: ignore[attr-defined]
    rows = list(session.scalars(query.limit(params.limit + 1)))
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        next_cursor = encode_cursor([rows[-1].at, rows[-1].id])
    return rows, next_cursor


def _record_clause(record: str) -> Any:
    """A whole id, or the first hex digits of one: the ids in that range of the record-id
    index (a UUID's bytes sort as its hex digits do, on PostgreSQL and as SQLite stores it)."""
    digits = record.replace("-", "").lower()
    low, high = uuid.UUID(digits.ljust(32, "0")), uuid.UUID(digits.ljust(32, "f"))
    if low == high:
        return AuditEntry.record_id == low
    return AuditEntry.record_id.between(low, high)  # type: ignore[attr-defined]


def actor_names(session: Session, entries: Sequence[AuditEntry]) -> dict[str, str]:
    """The names of the people and API clients behind a page of entries, as they are now: a
    reader knows colleagues by name, not by e-mail or id. One query per kind."""
    names: dict[str, str] = {}
    for kind, model in (("user", User), ("client", ApiClient)):
        ids = set()
        for e in entries:
            if e.actor_kind == kind and e.actor_id:
                try:
                    ids.add(uuid.UUID(e.actor_id))
                except ValueError:
                    continue
        if ids:
            rows = session.execute(select(model.id, model.name).where(model.id.in_(ids)))  # type: ignore[attr-defined]
            names.update({f"{kind}:{i}": name for i, name in rows})
    return names


def read(entry: AuditEntry, names: dict[str, str]) -> AuditRead:
    out = AuditRead.model_validate(entry)
    out.actor_name = names.get(f"{entry.actor_kind}:{entry.actor_id}")
    return out


def get_entry(session: Session, principal: Principal, entry_id: uuid.UUID) -> AuditEntry:
    require(principal, RESOURCE, Verb.read)
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise not_found("Audit entry")
    return entry
