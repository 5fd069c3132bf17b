"""Re-render the generated part of docs/permissions.md (the permission table)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.core.permissions import render_markdown  # noqa: E402

START, END = "<!-- permissions:start -->", "<!-- permissions:end -->"

if __name__ == "__main__":
    path = ROOT / "docs" / "permissions.md"
    text = path.read_text(encoding="utf-8")
    i, j = text.index(START) + len(START), text.index(END)
    path.write_text(text[:i] + "\n" + render_markdown() + "\n" + text[j:], encoding="utf-8")
    print("docs/permissions.md permission table updated")
