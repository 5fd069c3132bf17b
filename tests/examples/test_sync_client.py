"""examples/sync_client.py against a live service: a full mirror, then the change feed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from api.core.principal import Role
from api.core.registry import REGISTRY
from api.resources import load_all
from tests.examples.conftest import Live
from tests.sync.mirror import full_read

DATASET = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "dossiers",
    "actions",
    "indicators",
    "measurements",
    "bodies",
    "meetings",
    "dossier-events",
    "agreements",
)


def server_ids(live: Live) -> dict[str, set[str]]:
    load_all()
    engine = live.engine()
    try:
        with engine.connect() as conn:
            return {
                name: {
                    str(i)
                    for i in conn.execute(sa.select(REGISTRY[name].model.__table__.c.id)).scalars()
                }
                for name in DATASET
            }
    finally:
        engine.dispose()


def mirror_ids(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT resource, id FROM records").fetchall()
    out: dict[str, set[str]] = {name: set() for name in DATASET}
    for resource, record_id in rows:
        out[resource].add(record_id)
    return out


def mirrored(path: Path, resource: str, record_id: str) -> dict[str, Any] | None:
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT data FROM records WHERE resource = ? AND id = ?", (resource, record_id)
        ).fetchone()
    return json.loads(row[0]) if row else None


def sync(live: Live, path: Path, *args: str) -> dict[str, Any]:
    done = live.run_example("sync_client.py", "w13", "--db", str(path), *args)
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def test_mirror_follows_changes_and_deletes(live: Live, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror.db"
    first = sync(live, mirror)
    assert first["mode"] == "full"
    expected = server_ids(live)
    assert mirror_ids(mirror) == expected  # every record of every resource, nothing else
    assert first["counts"] == {k: len(v) for k, v in expected.items()}
    assert all(expected[name] for name in DATASET)

    # A change, a delete and a new nested record on the server ...
    w13 = live.token("w13")
    api = httpx.Client(base_url=f"{live.url}/api/v1", headers=w13)
    actor = api.get("/actors", params={"limit": 1}).json()["items"][0]
    assert mirrored(mirror, "actors", actor["id"]) == actor
    changed = api.patch(
        f"/actors/{actor['id']}",
        json={"description": "Nieuw aanbod 2025."},
        headers={"If-Match": api.get(f"/actors/{actor['id']}").headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    gone = next(
        a for a in api.get("/agreements").json()["items"] if "34022" not in a["municipalities"]
    )
    assert api.delete(f"/agreements/{gone['id']}").status_code == 204
    indicator = api.get("/indicators", params={"limit": 1}).json()["items"][0]["id"]
    new = api.post(
        f"/indicators/{indicator}/measurements",
        json={"date": "2030-12-31", "value": 1.5, "data_source": "manual"},
    )
    assert new.status_code == 201, new.text

    # ... and one more sync run reflects all three.
    second = sync(live, mirror)
    assert second["mode"] == "incremental" and second["applied"] >= 3
    assert mirror_ids(mirror) == server_ids(live)
    assert mirrored(mirror, "actors", actor["id"]) == changed.json()
    assert mirrored(mirror, "agreements", gone["id"]) is None
    assert mirrored(mirror, "measurements", new.json()["id"]) == new.json()
    assert int(second["cursor"]) > int(first["cursor"])

    # Nothing new: nothing applied, same cursor.
    third = sync(live, mirror)
    assert third["applied"] == 0 and third["cursor"] == second["cursor"]


def test_a_cursor_the_feed_no_longer_holds_means_a_full_resync(live: Live, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror.db"
    cursor = int(sync(live, mirror)["cursor"])
    w13 = live.token("w13")
    api = httpx.Client(base_url=f"{live.url}/api/v1", headers=w13)
    pillar = api.get("/pillars", params={"limit": 1}).json()["items"][0]
    for text in ("Eerste herziening.", "Tweede herziening."):
        assert api.patch(f"/pillars/{pillar['id']}", json={"description": text}).status_code == 200
    # The feed drops its oldest rows (retention), including one the mirror has not seen.
    engine = live.engine()
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM changes WHERE seq <= :s"), {"s": cursor + 1})
    engine.dispose()
    assert api.get("/changes", params={"cursor": str(cursor)}).status_code == 410
    again = sync(live, mirror)
    assert again["mode"] == "full"
    assert mirrored(mirror, "pillars", pillar["id"])["description"] == "Tweede herziening."
    assert mirror_ids(mirror) == server_ids(live)


def mirror_data(path: Path) -> dict[tuple[str, str], Any]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT resource, id, data FROM records").fetchall()
    return {(resource, record_id): json.loads(data) for resource, record_id, data in rows}


def test_each_role_mirrors_exactly_what_it_may_read(live: Live, tmp_path: Path) -> None:
    """W13, a ROSE member and a municipality each keep a mirror of what they may read; after
    writes that take records out of and into their view, each mirror equals a fresh read."""
    roles = {"w13": Role.w13, "rose": Role.rose_member, "kortrijk": Role.municipality}
    api = httpx.Client(base_url=live.url, headers=live.token("w13"))
    paths = {key: tmp_path / f"{key}.db" for key in roles}

    def check() -> None:
        for key, role in roles.items():
            fresh = full_read(api, live.token(key), role)
            assert mirror_data(paths[key]) == fresh, key

    for key in roles:
        assert sync_as(live, key, paths[key])["mode"] == "full"
    check()
    assert [k for k in mirror_data(paths["rose"]) if k[0] == "meetings"]
    # Kortrijk is taken off an agreement, the ROSE member's actor leaves its bodies and is
    # renamed (its agreements show its name), an action is unpublished.
    covering = next(
        a for a in api.get("/api/v1/agreements").json()["items"] if "34022" in a["municipalities"]
    )
    others = [m for m in covering["municipalities"] if m != "34022"] or ["34027"]
    assert (
        api.patch(
            f"/api/v1/agreements/{covering['id']}", json={"municipalities": others}
        ).status_code
        == 200
    )
    for body in api.get("/api/v1/bodies", params={"member": live.rose_actor}).json()["items"]:
        members = [m for m in body["member_ids"] if m != live.rose_actor]
        assert (
            api.patch(f"/api/v1/bodies/{body['id']}", json={"member_ids": members}).status_code
            == 200
        )
    assert (
        api.patch(
            f"/api/v1/actors/{live.rose_actor}", json={"name": "Hernoemd (fictief)"}
        ).status_code
        == 200
    )
    action = api.get("/api/v1/actions", params={"limit": 1}).json()["items"][0]
    unpublished = api.patch(f"/api/v1/actions/{action['id']}", json={"published": False})
    assert unpublished.status_code == 200
    for key in roles:
        assert sync_as(live, key, paths[key])["mode"] == "incremental"
    check()
    assert ("agreements", covering["id"]) not in mirror_data(paths["kortrijk"])
    assert not [k for k in mirror_data(paths["rose"]) if k[0] == "meetings"]


def sync_as(live: Live, key: str, path: Path) -> dict[str, Any]:
    done = live.run_example("sync_client.py", key, "--db", str(path))
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary
