"""Swagger UI at `/docs` and ReDoc at `/redoc`, working without internet.

Their JavaScript and CSS come from the pinned PyPI package `fastapi-offline` (Swagger UI
5.32.6, ReDoc 2.5.3 in version 1.7.7) and are served by this process under `/docs/assets/`.
Both pages get a Content-Security-Policy that allows only this origin; Swagger UI's one inline
start-up script is allowed by its hash, computed from the page as rendered."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.docs.openapi import install_openapi

ASSETS_URL = "/docs/assets"
ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
SWAGGER_UI_PARAMETERS = {
    # Keep the token across reloads, so a developer logs in once per browser session.
    "persistAuthorization": True,
    # The default sends the document to an outside validator and shows its badge.
    "validatorUrl": None,
    "displayOperationId": True,
    "displayRequestDuration": True,
    "filter": True,
    "tryItOutEnabled": False,
    "docExpansion": "none",
    "defaultModelsExpandDepth": 0,
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# ReDoc's side menu shows a logo from Redocly's CDN: point it at an asset of ours, so the page
# asks no outside host for anything.
REWRITES = {
    "redoc.standalone.js": [
        (b"https://cdn.redoc.ly/redoc/logo-mini.svg", f"{ASSETS_URL}/favicon.png".encode())
    ]
}


def csp(script_hashes: list[str]) -> str:
    """Only this origin; styles inline because both UIs set style attributes at run time,
    and workers from blob: because ReDoc starts its search index in one."""
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in script_hashes)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


def _page(generated: HTMLResponse) -> tuple[str, dict[str, str]]:
    """The page and its headers, with the hash of every inline script in its CSP."""
    html = bytes(generated.body).decode()
    hashes = [
        base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()
        for m in _INLINE_SCRIPT.findall(html)
    ]
    return html, {"Content-Security-Policy": csp(hashes), "Cache-Control": "no-cache"}


def install_docs(app: FastAPI, docs_url: str = "/docs", redoc_url: str = "/redoc") -> None:
    """Add the two pages and their assets (the app is created with `docs_url=None`), and the
    enriched OpenAPI document."""
    install_openapi(app)
    openapi_url = app.openapi_url or "/openapi.json"
    title = app.title
    swagger_html, swagger_headers = _page(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} – Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
        )
    )
    redoc_html, redoc_headers = _page(
        get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title} – ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
    )

    @app.get(docs_url, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger_html, headers=swagger_headers)

    @app.get(redoc_url, include_in_schema=False)
    def redoc_ui() -> HTMLResponse:
        return HTMLResponse(redoc_html, headers=redoc_headers)

    @app.get(ASSETS_URL + "/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        media_type = ASSETS.get(name)
        if media_type is None:
            raise HTTPException(404)
        headers = {"Cache-Control": "public, max-age=86400"}
        if name in REWRITES:
            return Response(_rewritten(name), media_type=media_type, headers=headers)
        return FileResponse(ASSETS_DIR / name, media_type=media_type, headers=headers)


@functools.cache
def _rewritten(name: str) -> bytes:
    content = (ASSETS_DIR / name).read_bytes()
    for old, new in REWRITES[name]:
        content = content.replace(old, new)
    return content
