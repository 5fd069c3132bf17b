"""The demonstration dataset obeys the agreement rules: every seeded agreement, written back
unchanged through the API, is accepted (and changes nothing)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.agreements.schemas import AgreementCreate
from api.seed.loader import load_dataset
from tests.agreements.conftest import API


def test_seeded_agreements_pass_validation(
    client: TestClient, w13: dict[str, str], engine: Any
) -> None:
    load_dataset()
    items = client.get(API, headers=w13).json()["items"]
    assert len(items) == 7
    writable = set(AgreementCreate.model_fields) - {"id"}
    for item in items:
        body = {k: v for k, v in item.items() if k in writable}
        r = client.put(f"{API}/{item['id']}", json=body, headers=w13)
        assert r.status_code == 200, (item["title"], r.text)
        assert r.json()["version"] == item["version"]
    active = client.get(f"{API}?municipality=34022&active_on=2024-06-30", headers=w13).json()
    assert [a["title"] for a in active["items"]] == [
        "DAEB klusjesdienst Kortrijk, Kuurne en Lendelede 2023–2026"
    ]
