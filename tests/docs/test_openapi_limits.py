"""The contract says what the service does at its limits: 429 with Retry-After wherever the
rate limiter or the login throttle can answer it, and no NUL in text query parameters (the
service refuses them with 422)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from api.core.ratelimit import RateLimitSettings, rule_for
from api.main import create_app

ON = RateLimitSettings(writes=1, anonymous_reads=1)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return create_app().openapi()


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "responses" in op
    ]


def resolve(doc: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in obj:
        *_, kind, name = obj["$ref"].split("/")
        obj = doc["components"][kind][name]
    return obj


def test_429_with_retry_after_wherever_the_limiter_can_answer_it(doc: dict[str, Any]) -> None:
    limited = 0
    for path, method, op in operations(doc):
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        # Anonymous: the limiter counts every write and every read of callers without token.
        scope = {"type": "http", "method": method.upper(), "path": concrete, "headers": []}
        can_429 = rule_for(scope, ON) is not None or op["operationId"] == "auth_token"
        if not can_429:
            continue
        limited += 1
        assert "429" in op["responses"], (method, path)
        response = resolve(doc, op["responses"]["429"])
        assert "Retry-After" in response["headers"], (method, path)
        assert "application/problem+json" in response["content"]
    assert limited >= 100


def test_text_query_parameters_refuse_nul_in_the_contract(doc: dict[str, Any]) -> None:
    texts = 0
    for path, method, op in operations(doc):
        for param in op.get("parameters", []):
            if param["in"] != "query":
                continue
            schema = param["schema"]
            for option in [schema, *schema.get("anyOf", [])]:
                if option.get("type") != "string":
                    continue
                texts += 1
                pattern = option.get("pattern")
                if "enum" in option or option.get("format"):
                    continue  # only listed values, or a format that holds no NUL
                assert pattern, (method, path, param["name"])
                assert not re.search(pattern, "a\x00b"), (method, path, param["name"])
    assert texts > 20
