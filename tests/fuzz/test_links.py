"""The OpenAPI links that drive Schemathesis' stateful phase (and tell clients where a created
record lives) point to operations that exist, with the parameters those operations take."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import create

pytestmark = pytest.mark.fuzz


def operations(doc: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        op["operationId"]: (path, op)
        for path, item in doc["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }


def test_every_link_leads_to_an_operation_with_those_parameters(app: Any) -> None:
    doc = app.openapi()
    ops = operations(doc)
    links = [
        (op_id, name, link)
        for op_id, (_, op) in ops.items()
        for response in op["responses"].values()
        for name, link in response.get("links", {}).items()
    ]
    assert len(links) > 40
    for op_id, name, link in links:
        assert link["operationId"] in ops, (op_id, name)
        path, _ = ops[link["operationId"]]
        assert set(link["parameters"]) == set(re.findall(r"{(\w+)}", path)), (op_id, name)
        for expression in link["parameters"].values():
            assert expression in ("$response.body#/id", "$request.path.parent_id"), expression
    creates = {op_id for op_id, _, _ in links if op_id.endswith("_create")}
    assert {"actors_create", "dossier_events_create", "measurements_create"} <= creates


def test_following_the_create_links_reaches_the_record(
    client: TestClient, w13: dict[str, str], app: Any
) -> None:
    ops = operations(app.openapi())
    made = create(client, w13, "actors", {"name": "Atelier De Brug (fictief)", "kind": "partner"})
    (_, create_op) = ops["actors_create"]
    link = create_op["responses"]["201"]["links"]["GetActors"]
    path, _ = ops[link["operationId"]]
    url = path.replace("{record_id}", made["id"])
    assert client.get(url, headers=w13).json() == made
