"""Real logins through `/api/v1/auth/token`, one per role, and a municipal system."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from jose import jwt

from tests.accounts.conftest import bearer, login
from tests.conftest import create


def me_with_password(client: TestClient, user: dict[str, Any]) -> dict[str, Any]:
    r = login(client, user["email"], user["password"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60
    assert body["refresh_token"] and r.headers["cache-control"] == "no-store"
    me = client.get("/api/v1/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    return {
        "me": me.json(),
        "claims": jwt.get_unverified_claims(body["access_token"]),
        "headers": bearer(body["access_token"]),
    }


def test_w13_logs_in_and_manages_accounts(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    got = me_with_password(client, make_user("w13"))
    assert got["me"]["role"] == "w13" and got["me"]["kind"] == "user"
    assert got["claims"]["role"] == "w13" and got["claims"]["typ"] == "access"
    assert {"sub", "iss", "aud", "iat", "exp"} <= set(got["claims"])
    assert client.get("/api/v1/users", headers=got["headers"]).status_code == 200


def test_rose_member_logs_in_bound_to_its_actor(
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    actor: dict[str, Any],
    other_actor: dict[str, Any],
) -> None:
    got = me_with_password(client, make_user("rose_member", actor=actor["id"]))
    assert got["me"]["role"] == "rose_member" and got["me"]["actor_id"] == actor["id"]
    assert got["claims"]["actor_id"] == actor["id"]
    own = client.patch(
        f"/api/v1/actors/{actor['id']}",
        json={"website": "https://example.org"},
        headers=got["headers"],
    )
    assert own.status_code == 200
    other = client.patch(
        f"/api/v1/actors/{other_actor['id']}",
        json={"website": "https://example.org"},
        headers=got["headers"],
    )
    assert other.status_code == 403
    assert client.get("/api/v1/users", headers=got["headers"]).status_code == 403


def test_municipality_logs_in_bound_to_its_nis_code(
    client: TestClient, make_user: Callable[..., dict[str, Any]], kortrijk: dict[str, Any]
) -> None:
    got = me_with_password(client, make_user("municipality", municipality="34022"))
    assert got["me"]["role"] == "municipality" and got["me"]["municipality"] == "34022"
    assert got["claims"]["municipality"] == "34022"
    assert client.get("/api/v1/audit", headers=got["headers"]).status_code == 403


def test_municipal_system_queries_its_agreements(
    client: TestClient,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    menen: dict[str, Any],
    actor: dict[str, Any],
) -> None:
    base = {
        "provider_id": actor["id"],
        "service": "klusjesdienst",
        "description": "Kleine herstellingen bij ouderen.",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "regime": "individueel_maatwerk",
    }
    mine = create(
        client,
        w13,
        "agreements",
        {**base, "title": "DAEB klusjesdienst Kortrijk", "municipalities": ["34022"]},
    )
    theirs = create(
        client,
        w13,
        "agreements",
        {**base, "title": "DAEB klusjesdienst Menen", "municipalities": ["34027"]},
    )
    made = client.post(
        "/api/v1/clients",
        headers=w13,
        json={
            "name": "Zaaksysteem stad Kortrijk",
            "role": "municipality",
            "municipality": "34022",
            "scopes": ["read"],
        },
    ).json()
    r = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": made["client_id"],
            "client_secret": made["client_secret"],
        },
    )
    assert r.status_code == 200, r.text
    headers = bearer(r.json()["access_token"])
    me = client.get("/api/v1/me", headers=headers).json()
    may_read = me.pop("may_read")
    # A read-only client may only read, whatever its role's writes.
    assert set(me.pop("may")["agreements"]) == {"read"}
    assert me == {
        "kind": "client",
        "subject": made["id"],
        "label": "Zaaksysteem stad Kortrijk",
        "role": "municipality",
        "actor_id": None,
        "municipality": "34022",
        "scopes": ["read"],
    }
    # What it may read, from the permission table: its agreements, never dossiers or users.
    assert may_read["agreements"] == "own" and may_read["changes"] == "own"
    assert may_read["actors"] == "all"
    assert "dossiers" not in may_read and "users" not in may_read
    listed = client.get(
        "/api/v1/agreements?municipality=34022&active_on=2025-06-30", headers=headers
    )
    assert listed.status_code == 200, listed.text
    assert [a["id"] for a in listed.json()["items"]] == [mine["id"]]
    assert (
        client.get("/api/v1/agreements?municipality=34027", headers=headers).json()["items"] == []
    )
    assert client.get(f"/api/v1/agreements/{theirs['id']}", headers=headers).status_code == 404
    assert (
        client.post(
            "/api/v1/agreements",
            json={**base, "title": "X", "municipalities": ["34022"]},
            headers=headers,
        ).status_code
        == 403
    )
