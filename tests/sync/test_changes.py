"""The change feed: complete, ordered, exactly once, and only what the caller may read."""

import threading
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from api.core.db import session_scope
from api.core.principal import Role
from api.models import Change
from tests.conftest import create
from tests.indicators.conftest import jobratio, measurement
from tests.sync.mirror import Mirror, full_read, head, member_world


def poll_all(
    client: TestClient, headers: dict[str, str], cursor: str = ""
) -> tuple[list[dict[str, Any]], str]:
    items: list[dict[str, Any]] = []
    while True:
        r = client.get("/api/v1/changes", params={"cursor": cursor, "limit": 7}, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        if body["next_cursor"] == cursor:
            return items, cursor
        cursor = body["next_cursor"]


def test_creates_updates_and_tombstones_in_order(client: TestClient, w13: dict[str, str]) -> None:
    actor = create(client, w13, "actors", {"name": "Buurtwerk (fictief)", "kind": "partner"})
    client.patch(f"/api/v1/actors/{actor['id']}", json={"description": "x"}, headers=w13)
    client.delete(f"/api/v1/actors/{actor['id']}", headers=w13)
    items, cursor = poll_all(client, w13)
    mine = [(c["op"], c["version"]) for c in items if c["id"] == actor["id"]]
    assert mine == [("upsert", 1), ("upsert", 2), ("delete", 2)]
    seqs = [c["seq"] for c in items]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)
    again, same = poll_all(client, w13, cursor)
    assert again == []
    assert same == cursor


def test_the_public_view_follows_only_public_records(
    client: TestClient, w13: dict[str, str]
) -> None:
    """Without a token the feed shows changes of the public view only (issue 16: a public
    mirror too); an indicator made internal reaches it as a tombstone."""
    public = create(client, w13, "indicators", jobratio())
    internal = create(client, w13, "indicators", jobratio(code="CTX-2", public=False))
    create(client, w13, "actors", {"name": "Buurtwerk (fictief)", "kind": "partner"})
    client.patch(f"/api/v1/indicators/{public['id']}", json={"public": False}, headers=w13)
    items, _ = poll_all(client, {})
    assert {c["resource"] for c in items} == {"indicators", "actors"}
    assert [(c["id"], c["op"]) for c in items if c["resource"] == "indicators"] == [
        (public["id"], "upsert"),
        (public["id"], "delete"),
    ]
    assert internal["id"] not in {c["id"] for c in items}
    assert client.get("/api/v1/users", headers={}).status_code == 401


def test_feed_is_filtered_by_role(
    client: TestClient,
    w13: dict[str, str],
    make_user: Any,
    kortrijk: dict[str, Any],
    menen: dict[str, Any],
) -> None:
    own = create(client, w13, "actors", {"name": "Eigen (fictief)", "kind": "lde_onderneming"})
    muni = make_user("municipality", municipality="34022")["headers"]
    rose = make_user("rose_member", actor=own["id"])["headers"]
    # Municipalities may read actors (ALL), so they see actor changes; never users or audit.
    resources = {c["resource"] for c in poll_all(client, muni)[0]}
    assert "actors" in resources
    assert "users" not in resources
    assert {c["resource"] for c in poll_all(client, rose)[0]} <= {"actors", "municipalities"}


def test_bad_and_too_old_cursors(client: TestClient, w13: dict[str, str]) -> None:
    assert client.get("/api/v1/changes?cursor=abc", headers=w13).status_code == 400
    for i in range(3):
        create(client, w13, "actors", {"name": f"Org {i} (fictief)", "kind": "partner"})
    with session_scope() as session:
        first = session.scalar(select(Change.seq).order_by(Change.seq))
        session.execute(delete(Change).where(Change.seq <= first + 1))
    # The two oldest changes are gone: a cursor before the gap cannot be served any more ...
    old = client.get("/api/v1/changes", params={"cursor": str(first)}, headers=w13)
    assert old.status_code == 410
    assert old.headers["content-type"] == "application/problem+json"
    # ... one right at the gap can, and so can the start of the feed.
    at_gap = client.get("/api/v1/changes", params={"cursor": str(first + 1)}, headers=w13)
    assert at_gap.status_code == 200
    assert client.get("/api/v1/changes", headers=w13).status_code == 200


def test_concurrent_writers_and_a_poller_see_every_change_once(
    client: TestClient, w13: dict[str, str], make_user: Any
) -> None:
    """Writers commit at once, some of them changing who may see what (an agreement moved
    between municipalities, a body's members); W13's poller sees every change once and in
    order, and the mirrors of a municipality and a ROSE member, kept while the writes run,
    end equal to a fresh read (issue 16)."""
    world = member_world(client, w13)
    member, body, agreement = world["actor"], world["body"], world["agreement"]
    readers = {
        Role.municipality: make_user("municipality", municipality="34022")["headers"],
        Role.rose_member: make_user("rose_member", actor=member)["headers"],
    }
    mirrors = [Mirror(client, headers, role) for role, headers in readers.items()]
    writers, per_writer = 6, 8
    created: list[str] = []
    lock = threading.Lock()
    done = threading.Event()
    seen: list[dict[str, Any]] = []

    def write(n: int) -> None:
        for i in range(per_writer):
            r = client.post(
                "/api/v1/actors",
                json={"name": f"W{n}-{i} (fictief)", "kind": "partner", "id": str(uuid.uuid4())},
                headers=w13,
            )
            assert r.status_code == 201, r.text
            with lock:
                created.append(r.json()["id"])

    def move(n: int) -> None:
        for i in range(per_writer):
            codes = ["34027"] if (i + n) % 2 else ["34022", "34027"]
            r = client.patch(
                f"/api/v1/agreements/{agreement}", json={"municipalities": codes}, headers=w13
            )
            assert r.status_code == 200, r.text
            members = [] if i % 2 else [member]
            r = client.patch(f"/api/v1/bodies/{body}", json={"member_ids": members}, headers=w13)
            assert r.status_code == 200, r.text

    start = head(client, w13)

    def poll() -> None:
        cursor = start
        while True:
            finished = done.is_set()
            r = client.get("/api/v1/changes", params={"cursor": cursor, "limit": 5}, headers=w13)
            body = r.json()
            seen.extend(body["items"])
            if finished and body["next_cursor"] == cursor:
                return
            cursor = body["next_cursor"]

    def follow() -> None:
        while not done.is_set():
            for mirror in mirrors:
                mirror.follow()

    pollers = [threading.Thread(target=poll), threading.Thread(target=follow)]
    for p in pollers:
        p.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    threads += [threading.Thread(target=move, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    for p in pollers:
        p.join(timeout=60)
        assert not p.is_alive()
    ids = [c["id"] for c in seen if c["resource"] == "actors"]
    assert sorted(ids) == sorted(created)  # every change, exactly once
    seqs = [c["seq"] for c in seen]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)
    for mirror in mirrors:
        mirror.follow()
        assert mirror.data == full_read(client, mirror.headers, mirror.role), mirror.role


def test_a_nested_record_names_its_parent(client: TestClient, w13: dict[str, str]) -> None:
    """A measurement is read under its indicator: the feed item says which one, also in the
    tombstone, so a syncing system can fetch or drop it without searching every indicator."""
    indicator = create(client, w13, "indicators", jobratio())
    nested = f"/api/v1/indicators/{indicator['id']}/measurements"
    r = client.post(nested, json=measurement(), headers=w13)
    assert r.status_code == 201, r.text
    made = r.json()
    assert client.delete(f"{nested}/{made['id']}", headers=w13).status_code == 204
    items, _ = poll_all(client, w13)
    mine = [(c["op"], c["parent_id"]) for c in items if c["id"] == made["id"]]
    assert mine == [("upsert", indicator["id"]), ("delete", indicator["id"])]
    (top,) = [c for c in items if c["id"] == indicator["id"]]
    assert top["parent_id"] is None
    # The path it names is where the record lived.
    assert client.get(f"{nested}/{made['id']}", headers=w13).status_code == 404
