"""Receiving an upload: the request body, raw or `multipart/form-data`, read as it arrives into
a temporary file with its size and SHA-256, and refused the moment it passes the limit.

The body is spooled before any database work on purpose: a slow client then holds neither a
database connection nor (on SQLite) the write lock while it sends, and the zip-based office
formats can only be recognised from their end (the zip's central directory). The spool keeps
at most `SPOOL_MEMORY` in memory and the rest on disk, so no upload is ever held in memory
as a whole."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncIterator
from typing import IO, Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from api.core.errors import ProblemError
from api.documents.schemas import MAX_BYTES

SPOOL_MEMORY = 1024 * 1024
# What a multipart body may carry besides the file: boundaries and the part's headers.
MULTIPART_OVERHEAD = 64 * 1024


def file_problem(status: int, code: str, ctx: dict[str, Any] | None = None) -> ProblemError:
    """A refused file: the problem's detail and its one field error (at the file) carry the
    code, so a client decides by it and the reader gets the text in its language."""
    return ProblemError(status, code, ctx, errors=[(("body", "file"), code, ctx or {})])


def too_large() -> ProblemError:
    max_mb = MAX_BYTES // (1024 * 1024)
    return file_problem(413, "document_too_large", {"max_mb": max_mb})


def _body_problem() -> ProblemError:
    # One text for every way a body fails to hold exactly one file: it says what to send.
    return file_problem(422, "document_no_file")


class Spool:
    """The file as it arrives: a temporary file, its size and its SHA-256."""

    def __init__(self, limit: int = MAX_BYTES) -> None:
        self.limit = limit
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115
        self.size = 0
        self._hash = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise too_large()
        self._hash.update(data)
        self.file.write(data)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def chunks(self, size: int) -> Any:
        """The content again, `size` bytes at a time."""
        self.file.seek(0)
        while data := self.file.read(size):
            yield data

    def close(self) -> None:
        self.file.close()


def declared_length(headers: Any) -> int | None:
    value = headers.get("content-length")
    return int(value) if value is not None and value.isdigit() else None


def check_length(headers: Any, multipart: bool) -> None:
    """Refuse a body whose declared length is already too much, before reading any of it."""
    length = declared_length(headers)
    if length is not None and length > MAX_BYTES + (MULTIPART_OVERHEAD if multipart else 0):
        raise too_large()


async def receive_raw(stream: AsyncIterator[bytes], spool: Spool) -> None:
    async for data in stream:
        spool.write(data)


async def receive_multipart(stream: AsyncIterator[bytes], boundary: bytes, spool: Spool) -> str:
    """The one part named `file` into the spool; answers the file name its part gave."""
    state: dict[str, Any] = {"headers": {}, "field": b"", "value": b"", "in_file": False}
    found: dict[str, Any] = {"files": 0, "filename": ""}

    def on_part_begin() -> None:
        state["headers"], state["in_file"] = {}, False

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        _, options = parse_options_header(state["headers"].get(b"content-disposition", b""))
        if options.get(b"name") == b"file":
            found["files"] += 1
            if found["files"] > 1:
                raise _body_problem()
            state["in_file"] = True
            found["filename"] = options.get(b"filename", b"").decode("utf-8", "replace")
        else:
            raise _body_problem()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if state["in_file"]:
            spool.write(data[start:end])

    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
        },
    )
    try:
        async for data in stream:
            parser.write(data)
        parser.finalize()
    except MultipartParseError as exc:
        raise _body_problem() from exc
    if not found["files"]:
        raise _body_problem()
    return str(found["filename"])


def multipart_boundary(content_type: str) -> bytes | None:
    """The boundary of a `multipart/form-data` Content-Type, None for any other type (a raw
    body)."""
    kind, options = parse_options_header(content_type)
    if kind.lower() != b"multipart/form-data":
        return None
    boundary = options.get(b"boundary")
    if not boundary:
        raise _body_problem()
    return bytes(boundary)
