"""`regie report`: the annual report as a file, with progress on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from api.cli import main
from tests.reports.conftest import MINUTES_2024


def test_report_to_a_spreadsheet(
    seeded: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "jaarverslag-2024.xlsx"
    assert main(["report", "--year", "2024", "--format", "xlsx", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert "report 2024 xlsx" in err and "3/3" in err  # the progress line
    assert f"{out}: {out.stat().st_size} bytes" in err
    wb = load_workbook(out)
    checks = {r[0]: r[3] for r in wb["Checklist"].iter_rows(min_row=2, values_only=True)}
    assert checks == {
        "WSE-LR1": True,
        "WSE-LR2": True,
        "WSE-LR3": True,
        "WSE-LR4": True,
        "MVO": True,
    }
    assert "Uit het verslag" not in [c.value for c in wb["Vergaderingen"][1]]  # not --internal


def test_report_as_pdf_in_french(seeded: None, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    assert (
        main(["report", "--year", "2024", "--format", "pdf", "--lang", "fr", "--output", str(out)])
        == 0
    )
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert "Table des matières" in pages[1]
    assert f"Page 1 sur {len(pages)}" in pages[0]


def test_internal_notes_only_when_asked(seeded: None, tmp_path: Path) -> None:
    shared, inside = tmp_path / "r.json", tmp_path / "r-intern.json"
    assert main(["report", "--year", "2024", "--format", "json", "-o", str(shared)]) == 0
    assert (
        main(["report", "--year", "2024", "--format", "json", "-o", str(inside), "--internal"]) == 0
    )
    assert (
        MINUTES_2024 not in shared.read_text()
        and json.loads(shared.read_text())["internal"] is False
    )
    assert MINUTES_2024 in inside.read_text()


def test_html_to_stdout(seeded: None, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert (
        main(["report", "--year", "2024", "--format", "html", "--output", "-", "--lang", "en"]) == 0
    )
    page = capsysbinary.readouterr().out.decode()
    assert page.startswith("<!doctype html>") and "Annual report of the social economy" in page


def test_bad_arguments(seeded: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--year", "2024", "--format", "docx", "--output", "x"])
    assert "invalid choice" in capsys.readouterr().err
    assert main(["report", "--year", "1800", "--format", "json", "--output", "-"]) == 2
    assert "year must lie between" in capsys.readouterr().err
