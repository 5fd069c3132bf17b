"""Deliveries survive a worker that dies mid-delivery: the claim expires after the lease and a
fresh worker delivers, exactly once successfully; the dead worker's claim cannot overwrite it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from api.webhooks.worker import DeliveryWorker, Outcome
from tests.webhooks.conftest import Clock, Receiver, Subscribe, delivery_rows

Change = Callable[..., dict[str, Any]]
MakeWorker = Callable[..., DeliveryWorker]
ROOT = Path(__file__).resolve().parents[2]


def test_a_claim_left_by_a_dead_worker_is_delivered_after_the_lease(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    subscribe()
    change()
    dead = make_worker()
    (claimed,) = dead.claim()  # ... and the process dies before sending
    assert make_worker().drain() == {}  # within the lease nobody else touches it
    assert receiver.received == []
    after_lease = Clock()
    after_lease.advance(seconds=61)
    assert make_worker(clock=after_lease).drain() == {"delivered": 1}
    (got,) = receiver.received
    assert got.valid
    assert got.id == str(claimed.id)
    # Had the old worker only stalled, its late result no longer counts.
    assert dead.record(claimed, Outcome(False, 500, "HTTP 500", 5)) == "lost"
    (row,) = delivery_rows()
    assert row["status"] == "delivered"
    assert row["attempts"] == 1


def test_killing_the_worker_process_mid_delivery_loses_nothing(
    subscribe: Subscribe, change: Change, receiver: Receiver, make_worker: MakeWorker
) -> None:
    """`regie webhooks run` is killed (SIGKILL) while the receiver holds its request open;
    a fresh worker delivers the message again under the same webhook-id."""
    subscribe()
    change()
    receiver.hold = threading.Event()
    env = {**os.environ, "REGIE_WEBHOOK_ALLOW_PRIVATE": "true"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "webhooks", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert receiver.arrived.wait(30), "the worker process sent nothing"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    receiver.hold.set()
    (row,) = delivery_rows()
    assert row["status"] == "pending"
    assert row["claimed_at"] is not None  # the dead process's claim
    assert row["attempts"] == 0
    assert make_worker().drain() == {}
    after_lease = Clock()
    after_lease.advance(seconds=61)
    receiver.hold = None
    assert make_worker(clock=after_lease).drain() == {"delivered": 1}
    first, second = receiver.received
    assert first.id == second.id == str(row["id"])
    assert first.valid
    assert second.valid
    (row,) = delivery_rows()
    assert row["status"] == "delivered"
    assert row["attempts"] == 1  # one attempt finished, and it succeeded
