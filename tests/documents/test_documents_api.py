"""Documents on meetings and actions through the API: upload (raw and multipart), the type
decided from the content, the size limit, download headers, who sees and writes what, and
that documents go with their record."""

from __future__ import annotations

import hashlib
import math
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

from api.documents.service import CHUNK
from tests.conftest import count_rows
from tests.documents.conftest import Upload, docx, exe, jpeg, odf, pdf, png

PDF = "application/pdf"


def test_w13_uploads_a_pdf_and_downloads_it_unchanged(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    content = pdf(5000)
    r = upload(
        f"meetings/{meeting['id']}",
        w13,
        content,
        "Verslag juni – ondertekend.pdf",
        kind="minutes",
        title="Getekend verslag",
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["media_type"] == PDF and doc["kind"] == "minutes"
    assert (
        doc["title"] == "Getekend verslag" and doc["filename"] == "Verslag juni – ondertekend.pdf"
    )
    assert doc["size"] == len(content)
    assert doc["sha256"] == hashlib.sha256(content).hexdigest()
    assert doc["allowed"] == {"update": True, "delete": True, "fields": ["kind", "title"]}
    assert r.headers["location"].endswith(f"/meetings/{meeting['id']}/documents/{doc['id']}")
    url = doc["content_url"]
    assert url == f"/api/v1/meetings/{meeting['id']}/documents/{doc['id']}/content"

    listed = client.get(f"/api/v1/meetings/{meeting['id']}/documents", headers=w13)
    assert [d["id"] for d in listed.json()["items"]] == [doc["id"]]
    assert listed.json()["items"][0]["content_url"] == url  # a computed field, in lists too
    for query, found in (({"q": "ondertekend"}, 1), ({"kind": "agenda"}, 0), ({"q": "x"}, 0)):
        r = client.get(f"/api/v1/meetings/{meeting['id']}/documents", params=query, headers=w13)
        assert len(r.json()["items"]) == found, query

    got = client.get(url, headers=w13)
    assert got.status_code == 200
    assert got.content == content
    assert got.headers["content-type"] == PDF
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["etag"] == f'"{doc["sha256"]}"'
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    assert f"filename*=UTF-8''{quote('Verslag juni – ondertekend.pdf', safe='')}" in disposition
    assert 'filename="Verslag juni _ ondertekend.pdf"' in disposition
    again = client.get(url, headers={**w13, "If-None-Match": got.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_multipart_upload_takes_the_name_of_the_file_part(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any]
) -> None:
    content = docx()
    r = client.post(
        f"/api/v1/meetings/{meeting['id']}/documents",
        files={"file": ("agenda.docx", content, "application/pdf")},  # the type given is not used
        params={"kind": "agenda"},
        headers=w13,
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["filename"] == "agenda.docx" and doc["title"] == "agenda.docx"
    assert doc["media_type"].endswith("wordprocessingml.document")
    assert client.get(doc["content_url"], headers=w13).content == content


def test_every_accepted_type_is_recognised_by_its_content(
    w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    cases = [
        ("a.png", png(), "image/png"),
        ("a.jpeg", jpeg(), "image/jpeg"),
        (
            "a.odt",
            odf("application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "a.odp",
            odf("application/vnd.oasis.opendocument.presentation"),
            "application/vnd.oasis.opendocument.presentation",
        ),
        ("zonder-extensie", pdf(), PDF),
    ]
    for name, content, expected in cases:
        r = upload(f"meetings/{meeting['id']}", w13, content, name)
        assert r.status_code == 201, (name, r.text)
        assert r.json()["media_type"] == expected
    # A name without an extension gets the content's.
    assert r.json()["filename"] == "zonder-extensie.pdf"


def test_a_pdf_name_with_png_content_is_refused(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    r = upload(f"meetings/{meeting['id']}", w13, png(), "verslag.pdf")
    assert r.status_code == 415
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["errors"][0]["code"] == "document_type_mismatch"
    assert problem["errors"][0]["ctx"] == {"extension": "pdf", "media_type": "image/png"}
    assert count_rows("meeting_documents") == 0 and count_rows("meeting_document_chunks") == 0
    # In the reader's language.
    nl = upload(f"meetings/{meeting['id']}", {**w13, "Accept-Language": "nl"}, png(), "verslag.pdf")
    assert nl.json()["detail"] == "De naam eindigt op .pdf, maar de inhoud is image/png."
    assert nl.json()["title"] == "Formaat niet ondersteund"


def test_an_executable_and_a_macro_document_are_refused(
    w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    from tests.documents.conftest import ooxml

    for name, content in (
        ("verslag.pdf", exe()),
        ("tool.exe", exe()),
        ("macro.docx", ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")),
        ("leeg.zip", odf("application/zip")),
    ):
        r = upload(f"meetings/{meeting['id']}", w13, content, name)
        assert r.status_code == 415, (name, r.text)
        assert r.json()["errors"][0]["code"] == "document_type"
    assert count_rows("meeting_documents") == 0


def test_twenty_megabytes_is_the_limit(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    limit = 20 * 1024 * 1024
    at_limit = pdf(limit)
    assert upload(f"meetings/{meeting['id']}", w13, at_limit).status_code == 201
    # A declared length past the limit is refused before any of the body is read.
    r = upload(f"meetings/{meeting['id']}", w13, pdf(limit + 1))
    assert r.status_code == 413, r.text
    assert r.json()["errors"][0]["code"] == "document_too_large"
    assert r.json()["errors"][0]["ctx"] == {"max_mb": 20}

    # Without a declared length (chunked), the stream is cut off where it passes the limit.
    def chunks() -> Any:
        piece = b"%PDF-" + b"x" * (1024 * 1024 - 5)
        for _ in range(21):
            yield piece

    r = client.post(
        f"/api/v1/meetings/{meeting['id']}/documents",
        content=chunks(),
        params={"filename": "groot.pdf"},
        headers=w13,
    )
    assert r.status_code == 413, r.text
    assert count_rows("meeting_documents") == 1


def test_a_multi_megabyte_file_round_trips_in_chunks(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    content = pdf(7 * 1024 * 1024 + 123)
    r = upload(f"meetings/{meeting['id']}", w13, content, "presentatie.pdf")
    assert r.status_code == 201
    assert count_rows("meeting_document_chunks") == math.ceil(len(content) / CHUNK)
    with client.stream("GET", r.json()["content_url"], headers=w13) as got:
        digest, size = hashlib.sha256(), 0
        for part in got.iter_bytes():
            digest.update(part)
            size += len(part)
    assert size == len(content)
    assert digest.hexdigest() == r.json()["sha256"] == hashlib.sha256(content).hexdigest()


def test_meeting_documents_are_seen_by_who_reads_the_minutes(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    municipal: dict[str, str],
    meeting: dict[str, Any],
    upload: Upload,
) -> None:
    doc = upload(f"meetings/{meeting['id']}", w13, pdf(), kind="minutes").json()
    listing = f"/api/v1/meetings/{meeting['id']}/documents"
    for headers, code in ((w13, 200), (member, 200), (outsider, 404), (municipal, 403), ({}, 401)):
        assert client.get(doc["content_url"], headers=headers).status_code == code
        assert client.get(listing, headers=headers).status_code == code
    item = client.get(listing, headers=member).json()["items"][0]
    assert item["allowed"] == {"update": False, "delete": False, "fields": []}
    # Only W13 writes them.
    for headers, code in ((member, 403), (outsider, 404), (municipal, 403), ({}, 401)):
        r = upload(f"meetings/{meeting['id']}", headers, pdf())
        assert r.status_code == code, r.text
        r = client.delete(f"{listing}/{doc['id']}", headers=headers)
        assert r.status_code == code, r.text
    assert count_rows("meeting_documents") == 1


def test_a_rose_member_adds_deliverables_to_the_actions_it_may_edit(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    municipal: dict[str, str],
    action: dict[str, Any],
    upload: Upload,
) -> None:
    parent = f"actions/{action['id']}"
    r = upload(parent, member, pdf(), "eindrapport.pdf")
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["kind"] == "deliverable"
    assert doc["allowed"]["delete"] is True
    for headers in (outsider, municipal):
        assert upload(parent, headers, pdf()).status_code == 403
        r = client.delete(f"/api/v1/{parent}/documents/{doc['id']}", headers=headers)
        assert r.status_code == 403
    # Everyone logged in reads the documents of actions; the public view those of published ones.
    for headers in (w13, member, outsider, municipal):
        assert client.get(doc["content_url"], headers=headers).status_code == 200
    assert client.get(doc["content_url"]).status_code == 404
    client.patch(f"/api/v1/actions/{action['id']}", json={"published": True}, headers=w13)
    assert client.get(doc["content_url"]).content.startswith(b"%PDF-")
    r = client.patch(
        f"/api/v1/{parent}/documents/{doc['id']}",
        json={"title": "Eindrapport 2025"},
        headers=member,
    )
    assert r.status_code == 200 and r.json()["title"] == "Eindrapport 2025"
    r = client.delete(f"/api/v1/{parent}/documents/{doc['id']}", headers=member)
    assert r.status_code == 204
    assert count_rows("action_documents") == 0 and count_rows("action_document_chunks") == 0


def test_documents_go_with_their_meeting_and_show_in_the_change_feed(
    client: TestClient,
    w13: dict[str, str],
    member: dict[str, str],
    outsider: dict[str, str],
    meeting: dict[str, Any],
    upload: Upload,
) -> None:
    doc = upload(f"meetings/{meeting['id']}", w13, pdf()).json()

    def feed(headers: dict[str, str]) -> list[tuple[str, str, str]]:
        items = client.get("/api/v1/changes", params={"limit": 500}, headers=headers).json()
        return [(c["resource"], c["id"], c["op"]) for c in items["items"]]

    assert ("meeting-documents", doc["id"], "upsert") in feed(member)
    # The feed names the parent, so a mirror reads the record (and from it, its content).
    changes = client.get("/api/v1/changes", params={"limit": 500}, headers=member).json()
    (entry,) = [c for c in changes["items"] if c["id"] == doc["id"]]
    assert entry["parent_id"] == meeting["id"]
    read = client.get(
        f"/api/v1/meetings/{entry['parent_id']}/documents/{doc['id']}", headers=member
    )
    assert client.get(read.json()["content_url"], headers=member).status_code == 200
    assert all(c[0] != "meeting-documents" for c in feed(outsider))
    r = client.delete(f"/api/v1/meetings/{meeting['id']}", headers=w13)
    assert r.status_code == 204, r.text
    assert count_rows("meeting_documents") == 0 and count_rows("meeting_document_chunks") == 0
    assert ("meeting-documents", doc["id"], "delete") in feed(member)
    assert client.get(doc["content_url"], headers=w13).status_code == 404


def test_bad_uploads_change_nothing(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    base = f"/api/v1/meetings/{meeting['id']}/documents"
    empty = upload(f"meetings/{meeting['id']}", w13, b"")
    assert empty.status_code == 422 and empty.json()["errors"][0]["code"] == "document_empty"
    nameless = client.post(base, content=pdf(), headers={**w13, "Content-Type": "application/pdf"})
    assert nameless.status_code == 422
    assert nameless.json()["errors"][0]["code"] == "document_filename"
    other_part = client.post(base, files={"document": ("a.pdf", pdf())}, headers=w13)
    assert other_part.status_code == 422
    assert other_part.json()["errors"][0]["code"] == "document_no_file"
    bad_kind = upload(f"meetings/{meeting['id']}", w13, pdf(), kind="deliverable")
    assert bad_kind.status_code == 422
    missing = client.post(
        "/api/v1/meetings/00000000-0000-4000-8000-000000000000/documents",
        content=pdf(),
        params={"filename": "a.pdf"},
        headers=w13,
    )
    assert missing.status_code == 404
    assert count_rows("meeting_documents") == 0


def test_a_retried_upload_with_its_idempotency_key_stores_one_document(
    client: TestClient, w13: dict[str, str], meeting: dict[str, Any], upload: Upload
) -> None:
    content = pdf()
    keyed = {**w13, "Idempotency-Key": "upload-verslag-juni"}
    first = upload(f"meetings/{meeting['id']}", keyed, content)
    again = upload(f"meetings/{meeting['id']}", keyed, content)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    other = upload(f"meetings/{meeting['id']}", keyed, pdf())
    assert other.status_code == 422
    assert count_rows("meeting_documents") == 1


def test_an_actions_documents_go_out_again_when_it_is_published(
    client: TestClient, w13: dict[str, str], action: dict[str, Any], upload: Upload
) -> None:
    doc = upload(f"actions/{action['id']}", w13, pdf()).json()

    def public_feed() -> set[tuple[str, str]]:
        items = client.get("/api/v1/changes", params={"limit": 500}).json()["items"]
        return {(c["resource"], c["id"]) for c in items}

    assert ("action-documents", doc["id"]) not in public_feed()
    r = client.patch(f"/api/v1/actions/{action['id']}", json={"published": True}, headers=w13)
    assert r.status_code == 200
    assert ("action-documents", doc["id"]) in public_feed()


def test_who_may_is_answered_before_anything_about_the_body(
    client: TestClient, municipal: dict[str, str], meeting: dict[str, Any]
) -> None:
    huge = {"Content-Length": str(50 * 1024 * 1024), "Content-Type": "multipart/form-data"}
    url = f"/api/v1/meetings/{meeting['id']}/documents?filename=a.pdf"
    assert client.post(url, content=b"", headers=huge).status_code == 401
    assert client.post(url, content=b"", headers={**municipal, **huge}).status_code == 403
