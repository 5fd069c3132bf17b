"""Refresh tokens rotate on every use; a reused one revokes its whole family."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.accounts.conftest import bearer, login


def refresh(client: TestClient, token: str) -> Any:
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
    )


def test_rotation_and_reuse_revokes_the_family(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("w13")
    first = login(client, user["email"], user["password"]).json()
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200, second.text
    pair = second.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert client.get("/api/v1/me", headers=bearer(pair["access_token"])).status_code == 200

    reused = refresh(client, first["refresh_token"])  # a thief replays the old one
    assert reused.status_code == 401
    assert reused.headers["content-type"] == "application/problem+json"
    # the whole family is revoked: the newer token, held by the real user, stops too
    assert refresh(client, pair["refresh_token"]).status_code == 401
    # a fresh login starts a new family
    again = login(client, user["email"], user["password"]).json()
    assert refresh(client, again["refresh_token"]).status_code == 200


def test_reuse_in_another_family_leaves_other_sessions_alone(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("w13")
    laptop = login(client, user["email"], user["password"]).json()
    phone = login(client, user["email"], user["password"]).json()
    assert refresh(client, laptop["refresh_token"]).status_code == 200
    assert refresh(client, laptop["refresh_token"]).status_code == 401
    assert refresh(client, phone["refresh_token"]).status_code == 200


def test_revoke_logs_out_and_an_access_token_is_no_refresh_token(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("w13")
    pair = login(client, user["email"], user["password"]).json()
    assert refresh(client, pair["access_token"]).status_code == 401
    r = client.post("/api/v1/auth/revoke", data={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 204
    assert refresh(client, pair["refresh_token"]).status_code == 401


def test_deactivated_user_cannot_refresh(
    client: TestClient, w13: dict[str, str], make_user: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("w13")
    pair = login(client, user["email"], user["password"]).json()
    client.patch(f"/api/v1/users/{user['id']}", json={"active": False}, headers=w13)
    assert refresh(client, pair["refresh_token"]).status_code == 401
