"""Conditional and cached list reads: a list's `ETag` and a bounded cache of its pages.

Every write of a record, by whatever path (the API, `regie import`, the command line, a
cascading delete, an audience that loses sight of a record, a migration's data step), appends
to the change feed in its own transaction (`api.core.unitofwork`; migrations through
`unitofwork.mark_feed`). The feed's head, `max(seq)`, is therefore a version of everything a
list shows: while it stays put, a page asked again with the same query by a caller of the same
scope (role, bound actor or municipality, token scopes) is the same page, byte for byte.

So a list's tag is a digest of (head, scope, path and query): `If-None-Match` with it answers
304 after one index-only query, and a page asked again is served from this process's memory
after that same query. Each instance keeps its own cache and validates every hit against the
database, so several instances need no shared store and none serves a page older than the
last committed write. What the feed does not version stays out: lists whose records carry
bookkeeping written without a feed row (`Resource.reads_follow_feed`), and filters whose
answer moves with the clock (`Resource.clock_filters`); those get a tag of their body (304
saves the bytes, not the work). A restore replaces the database under the instances: restart
them (docs/deploy.md asks to stop them while restoring)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, column, func, select, table

from api.core.config import get_settings
from api.core.principal import Principal

# The feed's head by its primary key: one index lookup on PostgreSQL and SQLite alike. A
# scalar subquery, so that the caller's account comes in the same statement
# (`api.core.deps.subject_and_head`).
FEED_HEAD = select(func.max(column("seq"))).select_from(table("changes")).scalar_subquery()
_HEAD = select(FEED_HEAD)


def feed_head(connection: Connection) -> int:
    return int(connection.execute(_HEAD).scalar() or 0)


_ENDS: Any = select(func.max(column("seq")), func.min(column("seq"))).select_from(table("changes"))


def feed_ends(connection: Connection) -> tuple[int, int]:
    """The feed's head and tail (pruning moves the tail), in one statement of two index
    lookups."""
    head, tail = connection.execute(_ENDS).one()
    return int(head or 0), int(tail or 0)


def scope_key(principal: Principal) -> str:
    """What of the caller a list's page depends on: the permission table's row (role and
    token scopes) and what OWN means for it (the bound actor or municipality). Two people of
    the same scope read the same page (`allowed` included); the subject is not part of it."""
    scopes = ",".join(sorted(principal.scopes))
    return f"{principal.role.value}|{principal.actor_id}|{principal.municipality}|{scopes}"


def list_tag(head: int, key: str) -> str:
    """The list's strong ETag at this head: the same bytes answer it on every instance. Keyed
    with the service's secret, so nobody can forge the tag of a page they never got (a 304
    would tell them the feed's head)."""
    digest = hashlib.blake2b(f"{head}|{key}".encode(), digest_size=12, key=_tag_key()).hexdigest()
    return f'"l-{digest}"'


@lru_cache
def _tag_key() -> bytes:
    return hashlib.sha256(b"list-etag|" + get_settings().secret_key.encode()).digest()


def body_tag(body: bytes) -> str:
    """The tag of a page the feed does not version: a digest of its bytes."""
    return f'"b-{hashlib.blake2b(body, digest_size=12).hexdigest()}"'


class PageCache:
    """Pages by (scope, path and query), each with the feed head it was read at; least
    recently used first out once their bytes pass `max_bytes` (0: nothing is kept)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[int, bytes, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # routes run on a thread pool

    def get(self, key: str, head: int) -> tuple[bytes, Any] | None:
        """The page kept for `key` if it was read at this head."""
        entry = self._pages.get(key)
        if entry is None or entry[0] != head:
            return None
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
        return entry[1], entry[2]

    def put(self, key: str, head: int, body: bytes, extra: Any) -> None:
        size = len(body) + len(key)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1]) + len(key)
            self._pages[key] = (head, body, extra)
            self._bytes += size
            while self._bytes > self.max_bytes:
                dropped, (_, dropped_body, _) = self._pages.popitem(last=False)
                self._bytes -= len(dropped_body) + len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    @property
    def size(self) -> tuple[int, int]:
        """(pages, bytes) kept."""
        return len(self._pages), self._bytes
