"""Fault, concurrency and hostile-input tests (marker `faults`: `pytest -m faults`).

Some of them apply to one database only: an outage of PostgreSQL, a full or read-only disk
under SQLite. Each is collected only in the run on its own database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import IS_PG
from tests.faults.live import LiveServer

# The dependency audit does not depend on the database: once per `make test`, in the SQLite run.
collect_ignore = (
    ["test_sqlite_disk.py", "test_supply_chain.py"] if IS_PG else ["test_postgres_outage.py"]
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "faults: live servers, concurrency, outages and signals (pytest -m faults)"
    )


@pytest.fixture(scope="module")
def live(engine: sa.Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`regie serve` on the test database, shared by the tests of a module."""
    log = tmp_path_factory.mktemp("live") / "server.log"
    server = LiveServer(os.environ["REGIE_DATABASE_URL"], log).start()
    yield server
    server.stop()


@pytest.fixture
def w13_token(make_user: Callable[..., dict[str, Any]]) -> dict[str, str]:
    return make_user("w13")["headers"]  # type: ignore[no-any-return]


def server_log_tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
