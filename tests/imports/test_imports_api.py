"""`POST /api/v1/imports/{resource}`: CSV or JSON, all rows or none, idempotent."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.core.db import session_scope
from api.models import Actor, Change
from tests.actors.test_actors_api import ACTOR
from tests.conftest import count_rows, create
from tests.imports.conftest import (
    TOP_LEVEL,
    feed_size,
    get_csv,
    post_csv,
    table,
    to_csv,
)

API = "/api/v1/imports"
HEADER = ["id", "name", "kind", "kbo_number", "municipality", "target_groups", "places"]


def actor_rows() -> list[dict[str, Any]]:
    return [
        {
            "name": "Atelier De Brug (fictief)",
            "kind": "maatwerkbedrijf",
            "kbo_number": "0630.835.639",
            "municipality": "34022",
            "target_groups": "jongeren anderstaligen",
            "places": '[{"rung": 5, "description": "Productiemedewerker", "count": 40}]',
        },
        {"name": "Kringwinkel Leiestreek (fictief)", "kind": "partner", "places": "[]"},
        {"name": "Groenwerk Leie (fictief)", "kind": "lde_onderneming"},
    ]


def versions() -> dict[uuid.UUID, int]:
    with session_scope(write=False) as s:
        return {a.id: a.version for a in s.scalars(select(Actor))}


def test_csv_creates_then_the_same_import_changes_nothing(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    body = to_csv(HEADER, actor_rows())
    first = post_csv(client, w13, "actors", body)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "dry_run": False,
        "created": 3,
        "replaced": 0,
        "unchanged": 0,
        "errors": [],
    }
    brug = client.get("/api/v1/actors?q=brug", headers=w13).json()["items"][0]
    assert brug["kbo_number"] == "0630835639"
    assert brug["target_groups"] == ["jongeren", "anderstaligen"]
    assert brug["places"][0]["count"] == 40
    # The export, sent back twice: nothing changes, no version moves, no feed entry.
    exported = get_csv(client, w13, "/api/v1/actors")
    before, feed = versions(), feed_size()
    for _ in range(2):
        again = post_csv(client, w13, "actors", exported)
        assert again.json() == {
            "dry_run": False,
            "created": 0,
            "replaced": 0,
            "unchanged": 3,
            "errors": [],
        }
    assert versions() == before
    assert feed_size() == feed


@pytest.mark.parametrize("resource", TOP_LEVEL)
def test_every_export_imports_back_unchanged(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]], resource: str
) -> None:
    csv_body = get_csv(client, w13, f"/api/v1/{resource}")
    items = client.get(f"/api/v1/{resource}?limit=500", headers=w13).json()["items"]
    feed = feed_size()
    r = post_csv(client, w13, resource, csv_body)
    assert r.status_code == 200, r.text
    assert r.json()["unchanged"] == len(items) and r.json()["replaced"] == 0
    # JSON: the list's own items (read-only fields included) are accepted back as well.
    r = client.post(f"{API}/{resource}", json={"items": items}, headers=w13)
    assert r.status_code == 200, r.text
    assert r.json()["unchanged"] == len(items) and r.json()["created"] == 0
    assert feed_size() == feed


def test_a_bad_row_refuses_the_whole_import_and_reports_every_row(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    rows = actor_rows()
    rows[1]["kind"] = "vzw"  # not a kind
    rows[2]["kbo_number"] = "0630.835.638"  # wrong check digits
    rows[2]["places"] = "[{kapot"
    feed = feed_size()
    r = post_csv(client, w13, "actors", to_csv(HEADER, rows))
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(problem)
    assert problem["instance"] == f"{API}/actors"
    locs = [e["loc"] for e in problem["errors"]]
    assert ["body", "rows", 2, "kind"] in locs
    assert ["body", "rows", 3, "places"] in locs
    assert all(loc[:2] == ["body", "rows"] and loc[2] in (2, 3) for loc in locs)
    assert "nothing was written" in problem["detail"]
    assert count_rows("actors") == 0  # row 1 was fine, and still not written
    assert feed_size() == feed


def test_a_row_that_conflicts_with_a_row_above_is_found_too(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]]
) -> None:
    target = client.get("/api/v1/indicators?limit=1", headers=w13).json()["items"][0]["id"]
    header = ["indicator_id", "date", "value", "data_source"]
    rows = [
        {"indicator_id": target, "date": f"203{i}-12-31", "value": str(i), "data_source": "manual"}
        for i in range(3)
    ]
    rows[2]["date"] = rows[0]["date"]  # one value per date: clashes with row 1 once written
    before, feed = count_rows("measurements"), feed_size()
    r = post_csv(client, w13, "measurements", to_csv(header, rows))
    assert r.status_code == 422
    (err,) = r.json()["errors"]
    assert err["loc"][:3] == ["body", "rows", 3]
    assert count_rows("measurements") == before and feed_size() == feed


def test_dry_run_reports_and_writes_nothing(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    feed = feed_size()
    r = post_csv(client, w13, "actors", to_csv(HEADER, actor_rows()), "?dry_run=true")
    assert r.status_code == 200
    assert r.json() == {"dry_run": True, "created": 3, "replaced": 0, "unchanged": 0, "errors": []}
    assert count_rows("actors") == 0 and feed_size() == feed
    rows = actor_rows()
    rows[0]["municipality"] = "99999"
    bad = post_csv(client, w13, "actors", to_csv(HEADER, rows), "?dry_run=true")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "rows", 1, "municipality"]


def test_rows_match_by_id_by_external_id_and_by_code(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    by_id = create(client, w13, "actors", {"name": "Eén (fictief)", "kind": "partner"})
    synced = create(
        client,
        w13,
        "actors",
        {"name": "Twee (fictief)", "kind": "partner", "source": "w13-crm", "external_id": "A-2"},
    )
    coded = create(client, w13, "actors", {**ACTOR, "contact_persons": []})
    header = ["id", "source", "external_id", "name", "kind", "kbo_number"]
    rows = [
        {"id": by_id["id"], "name": "Eén (hernoemd)", "kind": "partner"},
        {"source": "w13-crm", "external_id": "A-2", "name": "Twee (fictief)", "kind": "partner"},
        {"name": ACTOR["name"], "kind": ACTOR["kind"], "kbo_number": "BE0630835639"},
        {"source": "w13-crm", "external_id": "A-3", "name": "Drie (fictief)", "kind": "w13"},
    ]
    r = post_csv(client, w13, "actors", to_csv(header, rows))
    assert r.json() == {"dry_run": False, "created": 1, "replaced": 1, "unchanged": 2, "errors": []}
    renamed = client.get(f"/api/v1/actors/{by_id['id']}", headers=w13).json()
    assert renamed["name"] == "Eén (hernoemd)" and renamed["version"] == 2
    assert client.get(f"/api/v1/actors/{synced['id']}", headers=w13).json()["version"] == 1
    # columns the CSV does not have keep their values
    kept = client.get(f"/api/v1/actors/{coded['id']}", headers=w13).json()
    assert kept["description"] == ACTOR["description"] and kept["places"] == ACTOR["places"]
    assert count_rows("actors") == 4


def test_an_id_that_contradicts_the_external_id_is_refused(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(
        client,
        w13,
        "actors",
        {"name": "Twee (fictief)", "kind": "partner", "source": "w13-crm", "external_id": "A-2"},
    )
    body = {
        "items": [
            {
                "id": str(uuid.uuid4()),
                "source": "w13-crm",
                "external_id": "A-2",
                "name": "Twee (fictief)",
                "kind": "partner",
            }
        ]
    }
    r = client.post(f"{API}/actors", json=body, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "rows", 1, "id"]


def test_json_items_are_create_schema_objects(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    new_id = str(uuid.uuid4())
    ok = client.post(f"{API}/actors", headers=w13, json={"items": [{**ACTOR, "id": new_id}]})
    assert ok.status_code == 200 and ok.json()["created"] == 1
    assert client.get(f"/api/v1/actors/{new_id}", headers=w13).json()["contact_persons"]
    bad = client.post(
        f"{API}/actors",
        headers=w13,
        json={
            "items": [
                {"name": "A (fictief)", "kind": "partner"},
                {"name": "B (fictief)", "kind": "partner", "bogus": 1},
                "geen object",
                {"kind": "partner"},
            ]
        },
    )
    assert bad.status_code == 422
    locs = [e["loc"] for e in bad.json()["errors"]]
    assert locs == [["body", "rows", 2, "bogus"], ["body", "rows", 3], ["body", "rows", 4, "name"]]
    assert count_rows("actors") == 1
    assert client.post(f"{API}/actors", headers=w13, json=[ACTOR]).status_code == 422


def test_header_problems_are_row_zero(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    body = b"name,kind,naam,kind\r\nA (fictief),partner,x,partner\r\n"
    r = post_csv(client, w13, "actors", body)
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [
        ["body", "rows", 0, "naam"],
        ["body", "rows", 0, "kind"],
    ]
    short = post_csv(client, w13, "actors", b"name,kind\r\nA (fictief)\r\n")
    assert short.json()["errors"][0]["loc"] == ["body", "rows", 1]
    empty = post_csv(client, w13, "actors", b"")
    assert empty.status_code == 422 and empty.json()["errors"][0]["loc"] == ["body", "rows", 0]


def test_semicolons_bom_formulas_and_read_only_columns(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    header = ["name", "kind", "description", "phone", "version", "updated_at"]
    rows = [
        {
            "name": "'=Werkplaats (fictief)",
            "kind": "partner",
            "description": "''=1+1",
            "phone": "'+32 56 12 34 56",
            "version": "17",
            "updated_at": "gisteren",
        }
    ]
    body = "\ufeff".encode() + to_csv(header, rows, delimiter=";")
    r = post_csv(client, w13, "actors", body)
    assert r.status_code == 200, r.text
    actor = client.get("/api/v1/actors", headers=w13).json()["items"][0]
    assert actor["name"] == "=Werkplaats (fictief)"  # the neutralising quote is taken off
    assert actor["description"] == "'=1+1"
    assert actor["phone"] == "+32 56 12 34 56"
    assert actor["version"] == 1  # read-only columns are ignored
    # ... and written again on the way out, so the round trip is exact
    again = post_csv(client, w13, "actors", get_csv(client, w13, "/api/v1/actors"))
    assert again.json()["unchanged"] == 1


def test_nested_rows_name_their_parent(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]]
) -> None:
    indicators = client.get("/api/v1/indicators?limit=500", headers=w13).json()["items"]
    target = indicators[0]["id"]
    header = ["indicator_id", "date", "value", "data_source", "note"]
    rows = [
        {
            "indicator_id": target,
            "date": "2031-12-31",
            "value": "81.5",
            "data_source": "manual",
            "note": "Raming (fictief)",
        },
        {"date": "2032-12-31", "value": "82", "data_source": "manual"},
    ]
    r = post_csv(client, w13, "measurements", to_csv(header, rows))
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {
            "loc": ["body", "rows", 2, "indicator_id"],
            "msg": "Required for a new record.",
            "code": "row_no_parent",
        }
    ]
    rows[1]["indicator_id"] = target
    r = post_csv(client, w13, "measurements", to_csv(header, rows))
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2
    listed = get_csv(client, w13, f"/api/v1/indicators/{target}/measurements")
    assert "Raming (fictief)" in listed.decode()
    again = post_csv(client, w13, "measurements", listed)
    assert again.json()["created"] == 0 and again.json()["replaced"] == 0
    # a measurement cannot move to another indicator
    _, lines = table(listed)
    lines[0]["indicator_id"] = indicators[1]["id"]
    moved = post_csv(client, w13, "measurements", to_csv(list(lines[0]), lines[:1]))
    assert moved.status_code == 422
    assert moved.json()["errors"][0]["loc"] == ["body", "rows", 1, "indicator_id"]


def test_who_may_import(
    client: TestClient, w13: dict[str, str], make_user: Any, kortrijk: dict[str, Any]
) -> None:
    body = to_csv(HEADER, actor_rows())
    assert post_csv(client, {}, "actors", body).status_code == 401
    muni = make_user("municipality", municipality="34022")["headers"]
    assert post_csv(client, muni, "actors", body).status_code == 403
    assert post_csv(client, w13, "users", b"email\r\n").status_code == 404
    assert post_csv(client, w13, "webhooks", b"url\r\n").status_code == 404
    assert count_rows("actors") == 0


def test_own_grants_limit_each_row(
    client: TestClient, w13: dict[str, str], make_user: Any, seeded: dict[str, dict[str, int]]
) -> None:
    """A ROSE member may write measurements of its own actions' indicators only."""
    with session_scope(write=False) as s:
        lead = s.scalars(select(Actor).where(Actor.rose_member)).first()
        assert lead is not None
    member = make_user("rose_member", actor=lead.id)["headers"]
    indicators = client.get("/api/v1/indicators?limit=500", headers=w13).json()["items"]
    rows = [
        {"indicator_id": i["id"], "date": "2031-12-31", "value": "1", "data_source": "manual"}
        for i in indicators[:6]
    ]
    before = count_rows("measurements")
    r = post_csv(
        client,
        member,
        "measurements",
        to_csv(["indicator_id", "date", "value", "data_source"], rows),
    )
    own = client.get("/api/v1/indicators?limit=500", headers=member).json()["items"]
    assert r.status_code == 422  # at least one of these indicators is not its own
    assert all(e["loc"][2] in range(1, 7) for e in r.json()["errors"])
    assert count_rows("measurements") == before
    assert own  # and the member still reads them all


def test_content_types_and_size_limit(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.post(
        f"{API}/actors", content=b"<xml/>", headers={**w13, "Content-Type": "application/xml"}
    )
    assert r.status_code == 415 and r.headers["content-type"] == "application/problem+json"
    r = client.post(
        f"{API}/actors", content=b"\xff\xfe", headers={**w13, "Content-Type": "text/csv"}
    )
    assert r.status_code == 422
    big = b"name,kind\r\n" + b"Organisatie (fictief),partner\r\n" * 40000
    r = post_csv(client, w13, "actors", big)
    assert r.status_code == 413
    assert count_rows("actors") == 0


def test_idempotency_key_replays_the_report(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    items = {"items": [{"name": "Zonder id (fictief)", "kind": "partner"}]}
    headers = {**w13, "Idempotency-Key": "import-1"}
    first = client.post(f"{API}/actors", json=items, headers=headers)
    again = client.post(f"{API}/actors", json=items, headers=headers)
    assert first.json()["created"] == 1 and again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert count_rows("actors") == 1
    other = client.post(f"{API}/actors", json={"items": []}, headers=headers)
    assert other.status_code == 422


def test_openapi_documents_the_import(client: TestClient) -> None:
    op = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/imports/{resource}"]["post"]
    assert op["operationId"] == "imports_create"
    assert set(op["requestBody"]["content"]) == {"text/csv", "application/json"}
    assert {"401", "403", "404", "413", "415", "422"} <= set(op["responses"])


def test_change_feed_gets_one_entry_per_written_row(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    feed = feed_size()
    post_csv(client, w13, "actors", to_csv(HEADER, actor_rows()))
    with session_scope(write=False) as s:
        written = s.scalar(
            select(func.count()).select_from(Change).where(Change.resource == "actors")
        )
    assert written == 3 and feed_size() == feed + 3


def test_sub_actions_may_come_before_their_parent(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]]
) -> None:
    header, rows = table(get_csv(client, w13, "/api/v1/actions"))
    template = {k: v for k, v in rows[0].items() if k not in ("id", "parent_id", "dossier_ids")}
    parent, child = str(uuid.uuid4()), str(uuid.uuid4())
    new = [
        {**template, "id": child, "parent_id": parent, "code": "Z99.1", "title": "Deelactie"},
        {**template, "id": parent, "code": "Z99", "title": "Hoofdactie"},
    ]
    r = post_csv(client, w13, "actions", to_csv(header, new))
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 2
    assert client.get(f"/api/v1/actions/{child}", headers=w13).json()["parent_id"] == parent
