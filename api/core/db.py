"""Engine and the request's unit of work.

The session commits once per request (see `session_scope`). It is the project's own session
class (`api.core.session.Session`): every flushed change of a `Record` is collected and written
to the change feed and the audit trail inside the same transaction, just before it commits."""

from __future__ import annotations

import json
import json.scanner
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import create_engine

from api.core.config import Settings, get_settings
from api.core.session import Session


def make_engine(settings: Settings) -> Engine:
    url = settings.database_url
    if settings.is_sqlite:
        if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
            from pathlib import Path

            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            # Keep accents readable in JSON documents so LIKE searches find "coördinatie".
            json_serializer=lambda value: json.dumps(value, ensure_ascii=False),
            json_deserializer=_json_loads,
            connect_args={
                "check_same_thread": False,
                "timeout": settings.sqlite_busy_timeout_ms / 1000,
            },
        )
        busy = settings.sqlite_busy_timeout_ms

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _: ConnectionPoolEntry) -> None:
            # Let SQLAlchemy issue BEGIN itself: with pysqlite's own transaction handling a
            # write could start as a deferred read transaction and fail with "locked".
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            # SQLite's own lower() folds ASCII only, so a search for "łódź" missed "Łódź"
            # (PostgreSQL folds every letter): case-insensitive search needs the full folding.
            dbapi_conn.create_function("lower", 1, _lower, deterministic=True)

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # A writing unit of work takes the write lock up front and so queues on the busy
            # timeout; a deferred transaction that upgrades later could fail with "locked".
            write = conn.get_execution_options().get("sqlite_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    connect_args: dict[str, Any] = {"connect_timeout": 5}
    if settings.db_statement_timeout_ms:
        # A startup option: PgBouncer refuses it unless told to ignore it (then set the timeout
        # on the role instead: ALTER ROLE ... SET statement_timeout), or set this to 0.
        connect_args["options"] = f"-c statement_timeout={int(settings.db_statement_timeout_ms)}"
    engine = create_engine(
        url,
        json_deserializer=_json_loads,
        # Up to twice the configured size, opened as the load asks and then kept: with a pool
        # of `db_pool_size` and as many again as overflow, every overflow connection was closed
        # when it came back to a full pool and opened anew for the next burst, and a backend's
        # start cost PostgreSQL more CPU than the request (a 304 read: 0.8 ms of 1.7).
        pool_size=2 * settings.db_pool_size,
        max_overflow=0,
        pool_timeout=5,
        connect_args=connect_args,
    )
    _ping_when_idle(engine)
    return engine


# A pooled connection that rested this long is pinged before it is handed out again.
PING_AFTER_IDLE_S = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling at the price of a ping only where it can help: a
    connection that rested in the pool (PostgreSQL may have restarted, a proxy or firewall may
    have dropped it meanwhile) is tested with `SELECT 1` before use, and a dead one is replaced
    (the pool retries on `DisconnectionError`). A connection in steady use is not: a ping on
    every checkout (`pool_pre_ping`) was one more round trip, a third of the database's CPU of
    a conditional list read. A connection that dies while in use fails its request once and
    SQLAlchemy then replaces the pool's connections (its disconnect handling)."""

    @event.listens_for(engine, "checkin")
    def _rested(dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info["regie_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        since = record.info.get("regie_idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        driver: Any = dbapi_conn
        try:
            # In autocommit: the ping must not leave the connection inside a transaction (a
            # later `isolation_level="AUTOCOMMIT"` would then be refused).
            driver.autocommit = True
            with driver.cursor() as cursor:
                cursor.execute("SELECT 1")
            driver.autocommit = False
        except Exception as exc:
            raise DisconnectionError from exc


_scan_json = json.scanner.make_scanner(json.JSONDecoder())  # json.loads' own C scanner


def _json_loads(data: bytes | str) -> Any:
    """JSON from the database, decoded as json.loads would, at a fraction of its cost per call:
    a page of actions decodes hundreds of small documents. psycopg hands bytes, which json.loads
    first sniffs for their encoding (PostgreSQL sends UTF-8), and json.loads checks for
    whitespace around the document (neither database adds any); anything unusual takes
    json.loads itself."""
    text = data if isinstance(data, str) else bytes(data).decode()
    try:
        value, end = _scan_json(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings())


@contextmanager
def session_scope(
    engine: Engine | None = None, *, write: bool = True, **info: Any
) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = Session(engine or get_engine(), expire_on_commit=False)
    session.info.update(info)
    if write:
        session.connection(execution_options={"sqlite_write": True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
