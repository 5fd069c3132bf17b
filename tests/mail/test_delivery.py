"""Delivery: a server that refuses (4xx, 5xx) or hangs up is retried with back-off; a worker
that dies between the send and the mark does not send again within the claim's lease; the
.eml transport; W13 follows each message and sends one again."""

from __future__ import annotations

import email
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.mail.transport import FileTransport
from api.mail.worker import LEASE, RETRY_DELAYS
from tests.mail.conftest import Clock, MakeWorker, SmtpServer, World
from tests.mail.test_invitations import rows, send


def test_refusals_and_hang_ups_are_retried_until_accepted(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    client.patch(
        f"/api/v1/bodies/{world.body['id']}",
        json={"member_ids": [world.actors[0]["id"]]},  # one invitee: inge@
        headers=w13,
    )
    send(client, w13, world.meeting["id"])
    smtp.answers = [
        "451 4.3.0 Probeer later opnieuw",
        "550 5.1.1 Onbekende bestemming",
        "disconnect",
    ]
    clock = Clock()
    worker = make_worker(clock=clock)
    errors = []
    for step in range(3):
        assert worker.drain() == {"pending": 1}
        (row,) = rows()
        assert row.status == "pending"
        assert row.attempts == step + 1
        errors.append(row.last_error)
        assert worker.drain() == {}  # not due before its back-off
        assert row.next_attempt_at is not None
        clock.offset = row.next_attempt_at - clock() + clock.offset
        clock.advance(seconds=1)
    assert errors[0] is not None and errors[0].startswith("SMTP 451")
    assert errors[1] is not None and errors[1].startswith("SMTP 550")
    assert errors[2] is not None and "Disconnected" in errors[2]
    assert worker.drain() == {"sent": 1}
    (row,) = rows()
    assert (row.status, row.attempts, row.last_error) == ("sent", 4, None)
    assert len(smtp.received) == 1
    assert smtp.received[0].message_id == row.message_id


def test_a_message_refused_every_time_fails_and_is_sent_again_on_request(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    client.patch(
        f"/api/v1/bodies/{world.body['id']}",
        json={"member_ids": [world.actors[0]["id"]]},
        headers=w13,
    )
    send(client, w13, world.meeting["id"])
    smtp.answers = ["554 5.7.1 Geweigerd"] * (len(RETRY_DELAYS) + 1)
    clock = Clock()
    worker = make_worker(clock=clock)
    for _ in range(len(RETRY_DELAYS) + 1):
        worker.drain()
        clock.advance(days=1)
    (row,) = rows()
    assert row.status == "failed"
    assert row.attempts == len(RETRY_DELAYS) + 1

    listed = client.get("/api/v1/messages", params={"status": "failed"}, headers=w13).json()
    assert [m["id"] for m in listed["items"]] == [str(row.id)]
    assert listed["items"][0]["last_error"].startswith("SMTP 554")
    r = client.post(f"/api/v1/messages/{row.id}/send-again", headers=w13)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "pending"
    assert worker.drain() == {"sent": 1}
    (got,) = smtp.received
    assert got.message_id == row.message_id  # the same Message-ID
    assert client.get(f"/api/v1/messages/{row.id}", headers=w13).json()["status"] == "sent"


def test_a_crash_between_send_and_mark_sends_nothing_twice_within_the_lease(
    client: TestClient, w13: dict[str, str], world: World, smtp: SmtpServer, make_worker: MakeWorker
) -> None:
    send(client, w13, world.meeting["id"])
    dead = make_worker()
    claimed = dead.claim()
    assert len(claimed) == 2
    for item in claimed:
        assert dead.send(item) == (None, None)  # the server accepted ...
    # ... and the process died before marking them sent. A restarted worker leaves them be
    # for the lease.
    assert len(smtp.received) == 2
    restarted = make_worker()
    assert restarted.drain() == {}
    assert all(r.status == "pending" for r in rows())
    assert len(smtp.received) == 2
    # After the lease the messages are sent again under the same Message-IDs (at least once),
    # and the dead worker's late mark no longer counts.
    later = Clock()
    later.advance(seconds=LEASE.total_seconds() + 1)
    assert make_worker(clock=later).drain() == {"sent": 2}
    assert dead.record(claimed[0], None, None) == "lost"
    first, second = (
        sorted(smtp.received[:2], key=lambda r: r.message_id),
        sorted(smtp.received[2:], key=lambda r: r.message_id),
    )
    assert [r.message_id for r in first] == [r.message_id for r in second]
    # Once marked sent, no restart sends anything again.
    assert make_worker(clock=later).drain() == {}
    assert len(smtp.received) == 4


def test_without_smtp_messages_are_eml_files_listed_for_w13(
    client: TestClient, w13: dict[str, str], world: World, make_worker: MakeWorker, tmp_path: Path
) -> None:
    send(client, w13, world.meeting["id"])
    folder = tmp_path / "mail"
    worker = make_worker(transport=FileTransport(folder))
    assert worker.drain() == {"sent": 2}
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2
    listed = client.get(
        "/api/v1/messages", params={"meeting": world.meeting["id"]}, headers=w13
    ).json()["items"]
    assert sorted(m["file"] for m in listed) == files
    for item in listed:
        message = email.message_from_bytes(
            (folder / item["file"]).read_bytes(), policy=default_policy
        )
        assert message["Message-ID"] == f"<{item['message_id']}>"
        r = client.get(f"/api/v1/messages/{item['id']}/eml", headers=w13)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("message/rfc822")
        assert r.headers["content-disposition"].startswith("attachment")
        assert r.content == (folder / item["file"]).read_bytes()
    # Sent again: the same file, written anew, never a second one.
    client.post(f"/api/v1/messages/{listed[0]['id']}/send-again", headers=w13)
    assert worker.drain() == {"sent": 1}
    assert sorted(p.name for p in folder.iterdir()) == files


def test_messages_are_w13s_to_see(client: TestClient, world: World, w13: dict[str, str]) -> None:
    send(client, w13, world.meeting["id"])
    (row, *_) = rows()
    member: dict[str, Any] = world.member["headers"]
    for url in ("/api/v1/messages", f"/api/v1/messages/{row.id}", f"/api/v1/messages/{row.id}/eml"):
        assert client.get(url, headers=member).status_code == 403
        assert client.get(url).status_code == 401
    assert client.post(f"/api/v1/messages/{row.id}/send-again", headers=member).status_code == 403
    r = client.get("/api/v1/messages", params={"status": "bogus"}, headers=w13)
    assert r.status_code == 422
    page = client.get("/api/v1/messages", params={"limit": 1}, headers=w13).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = client.get(
        "/api/v1/messages", params={"limit": 1, "cursor": page["next_cursor"]}, headers=w13
    ).json()
    assert len(rest["items"]) == 1 and rest["items"][0]["id"] != page["items"][0]["id"]
