"""The outbox: a delivery per committed change and matching subscription, written in the
transaction of the change itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session as OrmSession

from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models import Actor, WebhookDelivery
from tests.conftest import count_rows, create
from tests.indicators.conftest import jobratio, measurement
from tests.sync.mirror import member_world
from tests.webhooks.conftest import Subscribe, delivery_rows

PUBLIC = "https://93.184.216.34/hook"


def test_each_change_is_queued_for_each_matching_active_subscription(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Callable[..., dict[str, Any]],
) -> None:
    everything = subscribe(PUBLIC)
    actors_only = subscribe(PUBLIC, resources=["actors"])
    other = subscribe(PUBLIC, resources=["municipalities"])
    paused = subscribe(PUBLIC, active=False)
    # Subscribing is itself a change, but subscriptions are never announced.
    assert count_rows("webhook_deliveries") == 0
    actor = change()
    client.patch(f"/api/v1/actors/{actor['id']}", json={"description": "Nieuw"}, headers=w13)
    client.delete(f"/api/v1/actors/{actor['id']}", headers=w13)
    rows = delivery_rows()
    by_hook: dict[str, list[str]] = {}
    for row in rows:
        by_hook.setdefault(str(row["webhook_id"]), []).append(row["event_type"])
    expected = ["actors.upsert", "actors.upsert", "actors.delete"]
    assert by_hook == {everything["id"]: expected, actors_only["id"]: expected}
    assert other["id"] not in by_hook
    assert paused["id"] not in by_hook
    assert {r["status"] for r in rows} == {"pending"}


def test_payload_is_the_change_feed_entry(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Callable[..., dict[str, Any]],
) -> None:
    subscribe(PUBLIC)
    actor = change()
    (row,) = delivery_rows()
    payload = json.loads(row["payload"])
    feed = client.get("/api/v1/changes", params={"resource": "actors"}, headers=w13).json()
    (entry,) = feed["items"]
    assert payload == {"type": "actors.upsert", "timestamp": entry["at"], "data": entry}
    assert entry["id"] == actor["id"]
    assert row["seq"] == entry["seq"]


def test_a_nested_record_s_payload_names_its_parent(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    indicator = create(client, w13, "indicators", jobratio())
    subscribe(PUBLIC, resources=["measurements"])
    r = client.post(
        f"/api/v1/indicators/{indicator['id']}/measurements", json=measurement(), headers=w13
    )
    assert r.status_code == 201, r.text
    (row,) = delivery_rows()
    data = json.loads(row["payload"])["data"]
    assert (data["resource"], data["id"]) == ("measurements", r.json()["id"])
    assert data["parent_id"] == indicator["id"]


def test_a_refused_write_queues_nothing(
    client: TestClient,
    w13: dict[str, str],
    subscribe: Subscribe,
    change: Callable[..., dict[str, Any]],
) -> None:
    subscribe(PUBLIC)
    actor = change()
    before = count_rows("webhook_deliveries")
    stale = client.patch(
        f"/api/v1/actors/{actor['id']}",
        json={"description": "x"},
        headers={**w13, "If-Match": '"000000000000-9"'},
    )
    assert stale.status_code == 412
    bad = client.post("/api/v1/actors", json={"name": "Zonder soort"}, headers=w13)
    assert bad.status_code == 422
    assert count_rows("webhook_deliveries") == before == 1


def test_a_transaction_that_fails_at_commit_leaves_no_delivery(subscribe: Subscribe) -> None:
    """The outbox rows exist inside the transaction, and go with it when it rolls back."""
    subscribe(PUBLIC)
    seen: list[int] = []

    def fail_after_outbox(session: OrmSession) -> None:
        # Runs after the unit of work's own before_commit hook wrote feed, audit and outbox.
        seen.append(session.scalar(select(func.count()).select_from(WebhookDelivery)) or 0)
        raise RuntimeError("the commit fails")

    event.listen(OrmSession, "before_commit", fail_after_outbox)
    try:
        with pytest.raises(RuntimeError), session_scope(principal=SYSTEM) as session:
            session.add(Actor(name="Teruggedraaid (fictief)", kind="partner"))
    finally:
        event.remove(OrmSession, "before_commit", fail_after_outbox)
    assert seen == [1]
    assert count_rows("webhook_deliveries") == 0
    assert count_rows("actors") == 0


def test_a_committed_change_has_its_delivery_before_any_worker_runs(
    subscribe: Subscribe,
) -> None:
    subscribe(PUBLIC)
    with session_scope(principal=SYSTEM) as session:
        session.add(Actor(name="Vastgelegd (fictief)", kind="partner"))
    (row,) = delivery_rows()
    assert row["event_type"] == "actors.upsert"
    assert row["status"] == "pending"
    assert row["claimed_at"] is None


def test_deliveries_carry_the_feed_items_audience_changes_add(
    client: TestClient, w13: dict[str, str], subscribe: Subscribe
) -> None:
    """Records re-issued because their audience or a derived field changed (a body's members,
    a provider's name) are delivered like W13's feed shows them; the tombstones only readers
    of part of a resource get are not (a subscription sees everything, as W13 does)."""
    subscribe(PUBLIC)
    world = member_world(client, w13)
    actor, body, meeting, agreement = (world[k] for k in ("actor", "body", "meeting", "agreement"))
    before = {r["seq"] for r in delivery_rows()}
    client.patch(f"/api/v1/bodies/{body}", json={"member_ids": []}, headers=w13)
    client.patch(f"/api/v1/actors/{actor}", json={"name": "Nieuwe naam (fictief)"}, headers=w13)
    client.patch(f"/api/v1/agreements/{agreement}", json={"municipalities": ["34027"]}, headers=w13)
    new = [json.loads(r["payload"])["data"] for r in delivery_rows() if r["seq"] not in before]
    feed = client.get(
        "/api/v1/changes", params={"cursor": str(max(before)), "limit": 500}, headers=w13
    ).json()["items"]
    assert sorted(new, key=lambda d: d["seq"]) == feed
    assert [(d["resource"], d["id"], d["op"]) for d in feed] == [
        ("bodies", body, "upsert"),
        ("meetings", meeting, "upsert"),  # its body's members see it: issued again
        ("actors", actor, "upsert"),
        ("agreements", agreement, "upsert"),  # shows the provider's name: issued again
        ("agreements", agreement, "upsert"),
    ]
