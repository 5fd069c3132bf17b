"""The small parts of the report: negotiation, transitions read from event texts, labels,
number formats, the spreadsheet writer and the PDF's text wrapping."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from api.core.errors import ProblemError
from api.reports.i18n import LABELS, fmt_date, fmt_number, label, negotiate_language
from api.reports.negotiation import negotiate_format
from api.reports.pdf_layout import pdf_text, text_width, wrap_text
from api.reports.schemas import Language, ReportFormat
from api.reports.service import transition_to
from api.reports.xlsx import Column, Workbook, column_letter, sheet_name

F = ReportFormat
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, F.json),
        ("", F.json),
        ("*/*", F.json),
        ("application/*", F.json),
        ("null", F.json),
        ("text/html,application/xhtml+xml,*/*;q=0.8", F.html),
        ("application/pdf", F.pdf),
        (XLSX, F.xlsx),
        ("application/pdf;q=0.4, " + XLSX + ";q=0.9", F.xlsx),
        ("application/json;q=0, */*", F.html),
        ("text/*;q=0.2, application/json;q=0.1", F.html),
    ],
)
def test_format_by_accept(accept: str | None, expected: ReportFormat) -> None:
    assert negotiate_format(accept) is expected


def test_unserviceable_accept() -> None:
    for accept in ("image/png", "text/plain", "*/*;q=0"):
        with pytest.raises(ProblemError) as err:
            negotiate_format(accept)
        assert err.value.status == 406
    assert negotiate_format("image/png", F.pdf) is F.pdf  # ?format= wins


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "nl"),
        ("fr", "fr"),
        ("fr-BE,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB", "en"),
        ("de-DE, en;q=0.5", "en"),
        ("de", "nl"),
        ("nl;q=0.2, fr;q=0.8", "fr"),
        ("fr;q=x", "nl"),
    ],
)
def test_language_by_accept_language(header: str | None, lang: str) -> None:
    assert negotiate_language(header).value == lang


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Status: open → on_agenda", "on_agenda"),
        ("Status: answered → closed", "closed"),
        ("Status: signalled -> answered", "answered"),
        ("Dossier op de agenda van ROSE gezet.", "on_agenda"),
        (
            "Antwoord besproken in ROSE; dossier afgesloten, verdere opvolging binnen actie A22.",
            "closed",
        ),
        ("Dossier heropend na nieuwe signalen.", "open"),
        ("Nota verstuurd.", None),
    ],
)
def test_transition_read_from_the_event_text(text: str, status: str | None) -> None:
    assert transition_to(text) == status


def test_every_label_in_three_languages() -> None:
    for key, texts in LABELS.items():
        assert len(texts) == 3, key
        if key != "report.data_note":  # nothing to say in Dutch: the data is Dutch
            assert all(texts), key
    assert label("page", Language.fr, n=2, total=9) == "Page 2 sur 9"


def test_numbers_and_dates_per_language() -> None:
    assert fmt_number(Decimal("740217"), Language.nl) == "740.217"
    assert fmt_number(Decimal("81.3000"), Language.nl) == "81,3"
    assert fmt_number(Decimal("81.3000"), Language.en) == "81.3"
    assert fmt_number(Decimal("1234.5"), Language.fr) == "1\u00a0234,5"
    assert fmt_number(98000, Language.en, places=2) == "98,000.00"
    assert fmt_date(date(2024, 12, 31), Language.nl) == "31-12-2024"
    assert fmt_date(date(2024, 12, 31), Language.fr) == "31/12/2024"
    assert fmt_date(date(2024, 12, 31), Language.en) == "2024-12-31"


def test_spreadsheet_writer_types_and_names() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    taken: set[str] = set()
    assert sheet_name("Acties: per [pijler]?", taken) == "Acties  per  pijler"
    assert sheet_name("Acties: per [pijler]?", taken) == "Acties  per  pijler (2)"
    wb = Workbook(title="Test & <proef>")
    wb.add_sheet(
        "Blad",
        [
            Column("Tekst", 20),
            Column("Getal", 10, "number"),
            Column("Bedrag", 12, "money"),
            Column("Datum", 12, "date"),
            Column("Ja/nee", 8, "bool"),
        ],
        [
            ("=SOM(A1) & <b>", 3, Decimal("98000.50"), date(2024, 2, 29), False),
            ("regel\x01twee", 2.5, None, datetime(2024, 1, 1, 12, 0), True),
        ],
    )
    ws = load_workbook(io.BytesIO(wb.save()))["Blad"]
    assert [c.value for c in ws[1]] == ["Tekst", "Getal", "Bedrag", "Datum", "Ja/nee"]
    first = [c.value for c in ws[2]]
    assert first == ["=SOM(A1) & <b>", 3, 98000.5, datetime(2024, 2, 29), False]
    assert ws["A2"].data_type == "s"  # text stays text, never a formula
    assert ws["D2"].is_date and ws["C2"].number_format == "#,##0.00"
    assert [c.value for c in ws[3]] == ["regeltwee", 2.5, None, datetime(2024, 1, 1, 12), True]
    assert ws.column_dimensions["A"].width == 20 and ws.auto_filter.ref == "A1:E3"


def test_pdf_text_wrapping() -> None:
    lines = wrap_text(
        "Samenwerking tussen sociale economie en reguliere bedrijven (SE–NEC)", "Helvetica", 8, 100
    )
    assert len(lines) > 1 and all(text_width(x, "Helvetica", 8) <= 100 for x in lines)
    code = wrap_text("IND-A06-NETWERKEVENT-DEELNEMERS", "Helvetica-Bold", 8, 60)
    assert "".join(code) == "IND-A06-NETWERKEVENT-DEELNEMERS" and len(code) > 1
    assert all(text_width(x, "Helvetica-Bold", 8) <= 60 for x in code)
    assert wrap_text("", "Helvetica", 8, 50) == [""]
    assert pdf_text("Status: open → on_agenda ✓") == "Status: open -> on_agenda ?"
    assert pdf_text("coördinatie – ’t") == "coördinatie – ’t"
