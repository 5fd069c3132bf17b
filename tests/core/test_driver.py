"""List pages sent to the driver past SQLAlchemy's execution layer (`api.core.driver`): the same
items and cursors as SQLAlchemy's execution, for every resource, role and kind of filter;
statements it cannot send as SQLAlchemy would are left to SQLAlchemy; the driver's errors are
SQLAlchemy's. On SQLite every page is executed by SQLAlchemy."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

from api.core import driver, reads
from api.core.db import session_scope
from api.core.pagination import ListParams
from api.core.principal import Principal
from api.core.registry import REGISTRY
from api.core.resource import Resource
from api.core.session import Session
from api.resources import load_all
from api.seed.loader import load_dataset
from tests.conftest import IS_PG
from tests.core.test_page_json import walk_pages
from tests.core.test_page_writer import _principals


def _walk(
    engine: sa.Engine,
    principal: Principal,
    spec: Resource,
    driven: set[str],
    **filters: Any,
) -> list[tuple[bytes, str | None]]:
    """Every page of the list (4 items a page), as `reads.page_json` answers them; the lists
    whose pages went to the driver are added to `driven`."""
    pages: list[tuple[bytes, str | None]] = []

    def read(session: Session, params: ListParams, parent_id: Any) -> str | None:
        before = len(SENT)
        page = reads.page_json(session, principal, spec, params, parent_id)
        pages.append(page)
        if len(SENT) > before:
            driven.add(spec.name)
        return page[1]

    walk_pages(engine, principal, spec, 4, read, **filters)
    return pages


SENT: list[str] = []  # the statements the driver was sent


# A filter of each kind of bound value: dates and moments (a type processor of their own),
# booleans, enumerations, ids, text, numbers; another order; a search.
FILTERS: list[tuple[str, dict[str, Any]]] = [
    ("actions", {"updated_since": datetime(2000, 1, 1, tzinfo=UTC)}),
    ("actions", {"published": True}),
    ("actions", {"status": "in_progress"}),
    ("actions", {"year": 2023}),
    ("actions", {"sort": "-progress"}),
    ("actions", {"sort": "lead"}),
    ("actions", {"q": "e"}),
    ("actors", {"rose_member": True, "q": "a"}),
    ("municipalities", {"active_on": "2024-01-01", "w13_member": True}),
    ("agreements", {"sort": "-end_date"}),
    ("meetings", {"starts_from": "2020-01-01"}),
    ("users", {"active": True}),
]


def test_pages_sent_to_the_driver_are_sqlalchemys(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_dataset()
    load_all()
    driven: set[str] = set()
    driver.OBSERVERS.append(lambda sql, params: SENT.append(sql))
    try:
        answers = _every_walk(engine, driven)
    finally:
        driver.OBSERVERS.pop()
    # SQLAlchemy executes them all: the same pages, item for item, cursor for cursor.
    monkeypatch.setattr(driver, "page_rows", lambda *args: None)
    assert _every_walk(engine, set()) == answers
    assert sum(len(pages) for pages in answers) > 300
    if IS_PG:
        # The lists PostgreSQL writes go to the driver (the others are read as rows).
        assert {"actions", "actors", "municipalities", "users"} <= driven
    else:
        assert not driven


def _every_walk(engine: sa.Engine, driven: set[str]) -> list[list[tuple[bytes, str | None]]]:
    answers = []
    for principal in _principals(engine):
        for spec in REGISTRY.values():
            answers.append(_walk(engine, principal, spec, driven))
        for name, filters in FILTERS:
            answers.append(_walk(engine, principal, REGISTRY[name], driven, **filters))
    return answers


def _statement(where: Any = None) -> Any:
    table = REGISTRY["actions"].model.__table__  # type: ignore[attr-defined]
    query = sa.select(table.c.code, table.c.id, table.c.updated_at).order_by(table.c.code)
    return (query if where is None else query.where(where)).limit(
        sa.bindparam("page_limit", 3, literal_execute=True)
    )


def test_what_the_driver_cannot_send_is_left_to_sqlalchemy(engine: sa.Engine) -> None:
    load_dataset()
    load_all()
    table = REGISTRY["actions"].model.__table__  # type: ignore[attr-defined]
    with session_scope(engine, write=False) as session:
        connection = session.connection()
        plain = driver.page_rows(connection, _statement(table.c.progress >= 0), {})
        # An IN of a list of values: its SQL depends on how many there are.
        listed = _statement(table.c.status.in_(["in_progress"]))
        expanding = driver.page_rows(connection, listed, {})
        expected = connection.execute(_statement(table.c.progress >= 0)).all()
    assert expanding is None
    if not IS_PG:
        assert plain is None
        return
    assert plain is not None
    keys, rows = plain
    assert keys == ("code", "id", "updated_at")
    # Moments come through the column type's own result processor, as SQLAlchemy's.
    assert rows == [tuple(row) for row in expected]
    assert all(row[2].tzinfo is not None for row in rows)


def test_the_drivers_errors_are_sqlalchemys(engine: sa.Engine) -> None:
    if not IS_PG:
        with session_scope(engine, write=False) as session:
            assert driver.page_rows(session.connection(), sa.select(sa.literal(1)), {}) is None
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("SET statement_timeout = 50")
        slow = sa.select(sa.func.pg_sleep(sa.bindparam("wait", 1.0)).label("slept"))
        with pytest.raises(OperationalError):  # a timeout: the service's 503
            driver.page_rows(connection, slow, {})
        connection.rollback()
        wrong = sa.select(sa.cast(sa.bindparam("text", "x"), sa.Integer).label("number"))
        with pytest.raises(DBAPIError) as caught:
            driver.page_rows(connection, wrong, {})
        assert not isinstance(caught.value, OperationalError)
        connection.rollback()
        # The connection stays usable after either.
        assert connection.execute(sa.select(sa.literal(1))).scalar() == 1
