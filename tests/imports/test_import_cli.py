"""`regie import-csv`: the same import on the command line, with progress."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.cli import main
from api.imports.service import IMPORTABLE as ORDER
from tests.conftest import count_rows, wipe
from tests.imports.conftest import feed_size, get_csv, table, to_csv

# Bookkeeping of each installation: a rebuilt record starts again at version 1.
TIMESTAMPS = {"created_at", "updated_at", "version"}


def everything(client: TestClient, headers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Every record of every list (nested ones through their parents), without timestamps."""
    out: dict[str, list[dict[str, Any]]] = {}
    for resource in ORDER:
        if resource in ("measurements", "dossier-events"):
            continue
        items = client.get(f"/api/v1/{resource}?limit=500", headers=headers).json()["items"]
        out[resource] = [{k: v for k, v in i.items() if k not in TIMESTAMPS} for i in items]
    for parent, child, name in (
        ("indicators", "measurements", "measurements"),
        ("dossiers", "events", "dossier-events"),
    ):
        out[name] = []
        for p in out[parent]:
            items = client.get(f"/api/v1/{parent}/{p['id']}/{child}", headers=headers).json()
            out[name] += [
                {k: v for k, v in i.items() if k not in TIMESTAMPS} for i in items["items"]
            ]
    return out


def export_csv_files(client: TestClient, headers: dict[str, str], folder: Path) -> list[Path]:
    files = []
    for resource in ORDER:
        path = folder / f"{resource}.csv"
        if resource in ("measurements", "dossier-events"):
            parent, child = (
                ("indicators", "measurements")
                if resource == "measurements"
                else ("dossiers", "events")
            )
            header: list[str] = []
            rows: list[dict[str, str]] = []
            for p in client.get(f"/api/v1/{parent}?limit=500", headers=headers).json()["items"]:
                url = f"/api/v1/{parent}/{p['id']}/{child}"
                header, more = table(get_csv(client, headers, url))
                rows += more
            path.write_bytes(to_csv(header, rows))
        else:
            path.write_bytes(get_csv(client, headers, f"/api/v1/{resource}"))
        files.append(path)
    return files


def test_csv_files_rebuild_the_dataset_in_an_empty_database(
    client: TestClient,
    engine: sa.Engine,
    make_user: Any,
    seeded: dict[str, dict[str, int]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    w13 = make_user("w13")["headers"]
    before = everything(client, w13)
    files = export_csv_files(client, w13, tmp_path)
    wipe(engine)
    assert count_rows("actions") == 0
    for path in files:
        assert main(["import-csv", "--resource", path.stem, str(path)]) == 0, path.stem
    out, err = capsys.readouterr()
    assert "import actions" in err and "28/28" in err  # progress on standard error
    assert '"created": 28' in out
    w13 = make_user("w13")["headers"]
    assert everything(client, w13) == before
    # and the same files once more: nothing to do
    feed = feed_size()
    for path in files:
        assert main(["import-csv", "--resource", path.stem, str(path)]) == 0
    assert feed_size() == feed


def test_dry_run_and_refusal(
    client: TestClient,
    kortrijk: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = tmp_path / "actors.csv"
    good.write_text("name,kind\r\nAtelier De Brug (fictief),maatwerkbedrijf\r\n")
    assert main(["import-csv", "--resource", "actors", str(good), "--dry-run"]) == 0
    assert '"dry_run": true' in capsys.readouterr().out
    assert count_rows("actors") == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\r\nAtelier De Brug (fictief),maatwerkbedrijf\r\nX,vzw\r\n")
    assert main(["import-csv", "--resource", "actors", str(bad)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert [e["loc"] for e in report["errors"]] == [["body", "rows", 2, "kind"]]
    assert report["created"] == 1  # counted, then rolled back with the rest
    assert count_rows("actors") == 0
    assert main(["import-csv", "--resource", "actors", str(good)]) == 0
    assert count_rows("actors") == 1
    assert main(["import-csv", "--resource", "users", str(good)]) == 2
    assert "No import for 'users'" in capsys.readouterr().err
