from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.meetings.conftest import meeting_payload

DECISION = "De Actiegroep start een proefproject deelfietsen voor doelgroepmedewerkers."


def start_body(pillar_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": "A27",
        "title": "Proefproject deelfietsen voor maatwerkbedrijven",
        "pillar_id": pillar_id,
        "start_date": "2024-09-01",
        "end_date": "2025-06-30",
        **extra,
    }


def held_meeting(client: TestClient, w13: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    return create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            status="held",
            decisions=[
                {"text": "Jaarverslag goedgekeurd."},
                {"text": DECISION, "due_date": "2024-12-31"},
            ],
        ),
    )


def url(meeting: dict[str, Any], index: int = 1) -> str:
    return (
        f"/api/v1/meetings/{meeting['id']}/decisions/"
        f"{meeting['decisions'][index]['id']}/start-action"
    )


def test_a_decision_starts_an_action(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    actors: list[dict[str, Any]],
    pillar_id: str,
) -> None:
    m = held_meeting(client, w13, body)
    r = client.post(url(m), json=start_body(pillar_id, lead_actor_id=actors[0]["id"]), headers=w13)
    assert r.status_code == 201, r.text
    result = r.json()
    action_id = result["action_id"]
    assert r.headers["location"] == f"/api/v1/actions/{action_id}"
    assert result["decision"] == {**m["decisions"][1], "action_id": action_id}
    assert result["meeting_version"] == 2

    action = client.get(f"/api/v1/actions/{action_id}", headers=w13).json()
    assert action["code"] == "A27"
    assert action["description"] == DECISION
    assert action["lead_actor_id"] == actors[0]["id"]
    meeting = client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()
    assert [d["action_id"] for d in meeting["decisions"]] == [None, action_id]
    assert [d["id"] for d in meeting["decisions"]] == [d["id"] for d in m["decisions"]]

    again = client.post(url(m), json=start_body(pillar_id, code="A28"), headers=w13)
    assert again.status_code == 409
    assert action_id in again.json()["detail"]
    assert count_rows("actions") == 1


def test_invalid_action_writes_nothing(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], pillar_id: str
) -> None:
    m = held_meeting(client, w13, body)
    r = client.post(url(m), json=start_body(pillar_id, end_date="2024-01-01"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "end_date"]
    r = client.post(url(m), json={**start_body(pillar_id), "colour": "blauw"}, headers=w13)
    assert r.status_code == 422
    assert {
        "loc": ["body", "colour"],
        "msg": "Unknown field.",
        "code": "extra_forbidden",
    } in r.json()["errors"]
    assert count_rows("actions") == 0
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()["version"] == 1


def test_stale_if_match_is_412(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], pillar_id: str
) -> None:
    m = held_meeting(client, w13, body)
    etag = client.get(f"/api/v1/meetings/{m['id']}", headers=w13).headers["etag"]
    client.patch(f"/api/v1/meetings/{m['id']}", json={"minutes": "Verslag."}, headers=w13)
    r = client.post(url(m), json=start_body(pillar_id), headers={**w13, "If-Match": etag})
    assert r.status_code == 412
    assert count_rows("actions") == 0
    fresh = client.get(f"/api/v1/meetings/{m['id']}", headers=w13).headers["etag"]
    r = client.post(url(m), json=start_body(pillar_id), headers={**w13, "If-Match": fresh})
    assert r.status_code == 201


def test_unknown_decision_is_404(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], pillar_id: str
) -> None:
    m = held_meeting(client, w13, body)
    other = create(client, w13, "meetings", meeting_payload(body, decisions=[{"text": "Ander."}]))
    wrong = f"/api/v1/meetings/{m['id']}/decisions/{other['decisions'][0]['id']}/start-action"
    r = client.post(wrong, json=start_body(pillar_id), headers=w13)
    assert r.status_code == 404
    assert count_rows("actions") == 0


def test_refused_for_others_with_nothing_written(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    member: dict[str, str],
    outsider: dict[str, str],
    municipal: dict[str, str],
    pillar_id: str,
) -> None:
    m = held_meeting(client, w13, body)
    changes = count_rows("changes")
    assert client.post(url(m), json=start_body(pillar_id), headers=member).status_code == 403
    assert client.post(url(m), json=start_body(pillar_id), headers=outsider).status_code == 404
    assert client.post(url(m), json=start_body(pillar_id), headers=municipal).status_code == 403
    assert client.post(url(m), json=start_body(pillar_id)).status_code == 401
    assert count_rows("actions") == 0
    assert count_rows("changes") == changes
    meeting = client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()
    assert meeting["version"] == 1 and meeting["decisions"][1]["action_id"] is None
