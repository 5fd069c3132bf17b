"""The README and the pages under docs/ stay true to the code and to each other.

The README is the front door (the two commands first, short); the permission table and the
settings are the code's; every relative link and anchor leads somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from api.core.config import Settings
from api.core.permissions import render_markdown
from api.core.ratelimit import RateLimitSettings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = sorted(
    [
        README,
        ROOT / "CONTRIBUTING.md",
        ROOT / "examples" / "README.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "bench").glob("*.md"),
    ]
)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE = re.compile(r"`[^`\n]*`")
# [text](target) and ![alt](target); a title after the target ("...") is allowed.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _prose(text: str) -> str:
    """The text without fenced blocks and inline code, where brackets are not links."""
    return CODE.sub("", FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """The anchors a Markdown renderer gives the headings: lower case, punctuation dropped,
    spaces as hyphens, repeats numbered (GitHub's rule)."""
    seen: dict[str, int] = {}
    out = set()
    for heading in HEADING.findall(FENCE.sub("", text)):
        heading = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def broken_links(page: Path) -> list[str]:
    """Relative links of `page` whose file, or whose anchor in a Markdown file, is missing."""
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(_prose(text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text("utf-8")):
            broken.append(f"{target}: no such heading")
    return broken


def test_readme_starts_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:400]
    assert "make run" in head
    assert "make test" in head


def test_readme_stays_a_front_door() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 130, f"README.md has {len(lines)} lines: move detail to a page in docs/"
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in README.read_text(encoding="utf-8"), (
            f"README.md does not link docs/{page.name}"
        )


def test_every_relative_link_leads_somewhere() -> None:
    assert README in PAGES and len(PAGES) > 10
    broken = {str(p.relative_to(ROOT)): b for p in PAGES if (b := broken_links(p))}
    assert broken == {}


def test_the_link_check_sees_a_broken_file_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# The `regie` command\n## Sync, imports\n## Sync, imports\n")
    page = tmp_path / "a.md"
    page.write_text(
        "[ok](b.md#the-regie-command) [ok](b.md#sync-imports-1) ![ok](b.md) [ok](#top)\n"
        "# Top\n`[code](gone.md)` [web](https://example.invalid/x)\n"
        "[file](gone.md) [anchor](b.md#sync) [own](#nowhere)\n"
        "```\n[fenced](gone-too.md)\n```\n"
    )
    assert broken_links(page) == [
        "gone.md: no such file",
        "b.md#sync: no such heading",
        "#nowhere: no such heading",
    ]


def test_the_permission_table_is_current() -> None:
    text = (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    start, end = "<!-- permissions:start -->", "<!-- permissions:end -->"
    table = text[text.index(start) + len(start) : text.index(end)].strip()
    assert table == render_markdown(), (
        "docs/permissions.md permission table is stale: run scripts/render_permissions.py"
    )


def test_the_problem_code_table_is_current() -> None:
    import api.main  # noqa: F401  (every domain registers its codes on import)
    from api.core.errors import codes_markdown

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    start, end = "<!-- codes:start -->", "<!-- codes:end -->"
    table = text[text.index(start) + len(start) : text.index(end)].strip()
    assert table == codes_markdown(), (
        "docs/api.md code table is stale: run scripts/render_problem_codes.py"
    )


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    # The first table of the page; the variables read elsewhere follow in a table of their own.
    settings = text[text.index("## Settings") : text.index("Read from the environment, but not")]
    table = set(re.findall(r"^\| `(REGIE_[A-Z_]+)` \|", settings, re.M))
    code = {f"REGIE_{name.upper()}" for name in Settings.model_fields} | {
        f"REGIE_RATE_LIMIT_{name.upper()}" for name in RateLimitSettings.model_fields
    }
    assert len(code) > 20
    assert sorted(code - table) == [], "settings missing from docs/configuration.md"
    assert sorted(table - code) == [], "docs/configuration.md lists settings the code lacks"
