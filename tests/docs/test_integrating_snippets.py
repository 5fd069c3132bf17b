"""The snippets of docs/integrating.md run against a live `regie serve`, so they cannot rot.

Every fenced block with a `title="…"` is run in document order: `sh` blocks with bash, `python`
blocks with this interpreter, with `REGIE_URL`, `CLIENT_ID` and `CLIENT_SECRET` set to a
seeded throw-away service and a W13 client made by `regie clients create`."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "integrating.md"
REGIE = str(Path(sys.executable).with_name("regie"))
BLOCK = re.compile(r'^```(sh|python) title="([^"]+)"\n(.*?)^```', re.M | re.S)


def _blocks() -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2), m.group(3)) for m in BLOCK.finditer(GUIDE.read_text())]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("integrating")
    env = {
        **os.environ,
        "REGIE_DATABASE_URL": f"sqlite:///{tmp}/guide.db",
        "REGIE_ENV": "development",
        "REGIE_WEBHOOK_ALLOW_PRIVATE": "true",  # the guide's receiver listens on loopback
        "REGIE_WEBHOOK_WORKER": "true",
    }
    env.pop("REGIE_TEST_PG_URL", None)
    for args in (["db", "upgrade"], ["seed"]):
        subprocess.run([REGIE, *args], env=env, check=True, capture_output=True, timeout=300)
    made = subprocess.run(
        [REGIE, "clients", "create", "--name", "Gids", "--role", "w13", "--scopes", "read,write"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    client = json.loads(made.stdout)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [REGIE, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{url}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, (tmp / "server.log").read_text()
            time.sleep(0.2)
        yield {
            **env,
            "WORKDIR": str(tmp),
            "REGIE_URL": url,
            "CLIENT_ID": client["client_id"],
            "CLIENT_SECRET": client["client_secret"],
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_the_guide_has_every_step() -> None:
    titles = [title for _lang, title, _code in _blocks()]
    assert len(titles) >= 7, titles
    text = GUIDE.read_text()
    for step in (
        "regie clients create",
        "/auth/token",
        "/changes",
        "by-external-id",
        "webhook-signature",
    ):
        assert step in text, step


@pytest.mark.parametrize(("lang", "title", "code"), _blocks(), ids=lambda v: str(v)[:40])
def test_snippet_runs(live: dict[str, str], lang: str, title: str, code: str) -> None:
    command = (
        ["bash", "-euo", "pipefail", "-c", code] if lang == "sh" else [sys.executable, "-c", code]
    )
    # Each run in its own directory: snippets keep state (the feed cursor) in the working dir.
    run = subprocess.run(
        command, env=live, cwd=live["WORKDIR"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, f"{title}:\n{run.stdout}\n{run.stderr}"
    assert run.stdout.strip(), f"{title} printed nothing"
