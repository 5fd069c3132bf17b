"""SIGTERM while clients write: a request in flight finishes, later ones are refused without
being half-served, the process exits cleanly, and webhook deliveries that were still due are
sent after the restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.core.db import session_scope
from api.models import Actor, Change
from api.models.webhook import WebhookDelivery
from tests.faults.live import LiveServer

pytestmark = pytest.mark.faults

WAIT = 120  # seconds: every wait is for an event, with a deadline a loaded machine never meets


class Receiver:
    """Webhook receiver on loopback that holds every request until released, so deliveries
    are still due when the service stops."""

    def __init__(self) -> None:
        self.seqs: list[int] = []
        self.lock = threading.Condition()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                receiver.release.wait(WAIT)
                with receiver.lock:
                    receiver.seqs.append(json.loads(body)["data"]["seq"])
                    receiver.lock.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/regie/webhooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, seqs: set[int], timeout: float) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: seqs <= set(self.seqs), timeout)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.release.set()
    r.server.shutdown()


def _start_slow_request(
    server: LiveServer, headers: dict[str, str]
) -> tuple[socket.socket, bytes, str]:
    """A create whose body is only half sent: it is in flight until the rest arrives.

    `Expect: 100-continue` makes the server say when the application starts reading the body;
    waiting for that answer proves the request is being served (no guess with a sleep)."""
    record_id = str(uuid.uuid4())
    body = json.dumps({"id": record_id, "name": "Traag verzoek (fictief)", "kind": "partner"})
    raw = body.encode()
    head = (
        f"POST /api/v1/actors HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {headers['Authorization']}\r\nContent-Length: {len(raw)}\r\n"
        "Expect: 100-continue\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=WAIT)
    sock.sendall(head)
    assert _read_until(sock, b"\r\n\r\n").startswith(b"HTTP/1.1 100 "), "no 100 Continue"
    sock.sendall(raw[: len(raw) // 2])
    return sock, raw[len(raw) // 2 :], record_id


def _read_until(sock: socket.socket, end: bytes) -> bytes:
    data = b""
    while end not in data:
        chunk = sock.recv(1)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    return data


def _refuses_connections(port: int) -> bool:
    """True once nothing listens on the port any more (a connection attempt is refused)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    except ConnectionRefusedError:
        return True
    except OSError:
        return False
    return False


def _eventually(condition: Callable[[], bool], timeout: float = WAIT) -> bool:
    """Poll `condition` until it holds or `timeout` passes (for state outside this process)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_sigterm_lets_requests_in_flight_finish_and_deliveries_resume(
    w13_token: dict[str, str], receiver: Receiver, tmp_path: Path
) -> None:
    env = {"REGIE_WEBHOOK_WORKER": "true", "REGIE_WEBHOOK_ALLOW_PRIVATE": "true"}
    db = os.environ["REGIE_DATABASE_URL"]
    server = LiveServer(db, tmp_path / "server.log", **env).start(timeout=WAIT)
    with server.client() as c:
        r = c.post(
            "/api/v1/webhooks",
            headers=w13_token,
            json={"url": receiver.url, "resources": ["actors"]},
        )
        assert r.status_code == 201, r.text

    outcomes: list[tuple[str, int | None, str | None]] = []
    lock = threading.Condition()
    stop = threading.Event()

    def load(i: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            rid = str(uuid.uuid4())
            try:
                # A connection per request: a refused request is then never half-served.
                r = httpx.post(
                    f"{server.url}/api/v1/actors",
                    timeout=WAIT,
                    headers={**w13_token, "Connection": "close"},
                    json={"id": rid, "name": f"Afsluittest {i}-{n}", "kind": "partner"},
                )
                got: tuple[str, int | None, str | None] = (rid, r.status_code, None)
            except httpx.TransportError as exc:
                got = (rid, None, type(exc).__name__)
            with lock:
                outcomes.append(got)
                lock.notify_all()
            if got[1] is None:
                return  # the server is going away

    threads = [threading.Thread(target=load, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    with lock:
        assert lock.wait_for(lambda: sum(o[1] == 201 for o in outcomes) >= 12, WAIT), outcomes
    sock, rest, slow_id = _start_slow_request(server, w13_token)
    server.signal(signal.SIGTERM)
    # New connections are refused once the server has taken the signal, while the slow request
    # is still being served (its body is not complete yet).
    assert _eventually(lambda: _refuses_connections(server.port)), server.log()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/healthz", timeout=5)
    assert server.proc is not None and server.proc.poll() is None, "exited before the answer"
    sock.sendall(rest)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    sock.close()
    assert answer.startswith(b"HTTP/1.1 201"), answer[:300]
    # The worker stops with the application; only then may its batch in flight (held by the
    # receiver until now) complete, so that deliveries are still due when the process ends.
    assert _eventually(lambda: "Waiting for application shutdown" in server.log()), server.log()
    receiver.release.set()
    # uvicorn finishes, then re-raises the signal so a supervisor sees a stop by SIGTERM.
    assert server.wait(WAIT) in (0, -signal.SIGTERM), server.log()
    assert "Application shutdown complete" in server.log()
    stop.set()
    for t in threads:
        t.join(WAIT)
    assert not any(t.is_alive() for t in threads)

    answered = {rid for rid, status, _ in outcomes if status == 201}
    refused = {rid for rid, status, _ in outcomes if status is None}
    assert all(status in (201, None) for _, status, _ in outcomes), outcomes
    assert len(answered) >= 12
    with session_scope(write=False) as s:
        stored = {str(a.id) for a in s.scalars(select(Actor))}
        changes = {c.seq for c in s.scalars(select(Change).where(Change.resource == "actors"))}
    assert answered | {slow_id} <= stored, "an answered write is missing"
    assert not refused & stored, "a refused request was carried out without an answer"

    # Deliveries still due at the stop are sent by the restarted service.
    with session_scope(write=False) as s:
        due = set(s.scalars(select(WebhookDelivery.seq).where(WebhookDelivery.status == "pending")))
    assert due, "nothing was left to resume"
    restarted = LiveServer(db, tmp_path / "server2.log", **env).start(timeout=WAIT)
    try:
        receiver.wait_for(changes, WAIT)
    finally:
        restarted.stop()
    assert changes <= set(receiver.seqs), (len(changes), len(set(receiver.seqs)))
    with session_scope(write=False) as s:
        statuses = set(s.scalars(select(WebhookDelivery.status)))
    assert statuses == {"delivered"}, statuses
