"""Actions as W13's own systems sync them: ETags, upsert by external id, deletes and the
change feed's view of who may see each change."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import col, select

from api.core.db import get_engine
from api.core.session import Session
from api.models.change import Change
from tests.actions.conftest import Plan
from tests.conftest import count_rows

Make = Callable[..., dict[str, Any]]
URL = "/api/v1/actions"


def feed(record_id: str) -> list[dict[str, Any]]:
    with Session(get_engine()) as session:
        rows = session.scalars(
            select(Change)
            .where(Change.resource == "actions", Change.record_id == uuid.UUID(record_id))
            .order_by(col(Change.seq))
        )
        return [
            {"op": c.op, "version": c.version, "visibility": c.visibility, "actor_ids": c.actor_ids}
            for c in rows
        ]


def test_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, w13: dict[str, str], make_action: Make
) -> None:
    action = make_action()
    url = f"{URL}/{action['id']}"
    first = client.get(url, headers=w13)
    etag = first.headers["etag"]
    assert client.get(url, headers={**w13, "If-None-Match": etag}).status_code == 304
    r = client.patch(url, json={"progress": 50}, headers={**w13, "If-Match": etag})
    assert r.status_code == 200 and r.headers["etag"] != etag
    r = client.patch(url, json={"progress": 65}, headers={**w13, "If-Match": etag})
    assert r.status_code == 412
    assert r.headers["content-type"] == "application/problem+json"
    got = client.get(url, headers=w13).json()
    assert got["progress"] == 50 and got["version"] == 2
    r = client.delete(url, headers={**w13, "If-Match": etag})
    assert r.status_code == 412 and count_rows("actions") == 1


def test_upsert_by_external_id(
    client: TestClient,
    w13: dict[str, str],
    action_body: Callable[..., dict[str, Any]],
    actors: Plan,
) -> None:
    url = f"{URL}/by-external-id/w13-meerjarenplan/ACT-2020-015"
    r = client.put(url, json=action_body(), headers=w13)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["source"] == "w13-meerjarenplan"
    assert created["external_id"] == "ACT-2020-015"
    assert r.headers["location"] == f"/api/v1/actions/{created['id']}"

    again = action_body(progress=70, partner_ids=[actors["vdab"]], milestones=[])
    r = client.put(url, json=again, headers=w13)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == created["id"] and r.json()["version"] == 2
    assert r.json()["partner_ids"] == [actors["vdab"]] and r.json()["milestones"] == []
    assert count_rows("actions") == 1 and count_rows("action_partners") == 1

    # A replace obeys the life-cycle like any other change.
    r = client.put(url, json=action_body(status="planned"), headers=w13)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "status"]
    assert client.get(f"{URL}/{created['id']}", headers=w13).json()["version"] == 2


def test_a_sync_pair_is_complete(
    client: TestClient, w13: dict[str, str], action_body: Callable[..., dict[str, Any]]
) -> None:
    r = client.post(URL, json=action_body(source="w13-meerjarenplan"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "external_id"]
    assert count_rows("actions") == 0


def test_idempotent_create(
    client: TestClient, w13: dict[str, str], action_body: Callable[..., dict[str, Any]]
) -> None:
    headers = {**w13, "Idempotency-Key": "a15-aanmaak-1"}
    first = client.post(URL, json=action_body(), headers=headers)
    second = client.post(URL, json=action_body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert count_rows("actions") == 1


def test_delete_refuses_while_sub_actions_point_to_it(
    client: TestClient, w13: dict[str, str], make_action: Make
) -> None:
    a08 = make_action(code="A08", title="Samenwerkingskader lokale besturen – LDE")
    a09 = make_action(
        code="A09", title="Regionaal model voor een DAEB-toewijzingsakte", parent_id=a08["id"]
    )
    r = client.delete(f"{URL}/{a08['id']}", headers=w13)
    assert r.status_code == 409
    assert "A08 still has 1 sub-action" in r.json()["detail"]
    assert count_rows("actions") == 2
    assert client.delete(f"{URL}/{a09['id']}", headers=w13).status_code == 204
    assert client.delete(f"{URL}/{a08['id']}", headers=w13).status_code == 204
    assert count_rows("actions") == 0 and count_rows("action_partners") == 0


def test_change_feed_names_lead_and_partners(
    client: TestClient, w13: dict[str, str], make_action: Make, actors: Plan
) -> None:
    action = make_action(published=False)
    everyone = {actors["w13"], actors["vdab"], actors["zwevegem"]}
    (created,) = feed(action["id"])
    assert created["op"] == "upsert" and created["version"] == 1
    assert created["visibility"] == "internal"
    assert set(created["actor_ids"]) == everyone

    url = f"{URL}/{action['id']}"
    r = client.patch(url, json={"published": True, "partner_ids": [actors["kuurne"]]}, headers=w13)
    assert r.status_code == 200
    updated = feed(action["id"])[-1]
    assert updated["visibility"] == "public" and updated["version"] == 2
    assert set(updated["actor_ids"]) == {actors["w13"], actors["kuurne"]}

    assert client.delete(url, headers=w13).status_code == 204
    tombstone = feed(action["id"])[-1]
    assert tombstone["op"] == "delete" and tombstone["visibility"] == "public"
    # The partner rows went with the action, but the tombstone still names them.
    assert set(tombstone["actor_ids"]) == {actors["w13"], actors["kuurne"]}
