"""The supply chain, audited in `make test`: scripts/audit-deps.sh runs the real pip-audit over
requirements.lock and npm audit over client/package-lock.json (its decisions are tested with
stubs in test_audit_script.py). Collected in the SQLite run only: the audit does not depend on
the database, and one run of it per `make test` is enough."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest

from tests.faults.live import PROJECT
from tests.faults.report import NOT_AUDITED

pytestmark = pytest.mark.faults

AUDIT_TIMEOUT = 600  # seconds; pip-audit asks PyPI once per locked package


def test_the_locked_dependencies_have_no_known_vulnerability_with_a_fix(
    record_property: Callable[[str, object], None],
) -> None:
    """The real pip-audit over requirements.lock and npm audit over client/package-lock.json.

    A known vulnerability with a fix fails the test. When no vulnerability service answers
    (a network without PyPI's JSON API, OSV or the npm advisory endpoint) nothing was checked:
    the test passes, and the run ends with a NOT AUDITED banner naming what was not audited
    (with AUDIT_STRICT=1 in the environment the script exits 2 and the test fails instead)."""
    try:
        r = subprocess.run(
            [str(PROJECT / "scripts" / "audit-deps.sh")],
            capture_output=True,
            text=True,
            timeout=AUDIT_TIMEOUT,
            check=False,
            env={**os.environ, "PY": sys.executable},
        )
    except subprocess.TimeoutExpired:
        record_property(NOT_AUDITED, f"the audit took longer than {AUDIT_TIMEOUT} s")
        return
    out = r.stdout + r.stderr
    assert r.returncode != 1, f"known vulnerabilities with a fix available:\n{out}"
    assert r.returncode == 0, f"scripts/audit-deps.sh exited {r.returncode}:\n{out}"
    assert "== pip-audit: requirements.lock ==" in out and "== npm audit:" in out
    if "NOT AUDITED" in out:
        reasons = out[out.index("NOT AUDITED") :].splitlines()[1:]
        record_property(NOT_AUDITED, "\n".join(x for x in reasons if x.startswith("  - ")))
    else:
        assert "packages audited" in out and "ok: no known vulnerability" in out, out
