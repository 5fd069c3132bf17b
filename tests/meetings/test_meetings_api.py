import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core.db import get_engine
from tests.conftest import count_rows, create
from tests.meetings.conftest import AGENDA, meeting_payload


def test_times_are_stored_in_utc(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body))
    assert m["starts_at"] == "2024-06-11T12:00:00Z"
    assert m["ends_at"] == "2024-06-11T14:00:00Z"
    assert m["status"] == "planned"


def test_ends_after_starts(client: TestClient, w13: dict[str, str], body: dict[str, Any]) -> None:
    for ends in ("2024-06-11T14:00:00+02:00", "2024-06-11T13:00:00+02:00"):
        r = client.post("/api/v1/meetings", json=meeting_payload(body, ends_at=ends), headers=w13)
        assert r.status_code == 422
        assert r.json()["errors"] == [
            {
                "loc": ["body", "ends_at"],
                "msg": "Must be after starts_at.",
                "code": "meeting_ends_before",
            }
        ]
    assert count_rows("meetings") == 0


def test_times_need_a_time_zone(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    r = client.post(
        "/api/v1/meetings", json=meeting_payload(body, starts_at="2024-06-11T14:00:00"), headers=w13
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "starts_at"]


def test_patch_keeps_times_consistent(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body))
    r = client.patch(
        f"/api/v1/meetings/{m['id']}", json={"starts_at": "2024-06-11T15:00:00Z"}, headers=w13
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "ends_at"]
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()["version"] == 1


def test_agenda_is_copied_from_the_template(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body))
    assert m["agenda"] == AGENDA
    own = [{"title": "Enig punt", "description": "", "items": []}]
    m2 = create(client, w13, "meetings", meeting_payload(body, agenda=own))
    assert m2["agenda"] == own
    empty = create(client, w13, "meetings", meeting_payload(body, agenda=[]))
    assert empty["agenda"] == []
    # The copy is the meeting's own: changing the template later leaves it alone.
    client.patch(f"/api/v1/bodies/{body['id']}", json={"agenda_template": []}, headers=w13)
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()["agenda"] == AGENDA
    # null keeps an existing agenda (so syncing systems never wipe one); [] clears it.
    r = client.patch(f"/api/v1/meetings/{m['id']}", json={"agenda": None}, headers=w13)
    assert r.status_code == 200
    assert r.json()["agenda"] == AGENDA and r.json()["version"] == 1
    r = client.put(f"/api/v1/meetings/{m['id']}", json=meeting_payload(body), headers=w13)
    assert r.json()["agenda"] == AGENDA
    r = client.patch(f"/api/v1/meetings/{m['id']}", json={"agenda": []}, headers=w13)
    assert r.json()["agenda"] == [] and r.json()["version"] == 2


def test_agenda_depth_is_limited(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    item: dict[str, Any] = {"title": "Niveau 5"}
    for level in (4, 3, 2, 1):
        item = {"title": f"Niveau {level}", "items": [item]}
    r = client.post("/api/v1/meetings", json=meeting_payload(body, agenda=[item]), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == [
        "body",
        "agenda",
        0,
        "items",
        0,
        "items",
        0,
        "items",
        0,
        "items",
    ]
    assert count_rows("meetings") == 0


def test_an_actor_attends_once(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    a = actors[0]["id"]
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(
            body,
            attendance=[
                {"actor_id": a, "status": "present"},
                {"actor_id": actors[1]["id"], "status": "absent"},
                {"actor_id": a, "status": "excused"},
            ],
        ),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "loc": ["body", "attendance", 2, "actor_id"],
            "msg": "Listed more than once.",
            "code": "duplicate",
        }
    ]
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(
            body, attendance=[{"actor_id": str(uuid.uuid4()), "status": "present"}]
        ),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "attendance", 0, "actor_id"]
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(body, attendance=[{"actor_id": a, "status": "late"}]),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "attendance", 0, "status"]
    assert count_rows("meetings") == 0


def test_collections_round_trip_and_replace(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    fixed = str(uuid.uuid4())
    m = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            status="held",
            minutes="De vergadering keurt het jaarverslag goed.",
            attendance=[
                {"actor_id": actors[0]["id"], "status": "present"},
                {"actor_id": actors[1]["id"], "status": "excused"},
            ],
            decisions=[
                {"id": fixed, "text": "Jaarverslag goedgekeurd.", "due_date": "2024-07-01"},
                {"text": "Actiegroep bereidt een voorstel rond mobiliteit voor."},
            ],
        ),
    )
    # Organisations: no person, no account (see test_attendance_people.py for those).
    assert m["attendance"] == [
        {"actor_id": actors[0]["id"], "user_id": None, "person": None, "status": "present"},
        {"actor_id": actors[1]["id"], "user_id": None, "person": None, "status": "excused"},
    ]
    first, second = m["decisions"]
    assert first == {
        "id": fixed,
        "text": "Jaarverslag goedgekeurd.",
        "action_id": None,
        "dossier_id": None,
        "due_date": "2024-07-01",
    }
    uuid.UUID(second["id"])  # generated
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json() == m

    r = client.patch(
        f"/api/v1/meetings/{m['id']}",
        json={
            "attendance": [{"actor_id": actors[2]["id"], "status": "absent"}],
            "decisions": [second],
        },
        headers=w13,
    )
    assert r.status_code == 200, r.text
    body_ = r.json()
    assert body_["attendance"] == [
        {"actor_id": actors[2]["id"], "user_id": None, "person": None, "status": "absent"}
    ]
    assert body_["decisions"] == [second]
    assert body_["minutes"] == m["minutes"] and body_["version"] == 2
    assert count_rows("meeting_attendance") == 1
    assert count_rows("meeting_decisions") == 1

    # A PATCH that sends the same lists changes nothing.
    same = client.patch(f"/api/v1/meetings/{m['id']}", json={"decisions": [second]}, headers=w13)
    assert same.json()["version"] == 2


def test_decision_ids_stay_with_their_meeting(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body, decisions=[{"text": "Eerste."}]))
    taken = m["decisions"][0]["id"]
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(body, decisions=[{"id": taken, "text": "Overgenomen."}]),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "decisions", 0, "id"]
    r = client.post(
        "/api/v1/meetings",
        json=meeting_payload(
            body, decisions=[{"text": "Opvolging", "action_id": str(uuid.uuid4())}]
        ),
        headers=w13,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "decisions", 0, "action_id"]
    assert count_rows("meetings") == 1


def test_dossier_links_and_filter(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    from api.core.db import session_scope
    from api.core.principal import SYSTEM
    from api.models.dossier import Dossier

    dossier_id = uuid.uuid4()
    with session_scope(principal=SYSTEM) as session:
        session.add(
            Dossier(
                id=dossier_id,
                code="SIG-01",
                title="Contingentering trajecten",
                theme="contingentering",
                level="vlaanderen",
            )
        )
    d = str(dossier_id)
    r = client.post("/api/v1/meetings", json=meeting_payload(body, dossier_ids=[d, d]), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "dossier_ids", 1]
    r = client.post(
        "/api/v1/meetings", json=meeting_payload(body, dossier_ids=[str(uuid.uuid4())]), headers=w13
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "dossier_ids", 0]
    m = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            dossier_ids=[d],
            decisions=[{"text": "Signaal naar Vlaanderen sturen.", "dossier_id": d}],
        ),
    )
    create(client, w13, "meetings", meeting_payload(body, title="Zonder dossier"))
    assert m["dossier_ids"] == [d] and m["decisions"][0]["dossier_id"] == d
    listed = client.get(f"/api/v1/meetings?dossier={d}", headers=w13).json()["items"]
    assert [x["id"] for x in listed] == [m["id"]]


def test_list_filters_and_order(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    other = create(
        client, w13, "bodies", {"code": "actiegroep", "name": "Actiegroep", "kind": "action_group"}
    )
    now = datetime.now(UTC).replace(microsecond=0)

    def at(days: int) -> dict[str, str]:
        start = now + timedelta(days=days)
        return {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=2)).isoformat()}

    created = {
        "later": create(client, w13, "meetings", meeting_payload(body, title="Later", **at(60))),
        "past": create(
            client,
            w13,
            "meetings",
            meeting_payload(body, title="Voorbij", status="held", **at(-30)),
        ),
        "soon": create(
            client,
            w13,
            "meetings",
            meeting_payload(other, title="Actiegroep mobiliteit", location="Menen", **at(5)),
        ),
        "off": create(
            client,
            w13,
            "meetings",
            meeting_payload(body, title="Afgelast", status="cancelled", **at(20)),
        ),
    }

    def titles(query: str) -> list[str]:
        r = client.get(f"/api/v1/meetings?{query}", headers=w13)
        assert r.status_code == 200, r.text
        return [m["title"] for m in r.json()["items"]]

    assert titles("") == ["Voorbij", "Actiegroep mobiliteit", "Afgelast", "Later"]
    assert titles("upcoming=true") == ["Actiegroep mobiliteit", "Afgelast", "Later"]
    assert titles("upcoming=false") == ["Voorbij"]
    assert titles(f"body={other['id']}") == ["Actiegroep mobiliteit"]
    assert titles("status=cancelled") == ["Afgelast"]
    assert titles("q=menen") == ["Actiegroep mobiliteit"]
    assert titles("q=fabriek") == ["Voorbij", "Afgelast", "Later"]  # in the copied agenda
    soon = created["soon"]["starts_at"]
    assert titles(f"starts_from={soon.replace('Z', '%2B00:00')}") == [
        "Actiegroep mobiliteit",
        "Afgelast",
        "Later",
    ]
    assert titles(f"starts_to={soon.replace('Z', '%2B00:00')}") == ["Voorbij"]
    day = (now + timedelta(days=20)).date().isoformat()
    assert titles(f"starts_from={day}&starts_to={day}") == ["Afgelast"]
    # keyset pages follow starts_at
    page = client.get("/api/v1/meetings?limit=3", headers=w13).json()
    nxt = client.get(f"/api/v1/meetings?limit=3&cursor={page['next_cursor']}", headers=w13).json()
    assert [m["title"] for m in page["items"] + nxt["items"]] == titles("")
    assert nxt["next_cursor"] is None


def test_members_read_their_bodies_meetings(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    member: dict[str, str],
    outsider: dict[str, str],
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body, minutes="Vertrouwelijk verslag."))
    other = create(
        client, w13, "bodies", {"code": "rase", "name": "Werkgroep RASE", "kind": "workgroup"}
    )
    hidden = create(client, w13, "meetings", meeting_payload(other, title="RASE overleg"))

    r = client.get("/api/v1/meetings", headers=member)
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["items"]] == [m["id"]]
    got = client.get(f"/api/v1/meetings/{m['id']}", headers=member)
    assert got.status_code == 200 and got.json()["minutes"] == "Vertrouwelijk verslag."
    assert client.get(f"/api/v1/meetings/{hidden['id']}", headers=member).status_code == 404

    assert client.get("/api/v1/meetings", headers=outsider).json()["items"] == []
    r = client.get(f"/api/v1/meetings/{m['id']}", headers=outsider)
    assert r.status_code == 404
    assert "Vertrouwelijk" not in r.text
    assert client.get("/api/v1/meetings?q=vertrouwelijk", headers=w13).json()["items"] == []

    # Members read but do not write.
    r = client.patch(f"/api/v1/meetings/{m['id']}", json={"minutes": "Gewijzigd"}, headers=member)
    assert r.status_code == 403
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=w13).json()["version"] == 1


def test_municipality_and_anonymous_have_no_meetings(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], municipal: dict[str, str]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body))
    r = client.get("/api/v1/meetings", headers=municipal)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert client.get(f"/api/v1/meetings/{m['id']}", headers=municipal).status_code == 403
    assert client.get("/api/v1/meetings").status_code == 401
    assert client.get(f"/api/v1/meetings/{m['id']}").status_code == 401
    r = client.post("/api/v1/meetings", json=meeting_payload(body), headers=municipal)
    assert r.status_code == 403
    assert count_rows("meetings") == 1


def test_change_feed_restricts_meetings_to_members(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], actors: list[dict[str, Any]]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body))
    with get_engine().connect() as conn:
        row = conn.execute(
            sa.text("SELECT visibility, actor_ids FROM changes WHERE resource = 'meetings'")
        ).one()
    actor_ids = row.actor_ids if isinstance(row.actor_ids, list) else json.loads(row.actor_ids)
    assert row.visibility == "restricted"
    assert actor_ids == [actors[0]["id"], actors[1]["id"]]
    assert m["id"]


def test_upsert_by_external_id_copies_the_template(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    url = "/api/v1/meetings/by-external-id/w13-agenda/AV-2024-2"
    r = client.put(url, json=meeting_payload(body), headers=w13)
    assert r.status_code == 201, r.text
    assert r.json()["agenda"] == AGENDA
    assert r.json()["external_id"] == "AV-2024-2"
    r = client.put(url, json=meeting_payload(body, title="AV juni (verplaatst)"), headers=w13)
    assert r.status_code == 200
    assert r.json()["title"] == "AV juni (verplaatst)"
    assert r.json()["agenda"] == AGENDA
    assert count_rows("meetings") == 1


def test_deleting_a_body_with_meetings_conflicts(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    m = create(client, w13, "meetings", meeting_payload(body, decisions=[{"text": "Iets."}]))
    assert client.delete(f"/api/v1/bodies/{body['id']}", headers=w13).status_code == 409
    assert client.delete(f"/api/v1/meetings/{m['id']}", headers=w13).status_code == 204
    assert count_rows("meeting_decisions") == 0
    assert client.delete(f"/api/v1/bodies/{body['id']}", headers=w13).status_code == 204
    assert count_rows("body_members") == 0
