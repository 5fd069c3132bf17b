"""Who may do what with actions: anonymous, ROSE members (own / other), municipalities, W13."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.actions.conftest import Plan
from tests.conftest import PASSWORD, count_rows

Make = Callable[..., dict[str, Any]]
URL = "/api/v1/actions"


@pytest.fixture
def actions(make_action: Make, actors: Plan) -> dict[str, dict[str, Any]]:
    """A15 (published; Schelde & Leie is a partner), A10 (published; Schelde & Leie leads),
    A27 (unpublished; led by Den Draad) and A28 (unpublished; W13 alone)."""
    return {
        "A15": make_action(),
        "A10": make_action(
            code="A10",
            title="Overgang van LDE naar individueel maatwerk",
            lead_actor_id=actors["zwevegem"],
            partner_ids=[actors["w13"]],
        ),
        "A27": make_action(
            code="A27",
            title="RASE-vervolg: gezamenlijke energieaanpak",
            lead_actor_id=actors["kuurne"],
            partner_ids=[],
            published=False,
            status="planned",
            progress=0,
        ),
        "A28": make_action(
            code="A28",
            title="Opvolging van de Vlaamse regelgeving",
            partner_ids=[],
            published=False,
        ),
    }


@pytest.fixture
def rose(make_user: Callable[..., dict[str, Any]], actors: Plan) -> dict[str, str]:
    """A person of Maatwerkbedrijf Schelde & Leie (fictief), logged in for real."""
    user = make_user("rose_member", actor=actors["zwevegem"])
    return user["headers"]  # type: ignore[no-any-return]


def login(client: TestClient, email: str) -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": PASSWORD},
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def listed(client: TestClient, headers: dict[str, str]) -> list[str]:
    r = client.get(URL, headers=headers)
    assert r.status_code == 200, r.text
    return [a["code"] for a in r.json()["items"]]


def test_anonymous_sees_published_actions_only(
    client: TestClient, actions: dict[str, dict[str, Any]]
) -> None:
    assert listed(client, {}) == ["A10", "A15"]
    assert client.get(f"{URL}?published=false").json()["items"] == []
    r = client.get(f"{URL}/{actions['A15']['id']}")
    assert r.status_code == 200
    assert "dossier_ids" not in r.json()  # the public view has no links to dossiers
    assert r.json()["partner_ids"] == actions["A15"]["partner_ids"]
    for code in ("A27", "A28"):
        r = client.get(f"{URL}/{actions[code]['id']}")
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"


def test_anonymous_cannot_write(
    client: TestClient,
    actions: dict[str, dict[str, Any]],
    action_body: Callable[..., dict[str, Any]],
) -> None:
    a15 = f"{URL}/{actions['A15']['id']}"
    assert client.post(URL, json=action_body(code="A99")).status_code == 401
    r = client.patch(a15, json={"progress": 99})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert client.delete(a15).status_code == 401
    # Unpublished ones stay invisible even to a write attempt.
    assert client.patch(f"{URL}/{actions['A27']['id']}", json={"progress": 5}).status_code == 404
    assert count_rows("actions") == 4
    assert client.get(a15).json()["progress"] == 40


def test_rose_member_updates_progress_of_own_actions(
    client: TestClient,
    actions: dict[str, dict[str, Any]],
    make_user: Callable[..., Any],
    actors: Plan,
) -> None:
    user = make_user("rose_member", actor=actors["zwevegem"])
    headers = login(client, user["email"])  # a real login, not a forged token
    # Partner in A15.
    r = client.patch(
        f"{URL}/{actions['A15']['id']}",
        headers=headers,
        json={
            "progress": 55,
            "milestones": [
                {
                    "title": "Proefproject deelfietsen Kortrijk-Menen",
                    "due_date": "2022-06-30",
                    "done_on": "2022-06-14",
                }
            ],
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["progress"] == 55 and r.json()["milestones"][0]["done_on"] == "2022-06-14"
    # Lead of A10: status along the life-cycle.
    r = client.patch(
        f"{URL}/{actions['A10']['id']}", headers=headers, json={"status": "on_hold", "progress": 45}
    )
    assert r.status_code == 200 and r.json()["status"] == "on_hold"
    # The life-cycle binds members as everyone.
    r = client.patch(f"{URL}/{actions['A10']['id']}", headers=headers, json={"status": "done"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "status"]


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Mobiliteit (herwerkt)"},
        {"published": False},
        {"progress": 60, "end_date": "2026-12-31"},
        {"partner_ids": []},
    ],
)
def test_rose_member_changes_nothing_but_progress_fields(
    client: TestClient,
    rose: dict[str, str],
    actions: dict[str, dict[str, Any]],
    changes: dict[str, Any],
) -> None:
    url = f"{URL}/{actions['A15']['id']}"
    r = client.patch(url, json=changes, headers=rose)
    assert r.status_code == 403, r.text
    assert "milestones, progress, status" in r.json()["detail"]
    refused = {tuple(e["loc"]) for e in r.json()["errors"]}
    assert refused == {("body", k) for k in changes if k != "progress"}
    after = client.get(url, headers=rose).json()
    assert after["version"] == 1 and after["progress"] == 40


def test_rose_member_reads_but_cannot_touch_other_actions(
    client: TestClient, rose: dict[str, str], actions: dict[str, dict[str, Any]]
) -> None:
    # Logged in, every action is readable, the unpublished ones of others included.
    assert listed(client, rose) == ["A10", "A15", "A27", "A28"]
    for code in ("A27", "A28"):
        url = f"{URL}/{actions[code]['id']}"
        assert client.get(url, headers=rose).status_code == 200
        r = client.patch(url, json={"progress": 10}, headers=rose)
        assert r.status_code == 403, r.text
        assert client.get(url, headers=rose).json()["version"] == 1
    assert client.delete(f"{URL}/{actions['A15']['id']}", headers=rose).status_code == 403


def test_rose_member_cannot_create_actions(
    client: TestClient,
    rose: dict[str, str],
    action_body: Callable[..., dict[str, Any]],
    actors: Plan,
) -> None:
    r = client.post(
        URL, json=action_body(code="A30", lead_actor_id=actors["zwevegem"]), headers=rose
    )
    assert r.status_code == 403
    assert count_rows("actions") == 0


def test_municipality_reads_everything_and_writes_nothing(
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    kortrijk: dict[str, Any],
    actions: dict[str, dict[str, Any]],
    action_body: Callable[..., dict[str, Any]],
) -> None:
    headers = make_user("municipality", municipality="34022")["headers"]
    assert listed(client, headers) == ["A10", "A15", "A27", "A28"]
    url = f"{URL}/{actions['A27']['id']}"
    assert client.get(url, headers=headers).json()["dossier_ids"] == []
    assert client.patch(url, json={"progress": 10}, headers=headers).status_code == 403
    assert client.delete(url, headers=headers).status_code == 403
    assert client.post(URL, json=action_body(code="A31"), headers=headers).status_code == 403
    assert count_rows("actions") == 4


def test_w13_does_everything(
    client: TestClient, w13: dict[str, str], actions: dict[str, dict[str, Any]]
) -> None:
    url = f"{URL}/{actions['A28']['id']}"
    r = client.patch(
        url,
        json={"title": "Opvolging Vlaamse regelgeving sociale economie", "published": True},
        headers=w13,
    )
    assert r.status_code == 200 and r.json()["published"] is True
    assert client.get(url).status_code == 200  # now public
    assert client.delete(url, headers=w13).status_code == 204
    assert client.get(url, headers=w13).status_code == 404
