"""The OpenAPI document reads like documentation and lets Swagger UI log in: security schemes,
per-operation security from the permission table, roles in every description, problem details
for every error, and the contract's headers."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.accounts.admin import create_client

TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture(scope="module")
def doc(app: Any) -> dict[str, Any]:
    return app.openapi()


def _ops(doc: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }


def test_oauth2_scheme_has_both_flows(doc: dict[str, Any]) -> None:
    scheme = doc["components"]["securitySchemes"]["OAuth2"]
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["password"]["tokenUrl"] == TOKEN_URL
    assert scheme["flows"]["clientCredentials"]["tokenUrl"] == TOKEN_URL
    assert set(scheme["flows"]["password"]["scopes"]) == {"read", "write"}


def test_security_follows_the_permission_table(doc: dict[str, Any]) -> None:
    ops = _ops(doc)
    public_read = [{}, {"OAuth2": ["read"]}]
    assert ops["actors_list"][2]["security"] == public_read
    assert ops["actions_get"][2]["security"] == public_read
    assert ops["agreements_list"][2]["security"] == [{"OAuth2": ["read"]}]
    assert ops["actors_create"][2]["security"] == [{"OAuth2": ["write"]}]
    assert ops["actions_update"][2]["security"] == [{"OAuth2": ["write"]}]
    assert ops["auth_token"][2]["security"] == []
    assert ops["health_live"][2]["security"] == []
    for op_id, (_method, path, op) in ops.items():
        assert "security" in op, op_id
        # Calendar feeds take no token: calendar apps send no headers (the secret is in the
        # private address; the public feed is open).
        if path.startswith("/api/v1/calendars/"):
            assert op["security"] == [], op_id
        elif path.startswith("/api/v1/") and not path.startswith("/api/v1/auth/"):
            assert {"OAuth2": ["read"]} in op["security"] or {"OAuth2": ["write"]} in op[
                "security"
            ], op_id


def test_every_operation_says_who_may_call_it(doc: dict[str, Any]) -> None:
    for op_id, (_method, path, op) in _ops(doc).items():
        assert op.get("summary"), op_id
        assert op.get("description"), op_id
        if path.startswith("/api/v1/"):
            assert "Who may" in op["description"], op_id


def test_every_tag_is_declared_with_a_description(doc: dict[str, Any]) -> None:
    declared = {t["name"]: t.get("description", "") for t in doc["tags"]}
    used = {tag for _m, _p, op in _ops(doc).values() for tag in op["tags"]}
    assert used <= set(declared), used - set(declared)
    assert all(len(declared[t]) > 20 for t in used)


def test_every_error_is_a_problem(doc: dict[str, Any]) -> None:
    problem = {"$ref": "#/components/schemas/Problem"}
    for op_id, (_method, path, op) in _ops(doc).items():
        if not path.startswith("/api/v1/"):
            continue
        assert "500" in op["responses"] and "503" in op["responses"], op_id
        for code, response in op["responses"].items():
            if "$ref" in response:
                response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
            if code[0] in "45":
                assert response["content"] == {"application/problem+json": {"schema": problem}}, (
                    op_id,
                    code,
                )
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_contract_headers_are_declared(doc: dict[str, Any]) -> None:
    ops = _ops(doc)
    get = ops["actors_get"][2]
    assert "ETag" in get["responses"]["200"]["headers"]
    assert "ETag" in get["responses"]["304"]["headers"]
    assert any(p["name"] == "if-none-match" for p in get["parameters"])
    assert "Link" in ops["actors_list"][2]["responses"]["200"]["headers"]
    assert "Link" in ops["changes_list"][2]["responses"]["200"]["headers"]
    create = ops["actors_create"][2]
    assert {"Location", "ETag"} <= set(create["responses"]["201"]["headers"])
    assert any(p["name"] == "idempotency-key" for p in create["parameters"])
    assert "ETag" in ops["actors_update"][2]["responses"]["200"]["headers"]
    assert any(p["name"] == "if-match" for p in ops["actors_update"][2]["parameters"])
    assert "Retry-After" in ops["auth_token"][2]["responses"]["429"]["headers"]
    unavailable = doc["components"]["responses"]["Unavailable"]
    assert "Retry-After" in unavailable["headers"]


def test_operation_ids_are_unique_and_named_by_resource(doc: dict[str, Any]) -> None:
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and " " not in i for i in ids)


def test_client_credentials_by_http_basic(client: TestClient) -> None:
    """Swagger UI's client credentials flow sends the client as HTTP Basic (RFC 6749 §2.3.1)."""
    made = create_client(
        name="Planningssysteem W13", role="w13", actor=None, municipality=None, scopes=["read"]
    )
    basic = base64.b64encode(f"{made['client_id']}:{made['client_secret']}".encode()).decode()
    response = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "scope": ""},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert (me["kind"], me["role"], me["scopes"]) == ("client", "w13", ["read"])

    wrong = base64.b64encode(f"{made['client_id']}:not-the-secret".encode()).decode()
    refused = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {wrong}"},
    )
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"


def test_password_grant_ignores_an_empty_basic_header(client: TestClient) -> None:
    """Swagger UI's password flow sends `Basic Og==` (no client): the grant must not care."""
    from api.accounts.admin import create_user

    create_user(
        email="regisseur@w13.be",
        name="Regisseur",
        role="w13",
        actor=None,
        municipality=None,
        password="Regisseur-wachtwoord-1",
    )
    response = client.post(
        TOKEN_URL,
        data={
            "grant_type": "password",
            "username": "regisseur@w13.be",
            "password": "Regisseur-wachtwoord-1",
            "scope": "",
        },
        headers={"Authorization": "Basic Og=="},
    )
    assert response.status_code == 200, response.text


def test_basic_header_garbage_is_a_clean_400(client: TestClient) -> None:
    response = client.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials"},
        headers={"Authorization": "Basic ***"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
