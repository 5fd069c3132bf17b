"""Concurrent writers: one ETag lets exactly one of them win; one Idempotency-Key creates one
record, collections included. Real threads against the real database (on PostgreSQL the
requests truly overlap; on SQLite the write lock queues them)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.core.db import session_scope
from api.models import Change
from tests.conftest import count_rows, create

WRITERS = 8


def race(n: int, work: Callable[[int], Any]) -> list[Any]:
    """Run `work(i)` in n threads released at the same moment; the results by i."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return results


def feed_of(record_id: str) -> list[tuple[str, int]]:
    with session_scope(write=False) as s:
        rows = s.scalars(select(Change).where(Change.resource == "actors").order_by(Change.seq))
        return [(c.op, c.version) for c in rows if str(c.record_id) == record_id]


def test_same_etag_exactly_one_writer_wins(client: TestClient, w13: dict[str, str]) -> None:
    actor = create(client, w13, "actors", {"name": "Atelier De Brug (fictief)", "kind": "partner"})
    url = f"/api/v1/actors/{actor['id']}"
    etag = client.get(url, headers=w13).headers["etag"]

    def patch(i: int) -> Any:
        return client.patch(
            url, json={"description": f"schrijver {i}"}, headers={**w13, "If-Match": etag}
        )

    answers = race(WRITERS, patch)
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [412] * (WRITERS - 1), codes
    (winner,) = [i for i, r in enumerate(answers) if r.status_code == 200]
    for r in answers:
        if r.status_code == 412:
            assert r.headers["content-type"] == "application/problem+json"
    now = client.get(url, headers=w13).json()
    assert now["version"] == 2
    assert now["description"] == f"schrijver {winner}"  # the winner's write, nobody else's
    assert answers[winner].json()["version"] == 2
    assert feed_of(actor["id"]) == [("upsert", 1), ("upsert", 2)]  # losers left no trace


def test_same_etag_on_a_record_with_collections(client: TestClient, w13: dict[str, str]) -> None:
    """Child rows (partners) are replaced by the winner only, with one version step."""
    pillar = create(
        client,
        w13,
        "pillars",
        {
            "code": "3.3.2",
            "framework": "actieplan",
            "title": "De lokale sociale economie uitbouwen",
        },
    )
    partners = [
        create(client, w13, "actors", {"name": f"Partner {i} (fictief)", "kind": "partner"})["id"]
        for i in range(WRITERS)
    ]
    action = create(
        client,
        w13,
        "actions",
        {
            "code": "A15",
            "title": "Mobiliteit van doelgroepmedewerkers verbeteren",
            "pillar_id": pillar["id"],
            "start_date": "2020-01-01",
            "end_date": "2025-12-31",
        },
    )
    url = f"/api/v1/actions/{action['id']}"
    etag = client.get(url, headers=w13).headers["etag"]

    def patch(i: int) -> Any:
        return client.patch(
            url, json={"partner_ids": [partners[i]]}, headers={**w13, "If-Match": etag}
        )

    answers = race(WRITERS, patch)
    assert sorted(r.status_code for r in answers) == [200] + [412] * (WRITERS - 1)
    (winner,) = [i for i, r in enumerate(answers) if r.status_code == 200]
    now = client.get(url, headers=w13).json()
    assert now["version"] == 2
    assert now["partner_ids"] == [partners[winner]]
    assert count_rows("action_partners") == 1


def test_one_key_creates_one_action_with_its_partners(
    client: TestClient, w13: dict[str, str]
) -> None:
    pillar = create(
        client,
        w13,
        "pillars",
        {
            "code": "3.3.2",
            "framework": "actieplan",
            "title": "De lokale sociale economie uitbouwen",
        },
    )
    partners = [
        create(client, w13, "actors", {"name": f"Partner {i} (fictief)", "kind": "partner"})["id"]
        for i in range(3)
    ]
    body = {
        "code": "A16",
        "title": "Gezamenlijke aankoop van werkkledij",
        "pillar_id": pillar["id"],
        "start_date": "2021-01-01",
        "end_date": "2023-12-31",
        "partner_ids": partners,
        "accent_years": [2021, 2022],
        "milestones": [{"title": "Bestek klaar", "due_date": "2021-06-30"}],
    }
    headers = {**w13, "Idempotency-Key": "actie-a16"}
    answers = race(WRITERS, lambda i: client.post("/api/v1/actions", json=body, headers=headers))
    assert [r.status_code for r in answers] == [201] * WRITERS, [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1
    assert all(r.json() == answers[0].json() for r in answers)
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in answers) == WRITERS - 1
    assert count_rows("actions") == 1
    assert count_rows("action_partners") == len(partners)
    created = answers[0].json()
    assert created["partner_ids"] == partners and len(created["milestones"]) == 1
