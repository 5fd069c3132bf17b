"""Pagination, conditional requests and idempotent creates: the same for every resource."""

import threading
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.core.db import session_scope
from api.models import Change
from tests.conftest import count_rows, create


def _actors(client: TestClient, headers: dict[str, str], n: int) -> list[dict[str, Any]]:
    return [
        create(
            client, headers, "actors", {"name": f"Organisatie {i:03d} (fictief)", "kind": "partner"}
        )
        for i in range(n)
    ]


def test_keyset_pages_cover_everything_once(client: TestClient, w13: dict[str, str]) -> None:
    made = _actors(client, w13, 23)
    seen: list[str] = []
    url = "/api/v1/actors?limit=10"
    pages = 0
    while url:
        r = client.get(url, headers=w13)
        assert r.status_code == 200
        body = r.json()
        seen += [a["name"] for a in body["items"]]
        pages += 1
        if body["next_cursor"]:
            assert 'rel="next"' in r.headers["link"]
            url = f"/api/v1/actors?limit=10&cursor={body['next_cursor']}"
        else:
            assert "link" not in r.headers
            url = ""
    assert pages == 3
    assert seen == sorted(a["name"] for a in made)


def test_limit_bounds_and_bad_cursor(client: TestClient) -> None:
    assert client.get("/api/v1/actors?limit=0").status_code == 422
    assert client.get("/api/v1/actors?limit=501").status_code == 422
    assert client.get("/api/v1/actors?limit=500").status_code == 200
    r = client.get("/api/v1/actors?cursor=bm9wZQ")
    assert r.status_code == 400
    assert r.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_updated_since(client: TestClient, w13: dict[str, str]) -> None:
    first = _actors(client, w13, 2)
    since = first[1]["updated_at"]
    client.patch(f"/api/v1/actors/{first[0]['id']}", json={"description": "nieuw"}, headers=w13)
    items = client.get("/api/v1/actors", params={"updated_since": since}).json()["items"]
    assert {a["id"] for a in items} == {first[0]["id"], first[1]["id"]}
    later = client.get(f"/api/v1/actors/{first[0]['id']}").json()["updated_at"]
    items = client.get("/api/v1/actors", params={"updated_since": later}).json()["items"]
    assert [a["id"] for a in items] == [first[0]["id"]]


def test_etag_and_if_none_match(client: TestClient, w13: dict[str, str]) -> None:
    (actor,) = _actors(client, w13, 1)
    r = client.get(f"/api/v1/actors/{actor['id']}")
    tag = r.headers["etag"]
    assert (
        client.get(f"/api/v1/actors/{actor['id']}", headers={"If-None-Match": tag}).status_code
        == 304
    )
    client.patch(f"/api/v1/actors/{actor['id']}", json={"description": "x"}, headers=w13)
    r = client.get(f"/api/v1/actors/{actor['id']}", headers={"If-None-Match": tag})
    assert r.status_code == 200
    assert r.headers["etag"] != tag


def test_stale_if_match_is_412_and_changes_nothing(client: TestClient, w13: dict[str, str]) -> None:
    (actor,) = _actors(client, w13, 1)
    tag = client.get(f"/api/v1/actors/{actor['id']}").headers["etag"]
    ok = client.patch(
        f"/api/v1/actors/{actor['id']}",
        json={"description": "eerste"},
        headers={**w13, "If-Match": tag},
    )
    assert ok.status_code == 200
    stale = client.patch(
        f"/api/v1/actors/{actor['id']}",
        json={"description": "tweede"},
        headers={**w13, "If-Match": tag},
    )
    assert stale.status_code == 412
    now = client.get(f"/api/v1/actors/{actor['id']}").json()
    assert now["description"] == "eerste"
    assert now["version"] == 2
    assert (
        client.delete(f"/api/v1/actors/{actor['id']}", headers={**w13, "If-Match": tag}).status_code
        == 412
    )
    assert count_rows("actors") == 1


def test_idempotency_key_replays_first_answer(client: TestClient, w13: dict[str, str]) -> None:
    body = {"name": "Kringloop Leie (fictief)", "kind": "partner"}
    headers = {**w13, "Idempotency-Key": "k-1"}
    first = client.post("/api/v1/actors", json=body, headers=headers)
    again = client.post("/api/v1/actors", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert count_rows("actors") == 1
    other = client.post("/api/v1/actors", json={**body, "name": "Anders"}, headers=headers)
    assert other.status_code == 422
    assert count_rows("actors") == 1


def test_concurrent_requests_with_one_key_create_one_record(
    client: TestClient, w13: dict[str, str]
) -> None:
    body = {"name": "Samen Sterk (fictief)", "kind": "partner"}
    headers = {**w13, "Idempotency-Key": "parallel-1"}
    results: list[int] = []

    def post() -> None:
        results.append(client.post("/api/v1/actors", json=body, headers=headers).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [201] * 6
    assert count_rows("actors") == 1


def test_put_creates_with_given_id_then_replaces(client: TestClient, w13: dict[str, str]) -> None:
    new_id = str(uuid.uuid4())
    body = {"name": "Werkplaats Mandel (fictief)", "kind": "maatwerkbedrijf", "rose_member": True}
    r = client.put(f"/api/v1/actors/{new_id}", json=body, headers=w13)
    assert r.status_code == 201
    assert r.json()["id"] == new_id
    r = client.put(
        f"/api/v1/actors/{new_id}",
        json={"name": "Werkplaats Mandel (fictief)", "kind": "maatwerkbedrijf"},
        headers=w13,
    )
    assert r.status_code == 200
    assert r.json()["rose_member"] is False  # replaced, not merged
    assert r.json()["version"] == 2


def test_upsert_by_external_id(client: TestClient, w13: dict[str, str]) -> None:
    body = {"name": "Sociaal Atelier (fictief)", "kind": "partner"}
    url = "/api/v1/actors/by-external-id/w13-crm/ORG-77"
    r1 = client.put(url, json=body, headers=w13)
    assert r1.status_code == 201
    assert r1.json()["source"] == "w13-crm"
    r2 = client.put(url, json={**body, "description": "bijgewerkt"}, headers=w13)
    assert r2.status_code == 200
    assert r2.json()["id"] == r1.json()["id"]
    assert count_rows("actors") == 1


def test_delete_leaves_a_tombstone(client: TestClient, w13: dict[str, str]) -> None:
    (actor,) = _actors(client, w13, 1)
    assert client.delete(f"/api/v1/actors/{actor['id']}", headers=w13).status_code == 204
    assert client.get(f"/api/v1/actors/{actor['id']}").status_code == 404
    assert count_rows("actors") == 0
    with session_scope(write=False) as session:
        ops = session.scalars(
            select(Change.op).where(Change.record_id == uuid.UUID(actor["id"])).order_by(Change.seq)
        ).all()
    assert ops == ["upsert", "delete"]


def test_updated_since_without_offset_is_utc(client: TestClient, w13: dict[str, str]) -> None:
    _actors(client, w13, 1)
    r = client.get("/api/v1/actors", params={"updated_since": "2000-01-01T00:00:00"})
    assert r.status_code == 200
    assert len(r.json()["items"]) == 1
    r = client.get("/api/v1/actors", params={"updated_since": "2999-01-01T00:00:00"})
    assert r.json()["items"] == []


def test_audit_records_the_version_before_and_after(
    client: TestClient, w13: dict[str, str]
) -> None:
    (actor,) = _actors(client, w13, 1)
    client.patch(f"/api/v1/actors/{actor['id']}", json={"description": "x"}, headers=w13)
    entries = client.get("/api/v1/audit", params={"record": actor["id"]}, headers=w13).json()[
        "items"
    ]
    update = next(e for e in entries if e["op"] == "update")
    assert update["before"]["version"] == 1
    assert update["after"]["version"] == 2
    assert update["before"]["description"] == ""
    assert update["after"]["description"] == "x"
