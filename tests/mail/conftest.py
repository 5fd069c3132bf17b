"""Fixtures of the mail tests: a real SMTP server (aiosmtpd) on loopback that accepts, refuses
or hangs up as a test tells it, messages parsed as a mail client would, and a body with
members, contact persons and users."""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import icalendar
import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from api.core.types import utcnow
from api.mail.transport import SmtpTransport
from api.mail.worker import MailWorker
from tests.conftest import create
from tests.meetings.conftest import AGENDA


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"]).strip("<>")

    @property
    def to(self) -> str:
        return str(self.message["To"])

    def part(self, content_type: str) -> Any:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part
        raise AssertionError(f"no {content_type} part")

    def text(self, content_type: str = "text/plain") -> str:
        return str(self.part(content_type).get_content())

    def calendar(self) -> Any:
        part = self.part("text/calendar")
        return icalendar.Calendar.from_ical(part.get_payload(decode=True))

    def event(self) -> Any:
        (event,) = self.calendar().walk("VEVENT")
        return event


@dataclass
class SmtpServer:
    """Answers each DATA with the next queued answer: an SMTP reply such as "451 ..." or
    "disconnect" (the connection is dropped without a reply); "250" once the queue is empty.
    Only accepted messages count as received."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            answer = self.answers.pop(0) if self.answers else "250 Message accepted"
        if answer == "disconnect":
            server.transport.abort()
            return "421 gone"
        if answer.startswith("250"):
            message = email.message_from_bytes(envelope.original_content, policy=default_policy)
            assert isinstance(message, EmailMessage)
            with self.lock:
                self.received.append(Received(list(envelope.rcpt_tos), message))
        return answer

    def by_recipient(self) -> dict[str, list[Received]]:
        out: dict[str, list[Received]] = {}
        for r in self.received:
            for to in r.envelope_to:
                out.setdefault(to, []).append(r)
        return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=_free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    yield server
    controller.stop()


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


MakeWorker = Callable[..., MailWorker]


@pytest.fixture
def make_worker(smtp: SmtpServer) -> Iterator[MakeWorker]:
    """Workers sending to the test's SMTP server (without the weekly digest unless asked)."""
    made: list[MailWorker] = []

    def make(**kwargs: Any) -> MailWorker:
        kwargs.setdefault("transport", SmtpTransport(smtp.url, "", "", 5.0))
        kwargs.setdefault("digests", False)
        worker = MailWorker(**kwargs)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.close()


@dataclass
class World:
    body: dict[str, Any]
    actors: list[dict[str, Any]]
    meeting: dict[str, Any]
    member: dict[str, Any]  # a user bound to actor 1
    outsider: dict[str, Any]  # a user bound to actor 2, which does not sit in the body


@pytest.fixture
def world(
    client: TestClient, w13: dict[str, str], make_user: Callable[..., dict[str, Any]]
) -> World:
    """The ROSE assembly: actor 0 (two contact persons, one with an address) and actor 1 (a
    ROSE member's account) sit in it; actor 2 does not."""
    actors = [
        create(
            client,
            w13,
            "actors",
            {
                "name": "Atelier De Brug (fictief)",
                "kind": "maatwerkbedrijf",
                "rose_member": True,
                "contact_persons": [
                    {"name": "Inge Vandenbroucke (fictief)", "email": "inge@example.org"},
                    {"name": "Koen Zonder Adres (fictief)"},
                ],
            },
        ),
        create(
            client,
            w13,
            "actors",
            {
                "name": "Zorgboerderij Het Veld (fictief)",
                "kind": "arbeidszorginitiatief",
                "rose_member": True,
            },
        ),
        create(
            client,
            w13,
            "actors",
            {
                "name": "Buurtwerk Leiestreek (fictief)",
                "kind": "lde_onderneming",
                "rose_member": True,
                "contact_persons": [{"name": "Els Buiten (fictief)", "email": "els@example.org"}],
            },
        ),
    ]
    body = create(
        client,
        w13,
        "bodies",
        {
            "code": "rose-av",
            "name": "Algemene vergadering ROSE",
            "kind": "general_assembly",
            "member_ids": [actors[0]["id"], actors[1]["id"]],
        },
    )
    meeting = create(
        client,
        w13,
        "meetings",
        {
            "body_id": body["id"],
            "title": "Algemene vergadering ROSE – juni",
            # 12:00 UTC is 14:00 in Brussels in summer.
            "starts_at": "2030-06-11T12:00:00Z",
            "ends_at": "2030-06-11T14:00:00Z",
            "location": "W13, President Kennedypark 10, Kortrijk",
            "agenda": AGENDA,
        },
    )
    member = make_user("rose_member", actor=actors[1]["id"], email="lid@example.org")
    outsider = make_user("rose_member", actor=actors[2]["id"], email="buiten@example.org")
    return World(body, actors, meeting, member, outsider)
