"""Misconfiguration (OWASP API8:2023): CORS only for configured origins, security headers on
every answer, and no trace, SQL or secret in any error."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy.exc
from fastapi.testclient import TestClient

from api.core import reads
from api.core.config import Settings, get_settings
from api.main import create_app
from tests.conftest import count_rows

ALLOWED = "https://regie.w13.example"
EVIL = "https://kwaadwillig.example"
SECRET = get_settings().secret_key


@pytest.fixture
def cors_client() -> Iterator[TestClient]:
    app = create_app(Settings(cors_origins=[ALLOWED]))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_secure(r: Any) -> None:
    headers = r.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert len(headers.get_list("x-request-id")) == 1 and headers["x-request-id"]


def assert_clean(r: Any) -> None:
    text = r.text
    assert r.headers["content-type"] == "application/problem+json", text
    for leak in ("Traceback", 'File "', "sqlalchemy", "SELECT", "psycopg", SECRET):
        assert leak.lower() not in text.lower(), (leak, text)
    body = r.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == r.status_code


def test_cors_only_for_configured_origins(cors_client: TestClient) -> None:
    ok = cors_client.get("/api/v1/municipalities", headers={"Origin": ALLOWED})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    assert "access-control-allow-credentials" not in ok.headers
    evil = cors_client.get("/api/v1/municipalities", headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in evil.headers

    preflight = {
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization,if-match",
    }
    r = cors_client.options("/api/v1/actors/x", headers={"Origin": ALLOWED, **preflight})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == ALLOWED
    assert "PATCH" in r.headers["access-control-allow-methods"]
    r = cors_client.options("/api/v1/actors/x", headers={"Origin": EVIL, **preflight})
    assert r.status_code == 400
    assert "access-control-allow-origin" not in r.headers


def test_no_cors_without_configured_origins(client: TestClient) -> None:
    for origin in (ALLOWED, EVIL):
        r = client.get("/api/v1/municipalities", headers={"Origin": origin})
        assert r.status_code == 200
        assert "access-control-allow-origin" not in r.headers


def test_security_headers_on_answers_and_errors(
    client: TestClient,
    w13: dict[str, str],
    make_user: Callable[..., dict[str, Any]],
    actor: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rose = make_user("rose_member", actor=actor["id"])["headers"]
    big = "x" * (get_settings().max_body_bytes + 1)
    answers = {
        200: client.get("/api/v1/municipalities"),
        401: client.get("/api/v1/users"),
        403: client.post(
            "/api/v1/municipalities",
            headers=rose,
            json={"nis_code": "34022", "name_nl": "Kortrijk", "valid_from": "1977-01-01"},
        ),
        404: client.get(f"/api/v1/actors/{uuid.uuid4()}"),
        405: client.post("/api/v1/audit", headers=w13),
        413: client.post(
            "/api/v1/municipalities",
            content=big,
            headers={**w13, "Content-Type": "application/json"},
        ),
        415: client.post(
            "/api/v1/municipalities",
            content="nis=34022",
            headers={**w13, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        422: client.post("/api/v1/municipalities", json={"nis_code": "1"}, headers=w13),
    }
    monkeypatch.setattr(reads, "page_json", _boom)
    answers[500] = client.get("/api/v1/municipalities", headers=w13)
    for status, r in answers.items():
        assert r.status_code == status, (status, r.text)
        assert_secure(r)
        if status != 200:
            assert_clean(r)
    assert count_rows("municipalities") == 0


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise sqlalchemy.exc.ProgrammingError(
        f"SELECT password_hash FROM users WHERE secret = '{SECRET}'",
        {},
        Exception("Traceback (most recent call last): boom"),
    )


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (sqlalchemy.exc.ProgrammingError("SELECT * FROM users", {}, Exception("syntax")), 500),
        (sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("server closed")), 503),
        (
            sqlalchemy.exc.IntegrityError(
                "INSERT INTO users VALUES (...)", {}, Exception("duplicate key")
            ),
            409,
        ),
        (RuntimeError(f"Traceback: secret {SECRET}"), 500),
    ],
)
def test_errors_carry_no_trace_sql_or_secret(
    client: TestClient,
    w13: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    status: int,
) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(reads, "page_json", fail)
    r = client.get("/api/v1/actors", headers=w13)
    assert r.status_code == status
    assert_clean(r)
    assert_secure(r)
    if status == 500:
        assert r.headers["x-request-id"] in r.json()["detail"]


def test_validation_and_auth_errors_are_clean(client: TestClient, w13: dict[str, str]) -> None:
    for r in (
        client.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": "a@b.be", "password": "x"},
        ),
        client.post("/api/v1/auth/token", data={"grant_type": "implicit"}),
        client.get("/api/v1/users", headers={"Authorization": "Bearer " + SECRET}),
        client.post("/api/v1/users", json={"email": "SELECT * FROM users"}, headers=w13),
        client.get("/api/v1/actors?cursor=%27%3BDROP%20TABLE%20actors", headers=w13),
    ):
        assert r.status_code in (400, 401, 422), r.text
        assert_clean(r)
        assert_secure(r)
