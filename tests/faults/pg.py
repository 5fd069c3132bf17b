"""A PostgreSQL server of the test's own (`scripts/pg.sh start DIR`), which the test may stop
hard and start again without touching the server the rest of the suite uses."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import sqlalchemy as sa

from tests.faults.live import PROJECT

PG_SH = PROJECT / "scripts" / "pg.sh"


def _bin_dir() -> Path:
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / "pg_ctl").exists():
            return d
    found = shutil.which("pg_ctl")
    assert found, "PostgreSQL server binaries are needed (scripts/pg.sh installs them)"
    return Path(found).parent


class OwnPostgres:
    def __init__(self) -> None:
        self.dir = Path(f"/tmp/regie-faults-pg-{uuid.uuid4().hex[:8]}")
        self.port = os.environ.get("REGIE_PG_PORT", "54329")
        self.server_url = ""

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(_bin_dir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> str:
        """A fresh server; returns the URL of a new database `regie` on it."""
        env = {**os.environ, "REGIE_PG_PORT": self.port}
        self.server_url = subprocess.run(
            [str(PG_SH), "start", str(self.dir)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=300,
        ).stdout.strip()
        # pg.sh runs its servers with synchronous_commit=off, which may lose the last commits
        # when the server crashes: this test judges the service, so run with durable commits.
        out = self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        assert out.returncode == 0, out.stderr
        self.restart()
        admin = sa.create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text('CREATE DATABASE "regie"'))
        admin.dispose()
        return (
            sa.make_url(self.server_url).set(database="regie").render_as_string(hide_password=False)
        )

    def stop_immediately(self) -> None:
        """`pg_ctl -m immediate`: the server quits without a clean shutdown, like a crash."""
        out = self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        assert out.returncode == 0, out.stderr

    def restart(self) -> None:
        """Start the stopped server again on the same data (crash recovery runs first)."""
        options = (
            f"-k {self.dir}/sock -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=on -c max_connections=200"
        )
        out = self._run(
            "pg_ctl",
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            options,
            "start",
        )
        assert out.returncode == 0, out.stdout + out.stderr

    def destroy(self) -> None:
        subprocess.run(
            [str(PG_SH), "stop", str(self.dir)], capture_output=True, check=False, timeout=120
        )
