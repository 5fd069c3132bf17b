"""scripts/audit-deps.sh decides on what pip-audit and npm audit report: it fails on a known
vulnerability with a fix, lists those without one, and says when an audit could not run.
The decisions are tested with stubs that answer with canned reports; test_supply_chain.py runs
the real audit."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.faults.live import PROJECT

pytestmark = pytest.mark.faults

FIXABLE = {
    "name": "jinja2",
    "version": "2.4.1",
    "vulns": [{"id": "PYSEC-2019-217", "fix_versions": ["2.10.1"], "aliases": []}],
}
UNFIXABLE = {
    "name": "ecdsa",
    "version": "0.19.2",
    "vulns": [{"id": "GHSA-wj6h-64fc-37mp", "fix_versions": [], "aliases": []}],
}
CLEAN = {"name": "fastapi", "version": "0.165.0", "vulns": []}
SKIPPED = {"name": "fastapi", "version": "0.165.0", "skip_reason": "Dependency not found on PyPI"}


def run(
    tmp_path: Path,
    pip: list[dict[str, Any]] | None,
    npm: dict[str, Any] | None,
    strict: bool = False,
) -> subprocess.CompletedProcess[str]:
    stub = tmp_path / "stub"
    (stub / "pip_audit").mkdir(parents=True)
    (stub / "pip_audit" / "__init__.py").write_text("")
    (stub / "pip_audit" / "__main__.py").write_text(
        "import json, sys\n"
        "if '--version' in sys.argv: print('pip-audit stub'); sys.exit()\n"
        f"deps = {json.dumps(pip)!r}\n"
        "out = sys.argv[sys.argv.index('--output') + 1]\n"
        "open(out, 'w').write(json.dumps({'dependencies': json.loads(deps), 'fixes': []}))\n"
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm_stub = bin_dir / "npm"
    body = json.dumps(npm) if npm is not None else '{"message": "405 Method Not Allowed"}'
    npm_stub.write_text(f"#!/bin/sh\ncat <<'X'\n{body}\nX\nexit 1\n")
    npm_stub.chmod(npm_stub.stat().st_mode | stat.S_IEXEC)
    env = {
        **os.environ,
        "PY": sys.executable,
        "PYTHONPATH": str(stub),
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "AUDIT_STRICT": "1" if strict else "0",
    }
    return subprocess.run(
        [str(PROJECT / "scripts" / "audit-deps.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def npm_report(severity: str, fix: bool) -> dict[str, Any]:
    return {
        "vulnerabilities": {"vite": {"severity": severity, "fixAvailable": fix}},
        "metadata": {"vulnerabilities": {severity: 1}},
    }


def test_clean_dependencies_pass(tmp_path: Path) -> None:
    r = run(tmp_path, [CLEAN, UNFIXABLE], npm_report("high", False))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "GHSA-wj6h-64fc-37mp" in r.stdout and "without a fix" in r.stdout


def test_a_python_vulnerability_with_a_fix_fails(tmp_path: Path) -> None:
    r = run(tmp_path, [CLEAN, FIXABLE], npm_report("low", True))
    assert r.returncode == 1, r.stdout
    assert "jinja2 2.4.1: PYSEC-2019-217 (fixed in 2.10.1)" in r.stdout


def test_a_high_npm_vulnerability_with_a_fix_fails(tmp_path: Path) -> None:
    r = run(tmp_path, [CLEAN], npm_report("critical", True))
    assert r.returncode == 1, r.stdout
    assert "vite (critical)" in r.stdout


def test_an_audit_that_cannot_run_is_reported_and_fails_only_when_strict(tmp_path: Path) -> None:
    r = run(tmp_path, [SKIPPED], None)
    assert r.returncode == 0, r.stdout
    assert "NOT AUDITED" in r.stdout and "python:" in r.stdout and "client:" in r.stdout
    assert run(tmp_path / "strict", [SKIPPED], None, strict=True).returncode == 2


# --- the banner at the end of a run (tests/faults/report.py) ---------------------------


def test_an_audit_that_could_not_run_ends_the_test_run_with_a_banner() -> None:
    from tests.faults.report import pytest_terminal_summary

    class Report:
        user_properties = [("not_audited", "  - python: no vulnerability service answered")]

    class Terminal:
        def __init__(self) -> None:
            self.stats = {"passed": [Report()]}
            self.lines: list[str] = []

        def write_sep(self, sep: str, title: str, **_: Any) -> None:
            self.lines.append(title)

        def write_line(self, line: str, **_: Any) -> None:
            self.lines.append(line)

    terminal = Terminal()
    pytest_terminal_summary(terminal)  # type: ignore[arg-type]
    assert "NOT AUDITED" in terminal.lines[0]
    assert "  - python: no vulnerability service answered" in terminal.lines
    quiet = Terminal()
    quiet.stats = {"passed": [type("Clean", (), {"user_properties": []})()]}
    pytest_terminal_summary(quiet)  # type: ignore[arg-type]
    assert quiet.lines == []
