"""Dossiers through HTTP: fields, anonymity, life-cycle with its automatic timeline event,
meetings that discussed them, filters and who may do what."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core.db import get_engine
from tests.conftest import count_rows
from tests.dossiers.conftest import API, dossier, link_meeting, make_dossier


def today() -> str:
    return datetime.now(ZoneInfo("Europe/Brussels")).date().isoformat()


def events_of(client: TestClient, headers: dict[str, str], dossier_id: str) -> list[dict[str, Any]]:
    r = client.get(f"{API}/{dossier_id}/events", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def feed(resource: str) -> list[dict[str, Any]]:
    with get_engine().connect() as conn:
        rows = (
            conn.execute(
                sa.text(
                    "SELECT resource, record_id, op, visibility, actor_ids, municipalities "
                    "FROM changes WHERE resource = :r ORDER BY seq"
                ),
                {"r": resource},
            )
            .mappings()
            .all()
        )
    out = []
    for row in rows:
        item = dict(row)
        for key in ("actor_ids", "municipalities"):  # JSON text on SQLite, JSONB on PostgreSQL
            if isinstance(item[key], str):
                item[key] = json.loads(item[key])
        item["record_id"] = str(uuid.UUID(str(item["record_id"])))
        out.append(item)
    return out


def test_create_and_read_back(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    created = make_dossier(client, w13, raised_by=world["brug"])
    assert created["status"] == "open"
    assert created["meeting_ids"] == []
    assert created["version"] == 1
    r = client.get(f"{API}/{created['id']}", headers=w13)
    assert r.status_code == 200
    assert r.headers["etag"]
    body = r.json()
    assert (body["code"], body["theme"], body["level"]) == ("SIG-03", "mobiliteit", "provincie")
    assert body["raised_by_id"] == str(world["brug"])


@pytest.mark.parametrize(
    ("field", "value"),
    [("theme", "armoede"), ("level", "gemeente"), ("status", "archived"), ("code", "SIG 03")],
)
def test_enums_and_code_are_checked(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID], field: str, value: str
) -> None:
    r = client.post(API, json=dossier(**{field: value}), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", field]
    assert count_rows("dossiers") == 0


def test_unknown_actor_is_refused(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    r = client.post(API, json=dossier(raised_by=uuid.uuid4()), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "raised_by_id"]


@pytest.mark.parametrize(
    "leak",
    [
        "Werknemer 85.07.30-033.61 wacht al een jaar op een indicering.",
        "Meer info bij de begeleider: an.peeters@example.org.",
        "De werknemer is bereikbaar op 0470 12 34 56.",
    ],
)
def test_evidence_with_personal_data_is_refused(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID], leak: str
) -> None:
    r = client.post(API, json=dossier(evidence_summary=leak), headers=w13)
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["loc"] == ["body", "evidence_summary"]
    assert "never stores personal data" in err["msg"]
    assert count_rows("dossiers") == 0


def test_patch_with_personal_data_changes_nothing(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    r = client.patch(
        f"{API}/{d['id']}",
        headers=w13,
        json={"evidence_summary": "Zie rijksregisternummer 85073003361."},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "evidence_summary"]
    after = client.get(f"{API}/{d['id']}", headers=w13).json()
    assert after["evidence_summary"] == d["evidence_summary"] and after["version"] == 1


def test_anonymous_evidence_with_figures_is_accepted(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    text = (
        "Eind 2018 bleven 417 mensen met een maatwerk- of LDE-advies zonder plaats; het "
        "aandeel jongeren onder de werklozen was 28,8 % (2019). Gemeld door 0630.835.639."
    )
    assert make_dossier(client, w13, evidence_summary=text)["evidence_summary"] == text


# --- life-cycle ----------------------------------------------------------------------------


def test_full_life_cycle_logs_every_change(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13, raised_by=world["brug"])
    path = ["on_agenda", "signalled", "answered", "closed", "open"]
    for status in path:
        r = client.patch(f"{API}/{d['id']}", json={"status": status}, headers=w13)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == status
    events = events_of(client, w13, d["id"])
    assert [e["kind"] for e in events] == ["status_change"] * len(path)
    assert [e["text"] for e in events] == [
        "Status: open → on_agenda",
        "Status: on_agenda → signalled",
        "Status: signalled → answered",
        "Status: answered → closed",
        "Status: closed → open",
    ]
    assert {e["date"] for e in events} == {today()}


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        ("open", "answered", "on_agenda, closed"),
        ("open", "signalled", "on_agenda, closed"),
        ("closed", "answered", "open"),
    ],
)
def test_illegal_transition_names_the_allowed_states(
    client: TestClient,
    w13: dict[str, str],
    world: dict[str, uuid.UUID],
    start: str,
    target: str,
    allowed: str,
) -> None:
    d = make_dossier(client, w13, status=start)
    r = client.patch(f"{API}/{d['id']}", json={"status": target}, headers=w13)
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["loc"] == ["body", "status"]
    assert err["msg"].endswith(f"allowed next states: {allowed}.")
    assert client.get(f"{API}/{d['id']}", headers=w13).json()["status"] == start
    assert count_rows("dossier_events") == 0


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("open", "closed"),
        ("on_agenda", "open"),
        ("on_agenda", "closed"),
        ("signalled", "on_agenda"),
        ("signalled", "closed"),
        ("answered", "signalled"),
    ],
)
def test_practical_shortcuts_are_allowed(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID], start: str, target: str
) -> None:
    d = make_dossier(client, w13, status=start)
    r = client.patch(f"{API}/{d['id']}", json={"status": target}, headers=w13)
    assert r.status_code == 200, r.text


def test_put_status_change_is_logged_once_and_fed(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13, raised_by=world["brug"])
    r = client.put(
        f"{API}/{d['id']}", headers=w13, json=dossier(raised_by=world["brug"], status="on_agenda")
    )
    assert r.status_code == 200, r.text
    (ev,) = events_of(client, w13, d["id"])
    assert ev["text"] == "Status: open → on_agenda" and ev["kind"] == "status_change"
    # the event went through the ORM: the change feed and the audit trail have it
    fed = feed("dossier-events")
    assert [(f["record_id"], f["op"]) for f in fed] == [(ev["id"], "upsert")]
    assert fed[0]["visibility"] == "internal"
    assert fed[0]["actor_ids"] == [str(world["brug"])]
    with get_engine().connect() as conn:
        audited = conn.execute(
            sa.text("SELECT count(*) FROM audit_entries WHERE resource = 'dossier-events'")
        ).scalar_one()
    assert audited == 1


def test_changes_without_status_change_add_no_event(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    r = client.patch(
        f"{API}/{d['id']}", json={"title": "Bereikbaarheid bedrijventerreinen"}, headers=w13
    )
    assert r.status_code == 200
    r = client.patch(f"{API}/{d['id']}", json={"status": "open"}, headers=w13)
    assert r.status_code == 200
    assert events_of(client, w13, d["id"]) == []


def test_feed_visibility_names_the_raiser(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    make_dossier(client, w13, raised_by=world["brug"])
    (row,) = feed("dossiers")
    assert row["visibility"] == "internal"
    assert row["actor_ids"] == [str(world["brug"])]
    assert row["municipalities"] == []


# --- meetings that discussed it --------------------------------------------------------------


def test_meeting_ids_in_date_order(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    other = make_dossier(client, w13, code="SIG-07")
    link_meeting(world["m_sept"], d["id"])
    link_meeting(world["m_june"], d["id"])
    got = client.get(f"{API}/{d['id']}", headers=w13).json()
    assert got["meeting_ids"] == [str(world["m_june"]), str(world["m_sept"])]
    listed = {i["code"]: i["meeting_ids"] for i in client.get(API, headers=w13).json()["items"]}
    assert listed == {"SIG-03": got["meeting_ids"], "SIG-07": []}
    assert other["meeting_ids"] == []


def test_meeting_ids_are_read_only(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13)
    r = client.patch(f"{API}/{d['id']}", json={"meeting_ids": [str(world["m_june"])]}, headers=w13)
    assert r.status_code == 422
    assert {
        "loc": ["body", "meeting_ids"],
        "msg": "Unknown field.",
        "code": "extra_forbidden",
    } in r.json()["errors"]


def test_meeting_ids_of_a_page_cost_one_query(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    def statements_for_list() -> int:
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(args[2])

        sa.event.listen(get_engine(), "before_cursor_execute", count)
        try:
            assert client.get(API, headers=w13).status_code == 200
        finally:
            sa.event.remove(get_engine(), "before_cursor_execute", count)
        return len(seen)

    first = make_dossier(client, w13, code="SIG-01")
    link_meeting(world["m_june"], first["id"])
    one = statements_for_list()
    for n in range(2, 7):
        d = make_dossier(client, w13, code=f"SIG-0{n}")
        link_meeting(world["m_sept"], d["id"], position=n)
    assert statements_for_list() == one


# --- filters -------------------------------------------------------------------------------


def test_filters_and_sort(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    make_dossier(
        client,
        w13,
        code="SIG-07",
        theme="jongeren",
        level="vlaanderen",
        raised_by=world["veld"],
        title="Jongeren in het leefloon",
        status="on_agenda",
    )
    make_dossier(
        client,
        w13,
        code="SIG-02",
        theme="contingentering",
        level="vlaanderen",
        raised_by=world["brug"],
        title="Contingentering van trajecten",
        evidence_summary="Wachtlijsten bij maatwerkbedrijven terwijl er werk is.",
    )
    make_dossier(client, w13, code="SIG-03", raised_by=world["brug"])

    def codes(query: str = "") -> list[str]:
        r = client.get(f"{API}?{query}", headers=w13)
        assert r.status_code == 200, r.text
        return [d["code"] for d in r.json()["items"]]

    assert codes() == ["SIG-02", "SIG-03", "SIG-07"]
    assert codes("status=on_agenda") == ["SIG-07"]
    assert codes("theme=contingentering") == ["SIG-02"]
    assert codes("level=vlaanderen") == ["SIG-02", "SIG-07"]
    assert codes(f"raised_by={world['brug']}") == ["SIG-02", "SIG-03"]
    assert codes("q=WACHTLIJSTEN") == ["SIG-02"]
    assert codes("q=sig-07") == ["SIG-07"]
    assert codes("q=leefloon") == ["SIG-07"]
    assert client.get(f"{API}?status=archived", headers=w13).status_code == 422
    page = client.get(f"{API}?limit=2", headers=w13).json()
    assert [d["code"] for d in page["items"]] == ["SIG-02", "SIG-03"]
    rest = client.get(f"{API}?limit=2&cursor={page['next_cursor']}", headers=w13).json()
    assert [d["code"] for d in rest["items"]] == ["SIG-07"] and rest["next_cursor"] is None


# --- who may do what -----------------------------------------------------------------------


def test_rose_member_reads_every_dossier(
    client: TestClient, w13: dict[str, str], brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    other = make_dossier(client, w13, raised_by=world["veld"])
    assert client.get(f"{API}/{other['id']}", headers=brug).status_code == 200
    assert [d["id"] for d in client.get(API, headers=brug).json()["items"]] == [other["id"]]


def test_rose_member_raises_own_dossier_only(
    client: TestClient, brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    r = client.post(API, json=dossier(raised_by=world["brug"]), headers=brug)
    assert r.status_code == 201, r.text
    for raiser in (world["veld"], None):
        r = client.post(API, json=dossier(raised_by=raiser, code="SIG-09"), headers=brug)
        assert r.status_code == 403
        assert r.headers["content-type"] == "application/problem+json"
    assert count_rows("dossiers") == 1
    assert len(feed("dossiers")) == 1


def test_rose_member_updates_allowed_fields_of_own_dossier(
    client: TestClient, w13: dict[str, str], brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    own = make_dossier(client, w13, raised_by=world["brug"])
    r = client.patch(
        f"{API}/{own['id']}",
        headers=brug,
        json={"status": "on_agenda", "title": "Bereikbaarheid van bedrijventerreinen"},
    )
    assert r.status_code == 200, r.text
    assert [e["kind"] for e in events_of(client, brug, own["id"])] == ["status_change"]
    for change in ({"code": "SIG-99"}, {"raised_by_id": str(world["veld"])}):
        r = client.patch(f"{API}/{own['id']}", json=change, headers=brug)
        assert r.status_code == 403
        assert r.json()["errors"][0]["loc"] == ["body", next(iter(change))]
    assert client.delete(f"{API}/{own['id']}", headers=brug).status_code == 403
    assert client.get(f"{API}/{own['id']}", headers=w13).json()["version"] == 2


def test_rose_member_cannot_change_another_actors_dossier(
    client: TestClient, w13: dict[str, str], brug: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    other = make_dossier(client, w13, raised_by=world["veld"])
    r = client.patch(f"{API}/{other['id']}", json={"status": "on_agenda"}, headers=brug)
    assert r.status_code == 403
    assert client.get(f"{API}/{other['id']}", headers=w13).json()["status"] == "open"
    assert count_rows("dossier_events") == 0


def test_municipality_and_anonymous_have_no_access(
    client: TestClient,
    w13: dict[str, str],
    municipal: dict[str, str],
    world: dict[str, uuid.UUID],
) -> None:
    d = make_dossier(client, w13)
    assert client.get(API, headers=municipal).status_code == 403
    assert client.get(f"{API}/{d['id']}", headers=municipal).status_code == 403
    assert client.post(API, json=dossier(code="SIG-08"), headers=municipal).status_code == 403
    r = client.get(API)
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    assert client.get(f"{API}/{d['id']}").status_code == 401
    assert client.post(API, json=dossier(code="SIG-08")).status_code == 401
    assert count_rows("dossiers") == 1


def test_w13_deletes_a_dossier_with_its_timeline(
    client: TestClient, w13: dict[str, str], world: dict[str, uuid.UUID]
) -> None:
    d = make_dossier(client, w13, raised_by=world["brug"])
    client.patch(f"{API}/{d['id']}", json={"status": "on_agenda"}, headers=w13)
    client.post(
        f"{API}/{d['id']}/events",
        headers=w13,
        json={"date": "2025-09-18", "kind": "note", "text": "Cijfers per site gevraagd."},
    )
    assert count_rows("dossier_events") == 2
    assert client.delete(f"{API}/{d['id']}", headers=w13).status_code == 204
    assert count_rows("dossiers") == 0 and count_rows("dossier_events") == 0
    tombstones = [f for f in feed("dossier-events") if f["op"] == "delete"]
    assert len(tombstones) == 2
    assert all(t["actor_ids"] == [str(world["brug"])] for t in tombstones)
    assert client.get(f"{API}/{d['id']}", headers=w13).status_code == 404
