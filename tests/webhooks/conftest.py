"""Fixtures of the webhook tests: a receiver on loopback that checks every signature with its
own implementation of the Standard Webhooks algorithm, and workers with a movable clock."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.config import get_settings
from api.core.types import utcnow
from api.webhooks.worker import DeliveryWorker
from tests.conftest import create

TOLERANCE = 300  # seconds, as Standard Webhooks recommends


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None) -> bool:
    """Standard Webhooks verification, written from the specification and not from the
    service's code: HMAC-SHA256 over `{id}.{timestamp}.{body}` with the base64-decoded part of
    `whsec_<base64>`, compared in constant time against every `v1,` signature in the header,
    within a five-minute timestamp tolerance."""
    headers = {k.lower(): v for k, v in headers.items()}
    msg_id = headers.get("webhook-id")
    stamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and stamp and signatures):
        return False
    if abs((now if now is not None else time.time()) - int(stamp)) > TOLERANCE:
        return False
    assert secret.startswith("whsec_")
    key = base64.b64decode(secret[len("whsec_") :])
    signed = msg_id.encode() + b"." + stamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return True
    return False


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    valid: bool

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that answers with the queued status codes (then 200)."""

    server: ThreadingHTTPServer
    secret: str = ""
    received: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    delay: float = 0.0
    hold: threading.Event | None = None  # when set up, requests wait until it is set
    arrived: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/regie/webhooks"

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.received]

    def wait_for(self, count: int, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.received) >= count, f"got {len(self.received)} of {count} deliveries"


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with receiver.lock:
                receiver.received.append(
                    Received(headers, body, verify(receiver.secret, headers, body))
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
            receiver.arrived.set()
            if receiver.hold is not None:
                receiver.hold.wait(30)
            if receiver.delay:
                time.sleep(receiver.delay)
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            payload = b"ok" if status < 300 else b"Interne fout bij de ontvanger"
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    rec = Receiver(server)
    server.RequestHandlerClass = _handler(rec)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rec
    if rec.hold is not None:
        rec.hold.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private(monkeypatch: pytest.MonkeyPatch) -> None:
    """What tests and local set-ups do: let webhooks go to loopback."""
    monkeypatch.setattr(get_settings(), "webhook_allow_private", True)


Subscribe = Callable[..., dict[str, Any]]


@pytest.fixture
def subscribe(
    client: TestClient, w13: dict[str, str], receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> Subscribe:
    """Subscribe the receiver (which needs private addresses allowed, as in a local set-up)
    or another URL; the receiver learns the secret."""

    def make(url: str | None = None, **body: Any) -> dict[str, Any]:
        if url is None:
            monkeypatch.setattr(get_settings(), "webhook_allow_private", True)
        created = create(client, w13, "webhooks", {"url": url or receiver.url, **body})
        if url is None:
            receiver.secret = created["secret"]
        return created

    return make


@pytest.fixture
def change(client: TestClient, w13: dict[str, str]) -> Callable[[str], dict[str, Any]]:
    """Make one change (a new actor) and return the record."""

    def make(name: str = "Kringwinkel Zuid (fictief)") -> dict[str, Any]:
        return create(client, w13, "actors", {"name": name, "kind": "partner"})

    return make


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


@pytest.fixture
def make_worker() -> Iterator[Callable[..., DeliveryWorker]]:
    """Workers on the test database, closed after the test; each may get its own clock."""
    made: list[DeliveryWorker] = []

    def make(**kwargs: Any) -> DeliveryWorker:
        worker = DeliveryWorker(**kwargs)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.close()


def delivery_rows() -> list[dict[str, Any]]:
    from sqlalchemy import select

    from api.core.db import session_scope
    from api.models.webhook import WebhookDelivery

    with session_scope(write=False) as session:
        rows = session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.seq)).all()
        return [r.model_dump() for r in rows]


def new_id() -> str:
    return str(uuid.uuid4())
