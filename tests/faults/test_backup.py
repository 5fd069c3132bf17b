"""Data safety: the restore drill (`regie backup`, change things, `regie restore`: the same rows
and contents as at the backup, integrity checked, migrations at head), a backup taken while
writers keep writing, and the migrations run down and up again with data in the tables."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.cli import main as regie
from api.core.db import get_engine
from api.core.models import metadata
from api.exchange.dump import export_dataset, import_dataset
from api.migrate import current_and_head, downgrade, upgrade
from api.seed.loader import load_dataset
from tests.conftest import IS_PG, create

pytestmark = pytest.mark.faults


def snapshot(engine: sa.Engine) -> dict[str, tuple[int, str]]:
    """Per table: row count and a digest of every row, in primary-key order."""
    out = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(sa.select(table).order_by(*order)).all()
            digest = hashlib.sha256(
                json.dumps([list(r) for r in rows], default=str, sort_keys=True).encode()
            ).hexdigest()
            out[table.name] = (len(rows), digest)
    return out


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert regie(list(args)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_restore_drill(
    client: TestClient, w13: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_dataset()
    capsys.readouterr()
    create(
        client,
        w13,
        "actors",
        {
            "name": "Atelier Na de Back-up? Nee, ervoor (fictief)",
            "kind": "partner",
            "goods_services": [{"name": "Herstel"}],
        },
    )
    engine = get_engine()
    before = snapshot(engine)
    assert before["actors"][0] > 10 and before["changes"][0] > 100

    made = cli(capsys, "backup", "--output", str(tmp_path / "regie.backup"))
    assert made["database"] == ("postgresql" if IS_PG else "sqlite")
    assert made["bytes"] > 0
    assert made["rows"]["actors"] == before["actors"][0]
    if not IS_PG:  # a file that stands alone, and is sound
        conn = sqlite3.connect(tmp_path / "regie.backup")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        conn.close()

    # Life goes on after the backup: records change, appear and disappear.
    actors = client.get("/api/v1/actors", headers=w13, params={"limit": 3}).json()["items"]
    client.patch(
        f"/api/v1/actors/{actors[0]['id']}",
        headers=w13,
        json={"description": "Na de back-up gewijzigd."},
    )
    create(client, w13, "actors", {"name": "Na de back-up (fictief)", "kind": "partner"})
    action = client.get("/api/v1/actions", headers=w13, params={"limit": 1}).json()["items"][0]
    assert client.delete(f"/api/v1/actions/{action['id']}", headers=w13).status_code in (204, 409)
    assert snapshot(engine) != before

    restored = cli(capsys, "restore", "--input", str(tmp_path / "regie.backup"))
    assert restored["schema"] == restored["head"] is not None
    engine.dispose()
    assert snapshot(engine) == before
    assert current_and_head(engine)[0] == current_and_head(engine)[1]
    if not IS_PG:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # And the service runs on the restored database.
    r = client.get(f"/api/v1/actors/{actors[0]['id']}", headers=w13)
    assert r.status_code == 200 and r.json()["description"] != "Na de back-up gewijzigd."


def test_restore_refuses_a_file_that_is_no_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "geen-backup"
    bogus.write_bytes(b"dit is geen databank\n" * 100)
    engine = get_engine()
    before = snapshot(engine)
    assert regie(["restore", "--input", str(bogus)]) == 2
    assert "error:" in capsys.readouterr().err
    assert regie(["restore", "--input", str(tmp_path / "bestaat-niet")]) == 2
    assert snapshot(engine) == before


def test_a_backup_taken_while_writers_write_is_consistent(
    client: TestClient, w13: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stop = threading.Event()
    written: list[str] = []

    def write() -> None:
        while not stop.is_set():
            rid = str(uuid.uuid4())
            r = client.post(
                "/api/v1/actors",
                headers=w13,
                json={"id": rid, "name": f"Schrijver {rid[:8]}", "kind": "partner"},
            )
            assert r.status_code == 201
            written.append(rid)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            pass
        made = cli(capsys, "backup", "--output", str(tmp_path / "tijdens.backup"))
    finally:
        stop.set()
        writer.join(60)
    assert 0 < made["rows"]["actors"] <= len(written)
    # Restored elsewhere, the copy holds whole transactions: every actor with its feed row.
    if IS_PG:
        return _check_pg_copy(tmp_path / "tijdens.backup", capsys)
    conn = sqlite3.connect(tmp_path / "tijdens.backup")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    actors = conn.execute("SELECT count(*) FROM actors").fetchone()[0]
    feed = conn.execute(
        "SELECT count(DISTINCT record_id) FROM changes WHERE resource = 'actors'"
    ).fetchone()[0]
    conn.close()
    assert actors == feed > 0
    return None


def _check_pg_copy(dump: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from api.core.backup import restore

    engine = get_engine()
    name = f"regie_copy_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    copy = sa.create_engine(engine.url.set(database=name))
    try:
        result = restore(copy, dump)
        assert result["schema"] == result["head"]
        with copy.connect() as conn:
            actors = conn.execute(sa.text("SELECT count(*) FROM actors")).scalar_one()
            feed = conn.execute(
                sa.text("SELECT count(DISTINCT record_id) FROM changes WHERE resource = 'actors'")
            ).scalar_one()
        assert actors == feed > 0
    finally:
        copy.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrations_go_down_and_up_with_data_in_the_tables(
    client: TestClient, w13: dict[str, str], tmp_path: Path
) -> None:
    """With a single initial migration, down means no tables: what must hold is that the way
    down works over full tables (constraints in the right order) and that the data comes back
    whole on the way up, through the dataset export and import."""
    load_dataset()
    create(
        client,
        w13,
        "actors",
        {
            "name": "Atelier Heen en Terug (fictief)",
            "kind": "partner",
            "places": [{"rung": 5, "description": "Atelierwerk"}],
        },
    )
    engine = get_engine()
    export_dataset(tmp_path / "voor.json")
    counts = {t: n for t, (n, _) in snapshot(engine).items()}
    assert counts["actors"] > 10 and counts["agreements"] > 0

    downgrade(engine, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_and_head(engine)[0] == current_and_head(engine)[1]
    imported = import_dataset(tmp_path / "voor.json")
    assert imported
    export_dataset(tmp_path / "na.json")
    before = json.loads((tmp_path / "voor.json").read_text())
    after = json.loads((tmp_path / "na.json").read_text())
    assert after.pop("exported_at") >= before.pop("exported_at")
    assert after == before
    again = {t: n for t, (n, _) in snapshot(engine).items()}
    for table in (
        "actors",
        "actions",
        "agreements",
        "meetings",
        "indicators",
        "measurements",
        "dossiers",
        "municipalities",
        "pillars",
        "objectives",
    ):
        assert again[table] == counts[table], table
