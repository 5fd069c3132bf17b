"""Fixtures of the documents tests: a meeting of a body two actors sit in, an action one of
them leads, and files of every accepted type (and of a few refused ones), made here."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create
from tests.meetings.conftest import (
    actors,
    body,
    meeting_payload,
    member,
    municipal,
    outsider,
    pillar_id,
)

__all__ = ["actors", "body", "member", "municipal", "outsider", "pillar_id"]

OOXML_MAIN = "application/vnd.openxmlformats-officedocument.{}.main+xml"


def pdf(size: int = 2000) -> bytes:
    head, tail = b"%PDF-1.7\n", b"\n%%EOF\n"
    return head + os.urandom(max(0, size - len(head) - len(tail))) + tail


def png(size: int = 500) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(max(0, size - 8))


def jpeg(size: int = 500) -> bytes:
    return b"\xff\xd8\xff\xe0" + os.urandom(max(0, size - 4))


def ooxml(main: str) -> bytes:
    """A minimal Office Open XML package whose declared main part is `main`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/main.xml" ContentType="' + main + '"/></Types>',
        )
        z.writestr("main.xml", "<document/>")
    return out.getvalue()


def odf(mimetype: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def docx() -> bytes:
    return ooxml(OOXML_MAIN.format("wordprocessingml.document"))


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(400)


@pytest.fixture
def meeting(client: TestClient, w13: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    return create(client, w13, "meetings", meeting_payload(body))


@pytest.fixture
def action(
    client: TestClient, w13: dict[str, str], actors: list[dict[str, Any]], pillar_id: str
) -> dict[str, Any]:
    """Led by actor 0, not published."""
    return create(
        client,
        w13,
        "actions",
        {
            "code": "3.3.2.1-A",
            "title": "Jobcoaching in de kringwinkel",
            "pillar_id": pillar_id,
            "start_date": "2024-01-01",
            "end_date": "2025-12-31",
            "lead_actor_id": actors[0]["id"],
        },
    )


Upload = Callable[..., Any]


@pytest.fixture
def upload(client: TestClient) -> Upload:
    """POST a file as the raw body; `parent` is e.g. `meetings/<id>`."""

    def send(
        parent: str,
        headers: dict[str, str],
        content: bytes,
        filename: str = "verslag.pdf",
        **params: Any,
    ) -> Any:
        return client.post(
            f"/api/v1/{parent}/documents",
            content=content,
            params={"filename": filename, **params},
            headers={**headers, "Content-Type": "application/octet-stream"},
        )

    return send
