"""Events on a dossier's timeline: nested under the dossier, anonymous, ordered, and added by
W13 or by the ROSE member whose actor raised the dossier."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import count_rows
from tests.dossiers.conftest import API, make_dossier


def event(**changes: Any) -> dict[str, Any]:
    return {
        "date": "2025-09-18",
        "kind": "meeting",
        "text": "Toelichting in de algemene vergadering; andere leden herkennen het probleem.",
        **changes,
    }


def add(client: TestClient, headers: dict[str, str], dossier_id: str, **changes: Any) -> Any:
    return client.post(f"{API}/{dossier_id}/events", json=event(**changes), headers=headers)


def test_create_with_meeting_and_read(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    r = add(client, w13, d["id"], meeting_id=str(world["m_sept"]))
    assert r.status_code == 201, r.text
    ev = r.json()
    assert ev["dossier_id"] == d["id"] and ev["meeting_id"] == str(world["m_sept"])
    assert r.headers["location"].endswith(f"/dossiers/{d['id']}/events/{ev['id']}")
    got = client.get(f"{API}/{d['id']}/events/{ev['id']}", headers=w13)
    assert got.status_code == 200 and got.json()["kind"] == "meeting"


def test_unknown_meeting_and_kind_are_refused(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    r = add(client, w13, d["id"], meeting_id=str(uuid.uuid4()))
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "meeting_id"]
    r = add(client, w13, d["id"], kind="mail")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "kind"]
    r = add(client, w13, d["id"], text="")
    assert r.status_code == 422
    assert count_rows("dossier_events") == 0


@pytest.mark.parametrize(
    "leak",
    [
        "Gesprek met de werknemer (tel. 056 23 45 67).",
        "Betrokkene: 90.02.01-123.45.",
        "Verslag gestuurd naar werknemer@example.org.",
    ],
)
def test_event_text_stays_anonymous(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID], leak: str
) -> None:
    d = make_dossier(client, w13)
    r = add(client, w13, d["id"], text=leak)
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["loc"] == ["body", "text"] and "anonymous" in err["msg"]
    assert count_rows("dossier_events") == 0


def test_sorted_by_date_then_creation(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    for day, text in (("2025-09-18", "tweede"), ("2024-05-23", "eerste"), ("2025-09-18", "derde")):
        assert add(client, w13, d["id"], date=day, text=text).status_code == 201
    items = client.get(f"{API}/{d['id']}/events", headers=w13).json()["items"]
    assert [e["text"] for e in items] == ["eerste", "tweede", "derde"]
    r = client.get(f"{API}/{d['id']}/events?kind=note", headers=w13)
    assert r.json()["items"] == []


def test_events_belong_to_their_dossier(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    first = make_dossier(client, w13)
    second = make_dossier(client, w13, code="SIG-07")
    ev = add(client, w13, first["id"]).json()
    assert client.get(f"{API}/{second['id']}/events", headers=w13).json()["items"] == []
    assert client.get(f"{API}/{second['id']}/events/{ev['id']}", headers=w13).status_code == 404
    r = client.patch(
        f"{API}/{first['id']}/events/{ev['id']}", json={"text": "Bijgewerkt."}, headers=w13
    )
    assert r.status_code == 200, r.text
    assert r.json()["dossier_id"] == first["id"] and r.json()["version"] == 2
    assert client.get(f"{API}/{uuid.uuid4()}/events", headers=w13).status_code == 404


def test_rose_member_adds_events_to_own_dossiers_only(
    client: TestClient, w13: dict[str, str], brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    own = make_dossier(client, w13, raised_by=world["brug"])
    other = make_dossier(client, w13, code="SIG-07", raised_by=world["veld"])
    r = add(client, brug, own["id"], kind="note")
    assert r.status_code == 201, r.text
    r = add(client, brug, other["id"], kind="note")
    assert r.status_code == 403
    assert count_rows("dossier_events") == 1
    # reading the timeline of any dossier is fine
    assert client.get(f"{API}/{other['id']}/events", headers=brug).status_code == 200


def test_only_w13_edits_or_removes_events(
    client: TestClient, w13: dict[str, str], brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    own = make_dossier(client, w13, raised_by=world["brug"])
    ev = add(client, brug, own["id"], kind="note").json()
    path = f"{API}/{own['id']}/events/{ev['id']}"
    assert client.patch(path, json={"text": "Anders."}, headers=brug).status_code == 403
    assert client.delete(path, headers=brug).status_code == 403
    assert client.delete(path, headers=w13).status_code == 204
    assert count_rows("dossier_events") == 0


def test_municipality_and_anonymous_see_no_events(
    client: TestClient,
    w13: dict[str, str],
    municipal: dict[str, str],
    world: dict[str, uuid.UUID],
) -> None:
    d = make_dossier(client, w13)
    add(client, w13, d["id"])
    assert client.get(f"{API}/{d['id']}/events", headers=municipal).status_code == 403
    assert client.get(f"{API}/{d['id']}/events").status_code == 401
    assert add(client, municipal, d["id"]).status_code == 403
    assert count_rows("dossier_events") == 1
