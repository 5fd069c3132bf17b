"""The import contracts of `make lint` ([tool.importlinter] in pyproject.toml) hold for the
tree, and each one fails when broken: a copy of the package gets one violation per contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {
    "api.core imports no domain package": ("api/core/_broken.py", "import api.webhooks.outbox\n"),
    "Nothing in api imports the entry points api.main and api.cli": (
        "api/actions/_broken.py",
        "import api.cli\n",
    ),
    "api.models imports only core's base types (api.core.models, api.core.types)": (
        "api/models/_broken.py",
        "import api.core.db\n",
    ),
    "Core's base types import nothing else of the project": (
        "api/core/types.py",
        "\nimport api.core.config\n",
    ),
}


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the package found first on the path: the one in `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "api", tree / "api", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in result.stdout


def test_each_contract_fails_on_a_violation(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    for path, line in CONTRACTS.values():
        with (tree / path).open("a", encoding="utf-8") as f:
            f.write(line)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    for name in CONTRACTS:
        assert f"{name} BROKEN" in result.stdout, result.stdout
