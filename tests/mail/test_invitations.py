"""Invitations through a real SMTP server: one message per invitee, in the invitee's language,
text and HTML, and an iCalendar part a real parser reads (UID, SEQUENCE, METHOD, Brussels
times); updates and the cancellation follow changes; nothing is sent twice."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.core.db import session_scope
from api.models.mail import MailMessage
from tests.mail.conftest import MakeWorker, SmtpServer, World

BRUSSELS = ZoneInfo("Europe/Brussels")


def send(client: TestClient, w13: dict[str, str], meeting_id: str) -> dict[str, Any]:
    r = client.post(f"/api/v1/meetings/{meeting_id}/invitation/send", headers=w13)
    assert r.status_code == 202, r.text
    return r.json()  # type: ignore[no-any-return]


def rows() -> list[MailMessage]:
    with session_scope(write=False) as session:
        found = session.scalars(select(MailMessage).order_by(MailMessage.created_at)).all()
        for row in found:
            session.expunge(row)
        return list(found)


def test_the_invitation_reaches_every_invitee_once_with_a_calendar_part(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    meeting = world.meeting
    r = client.patch(
        f"/api/v1/meetings/{meeting['id']}/invitation",
        json={
            "extra_invitees": [
                {
                    "name": "Pieter Declercq (fictief)",
                    "email": "pieter@example.org",
                    "language": "fr",
                }
            ]
        },
        headers=w13,
    )
    assert r.status_code == 200, r.text
    assert r.json()["queued"] == 0  # not sent yet: adding an invitee sends nothing
    answer = send(client, w13, meeting["id"])
    # The contact person with an address, the member's account, the extra invitee; not the
    # contact person without an address, nor the actor outside the body.
    assert answer["queued"] == 3
    assert sorted(p["email"] for p in answer["recipients"]) == [
        "inge@example.org",
        "lid@example.org",
        "pieter@example.org",
    ]
    assert answer["invited_at"] is not None
    assert answer["sequence"] == 0

    assert make_worker().drain() == {"sent": 3}
    got = smtp.by_recipient()
    assert sorted(got) == ["inge@example.org", "lid@example.org", "pieter@example.org"]
    assert all(len(v) == 1 for v in got.values())

    by_id = {row.message_id: row for row in rows()}
    for address, (received,) in got.items():
        row = by_id[received.message_id]  # the Message-ID is the one stored
        assert row.recipient == address
        assert row.status == "sent"
        event = received.event()
        calendar = received.calendar()
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == f"{meeting['id']}@regie"
        assert int(event["SEQUENCE"]) == 0
        start = event.decoded("DTSTART")
        assert (
            str(start.tzinfo) == "Europe/Brussels"
            or getattr(start.tzinfo, "key", "") == "Europe/Brussels"
        )
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
        assert start == datetime(2030, 6, 11, 14, 0, tzinfo=BRUSSELS)
        assert start.astimezone(BRUSSELS).hour == 14
        assert event.decoded("DTEND") == datetime(2030, 6, 11, 16, 0, tzinfo=BRUSSELS)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Brussels"
        assert "LDE-fabriek" in str(event["DESCRIPTION"])
        assert str(event["LOCATION"]) == "W13, President Kennedypark 10, Kortrijk"
        html = received.text("text/html")
        text = received.text()
        assert f"/meetings/{meeting['id']}" in text
        assert f"/meetings/{meeting['id']}" in html
        assert "Stand van zaken fabrieken" in text and "Stand van zaken fabrieken" in html

    (dutch,) = got["inge@example.org"]
    assert dutch.message["Subject"].startswith("Uitnodiging: Algemene vergadering ROSE")
    assert "11 juni 2030, 14:00–16:00" in dutch.text()
    assert dutch.message["Content-Language"] == "nl"
    (french,) = got["pieter@example.org"]
    assert french.message["Subject"].startswith("Invitation : Algemene vergadering ROSE")
    assert "11 juin 2030, 14:00–16:00" in french.text()
    assert "Bonjour Pieter Declercq (fictief)," in french.text()

    # Sending again, or a second worker, sends nothing more.
    assert send(client, w13, meeting["id"])["queued"] == 0
    assert make_worker().drain() == {}
    assert len(smtp.received) == 3


def test_a_moved_meeting_sends_an_update_and_a_cancelled_one_a_cancel(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    meeting = world.meeting
    url = f"/api/v1/meetings/{meeting['id']}"
    send(client, w13, meeting["id"])
    worker = make_worker()
    assert worker.drain() == {"sent": 2}

    # Minutes or attendance are not what the invitation describes: nothing is sent.
    r = client.patch(url, json={"minutes": "Kort verslag."}, headers=w13)
    assert r.status_code == 200, r.text
    assert worker.drain() == {}

    r = client.patch(
        url,
        json={"starts_at": "2030-06-18T12:00:00Z", "ends_at": "2030-06-18T14:00:00Z"},
        headers=w13,
    )
    assert r.status_code == 200, r.text
    assert worker.drain() == {"sent": 2}
    updates = smtp.received[2:]
    assert {u.envelope_to[0] for u in updates} == {"inge@example.org", "lid@example.org"}
    for u in updates:
        assert u.message["Subject"].startswith("Gewijzigd: ")
        assert str(u.calendar()["METHOD"]) == "REQUEST"
        assert int(u.event()["SEQUENCE"]) == 1
        assert u.event().decoded("DTSTART") == datetime(2030, 6, 18, 14, 0, tzinfo=BRUSSELS)
        assert str(u.event()["UID"]) == f"{meeting['id']}@regie"

    r = client.patch(url, json={"status": "cancelled"}, headers=w13)
    assert r.status_code == 200, r.text
    assert worker.drain() == {"sent": 2}
    for c in smtp.received[4:]:
        assert str(c.calendar()["METHOD"]) == "CANCEL"
        assert int(c.event()["SEQUENCE"]) == 2
        assert str(c.event()["STATUS"]) == "CANCELLED"
        assert c.message["Subject"].startswith("Geannuleerd: ")
    # Another write of the cancelled meeting sends nothing, and it cannot be invited to.
    r = client.patch(url, json={"location": "Elders"}, headers=w13)
    assert worker.drain() == {}
    r = client.post(f"{url}/invitation/send", headers={**w13, "Accept-Language": "fr"})
    assert r.status_code == 409
    assert r.json()["detail"].startswith("Cette réunion est annulée")


def test_a_new_member_gets_the_current_version_and_a_deleted_meeting_is_cancelled(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    meeting = world.meeting
    send(client, w13, meeting["id"])
    worker = make_worker()
    assert worker.drain() == {"sent": 2}
    # Actor 2 joins the body: its contact person and its user get the invitation as it is.
    r = client.patch(
        f"/api/v1/bodies/{world.body['id']}",
        json={"member_ids": [a["id"] for a in world.actors]},
        headers=w13,
    )
    assert r.status_code == 200, r.text
    assert worker.drain() == {"sent": 2}
    newcomers = {r.envelope_to[0]: r for r in smtp.received[2:]}
    assert sorted(newcomers) == ["buiten@example.org", "els@example.org"]
    assert all(int(r.event()["SEQUENCE"]) == 0 for r in newcomers.values())

    r = client.delete(f"/api/v1/meetings/{meeting['id']}", headers=w13)
    assert r.status_code == 204, r.text
    assert worker.drain() == {"sent": 4}
    cancels = smtp.received[4:]
    assert all(str(c.calendar()["METHOD"]) == "CANCEL" for c in cancels)
    assert all(int(c.event()["SEQUENCE"]) == 1 for c in cancels)


def test_only_w13_sends_invitations(
    client: TestClient, world: World, make_worker: MakeWorker
) -> None:
    url = f"/api/v1/meetings/{world.meeting['id']}/invitation/send"
    assert client.post(url, headers=world.member["headers"]).status_code == 403
    assert client.post(url).status_code == 401
    missing = f"/api/v1/meetings/{uuid.uuid4()}/invitation/send"
    assert client.post(missing, headers=world.member["headers"]).status_code == 404
    assert rows() == []


def test_an_invitee_address_that_cannot_be_mailed_is_refused_and_changes_nothing(
    client: TestClient, w13: dict[str, str], world: World, make_worker: MakeWorker
) -> None:
    url = f"/api/v1/meetings/{world.meeting['id']}/invitation"
    send(client, w13, world.meeting["id"])
    before = client.get(url, headers=w13).json()
    queued = len(rows())
    for address in ("\u00c4\u001aU@E\u00c6.x", "p\u00a4\u0006`B@\u00c4.e", "a@b.c\u0085d"):
        invitee = {"name": "\u00a7\u00a9\u00da", "email": address, "language": "fr"}
        r = client.patch(url, json={"extra_invitees": [invitee]}, headers=w13)
        assert r.status_code == 422, (address, r.text)
        assert r.json()["errors"][0]["loc"][-1] == "email"
    assert client.get(url, headers=w13).json() == before
    assert len(rows()) == queued
    # An accented domain is mailed in its IDNA form.
    invitee = {"name": "Inge", "email": "inge@brügge-fictief.be", "language": "nl"}
    assert client.patch(url, json={"extra_invitees": [invitee]}, headers=w13).status_code == 200
    assert any(r.recipient == "inge@brügge-fictief.be" for r in rows())
