"""The change feed: what changed, in commit order, filtered to what the caller may read.

Sequence numbers are handed out under a transaction-scoped lock taken just before commit
(`api.core.unitofwork.lock_change_feed`), so they become visible in order: a poller that stores the
last `seq` it saw never skips a change that commits later with a smaller number."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import String, cast, delete, false, func, or_, select
from sqlmodel import Session, col

from api.core.errors import ProblemError
from api.core.permissions import ALL as ALL_GRANT
from api.core.permissions import TABLE, Cond, Verb, grant_for, require
from api.core.principal import Principal
from api.core.resource import Clause
from api.core.types import utcnow
from api.core.unitofwork import EVERYONE, REVOKE
from api.models.change import Change

# What the permission table's OWN means for the feed, in words, for the documentation (the feed
# has no `Resource` spec to carry it: see `Resource.permission_text`).
PERMISSION_TEXT = {
    Cond.OWN: "changes to records it may read",
    Cond.PUBLIC: "changes to records of the public view",
}


def visible_clause(principal: Principal) -> Clause:
    """Rows of the feed this caller may see."""
    require(principal, "changes", Verb.read)
    # Revoke rows tell an audience limited to part of a resource that a record left it; a reader
    # of every record never loses sight of one, so never gets them.
    not_revoke: Clause = col(Change.op) != REVOKE
    if grant_for(principal, "changes", Verb.read) == ALL_GRANT:
        return not_revoke
    clauses = []
    for resource in TABLE:
        grant = grant_for(principal, resource, Verb.read)
        if grant is None:
            continue
        of_resource = Change.resource == resource
        if grant.cond is Cond.ALL:
            clauses.append(of_resource & not_revoke)
        elif grant.cond is Cond.PUBLIC:
            clauses.append(of_resource & (Change.visibility == "public"))
        elif principal.actor_id is not None:
            clauses.append(
                of_resource
                & (
                    cast(Change.actor_ids, String).contains(
                        f'"{principal.actor_id}"', autoescape=True
                    )
                    | cast(Change.actor_ids, String).contains(f'"{EVERYONE}"', autoescape=True)
                )
            )
        elif principal.municipality is not None:
            clauses.append(
                of_resource
                & (
                    cast(Change.municipalities, String).contains(
                        f'"{principal.municipality}"', autoescape=True
                    )
                    | cast(Change.municipalities, String).contains(f'"{EVERYONE}"', autoescape=True)
                )
            )
    return or_(*clauses) if clauses else false()


def parse_cursor(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if not cursor.isdigit() or len(cursor) > 19:
        raise ProblemError(
            400, "cursor_invalid.detail", errors=[(("query", "cursor"), "cursor_invalid")]
        )
    return int(cursor)


def read_changes(
    session: Session,
    principal: Principal,
    cursor: str | None,
    limit: int,
    resource: str | None = None,
) -> tuple[list[Change], int, bool]:
    """A page after `cursor`: (rows, next cursor, more available)."""
    after = parse_cursor(cursor)
    clause = visible_clause(principal)
    if after > 0:
        oldest = session.scalar(select(func.min(Change.seq)))
        if oldest is not None and after + 1 < oldest:
            raise ProblemError(410, "cursor_gone")
    query = select(Change).where(Change.seq > after, clause)
    if resource:
        query = query.where(Change.resource == resource)
    rows = list(session.scalars(query.order_by(Change.seq).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = rows[-1].seq if rows else after
    return rows, int(next_cursor or 0), more


def latest_cursor(session: Session) -> int:
    return int(session.scalar(select(func.max(Change.seq))) or 0)


def prune(session: Session, days: int) -> int:
    """Drop changes older than `days`, keeping the newest row so the feed's position survives.

    The cut is the first row (in feed order) young enough to keep: everything before it is
    older, and finding it walks the primary key over just the rows to delete, so an hourly
    prune costs what it removes, not a scan of the feed (`at` has no index of its own)."""
    newest = latest_cursor(session)
    first_kept = session.execute(
        select(Change.seq)
        .where(Change.at >= utcnow() - timedelta(days=days))
        .order_by(Change.seq)
        .limit(1)
    ).scalar_one_or_none()
    cut = newest if first_kept is None else min(first_kept, newest)
    result = session.execute(delete(Change).where(Change.seq < cut))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
