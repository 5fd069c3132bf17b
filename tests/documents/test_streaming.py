"""Files go in and out a piece at a time: an upload past the limit is refused before the rest
of it is read, and neither storing nor serving a file holds it in memory as a whole."""

from __future__ import annotations

import asyncio
import hashlib
import tracemalloc
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.core.errors import ProblemError
from api.documents import service, upload
from api.documents.schemas import MAX_BYTES
from tests.documents.conftest import Upload, pdf

MB = 1024 * 1024
PIECE = 64 * 1024  # what a server hands over per receive, about


def _pieces(total: int, sent: list[int]) -> Iterator[bytes]:
    """`total` bytes of a PDF in pieces made as they are asked for, counting what was asked."""
    block = b"%PDF-" + b"\x00" * (PIECE - 5)
    while sent[0] < total:
        piece = block[: min(PIECE, total - sent[0])]
        sent[0] += len(piece)
        yield piece


async def _stream(total: int, sent: list[int]) -> AsyncIterator[bytes]:
    for piece in _pieces(total, sent):
        yield piece


def _peak(run: Any) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_21_mb_stream_is_refused_where_it_passes_the_limit_without_buffering_it() -> None:
    sent = [0]
    spool = upload.Spool()
    problem: list[ProblemError] = []

    def run() -> None:
        try:
            asyncio.run(upload.receive_raw(_stream(21 * MB, sent), spool))
        except ProblemError as exc:
            problem.append(exc)

    peak = _peak(run)
    spool.close()
    assert problem and problem[0].status == 413
    assert problem[0].errors[0]["code"] == "document_too_large"
    # Reading stopped at the piece that crossed the limit: the last MiB was never asked for.
    assert MAX_BYTES < sent[0] <= MAX_BYTES + PIECE < 21 * MB
    # The spool keeps 1 MiB in memory and the rest on disk: far less than the 20 MB it took.
    assert peak < 4 * MB, peak


def test_a_multipart_stream_is_cut_off_alike() -> None:
    sent = [0]
    boundary = b"grens"

    async def body() -> AsyncIterator[bytes]:
        yield b'--grens\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
        async for piece in _stream(21 * MB, sent):
            yield piece
        yield b"\r\n--grens--\r\n"

    spool = upload.Spool()
    with pytest.raises(ProblemError) as caught:
        asyncio.run(upload.receive_multipart(body(), boundary, spool))
    spool.close()
    assert caught.value.status == 413
    assert sent[0] <= MAX_BYTES + PIECE < 21 * MB


def test_storing_and_serving_a_file_holds_a_chunk_at_a_time(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    """Chunks of the stored file, written from the spool and read back for a download."""
    content = pdf(12 * MB)
    spool = upload_spool(content)
    r = upload(f"meetings/{meeting['id']}", w13, b"%PDF-1.7 klein")
    doc_id = uuid.UUID(r.json()["id"])
    spec = service.meeting_documents

    def store() -> None:
        with session_scope() as session:
            size, sha = service.write_chunks(session, spec, doc_id, spool.chunks(service.CHUNK))
            assert (size, sha) == (len(content), hashlib.sha256(content).hexdigest())

    assert _peak(store) < 4 * service.CHUNK + MB
    spool.close()
    digest, sizes = hashlib.sha256(), []

    def serve() -> None:
        for piece in service.stream_content(spec, doc_id):
            digest.update(piece)
            sizes.append(len(piece))

    assert _peak(serve) < 4 * service.CHUNK
    assert digest.hexdigest() == hashlib.sha256(content).hexdigest()
    assert max(sizes) == service.CHUNK and sum(sizes) == len(content)


def upload_spool(content: bytes) -> upload.Spool:
    spool = upload.Spool()
    for start in range(0, len(content), PIECE):
        spool.write(content[start : start + PIECE])
    return spool
