"""Private calendar addresses and the public feed, fetched without any header and read by a
real iCalendar parser."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import icalendar
from fastapi.testclient import TestClient

from tests.conftest import count_rows, create
from tests.meetings.conftest import meeting_payload


def parse(text: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    return list(cal.walk("VEVENT"))


def subscribe(client: TestClient, headers: dict[str, str]) -> str:
    r = client.post("/api/v1/me/calendar", headers=headers)
    assert r.status_code == 201, r.text
    assert r.headers["Cache-Control"] == "no-store"
    body = r.json()
    assert body["url"].endswith(body["path"]) and body["url"].startswith("http")
    return body["path"]  # type: ignore[no-any-return]


def fetch(client: TestClient, path: str) -> Any:
    """A calendar app's request: no Authorization, no Accept-Language, nothing."""
    return client.get(path, headers={"Accept-Language": ""})


def test_private_address_lists_readable_meetings_with_agenda_place_and_changes(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    member: dict[str, str],
    actors: list[dict[str, Any]],
) -> None:
    june = create(client, w13, "meetings", meeting_payload(body, minutes="Niet voor de agenda."))
    other_body = create(
        client, w13, "bodies", {"code": "rase", "name": "RASE", "kind": "workgroup"}
    )
    elsewhere = create(client, w13, "meetings", meeting_payload(other_body, title="RASE overleg"))
    path = subscribe(client, member)
    assert client.get("/api/v1/me/calendar", headers=member).json()["active"] is True

    r = fetch(client, path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/calendar")
    (event,) = parse(r.text)
    assert str(event["UID"]) == f"{june['id']}@regie"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART").isoformat() == "2024-06-11T12:00:00+00:00"
    assert str(event["LOCATION"]) == "W13, President Kennedypark 10, Kortrijk"
    description = str(event["DESCRIPTION"])
    assert "Algemene vergadering ROSE" in description
    assert "2. Stand van zaken fabrieken" in description and "LDE-fabriek" in description
    assert "Niet voor de agenda" not in r.text and elsewhere["id"] not in r.text

    # Moved and then cancelled: same UID, higher SEQUENCE, STATUS:CANCELLED.
    url = f"/api/v1/meetings/{june['id']}"
    moved = {"starts_at": "2024-06-18T12:00:00Z", "ends_at": "2024-06-18T14:00:00Z"}
    assert client.patch(url, json=moved, headers=w13).status_code == 200
    assert client.patch(url, json={"status": "cancelled"}, headers=w13).status_code == 200
    (event,) = parse(fetch(client, path).text)
    assert str(event["UID"]) == f"{june['id']}@regie"
    assert event["SEQUENCE"] == 2 and event["STATUS"] == "CANCELLED"
    assert event.decoded("DTSTART").isoformat() == "2024-06-18T12:00:00+00:00"

    # The feed follows the API's rule: the body's new member sees the other body's meeting.
    client.patch(
        f"/api/v1/bodies/{other_body['id']}", json={"member_ids": [actors[0]["id"]]}, headers=w13
    )
    uids = {str(e["UID"]) for e in parse(fetch(client, path).text)}
    assert uids == {f"{june['id']}@regie", f"{elsewhere['id']}@regie"}


def test_etag_and_not_modified(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    create(client, w13, "meetings", meeting_payload(body))
    path = subscribe(client, w13)
    first = fetch(client, path)
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_revoked_renewed_and_deactivated_addresses_answer_404_at_once(
    client: TestClient,
    make_user: Callable[..., dict[str, Any]],
    w13: dict[str, str],
    body: dict[str, Any],
) -> None:
    person = make_user("w13")
    old = subscribe(client, person["headers"])
    assert fetch(client, old).status_code == 200
    new = subscribe(client, person["headers"])
    assert new != old and count_rows("calendar_tokens") == 1
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200

    r = client.delete("/api/v1/me/calendar", headers=person["headers"])
    assert r.status_code == 204
    assert fetch(client, new).status_code == 404
    assert fetch(client, new).headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/me/calendar", headers=person["headers"]).json() == {
        "active": False,
        "created_at": None,
    }

    again = subscribe(client, person["headers"])
    r = client.patch(f"/api/v1/users/{person['id']}", json={"active": False}, headers=w13)
    assert r.status_code == 200, r.text
    assert fetch(client, again).status_code == 404
    assert fetch(client, "/api/v1/calendars/not-a-real-token.ics").status_code == 404


def test_only_people_make_addresses_and_the_token_is_kept_hashed(
    client: TestClient, member: dict[str, str]
) -> None:
    assert client.post("/api/v1/me/calendar").status_code == 401
    assert client.get("/api/v1/me/calendar").status_code == 401
    path = subscribe(client, member)
    token = path.removeprefix("/api/v1/calendars/").removesuffix(".ics")
    assert len(token) >= 43
    from api.core.db import get_engine

    with get_engine().connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM calendar_tokens").scalar_one()
    assert token not in stored and len(stored) == 64


def test_a_municipality_gets_only_public_events(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], municipal: dict[str, str]
) -> None:
    create(client, w13, "meetings", meeting_payload(body))
    event = create(
        client, w13, "bodies", {"code": "netwerkevent", "name": "Netwerkevent", "kind": "event"}
    )
    public = create(
        client,
        w13,
        "meetings",
        meeting_payload(event, title="Netwerkevent sociale economie 2024", public=True),
    )
    events = parse(fetch(client, subscribe(client, municipal)).text)
    assert [str(e["UID"]) for e in events] == [f"{public['id']}@regie"]


def test_public_feed_lists_public_events_only_and_nothing_internal(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    create(client, w13, "meetings", meeting_payload(body, title="Interne vergadering"))
    event_body = create(
        client, w13, "bodies", {"code": "netwerkevent", "name": "Netwerkevent", "kind": "event"}
    )
    public = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            event_body,
            title="Netwerkevent sociale economie 2024",
            public=True,
            minutes="Intern verslag.",
            attendance=[],
        ),
    )
    r = fetch(client, "/api/v1/calendars/public.ics")
    assert r.status_code == 200 and "public" in r.headers["Cache-Control"]
    (ev,) = parse(r.text)
    assert str(ev["UID"]) == f"{public['id']}@regie"
    assert str(ev["SUMMARY"]) == "Netwerkevent sociale economie 2024"
    assert "Intern verslag" not in r.text and "Interne vergadering" not in r.text
    # Cancelling it shows as such; making it internal takes it out.
    client.patch(f"/api/v1/meetings/{public['id']}", json={"status": "cancelled"}, headers=w13)
    (ev,) = parse(fetch(client, "/api/v1/calendars/public.ics").text)
    assert ev["STATUS"] == "CANCELLED" and ev["SEQUENCE"] == 1
    client.patch(f"/api/v1/meetings/{public['id']}", json={"public": False}, headers=w13)
    assert parse(fetch(client, "/api/v1/calendars/public.ics").text) == []
