"""How the worker runs: a thread of the API process (off in tests unless asked for), and
`regie webhooks run --once`."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.cli import main
from api.core.config import Settings
from api.main import create_app
from api.webhooks.worker import DeliveryWorker, WorkerThread, worker_enabled
from tests.conftest import create
from tests.webhooks.conftest import Receiver, Subscribe, delivery_rows

Change = Callable[..., dict[str, Any]]


def _worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "regie-webhooks"]


def test_the_setting_decides_and_tests_are_off_by_default() -> None:
    assert worker_enabled(Settings(env="development"))
    assert not worker_enabled(Settings(env="development", webhook_worker=False))
    assert not worker_enabled(Settings(env="test"))
    assert worker_enabled(Settings(env="test", webhook_worker=True))


def test_the_test_app_runs_no_worker(client: TestClient) -> None:
    assert _worker_threads() == []


def test_the_app_delivers_from_its_lifespan_and_stops_on_shutdown(
    w13: dict[str, str], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.core.config import get_settings

    monkeypatch.setattr(get_settings(), "webhook_allow_private", True)
    app = create_app(Settings(webhook_worker=True))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert len(_worker_threads()) == 1
        hook = create(client, w13, "webhooks", {"url": receiver.url})
        receiver.secret = hook["secret"]
        create(client, w13, "actors", {"name": "Live (fictief)", "kind": "partner"})
        receiver.wait_for(1)
        (got,) = receiver.received
        assert got.valid
    assert _worker_threads() == []
    (row,) = delivery_rows()
    assert row["status"] == "delivered"


def test_cli_run_once_sends_what_is_due(
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    subscribe()
    change("Een (fictief)")
    change("Twee (fictief)")
    assert main(["webhooks", "run", "--once"]) == 0
    assert json.loads(capsys.readouterr().out) == {"delivered": 2}
    assert len(receiver.received) == 2
    assert all(r.valid for r in receiver.received)
    assert main(["webhooks", "run", "--once"]) == 0
    assert json.loads(capsys.readouterr().out) == {}


def test_a_commit_wakes_the_worker_thread(
    subscribe: Subscribe, change: Change, receiver: Receiver
) -> None:
    subscribe()
    thread = WorkerThread(DeliveryWorker(), poll=60).start()
    try:
        time.sleep(0.5)  # let it find nothing to do and go to sleep
        change()
        receiver.wait_for(1, timeout=10)  # far sooner than the 60 s poll
    finally:
        thread.stop()
    assert not thread.thread.is_alive()
    assert receiver.received[0].valid
