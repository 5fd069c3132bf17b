"""The README's permission table is the code's, rendered."""

from pathlib import Path

from api.core.permissions import render_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_permission_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- permissions:start -->", "<!-- permissions:end -->"
    table = text[text.index(start) + len(start) : text.index(end)].strip()
    assert table == render_markdown(), "README permission table is stale: run scripts/readme.py"


def test_readme_starts_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:400]
    assert "make run" in head
    assert "make test" in head
