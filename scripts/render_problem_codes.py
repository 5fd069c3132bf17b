"""Re-render the generated part of docs/api.md (the table of problem and field error codes)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import api.main  # noqa: E402, F401  (every domain registers its codes on import)
from api.core.errors import codes_markdown  # noqa: E402

START, END = "<!-- codes:start -->", "<!-- codes:end -->"

if __name__ == "__main__":
    path = ROOT / "docs" / "api.md"
    text = path.read_text(encoding="utf-8")
    i, j = text.index(START) + len(START), text.index(END)
    path.write_text(text[:i] + "\n" + codes_markdown() + "\n" + text[j:], encoding="utf-8")
    print("docs/api.md code table updated")
