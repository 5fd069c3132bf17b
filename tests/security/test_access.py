"""Object-, property- and function-level access, scopes and limits (OWASP API1, API3, API4 and
API5:2023). Each refusal is also shown to change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.accounts.conftest import bearer
from tests.conftest import count_rows, create

Maker = Callable[..., dict[str, Any]]


@pytest.fixture
def rose(make_user: Maker, actor: dict[str, Any]) -> dict[str, Any]:
    return make_user("rose_member", actor=actor["id"])


def version(client: TestClient, headers: dict[str, str], path: str) -> int:
    r = client.get(path, headers=headers)
    assert r.status_code == 200, r.text
    return int(r.json()["version"])


def test_rose_member_cannot_set_role_binding_version_or_timestamps(
    client: TestClient, w13: dict[str, str], rose: dict[str, Any], actor: dict[str, Any]
) -> None:
    url = f"/api/v1/actors/{actor['id']}"
    refused = {
        "kind": ("w13", 403),
        "rose_member": (False, 403),
        "fictional": (False, 403),
        "kbo_number": ("0630835639", 403),
        "source": ("crm", 403),
        "version": (9, 422),
        "created_at": ("2020-01-01T00:00:00Z", 422),
        "updated_at": ("2020-01-01T00:00:00Z", 422),
        "id": (actor["id"], 422),
    }
    for field, (value, status) in refused.items():
        r = client.patch(url, json={"description": "Nieuw", field: value}, headers=rose["headers"])
        assert r.status_code == status, (field, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    assert version(client, w13, url) == 1
    r = client.patch(url, json={"description": "Nieuw profiel"}, headers=rose["headers"])
    assert r.status_code == 200 and r.json()["version"] == 2


def test_rose_member_cannot_reach_accounts_at_all(
    client: TestClient, w13: dict[str, str], rose: dict[str, Any]
) -> None:
    me = f"/api/v1/users/{rose['id']}"
    headers = rose["headers"]
    for method, path, body in (
        ("GET", "/api/v1/users", None),
        ("GET", me, None),
        ("PATCH", me, {"role": "w13", "actor_id": None}),
        ("DELETE", me, None),
        ("POST", f"{me}/password", {"password": "een-nieuw-wachtwoord"}),
        (
            "POST",
            "/api/v1/users",
            {
                "email": "ik@example.org",
                "name": "Ik",
                "role": "w13",
                "password": "een-nieuw-wachtwoord",
            },
        ),
        ("GET", "/api/v1/clients", None),
        ("POST", "/api/v1/clients", {"name": "Mijn robot", "role": "w13"}),
        ("GET", "/api/v1/audit", None),
    ):
        r = client.request(method, path, json=body, headers=headers)
        assert r.status_code == 403, (method, path, r.text)
    assert count_rows("users") == 2 and count_rows("api_clients") == 0
    assert client.get(me, headers=w13).json()["role"] == "rose_member"
    assert client.get("/api/v1/me", headers=headers).json()["role"] == "rose_member"


def test_w13_cannot_set_version_or_timestamps(
    client: TestClient, w13: dict[str, str], actor: dict[str, Any], rose: dict[str, Any]
) -> None:
    for path in (f"/api/v1/actors/{actor['id']}", f"/api/v1/users/{rose['id']}"):
        for field, value in (
            ("version", 5),
            ("created_at", "2020-01-01T00:00:00Z"),
            ("updated_at", "2020-01-01T00:00:00Z"),
        ):
            r = client.patch(path, json={field: value}, headers=w13)
            assert r.status_code == 422, (path, field)
            assert r.json()["errors"] == [
                {"loc": ["body", field], "msg": "Unknown field.", "code": "extra_forbidden"}
            ]
        assert version(client, w13, path) == 1
    r = client.post(
        "/api/v1/actors",
        headers=w13,
        json={"name": "Nieuw (fictief)", "kind": "partner", "version": 7},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "version"]


def test_object_level_across_actors(
    client: TestClient, w13: dict[str, str], rose: dict[str, Any], other_actor: dict[str, Any]
) -> None:
    url = f"/api/v1/actors/{other_actor['id']}"
    for method, body in (
        ("PATCH", {"description": "Overgenomen"}),
        ("PUT", {"name": "Overgenomen", "kind": "partner"}),
        ("DELETE", None),
    ):
        r = client.request(method, url, json=body, headers=rose["headers"])
        assert r.status_code == 403, (method, r.text)
    assert version(client, w13, url) == 1


def test_object_level_across_municipalities(
    client: TestClient,
    w13: dict[str, str],
    make_user: Maker,
    kortrijk: dict[str, Any],
    menen: dict[str, Any],
    actor: dict[str, Any],
) -> None:
    base = {
        "provider_id": actor["id"],
        "service": "klusjesdienst",
        "description": "Herstel.",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "regime": "individueel_maatwerk",
    }
    theirs = create(
        client, w13, "agreements", {**base, "title": "DAEB Menen", "municipalities": ["34027"]}
    )
    kortrijk_user = make_user("municipality", municipality="34022")["headers"]
    assert (
        client.get(f"/api/v1/agreements/{theirs['id']}", headers=kortrijk_user).status_code == 404
    )
    assert client.get("/api/v1/agreements", headers=kortrijk_user).json()["items"] == []
    r = client.patch(
        f"/api/v1/agreements/{theirs['id']}", json={"title": "Van ons"}, headers=kortrijk_user
    )
    assert r.status_code == 404  # not even its existence is confirmed
    assert version(client, w13, f"/api/v1/agreements/{theirs['id']}") == 1


def test_function_level(
    client: TestClient,
    w13: dict[str, str],
    rose: dict[str, Any],
    make_user: Maker,
    kortrijk: dict[str, Any],
    actor: dict[str, Any],
) -> None:
    muni = make_user("municipality", municipality="34022")["headers"]
    muni_url = f"/api/v1/municipalities/{kortrijk['id']}"
    for headers in (rose["headers"], muni):
        assert (
            client.patch(muni_url, json={"w13_member": False}, headers=headers).status_code == 403
        )
        assert client.delete(muni_url, headers=headers).status_code == 403
        assert (
            client.post(
                "/api/v1/actors", json={"name": "X", "kind": "partner"}, headers=headers
            ).status_code
            == 403
        )
    assert (
        client.delete(f"/api/v1/actors/{actor['id']}", headers=rose["headers"]).status_code == 403
    )
    assert client.patch(muni_url, json={"w13_member": False}).status_code == 401
    assert version(client, w13, muni_url) == 1 and count_rows("actors") == 1


def test_client_scopes(client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]) -> None:
    made = client.post(
        "/api/v1/clients",
        headers=w13,
        json={"name": "W13 rapportering", "role": "w13", "scopes": ["read"]},
    ).json()
    token = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": made["client_id"],
            "client_secret": made["client_secret"],
        },
    ).json()["access_token"]
    reader = bearer(token)
    url = f"/api/v1/municipalities/{kortrijk['id']}"
    assert client.get(url, headers=reader).status_code == 200
    assert client.get("/api/v1/users", headers=reader).status_code == 200
    for method, path, body in (
        (
            "POST",
            "/api/v1/municipalities",
            {"nis_code": "34027", "name_nl": "Menen", "valid_from": "1977-01-01"},
        ),
        ("PATCH", url, {"w13_member": False}),
        ("DELETE", url, None),
        (
            "POST",
            "/api/v1/users",
            {
                "email": "x@example.org",
                "name": "X",
                "role": "w13",
                "password": "een-nieuw-wachtwoord",
            },
        ),
    ):
        r = client.request(method, path, json=body, headers=reader)
        assert r.status_code == 403, (method, path, r.text)
    assert count_rows("municipalities") == 1 and version(client, w13, url) == 1
    client.patch(f"/api/v1/clients/{made['id']}", json={"scopes": ["read", "write"]}, headers=w13)
    assert client.patch(url, json={"w13_member": False}, headers=reader).status_code == 200


def test_resource_limits(client: TestClient, w13: dict[str, str]) -> None:
    assert client.get("/api/v1/actors?limit=501", headers=w13).status_code == 422
    assert client.get("/api/v1/actors?limit=0", headers=w13).status_code == 422
    assert client.get("/api/v1/users?q=" + "a" * 201, headers=w13).status_code == 422
    long_password = client.post(
        "/api/v1/users",
        headers=w13,
        json={"email": "x@example.org", "name": "X", "role": "w13", "password": "p" * 1001},
    )
    assert long_password.status_code == 422
    r = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "x" * 321, "password": "x"},
    )
    assert r.status_code == 422
    r = client.post(
        "/api/v1/actors",
        headers={**w13, "Content-Type": "application/json"},
        content='{"name": "' + "x" * (1024 * 1024) + '", "kind": "partner"}',
    )
    assert r.status_code == 413
    assert count_rows("actors") == 0 and count_rows("users") == 1
