"""API clients as a W13 resource: the secret is answered once, rotated, never read back."""

from __future__ import annotations

import json
import time
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core.db import get_engine
from tests.accounts.conftest import bearer
from tests.conftest import count_rows

SYSTEM_BODY = {
    "name": "Zaaksysteem stad Kortrijk",
    "role": "municipality",
    "municipality": "34022",
    "scopes": ["read"],
}


def client_token(client: TestClient, client_id: str, secret: str) -> Any:
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


def new_client(client: TestClient, w13: dict[str, str], **over: Any) -> dict[str, Any]:
    r = client.post("/api/v1/clients", json={**SYSTEM_BODY, **over}, headers=w13)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_create_answers_the_secret_once(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.post(
        "/api/v1/clients", json={**SYSTEM_BODY, "scopes": ["write", "read"]}, headers=w13
    )
    assert r.status_code == 201, r.text
    assert r.headers["cache-control"] == "no-store"
    made = r.json()
    secret = made["client_secret"]
    assert secret.startswith("rcs_") and len(secret) > 40
    assert made["client_id"].startswith("rc_")
    assert made["scopes"] == ["read", "write"]
    assert made["secret_rotated_at"] and made["last_used_at"] is None
    for text in (
        client.get(f"/api/v1/clients/{made['id']}", headers=w13).text,
        client.get("/api/v1/clients", headers=w13).text,
    ):
        assert secret not in text and "client_secret" not in text and "secret_hash" not in text
    with get_engine().connect() as conn:
        stored = conn.execute(sa.text("SELECT secret_hash FROM api_clients")).scalar_one()
        trail = conn.execute(
            sa.text("SELECT after FROM audit_entries WHERE resource = 'clients'")
        ).scalar_one()
    assert secret not in stored  # only a digest is kept
    assert stored not in json.dumps(trail) and "secret_hash" not in json.dumps(trail)


def test_the_secret_logs_in_and_marks_last_use(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    made = new_client(client, w13)
    r = client_token(client, made["client_id"], made["client_secret"])
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "read" and "refresh_token" not in r.json()
    me = client.get("/api/v1/me", headers=bearer(r.json()["access_token"])).json()
    assert me["kind"] == "client" and me["municipality"] == "34022"
    read = client.get(f"/api/v1/clients/{made['id']}", headers=w13).json()
    assert read["last_used_at"] is not None
    assert read["version"] == 1  # bookkeeping, not a change
    assert client_token(client, made["client_id"], "rcs_wrong").status_code == 401


def test_idempotent_replay_never_shows_the_secret_again(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    headers = {**w13, "Idempotency-Key": "zaaksysteem-1"}
    first = client.post("/api/v1/clients", json=SYSTEM_BODY, headers=headers)
    again = client.post("/api/v1/clients", json=SYSTEM_BODY, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    secret = first.json()["client_secret"]
    assert secret and again.json()["client_secret"] is None
    assert again.json()["id"] == first.json()["id"]
    assert count_rows("api_clients") == 1
    with get_engine().connect() as conn:
        body = conn.execute(sa.text("SELECT body FROM idempotency_keys")).scalar_one()
    assert secret not in body


def test_rotation_stops_the_old_secret_and_its_tokens(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    made = new_client(client, w13)
    old_token = client_token(client, made["client_id"], made["client_secret"]).json()
    assert client.get("/api/v1/me", headers=bearer(old_token["access_token"])).status_code == 200
    time.sleep(1.05)  # token times have whole seconds
    r = client.post(f"/api/v1/clients/{made['id']}/rotate-secret", headers=w13)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    rotated = r.json()
    assert rotated["client_secret"] != made["client_secret"]
    assert rotated["version"] == 2 and rotated["secret_rotated_at"] > made["secret_rotated_at"]
    assert client_token(client, made["client_id"], made["client_secret"]).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(old_token["access_token"])).status_code == 401
    fresh = client_token(client, made["client_id"], rotated["client_secret"])
    assert fresh.status_code == 200
    assert (
        client.get("/api/v1/me", headers=bearer(fresh.json()["access_token"])).json()["kind"]
        == "client"
    )


def test_read_only_and_unknown_fields_are_refused(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    made = new_client(client, w13)
    url = f"/api/v1/clients/{made['id']}"
    for field, value in (
        ("client_id", "rc_eigen"),
        ("secret_hash", "0" * 64),
        ("last_used_at", "2024-01-01T00:00:00Z"),
        ("secret_rotated_at", "2024-01-01T00:00:00Z"),
        ("client_secret", "rcs_zelfgekozen"),
        ("version", 9),
    ):
        r = client.patch(url, json={field: value}, headers=w13)
        assert r.status_code == 422, field
        assert r.json()["errors"] == [
            {"loc": ["body", field], "msg": "Unknown field.", "code": "extra_forbidden"}
        ]
    r = client.post(
        "/api/v1/clients", json={**SYSTEM_BODY, "client_secret": "rcs_eigen"}, headers=w13
    )
    assert r.status_code == 422
    assert client.get(url, headers=w13).json()["version"] == 1


def test_scopes_and_binding_are_validated(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    for over, loc in (
        ({"scopes": ["admin"]}, ["body", "scopes", 0]),
        ({"scopes": []}, ["body", "scopes"]),
        ({"municipality": None}, ["body", "municipality"]),
        ({"role": "w13"}, ["body", "municipality"]),
    ):
        r = client.post("/api/v1/clients", json={**SYSTEM_BODY, **over}, headers=w13)
        assert r.status_code == 422, over
        assert r.json()["errors"][0]["loc"] == loc, r.json()
    assert count_rows("api_clients") == 0


def test_patch_scopes_and_deactivate(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    made = new_client(client, w13)
    token = client_token(client, made["client_id"], made["client_secret"]).json()["access_token"]
    r = client.patch(
        f"/api/v1/clients/{made['id']}", json={"scopes": ["read", "write"]}, headers=w13
    )
    assert r.status_code == 200 and r.json()["scopes"] == ["read", "write"]
    assert client.get("/api/v1/me", headers=bearer(token)).json()["scopes"] == ["read", "write"]
    r = client.patch(f"/api/v1/clients/{made['id']}", json={"active": False}, headers=w13)
    assert r.status_code == 200
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert client_token(client, made["client_id"], made["client_secret"]).status_code == 401


def test_no_replace_route_for_accounts(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    made = new_client(client, w13)
    r = client.put(f"/api/v1/clients/{made['id']}", json=SYSTEM_BODY, headers=w13)
    assert r.status_code in (404, 405)
    assert r.headers["content-type"] == "application/problem+json"
    assert client.get(f"/api/v1/clients/{made['id']}", headers=w13).json()["version"] == 1
