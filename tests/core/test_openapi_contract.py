"""The committed OpenAPI document is the contract: it must equal the live one."""

import json
from pathlib import Path

from fastapi.testclient import TestClient

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_committed_document_matches_live(client: TestClient) -> None:
    live = client.get("/api/v1/openapi.json").json()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == live, "openapi/openapi.json is out of date: run `make openapi`"


def test_every_operation_is_documented(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    seen_ids: set[str] = set()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            assert op.get("summary"), f"{where}: no summary"
            assert op.get("tags"), f"{where}: no tag"
            assert op.get("operationId"), f"{where}: no operationId"
            assert op["operationId"] not in seen_ids, f"{where}: duplicate operationId"
            seen_ids.add(op["operationId"])
            codes = set(op.get("responses", {}))
            assert any(c.startswith("2") or c == "304" for c in codes), f"{where}: no success"
            if path.startswith("/api/v1/") and not path.startswith("/api/v1/auth/"):
                errors = {c for c in codes if c[0] in "45"}
                assert errors, f"{where}: no documented error response"
