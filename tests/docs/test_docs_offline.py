"""Swagger UI and ReDoc work without internet: every script, style sheet and icon comes from
this service, and the pages' Content-Security-Policy allows no other host."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient

REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
ALLOWED_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


def _csp(header: str) -> dict[str, list[str]]:
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_pages_load_everything_from_this_service(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "://" not in html, "the page names an outside host"
    references = REFERENCE.findall(html)
    assert references, "no assets found: the check would prove nothing"
    for ref in references:
        assert ref.startswith("/docs/assets/"), ref
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        assert len(asset.content) > 1000, ref
        if ref.endswith(".css"):
            for url in CSS_URL.findall(asset.text):
                assert url.startswith("data:") or "://" not in url, url


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_pages_allow_only_this_origin(client: TestClient, page: str) -> None:
    response = client.get(page)
    policy = _csp(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    for directive, sources in policy.items():
        for source in sources:
            assert source in ALLOWED_SOURCES or source.startswith("'sha256-"), (directive, source)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_swagger_inline_script_is_allowed_by_its_hash(client: TestClient) -> None:
    response = client.get("/docs")
    inline = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in _csp(response.headers["content-security-policy"])["script-src"]
    # The default validator badge would call an outside host; the login must survive reloads.
    assert '"validatorUrl": null' in inline[0]
    assert '"persistAuthorization": true' in inline[0]
    assert "url: '/api/v1/openapi.json'" in inline[0]


def test_assets_are_cached_and_typed(client: TestClient) -> None:
    js = client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.headers["content-type"].startswith("text/javascript")
    assert "max-age" in js.headers["cache-control"]
    css = client.get("/docs/assets/swagger-ui.css")
    assert css.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("name", ["nope.js", "..%2F..%2Fpyproject.toml", "__init__.py"])
def test_only_the_named_assets_are_served(client: TestClient, name: str) -> None:
    response = client.get(f"/docs/assets/{name}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_redoc_asks_no_cdn_for_its_logo(client: TestClient) -> None:
    script = client.get("/docs/assets/redoc.standalone.js").text
    assert "cdn.redoc.ly" not in script
    assert "/docs/assets/favicon.png" in script
