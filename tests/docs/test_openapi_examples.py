"""Every request and response body of the live OpenAPI document has an example, and every
example in it (of a body, a schema, a field, a header or a parameter) validates against its own
schema."""

from __future__ import annotations

import base64
import importlib.util
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from api.core.pagination import encode_cursor

JSON_MEDIA = ("application/json", "application/problem+json", "application/x-www-form-urlencoded")


@pytest.fixture(scope="module")
def doc(app: Any) -> dict[str, Any]:
    return app.openapi()


def _validator(doc: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    # The document's components travel with the schema, so `#/components/...` refs resolve.
    return Draft202012Validator(
        {**schema, "components": doc["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = doc
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _bodies(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            for media, content in op.get("requestBody", {}).get("content", {}).items():
                yield f"{where} request {media}", media, content
            for code, response in op["responses"].items():
                response = _resolve(doc, response)
                for media, content in response.get("content", {}).items():
                    yield f"{where} {code} {media}", media, content


def _examples_of(doc: dict[str, Any], content: dict[str, Any]) -> list[Any]:
    if "example" in content:
        return [content["example"]]
    if "examples" in content:
        return [e["value"] for e in content["examples"].values()]
    return list(_resolve(doc, content.get("schema", {})).get("examples", []))


def test_every_body_has_an_example(doc: dict[str, Any]) -> None:
    missing = [
        where
        for where, media, content in _bodies(doc)
        if (media in JSON_MEDIA or media == "text/csv") and not _examples_of(doc, content)
    ]
    assert missing == [], "bodies without an example:\n" + "\n".join(missing)


def test_body_examples_validate(doc: dict[str, Any]) -> None:
    failures = []
    for where, _media, content in _bodies(doc):
        validator = _validator(doc, content.get("schema", {}))
        for example in _examples_of(doc, content):
            failures += [f"{where}: {e.message}" for e in validator.iter_errors(example)]
    assert failures == [], "\n".join(failures[:50])


def _schema_nodes(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema-like object holding a list of `examples`, anywhere in the document."""
    if isinstance(node, dict):
        if isinstance(node.get("examples"), list):
            yield where, node
        for key, value in node.items():
            yield from _schema_nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _schema_nodes(value, f"{where}/{i}")


def test_every_example_validates_against_its_schema(doc: dict[str, Any]) -> None:
    failures, count = [], 0
    for where, node in _schema_nodes(doc, "#"):
        schema = {k: v for k, v in node.items() if k != "examples"}
        validator = _validator(doc, schema)
        for example in node["examples"]:
            count += 1
            failures += [f"{where}: {e.message}" for e in validator.iter_errors(example)]
    for path, item in doc["paths"].items():
        for op in item.values():
            for param in op.get("parameters", []):
                if "example" in param:
                    count += 1
                    validator = _validator(doc, param["schema"])
                    failures += [
                        f"{path} {param['name']}: {e.message}"
                        for e in validator.iter_errors(param["example"])
                    ]
    assert failures == [], "\n".join(failures[:50])
    assert count > 100, "the walk found suspiciously few examples"


def test_a_wrong_example_is_caught(doc: dict[str, Any]) -> None:
    """The check itself works: an actor without a name fails against ActorCreate."""
    validator = _validator(doc, {"$ref": "#/components/schemas/ActorCreate"})
    assert list(validator.iter_errors({"kind": "maatwerkbedrijf"}))
    assert not list(validator.iter_errors({"name": "Mariasteen", "kind": "maatwerkbedrijf"}))


def test_the_served_document_is_the_enriched_one(client: TestClient, doc: dict[str, Any]) -> None:
    served = client.get("/api/v1/openapi.json").json()
    assert served["components"]["securitySchemes"] == doc["components"]["securitySchemes"]
    assert served["components"]["schemas"]["ActorRead"]["examples"]


def _recorder() -> Any:
    """scripts/openapi_examples.py, which `make openapi` runs."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "openapi_examples.py"
    spec = importlib.util.spec_from_file_location("openapi_examples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recorded_examples_keep_nothing_of_the_run() -> None:
    """`make openapi` writes the same examples on every run: a request id and a page cursor (the
    moment and the id of the run's last record) get stand-ins, as ids and moments do."""
    recorder = _recorder()

    def recorded(moment: datetime) -> dict[str, Any]:
        cursor = encode_cursor([moment, uuid.uuid4()])
        return recorder.Normaliser()({"request_id": uuid.uuid4().hex, "next_cursor": cursor})

    first = recorded(datetime(2026, 12, 5, 10, 39, 17, 353440, tzinfo=UTC))
    assert first == recorded(datetime.now(UTC))
    cursor = first["next_cursor"]
    moment, record = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    assert moment == "2025-03-14T09:30:00+00:00"
    assert uuid.UUID(record).version == 5
    assert len(first["request_id"]) == 32
    # A cursor of the seed's own ordering (stable values) is kept as it is.
    seed = encode_cursor(["A01", uuid.uuid5(uuid.NAMESPACE_URL, "seed")])
    assert recorder.Normaliser()({"next_cursor": seed})["next_cursor"] == seed
