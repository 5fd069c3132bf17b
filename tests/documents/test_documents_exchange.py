"""Documents move with the whole dataset: `regie export` writes each file as base64 beside its
record, `regie import` stores it again and checks it against the record's size and sha256."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from api.cli import main
from api.core.db import session_scope
from api.documents import service
from api.documents.service import CHUNK
from tests.conftest import count_rows, wipe
from tests.documents.conftest import Upload, docx, pdf

TABLES = (
    "meeting_documents",
    "meeting_document_chunks",
    "action_documents",
    "action_document_chunks",
)


def test_export_import_round_trip_with_the_content(
    engine: sa.Engine,
    w13: dict[str, str],
    meeting: dict[str, Any],
    action: dict[str, Any],
    upload: Upload,
    tmp_path: Path,
) -> None:
    big, small = pdf(3 * CHUNK + 17), docx()
    first = upload(f"meetings/{meeting['id']}", w13, big, "presentatie.pdf").json()
    second = upload(f"actions/{action['id']}", w13, small, "rapport.docx").json()
    before = {t: count_rows(t) for t in TABLES}
    out = tmp_path / "export.json"
    assert main(["export", "--output", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    (exported,) = document["resources"]["meeting-documents"]
    assert base64.b64decode(exported["content_base64"]) == big
    assert exported["sha256"] == hashlib.sha256(big).hexdigest()
    assert exported["meeting_id"] == meeting["id"]

    wipe(engine)
    assert main(["import", "--input", str(out)]) == 0
    assert {t: count_rows(t) for t in TABLES} == before
    # The users went with the wipe: read the content back as the service stores it.
    with session_scope(write=False) as session:
        for spec, doc, content in (
            (service.meeting_documents, first, big),
            (service.action_documents, second, small),
        ):
            got = b"".join(service.read_chunks(session, spec, uuid.UUID(doc["id"])))
            assert got == content
    # Again into a database that holds them: replaced, nothing doubled.
    assert main(["import", "--input", str(out)]) == 0
    assert {t: count_rows(t) for t in TABLES} == before


def test_an_import_whose_content_does_not_match_writes_nothing(
    engine: sa.Engine,
    w13: dict[str, str],
    meeting: dict[str, Any],
    upload: Upload,
    tmp_path: Path,
) -> None:
    upload(f"meetings/{meeting['id']}", w13, pdf())
    out = tmp_path / "export.json"
    assert main(["export", "--output", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    document["resources"]["meeting-documents"][0]["content_base64"] = base64.b64encode(
        pdf()
    ).decode()
    out.write_text(json.dumps(document), encoding="utf-8")
    wipe(engine)
    assert main(["import", "--input", str(out)]) == 2
    assert count_rows("meetings") == 0 and count_rows("meeting_documents") == 0
