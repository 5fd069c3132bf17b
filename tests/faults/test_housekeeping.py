"""Housekeeping and the webhook worker under faults: failed logins counted atomically by
concurrent requests, expired Idempotency-Keys and change-feed rows pruned (by every worker's
hourly round and by `regie prune`), and one warning per database outage instead of a traceback
a second."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import event, select, update
from sqlalchemy.pool import NullPool

from api.accounts import auth
from api.cli import main
from api.core.config import get_settings
from api.core.db import session_scope
from api.core.types import utcnow
from api.maintenance import prune
from api.models import Change
from api.models.idempotency import IdempotencyKey
from api.models.login_attempt import LoginFailure
from api.webhooks.worker import DeliveryWorker
from tests.conftest import count_rows, create
from tests.faults.test_concurrency import race

pytestmark = pytest.mark.faults

WAIT = 120  # seconds: generous, a loaded two-core machine must never hit it


class Records(logging.Handler):
    """Log records of `regie.webhooks`, with a wait for one that matches."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[logging.LogRecord] = []
        self.cond = threading.Condition()

    def emit(self, record: logging.LogRecord) -> None:
        with self.cond:
            self.seen.append(record)
            self.cond.notify_all()

    def wait_for(self, text: str, timeout: float = WAIT) -> logging.LogRecord:
        with self.cond:
            assert self.cond.wait_for(
                lambda: any(text in r.getMessage() for r in self.seen), timeout
            ), [r.getMessage() for r in self.seen]
            return next(r for r in self.seen if text in r.getMessage())


@pytest.fixture
def records() -> Iterator[Records]:
    handler = Records()
    logger = logging.getLogger("regie.webhooks")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.fixture
def run_worker() -> Iterator[Callable[..., threading.Thread]]:
    """A worker's `run` loop on a thread, stopped and joined after the test."""
    started: list[tuple[DeliveryWorker, threading.Event, threading.Thread]] = []

    def start(
        worker: DeliveryWorker, stop: threading.Event | None = None, **kwargs: Any
    ) -> threading.Thread:
        stop = stop or threading.Event()
        thread = threading.Thread(target=worker.run, args=(stop,), kwargs=kwargs, daemon=True)
        started.append((worker, stop, thread))
        thread.start()
        return thread

    yield start
    for worker, stop, thread in started:
        stop.set()
        thread.join(WAIT)
        assert not thread.is_alive(), "the worker did not stop"
        worker.close()


# --- failed logins -----------------------------------------------------------------------


def test_concurrent_failed_logins_are_all_counted(engine: sa.Engine) -> None:
    """Twenty failures at once on one account and address: twenty counted on each key, no
    error (reading then writing the count lost failures, and two first failures raced to
    insert the same row)."""
    settings = get_settings()
    keys = ["account:doelwit@voorbeeld.be", "address:203.0.113.9"]
    throttle = auth.Throttle(limits=dict.fromkeys(keys, 100))

    def fail(_: int) -> None:
        with session_scope() as session:
            auth.count_attempt(session, settings, throttle)

    race(20, fail)
    with session_scope(write=False) as session:
        rows = {r.key: r.failures for r in session.scalars(select(LoginFailure))}
    assert rows == {keys[0]: 20, keys[1]: 20}


def test_a_failure_after_the_window_starts_a_new_count(engine: sa.Engine) -> None:
    settings = get_settings()
    keys = ["account:later@voorbeeld.be"]
    throttle = auth.Throttle(limits=dict.fromkeys(keys, 100))
    with session_scope() as session:
        for _ in range(3):
            auth.count_attempt(session, settings, throttle)
    old = utcnow() - timedelta(seconds=settings.login_window_seconds + 5)
    with session_scope() as session:
        session.execute(update(LoginFailure).values(window_start=old))
    with session_scope() as session:
        auth.count_attempt(session, settings, throttle)
    with session_scope(write=False) as session:
        row = session.get(LoginFailure, keys[0])
        assert row is not None and row.failures == 1 and row.window_start > old


def test_concurrent_wrong_passwords_over_http_answer_401_and_count(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    """The same race through the token endpoint: every wrong password is a 401 (never a 409 or
    500), and the account's count is the number of attempts, up to the throttle."""
    from tests.accounts.conftest import login

    user = make_user("w13")
    limit = get_settings().login_max_failures
    answers = race(limit, lambda _: login(client, user["email"], "geraden-wachtwoord"))
    assert [r.status_code for r in answers] == [401] * limit, [r.text for r in answers]
    with session_scope(write=False) as session:
        row = session.get(LoginFailure, f"account:{user['email']}")
        assert row is not None and row.failures == limit
    assert login(client, user["email"], user["password"]).status_code == 429


# --- retention ---------------------------------------------------------------------------


def _age_keys(key: str, hours: float) -> None:
    with session_scope() as session:
        session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.key == key)
            .values(created_at=utcnow() - timedelta(hours=hours))
        )


def test_expired_idempotency_keys_are_pruned(client: TestClient, w13: dict[str, str]) -> None:
    body = {"name": "Kringwinkel Leiestreek (fictief)", "kind": "partner"}
    for key in ("sleutel-oud", "sleutel-nieuw"):
        r = client.post("/api/v1/actors", headers={**w13, "Idempotency-Key": key}, json=body)
        assert r.status_code == 201, r.text
    retention = get_settings().idempotency_retention_hours
    _age_keys("sleutel-oud", retention + 1)
    _age_keys("sleutel-nieuw", retention - 1)

    counts = prune()
    assert counts["idempotency_keys"] == 1
    with session_scope(write=False) as session:
        assert list(session.scalars(select(IdempotencyKey.key))) == ["sleutel-nieuw"]
    # A key still remembered replays; a forgotten one is a new request.
    again = client.post(
        "/api/v1/actors", headers={**w13, "Idempotency-Key": "sleutel-nieuw"}, json=body
    )
    assert again.status_code == 201 and again.headers.get("idempotent-replayed") == "true"
    fresh = client.post(
        "/api/v1/actors", headers={**w13, "Idempotency-Key": "sleutel-oud"}, json=body
    )
    assert fresh.status_code == 201 and "idempotent-replayed" not in fresh.headers
    assert count_rows("actors") == 3


def _changes_with_two_expired(client: TestClient, w13: dict[str, str]) -> list[int]:
    for i in range(4):
        create(client, w13, "actors", {"name": f"Organisatie {i} (fictief)", "kind": "partner"})
    with session_scope() as session:
        seqs = [int(s) for s in session.scalars(select(Change.seq).order_by(Change.seq))]
        days = get_settings().change_retention_days
        session.execute(
            update(Change)
            .where(Change.seq <= seqs[1])
            .values(at=utcnow() - timedelta(days=days, hours=1))
        )
    return seqs


def test_the_change_feed_keeps_its_retention_and_answers_410_before_it(
    client: TestClient, w13: dict[str, str]
) -> None:
    seqs = _changes_with_two_expired(client, w13)
    # A longer retention keeps them: the setting is what decides.
    longer = get_settings().model_copy(update={"change_retention_days": 10_000})
    assert prune(settings=longer)["changes"] == 0
    assert prune()["changes"] == 2
    with session_scope(write=False) as session:
        assert list(session.scalars(select(Change.seq).order_by(Change.seq))) == seqs[2:]
    # A cursor from before the pruned rows cannot be served: 410, re-sync from the lists.
    for cursor in (seqs[0], seqs[0] - 1):
        old = client.get("/api/v1/changes", params={"cursor": str(cursor)}, headers=w13)
        assert old.status_code == 410, old.text
        assert old.headers["content-type"] == "application/problem+json"
    # The last cursor a client could have been given before the gap still works.
    ok = client.get("/api/v1/changes", params={"cursor": str(seqs[1])}, headers=w13)
    assert ok.status_code == 200
    assert [c["seq"] for c in ok.json()["items"]] == seqs[2:]


def test_the_newest_change_is_kept_so_the_feed_position_survives(
    client: TestClient, w13: dict[str, str]
) -> None:
    made = create(client, w13, "actors", {"name": "Enige organisatie (fictief)", "kind": "partner"})
    with session_scope() as session:
        session.execute(update(Change).values(at=utcnow() - timedelta(days=10_000)))
        before = count_rows("changes")
    assert prune()["changes"] == before - 1
    with session_scope(write=False) as session:
        (kept,) = session.scalars(select(Change))
    assert str(kept.record_id) == made["id"]
    r = client.get("/api/v1/changes", params={"cursor": str(kept.seq)}, headers=w13)
    assert r.status_code == 200 and r.json()["items"] == []


def test_every_worker_prunes_in_its_loop(
    client: TestClient,
    w13: dict[str, str],
    records: Records,
    run_worker: Callable[..., threading.Thread],
) -> None:
    seqs = _changes_with_two_expired(client, w13)
    r = client.post(
        "/api/v1/actors",
        headers={**w13, "Idempotency-Key": "oud"},
        json={"name": "Oud verzoek (fictief)", "kind": "partner"},
    )
    assert r.status_code == 201
    _age_keys("oud", get_settings().idempotency_retention_hours + 1)

    run_worker(DeliveryWorker(), poll=0.05)
    done = records.wait_for("pruned past their retention")
    assert "'changes': 2" in done.getMessage() and "'idempotency_keys': 1" in done.getMessage()
    assert count_rows("idempotency_keys") == 0
    with session_scope(write=False) as session:
        assert min(session.scalars(select(Change.seq))) == seqs[2]


def test_regie_prune_runs_it_once(
    client: TestClient, w13: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _changes_with_two_expired(client, w13)
    assert main(["prune"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["changes"] == 2
    assert set(counts) >= {"changes", "idempotency_keys", "webhook_deliveries"}
    assert count_rows("changes") == 3


# --- the worker during a database outage -------------------------------------------------


class RecordingStop(threading.Event):
    """The worker's stop event, which notes how long the worker waits between failed rounds."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        if timeout is not None:
            self.waits.append(timeout)
        return super().wait(timeout)


def test_an_outage_is_logged_once_and_the_worker_backs_off(
    engine: sa.Engine,
    caplog: pytest.LogCaptureFixture,
    records: Records,
    run_worker: Callable[..., threading.Thread],
) -> None:
    """Every connection fails while the database is "down": one warning naming the error class
    (no traceback), waits that grow up to the cap, and one note when the database is back."""
    flaky = sa.create_engine(os.environ["REGIE_DATABASE_URL"], poolclass=NullPool)
    down = threading.Event()
    down.set()
    attempts = threading.Semaphore(0)
    dbapi = flaky.dialect.loaded_dbapi

    @event.listens_for(flaky, "do_connect")
    def _connect(*_: Any) -> None:
        attempts.release()
        if down.is_set():
            raise dbapi.OperationalError("connection refused (test outage)")

    caplog.set_level(logging.INFO, logger="regie.webhooks")
    stop = RecordingStop()
    thread = run_worker(DeliveryWorker(flaky), stop, poll=0.01, max_backoff=0.08)
    for _ in range(8):  # eight failed rounds
        assert attempts.acquire(timeout=WAIT)
    down.clear()
    records.wait_for("resumed")
    stop.set()
    thread.join(WAIT)  # every record has reached caplog too
    flaky.dispose()

    warnings = [
        r for r in caplog.records if r.name == "regie.webhooks" and r.levelno >= logging.WARNING
    ]
    paused = [r for r in warnings if "paused" in r.getMessage()]
    assert len(paused) == 1, [r.getMessage() for r in warnings]
    assert "OperationalError" in paused[0].getMessage()
    assert paused[0].exc_info is None  # an outage, not a bug: no traceback
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert sum("resumed" in r.getMessage() for r in warnings) == 1
    # Back-off: each wait at least the one before, doubling from the poll up to the cap.
    waits = stop.waits[:7]
    assert waits == sorted(waits) and waits[0] == pytest.approx(0.02)
    assert waits[-1] == pytest.approx(0.08)


def test_known_good_login_addresses_are_forgotten_after_their_days(engine: sa.Engine) -> None:
    from api.models.login_attempt import KnownLogin

    stale = utcnow() - timedelta(days=get_settings().login_known_days + 1)
    with session_scope() as session:
        session.add(KnownLogin(key="oud@voorbeeld.be|192.0.2.1", last_success=stale))
        session.add(KnownLogin(key="recent@voorbeeld.be|192.0.2.1", last_success=utcnow()))
    assert prune()["known_logins"] == 1
    with session_scope(write=False) as session:
        assert [k.key for k in session.scalars(select(KnownLogin))] == [
            "recent@voorbeeld.be|192.0.2.1"
        ]
