"""Schemathesis against a live `regie serve`, as each role, with every check and every phase
(examples, coverage, fuzzing, and the stateful phase that follows the document's links).

A fixed seed and a bounded number of cases keep the CI run short and repeatable: W13, who
reaches every operation past the permission check, gets every phase; the other roles skip the
coverage phase (boundary values of every parameter, which do not depend on the role) and get
the examples, fuzzing and the stateful phase. The release check runs every phase for every role
with many more cases (`REGIE_FUZZ_LONG=1`, `REGIE_FUZZ_EXAMPLES`, `REGIE_FUZZ_MAX_TIME`;
`make test-fuzz`, on PostgreSQL). The settings that are policy rather than tuning (which statuses a
schema-valid request may get) live in `schemathesis.toml` next to this file, with reasons."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from api.seed.demo import DEMO_ROSE_ACTOR
from api.seed.loader import actor_id, load_dataset
from tests.conftest import token_for
from tests.faults.live import LiveServer

pytestmark = pytest.mark.fuzz

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SEED = os.environ.get("REGIE_FUZZ_SEED", "20261126")
LONG = os.environ.get("REGIE_FUZZ_LONG") == "1"
EXAMPLES = os.environ.get("REGIE_FUZZ_EXAMPLES", "100" if LONG else "5")
MAX_TIME = os.environ.get("REGIE_FUZZ_MAX_TIME")  # seconds per role; unset in CI
ALL_PHASES = os.environ.get("REGIE_FUZZ_PHASES", "examples,coverage,fuzzing,stateful")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
ROLES = ["anonymous", "rose_member", "municipality", "w13"]


@pytest.fixture(scope="module")
def server(engine: sa.Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("fuzz") / "server.log"
    srv = LiveServer(os.environ["REGIE_DATABASE_URL"], log).start()
    yield srv
    srv.stop()


def _headers(role: str, make_user: Any) -> list[str]:
    if role == "anonymous":
        return []
    binding: dict[str, Any] = {
        "rose_member": {"actor": actor_id(DEMO_ROSE_ACTOR)},
        "municipality": {"municipality": "34022"},
        "w13": {},
    }[role]
    user = make_user(role, **binding)
    return ["-H", f"Authorization: Bearer {token_for(user['id'], minutes=120)}"]


def _run(
    server: LiveServer, role: str, headers: list[str], out: Path
) -> subprocess.CompletedProcess[str]:
    args = [
        str(SCHEMATHESIS),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "--no-color",
        "run",
        f"{server.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--seed",
        SEED,
        "--max-examples",
        EXAMPLES,
        "--phases",
        ALL_PHASES if LONG or role == "w13" else "examples,fuzzing,stateful",
        # One worker: Hypothesis describes strategies with `ast` from several threads, which
        # trips CPython 3.11's AST recursion check ("AST constructor recursion depth
        # mismatch", python/cpython#106905). pytest -n 2 runs two roles at once instead.
        "--workers",
        "1",
        "--report",
        "junit",
        "--report-dir",
        str(out),
        *headers,
    ]
    if MAX_TIME:
        args += ["--max-time", MAX_TIME]
    # From a directory of the test's own: Schemathesis and Hypothesis keep their caches and
    # example databases in the working directory, and they must never land in the checkout.
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=out,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_contract_holds_for(
    role: str, server: LiveServer, make_user: Any, tmp_path: Path
) -> None:
    load_dataset()  # a fresh seeded database for every role (the previous test wiped it)
    cache = ROOT / ".schemathesis"  # what it used to leave in the checkout
    had_cache = cache.exists()
    result = _run(server, role, _headers(role, make_user), tmp_path)
    assert had_cache or not cache.exists()
    report = result.stdout + result.stderr
    (tmp_path / "schemathesis.txt").write_text(report)
    summary = report[report.find("=== SUMMARY") :] if "=== SUMMARY" in report else report[-3000:]
    assert result.returncode == 0, (
        f"schemathesis found problems as {role}:\n{report[-20000:]}\n\nserver log:\n{server.log()}"
    )
    # The run must have exercised the API, not stopped at loading the document.
    assert "Tested:" in summary and "generated" in summary, summary
