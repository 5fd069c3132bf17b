"""The demonstration dataset obeys the dossier rules: anonymous texts, valid statuses; writing a
seeded dossier back unchanged is accepted and adds no event to its timeline."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.dossiers.schemas import DossierCreate
from api.seed.loader import load_dataset
from tests.conftest import count_rows
from tests.dossiers.conftest import API


def test_seeded_dossiers_pass_validation(
    client: TestClient, w13: dict[str, str], engine: Any
) -> None:
    load_dataset()
    events = count_rows("dossier_events")
    items = client.get(API, headers=w13).json()["items"]
    assert [d["code"] for d in items] == [f"SIG-0{n}" for n in range(1, 8)]
    writable = set(DossierCreate.model_fields) - {"id"}
    for item in items:
        body = {k: v for k, v in item.items() if k in writable}
        r = client.put(f"{API}/{item['id']}", json=body, headers=w13)
        assert r.status_code == 200, (item["code"], r.text)
        assert r.json()["version"] == item["version"]
        timeline = client.get(f"{API}/{item['id']}/events", headers=w13)
        assert timeline.status_code == 200
        for ev in timeline.json()["items"]:
            writable_event = {k: ev[k] for k in ("date", "kind", "text", "meeting_id")}
            path = f"{API}/{item['id']}/events/{ev['id']}"
            assert client.put(path, json=writable_event, headers=w13).status_code == 200
    assert count_rows("dossier_events") == events
    discussed = {d["code"]: d["meeting_ids"] for d in items}
    assert discussed["SIG-03"], "the seeded assembly of September 2025 discussed SIG-03"
    assert all(len(set(ids)) == len(ids) for ids in discussed.values())
