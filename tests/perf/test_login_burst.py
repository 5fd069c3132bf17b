"""A burst of logins queues instead of taking the whole process: the token route lets a few
requests in at a time, and Argon2 hashes one slot at a time."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from api.core import security
from api.core.gate import ConcurrencyGate


def test_gate_lets_limit_requests_in_and_others_pass_by() -> None:
    inside = 0
    most = 0
    other_paths = 0

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal inside, most, other_paths
        if scope["path"] != "/api/v1/auth/token":
            other_paths += 1
            return
        inside += 1
        most = max(most, inside)
        await asyncio.sleep(0.01)
        inside -= 1

    gate = ConcurrencyGate(app, path="/api/v1/auth/token", limit=3)

    async def burst() -> None:
        calls = [
            gate({"type": "http", "path": "/api/v1/auth/token"}, None, None) for _ in range(20)
        ]
        calls += [gate({"type": "http", "path": "/healthz"}, None, None) for _ in range(5)]
        await asyncio.gather(*calls)

    asyncio.run(burst())
    assert most == 3
    assert other_paths == 5


def test_hashes_never_run_beyond_their_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    running = 0
    most = 0
    lock = threading.Lock()

    class SlowHasher:
        def verify(self, password: str, hashed: str) -> bool:
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.01)
            with lock:
                running -= 1
            return password == hashed

    monkeypatch.setattr(security, "password_hasher", lambda: SlowHasher())
    monkeypatch.setattr(security, "_dummy_hash", lambda: "dummy")
    monkeypatch.setattr(security, "HASH_SLOTS", threading.BoundedSemaphore(2))
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(security.verify_password("a", "a")))
        for _ in range(12)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 12
    assert most == 2
