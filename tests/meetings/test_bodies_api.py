from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.meetings.conftest import AGENDA, body_payload


def test_body_round_trip(
    client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]]
) -> None:
    created = create(
        client,
        w13,
        "bodies",
        body_payload(actors[:2], recurrence="freq=monthly;byday=2tu;interval=3"),
    )
    assert created["recurrence"] == "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"
    assert created["member_ids"] == [actors[0]["id"], actors[1]["id"]]
    assert created["agenda_template"] == AGENDA
    got = client.get(f"/api/v1/bodies/{created['id']}", headers=w13).json()
    assert got == created


def test_member_ids_are_replaced_as_a_whole(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    r = client.patch(
        f"/api/v1/bodies/{body['id']}", json={"member_ids": [actors[2]["id"]]}, headers=w13
    )
    assert r.status_code == 200, r.text
    assert r.json()["member_ids"] == [actors[2]["id"]]
    assert r.json()["version"] == 2
    assert count_rows("body_members") == 1


def test_unknown_member_is_a_field_error(
    client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]]
) -> None:
    payload = body_payload(actors[:1])
    payload["member_ids"].append("00000000-0000-4000-8000-000000000000")
    r = client.post("/api/v1/bodies", json=payload, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "member_ids", 1]
    assert count_rows("bodies") == 0


def test_an_actor_sits_in_a_body_once(
    client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]]
) -> None:
    r = client.post(
        "/api/v1/bodies", json=body_payload([actors[0], actors[1], actors[0]]), headers=w13
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"loc": ["body", "member_ids", 2], "msg": "Listed more than once.", "code": "duplicate"}
    ]


def test_bad_recurrence_is_a_field_error(
    client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]]
) -> None:
    r = client.post(
        "/api/v1/bodies", json=body_payload(actors, recurrence="elke drie maanden"), headers=w13
    )
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["loc"] == ["body", "recurrence"]
    assert "NAME=VALUE" in err["msg"]
    assert count_rows("bodies") == 0


def test_code_is_a_unique_slug(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    r = client.post("/api/v1/bodies", json=body_payload([], code="ROSE AV"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "code"]
    r = client.post("/api/v1/bodies", json=body_payload([], name="Dubbel"), headers=w13)
    assert r.status_code == 409
    assert count_rows("bodies") == 1


def test_agenda_template_depth_is_limited(client: TestClient, w13: dict[str, str]) -> None:
    def nested(depth: int) -> dict[str, Any]:
        item: dict[str, Any] = {"title": f"Niveau {depth}"}
        if depth > 1:
            item["items"] = [nested(depth - 1)]
        return item

    ok = create(client, w13, "bodies", body_payload([], agenda_template=[nested(4)]))
    assert ok["agenda_template"][0]["items"][0]["items"][0]["items"][0]["title"] == "Niveau 1"
    r = client.post(
        "/api/v1/bodies",
        json=body_payload([], code="rase", agenda_template=[nested(3), nested(5)]),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == [
        "body",
        "agenda_template",
        1,
        "items",
        0,
        "items",
        0,
        "items",
        0,
        "items",
    ]


def test_filters(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    create(
        client,
        w13,
        "bodies",
        body_payload(
            [actors[2]],
            code="rase",
            name="Werkgroep RASE",
            kind="workgroup",
            recurrence=None,
            description="Duurzaamheid en ecologie in de sociale economie.",
        ),
    )

    def codes(query: str) -> list[str]:
        r = client.get(f"/api/v1/bodies?{query}", headers=w13)
        assert r.status_code == 200, r.text
        return [b["code"] for b in r.json()["items"]]

    assert codes("") == ["rase", "rose-av"]
    assert codes("kind=workgroup") == ["rase"]
    assert codes(f"member={actors[0]['id']}") == ["rose-av"]
    assert codes(f"member={actors[2]['id']}") == ["rase"]
    assert codes("q=ECOLOGIE") == ["rase"]
    assert client.get("/api/v1/bodies?kind=commissie", headers=w13).status_code == 422


def test_who_reads_and_writes_bodies(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    outsider: dict[str, str],
    municipal: dict[str, str],
) -> None:
    for headers in (outsider, municipal):
        r = client.get("/api/v1/bodies", headers=headers)
        assert r.status_code == 200
        assert [b["id"] for b in r.json()["items"]] == [body["id"]]
    assert client.get("/api/v1/bodies").status_code == 401
    r = client.patch(f"/api/v1/bodies/{body['id']}", json={"name": "Anders"}, headers=outsider)
    assert r.status_code == 403
    assert client.get(f"/api/v1/bodies/{body['id']}", headers=w13).json()["version"] == 1


def test_change_feed_marks_bodies_internal(client: TestClient, body: dict[str, Any]) -> None:
    import sqlalchemy as sa

    from api.core.db import get_engine

    with get_engine().connect() as conn:
        rows = (
            conn.execute(sa.text("SELECT visibility FROM changes WHERE resource = 'bodies'"))
            .scalars()
            .all()
        )
    assert rows == ["internal"]
