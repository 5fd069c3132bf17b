"""The HTTP protocol `regie serve` runs: uvicorn's httptools protocol with a bound on the
request head (request line and headers).

httptools itself takes a head of any size: it collects a header's value until the value ends,
so a client sending one 32 MiB header made the process hold 32 MiB for it. Here the head is
counted twice: exactly, as the parser hands over the URL and each header, and roughly, by the
bytes received while the head is not complete (so a value that never ends is cut off after at
most the limit and one read). A head over the limit is answered 431 and the connection closed,
before anything reaches the application. nginx has its own, smaller bound in front
(`large_client_header_buffers`, docker/nginx.conf)."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.core.config import get_settings


class HeadTooLargeError(Exception):
    pass


class BoundedHeadProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = get_settings().max_header_bytes
        self._in_head = True  # a connection starts with a request head
        self._head_bytes = 0  # exact: URL, names and values of this request
        self._head_received = 0  # rough: bytes received while the head was incomplete
        self._too_large = False

    def data_received(self, data: bytes) -> None:
        if self._in_head and self._head_received > self._limit:
            self._refuse()
            return
        super().data_received(data)
        if self._in_head:
            self._head_received += len(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = 0
        self._head_received = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)  # ": " and CRLF
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self._limit:
            self._too_large = True
            # Raised inside a parser callback: uvicorn answers it with send_400_response.
            raise HeadTooLargeError

    def send_400_response(self, msg: str) -> None:
        if self._too_large:
            self._refuse()
        else:
            super().send_400_response(msg)

    def _refuse(self) -> None:
        if self.transport.is_closing():
            return
        body = b"Request header fields too large."
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
            b"content-type: text/plain; charset=utf-8\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\n"
            b"connection: close\r\n\r\n" + body
        )
        self.transport.close()
