"""The live OpenAPI document passes an outside linter: Redocly CLI's `recommended` rules, with
no errors. The CLI is pinned in tools/openapi-lint (installed with `npm ci` when missing)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "openapi-lint"
# Accepted warnings, each for a reason: health checks have no 4xx; the by-external-id paths
# look like nested paths to the linter, but a literal segment can never be a resource id there.
ACCEPTED_WARNINGS = {"operation-4xx-response", "no-ambiguous-paths", "info-license"}


@pytest.fixture(scope="module")
def redocly() -> Path:
    assert shutil.which("npm"), "Node.js and npm are needed for the OpenAPI lint"
    binary = TOOLS / "node_modules" / ".bin" / "redocly"
    if not binary.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True, capture_output=True
        )
    return binary


def _lint(redocly: Path, doc: dict[str, Any], tmp_path: Path) -> tuple[int, dict[str, int], str]:
    target = tmp_path / "openapi.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    run = subprocess.run(
        [str(redocly), "lint", "--config", "redocly.yaml", "--format=summary", str(target)],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = run.stdout + run.stderr
    counts = {
        f"{level} {rule}": int(n)
        for level, rule, n in re.findall(r"^(error|warning)\s+([\w-]+):\s+(\d+)", output, re.M)
    }
    return run.returncode, counts, output


def test_live_document_passes_redocly_recommended(redocly: Path, app: Any, tmp_path: Path) -> None:
    code, counts, output = _lint(redocly, app.openapi(), tmp_path)
    errors = {k: n for k, n in counts.items() if k.startswith("error")}
    assert code == 0 and not errors, output
    warnings = {k.split()[1] for k in counts if k.startswith("warning")}
    assert warnings <= ACCEPTED_WARNINGS, output


def test_the_linter_catches_a_broken_document(redocly: Path, app: Any, tmp_path: Path) -> None:
    broken = json.loads(json.dumps(app.openapi()))
    operation = broken["paths"]["/api/v1/actors"]["get"]
    operation["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/DoesNotExist"
    }
    code, counts, output = _lint(redocly, broken, tmp_path)
    assert code != 0, output
    assert "error no-unresolved-refs" in counts, output
