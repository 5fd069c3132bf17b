"""Reading the audit trail (W13). Entries are written by `api.core.unitofwork` in the same
transaction as the change they describe; nothing here or anywhere in the API changes them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from api.accounts.schemas import AuditFilters
from api.core.errors import not_found
from api.core.pagination import after_clause, decode_cursor, encode_cursor
from api.core.permissions import Verb, require
from api.core.principal import Principal
from api.models.audit import AuditEntry

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
        conditions.append(AuditEntry.record_id == params.record)
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


def get_entry(session: Session, principal: Principal, entry_id: uuid.UUID) -> AuditEntry:
    require(principal, RESOURCE, Verb.read)
    entry = session.get(AuditEntry, entry_id)
    if entry is None:
        raise not_found("Audit entry")
    return entry
