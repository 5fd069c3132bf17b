from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import create


def test_active_on_respects_validity(client: TestClient, w13: dict[str, str]) -> None:
    create(
        client,
        w13,
        "municipalities",
        {
            "nis_code": "44084",
            "name_nl": "Nazareth",
            "valid_from": "1977-01-01",
            "valid_to": "2024-12-31",
        },
    )
    create(
        client,
        w13,
        "municipalities",
        {"nis_code": "44086", "name_nl": "Nazareth-De Pinte", "valid_from": "2025-01-01"},
    )

    def codes(day: str) -> list[str]:
        return [
            m["nis_code"]
            for m in client.get(f"/api/v1/municipalities?active_on={day}").json()["items"]
        ]

    assert codes("2024-06-30") == ["44084"]
    assert codes("2025-06-30") == ["44086"]


def test_period_must_not_end_before_it_starts(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/municipalities",
        json={
            "nis_code": "34022",
            "name_nl": "Kortrijk",
            "valid_from": "2000-01-01",
            "valid_to": "1999-01-01",
        },
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "valid_to"]


def test_nis_code_is_five_digits(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/municipalities",
        json={"nis_code": "3402", "name_nl": "X", "valid_from": "2000-01-01"},
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "nis_code"]


def test_nis_code_never_changes(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.patch(
        f"/api/v1/municipalities/{kortrijk['id']}", json={"nis_code": "34023"}, headers=w13
    )
    assert r.status_code == 422
