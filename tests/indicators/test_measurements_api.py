import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import select

from api.core.db import get_engine, session_scope
from api.models import ActionPartner, Change, Measurement
from tests.conftest import count_rows
from tests.indicators.conftest import API, daeb, jobratio, measurement

Add = Callable[..., dict[str, Any]]


def url(indicator: dict[str, Any], record: dict[str, Any] | None = None) -> str:
    base = f"{API}/{indicator['id']}/measurements"
    return f"{base}/{record['id']}" if record else base


def dates(r: Any) -> list[str]:
    assert r.status_code == 200, r.text
    return [m["date"] for m in r.json()["items"]]


@pytest.fixture
def ratio(add_indicator: Add) -> dict[str, Any]:
    """A public context indicator."""
    return add_indicator(jobratio())


@pytest.fixture
def a01(add_indicator: Add, plan: dict[str, Any]) -> dict[str, Any]:
    """A non-public indicator of action A01 (led by De Brug, Het Veld partners)."""
    return add_indicator(daeb(plan["a01"]))


@pytest.fixture
def a02(add_indicator: Add, plan: dict[str, Any]) -> dict[str, Any]:
    """A non-public indicator of action A02 (led by Groenwerk)."""
    return add_indicator(
        daeb(plan["a02"], code="A02-TRAJECTEN", name="Trajecten met vervoer", unit="trajecten")
    )


# --- values and validation ---------------------------------------------------------------


def test_decimal_round_trip(
    client: TestClient, w13: dict[str, str], ratio: dict[str, Any], add_measurement: Add
) -> None:
    made = add_measurement(ratio, measurement("2019-09-30", 71.7))
    assert made["value"] == 71.7 and made["indicator_id"] == ratio["id"]
    r = client.get(url(ratio, made))
    assert r.status_code == 200 and r.headers["etag"]
    assert '"value":71.7,' in r.text
    precise = add_measurement(ratio, measurement("2020-09-30", "1234567890.1234"))
    assert client.get(url(ratio, precise)).json()["value"] == 1234567890.1234
    with session_scope(write=False) as session:
        stored = session.get(Measurement, uuid.UUID(made["id"]))
        assert stored is not None and stored.value == Decimal("71.7")  # exact, not a float


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2019-09-30", "value": 1}, "data_source"),
        (measurement(data_source=""), "data_source"),
        (measurement(data_source="   "), "data_source"),
        (measurement(data_source="x" * 301), "data_source"),
        ({"date": "2019-09-30", "data_source": "Arvastat"}, "value"),
        (measurement(value="veel"), "value"),
        (measurement(value=1.23456), "value"),
        (measurement(day="30/09/2019"), "date"),
        (measurement(note="x" * 2001), "note"),
        (measurement(indicator_id=str(uuid.uuid4())), "indicator_id"),  # the URL names it
    ],
)
def test_invalid_measurement_is_a_field_error(
    client: TestClient, w13: dict[str, str], ratio: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    r = client.post(url(ratio), json=body, headers=w13)
    assert r.status_code == 422, r.text
    assert ["body", field] in [e["loc"] for e in r.json()["errors"]]
    assert count_rows("measurements") == 0


def test_one_measurement_per_indicator_and_date(
    client: TestClient,
    w13: dict[str, str],
    ratio: dict[str, Any],
    a01: dict[str, Any],
    add_measurement: Add,
) -> None:
    first = add_measurement(ratio, measurement("2019-09-30", 81.3))
    r = client.post(url(ratio), json=measurement("2019-09-30", 81.4), headers=w13)
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert "2019-09-30" in r.json()["detail"]
    assert r.json()["errors"] == [
        {
            "loc": ["body", "date"],
            "msg": "A measurement on this date exists already.",
            "code": "measurement_exists",
        }
    ]
    assert count_rows("measurements") == 1
    add_measurement(a01, measurement("2019-09-30", 5))  # another indicator, same date: fine
    second = add_measurement(ratio, measurement("2020-09-30", 81.9))
    r = client.patch(url(ratio, second), json={"date": "2019-09-30"}, headers=w13)
    assert r.status_code == 409
    r = client.patch(url(ratio, first), json={"date": "2019-09-30", "value": 81.35}, headers=w13)
    assert r.status_code == 200, r.text  # its own date is no conflict
    assert client.get(url(ratio, second)).json()["date"] == "2020-09-30"


def test_patch_and_replace(
    client: TestClient, w13: dict[str, str], ratio: dict[str, Any], add_measurement: Add
) -> None:
    made = add_measurement(ratio, measurement())
    r = client.patch(url(ratio, made), json={"note": "Voorlopig cijfer."}, headers=w13)
    assert r.status_code == 200, r.text
    assert r.json()["note"] == "Voorlopig cijfer." and r.json()["version"] == 2
    assert r.json()["value"] == 81.3
    r = client.put(
        url(ratio, made),
        json=measurement(value=81.4, data_source="Arvastat"),
        headers={**w13, "If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["value"], r.json()["note"], r.json()["version"]) == (81.4, None, 3)
    new_id = str(uuid.uuid4())
    r = client.put(f"{url(ratio)}/{new_id}", json=measurement("2021-09-30", 82), headers=w13)
    assert r.status_code == 201
    assert r.json()["id"] == new_id and r.json()["indicator_id"] == ratio["id"]


def test_sorted_by_date_and_filtered_by_period(
    client: TestClient, ratio: dict[str, Any], add_measurement: Add
) -> None:
    for day in ("2021-09-30", "2019-09-30", "2023-09-30", "2020-09-30"):
        add_measurement(ratio, measurement(day))
    assert dates(client.get(url(ratio))) == ["2019-09-30", "2020-09-30", "2021-09-30", "2023-09-30"]
    assert dates(client.get(url(ratio) + "?date_from=2020-09-30")) == [
        "2020-09-30",
        "2021-09-30",
        "2023-09-30",
    ]
    assert dates(client.get(url(ratio) + "?date_to=2020-09-30")) == ["2019-09-30", "2020-09-30"]
    assert dates(client.get(url(ratio) + "?date_from=2020-01-01&date_to=2021-12-31")) == [
        "2020-09-30",
        "2021-09-30",
    ]
    assert dates(client.get(url(ratio) + "?date_from=2024-01-01")) == []
    r = client.get(url(ratio) + "?date_from=gisteren")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "date_from"]


def test_keyset_pagination_over_many_measurements(
    client: TestClient, ratio: dict[str, Any], a01: dict[str, Any]
) -> None:
    start = date(2015, 1, 1)
    with session_scope() as session:
        for i in range(130):
            session.add(
                Measurement(
                    indicator_id=uuid.UUID(ratio["id"]),
                    date=start + timedelta(days=7 * i),
                    value=70 + i / 10,
                    data_source="Arvastat",
                )
            )
        session.add(
            Measurement(indicator_id=uuid.UUID(a01["id"]), date=start, value=1, data_source="W13")
        )
    seen: list[str] = []
    link = url(ratio) + "?limit=50"
    pages = 0
    while link:
        r = client.get(link)
        assert r.status_code == 200, r.text
        pages += 1
        seen += [m["date"] for m in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        assert (cursor is None) == ("link" not in r.headers)
        link = r.headers["link"].split(";")[0].strip("<>") if cursor else ""
    assert pages == 3
    assert len(seen) == 130 == len(set(seen))
    assert seen == sorted(seen)
    assert seen[0] == "2015-01-01"


# --- who may read --------------------------------------------------------------------------


def test_nested_routes_answer_404_when_the_indicator_is_not_readable(
    client: TestClient,
    w13: dict[str, str],
    a01: dict[str, Any],
    add_measurement: Add,
) -> None:
    made = add_measurement(a01, measurement())
    for r in (
        client.get(url(a01)),
        client.get(url(a01, made)),
        client.post(url(a01), json=measurement("2020-01-01")),
        client.patch(url(a01, made), json={"note": "x"}),
        client.delete(url(a01, made)),
        client.get(f"{API}/{a01['id']}/series"),
    ):
        assert r.status_code == 404, r.text  # not 401: nothing tells it exists
        assert r.headers["content-type"] == "application/problem+json"
    assert count_rows("measurements") == 1
    assert client.get(url(a01), headers=w13).status_code == 200
    unknown = {"id": str(uuid.uuid4())}
    assert client.get(url(unknown), headers=w13).status_code == 404
    assert client.post(url(unknown), json=measurement(), headers=w13).status_code == 404


def test_a_measurement_is_reached_only_through_its_own_indicator(
    client: TestClient,
    w13: dict[str, str],
    ratio: dict[str, Any],
    a01: dict[str, Any],
    add_measurement: Add,
) -> None:
    made = add_measurement(a01, measurement())
    assert client.get(url(a01, made), headers=w13).status_code == 200
    assert client.get(url(ratio, made), headers=w13).status_code == 404
    assert client.patch(url(ratio, made), json={"note": "x"}, headers=w13).status_code == 404
    assert client.delete(url(ratio, made), headers=w13).status_code == 404
    assert count_rows("measurements") == 1


def test_public_indicator_measurements_are_public(
    client: TestClient, ratio: dict[str, Any], add_measurement: Add
) -> None:
    made = add_measurement(ratio, measurement())
    assert dates(client.get(url(ratio))) == ["2019-09-30"]
    assert client.get(url(ratio, made)).json()["value"] == 81.3
    r = client.post(url(ratio), json=measurement("2020-09-30"))
    assert r.status_code == 401  # readable, so the answer is: log in
    assert client.delete(url(ratio, made)).status_code == 401
    assert count_rows("measurements") == 1


# --- who may write: the ROSE member on its own action's indicators -------------------------


@pytest.mark.parametrize("actor", ["brug", "veld"])  # the lead actor and a partner
def test_rose_member_records_measurements_of_its_own_action(
    client: TestClient,
    make_user: Add,
    plan: dict[str, Any],
    a01: dict[str, Any],
    actor: str,
) -> None:
    headers = make_user("rose_member", actor=plan[actor])["headers"]
    r = client.post(url(a01), json=measurement("2021-12-31", 6, data_source="W13"), headers=headers)
    assert r.status_code == 201, r.text
    made = r.json()
    r = client.patch(url(a01, made), json={"value": 7}, headers=headers)
    assert r.status_code == 200 and r.json()["value"] == 7
    assert client.delete(url(a01, made), headers=headers).status_code == 204
    assert count_rows("measurements") == 0


def test_rose_member_cannot_touch_other_indicators(
    client: TestClient,
    make_user: Add,
    plan: dict[str, Any],
    a01: dict[str, Any],
    a02: dict[str, Any],
    ratio: dict[str, Any],
    add_measurement: Add,
) -> None:
    headers = make_user("rose_member", actor=plan["veld"])["headers"]  # partner in A01 only
    theirs = add_measurement(a02, measurement("2021-12-31", 10))
    regional = add_measurement(ratio, measurement())
    for indicator in (a02, ratio):
        r = client.post(url(indicator), json=measurement("2022-12-31"), headers=headers)
        assert r.status_code == 403, r.text
    for indicator, record in ((a02, theirs), (ratio, regional)):
        assert client.get(url(indicator, record), headers=headers).status_code == 200
        r = client.patch(url(indicator, record), json={"value": 99}, headers=headers)
        assert r.status_code == 403
        assert client.delete(url(indicator, record), headers=headers).status_code == 403
    assert count_rows("measurements") == 2
    assert client.get(url(a02, theirs), headers=headers).json()["value"] == 10


def test_rose_member_gains_the_right_with_a_partnership(
    client: TestClient,
    make_user: Add,
    plan: dict[str, Any],
    a01: dict[str, Any],
) -> None:
    headers = make_user("rose_member", actor=plan["groen"])["headers"]
    assert client.post(url(a01), json=measurement(), headers=headers).status_code == 403
    with session_scope() as session:  # Groenwerk becomes a partner of A01
        session.add(ActionPartner(action_id=plan["a01"], position=1, actor_id=plan["groen"]))
    assert client.post(url(a01), json=measurement(), headers=headers).status_code == 201


def test_municipality_reads_but_never_writes(
    client: TestClient,
    make_user: Add,
    kortrijk: dict[str, Any],
    a01: dict[str, Any],
    add_measurement: Add,
) -> None:
    headers = make_user("municipality", municipality="34022")["headers"]
    made = add_measurement(a01, measurement())
    assert dates(client.get(url(a01), headers=headers)) == ["2019-09-30"]
    assert client.post(url(a01), json=measurement("2020-01-01"), headers=headers).status_code == 403
    assert client.patch(url(a01, made), json={"value": 1}, headers=headers).status_code == 403
    assert client.delete(url(a01, made), headers=headers).status_code == 403
    assert count_rows("measurements") == 1
    assert client.get(url(a01, made), headers=headers).json()["value"] == 81.3


def test_w13_writes_every_indicators_measurements(
    client: TestClient,
    w13: dict[str, str],
    ratio: dict[str, Any],
    a02: dict[str, Any],
) -> None:
    for indicator in (ratio, a02):
        r = client.post(url(indicator), json=measurement(), headers=w13)
        assert r.status_code == 201
        r = client.patch(url(indicator, r.json()), json={"value": 80}, headers=w13)
        assert r.status_code == 200
        assert client.delete(url(indicator, r.json()), headers=w13).status_code == 204


def test_idempotent_create(client: TestClient, w13: dict[str, str], ratio: dict[str, Any]) -> None:
    headers = {**w13, "Idempotency-Key": "meting-2019"}
    first = client.post(url(ratio), json=measurement(), headers=headers)
    again = client.post(url(ratio), json=measurement(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert count_rows("measurements") == 1


# --- deletes and the change feed ---------------------------------------------------------


def feed(resource: str, op: str | None = None) -> list[Change]:
    with session_scope(write=False) as session:
        query = select(Change).where(Change.resource == resource)
        if op:
            query = query.where(Change.op == op)
        return list(session.scalars(query.order_by(Change.seq)))


def test_deleting_an_indicator_deletes_its_measurements_with_tombstones(
    client: TestClient,
    w13: dict[str, str],
    ratio: dict[str, Any],
    a01: dict[str, Any],
    add_measurement: Add,
) -> None:
    mine = [add_measurement(ratio, measurement(f"20{y}-09-30")) for y in (19, 20, 21)]
    other = add_measurement(a01, measurement())
    assert feed("measurements", "delete") == []
    r = client.delete(f"{API}/{ratio['id']}", headers=w13)
    assert r.status_code == 204, r.text
    assert count_rows("measurements") == 1
    tombstones = feed("measurements", "delete")
    assert sorted(str(c.record_id) for c in tombstones) == sorted(m["id"] for m in mine)
    assert {c.visibility for c in tombstones} == {"public"}  # as the indicator was
    assert [str(c.record_id) for c in feed("indicators", "delete")] == [ratio["id"]]
    assert client.get(f"{API}/{ratio['id']}", headers=w13).status_code == 404
    assert client.get(url(a01, other), headers=w13).status_code == 200


def test_measurement_visibility_follows_its_indicator(
    client: TestClient,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    ratio: dict[str, Any],
    a01: dict[str, Any],
    add_indicator: Add,
    add_measurement: Add,
) -> None:
    local = add_indicator(
        jobratio(
            code="CTX-INWONERS-34022",
            name="Inwoners Kortrijk",
            unit="personen",
            geography="municipality",
            municipality="34022",
            public=False,
        )
    )
    made = {
        key: add_measurement(ind, measurement())
        for key, ind in (("public", ratio), ("action", a01), ("local", local))
    }
    rows = {str(c.record_id): c for c in feed("measurements")}
    assert (rows[made["public"]["id"]].visibility, rows[made["public"]["id"]].municipalities) == (
        "public",
        [],
    )
    assert rows[made["action"]["id"]].visibility == "internal"
    assert (rows[made["local"]["id"]].visibility, rows[made["local"]["id"]].municipalities) == (
        "internal",
        ["34022"],
    )


# --- the series --------------------------------------------------------------------------


@contextmanager
def selects() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(get_engine(), "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(get_engine(), "before_cursor_execute", count)


def test_series_for_charts(
    client: TestClient, w13: dict[str, str], add_indicator: Add, add_measurement: Add
) -> None:
    ratio = add_indicator(jobratio(target_value=83, target_date="2025-12-31"))
    for day, value in (("2021-09-30", 82.1), ("2019-09-30", 81.3), ("2020-09-30", 80.9)):
        add_measurement(ratio, measurement(day, value))
    with selects() as statements:
        r = client.get(f"{API}/{ratio['id']}/series")
    assert r.status_code == 200, r.text
    assert len(statements) == 1  # indicator and points together
    body = r.json()
    assert body["indicator"]["code"] == "CTX-JOBRATIO-ZWVL"
    assert body["indicator"]["unit"] == "per 100 inwoners"
    assert body["baseline"] == {"date": "2019-09-30", "value": 81.3}
    assert body["target"] == {"date": "2025-12-31", "value": 83}
    assert body["points"] == [
        {"date": "2019-09-30", "value": 81.3},
        {"date": "2020-09-30", "value": 80.9},
        {"date": "2021-09-30", "value": 82.1},
    ]
    r = client.get(f"{API}/{ratio['id']}/series?date_from=2020-01-01&date_to=2020-12-31")
    assert [p["date"] for p in r.json()["points"]] == ["2020-09-30"]
    etag = client.get(f"{API}/{ratio['id']}/series").headers["etag"]
    assert (
        client.get(f"{API}/{ratio['id']}/series", headers={"If-None-Match": etag}).status_code
        == 304
    )
    add_measurement(ratio, measurement("2022-09-30", 82.4))
    assert (
        client.get(f"{API}/{ratio['id']}/series", headers={"If-None-Match": etag}).status_code
        == 200
    )


def test_series_without_measurements_or_marks(
    client: TestClient, w13: dict[str, str], add_indicator: Add, plan: dict[str, Any]
) -> None:
    bare = add_indicator(
        daeb(
            plan["a01"],
            baseline_value=None,
            baseline_date=None,
            target_value=None,
            target_date=None,
        )
    )
    r = client.get(f"{API}/{bare['id']}/series", headers=w13)
    assert r.status_code == 200
    assert (r.json()["baseline"], r.json()["target"], r.json()["points"]) == (None, None, [])
    assert client.get(f"{API}/{bare['id']}/series").status_code == 404
    assert client.get(f"{API}/{uuid.uuid4()}/series", headers=w13).status_code == 404
