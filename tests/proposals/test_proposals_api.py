"""Agenda proposals: ROSE members propose, W13 accepts, declines or moves, the proposer sees
the outcome, and a decided proposal stays decided."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.meetings.conftest import meeting_payload
from tests.proposals.conftest import proposal_payload, upcoming

URL = "/api/v1/agenda-proposals"


def propose(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    r = client.post(URL, json=body, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_member_proposes_and_w13_accepts_onto_the_agenda(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0], to_board=True))
    assert p["status"] == "proposed" and p["decided_at"] is None
    assert p["allowed"] == {"update": False, "delete": False, "fields": []}

    r = client.post(f"{URL}/{p['id']}/accept", json={"position": 2}, headers=w13)
    assert r.status_code == 200, r.text
    accepted = r.json()
    assert accepted["status"] == "accepted" and accepted["agenda_position"] == 2
    assert accepted["decided_at"] is not None and accepted["version"] == p["version"] + 1

    agenda = client.get(f"/api/v1/meetings/{meeting['id']}", headers=w13).json()["agenda"]
    assert [i["title"] for i in agenda] == [
        "Verwelkoming en goedkeuring verslag",
        "Vervoer naar de bedrijventerreinen",
        "Stand van zaken fabrieken",
        "Varia",
    ]
    assert agenda[1]["description"] == p["explanation"]

    # The proposer sees the outcome.
    mine = client.get(URL, params={"meeting": meeting["id"]}, headers=member).json()["items"]
    assert [(i["id"], i["status"], i["agenda_position"]) for i in mine] == [
        (p["id"], "accepted", 2)
    ]

    # Decided once: every further decision is refused with a code, and nothing changes.
    for verb, payload in (
        ("accept", {}),
        ("decline", {"reason": "Toch niet."}),
        ("move", {"meeting_id": meeting["id"]}),
    ):
        r = client.post(f"{URL}/{p['id']}/{verb}", json=payload, headers=w13)
        assert r.status_code == 409, (verb, r.text)
        assert r.json()["errors"][0]["code"] == "proposal_decided"
    after = client.get(f"/api/v1/meetings/{meeting['id']}", headers=w13).json()
    assert len(after["agenda"]) == 4
    assert client.get(f"{URL}/{p['id']}", headers=w13).json()["version"] == accepted["version"]


def test_accept_without_position_appends_and_position_past_the_end_is_last(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    a = propose(client, member, proposal_payload(meeting, actors[0], title="Punt A"))
    b = propose(client, member, proposal_payload(meeting, actors[0], title="Punt B"))
    r = client.post(f"{URL}/{a['id']}/accept", json={}, headers=w13)
    assert r.json()["agenda_position"] == 4
    r = client.post(f"{URL}/{b['id']}/accept", json={"position": 99}, headers=w13)
    assert r.json()["agenda_position"] == 5
    agenda = client.get(f"/api/v1/meetings/{meeting['id']}", headers=w13).json()["agenda"]
    assert [i["title"] for i in agenda][-2:] == ["Punt A", "Punt B"]


def test_decline_with_a_reason(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0]))
    r = client.post(f"{URL}/{p['id']}/decline", json={"reason": ""}, headers=w13)
    assert r.status_code == 422
    r = client.post(
        f"{URL}/{p['id']}/decline", json={"reason": "Komt aan bod in de Actiegroep."}, headers=w13
    )
    assert r.status_code == 200, r.text
    seen = client.get(f"{URL}/{p['id']}", headers=member).json()
    assert seen["status"] == "declined"
    assert seen["decision_reason"] == "Komt aan bod in de Actiegroep."
    agenda = client.get(f"/api/v1/meetings/{meeting['id']}", headers=w13).json()["agenda"]
    assert len(agenda) == 3


def test_move_to_a_later_meeting_of_the_same_body(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
    later: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0], to_board=True))
    other_body = create(
        client,
        w13,
        "bodies",
        {"code": "actiegroep", "name": "Actiegroep", "kind": "action_group", "member_ids": []},
    )
    elsewhere = create(client, w13, "meetings", meeting_payload(other_body, **upcoming(60)))
    earlier = create(client, w13, "meetings", meeting_payload(meeting_body(meeting), **upcoming(5)))
    for target in (elsewhere["id"], earlier["id"], meeting["id"]):
        r = client.post(f"{URL}/{p['id']}/move", json={"meeting_id": target}, headers=w13)
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "move_target"
    assert count_rows("agenda_proposals") == 1

    r = client.post(
        f"{URL}/{p['id']}/move",
        json={"meeting_id": later["id"], "reason": "De agenda is vol."},
        headers=w13,
    )
    assert r.status_code == 201, r.text
    new = r.json()
    assert r.headers["Location"] == f"/api/v1/agenda-proposals/{new['id']}"
    assert new["meeting_id"] == later["id"] and new["status"] == "proposed"
    assert new["moved_from_meeting_id"] == meeting["id"]
    assert new["to_board"] is True and new["proposer_actor_id"] == actors[0]["id"]
    old = client.get(f"{URL}/{p['id']}", headers=member).json()
    assert old["status"] == "moved" and old["moved_to_meeting_id"] == later["id"]
    assert old["decision_reason"] == "De agenda is vol."
    # The moved copy can be decided at its own meeting.
    r = client.post(f"{URL}/{new['id']}/accept", json={"position": 1}, headers=w13)
    assert r.status_code == 200
    agenda = client.get(f"/api/v1/meetings/{later['id']}", headers=w13).json()["agenda"]
    assert agenda[0]["title"] == p["title"]


def meeting_body(meeting: dict[str, Any]) -> dict[str, Any]:
    return {"id": meeting["body_id"]}


def test_who_proposes_and_who_sees(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    municipal: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    # On behalf of another actor: refused with a code, nothing stored.
    r = client.post(URL, json=proposal_payload(meeting, actors[1]), headers=member)
    assert r.status_code == 403
    assert r.json()["errors"][0]["code"] == "proposal_not_own"
    # For a body its actor does not sit in: refused.
    r = client.post(URL, json=proposal_payload(meeting, actors[2]), headers=outsider)
    assert r.status_code == 403
    # A ROSE member may not decide or set decision fields itself.
    r = client.post(
        URL, json=proposal_payload(meeting, actors[0], status="accepted"), headers=member
    )
    assert r.status_code == 403
    r = client.post(URL, json=proposal_payload(meeting, actors[0]), headers=municipal)
    assert r.status_code == 403
    assert client.post(URL, json=proposal_payload(meeting, actors[0])).status_code == 401
    assert count_rows("agenda_proposals") == 0

    p = propose(client, member, proposal_payload(meeting, actors[0]))
    assert client.post(f"{URL}/{p['id']}/accept", json={}, headers=member).status_code == 403
    assert client.patch(f"{URL}/{p['id']}", json={"title": "X"}, headers=member).status_code == 403
    # The other member of the body sees it; an outsider and a municipality do not.
    assert client.get(f"{URL}/{p['id']}", headers=outsider).status_code == 404
    assert client.get(URL, headers=outsider).json()["items"] == []
    assert client.get(URL, headers=municipal).status_code == 403
    assert client.get(URL).status_code == 401
    assert [i["id"] for i in client.get(URL, headers=w13).json()["items"]] == [p["id"]]


def test_only_upcoming_planned_meetings_take_proposals(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    body: dict[str, Any],
) -> None:
    past = create(client, w13, "meetings", meeting_payload(body))  # 2024
    cancelled = create(
        client, w13, "meetings", meeting_payload(body, status="cancelled", **upcoming(10))
    )
    for m in (past, cancelled):
        r = client.post(URL, json=proposal_payload(m, actors[0]), headers=member)
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["code"] == "meeting_not_upcoming"
    assert count_rows("agenda_proposals") == 0
    # W13 may record a proposal for any meeting (e.g. one brought up on the day itself), but
    # cannot accept it onto a meeting that is no longer planned.
    p = propose(client, w13, proposal_payload(cancelled, actors[0]))
    r = client.post(f"{URL}/{p['id']}/accept", json={}, headers=w13)
    assert r.status_code == 409 and r.json()["errors"][0]["code"] == "meeting_not_planned"


def test_decision_fields_change_only_by_deciding_and_board_fields(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
    later: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0]))
    for change in (
        {"status": "accepted", "agenda_position": 1},
        {"meeting_id": later["id"]},
        {"decision_reason": "Zomaar."},
    ):
        r = client.patch(f"{URL}/{p['id']}", json=change, headers=w13)
        assert r.status_code == 422, r.text
        assert {e["code"] for e in r.json()["errors"]} == {"proposal_decision_field"}
    # Board fields need the board mark.
    r = client.patch(f"{URL}/{p['id']}", json={"board_answer": "Goedgekeurd."}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "board_needs_to_board"
    r = client.patch(
        f"{URL}/{p['id']}",
        json={"to_board": True, "board_handled_on": "2026-01-20", "board_answer": "Goedgekeurd."},
        headers=w13,
    )
    assert r.status_code == 200, r.text
    assert r.json()["board_handled_on"] == "2026-01-20"
    # A W13 record of a decided proposal must say what the decision needs.
    r = client.post(URL, json=proposal_payload(meeting, actors[0], status="declined"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0] == {
        "loc": ["body", "decision_reason"],
        "msg": "Required with status declined.",
        "code": "decision_needs",
        "ctx": {"status": "declined"},
    }


def test_decided_problem_speaks_dutch_and_french(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0]))
    client.post(f"{URL}/{p['id']}/decline", json={"reason": "Nee."}, headers=w13)
    url = f"{URL}/{p['id']}/accept"
    nl = client.post(url, json={}, headers={**w13, "Accept-Language": "nl"}).json()
    fr = client.post(url, json={}, headers={**w13, "Accept-Language": "fr"}).json()
    assert nl["detail"] == "Over dit agendapunt is al beslist (declined)."
    assert fr["detail"] == "Ce point d'ordre du jour a déjà été tranché (declined)."
    assert nl["errors"][0]["code"] == fr["errors"][0]["code"] == "proposal_decided"


def test_feed_shows_proposals_to_the_bodys_members(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0]))

    def seen(headers: dict[str, str]) -> list[str]:
        items = client.get("/api/v1/changes", headers=headers).json()["items"]
        return [c["id"] for c in items if c["resource"] == "agenda-proposals"]

    assert seen(member) == [p["id"]]
    assert seen(outsider) == []
    assert seen(w13) == [p["id"]]
    audit = client.get("/api/v1/audit", params={"resource": "agenda-proposals"}, headers=w13)
    assert audit.status_code == 200 and len(audit.json()["items"]) >= 1


def test_csv_lists_proposals(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    propose(client, member, proposal_payload(meeting, actors[0]))
    r = client.get(URL, headers={**w13, "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    header, row = r.text.splitlines()[:2]
    assert "title" in header and "Vervoer naar de bedrijventerreinen" in row


def test_a_new_member_of_the_body_gets_the_proposals_in_its_feed(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    actors: list[dict[str, Any]],
    meeting: dict[str, Any],
) -> None:
    p = propose(client, member, proposal_payload(meeting, actors[0]))

    def seen() -> list[str]:
        items = client.get("/api/v1/changes", headers=outsider).json()["items"]
        return [c["id"] for c in items if c["resource"] == "agenda-proposals"]

    assert seen() == []
    members = [a["id"] for a in actors]
    r = client.patch(
        f"/api/v1/bodies/{meeting['body_id']}", json={"member_ids": members}, headers=w13
    )
    assert r.status_code == 200
    assert seen() == [p["id"]]
    assert client.get(f"{URL}/{p['id']}", headers=outsider).status_code == 200
