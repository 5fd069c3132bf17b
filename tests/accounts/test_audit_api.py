"""The audit trail: every write with who, when, before and after; W13 reads it, nobody changes
it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from api.accounts import admin
from tests.conftest import count_rows, create

MUNI = {"nis_code": "34013", "name_nl": "Harelbeke", "valid_from": "1977-01-01"}


def trail(client: TestClient, headers: dict[str, str], query: str = "") -> list[dict[str, Any]]:
    r = client.get(f"/api/v1/audit?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def test_a_write_is_on_the_trail_with_before_and_after(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    me = make_user("w13")
    w13 = me["headers"]
    made = create(client, w13, "municipalities", MUNI)
    r = client.patch(
        f"/api/v1/municipalities/{made['id']}",
        json={"w13_member": True},
        headers={**w13, "X-Request-ID": "wijziging-harelbeke"},
    )
    assert r.status_code == 200
    entries = trail(client, w13, f"record={made['id']}")
    assert [e["op"] for e in entries] == ["update", "create"]  # newest first
    update, created = entries
    assert created["before"] is None and created["after"]["name_nl"] == "Harelbeke"
    assert update["before"]["w13_member"] is False and update["after"]["w13_member"] is True
    assert update["after"]["version"] == 2
    assert update["actor_kind"] == "user" and update["actor_id"] == str(me["id"])
    assert update["actor_label"] == me["email"]
    assert update["request_id"] == "wijziging-harelbeke"
    assert update["resource"] == "municipalities"
    deleted = client.delete(f"/api/v1/municipalities/{made['id']}", headers=w13)
    assert deleted.status_code == 204
    last = trail(client, w13, f"record={made['id']}&op=delete")
    assert len(last) == 1 and last[0]["after"] is None and last[0]["before"]["nis_code"] == "34013"


def test_filters_by_resource_actor_and_time(
    client: TestClient, make_user: Callable[..., dict[str, Any]], kortrijk: dict[str, Any]
) -> None:
    one, two = make_user("w13"), make_user("w13")
    create(client, one["headers"], "municipalities", MUNI)
    create(
        client,
        two["headers"],
        "actors",
        {"name": "Werkplaats Zuid (fictief)", "kind": "maatwerkbedrijf", "fictional": True},
    )
    w13 = one["headers"]
    assert {e["resource"] for e in trail(client, w13, "resource=actors")} == {"actors"}
    by_two = trail(client, w13, f"actor={two['id']}")
    assert [e["resource"] for e in by_two] == ["actors"]
    future = urlencode({"since": (datetime.now(UTC) + timedelta(hours=1)).isoformat()})
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    assert trail(client, w13, future) == []
    assert len(trail(client, w13, urlencode({"since": past}))) == count_rows("audit_entries")
    assert trail(client, w13, urlencode({"until": past})) == []
    # the command line's writes are on the trail as the system
    admin.create_client(
        name="W13 datawarehouse", role="w13", actor=None, municipality=None, scopes=["read"]
    )
    system = trail(client, w13, "resource=clients")
    assert system[0]["actor_kind"] == "system" and system[0]["actor_id"] == "system"


def test_naive_times_and_bad_cursors_are_refused(client: TestClient, w13: dict[str, str]) -> None:
    r = client.get("/api/v1/audit?since=2024-01-01T00:00:00", headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "since"]
    r = client.get("/api/v1/audit?cursor=bm9wZQ", headers=w13)
    assert r.status_code == 400
    assert client.get("/api/v1/audit?limit=501", headers=w13).status_code == 422


def test_keyset_pages_cover_every_entry_once(client: TestClient, w13: dict[str, str]) -> None:
    for i in range(5):
        create(client, w13, "municipalities", {**MUNI, "nis_code": f"3401{i}"})
    seen: list[str] = []
    url = "/api/v1/audit?limit=2"
    while url:
        r = client.get(url, headers=w13)
        assert r.status_code == 200
        page = r.json()
        assert len(page["items"]) <= 2
        seen += [e["id"] for e in page["items"]]
        url = r.links["next"]["url"] if page["next_cursor"] else ""
    # five municipalities and the W13 account the fixture made
    assert len(seen) == len(set(seen)) == count_rows("audit_entries") == 6


def test_one_entry_and_unknown_entry(client: TestClient, w13: dict[str, str]) -> None:
    create(client, w13, "municipalities", MUNI)
    entry = trail(client, w13)[0]
    r = client.get(f"/api/v1/audit/{entry['id']}", headers=w13)
    assert r.status_code == 200 and r.json() == entry
    r = client.get("/api/v1/audit/00000000-0000-4000-8000-000000000000", headers=w13)
    assert r.status_code == 404


def test_only_w13_reads_the_trail(
    client: TestClient,
    w13: dict[str, str],
    make_user: Callable[..., dict[str, Any]],
    kortrijk: dict[str, Any],
    actor: dict[str, Any],
) -> None:
    entry = trail(client, w13)[0]
    rose = make_user("rose_member", actor=actor["id"])["headers"]
    muni = make_user("municipality", municipality="34022")["headers"]
    for path in ("/api/v1/audit", f"/api/v1/audit/{entry['id']}"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers=rose).status_code == 403
        assert client.get(path, headers=muni).status_code == 403


def test_the_trail_cannot_be_written(client: TestClient, w13: dict[str, str]) -> None:
    create(client, w13, "municipalities", MUNI)
    entry = trail(client, w13)[0]
    before = count_rows("audit_entries")
    for method, path in (
        ("POST", "/api/v1/audit"),
        ("PUT", "/api/v1/audit"),
        ("PATCH", "/api/v1/audit"),
        ("DELETE", "/api/v1/audit"),
        ("PUT", f"/api/v1/audit/{entry['id']}"),
        ("PATCH", f"/api/v1/audit/{entry['id']}"),
        ("DELETE", f"/api/v1/audit/{entry['id']}"),
    ):
        r = client.request(method, path, json={"op": "delete"}, headers=w13)
        assert r.status_code == 405, (method, path)
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["allow"] == "GET"
    assert count_rows("audit_entries") == before
    assert client.get(f"/api/v1/audit/{entry['id']}", headers=w13).json() == entry


def test_list_fields_are_on_the_trail_before_and_after(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    """A meeting's attendance, decisions and dossiers live in child tables: the trail shows
    them as they were and became, not only a bumped version."""
    me = make_user("w13")
    w13 = me["headers"]
    a, b = (
        create(client, w13, "actors", {"name": n, "kind": "maatwerkbedrijf", "fictional": True})
        for n in ("Atelier De Brug (fictief)", "Buurtwerk Leiestreek (fictief)")
    )
    body = create(
        client,
        w13,
        "bodies",
        {"code": "rose-av", "name": "Algemene vergadering ROSE", "kind": "general_assembly"},
    )
    meeting = create(
        client,
        w13,
        "meetings",
        {
            "body_id": body["id"],
            "title": "Algemene vergadering ROSE – juni",
            "starts_at": "2024-06-11T14:00:00+02:00",
            "ends_at": "2024-06-11T16:00:00+02:00",
            "attendance": [{"actor_id": a["id"], "status": "present"}],
        },
    )
    r = client.patch(
        f"/api/v1/meetings/{meeting['id']}",
        json={
            "attendance": [
                {"actor_id": a["id"], "status": "excused"},
                {"actor_id": b["id"], "status": "present"},
            ],
            "decisions": [{"text": "Het jaarverslag is goedgekeurd."}],
        },
        headers=w13,
    )
    assert r.status_code == 200, r.text
    update, created = trail(client, w13, f"record={meeting['id']}")
    row = {"user_id": None, "person": None}
    assert created["after"]["attendance"] == [{"actor_id": a["id"], **row, "status": "present"}]
    assert created["after"]["decisions"] == [] and created["after"]["dossier_ids"] == []
    assert update["before"]["attendance"] == created["after"]["attendance"]
    assert update["after"]["attendance"] == [
        {"actor_id": a["id"], **row, "status": "excused"},
        {"actor_id": b["id"], **row, "status": "present"},
    ]
    assert update["before"]["decisions"] == []
    (decision,) = update["after"]["decisions"]
    assert decision["text"] == "Het jaarverslag is goedgekeurd." and decision["id"]
    # A list of ids (a body's members) likewise; a delete keeps what the lists held.
    r = client.patch(f"/api/v1/bodies/{body['id']}", json={"member_ids": [b["id"]]}, headers=w13)
    assert r.status_code == 200
    (members,) = trail(client, w13, f"record={body['id']}&op=update")
    assert members["before"]["member_ids"] == [] and members["after"]["member_ids"] == [b["id"]]
    assert client.delete(f"/api/v1/meetings/{meeting['id']}", headers=w13).status_code == 204
    (deleted,) = trail(client, w13, f"record={meeting['id']}&op=delete")
    assert deleted["before"]["attendance"] == update["after"]["attendance"]
    assert deleted["before"]["decisions"] == update["after"]["decisions"]


def test_names_and_short_ids(client: TestClient, make_user: Callable[..., dict[str, Any]]) -> None:
    me = make_user("w13")
    made = create(client, me["headers"], "municipalities", MUNI)
    other = create(
        client, me["headers"], "municipalities", {**MUNI, "nis_code": "34027", "name_nl": "Menen"}
    )
    # The person's name as it is now (make_user names a person after its e-mail's local part).
    (entry,) = trail(client, me["headers"], f"record={made['id']}")
    assert entry["actor_name"] == me["email"].split("@")[0]
    assert entry["actor_label"] == me["email"]
    # The first digits the SPA shows find the record, with or without dashes.
    for short in (made["id"][:8], made["id"][:13], made["id"][:4].upper()):
        found = trail(client, me["headers"], f"record={short}")
        assert made["id"] in {e["record_id"] for e in found}, short
        if len(short) >= 8:
            assert {e["record_id"] for e in found} == {made["id"]}
    assert other["id"] not in {
        e["record_id"] for e in trail(client, me["headers"], f"record={made['id'][:8]}")
    } or (other["id"][:8] == made["id"][:8])
    for bad in ("abc", "xyz12345", "1234-5678-"):
        r = client.get(f"/api/v1/audit?record={bad}", headers=me["headers"])
        assert r.status_code == 422, bad


def test_a_stale_write_says_whether_the_caller_wrote_the_current_version(
    client: TestClient, make_user: Callable[..., dict[str, Any]]
) -> None:
    """The 412 tells a person the other write was their own (another tab), from the trail."""
    me, colleague = make_user("w13"), make_user("w13")
    made = create(client, me["headers"], "municipalities", MUNI)
    url = f"/api/v1/municipalities/{made['id']}"
    opened = client.get(url, headers=me["headers"]).headers["etag"]
    stale = {**me["headers"], "If-Match": opened}
    assert client.patch(url, json={"w13_member": True}, headers=me["headers"]).status_code == 200
    mine = client.patch(url, json={"name_nl": "Harelbeke (stad)"}, headers=stale)
    assert mine.status_code == 412
    assert mine.json()["changed_by_you"] is True
    assert client.patch(url, json={"w13_member": False}, headers=colleague["headers"]).is_success
    theirs = client.patch(url, json={"name_nl": "Harelbeke (stad)"}, headers=stale)
    assert theirs.status_code == 412 and theirs.json()["changed_by_you"] is False
    refused = client.delete(url, headers=stale)
    assert refused.status_code == 412 and refused.json()["changed_by_you"] is False
    assert client.get(url, headers=me["headers"]).json()["name_nl"] == "Harelbeke"
