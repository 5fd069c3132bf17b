"""`regie serve` bounds the request head (request line and headers, REGIE_MAX_HEADER_BYTES,
64 KiB): a larger one is answered 431 and the connection closed, before the application and
before the process buffers it whole. uvicorn's default HTTP parser took a 32 MiB header."""

from __future__ import annotations

import socket
import time

import pytest

from tests.faults.live import LiveServer

pytestmark = pytest.mark.faults


def exchange(live: LiveServer, head: bytes, stream: int = 0) -> bytes:
    """Send a request head (and `stream` more bytes of one header value), read the answer."""
    with socket.create_connection(("127.0.0.1", live.port), timeout=20) as s:
        try:
            s.sendall(head)
            chunk = b"a" * 65536
            for _ in range(stream // len(chunk)):
                s.sendall(chunk)
            if not stream:
                s.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed the connection while we were still sending
        answer = b""
        try:
            while data := s.recv(65536):
                answer += data
        except ConnectionResetError:
            pass
    return answer


def request(path: str, *headers: bytes) -> bytes:
    lines = [f"GET {path} HTTP/1.1".encode(), b"Host: localhost", *headers]
    return b"\r\n".join(lines) + b"\r\nConnection: close"


def test_an_ordinary_large_head_is_served(live: LiveServer) -> None:
    answer = exchange(live, request("/healthz", b"X-Big: " + b"b" * 16000))
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_a_head_over_the_limit_is_refused_with_431(live: LiveServer) -> None:
    many = [b"X-H%d: %s" % (i, b"v" * 1000) for i in range(80)]  # 80 kB in headers of 1 kB
    answer = exchange(live, request("/healthz", *many))
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    long_url = exchange(live, request("/healthz?q=" + "x" * 70000))
    assert long_url.startswith(b"HTTP/1.1 431"), long_url[:200]


def test_a_32_mib_header_is_cut_off_early(live: LiveServer) -> None:
    started = time.monotonic()
    answer = exchange(live, request("/healthz") + b"\r\nX-Huge: ", stream=32 * 1024 * 1024)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert time.monotonic() - started < 15
    # The process lives on and serves the next request.
    assert exchange(live, request("/healthz")).startswith(b"HTTP/1.1 200")
