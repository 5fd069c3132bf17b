"""Who sees which agreements: a municipality its own (never another's), a ROSE member those
entrusted to its actor, W13 all, nobody without logging in."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.agreements.conftest import API, agreement, make_agreement
from tests.conftest import PASSWORD, count_rows


@pytest.fixture
def two(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> dict[str, dict[str, Any]]:
    """One agreement of Kortrijk and its neighbours, one of Menen and Wervik only."""
    return {
        "kortrijk": make_agreement(client, w13, region["klus"]),
        "menen": make_agreement(
            client,
            w13,
            region["opvang"],
            title="DAEB kinderopvang Menen",
            municipalities=["34027", "33029"],
            service="kinderopvang",
        ),
    }


def ids(r: Any) -> list[str]:
    assert r.status_code == 200, r.text
    return [a["id"] for a in r.json()["items"]]


def test_municipality_sees_only_its_own(
    client: TestClient,
    kortrijk_user: dict[str, str],
    menen_user: dict[str, str],
    two: dict[str, dict[str, Any]],
) -> None:
    k, m = two["kortrijk"]["id"], two["menen"]["id"]
    assert ids(client.get(API, headers=kortrijk_user)) == [k]
    assert ids(client.get(API, headers=menen_user)) == [m]
    assert client.get(f"{API}/{k}", headers=kortrijk_user).status_code == 200
    r = client.get(f"{API}/{m}", headers=kortrijk_user)
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert client.get(f"{API}/{k}", headers=menen_user).status_code == 404
    # asking for another municipality's agreements explicitly still shows none of them
    assert ids(client.get(f"{API}?municipality=34027", headers=kortrijk_user)) == []
    assert ids(client.get(f"{API}?q=kinderopvang", headers=kortrijk_user)) == []


def test_municipality_cannot_write(
    client: TestClient,
    kortrijk_user: dict[str, str],
    region: dict[str, uuid.UUID],
    two: dict[str, dict[str, Any]],
) -> None:
    k = two["kortrijk"]["id"]
    r = client.post(API, json=agreement(region["klus"], title="Eigen"), headers=kortrijk_user)
    assert r.status_code == 403
    assert client.patch(f"{API}/{k}", json={"title": "X"}, headers=kortrijk_user).status_code == 403
    assert client.delete(f"{API}/{k}", headers=kortrijk_user).status_code == 403
    assert count_rows("agreements") == 2


def test_rose_member_sees_agreements_of_its_actor(
    client: TestClient,
    klus_member: dict[str, str],
    region: dict[str, uuid.UUID],
    two: dict[str, dict[str, Any]],
) -> None:
    assert ids(client.get(API, headers=klus_member)) == [two["kortrijk"]["id"]]
    assert client.get(f"{API}/{two['menen']['id']}", headers=klus_member).status_code == 404
    r = client.patch(f"{API}/{two['kortrijk']['id']}", json={"title": "X"}, headers=klus_member)
    assert r.status_code == 403
    r = client.post(API, json=agreement(region["klus"]), headers=klus_member)
    assert r.status_code == 403
    assert count_rows("agreements") == 2


def test_w13_sees_all_and_anonymous_nothing(
    client: TestClient, w13: dict[str, str], two: dict[str, dict[str, Any]]
) -> None:
    assert len(ids(client.get(API, headers=w13))) == 2
    r = client.get(API)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert client.get(f"{API}/{two['kortrijk']['id']}").status_code == 401
    assert client.get(API, headers={"Accept": "text/csv"}).status_code == 401


def test_municipal_system_logs_in_and_asks_what_runs_today(
    client: TestClient, make_user: Any, two: dict[str, dict[str, Any]]
) -> None:
    user = make_user("municipality", municipality="34027", email="daeb@menen.example.org")
    r = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": user["email"], "password": PASSWORD},
    )
    assert r.status_code == 200, r.text
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    r = client.get(f"{API}?municipality=34027&active_on=2024-06-30", headers=headers)
    assert ids(r) == [two["menen"]["id"]]
    r = client.get(f"{API}?municipality=34022&active_on=2024-06-30", headers=headers)
    assert ids(r) == []
