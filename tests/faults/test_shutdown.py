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
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api.core.db import session_scope
from api.models import Actor, Change
from tests.faults.live import LiveServer

pytestmark = pytest.mark.faults


class Receiver:
    """Webhook receiver on loopback that holds every request until released, so deliveries
    are still due when the service stops."""

    def __init__(self) -> None:
        self.seqs: list[int] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                receiver.release.wait(60)
                with receiver.lock:
                    receiver.seqs.append(json.loads(body)["data"]["seq"])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/regie/webhooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.release.set()
    r.server.shutdown()


def _start_slow_request(
    server: LiveServer, headers: dict[str, str]
) -> tuple[socket.socket, bytes, str]:
    """A create whose body is only half sent: it is in flight until the rest arrives."""
    record_id = str(uuid.uuid4())
    body = json.dumps({"id": record_id, "name": "Traag verzoek (fictief)", "kind": "partner"})
    raw = body.encode()
    head = (
        f"POST /api/v1/actors HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: {headers['Authorization']}\r\nContent-Length: {len(raw)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    sock.sendall(head + raw[: len(raw) // 2])
    return sock, raw[len(raw) // 2 :], record_id


def test_sigterm_lets_requests_in_flight_finish_and_deliveries_resume(
    w13_token: dict[str, str], receiver: Receiver, tmp_path: Path
) -> None:
    env = {"REGIE_WEBHOOK_WORKER": "true", "REGIE_WEBHOOK_ALLOW_PRIVATE": "true"}
    db = os.environ["REGIE_DATABASE_URL"]
    server = LiveServer(db, tmp_path / "server.log", **env).start()
    with server.client() as c:
        r = c.post("/api/v1/webhooks", headers=w13_token,
                   json={"url": receiver.url, "resources": ["actors"]})
        assert r.status_code == 201, r.text

    outcomes: list[tuple[str, int | None, str | None]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(i: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            rid = str(uuid.uuid4())
            try:
                # A connection per request: a refused request is then never half-served.
                r = httpx.post(f"{server.url}/api/v1/actors", timeout=60,
                               headers={**w13_token, "Connection": "close"},
                               json={"id": rid, "name": f"Afsluittest {i}-{n}", "kind": "partner"})
                got: tuple[str, int | None, str | None] = (rid, r.status_code, None)
            except httpx.TransportError as exc:
                got = (rid, None, type(exc).__name__)
            with lock:
                outcomes.append(got)
            if got[1] is None:
                return  # the server is going away

    threads = [threading.Thread(target=load, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(o[1] == 201 for o in list(outcomes)) < 12:
        time.sleep(0.05)
    sock, rest, slow_id = _start_slow_request(server, w13_token)
    time.sleep(0.3)
    server.signal(signal.SIGTERM)
    receiver.release.set()  # the worker's batch in flight completes during the shutdown
    time.sleep(1.0)
    # New connections are refused by now, while the slow request is still being served.
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/healthz", timeout=5)
    sock.sendall(rest)
    answer = b""
    while chunk := sock.recv(65536):
        answer += chunk
    sock.close()
    assert answer.startswith(b"HTTP/1.1 201"), answer[:300]
    # uvicorn finishes, then re-raises the signal so a supervisor sees a stop by SIGTERM.
    assert server.wait(60) in (0, -signal.SIGTERM), server.log()
    assert "Application shutdown complete" in server.log()
    stop.set()
    for t in threads:
        t.join(60)

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
    delivered_before = set(receiver.seqs)
    restarted = LiveServer(db, tmp_path / "server2.log", **env).start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not changes <= set(receiver.seqs):
            time.sleep(0.1)
    finally:
        restarted.stop()
    assert changes <= set(receiver.seqs), (len(changes), len(set(receiver.seqs)))
    assert len(delivered_before) < len(changes), "nothing was left to resume"
