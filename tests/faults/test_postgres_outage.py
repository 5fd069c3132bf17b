"""PostgreSQL stops hard (`pg_ctl -m immediate`) while clients keep writing and reading.

The service must answer 503 problem+json within a bounded time while the database is away,
say it is not ready, and come back by itself when the database returns; nothing answered
201 before or after may be lost, and no record may exist without the change-feed and audit
rows of the same transaction. Uses a PostgreSQL server of its own."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.accounts.admin import create_user_in
from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.migrate import upgrade
from tests.conftest import PASSWORD, token_for
from tests.faults.live import LiveServer
from tests.faults.pg import OwnPostgres

pytestmark = pytest.mark.faults

# The engine waits at most 5 s to connect and 5 s for a pooled connection.
BOUND = 15.0


@dataclass
class Outcome:
    phase: str
    kind: str  # create | list | ready
    record_id: str | None
    status: int | None
    seconds: float
    content_type: str = ""
    retry_after: str | None = None
    error: str | None = None


@pytest.fixture
def own_pg() -> Iterator[OwnPostgres]:
    pg = OwnPostgres()
    try:
        yield pg
    finally:
        pg.destroy()


def test_the_service_survives_postgres_going_away_and_coming_back(
    own_pg: OwnPostgres, tmp_path: Path
) -> None:
    url = own_pg.start()
    engine = sa.create_engine(url)
    upgrade(engine)
    with session_scope(engine, principal=SYSTEM) as s:
        user = create_user_in(
            s,
            email="w13@storing.example",
            name="W13",
            role="w13",
            actor=None,
            municipality=None,
            password=PASSWORD,
        )
    headers = {"Authorization": f"Bearer {token_for(user.id, minutes=30)}"}
    server = LiveServer(url, tmp_path / "server.log").start()
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    phase = ["before"]
    stop = threading.Event()

    def record(o: Outcome) -> None:
        with lock:
            outcomes.append(o)

    def call(kind: str, fn: Any, record_id: str | None = None) -> None:
        started = time.monotonic()
        now = phase[0]
        try:
            r = fn()
            record(
                Outcome(
                    now,
                    kind,
                    record_id,
                    r.status_code,
                    time.monotonic() - started,
                    r.headers.get("content-type", ""),
                    r.headers.get("retry-after"),
                )
            )
        except httpx.HTTPError as exc:
            record(Outcome(now, kind, record_id, None, time.monotonic() - started, error=repr(exc)))

    def load(i: int) -> None:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            n = 0
            while not stop.is_set():
                n += 1
                rid = str(uuid.uuid4())
                call(
                    "create",
                    lambda rid=rid, n=n: c.post(
                        "/api/v1/actors",
                        headers=headers,
                        json={"id": rid, "name": f"Storingstest {i}-{n}", "kind": "partner"},
                    ),
                    rid,
                )
                call("list", lambda: c.get("/api/v1/actors", params={"limit": 5}))
                time.sleep(0.02)

    threads = [threading.Thread(target=load, args=(i,)) for i in range(4)]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(o.status == 201 for o in list(outcomes)) < 8:
            time.sleep(0.1)
        own_pg.stop_immediately()
        phase[0] = "down"
        with httpx.Client(base_url=server.url, timeout=60) as c:
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline:
                call("ready", lambda: c.get("/readyz"))
                time.sleep(0.3)
            own_pg.restart()
            phase[0] = "recovering"
            back = time.monotonic() + 30
            while time.monotonic() < back:
                r = c.get("/readyz")
                if r.status_code == 200:
                    break
                time.sleep(0.2)
            assert r.status_code == 200, f"not ready again after the restart:\n{server.log()}"
            phase[0] = "after"
            time.sleep(2)
            call("ready", lambda: c.get("/readyz"))
    finally:
        stop.set()
        for t in threads:
            t.join(120)
        server.stop()
    assert not any(t.is_alive() for t in threads), "a client hung"

    by_phase = {
        p: [o for o in outcomes if o.phase == p] for p in ("before", "down", "recovering", "after")
    }
    slow = [o for o in outcomes if o.seconds > BOUND]
    assert not slow, slow[:5]
    assert sum(o.status == 201 for o in by_phase["before"]) >= 8
    # The process never dropped a connection or crashed: every request got an answer.
    assert all(o.status is not None for o in outcomes), [o for o in outcomes if o.error][:5]
    # Only requests that were in flight when the server stopped may fail, and then with a 503.
    for o in outcomes:
        assert o.status is not None and (o.status < 500 or o.status == 503), o
    assert all(o.status is not None and o.status < 500 for o in by_phase["after"]), [
        o for o in by_phase["after"] if o.status is None or o.status >= 500
    ][:5]
    assert any(o.kind == "create" and o.status == 201 for o in by_phase["after"])
    down = by_phase["down"]
    unavailable = [o for o in down if o.status == 503]
    assert unavailable, "no request noticed the outage"
    for o in down:
        if o.kind == "ready":
            assert o.status == 503, o
        elif o.status is not None and o.status >= 500:
            assert o.status == 503, o
            assert o.content_type == "application/problem+json", o
            if o.kind != "ready":
                assert o.retry_after is not None, o
    assert max(o.seconds for o in down) < BOUND

    created = {o.record_id for o in outcomes if o.kind == "create" and o.status == 201}
    failed = {o.record_id for o in outcomes if o.kind == "create" and o.status != 201}
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, version FROM actors")).all()
        stored = {str(r.id): r.version for r in rows}
        feed = {
            (str(r.record_id), r.version)
            for r in conn.execute(
                sa.text("SELECT record_id, version FROM changes WHERE resource = 'actors'")
            )
        }
        audited = {
            str(r.record_id)
            for r in conn.execute(
                sa.text("SELECT record_id FROM audit_entries WHERE resource = 'actors'")
            )
        }
    engine.dispose()
    assert created <= set(stored), "an answered create was lost"
    assert set(stored) <= created | failed
    for record_id, version in stored.items():
        assert (record_id, version) in feed, f"{record_id} has no change-feed row"
        assert record_id in audited, f"{record_id} has no audit row"


def test_a_statement_that_runs_too_long_is_cancelled_and_answers_503() -> None:
    """`db_statement_timeout_ms`: PostgreSQL cancels the statement, the request answers 503 (a
    runaway query or a lock wait cannot hold a thread and a connection for good)."""
    import os

    from fastapi import Request

    from api.core.config import Settings
    from api.core.db import make_engine
    from api.core.errors import database_unavailable

    engine = make_engine(
        Settings(database_url=os.environ["REGIE_DATABASE_URL"], db_statement_timeout_ms=200)
    )
    started = time.monotonic()
    with pytest.raises(sa.exc.OperationalError) as caught, engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_sleep(5)"))
    engine.dispose()
    assert time.monotonic() - started < 3
    scope = {"type": "http", "path": "/api/v1/actors", "headers": [], "method": "GET"}
    answer = database_unavailable(Request(scope), caught.value)
    assert answer.status_code == 503
    assert b'"code":"db_timeout"' in answer.body


def test_connections_resting_in_the_pool_are_kept_and_checked_before_use(
    own_pg: OwnPostgres, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool keeps what a burst opened (no backend started anew for the next burst), and a
    connection PostgreSQL ended while it rested (a restart, a proxy's idle timeout) is
    replaced before a request gets it: the ping after a rest (`api.core.db._ping_when_idle`)."""
    from api.core import db
    from api.core.config import get_settings

    url = own_pg.start()
    engine = db.make_engine(
        get_settings().model_copy(update={"database_url": url, "db_pool_size": 2})
    )
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")

    def burst() -> set[int]:
        """Four requests at once (twice the pool size) and back: their backends."""
        connections = [engine.connect() for _ in range(4)]
        pids = {c.exec_driver_sql("SELECT pg_backend_pid()").scalar() for c in connections}
        for c in connections:
            c.close()
        return {int(p) for p in pids if p is not None}

    def end(pids: set[int]) -> None:
        with admin.connect() as conn:
            conn.execute(
                sa.text("SELECT pg_terminate_backend(p) FROM unnest(:pids) AS p"),
                {"pids": list(pids)},
            )

    try:
        first = burst()
        assert len(first) == 4 and engine.pool.checkedin() == 4  # type: ignore[attr-defined]
        assert burst() == first  # the same backends serve the next burst
        # Ended while resting, not yet rested long enough to be pinged: the first use fails
        # (and SQLAlchemy then replaces the pool's connections).
        end(first)
        monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 3600.0)
        with pytest.raises(sa.exc.OperationalError), engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        # Rested past the limit: pinged, found dead, replaced; the request never sees it.
        second = burst()
        end(second)
        monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
        with engine.connect() as conn:
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        assert pid not in second
        # A live connection pinged after its rest comes out of no transaction: autocommit may
        # still be set on it.
        burst()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()
        admin.dispose()
