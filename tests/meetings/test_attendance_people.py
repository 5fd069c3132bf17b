"""Attendance of people beside organisations: contact persons of an actor, or people with a
login; never a free name (target-group workers are not recorded)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.meetings.conftest import meeting_payload

CONTACT = "Inge Vandenbroucke (fictief)"


def with_contact(client: TestClient, w13: dict[str, str], actor: dict[str, Any]) -> None:
    r = client.patch(
        f"/api/v1/actors/{actor['id']}",
        json={"contact_persons": [{"name": CONTACT, "role": "coördinator"}]},
        headers=w13,
    )
    assert r.status_code == 200, r.text


def test_organisations_contact_persons_and_users_attend(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    actors: list[dict[str, Any]],
    make_user: Callable[..., dict[str, Any]],
) -> None:
    with_contact(client, w13, actors[0])
    member = make_user("rose_member", actor=actors[1]["id"])
    staff = make_user("w13")
    m = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            attendance=[
                {"actor_id": actors[2]["id"], "status": "absent"},
                {"actor_id": actors[0]["id"], "person": CONTACT, "status": "present"},
                {"user_id": str(member["id"]), "status": "excused"},
                {"user_id": str(staff["id"]), "status": "present"},
            ],
        ),
    )
    # The accounts' names (and a ROSE member's organisation) are filled in by the service.
    assert m["attendance"] == [
        {"actor_id": actors[2]["id"], "user_id": None, "person": None, "status": "absent"},
        {"actor_id": actors[0]["id"], "user_id": None, "person": CONTACT, "status": "present"},
        {
            "actor_id": actors[1]["id"],
            "user_id": str(member["id"]),
            "person": member["email"].split("@")[0],
            "status": "excused",
        },
        {
            "actor_id": None,
            "user_id": str(staff["id"]),
            "person": staff["email"].split("@")[0],
            "status": "present",
        },
    ]
    # The list read back and sent again changes nothing, also after the contact person left
    # the actor's list (history stays as it was recorded).
    r = client.patch(f"/api/v1/actors/{actors[0]['id']}", json={"contact_persons": []}, headers=w13)
    assert r.status_code == 200
    same = client.patch(
        f"/api/v1/meetings/{m['id']}", json={"attendance": m["attendance"]}, headers=w13
    )
    assert same.status_code == 200, same.text
    assert same.json()["version"] == 1


def test_a_person_is_a_contact_person_or_a_user_and_only_once(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    with_contact(client, w13, actors[0])
    a = actors[0]["id"]
    cases = [
        # a name that is not on the actor's list of contact persons
        ([{"actor_id": a, "person": "Jan Janssens", "status": "present"}], "person"),
        # a name without an organisation
        ([{"person": CONTACT, "status": "present"}], "actor_id"),
        # nobody at all
        ([{"status": "present"}], "actor_id"),
        # the same contact person twice
        (
            [
                {"actor_id": a, "person": CONTACT, "status": "present"},
                {"actor_id": a, "person": CONTACT, "status": "absent"},
            ],
            "person",
        ),
    ]
    for attendance, field in cases:
        r = client.post(
            "/api/v1/meetings",
            json=meeting_payload(body, attendance=attendance),
            headers={**w13, "Accept-Language": "fr"},
        )
        assert r.status_code == 422, (attendance, r.text)
        (error,) = r.json()["errors"]
        assert error["loc"][:2] == ["body", "attendance"] and error["loc"][-1] == field
        if field == "person" and len(attendance) == 1:
            assert error["code"] == "attendance_not_contact"
            assert error["msg"] == "Pas une personne de contact de cette organisation."
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(
            body, attendance=[{"user_id": str(actors[0]["id"]), "status": "present"}]
        ),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "attendance", 0, "user_id"]
    assert count_rows("meetings") == 0


def test_members_read_people_and_may_not_change_them(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    actors: list[dict[str, Any]],
    member: dict[str, str],
) -> None:
    with_contact(client, w13, actors[0])
    m = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body, attendance=[{"actor_id": actors[0]["id"], "person": CONTACT, "status": "present"}]
        ),
    )
    read = client.get(f"/api/v1/meetings/{m['id']}", headers=member)
    assert read.status_code == 200 and read.json()["attendance"][0]["person"] == CONTACT
    r = client.patch(f"/api/v1/meetings/{m['id']}", json={"attendance": []}, headers=member)
    assert r.status_code == 403
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()["version"] == 1
