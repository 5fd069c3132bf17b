"""A live service for the examples: `regie serve` on a free loopback port, against a database
of its own (a SQLite file, or a new PostgreSQL database when `REGIE_TEST_PG_URL` is set),
migrated and seeded by the real command line, with API clients made by `regie clients create`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.core.config import PROJECT_ROOT

REGIE = str(Path(sys.executable).with_name("regie"))
EXAMPLES = PROJECT_ROOT / "examples"


@dataclass
class Live:
    url: str
    database_url: str
    env: dict[str, str]
    clients: dict[str, dict[str, str]] = field(default_factory=dict)
    rose_actor: str = ""  # the actor of the ROSE member's client

    def engine(self) -> sa.Engine:
        return sa.create_engine(self.database_url)

    def run_example(self, script: str, client: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `examples/<script>` as a separate process with this client's credentials."""
        creds = self.clients[client]
        env = {
            **self.env,
            "REGIE_CLIENT_ID": creds["client_id"],
            "REGIE_CLIENT_SECRET": creds["client_secret"],
        }
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / script), "--base-url", self.url, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done

    def token(self, client: str) -> dict[str, str]:
        creds = self.clients[client]
        r = httpx.post(
            f"{self.url}/api/v1/auth/token", data={"grant_type": "client_credentials", **creds}
        )
        r.raise_for_status()
        return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _regie(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [REGIE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert done.returncode == 0, f"regie {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("live")
    pg_server = os.environ.get("REGIE_TEST_PG_URL")
    name = f"regie_live_{uuid.uuid4().hex[:10]}"
    if pg_server:
        admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        database_url = (
            sa.make_url(pg_server).set(database=name).render_as_string(hide_password=False)
        )
    else:
        database_url = f"sqlite:///{folder}/live.db"
    env = {**os.environ, "REGIE_DATABASE_URL": database_url, "REGIE_WEBHOOK_WORKER": "false"}
    _regie(env, "db", "upgrade")
    _regie(env, "seed")
    live = Live(url="", database_url=database_url, env=env)
    # A ROSE member whose actor sits in a body (it reads that body's meetings), the one with
    # the most agreements.
    engine = live.engine()
    with engine.connect() as conn:
        rose_actor = conn.execute(
            sa.text(
                "SELECT m.actor_id FROM body_members m ORDER BY (SELECT count(*) FROM agreements a "
                "WHERE a.provider_id = m.actor_id) DESC, m.actor_id LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    live.rose_actor = str(uuid.UUID(str(rose_actor)))
    for key, args in {
        "w13": ["--role", "w13", "--scopes", "read,write"],
        "kortrijk": ["--role", "municipality", "--municipality", "34022"],
        "rose": ["--role", "rose_member", "--actor", live.rose_actor],
    }.items():
        made: dict[str, Any] = json.loads(
            _regie(env, "clients", "create", "--name", f"Voorbeeld {key} (test)", *args)
        )
        live.clients[key] = {"client_id": made["client_id"], "client_secret": made["client_secret"]}
    port = _free_port()
    live.url = f"http://127.0.0.1:{port}"
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen(
        [REGIE, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180  # a loaded CI machine starts slowly
        while True:
            assert proc.poll() is None, (folder / "serve.log").read_text()
            try:
                if httpx.get(f"{live.url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "regie serve did not become ready"
            time.sleep(0.2)
        yield live
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        if pg_server:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
