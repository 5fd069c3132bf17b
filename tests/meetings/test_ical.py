from typing import Any

from fastapi.testclient import TestClient

from api.meetings.ical import escape_text, fold
from tests.conftest import create
from tests.meetings.conftest import meeting_payload


def unfold(text: str) -> list[str]:
    """Content lines of a calendar, checking the wire format on the way (RFC 5545 3.1)."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line
        assert len(line.encode()) <= 75, line
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def events(lines: list[str]) -> list[dict[str, str]]:
    """The VEVENTs as property dicts, checking that components nest properly."""
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    out: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            out.append(current)
            current = None
        elif current is not None:
            assert name not in current, f"{name} twice in one event"
            current[name] = value
    assert current is None
    return out


def test_fold_counts_octets_and_keeps_characters_whole() -> None:
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert fold("X" * 75) == "X" * 75
    assert fold("X" * 76) == "X" * 75 + "\r\n X"


def test_escape_text() -> None:
    assert escape_text("Kortrijk, zaal 1; 2e verdieping\\B") == (
        "Kortrijk\\, zaal 1\\; 2e verdieping\\\\B"
    )
    assert escape_text("regel 1\r\nregel 2\nregel 3") == "regel 1\\nregel 2\\nregel 3"


def test_feed_structure(
    client: TestClient, w13: dict[str, str], body: dict[str, Any], member: dict[str, str]
) -> None:
    long_title = (
        "Algemene vergadering ROSE met toelichting over het Vlaamse kader voor de "
        "lokale regierol sociale economie"
    )
    held = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            title=long_title,
            status="held",
            minutes="Geheim verslag.",
            location="W13, President Kennedypark 10; Kortrijk",
        ),
    )
    off = create(
        client,
        w13,
        "meetings",
        meeting_payload(
            body,
            title="AV september",
            status="cancelled",
            agenda=[],
            starts_at="2024-09-10T12:00:00Z",
            ends_at="2024-09-10T14:00:00Z",
            location=None,
        ),
    )
    other = create(client, w13, "bodies", {"code": "rase", "name": "RASE", "kind": "workgroup"})
    create(client, w13, "meetings", meeting_payload(other, title="Niet in deze kalender"))

    r = client.get(f"/api/v1/bodies/{body['id']}/meetings.ics", headers=member)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert 'filename="rose-av.ics"' in r.headers["content-disposition"]
    lines = unfold(r.text)
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert "X-WR-CALNAME:Algemene vergadering ROSE" in lines
    evs = events(lines)
    assert [e["UID"] for e in evs] == [f"{held['id']}@regie", f"{off['id']}@regie"]
    first, second = evs
    assert first["SUMMARY"] == long_title
    assert first["DTSTART"] == "20240611T120000Z" and first["DTEND"] == "20240611T140000Z"
    assert first["LOCATION"] == "W13\\, President Kennedypark 10\\; Kortrijk"
    assert first["STATUS"] == "CONFIRMED"
    assert first["DESCRIPTION"].startswith("1. Verwelkoming en goedkeuring verslag\\n2. Stand")
    assert first["DTSTAMP"].endswith("Z") and len(first["DTSTAMP"]) == 16
    assert second["STATUS"] == "CANCELLED"
    assert "LOCATION" not in second and "DESCRIPTION" not in second
    assert "Geheim" not in r.text
    assert any(line.startswith(" ") for line in r.text.split("\r\n"))  # the long title folded

    again = client.get(
        f"/api/v1/bodies/{body['id']}/meetings.ics",
        headers={**member, "If-None-Match": r.headers["etag"]},
    )
    assert again.status_code == 304


def test_feed_follows_meeting_rights(
    client: TestClient,
    w13: dict[str, str],
    body: dict[str, Any],
    outsider: dict[str, str],
    municipal: dict[str, str],
) -> None:
    create(client, w13, "meetings", meeting_payload(body))
    url = f"/api/v1/bodies/{body['id']}/meetings.ics"
    assert len(events(unfold(client.get(url, headers=w13).text))) == 1
    r = client.get(url, headers=outsider)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert client.get(url, headers=municipal).status_code == 403
    assert client.get(url).status_code == 401
    missing = "/api/v1/bodies/00000000-0000-4000-8000-000000000000/meetings.ics"
    assert client.get(missing, headers=w13).status_code == 404


def test_empty_body_gives_an_empty_calendar(
    client: TestClient, w13: dict[str, str], body: dict[str, Any]
) -> None:
    r = client.get(f"/api/v1/bodies/{body['id']}/meetings.ics", headers=w13)
    assert r.status_code == 200
    lines = unfold(r.text)
    assert events(lines) == []
    assert lines[-1] == "END:VCALENDAR"
