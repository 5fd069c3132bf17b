"""Reusable pieces of the OpenAPI document: documented error responses, response headers and
the links between a resource's operations. Text only; the routes are built in
`api.core.routing`, and who may call them is worded there (`who_may`)."""

from __future__ import annotations

from typing import Any

from api.core.errors import Problem


def problem(description: str) -> dict[str, Any]:
    return {
        "model": Problem,
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    401: problem("No valid token, and the public view does not include this."),
    403: problem("Your role may not do this."),
    422: problem("Invalid input; `errors` names each field."),
}
ONE_ERRORS: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS,
    404: problem("No such record, or not visible to you."),
}
LIST_ERRORS: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS,
    400: problem("The cursor is not valid; start again without it."),
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ONE_ERRORS,
    409: problem("Conflicts with existing data (duplicate key, still referenced)."),
    412: problem("If-Match did not match the current version."),
    413: problem("Body larger than the limit."),
    415: problem("Body is not JSON."),
}


def _header(description: str, example: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if example is not None:
        schema["examples"] = [example]
    return {"description": description, "schema": schema}


ETAG = {
    "ETag": _header(
        "The record's version; send it as `If-Match` to write safely, or as `If-None-Match` "
        "to read only when it changed.",
        '"3f2a9c1e7b04-3"',
    )
}
# A list's tag versions the page as the caller sees it (`api.core.pagecache`).
LIST_ETAG = {
    "ETag": _header(
        "The page's version for your role and query; send it as `If-None-Match` to get 304 "
        "while nothing it shows changed.",
        '"l-5d0c2b9e41f7a8c3d6e2b170"',
    )
}
LIST_NOT_MODIFIED = {
    "description": "Not modified since the `If-None-Match` ETag: your copy of the page is current.",
    "headers": LIST_ETAG,
}


def with_article(label: str) -> str:
    """'an action document', 'a meeting document': a resource's label in a summary."""
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


BODY_ETAG = {
    "ETag": _header(
        "A digest of the answer's bytes; send it as `If-None-Match` to get 304 (without the "
        "bytes) while they stay the same.",
        '"b-5d0c2b9e41f7a8c3d6e2b170"',
    )
}
BODY_NOT_MODIFIED = {
    "description": "Not modified since the `If-None-Match` ETag: your copy is current.",
    "headers": BODY_ETAG,
}
LOCATION = {"Location": _header("URL of the created record.")}
CREATED = {**LOCATION, **ETAG}
LINK = {
    "Link": _header(
        'The next page as `<url>; rel="next"`, absent on the last page.',
        "<http://localhost:8000/api/v1/actors?limit=50&cursor=WyJEZSBLcmluZ3dpbmtlbCJd>; "
        'rel="next"',
    )
}


def links(op: str, label: str, nested: bool) -> dict[str, Any]:
    """OpenAPI links from an answer holding the record to its own operations, so clients
    and stateful test tools (Schemathesis) can follow a create to its read, update and delete."""
    params = {"record_id": "$response.body#/id"}
    if nested:
        params["parent_id"] = "$request.path.parent_id"
    verbs = {"get": "Read", "update": "Update", "replace": "Replace", "delete": "Delete"}
    return {
        f"{verb.capitalize()}{op.title().replace('_', '')}": {
            "operationId": f"{op}_{verb}",
            "parameters": params,
            "description": f"{what} this {label}.",
        }
        for verb, what in verbs.items()
    }
