"""Pillars and objectives: public structure of the plan, guarded against breaking actions."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import count_rows, create

PILLARS = [
    (
        "WSE-LR2",
        "vlaams_kader",
        "Tewerkstelling van personen met een afstand tot de arbeidsmarkt",
        5,
    ),
    ("3.3.2", "actieplan", "De lokale sociale economie verder uitbouwen", 2),
    ("WSE-LR1", "vlaams_kader", "Regierol opnemen", 4),
    ("3.3.1", "actieplan", "Netwerking op het grondgebied stimuleren", 1),
    ("3.3.3", "actieplan", "Maatschappelijk verantwoord ondernemen (MVO)", 3),
]


@pytest.fixture
def pillars(client: TestClient, w13: dict[str, str]) -> dict[str, str]:
    return {
        code: create(
            client,
            w13,
            "pillars",
            {"code": code, "framework": fw, "title": title, "sort_order": order},
        )["id"]
        for code, fw, title, order in PILLARS
    }


def objective(
    client: TestClient, w13: dict[str, str], pillar_id: str, code: str, title: str, order: int = 0
) -> dict[str, Any]:
    return create(
        client,
        w13,
        "objectives",
        {"pillar_id": pillar_id, "code": code, "title": title, "sort_order": order},
    )


def action(
    client: TestClient, w13: dict[str, str], pillar_id: str, **fields: Any
) -> dict[str, Any]:
    return create(
        client,
        w13,
        "actions",
        {
            "code": "A15",
            "title": "Mobiliteit van doelgroepmedewerkers",
            "pillar_id": pillar_id,
            "start_date": "2020-01-01",
            "end_date": "2025-12-31",
            **fields,
        },
    )


def codes(client: TestClient, url: str) -> list[str]:
    r = client.get(url)  # the plan is public: no token
    assert r.status_code == 200, r.text
    return [p["code"] for p in r.json()["items"]]


def test_pillars_are_public_sorted_and_filtered(
    client: TestClient, pillars: dict[str, str]
) -> None:
    assert codes(client, "/api/v1/pillars") == ["3.3.1", "3.3.2", "3.3.3", "WSE-LR1", "WSE-LR2"]
    assert codes(client, "/api/v1/pillars?framework=vlaams_kader") == ["WSE-LR1", "WSE-LR2"]
    assert codes(client, "/api/v1/pillars?code=3.3.2") == ["3.3.2"]
    assert codes(client, "/api/v1/pillars?q=mvo") == ["3.3.3"]
    one = client.get(f"/api/v1/pillars/{pillars['3.3.2']}")
    assert one.status_code == 200 and one.headers["etag"]
    assert one.json()["framework"] == "actieplan"
    assert client.get("/api/v1/pillars?framework=europees").status_code == 422


def test_equal_sort_order_falls_back_to_code(client: TestClient, w13: dict[str, str]) -> None:
    for code in ("WSE-LR4", "WSE-LR3"):
        create(
            client,
            w13,
            "pillars",
            {
                "code": code,
                "framework": "vlaams_kader",
                "title": f"Prioriteit {code}",
                "sort_order": 7,
            },
        )
    assert codes(client, "/api/v1/pillars") == ["WSE-LR3", "WSE-LR4"]
    pages = client.get("/api/v1/pillars?limit=1").json()
    assert [p["code"] for p in pages["items"]] == ["WSE-LR3"]
    nxt = client.get(f"/api/v1/pillars?limit=1&cursor={pages['next_cursor']}").json()
    assert [p["code"] for p in nxt["items"]] == ["WSE-LR4"] and nxt["next_cursor"] is None


@pytest.mark.parametrize(
    ("code", "framework", "ok"),
    [
        ("3.3.4", "actieplan", True),
        ("4", "actieplan", True),
        ("WSE-LR5", "vlaams_kader", True),
        ("WSE-LR1", "actieplan", False),
        ("3.3.4", "vlaams_kader", False),
        ("3.3.", "actieplan", False),
        ("wse-lr5", "vlaams_kader", False),
    ],
)
def test_pillar_code_fits_its_framework(
    client: TestClient, w13: dict[str, str], code: str, framework: str, ok: bool
) -> None:
    r = client.post(
        "/api/v1/pillars",
        json={"code": code, "framework": framework, "title": "Nieuwe pijler"},
        headers=w13,
    )
    if ok:
        assert r.status_code == 201, r.text
    else:
        assert r.status_code == 422
        assert r.json()["errors"][0]["loc"] == ["body", "code"]
        assert count_rows("pillars") == 0


def test_pillar_writes_are_for_w13(
    client: TestClient, w13: dict[str, str], make_user: Any, pillars: dict[str, str]
) -> None:
    body = {"code": "3.3.4", "framework": "actieplan", "title": "Nieuwe pijler"}
    assert client.post("/api/v1/pillars", json=body).status_code == 401
    vdab = create(client, w13, "actors", {"name": "VDAB", "kind": "partner"})
    rose = make_user("rose_member", actor=vdab["id"])["headers"]
    assert client.post("/api/v1/pillars", json=body, headers=rose).status_code == 403
    url = f"/api/v1/pillars/{pillars['3.3.1']}"
    assert client.patch(url, json={"title": "Anders"}, headers=rose).status_code == 403
    assert client.delete(url, headers=rose).status_code == 403
    assert count_rows("pillars") == len(PILLARS)


def test_duplicate_pillar_code_conflicts(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    r = client.post(
        "/api/v1/pillars",
        json={"code": "3.3.1", "framework": "actieplan", "title": "Dubbel"},
        headers=w13,
    )
    assert r.status_code == 409 and "code" in r.json()["detail"]
    assert count_rows("pillars") == len(PILLARS)


def test_delete_pillar_with_objectives_or_actions_is_409(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    objective(client, w13, pillars["3.3.1"], "3.3.1.1", "Een geoptimaliseerde ROSE-werking")
    r = client.delete(f"/api/v1/pillars/{pillars['3.3.1']}", headers=w13)
    assert r.status_code == 409
    assert r.json()["detail"] == ("Pillar 3.3.1 still has 1 objective; move or delete them first.")

    action(client, w13, pillars["3.3.2"])
    action(client, w13, pillars["3.3.2"], code="A16", title="Duurzame dienstverplaatsingen")
    r = client.delete(f"/api/v1/pillars/{pillars['3.3.2']}", headers=w13)
    assert r.status_code == 409 and "3.3.2 still has 2 actions" in r.json()["detail"]
    assert count_rows("pillars") == len(PILLARS)

    assert client.delete(f"/api/v1/pillars/{pillars['3.3.3']}", headers=w13).status_code == 204
    assert client.get(f"/api/v1/pillars/{pillars['3.3.3']}").status_code == 404


def test_framework_priority_in_use_by_code_is_protected(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    action(client, w13, pillars["3.3.2"], wse_lr_code="WSE-LR2")
    lr2 = f"/api/v1/pillars/{pillars['WSE-LR2']}"
    r = client.delete(lr2, headers=w13)
    assert r.status_code == 409 and "action with this wse_lr_code" in r.json()["detail"]
    r = client.patch(lr2, json={"code": "WSE-LR9"}, headers=w13)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "code"]
    r = client.patch(lr2, json={"framework": "actieplan", "code": "9"}, headers=w13)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "framework"]
    assert client.get(lr2).json()["code"] == "WSE-LR2"
    # Renaming an unused priority is fine; so is retitling a used one.
    r = client.patch(
        f"/api/v1/pillars/{pillars['WSE-LR1']}", json={"code": "WSE-LR01"}, headers=w13
    )
    assert r.status_code == 200, r.text
    assert client.patch(lr2, json={"title": "Tewerkstelling"}, headers=w13).status_code == 200


def test_action_plan_pillar_with_actions_keeps_its_framework(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    action(client, w13, pillars["3.3.2"])
    url = f"/api/v1/pillars/{pillars['3.3.2']}"
    r = client.patch(url, json={"framework": "vlaams_kader", "code": "WSE-LR9"}, headers=w13)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "framework"]
    r = client.patch(
        f"/api/v1/pillars/{pillars['3.3.3']}",
        json={"framework": "vlaams_kader", "code": "WSE-LR3"},
        headers=w13,
    )
    assert r.status_code == 200, r.text


def test_objectives_filtered_by_pillar_and_sorted(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    objective(client, w13, pillars["3.3.2"], "3.3.2.3", "Inzetten op doelgroepen", 5)
    objective(client, w13, pillars["3.3.2"], "3.3.2.1", "Het netwerk sluitend maken", 3)
    objective(client, w13, pillars["3.3.2"], "3.3.2.2", "Drempels in de regio wegwerken", 4)
    objective(client, w13, pillars["3.3.1"], "3.3.1.1", "Een geoptimaliseerde ROSE-werking", 1)
    assert codes(client, "/api/v1/objectives") == ["3.3.1.1", "3.3.2.1", "3.3.2.2", "3.3.2.3"]
    assert codes(client, f"/api/v1/objectives?pillar={pillars['3.3.2']}") == [
        "3.3.2.1",
        "3.3.2.2",
        "3.3.2.3",
    ]
    assert codes(client, "/api/v1/objectives?code=3.3.2.2") == ["3.3.2.2"]
    assert codes(client, "/api/v1/objectives?q=drempels") == ["3.3.2.2"]
    assert client.get("/api/v1/objectives?pillar=3.3.2").status_code == 422


def test_objective_needs_an_existing_pillar(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/objectives",
        json={"pillar_id": "0b1d2c3e-4f50-4a61-8b72-93a4b5c6d7e8", "code": "3.3.9.1", "title": "X"},
        headers=w13,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "pillar_id"]
    assert count_rows("objectives") == 0


def test_objective_with_actions_cannot_be_deleted_or_moved(
    client: TestClient, w13: dict[str, str], pillars: dict[str, str]
) -> None:
    obj = objective(client, w13, pillars["3.3.2"], "3.3.2.2", "Drempels in de regio wegwerken")
    spare = objective(client, w13, pillars["3.3.2"], "3.3.2.9", "Tijdelijke doelstelling")
    action(client, w13, pillars["3.3.2"], objective_id=obj["id"])
    url = f"/api/v1/objectives/{obj['id']}"
    r = client.delete(url, headers=w13)
    assert r.status_code == 409
    assert r.json()["detail"] == "Objective 3.3.2.2 still has 1 action; move or delete them first."
    r = client.patch(url, json={"pillar_id": pillars["3.3.3"]}, headers=w13)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "pillar_id"]
    assert client.get(url).json()["pillar_id"] == pillars["3.3.2"]
    # Without actions an objective moves and goes freely.
    spare_url = f"/api/v1/objectives/{spare['id']}"
    r = client.patch(spare_url, json={"pillar_id": pillars["3.3.3"]}, headers=w13)
    assert r.status_code == 200 and r.json()["pillar_id"] == pillars["3.3.3"]
    assert client.delete(spare_url, headers=w13).status_code == 204
    assert count_rows("objectives") == 1
