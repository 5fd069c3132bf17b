"""Stored script fragments never run in the SPA: React writes every text as text (escaped),
the SPA has no way around that (no raw-HTML sinks, no eval), every link it renders from data is
either a fixed scheme with the value after it or a field the API keeps to http(s), and the
Content-Security-Policy forbids inline and foreign scripts should anything slip through.
test_hostile.py shows the API stores and returns such fragments verbatim."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import count_rows
from tests.faults.live import PROJECT

pytestmark = pytest.mark.faults

SRC = PROJECT / "client" / "src"
# Ways to put markup or code into the page other than React's escaped text.
SINKS = re.compile(
    r"dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write"
    r"|\beval\s*\(|new\s+Function\s*\(|\bsrcdoc\b|createContextualFragment|DOMParser"
)
HREF = re.compile(r"href=\{(`[^`]*`|[^}]*)\}")
SAFE_PREFIXES = ("mailto:", "tel:", "/")
# Fields rendered as a link target as they are: the API accepts only http(s) URLs in them.
URL_FIELDS = {"website", "council_decision_uri"}


def sources() -> list[Path]:
    files = [p for p in SRC.rglob("*") if p.suffix in (".ts", ".tsx")]
    assert len(files) > 20, "the SPA's sources were not found"
    return [p for p in files if not p.name.endswith((".test.ts", ".d.ts"))]


def test_the_spa_has_no_raw_html_or_code_sink() -> None:
    found = [
        f"{p.relative_to(PROJECT)}:{n}: {line.strip()}"
        for p in sources()
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if SINKS.search(line)
    ]
    assert found == []


def test_every_link_from_data_has_a_fixed_scheme_or_an_http_url() -> None:
    seen: set[str] = set()
    for path in sources():
        for value in HREF.findall(path.read_text()):
            where = f"{path.relative_to(PROJECT)}: href={{{value}}}"
            if value.startswith("`"):
                assert value[1:].startswith(SAFE_PREFIXES), where
                continue
            field = value.strip().rsplit(".", 1)[-1]
            assert field in URL_FIELDS, where
            seen.add(field)
    assert seen, "no data link found: has the SPA changed?"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//kwaadwillig.example/x",
        "java\tscript:alert(1)",
        "https:alert(1)",
    ],
)
def test_link_fields_take_only_http_urls(client: TestClient, w13: dict[str, str], url: str) -> None:
    r = client.post(
        "/api/v1/actors",
        headers=w13,
        json={"name": "Atelier De Brug (fictief)", "kind": "partner", "website": url},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"][:2] == ["body", "website"]
    assert count_rows("actors") == 0


def test_every_link_field_has_the_http_pattern_in_the_contract(app: Any) -> None:
    schemas = app.openapi()["components"]["schemas"]
    checked = set()
    for name, schema in schemas.items():
        if name.endswith(("Read", "Out")):
            continue
        for field, spec in schema.get("properties", {}).items():
            if field in URL_FIELDS:
                options = spec.get("anyOf", [spec])
                patterns = [o.get("pattern", "") for o in options if o.get("type") == "string"]
                assert patterns and all(p.startswith("^https?://") for p in patterns), (name, field)
                checked.add(field)
    assert checked == URL_FIELDS


def test_the_page_may_run_only_its_own_scripts(client: TestClient) -> None:
    for path in ("/", "/api/v1/actors"):
        policy = client.get(path).headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'", policy
        assert "unsafe-inline" not in directives["script-src"]
        assert directives["base-uri"] == "'self'"
