"""Minutes go to the body's members who may read them; each person turns each kind of e-mail
off on `/me/mail-preferences`; the weekly digest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.mail.digest import queue_digests
from tests.conftest import create
from tests.mail.conftest import MakeWorker, SmtpServer, World
from tests.mail.test_invitations import rows, send

PREFS = "/api/v1/me/mail-preferences"


def test_minutes_go_to_the_members_only_and_once(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    url = f"/api/v1/meetings/{world.meeting['id']}"
    r = client.post(f"{url}/minutes/publish", headers=w13)
    assert r.status_code == 409  # no minutes yet
    client.patch(
        f"{url}/invitation",
        json={"extra_invitees": [{"name": "Gast (fictief)", "email": "gast@example.org"}]},
        headers=w13,
    )
    client.patch(
        url, json={"minutes": "De vergadering keurt het vorige verslag goed."}, headers=w13
    )
    r = client.post(f"{url}/minutes/publish", headers=w13)
    assert r.status_code == 202, r.text
    assert r.json()["queued"] == 2
    assert r.json()["minutes_sent_at"] is not None
    assert make_worker().drain() == {"sent": 2}
    # The members' contact person and account; not the extra invitee, not the outsider.
    got = smtp.by_recipient()
    assert sorted(got) == ["inge@example.org", "lid@example.org"]
    (minutes,) = got["lid@example.org"]
    assert minutes.message["Subject"].startswith("Verslag: Algemene vergadering ROSE")
    assert "De vergadering keurt het vorige verslag goed." in minutes.text()
    assert "De vergadering keurt het vorige verslag goed." in minutes.text("text/html")
    assert all(p.get_content_type() != "text/calendar" for p in minutes.message.walk())
    # Published again unchanged: nothing; changed and published: the new text goes out.
    assert client.post(f"{url}/minutes/publish", headers=w13).json()["queued"] == 0
    client.patch(url, json={"minutes": "Verbeterd verslag."}, headers=w13)
    assert client.post(f"{url}/minutes/publish", headers=w13).json()["queued"] == 2


def test_preferences_are_ones_own_and_are_respected(
    client: TestClient,
    w13: dict[str, str],
    world: World,
    smtp: SmtpServer,
    make_worker: MakeWorker,
    make_user: Callable[..., dict[str, Any]],
) -> None:
    member = world.member["headers"]
    assert client.get(PREFS, headers=member).json() == {
        "language": "nl",
        "invitations": True,
        "minutes": True,
        "digest": True,
    }
    assert client.get(PREFS).status_code == 401
    r = client.patch(PREFS, json={"invitations": False, "language": "en"}, headers=member)
    assert r.status_code == 200, r.text
    assert r.json() == {"language": "en", "invitations": False, "minutes": True, "digest": True}
    assert client.patch(PREFS, json={"language": "de"}, headers=member).status_code == 422
    assert client.patch(PREFS, json={"bogus": True}, headers=member).status_code == 422
    assert client.get(PREFS, headers=member).json()["language"] == "en"
    # Another person's preferences are untouched.
    assert client.get(PREFS, headers=w13).json()["invitations"] is True

    # The contact person of actor 0 is also a user who turned invitations off: neither gets it.
    inge = make_user("rose_member", actor=world.actors[0]["id"], email="inge@example.org")
    client.patch(PREFS, json={"invitations": False}, headers=inge["headers"])
    answer = send(client, w13, world.meeting["id"])
    assert answer["queued"] == 0
    assert answer["recipients"] == []
    # Minutes stay on for the member, in English.
    url = f"/api/v1/meetings/{world.meeting['id']}"
    client.patch(url, json={"minutes": "Kort verslag."}, headers=w13)
    client.post(f"{url}/minutes/publish", headers=w13)
    make_worker().drain()
    got = smtp.by_recipient()
    (minutes,) = got["lid@example.org"]
    assert minutes.message["Subject"].startswith("Minutes: ")
    assert "Dear lid," in minutes.text()


def test_the_weekly_digest(
    client: TestClient,
    w13: dict[str, str],
    world: World,
    smtp: SmtpServer,
    make_worker: MakeWorker,
) -> None:
    actor = world.actors[1]["id"]  # the member's actor
    pillar = create(
        client,
        w13,
        "pillars",
        {"code": "3.3.2", "title": "Lokale sociale economie uitbouwen", "framework": "actieplan"},
    )
    monday = datetime(2030, 6, 10, 6, 0, tzinfo=UTC)  # 08:00 in Brussels
    today = monday.date()
    create(
        client,
        w13,
        "actions",
        {
            "code": "A-12",
            "title": "Sociaal aanbesteden bij gemeenten",
            "pillar_id": pillar["id"],
            "lead_actor_id": actor,
            "start_date": "2030-01-01",
            "end_date": "2030-12-31",
            "milestones": [
                {
                    "title": "Eerste overleg aankoopdiensten",
                    "due_date": str(today + timedelta(days=5)),
                },
                {"title": "Nota aan de gemeenteraden", "due_date": str(today - timedelta(days=3))},
                {"title": "Later werk", "due_date": str(today + timedelta(days=40))},
                {
                    "title": "Al gedaan",
                    "due_date": str(today - timedelta(days=9)),
                    "done_on": str(today - timedelta(days=10)),
                },
            ],
        },
    )
    with session_scope() as session:
        assert queue_digests(session, monday - timedelta(hours=2)) == 0  # before Monday 07:00
    with session_scope() as session:
        assert queue_digests(session, monday) == 1
    with session_scope() as session:
        assert queue_digests(session, monday + timedelta(days=2)) == 0  # once a week
    assert make_worker().drain() == {"sent": 1}
    (digest,) = smtp.received
    assert digest.envelope_to == ["lid@example.org"]
    text = digest.text()
    assert "Eerste overleg aankoopdiensten" in text
    assert "Nota aan de gemeenteraden" in text
    assert text.index("Mijlpalen over tijd") < text.index("Nota aan de gemeenteraden")
    assert "Later werk" not in text and "Al gedaan" not in text
    assert "/dashboard" in text
    # The next week, turned off: nothing.
    client.patch(PREFS, json={"digest": False}, headers=world.member["headers"])
    with session_scope() as session:
        assert queue_digests(session, monday + timedelta(days=7)) == 0
    assert [r.kind for r in rows()] == ["digest"]


def test_the_digest_names_status_changes_of_dossiers_the_actor_raised_without_evidence(
    client: TestClient, w13: dict[str, str], world: World
) -> None:
    from api.core.types import utcnow
    from api.mail.digest import digest_rows
    from tests.dossiers.conftest import dossier

    raised = create(client, w13, "dossiers", dossier(world.actors[1]["id"]))
    other = create(client, w13, "dossiers", dossier(world.actors[2]["id"], code="SIG-04"))
    for d in (raised, other):
        r = client.patch(f"/api/v1/dossiers/{d['id']}", json={"status": "on_agenda"}, headers=w13)
        assert r.status_code == 200, r.text
    with session_scope(write=False) as session:
        found = digest_rows(session, utcnow())
    by_user = {row["recipient"]: row for row in found}
    assert sorted(by_user) == ["buiten@example.org", "lid@example.org"]
    content = by_user["lid@example.org"]["content"]
    import email
    from email.policy import default as default_policy

    text = (
        email.message_from_string(content, policy=default_policy).get_body(("plain",)).get_content()
    )
    assert "SIG-03 Bereikbaarheid van werkplekken voor doelgroepmedewerkers: nu geagendeerd" in text
    assert "SIG-04" not in text
    assert "shiften" not in content  # the evidence summary never appears
