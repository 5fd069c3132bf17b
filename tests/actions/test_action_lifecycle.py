"""The status life-cycle of an action: only the allowed steps, and `done` means 100 %."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

STATUSES = ["planned", "in_progress", "on_hold", "done", "cancelled"]
ALLOWED = {
    "planned": {"in_progress", "on_hold", "cancelled"},
    "in_progress": {"on_hold", "done", "cancelled"},
    "on_hold": {"in_progress", "cancelled"},
    "done": {"in_progress"},
    "cancelled": {"planned"},
}
STEPS = [(a, b) for a in STATUSES for b in STATUSES if a != b]


@pytest.mark.parametrize(("was", "to"), STEPS, ids=[f"{a}->{b}" for a, b in STEPS])
def test_only_allowed_steps(
    client: TestClient,
    w13: dict[str, str],
    make_action: Callable[..., dict[str, Any]],
    was: str,
    to: str,
) -> None:
    # Synced systems may create an action in any state; the life-cycle governs changes.
    action = make_action(status=was, progress=100 if was == "done" else 60)
    url = f"/api/v1/actions/{action['id']}"
    r = client.patch(url, json={"status": to, "progress": 100 if to == "done" else 60}, headers=w13)
    if to in ALLOWED[was]:
        assert r.status_code == 200, r.text
        assert r.json()["status"] == to and r.json()["version"] == 2
        return
    assert r.status_code == 422, r.text
    (error,) = r.json()["errors"]
    assert error["loc"] == ["body", "status"]
    for state in ALLOWED[was]:
        assert state in error["msg"]
    assert f"from {was} to {to}" in error["msg"]
    got = client.get(url, headers=w13).json()
    assert got["status"] == was and got["version"] == 1


def test_done_needs_progress_100(
    client: TestClient, w13: dict[str, str], make_action: Callable[..., dict[str, Any]]
) -> None:
    action = make_action(status="in_progress", progress=90)
    url = f"/api/v1/actions/{action['id']}"
    r = client.patch(url, json={"status": "done"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "status"]
    assert "progress 100" in r.json()["errors"][0]["msg"]
    assert client.get(url, headers=w13).json()["status"] == "in_progress"

    r = client.patch(url, json={"status": "done", "progress": 100}, headers=w13)
    assert r.status_code == 200 and r.json()["status"] == "done"
    # Lowering the progress of a done action is the progress's fault, not the status's.
    r = client.patch(url, json={"progress": 95}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "progress"]
    # Reopening is the way back.
    r = client.patch(url, json={"status": "in_progress", "progress": 95}, headers=w13)
    assert r.status_code == 200 and r.json()["progress"] == 95


def test_creating_done_below_100_is_refused(
    client: TestClient, w13: dict[str, str], action_body: Callable[..., dict[str, Any]]
) -> None:
    r = client.post("/api/v1/actions", json=action_body(status="done", progress=80), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "status"]


def test_unknown_status_is_refused(
    client: TestClient, w13: dict[str, str], make_action: Callable[..., dict[str, Any]]
) -> None:
    action = make_action()
    r = client.patch(f"/api/v1/actions/{action['id']}", json={"status": "afgerond"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "status"]
