"""`regie backup` and `regie restore`: the whole database to one file and back.

SQLite is copied with its online backup API (`sqlite3.Connection.backup`), page by page under
SQLite's own locking, so the copy is consistent while the service keeps writing; a raw copy of
a live WAL database could miss committed pages still in the `-wal` file. PostgreSQL is dumped
with `pg_dump -Fc` and restored with `pg_restore --clean --if-exists` in one transaction, with
the client programs of the server's major version. A restore checks the file first and
reports the row counts afterwards; stop the service (or every instance) while restoring."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, inspect, make_url, select, table, text

from api.migrate import VERSION_TABLE, current_and_head


class BackupError(ValueError):
    """A backup or restore that cannot be done; the message says why."""


def backup(engine: Engine, output: str | Path) -> dict[str, Any]:
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        _sqlite_backup(_sqlite_path(engine), out)
    elif engine.dialect.name == "postgresql":
        _pg(engine, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={out}")
    else:
        raise BackupError(f"no backup for {engine.dialect.name}")
    return {
        "database": engine.dialect.name,
        "file": str(out),
        "bytes": out.stat().st_size,
        "rows": row_counts(engine),
    }


def restore(engine: Engine, source: str | Path) -> dict[str, Any]:
    src = Path(source)
    if not src.is_file():
        raise BackupError(f"{src}: no such file")
    if engine.dialect.name == "sqlite":
        _sqlite_restore(src, _sqlite_path(engine))
    elif engine.dialect.name == "postgresql":
        _pg(engine, "pg_restore", "--list", str(src))  # a dump pg_restore can read?
        _pg(
            engine,
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(src),
        )
    else:
        raise BackupError(f"no restore for {engine.dialect.name}")
    engine.dispose()  # pooled connections may hold plans of the dropped tables
    current, head = current_and_head(engine)
    return {
        "database": engine.dialect.name,
        "file": str(src),
        "schema": current,
        "head": head,
        "rows": row_counts(engine),
    }


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = sorted(n for n in inspect(conn).get_table_names() if n != VERSION_TABLE)
        return {
            name: int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
            for name in names
        }


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def _integrity(conn: sqlite3.Connection, what: Path) -> None:
    (result,) = conn.execute("PRAGMA integrity_check").fetchone()
    if result != "ok":
        raise BackupError(f"{what}: integrity check failed: {result}")


def _sqlite_backup(source: Path, out: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source}: no such database")
    # Into a temporary file next to the target, renamed when complete: a failed run never
    # leaves a half-written backup under the name asked for.
    fd, tmp_name = tempfile.mkstemp(prefix=out.name + ".", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst, pages=1024)
            # A file that stands alone: no WAL to carry along.
            dst.execute("PRAGMA journal_mode=DELETE")
            _integrity(dst, out)
        finally:
            dst.close()
            src.close()
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def _sqlite_restore(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            _integrity(src, source)
            src.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source}: not a backup of this service ({exc})") from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            # Through SQLite, into the live file and its WAL: the result is the backup, page
            # for page, and a reader never sees it half restored.
            src.backup(dst, pages=1024)
            _integrity(dst, target)
        finally:
            dst.close()
    finally:
        src.close()


# --- PostgreSQL --------------------------------------------------------------------------


def _pg(engine: Engine, program: str, *args: str) -> None:
    url = make_url(engine.url.render_as_string(hide_password=False))
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # not on the command line, where `ps` shows it
    host = url.query.get("host") or url.host
    port = url.query.get("port") or url.port
    conn_args = [f"--dbname={url.database}"]
    if host:
        conn_args.append(f"--host={host}")
    if port:
        conn_args.append(f"--port={port}")
    if url.username:
        conn_args.append(f"--username={url.username}")
    needs_db = program != "pg_restore" or "--list" not in args
    cmd = [_pg_program(engine, program), *(conn_args if needs_db else []), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()[-2000:]}")


def _pg_program(engine: Engine, program: str) -> str:
    """The program of the server's major version (a newer pg_dump reads an older server; an
    older one refuses a newer server)."""
    with engine.connect() as conn:
        major = int(str(conn.execute(text("SHOW server_version_num")).scalar_one())) // 10000
    for candidate in (Path(f"/usr/lib/postgresql/{major}/bin/{program}"),):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(program)
    if found is None:
        raise BackupError(f"{program} not found: install the PostgreSQL {major} client programs")
    return found
