"""Property-based tests (Hypothesis) of the validators and of the change feed.

The validators are checked against an independent statement of their rule (the mod-97 check,
a five-digit code, end not before start, the status graphs); the change feed by replaying it
onto an empty copy after random sequences of writes through the API."""

from __future__ import annotations

import re
import string
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from api.actions.schemas import ActionStatus
from api.actions.service import TRANSITIONS as ACTION_GRAPH
from api.actors.kbo import format_kbo, normalize_kbo
from api.core.schemas import NisCode, check_period
from api.dossiers.schemas import DossierStatus
from api.dossiers.service import TRANSITIONS as DOSSIER_GRAPH
from tests.conftest import create

pytestmark = pytest.mark.fuzz

PURE = settings(max_examples=300, deadline=None, derandomize=True)
API = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- KBO ---------------------------------------------------------------------------------


def check_digits(first_eight: int) -> int:
    return 97 - first_eight % 97


valid_kbo = st.integers(0, 19_999_999).map(lambda n: f"{n:08d}{check_digits(n):02d}")


@PURE
@given(valid_kbo, st.sampled_from(["plain", "dotted", "be", "be-spaced", "short"]))
def test_every_valid_kbo_in_every_accepted_form_normalises_to_its_ten_digits(
    kbo: str, form: str
) -> None:
    written = {
        "plain": kbo,
        "dotted": format_kbo(kbo),
        "be": "BE" + kbo,
        "be-spaced": f"be {kbo[:4]} {kbo[4:7]} {kbo[7:]}",
        "short": kbo[1:] if kbo[0] == "0" else kbo,
    }[form]
    assert normalize_kbo(written) == kbo
    assert normalize_kbo(format_kbo(kbo)) == kbo
    assert re.fullmatch(r"[01]\d{3}\.\d{3}\.\d{3}", format_kbo(kbo))


@PURE
@given(st.integers(0, 19_999_999), st.integers(0, 99))
def test_a_kbo_with_wrong_check_digits_is_refused(first_eight: int, check: int) -> None:
    raw = f"{first_eight:08d}{check:02d}"
    if check == check_digits(first_eight):
        assert normalize_kbo(raw) == raw
    else:
        with pytest.raises(ValueError, match="check digits"):
            normalize_kbo(raw)


@PURE
@given(st.text(max_size=30))
def test_any_text_is_a_kbo_or_a_value_error(raw: str) -> None:
    try:
        value = normalize_kbo(raw)
    except ValueError:
        return
    assert re.fullmatch(r"[01][0-9]{9}", value)
    assert int(value[8:]) == check_digits(int(value[:8]))


# --- NIS codes and periods ---------------------------------------------------------------

nis = TypeAdapter(NisCode)


@PURE
@given(st.one_of(st.text(max_size=8), st.from_regex(r"\A[0-9]{5}\Z"), st.from_regex(r"[0-9]{5}")))
def test_a_nis_code_is_exactly_five_ascii_digits(raw: str) -> None:
    expected = re.fullmatch(r"[0-9]{5}", raw, flags=re.ASCII) is not None
    try:
        nis.validate_python(raw)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is expected, repr(raw)


dates = st.dates(date(1900, 1, 1), date(2200, 12, 31))


@PURE
@given(st.one_of(st.none(), dates), st.one_of(st.none(), dates))
def test_a_period_may_not_end_before_it_starts(start: date | None, end: date | None) -> None:
    errors = check_period(start, end)
    assert bool(errors) is (start is not None and end is not None and end < start)


@API
@given(start=dates, days=st.integers(-400, 400))
def test_municipality_validity_through_the_api(
    client: TestClient, w13: dict[str, str], start: date, days: int
) -> None:
    end = start + timedelta(days=days)
    code = f"{uuid.uuid4().int % 90000 + 10000:05d}"
    r = client.post(
        "/api/v1/municipalities",
        headers=w13,
        json={
            "nis_code": code,
            "name_nl": "Proefgemeente",
            "valid_from": start.isoformat(),
            "valid_to": end.isoformat(),
        },
    )
    if days < 0:
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["loc"] == ["body", "valid_to"]
    else:
        assert r.status_code in (201, 409), r.text  # 409: the random code was drawn before


# --- status graphs -----------------------------------------------------------------------


def test_the_graphs_are_closed_and_every_status_is_reachable() -> None:
    for graph, statuses, first in (
        (ACTION_GRAPH, list(ActionStatus), ActionStatus.planned),
        (DOSSIER_GRAPH, list(DossierStatus), DossierStatus.open),
    ):
        assert set(graph) == set(statuses)
        seen, todo = {first}, [first]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert seen == set(statuses)


@pytest.fixture
def pillar(client: TestClient, w13: dict[str, str]) -> str:
    body = {
        "code": "3.3.2",
        "framework": "actieplan",
        "title": "De lokale sociale economie verder uitbouwen",
        "sort_order": 1,
    }
    return str(create(client, w13, "pillars", body)["id"])


@API
@given(steps=st.lists(st.sampled_from(list(ActionStatus)), max_size=8))
def test_action_status_follows_its_graph(
    client: TestClient, w13: dict[str, str], pillar: str, steps: list[ActionStatus]
) -> None:
    action = create(
        client,
        w13,
        "actions",
        {
            "code": f"P{uuid.uuid4().hex[:8]}",
            "title": "Eigenschapstest",
            "pillar_id": pillar,
            "start_date": "2020-01-01",
            "end_date": "2025-12-31",
        },
    )
    url, current = f"/api/v1/actions/{action['id']}", ActionStatus(action["status"])
    for target in steps:
        patch: dict[str, Any] = {"status": target.value}
        if target is ActionStatus.done:
            patch["progress"] = 100
        r = client.patch(url, headers=w13, json=patch)
        allowed = target == current or target in ACTION_GRAPH[current]
        assert r.status_code == (200 if allowed else 422), (current, target, r.text)
        if allowed:
            current = target
        else:
            assert r.json()["errors"][0]["loc"] == ["body", "status"]
    assert client.get(url, headers=w13).json()["status"] == current.value


@API
@given(steps=st.lists(st.sampled_from(list(DossierStatus)), max_size=8))
def test_dossier_status_follows_its_graph(
    client: TestClient, w13: dict[str, str], steps: list[DossierStatus]
) -> None:
    dossier = create(
        client,
        w13,
        "dossiers",
        {
            "code": f"SIG-{uuid.uuid4().hex[:6]}",
            "title": "Eigenschapstest",
            "theme": "mobiliteit",
            "level": "provincie",
        },
    )
    url, current = f"/api/v1/dossiers/{dossier['id']}", DossierStatus(dossier["status"])
    for target in steps:
        r = client.patch(url, headers=w13, json={"status": target.value})
        allowed = target == current or target in DOSSIER_GRAPH[current]
        assert r.status_code == (200 if allowed else 422), (current, target, r.text)
        if allowed:
            current = target
    assert client.get(url, headers=w13).json()["status"] == current.value


# --- the change feed ---------------------------------------------------------------------

FEED_RESOURCES = ("actors", "municipalities")
names = (
    st.text(string.ascii_letters + "éèëçàô '-&", min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)
ops = st.lists(
    st.tuples(
        st.sampled_from(["create", "patch", "replace", "delete"]),
        st.sampled_from(FEED_RESOURCES),
        st.integers(0, 1000),
        names,
    ),
    min_size=1,
    max_size=25,
)


def _body(resource: str, name: str) -> dict[str, Any]:
    if resource == "actors":
        return {"name": name, "kind": "partner", "description": "Eigenschapstest."}
    return {
        "nis_code": f"{uuid.uuid4().int % 90000 + 10000:05d}",
        "name_nl": name,
        "valid_from": "2019-01-01",
    }


def _all(client: TestClient, headers: dict[str, str], path: str, key: str) -> list[Any]:
    out: list[Any] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 500}
        if cursor:
            params["cursor"] = cursor
        r = client.get(path, headers=headers, params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        out += page[key]
        if not page[key] or not page["next_cursor"] or page["next_cursor"] == cursor:
            return out
        cursor = page["next_cursor"]


@API
@given(script=ops)
def test_replaying_the_change_feed_rebuilds_the_live_state(
    client: TestClient, w13: dict[str, str], script: list[tuple[str, str, int, str]]
) -> None:
    live: dict[str, list[str]] = {r: [] for r in FEED_RESOURCES}
    for op, resource, pick, name in script:
        ids = live[resource]
        if op == "create" or not ids:
            r = client.post(f"/api/v1/{resource}", headers=w13, json=_body(resource, name))
            assert r.status_code in (201, 409), r.text
            if r.status_code == 201:
                ids.append(r.json()["id"])
            continue
        record_id = ids[pick % len(ids)]
        url = f"/api/v1/{resource}/{record_id}"
        if op == "delete":
            assert client.delete(url, headers=w13).status_code == 204
            ids.remove(record_id)
        elif op == "patch":
            field = "name" if resource == "actors" else "name_nl"
            assert client.patch(url, headers=w13, json={field: name}).status_code == 200
        else:
            current = client.get(url, headers=w13).json()
            body = _body(resource, name)
            if resource == "municipalities":
                body["nis_code"] = current["nis_code"]
            r = client.put(url, headers=w13, json=body)
            assert r.status_code == 200, r.text

    replica: dict[tuple[str, str], dict[str, Any]] = {}
    last_version: dict[tuple[str, str], int] = {}
    for change in _all(client, w13, "/api/v1/changes", "items"):
        if change["resource"] not in FEED_RESOURCES:
            continue
        key = (change["resource"], change["id"])
        assert change["version"] >= last_version.get(key, 0), change
        last_version[key] = change["version"]
        if change["op"] == "delete":
            replica.pop(key, None)
            continue
        r = client.get(f"/api/v1/{key[0]}/{key[1]}", headers=w13)
        if r.status_code == 404:
            continue  # deleted later on: its tombstone follows in the feed
        assert r.status_code == 200, r.text
        replica[key] = r.json()

    state = {
        (resource, item["id"]): item
        for resource in FEED_RESOURCES
        for item in _all(client, w13, f"/api/v1/{resource}", "items")
    }
    assert replica == state
    for (resource, record_id), item in state.items():
        assert last_version[(resource, record_id)] == item["version"]
