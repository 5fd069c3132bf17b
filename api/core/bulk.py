"""What bulk writes (the whole-dataset import, `api.exchange.dump`) share with the services.

A bulk write inserts records with Core `executemany`, without ORM objects. The change feed
still needs each record's audience, so the services' `visibility` functions are given a
`RecordView` in place of the record: its stored values, its list fields (an action's
partners, an agreement's municipalities) and the session. They reach the session and the
remembered child rows through `session_of` and `info_of`, which work for both.

While a bulk write checks its rows, `bulk_lookups` lets the services' rules keep the answers
of lookups that cannot change during the check (reference data such as the municipalities'
periods), instead of asking the database again for every row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session, object_session

T = TypeVar("T")
LOOKUPS = "regie_bulk_lookups"


class RecordView:
    """A record written without the ORM, as the change feed's audience functions read it."""

    def __init__(self, session: Session, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self._session = session
        self._info: dict[str, Any] = {}


def session_of(record: Any) -> Session | None:
    """The session of an ORM record or of a `RecordView`."""
    if isinstance(record, RecordView):
        return record._session
    return object_session(record)


def info_of(record: Any) -> dict[str, Any]:
    """Per-record scratch space (`InstanceState.info` of an ORM record)."""
    if isinstance(record, RecordView):
        return record._info
    info: dict[str, Any] = inspect(record).info
    return info


@contextmanager
def bulk_lookups(session: Session) -> Iterator[None]:
    """Within this block, `lookup` keeps what it loaded; the caller ends the block before it
    writes anything the lookups read."""
    session.info[LOOKUPS] = {}
    try:
        yield
    finally:
        session.info.pop(LOOKUPS, None)


def in_bulk(session: Session) -> bool:
    return LOOKUPS in session.info


def lookup(session: Session, key: str, load: Callable[[], T]) -> T:
    """`load()`, asked once per `bulk_lookups` block (every time outside one)."""
    memo: dict[str, Any] | None = session.info.get(LOOKUPS)
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    value: T = memo[key]
    return value
