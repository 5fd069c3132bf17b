"""Who gets which report: W13 with its internal notes, ROSE members without them, others not."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.reports.conftest import EVIDENCE_SIG03, HTML, MINUTES_2024, PDF, XLSX, YEAR

URL = f"/api/v1/reports/annual/{YEAR}"


def text_of(accept: str, content: bytes) -> str:
    """Everything a reader of the file sees, as text."""
    if accept == PDF:  # lines wrapped in a table cell: read as running text
        pages = PdfReader(io.BytesIO(content)).pages
        return " ".join(" ".join(p.extract_text().split()) for p in pages)
    if accept == XLSX:
        wb = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return content.decode()


@pytest.mark.parametrize("accept", ["application/json", HTML, PDF, XLSX])
def test_rose_member_gets_the_version_without_internal_notes(
    client: TestClient, rose: dict[str, str], w13_seeded: dict[str, str], accept: str
) -> None:
    inside = client.get(URL, headers={**w13_seeded, "Accept": accept})
    assert inside.status_code == 200
    assert MINUTES_2024 in text_of(accept, inside.content)
    shared = client.get(URL, headers={**rose, "Accept": accept})
    assert shared.status_code == 200, shared.text
    seen = text_of(accept, shared.content)
    assert MINUTES_2024 not in seen and EVIDENCE_SIG03 not in seen
    assert "Status:" not in seen  # nor a dossier's timeline
    assert "SIG-03" in seen and "WSE-LR4" in seen  # the report itself is all there
    assert "intern" not in shared.headers["content-disposition"]


def test_w13_can_ask_for_the_version_to_share(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    body = client.get(URL + "?internal=false", headers=w13_seeded).json()
    assert body["internal"] is False
    assert all(m["minutes_excerpt"] is None for b in body["bodies"] for m in b["meetings"])
    assert all(d["evidence_summary"] is None and d["events"] is None for d in body["dossiers"])
    html = client.get(URL + "?internal=false", headers={**w13_seeded, "Accept": HTML}).text
    assert "Versie voor ROSE en de Vlaamse overheid" in html and MINUTES_2024 not in html


def test_rose_member_cannot_ask_for_internal_notes(
    client: TestClient, rose: dict[str, str]
) -> None:
    r = client.get(URL + "?internal=true", headers=rose)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"


def test_municipality_is_refused(client: TestClient, kortrijk_user: dict[str, str]) -> None:
    for url in (URL, "/api/v1/reports"):
        r = client.get(url, headers={**kortrijk_user, "Accept": PDF})
        assert r.status_code == 403
        assert r.headers["content-type"] == "application/problem+json"


def test_anonymous_must_log_in(client: TestClient, seeded: None) -> None:
    for url in (URL, "/api/v1/reports", "/api/v1/reports/annual/1800"):
        r = client.get(url, headers={"Accept": HTML})
        assert r.status_code == 401, url  # before the year is even checked
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["www-authenticate"].startswith("Bearer")


def test_list_of_reports(client: TestClient, rose: dict[str, str]) -> None:
    r = client.get("/api/v1/reports", headers=rose)
    assert r.status_code == 200
    items = r.json()["items"]
    years = [i["year"] for i in items]
    assert years == sorted(years, reverse=True)
    assert {2020, 2024, 2025} <= set(years)
    assert {"kind": "annual", "year": 2024, "href": URL} in items
    assert r.json()["next_cursor"] is None


def test_rose_member_gets_summaries_beyond_its_own_meetings_and_agreements(
    client: TestClient, rose: dict[str, str]
) -> None:
    # A deliberate grant (docs/annual-report.md): the report accounts for the whole network,
    # so it summarises every body's meetings and every municipality's agreements, while the
    # records themselves stay as the permission table has them (meetings and agreements: own).
    report = client.get("/api/v1/reports/annual/2025", headers=rose).json()
    assert report["internal"] is False
    readable = {
        m["id"] for m in client.get("/api/v1/meetings?limit=200", headers=rose).json()["items"]
    }
    lines = {m["id"]: (b["code"], m) for b in report["bodies"] for m in b["meetings"]}
    others = {i: line for i, line in lines.items() if i not in readable}
    # The network event of October 2025: the ROSE member's organisation is not in that body.
    assert [code for code, _ in others.values()] == ["netwerkevent"]
    for meeting_id, (_, line) in others.items():
        assert client.get(f"/api/v1/meetings/{meeting_id}", headers=rose).status_code == 404
        assert line["minutes_excerpt"] is None
        assert set(line["attendance"]) == {"present", "excused", "absent"}  # counts, no names
    own = {
        a["id"] for a in client.get("/api/v1/agreements?limit=200", headers=rose).json()["items"]
    }
    listed = {a["id"]: a for m in report["municipalities"] for a in m["agreements"]}
    assert own & set(listed) and len(set(listed) - own) >= 3
    assert "Kinderopvang De Speelboot (fictief)" in {a["provider"] for a in listed.values()}
    # A summary: what the entrustment act makes public, not its working parameters.
    assert set(next(iter(listed.values()))) == {
        "id",
        "title",
        "service",
        "provider",
        "regime",
        "start_date",
        "end_date",
        "compensation_amount",
        "volume",
        "volume_unit",
    }
