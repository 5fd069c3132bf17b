"""Each format of the annual report, opened with a reader: HTML as text, the PDF with a text
extractor, the spreadsheet with openpyxl."""

from __future__ import annotations

import io
import re
from datetime import datetime

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from api.seed.loader import read_dataset
from tests.reports.conftest import HTML, MINUTES_2024, PDF, XLSX, YEAR

URL = f"/api/v1/reports/annual/{YEAR}"


def get(
    client: TestClient,
    headers: dict[str, str],
    accept: str,
    lang: str | None = None,
    url: str = URL,
) -> bytes:
    extra = {"Accept": accept, **({"Accept-Language": lang} if lang else {})}
    r = client.get(url, headers={**headers, **extra})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept.split(",")[0])
    assert "Accept" in r.headers["vary"]
    return r.content


def test_html_is_printable_and_self_contained(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    r = client.get(URL, headers={**w13_seeded, "Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-language"] == "nl"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    assert page.startswith("<!doctype html>") and '<html lang="nl">' in page
    assert "@media print" in page and "@page" in page
    # Nothing from elsewhere: no scripts, stylesheets, images or fonts by URL.
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(", page, re.I)
    assert set(re.findall(r"https?://[^\s\"'<>)]+", page)) <= {"http://www.w3.org/2000/svg"}
    for text in (
        "Jaarverslag regie sociale economie",
        "3.3.1 Netwerking op het grondgebied",
        "WSE-LR2 Tewerkstelling",
        "A15",
        "Checklist Vlaams kader",
        "ROSE – algemene vergadering",
        "SIG-03",
        "Kortrijk",
        "Spiere-Helkijn",
        "IND-A08-DAEB-GEMEENTEN",
        MINUTES_2024,
    ):
        assert text in page, text
    # One chart per indicator, as inline SVG, with the year's value and the target.
    assert page.count("<svg") == len(read_dataset()["resources"]["indicators"])
    chart = page[page.index("<figcaption>IND-A08-DAEB-GEMEENTEN") :]
    chart = chart[: chart.index("</figure>")]
    assert ">10<" in chart and "doel 12" in chart and "nulmeting 2" in chart
    # The table of contents links to every section.
    for anchor in (
        "summary",
        "checklist",
        "pillars",
        "priorities",
        "mvo",
        "meetings",
        "dossiers",
        "agreements",
        "indicators",
        "charts",
    ):
        assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page


def test_labels_follow_accept_language_and_data_stays_dutch(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    fr = get(client, w13_seeded, HTML, "fr-BE,fr;q=0.9,nl;q=0.5").decode()
    assert "Rapport annuel de la régie" in fr and "Table des matières" in fr
    assert "Mobiliteit van doelgroepmedewerkers" in fr  # a title from the data, in Dutch
    assert "en cours" in fr  # a status label
    en = client.get(URL, headers={**w13_seeded, "Accept": HTML, "Accept-Language": "en"})
    assert en.headers["content-language"] == "en"
    assert "Annual report of the social economy regie" in en.text
    assert "Flemish framework checklist" in en.text
    nl = client.get(URL, headers={**w13_seeded, "Accept": HTML, "Accept-Language": "de, it"})
    assert nl.headers["content-language"] == "nl" and "Kerncijfers" in nl.text


def test_pdf_has_contents_page_numbers_and_charts(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    r = client.get(URL, headers={**w13_seeded, "Accept": PDF})
    assert r.status_code == 200 and r.headers["content-type"] == PDF
    assert r.headers["content-disposition"] == (
        'attachment; filename="jaarverslag-regie-2024-intern.pdf"'
    )
    reader = PdfReader(io.BytesIO(r.content))
    pages = [p.extract_text() for p in reader.pages]
    total = len(pages)
    assert total >= 8
    for n, text in enumerate(pages, start=1):
        assert f"Pagina {n} van {total}" in text
    assert "Jaarverslag regie sociale economie" in pages[0] and "2024" in pages[0]
    toc = pages[1]
    assert "Inhoud" in toc
    # Every section is listed with the page it starts on, and is found on that page.
    for title in (
        "1. Kerncijfers",
        "2. Checklist Vlaams kader",
        "3. Acties per pijler",
        "6. Vergaderingen en besluiten",
        "9. Indicatoren",
        "10. Indicatoren in grafiek",
    ):
        line = next(ln for ln in toc.splitlines() if ln.startswith(title))
        page = int(line.rstrip(". ").split()[-1])
        assert title in pages[page - 1], (title, page)
    assert "3.3.2 De lokale sociale economie verder uitbouwen" in toc
    assert "WSE-LR4 Samenwerking met VDAB" in toc
    body = "\n".join(pages)
    for text in (
        "A15",
        "Mobiliteit van doelgroepmedewerkers",
        "SIG-03",
        "Kortrijk",
        "IND-A08-DAEB-GEMEENTEN",
        "81,3",
    ):
        assert text in body, text
    # The charts: drawn on the last pages with their own labels (target line, value).
    charts = "\n".join(
        pages[next(i for i, p in enumerate(pages) if "10. Indicatoren in grafiek" in p) :]
    )
    assert "doel 12" in charts and "nulmeting 2" in charts
    # Bookmarks: one per section, with the pillars, priorities and bodies nested below.
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert [o.title for o in top][:3] == [
        "1. Kerncijfers",
        "2. Checklist Vlaams kader",
        "3. Acties per pijler",
    ]
    assert len(top) == 10
    nested = [o.title for o in reader.outline[3]]
    assert nested[0] == "3.3.1 Netwerking op het grondgebied stimuleren"
    assert reader.metadata is not None
    assert reader.metadata.title == "Jaarverslag regie sociale economie 2024"


def test_spreadsheet_has_real_numbers_and_dates(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    r = client.get(URL, headers={**w13_seeded, "Accept": XLSX})
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    assert r.headers["content-disposition"].endswith('-2024-intern.xlsx"')
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == [
        "Overzicht",
        "Checklist",
        "Acties",
        "Mijlpalen",
        "MVO",
        "Vergaderingen",
        "Besluiten",
        "Bestuur W13",
        "Dossiers",
        "Overeenkomsten",
        "Indicatoren",
        "Metingen",
    ]
    for ws in wb.worksheets:
        head = ws[1][0]
        assert head.font.b and head.fill.fgColor.rgb == "FF0B5563", ws.title
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width >= 8

    def rows(name: str) -> list[tuple[object, ...]]:
        return list(wb[name].iter_rows(min_row=2, values_only=True))

    acts = wb["Acties"]
    header = [c.value for c in acts[1]]
    a15 = next(r for r in rows("Acties") if r[3] == "A15")
    assert a15[header.index("Voortgang (%)")] == 75
    assert isinstance(a15[header.index("Begin")], datetime)
    assert a15[header.index("Begin")] == datetime(2020, 1, 1)
    assert a15[header.index("Accent 2024")] is True
    cell = acts.cell(row=2, column=header.index("Begin") + 1)
    assert cell.is_date
    checks = {r[0]: r for r in rows("Checklist")}
    assert checks["WSE-LR4"][2] == 3 and checks["WSE-LR4"][3] is True
    meeting = rows("Vergaderingen")[0]
    assert meeting[1] == datetime(2024, 12, 12) and meeting[4:7] == (12, 3, 1)
    assert MINUTES_2024 in str(meeting[8])
    kortrijk = next(r for r in rows("Overeenkomsten") if r[0] == "34022" and r[2])
    assert kortrijk[8] == 98000 and isinstance(kortrijk[8], int | float)
    assert wb["Overeenkomsten"].cell(row=2, column=9).number_format == "#,##0.00"
    summary = dict(rows("Overzicht"))
    assert summary["Versie"] == "Interne versie met de notities van W13"
    assert isinstance(summary["Opgemaakt op"], datetime)  # a date cell, not text
    assert summary["Lopende acties"] == 22 and summary["Prioriteiten zonder actie"] == 0
    daeb = next(r for r in rows("Metingen") if r[0] == "IND-A08-DAEB-GEMEENTEN")
    assert daeb[1] == datetime(2024, 12, 31) and daeb[2] == 10
    ind = next(r for r in rows("Indicatoren") if r[0] == "CTX-JOBRATIO-ZWVL")
    assert ind[10] == 81.3 and ind[11] == datetime(2019, 9, 30)


def test_format_by_query_and_refused_media_types(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    r = client.get(URL + "?format=xlsx", headers={**w13_seeded, "Accept": "application/json"})
    assert r.headers["content-type"] == XLSX
    # No Accept, or */*: the API's default.
    assert client.get(URL, headers=w13_seeded).headers["content-type"] == "application/json"
    r = client.get(URL, headers={**w13_seeded, "Accept": "*/*"})
    assert r.headers["content-type"] == "application/json"
    r = client.get(URL, headers={**w13_seeded, "Accept": "application/pdf;q=0.5, text/html"})
    assert r.headers["content-type"].startswith("text/html")
    r = client.get(URL, headers={**w13_seeded, "Accept": "image/png"})
    assert r.status_code == 406
    assert r.headers["content-type"] == "application/problem+json"
    assert "application/pdf" in r.json()["detail"]
    r = client.get(URL, headers={**w13_seeded, "Accept": "application/json;q=0, */*;q=0.1"})
    assert r.headers["content-type"].startswith("text/html")


def test_openapi_documents_every_media_type(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/reports/annual/{year}"]["get"]
    assert op["operationId"] == "reports_get_annual"
    content = op["responses"]["200"]["content"]
    assert set(content) == {"application/json", HTML, PDF, XLSX}
    assert content["application/json"]["schema"]["$ref"].endswith("/AnnualReport")
    assert content[PDF]["schema"]["format"] == "binary"
    assert {"401", "403", "406", "422"} <= set(op["responses"])
    assert "AnnualReport" in spec["components"]["schemas"]
    assert spec["paths"]["/api/v1/reports"]["get"]["operationId"] == "reports_list"
