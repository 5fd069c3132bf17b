"""Rate limits, turned on for these tests: writes per token (or address), anonymous reads per
address, counted in the database so that every instance sees the same counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import ratelimit
from api.core.db import get_engine
from api.main import create_app
from tests.conftest import count_rows

pytestmark = pytest.mark.faults


@pytest.fixture
def limited_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("REGIE_RATE_LIMIT_WRITES", "3")
    monkeypatch.setenv("REGIE_RATE_LIMIT_ANONYMOUS_READS", "5")
    monkeypatch.setenv("REGIE_RATE_LIMIT_WINDOW_SECONDS", "3600")
    ratelimit.get_rate_limit_settings.cache_clear()
    yield create_app()
    ratelimit.get_rate_limit_settings.cache_clear()


@pytest.fixture
def limited(limited_app: Any) -> Iterator[TestClient]:
    with TestClient(limited_app, raise_server_exceptions=False) as c:
        yield c


@contextmanager
def from_address(app: Any, address: str) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False, client=(address, 40000)) as c:
        yield c


def actor(n: int) -> dict[str, Any]:
    return {"name": f"Atelier {n} (fictief)", "kind": "partner"}


def too_many(r: Any) -> None:
    assert r.status_code == 429, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 429
    assert 1 <= int(r.headers["retry-after"]) <= 3600
    assert r.headers["x-request-id"] and r.headers["x-content-type-options"] == "nosniff"


def test_writes_are_limited_per_token(limited: TestClient, make_user: Any) -> None:
    first, second = make_user("w13")["headers"], make_user("w13")["headers"]
    for n in range(3):
        assert limited.post("/api/v1/actors", headers=first, json=actor(n)).status_code == 201
    too_many(limited.post("/api/v1/actors", headers=first, json=actor(9)))
    assert count_rows("actors") == 3  # the refused write did nothing
    # Another token has a budget of its own; reads with a token are not limited.
    assert limited.post("/api/v1/actors", headers=second, json=actor(4)).status_code == 201
    for _ in range(10):
        assert limited.get("/api/v1/actors", headers=first).status_code == 200


def test_anonymous_reads_are_limited_per_address(limited: TestClient) -> None:
    for _ in range(5):
        assert limited.get("/api/v1/actors").status_code == 200
    too_many(limited.get("/api/v1/actors"))
    too_many(limited.get("/api/v1/pillars"))
    assert limited.get("/healthz").status_code == 200  # outside the API: never limited


def test_writes_without_a_token_count_per_address(limited: TestClient) -> None:
    for _ in range(3):
        assert limited.post("/api/v1/actors", json=actor(1)).status_code == 401
    too_many(limited.post("/api/v1/actors", json=actor(1)))


def test_the_count_is_shared_and_the_window_moves_on() -> None:
    """Two instances count in the one table; a new window starts from zero."""
    engine = get_engine()
    start = datetime(2026, 11, 26, 10, 0, 0, tzinfo=UTC)
    verdicts = [
        ratelimit.hit(engine, "writes:token:x", 2, 60, start + timedelta(seconds=s))
        for s in (1, 2, 3)
    ]
    assert [v.allowed for v in verdicts] == [True, True, False]
    assert verdicts[2].retry_after == 57
    later = ratelimit.hit(engine, "writes:token:x", 2, 60, start + timedelta(seconds=61))
    assert later.allowed
    assert count_rows("rate_limit_windows") == 1


def test_off_by_default_in_tests(client: TestClient, w13: dict[str, str]) -> None:
    ratelimit.get_rate_limit_settings.cache_clear()
    assert ratelimit.get_rate_limit_settings().writes == 0
    for n in range(20):
        assert client.post("/api/v1/actors", headers=w13, json=actor(n)).status_code == 201


def test_each_address_has_a_budget_of_its_own(limited_app: Any) -> None:
    """Anonymous reads and token-less writes count per client address: one address over its
    limit leaves another untouched, and the refusal says when to come back."""
    with from_address(limited_app, "198.51.100.10") as greedy:
        for _ in range(5):
            assert greedy.get("/api/v1/actors").status_code == 200
        too_many(greedy.get("/api/v1/actors"))
        for _ in range(3):
            assert greedy.post("/api/v1/actors", json=actor(1)).status_code == 401
        too_many(greedy.post("/api/v1/actors", json=actor(1)))
    with from_address(limited_app, "198.51.100.11") as other:
        assert other.get("/api/v1/actors").status_code == 200
        assert other.post("/api/v1/actors", json=actor(1)).status_code == 401


def test_a_token_s_writes_count_wherever_they_come_from(limited_app: Any, make_user: Any) -> None:
    """Per token, not per address: moving to another address does not reset a token's budget."""
    headers = make_user("w13")["headers"]
    for n, address in enumerate(("198.51.100.20", "198.51.100.21", "198.51.100.22")):
        with from_address(limited_app, address) as c:
            assert c.post("/api/v1/actors", headers=headers, json=actor(n)).status_code == 201
    with from_address(limited_app, "198.51.100.23") as c:
        too_many(c.post("/api/v1/actors", headers=headers, json=actor(9)))
    assert count_rows("actors") == 3
