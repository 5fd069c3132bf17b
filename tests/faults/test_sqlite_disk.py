"""SQLite on a disk that fills up or turns read-only under a running service: writes get a clear
problem (507 or 503, never a 500), reads keep working where SQLite can, nothing half-written
appears, and the file passes `PRAGMA integrity_check` afterwards.

The disk is a 2 MB tmpfs where the test may mount one (root); elsewhere a file-size limit on
the server process (`RLIMIT_FSIZE`) makes SQLite's writes fail the same way."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.accounts.admin import create_user_in
from api.core.config import Settings
from api.core.db import make_engine, session_scope
from api.core.principal import SYSTEM
from api.migrate import upgrade
from tests.conftest import PASSWORD, token_for
from tests.faults.live import LiveServer

pytestmark = pytest.mark.faults


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, bool]]:
    """A directory on a 2 MB tmpfs (True) or a plain one when mounting is not allowed (False)."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where))
    yield where, mounted
    if mounted:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _prepare(db: Path) -> tuple[str, dict[str, str]]:
    url = f"sqlite:///{db}"
    engine = make_engine(Settings(database_url=url))
    upgrade(engine)
    with session_scope(engine, principal=SYSTEM) as s:
        user = create_user_in(
            s,
            email="w13@schijf.example",
            name="W13",
            role="w13",
            actor=None,
            municipality=None,
            password=PASSWORD,
        )
    engine.dispose()
    # The details below are checked in English (the service answers in Dutch by default).
    headers = {"Authorization": f"Bearer {token_for(user.id, minutes=30)}", "Accept-Language": "en"}
    return url, headers


def _create(
    c: httpx.Client, headers: dict[str, str], size: int = 100
) -> tuple[str, httpx.Response]:
    rid = str(uuid.uuid4())
    return rid, c.post(
        "/api/v1/actors",
        headers=headers,
        json={
            "id": rid,
            "name": f"Schijftest {rid[:8]}",
            "kind": "partner",
            "description": "x" * size,
        },
    )


def _integrity(db: Path) -> tuple[str, set[str]]:
    conn = sqlite3.connect(db)
    try:
        (ok,) = conn.execute("PRAGMA integrity_check").fetchone()
        ids = {
            str(uuid.UUID(bytes=r[0]) if isinstance(r[0], bytes) else uuid.UUID(r[0]))
            for r in conn.execute("SELECT id FROM actors")
        }
        feed = {
            r[0] for r in conn.execute("SELECT record_id FROM changes WHERE resource = 'actors'")
        }
        assert len(feed) >= len(ids)
        return str(ok), ids
    finally:
        conn.close()


def _limit_file_size(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_answers_a_clear_problem_and_corrupts_nothing(
    small_disk: tuple[Path, bool], tmp_path: Path
) -> None:
    where, mounted = small_disk
    db = where / "regie.db"
    url, headers = _prepare(db)
    server = LiveServer(url, tmp_path / "server.log")
    if not mounted:  # the log lives elsewhere, but the limit is per process: leave it room
        server.preexec = _limit_file_size(db.stat().st_size + 2_000_000)
    server.start()
    created, refused, statuses = set(), set(), []
    filler = where / "filler"
    try:
        with server.client() as c:
            for _ in range(5):
                rid, r = _create(c, headers)
                assert r.status_code == 201, r.text
                created.add(rid)
            if mounted:
                with filler.open("wb") as f, pytest.raises(OSError, match="space"):  # noqa: PT012
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
            for _ in range(200):
                rid, r = _create(c, headers, size=20_000)
                statuses.append(r.status_code)
                if r.status_code == 201:
                    created.add(rid)
                    continue
                refused.add(rid)
                assert r.status_code in (503, 507), r.text
                assert r.headers["content-type"] == "application/problem+json"
                assert "storage" in r.json()["detail"]
                if len(refused) >= 5:
                    break
            assert len(refused) >= 5, statuses
            assert c.get("/api/v1/actors", headers=headers).status_code == 200
            if mounted:
                filler.unlink()
                rid, r = _create(c, headers)
                assert r.status_code == 201, r.text  # room again: the service just carries on
                created.add(rid)
    finally:
        server.stop()
    assert 500 not in statuses
    ok, stored = _integrity(db)
    assert ok == "ok"
    assert created <= stored
    assert not refused & stored


def test_a_read_only_disk_answers_a_clear_problem_and_corrupts_nothing(
    tmp_path: Path,
) -> None:
    """The service sees its database through a read-only mount (or a read-only file): reads
    go on, writes get a 503 that says so."""
    data = tmp_path / "data"
    data.mkdir()
    db = data / "regie.db"
    _, headers = _prepare(db)
    # Another process keeps the database open where it is writable: its WAL index (-shm) is
    # what lets SQLite read a WAL database on read-only media.
    holder = sqlite3.connect(db)
    holder.execute("SELECT count(*) FROM actors").fetchone()
    ro = tmp_path / "ro"
    ro.mkdir()
    mounted = _mount("--bind", str(data), str(ro)) and _mount("-o", "remount,bind,ro", str(ro))
    if not mounted:  # without mount rights, a read-only file does the same (not for root)
        db.chmod(0o444)
    target = ro if mounted else data
    server = LiveServer(f"sqlite:///{target / 'regie.db'}", tmp_path / "server.log").start()
    try:
        with server.client() as c:
            rid, r = _create(c, headers)
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert "read-only" in r.json()["detail"]
            assert r.headers["retry-after"]
            assert c.get("/api/v1/actors", headers=headers).status_code == 200
            assert c.get("/readyz").status_code == 200
    finally:
        server.stop()
        holder.close()
        if mounted:
            subprocess.run(["umount", str(ro)], check=False)
        else:
            db.chmod(0o644)
    ok, stored = _integrity(db)
    assert ok == "ok"
    assert rid not in stored
