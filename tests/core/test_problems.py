"""Every error is an RFC 9457 problem document, and carries nothing internal."""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    for leak in ("Traceback", "sqlalchemy", "SELECT ", "psycopg", "sqlite3"):
        assert leak not in r.text
    return body  # type: ignore[no-any-return]


def test_unknown_route(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/nothing-here"), 404)
    assert body["instance"] == "/api/v1/nothing-here"
    assert_problem(client.post("/api/v1/nothing-here", json={}), 404)


def test_wrong_method(client: TestClient, w13: dict[str, str]) -> None:
    assert_problem(client.put("/api/v1/actors", json={}, headers=w13), 405)


def test_broken_json(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/actors",
        content=b'{"name": "x",',
        headers={**w13, "Content-Type": "application/json"},
    )
    body = assert_problem(r, 422)
    assert body["errors"]


def test_wrong_content_type(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/actors",
        content=b"name=x",
        headers={**w13, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_problem(r, 415)
    assert count_rows("actors") == 0


def test_body_over_one_mebibyte(client: TestClient, w13: dict[str, str]) -> None:
    big = {"name": "x", "kind": "partner", "description": "a" * (1024 * 1024 + 10)}
    assert_problem(client.post("/api/v1/actors", json=big, headers=w13), 413)
    assert count_rows("actors") == 0


def test_validation_names_every_field(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post("/api/v1/actors", json={"kind": "bakker", "website": "ftp://x"}, headers=w13)
    body = assert_problem(r, 422)
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert {("body", "name"), ("body", "kind"), ("body", "website")} <= locs


def test_bad_uuid_in_path(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/actors/not-a-uuid"), 422)
    assert body["errors"][0]["loc"] == ["path", "record_id"]


def test_missing_record(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/actors/00000000-0000-4000-8000-000000000000"), 404)


def test_request_id_is_returned_and_accepted(client: TestClient) -> None:
    r = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert len(client.get("/healthz").headers["x-request-id"]) == 32
