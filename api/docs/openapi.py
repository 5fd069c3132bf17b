"""The OpenAPI document as documentation: what FastAPI generates, plus what it cannot know.

FastAPI builds the paths and schemas from the routes. This module adds, once per app:
- the OAuth2 security scheme (password and client credentials against `/api/v1/auth/token`)
  and a security requirement on every operation that lacks one (routes built by
  `api.core.routing` name theirs from the permission table);
- error responses as problem details only (`application/problem+json`), a 500 and a 503 on
  every API operation, a 429 on every operation the rate limiter (`api.core.ratelimit`)
  counts, `Retry-After` on 429 and 503, `Link` on every page, `Location` on 201;
- text query parameters refuse NUL characters in the contract as the service does (a pattern
  on those that have none of their own);
- the examples of `api/docs/examples.json` (recorded from the seeded dataset by
  `scripts/openapi_examples.py`) and of `api.docs.examples` on the schemas and bodies."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from api.core.deps import get_principal
from api.core.permissions import Verb
from api.core.ratelimit import EXEMPT as RATE_LIMIT_EXEMPT
from api.core.ratelimit import WRITES as RATE_LIMITED_WRITES
from api.core.routing import who_may
from api.docs.examples import BODY_EXAMPLES, SCHEMA_EXAMPLES
from api.sync.service import PERMISSION_TEXT

TOKEN_URL = "/api/v1/auth/token"
RECORDED = Path(__file__).with_name("examples.json")
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM = "application/problem+json"

SECURITY_SCHEMES = {
    "OAuth2": {
        "type": "oauth2",
        "description": (
            "Bearer tokens from `POST /api/v1/auth/token`. People log in with the password "
            "flow (e-mail and password); systems with client credentials (`client_id` and "
            "`client_secret` from `regie clients create`, as form fields or HTTP Basic). "
            "Without a token you get the public view. The scope `read` is needed to read, "
            "`write` to change; people get both, clients the scopes they were given."
        ),
        "flows": {
            "password": {
                "tokenUrl": TOKEN_URL,
                "refreshUrl": TOKEN_URL,
                "scopes": {"read": "Read what your role may read.", "write": "Change data."},
            },
            "clientCredentials": {
                "tokenUrl": TOKEN_URL,
                "scopes": {"read": "Read what your role may read.", "write": "Change data."},
            },
        },
    }
}
HEADERS = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "examples": [5]},
    },
    "Link": {
        "description": 'The next page as `<url>; rel="next"`; absent on the last page.',
        "schema": {"type": "string"},
    },
    "Location": {"description": "URL of the created record.", "schema": {"type": "string"}},
}
SHARED_RESPONSES = {
    "ServerError": {
        "description": "Unexpected error; quote the `instance` and `X-Request-ID` when reporting.",
        "content": {PROBLEM: {"schema": PROBLEM_REF}},
    },
    "TooManyRequests": {
        "description": "Over the rate limit (writes per token or address, anonymous reads per "
        "address, counted per window on every instance together); retry after `Retry-After`.",
        "headers": {"Retry-After": {"$ref": "#/components/headers/Retry-After"}},
        "content": {PROBLEM: {"schema": PROBLEM_REF}},
    },
    "Unavailable": {
        "description": "The database is not reachable right now; retry after `Retry-After`.",
        "headers": {"Retry-After": {"$ref": "#/components/headers/Retry-After"}},
        "content": {PROBLEM: {"schema": PROBLEM_REF}},
    },
}
METHODS = ("get", "put", "post", "patch", "delete")
# Roles of operations whose routes live outside the domains' generic routers and do not say
# them in their own description.
ROLES = {
    "changes_list": "**Who may:** "
    + who_may("changes", Verb.read, PERMISSION_TEXT)
    + "\n\nEach caller sees only the changes to records its role may read.",
    "imports_create": "**Who may:** whoever may both create and update the resource (see that "
    "resource's create and update operations; for most resources only `w13`).",
}


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` answer the enriched document (built once, then cached)."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = enrich(generate(), app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def enrich(doc: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    # Relative: "Try it out" calls the host that served the document, wherever it runs.
    doc.setdefault("servers", [{"url": "/", "description": "This service"}])
    components = doc.setdefault("components", {})
    components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
    components.setdefault("headers", {}).update(HEADERS)
    components.setdefault("responses", {}).update(SHARED_RESPONSES)
    takes_token = {
        route.operation_id
        for route in _api_routes(app.routes)
        if _uses(route.dependant, get_principal)
    }
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            if "security" not in op:
                scope = "read" if method == "get" else "write"
                op["security"] = [{"OAuth2": [scope]}] if op["operationId"] in takes_token else []
            if "Who may" not in op.get("description", "") and op["operationId"] in ROLES:
                op["description"] = f"{op.get('description', '')}\n\n{ROLES[op['operationId']]}"
            _responses(path, op)
            if _rate_limited(path, method):
                op["responses"].setdefault(
                    "429", {"$ref": "#/components/responses/TooManyRequests"}
                )
            _no_nul_in_queries(op)
            _body_examples(op)
    _drop_unused_validation_schemas(doc)
    _schema_examples(components.get("schemas", {}))
    return doc


def _api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every API route, also inside included routers (which FastAPI may keep nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(getattr(route, "original_router", None), "routes", None)
        if inner:
            yield from _api_routes(inner)


def _uses(dependant: Any, call: Callable[..., Any]) -> bool:
    return any(d.call is call or _uses(d, call) for d in dependant.dependencies)


def _responses(path: str, op: dict[str, Any]) -> None:
    responses: dict[str, Any] = op["responses"]
    for code, response in responses.items():
        content = response.get("content", {})
        # Errors are problem details only; FastAPI also lists the model as plain JSON.
        if code[0] in "45" and (PROBLEM in content or path.startswith("/api/")):
            response["content"] = {PROBLEM: {"schema": PROBLEM_REF}}
        if code in ("429", "503") and path.startswith("/api/"):
            response.setdefault("headers", {})["Retry-After"] = {
                "$ref": "#/components/headers/Retry-After"
            }
        if code == "201":
            response.setdefault("headers", {}).setdefault(
                "Location", {"$ref": "#/components/headers/Location"}
            )
        if code == "200" and _is_page(content):
            response.setdefault("headers", {}).setdefault(
                "Link", {"$ref": "#/components/headers/Link"}
            )
    if path.startswith("/api/"):
        responses.setdefault("500", {"$ref": "#/components/responses/ServerError"})
        responses.setdefault("503", {"$ref": "#/components/responses/Unavailable"})


def _rate_limited(path: str, method: str) -> bool:
    """Whether `api.core.ratelimit` counts this operation for some caller: every write, and
    every read (for callers without a token). The token endpoint answers 429 from its own
    login throttle and says so itself."""
    if not path.startswith("/api/v1/") or path.startswith(RATE_LIMIT_EXEMPT):
        return False
    return method.upper() in RATE_LIMITED_WRITES or method == "get"


# ECMA-262 and Python's `re` both read `\u0000` as NUL.
NO_NUL = "^[^\\u0000]*$"


def _no_nul_in_queries(op: dict[str, Any]) -> None:
    """Query text with NUL is refused with 422 (`api.core.schemas.QueryModel`): PostgreSQL
    text cannot hold it. The contract says so, so that no client (or fuzzer) sends it."""
    for param in op.get("parameters", []):
        if param.get("in") != "query":
            continue
        schema = param.get("schema", {})
        for option in [schema, *schema.get("anyOf", [])]:
            if option.get("type") == "string" and not (
                {"pattern", "enum", "const", "format"} & option.keys()
            ):
                option["pattern"] = NO_NUL


def _is_page(content: dict[str, Any]) -> bool:
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    return name.startswith("Page_") or name.endswith("Page")


def _body_examples(op: dict[str, Any]) -> None:
    """Examples of bodies with an inline schema (no component to carry them)."""
    for media, example in BODY_EXAMPLES.get(op["operationId"], {}).items():
        content = op.get("requestBody", {}).get("content", {})
        if media in content:
            content[media]["example"] = example


def _drop_unused_validation_schemas(doc: dict[str, Any]) -> None:
    """FastAPI's own 422 schemas are replaced by problem details everywhere."""
    text = json.dumps(doc["paths"])
    schemas = doc.get("components", {}).get("schemas", {})
    if "#/components/schemas/HTTPValidationError" not in text:
        schemas.pop("HTTPValidationError", None)
        if "#/components/schemas/ValidationError" not in json.dumps(schemas):
            schemas.pop("ValidationError", None)


def _schema_examples(schemas: dict[str, Any]) -> None:
    recorded: dict[str, Any] = (
        json.loads(RECORDED.read_text(encoding="utf-8")) if RECORDED.is_file() else {}
    )
    for name, example in {**recorded, **SCHEMA_EXAMPLES}.items():
        if name in schemas:
            schemas[name]["examples"] = [example]
