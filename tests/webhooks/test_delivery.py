"""Delivery to a receiver on loopback: signed, retried with back-off under one webhook-id,
checked again at delivery time, and never sent twice by two workers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.core.types import utcnow
from api.webhooks import urls
from api.webhooks.service import LEASE, RETRY_DELAYS
from api.webhooks.worker import DeliveryWorker
from tests.webhooks.conftest import Clock, Receiver, Subscribe, delivery_rows

Change = Callable[..., dict[str, Any]]
MakeWorker = Callable[..., DeliveryWorker]


def test_delivery_is_signed_and_carries_the_change(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    actor = change()
    assert make_worker().drain() == {"delivered": 1}
    (got,) = receiver.received
    assert got.valid, got.headers
    (row,) = delivery_rows()
    assert got.id == str(row["id"])
    assert got.headers["content-type"] == "application/json"
    assert got.json["type"] == "actors.upsert"
    assert got.json["data"]["id"] == actor["id"]
    assert got.json["data"]["seq"] == row["seq"]
    assert row["status"] == "delivered"
    assert row["attempts"] == 1
    assert row["delivered_at"] is not None


def test_a_500_is_retried_with_the_same_webhook_id(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    change()
    receiver.answers = [500]
    clock = Clock()
    worker = make_worker(clock=clock)
    assert worker.drain() == {"pending": 1}
    (row,) = delivery_rows()
    assert row["status"] == "pending"
    assert row["last_status_code"] == 500
    assert "Interne fout" in row["last_error"]
    wait = (row["next_attempt_at"] - row["last_attempt_at"]).total_seconds()
    assert RETRY_DELAYS[0] * 0.8 <= wait <= RETRY_DELAYS[0] * 1.2
    # Not due yet: nothing is sent.
    assert worker.drain() == {}
    clock.advance(seconds=RETRY_DELAYS[0] * 1.2 + 1)
    assert worker.drain() == {"delivered": 1}
    first, second = receiver.received
    assert first.id == second.id
    assert first.valid
    assert second.valid
    assert first.headers["webhook-signature"] != second.headers["webhook-signature"]
    (row,) = delivery_rows()
    assert row["status"] == "delivered"
    assert row["attempts"] == 2


def test_back_off_grows_then_the_delivery_fails(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    change()
    receiver.answers = [503] * (len(RETRY_DELAYS) + 1)
    clock = Clock()
    worker = make_worker(clock=clock)
    waits = []
    for _ in RETRY_DELAYS:
        assert worker.drain() == {"pending": 1}
        (row,) = delivery_rows()
        waits.append((row["next_attempt_at"] - row["last_attempt_at"]).total_seconds())
        clock.advance(seconds=waits[-1] + 1)
    assert worker.drain() == {"failed": 1}
    for wait, delay in zip(waits, RETRY_DELAYS, strict=True):
        assert delay * 0.8 <= wait <= delay * 1.2
    assert 18 * 3600 < sum(waits) < 27 * 3600  # about a day of trying
    (row,) = delivery_rows()
    assert row["status"] == "failed"
    assert row["attempts"] == len(RETRY_DELAYS) + 1
    assert len(set(receiver.ids)) == 1
    clock.advance(days=2)
    assert worker.drain() == {}


def test_network_errors_and_redirects_are_failed_attempts(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    subscribe()
    subscribe("http://127.0.0.1:9/nobody-listens")  # loopback is allowed from here on
    change()
    receiver.answers = [302]
    counts = make_worker().drain()
    assert counts == {"pending": 2}
    errors = sorted(r["last_error"] for r in delivery_rows())
    assert errors[0].startswith("ConnectError")
    assert "redirects are not followed" in errors[1]
    assert len(receiver.received) == 1  # the redirect was not followed anywhere


def test_the_address_is_checked_again_at_delivery(
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subscribe()
    change()
    # The service is reconfigured: loopback is no longer allowed.
    monkeypatch.setattr(get_settings(), "webhook_allow_private", False)
    assert make_worker().drain() == {"pending": 1}
    assert receiver.received == []
    (row,) = delivery_rows()
    assert row["last_error"].startswith("Refused:")
    assert "loopback" in row["last_error"]
    assert row["last_status_code"] is None


def test_a_name_that_later_resolves_inside_is_refused(
    client: TestClient,
    w13: dict[str, str],
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: public when subscribed, loopback when delivered."""
    table = {"hooks.w13.test": "93.184.216.34"}
    monkeypatch.setattr(urls, "system_resolver", lambda host, port: [table[host]])
    port = receiver.server.server_address[1]
    r = client.post(
        "/api/v1/webhooks", json={"url": f"http://hooks.w13.test:{port}/h"}, headers=w13
    )
    assert r.status_code == 201, r.text
    change()
    table["hooks.w13.test"] = "127.0.0.1"
    assert make_worker().drain() == {"pending": 1}
    assert receiver.received == []
    (row,) = delivery_rows()
    assert "127.0.0.1 is a loopback address" in row["last_error"]


def test_delivery_connects_to_the_checked_address_with_the_original_host(
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(urls, "system_resolver", resolve)
    port = receiver.server.server_address[1]
    monkeypatch.setattr(get_settings(), "webhook_allow_private", True)
    receiver.secret = subscribe(f"http://ontvanger.w13.test:{port}/regie")["secret"]
    change()
    assert make_worker().drain() == {"delivered": 1}
    (got,) = receiver.received
    assert got.headers["host"] == f"ontvanger.w13.test:{port}"
    assert got.valid
    assert asked == ["ontvanger.w13.test", "ontvanger.w13.test"]  # subscribe, then deliver


def test_inactive_subscriptions_are_not_delivered(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    change()
    client.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": False}, headers=w13)
    assert make_worker().drain() == {}
    client.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": True}, headers=w13)
    assert make_worker().drain() == {"delivered": 1}
    assert len(receiver.received) == 1


def test_a_rotated_secret_signs_the_next_attempt(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Change,
    receiver: Receiver,
    make_worker: MakeWorker,
) -> None:
    hook = subscribe()
    change()
    r = client.post(f"/api/v1/webhooks/{hook['id']}/rotate-secret", headers=w13)
    receiver.secret = r.json()["secret"]
    make_worker().drain()
    (got,) = receiver.received
    assert got.valid


def test_two_workers_never_deliver_the_same_message_twice(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    for i in range(24):
        change(f"Organisatie {i} (fictief)")
    receiver.delay = 0.02  # keep both workers busy at the same time
    workers = [make_worker(batch=4), make_worker(batch=4)]
    results: list[dict[str, int]] = []
    start = threading.Barrier(len(workers))

    def run(worker: DeliveryWorker) -> None:
        start.wait()
        results.append(worker.drain())

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(receiver.ids) == sorted(set(receiver.ids))
    assert len(receiver.ids) == 24
    assert sum(r.get("delivered", 0) for r in results) == 24
    assert all(r.get("delivered", 0) > 0 for r in results), results
    rows = delivery_rows()
    assert {r["status"] for r in rows} == {"delivered"}
    assert {r["attempts"] for r in rows} == {1}


def test_a_claim_keeps_other_workers_away_until_the_lease_ends(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    change()
    # Every clock counts from one fixed moment: a slow machine may take seconds between these
    # lines, and "59 s after the claim" must mean exactly that, not 59 s after a later now.
    claimed_at = utcnow()
    first = make_worker(clock=lambda: claimed_at)
    (claimed,) = first.claim()
    assert make_worker(clock=lambda: claimed_at).claim() == []
    assert make_worker().claim() == []  # the real clock, a little later: still within the lease
    just_inside = claimed_at + LEASE - timedelta(seconds=1)
    assert make_worker(clock=lambda: just_inside).claim() == []
    just_after = claimed_at + LEASE + timedelta(seconds=1)
    (again,) = make_worker(clock=lambda: just_after).claim()
    assert again.id == claimed.id
    assert again.token != claimed.token


def test_due_order_is_by_time_then_feed_position(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    for i in range(3):
        change(f"Volgorde {i} (fictief)")
    make_worker(batch=1).drain()
    seqs = [r.json["data"]["seq"] for r in receiver.received]
    assert seqs == sorted(seqs)
    assert len(seqs) == 3


def test_next_attempt_is_scheduled_from_the_attempt(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    change()
    receiver.answers = [500, 500]
    clock = Clock()
    worker = make_worker(clock=clock)
    worker.drain()
    clock.advance(seconds=RETRY_DELAYS[0] * 1.2 + 1)
    worker.drain()
    (row,) = delivery_rows()
    wait = row["next_attempt_at"] - row["last_attempt_at"]
    assert (
        timedelta(seconds=RETRY_DELAYS[1] * 0.8) <= wait <= timedelta(seconds=RETRY_DELAYS[1] * 1.2)
    )
    assert row["failures"] == 2
