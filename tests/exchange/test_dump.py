"""`regie export` and `regie import` round-trip the whole dataset."""

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from api.cli import main
from api.seed.loader import load_dataset
from tests.conftest import count_rows, wipe

TABLES = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "actions",
    "action_partners",
    "indicators",
    "measurements",
    "bodies",
    "body_members",
    "meetings",
    "meeting_decisions",
    "dossiers",
    "dossier_events",
    "agreements",
    "agreement_municipalities",
)


def _without_stamp(path: Path) -> dict[str, object]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("exported_at")
    return doc  # type: ignore[no-any-return]


def test_export_import_round_trip(
    engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_dataset()
    before = {t: count_rows(t) for t in TABLES}
    first = tmp_path / "first.json"
    assert main(["export", "--output", str(first)]) == 0
    wipe(engine)
    assert count_rows("actors") == 0
    assert main(["import", "--input", str(first)]) == 0
    assert {t: count_rows(t) for t in TABLES} == before
    second = tmp_path / "second.json"
    assert main(["export", "--output", str(second)]) == 0
    assert _without_stamp(second) == _without_stamp(first)
    # Importing into a database that already has everything changes nothing but versions.
    assert main(["import", "--input", str(first)]) == 0
    assert {t: count_rows(t) for t in TABLES} == before
    assert "import actors" in capsys.readouterr().err  # progress is shown


def test_import_refuses_other_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something-else", "version": 1, "resources": {}}))
    assert main(["import", "--input", str(bad)]) == 2
    assert "not a regie-export document" in capsys.readouterr().err


def test_import_with_a_bad_record_writes_nothing(engine: sa.Engine, tmp_path: Path) -> None:
    doc = {
        "format": "regie-export",
        "version": 1,
        "resources": {
            "actors": [
                {"name": "Goed (fictief)", "kind": "partner"},
                {"name": "Fout (fictief)", "kind": "partner", "kbo_number": "0630.835.638"},
            ]
        },
    }
    path = tmp_path / "one-bad.json"
    path.write_text(json.dumps(doc))
    assert main(["import", "--input", str(path)]) == 2
    assert count_rows("actors") == 0
