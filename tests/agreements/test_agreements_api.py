"""Agreements through HTTP: the fields EU decision 2012/21/EU asks for, validated the way a
DAEB file is checked, and "which agreements run in municipality X on day D"."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core.db import get_engine
from tests.agreements.conftest import API, agreement, make_agreement
from tests.conftest import count_rows


def errors(r: Any) -> list[tuple[list[Any], str]]:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    return [(e["loc"], e["msg"]) for e in r.json()["errors"]]


def locs(r: Any) -> list[list[Any]]:
    return [loc for loc, _ in errors(r)]


def test_create_and_read_back_with_provider(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    a = make_agreement(client, w13, region["klus"])
    assert a["municipalities"] == ["34022", "34023", "34025"]
    assert a["provider_kbo"] == "0630835639"
    assert a["provider_name"] == "Klusjesbedrijf Leiestreek (fictief)"
    assert a["compensation_amount"] == 98000.0 and a["volume"] == 7800.0
    assert a["review_dates"] == ["2024-03-31", "2025-03-31", "2026-03-31"]
    r = client.get(f"{API}/{a['id']}", headers=w13)
    assert r.status_code == 200 and r.headers["etag"]
    assert r.json()["municipalities"] == a["municipalities"]


def test_replacing_municipalities_replaces_the_list(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    a = make_agreement(client, w13, region["klus"])
    r = client.patch(f"{API}/{a['id']}", json={"municipalities": ["34027", "34022"]}, headers=w13)
    assert r.status_code == 200, r.text
    assert r.json()["municipalities"] == ["34027", "34022"] and r.json()["version"] == 2
    assert count_rows("agreement_municipalities") == 2


def test_provider_kbo_and_name_of_a_page_cost_one_query(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    def statements_for_list() -> int:
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(args[2])

        sa.event.listen(get_engine(), "before_cursor_execute", count)
        try:
            items = client.get(API, headers=w13).json()["items"]
        finally:
            sa.event.remove(get_engine(), "before_cursor_execute", count)
        assert all(i["provider_name"] for i in items)
        return len(seen)

    make_agreement(client, w13, region["klus"])
    one = statements_for_list()
    for provider in ("opvang", "zonder", "klus", "opvang"):
        make_agreement(client, w13, region[provider])
    assert statements_for_list() == one
    items = client.get(f"{API}?provider={region['zonder']}", headers=w13).json()["items"]
    assert [(i["provider_kbo"], i["provider_name"]) for i in items] == [
        (None, "Buurtwerking zonder KBO (fictief)")
    ]


# --- validation, both ways -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"municipalities": []}, ["body", "municipalities"]),
        ({"municipalities": ["34022", "34023", "34022"]}, ["body", "municipalities", 2]),
        ({"municipalities": ["34022", "99999"]}, ["body", "municipalities", 1]),
        ({"municipalities": ["3402"]}, ["body", "municipalities", 0]),
        ({"municipalities": ["34022", "45057"]}, ["body", "municipalities", 1]),
        ({"end_date": "2023-06-30"}, ["body", "end_date"]),
        ({"review_dates": ["2023-06-30"]}, ["body", "review_dates", 0]),
        ({"review_dates": ["2024-03-31", "2027-07-01"]}, ["body", "review_dates", 1]),
        ({"review_dates": ["2024-03-31", "2024-03-31"]}, ["body", "review_dates", 1]),
        ({"compensation_amount": -1}, ["body", "compensation_amount"]),
        ({"compensation_amount": 98000.125}, ["body", "compensation_amount"]),
        ({"volume": 0}, ["body", "volume"]),
        ({"volume_unit": None}, ["body", "volume_unit"]),
        ({"volume": None}, ["body", "volume"]),
        ({"volume_unit": "days"}, ["body", "volume_unit"]),
        ({"council_decision_uri": "ftp://example.org/besluit"}, ["body", "council_decision_uri"]),
        ({"council_decision_uri": "besluit 2023/12"}, ["body", "council_decision_uri"]),
        ({"regime": "dienstencheques"}, ["body", "regime"]),
        ({"provider_id": str(uuid.UUID(int=7))}, ["body", "provider_id"]),
        ({"title": " "}, ["body", "title"]),
        ({"colour": "blue"}, ["body", "colour"]),
    ],
)
def test_invalid_agreements_are_refused_at_the_field(
    client: TestClient,
    w13: dict[str, str],
    region: dict[str, uuid.UUID],
    changes: dict[str, Any],
    loc: list[Any],
) -> None:
    r = client.post(API, json=agreement(region["klus"], **changes), headers=w13)
    assert loc in locs(r)
    assert count_rows("agreements") == 0 and count_rows("agreement_municipalities") == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"compensation_amount": 98000.12},
        {"compensation_amount": 0},
        {"compensation_amount": None},
        {"volume": None, "volume_unit": None},
        {"volume": 3.5, "volume_unit": "fte"},
        {"volume": 36, "volume_unit": "places"},
        {"end_date": "2023-07-01", "review_dates": []},
        # the check at the end of the period comes after the last year's accounts
        {"review_dates": ["2023-07-01", "2026-06-30", "2027-06-30"]},
        {"council_decision_uri": None, "council_decision_date": None},
        {"municipalities": ["34027", "33029"]},
    ],
)
def test_valid_variants_are_accepted(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID], changes: dict[str, Any]
) -> None:
    r = client.post(API, json=agreement(region["klus"], **changes), headers=w13)
    assert r.status_code == 201, r.text


def test_old_nis_code_fits_an_agreement_of_its_time(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    r = client.post(
        API,
        headers=w13,
        json=agreement(
            region["klus"],
            municipalities=["45057"],
            start_date="2016-01-01",
            end_date="2018-12-31",
            review_dates=[],
            regime="lde",
        ),
    )
    assert r.status_code == 201, r.text


def test_no_new_lde_since_1_july_2023(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    r = client.post(API, json=agreement(region["klus"], regime="lde"), headers=w13)
    ((loc, msg),) = errors(r)
    assert loc == ["body", "regime"]
    assert "No new LDE recognitions since 1 July 2023" in msg
    assert "individueel_maatwerk" in msg
    assert count_rows("agreements") == 0
    before = agreement(
        region["klus"], regime="lde", start_date="2023-06-30", review_dates=["2024-03-31"]
    )
    assert client.post(API, json=before, headers=w13).status_code == 201
    for regime in ("transitional", "individueel_maatwerk"):
        assert (
            client.post(API, json=agreement(region["klus"], regime=regime), headers=w13).status_code
            == 201
        )


def test_an_existing_lde_agreement_can_be_edited_but_not_moved_past_the_cutoff(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    lde = make_agreement(
        client,
        w13,
        region["klus"],
        regime="lde",
        start_date="2020-01-01",
        end_date="2022-12-31",
        review_dates=["2021-03-31", "2023-03-31"],
    )
    r = client.patch(f"{API}/{lde['id']}", json={"end_date": "2023-12-31"}, headers=w13)
    assert r.status_code == 200, r.text
    r = client.patch(
        f"{API}/{lde['id']}", json={"start_date": "2023-08-01", "review_dates": []}, headers=w13
    )
    assert locs(r) == [["body", "regime"]]
    later = make_agreement(client, w13, region["klus"], regime="transitional")
    r = client.patch(f"{API}/{later['id']}", json={"regime": "lde"}, headers=w13)
    assert locs(r) == [["body", "regime"]]
    assert client.get(f"{API}/{later['id']}", headers=w13).json()["regime"] == "transitional"


def test_refused_update_changes_nothing(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    a = make_agreement(client, w13, region["klus"])
    r = client.patch(
        f"{API}/{a['id']}",
        headers=w13,
        json={"municipalities": ["34027", "99999"], "title": "Anders"},
    )
    assert locs(r) == [["body", "municipalities", 1]]
    after = client.get(f"{API}/{a['id']}", headers=w13).json()
    assert after["municipalities"] == a["municipalities"] and after["title"] == a["title"]
    assert after["version"] == 1


# --- which agreements run where and when -----------------------------------------------------


@pytest.fixture
def portfolio(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> dict[str, str]:
    """Four agreements over several municipalities and periods (titles say which)."""
    specs: dict[str, dict[str, Any]] = {
        "klus-kortrijk-2020": {
            "municipalities": ["34022"],
            "start_date": "2020-01-01",
            "end_date": "2022-12-31",
            "regime": "lde",
            "review_dates": ["2021-03-31"],
        },
        "klus-regio-2023": {
            "municipalities": ["34022", "34023", "34025"],
            "start_date": "2023-07-01",
            "end_date": "2026-06-30",
        },
        "opvang-menen-wervik-2021": {
            "municipalities": ["34027", "33029"],
            "start_date": "2021-01-01",
            "end_date": "2026-12-31",
            "regime": "lde",
            "provider": "opvang",
            "service": "kinderopvang",
            "review_dates": ["2022-04-30"],
        },
        "strijk-kuurne-2019": {
            "municipalities": ["34023"],
            "start_date": "2019-07-01",
            "end_date": "2023-06-30",
            "regime": "lde",
            "service": "strijkatelier",
            "review_dates": ["2020-06-30"],
        },
    }
    ids = {}
    for title, spec in specs.items():
        provider = region[str(spec.pop("provider", "klus"))]
        ids[title] = make_agreement(client, w13, provider, title=title, **spec)["id"]
    return ids


def titles(client: TestClient, headers: dict[str, str], query: str = "") -> list[str]:
    r = client.get(f"{API}?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [a["title"] for a in r.json()["items"]]


@pytest.mark.parametrize(
    ("nis", "day", "expected"),
    [
        ("34022", "2021-06-30", ["klus-kortrijk-2020"]),
        ("34022", "2022-12-31", ["klus-kortrijk-2020"]),  # the last day still counts
        ("34022", "2023-01-01", []),  # between two agreements
        ("34022", "2023-07-01", ["klus-regio-2023"]),  # the first day counts
        ("34023", "2023-06-30", ["strijk-kuurne-2019"]),
        ("34023", "2024-06-30", ["klus-regio-2023"]),
        ("34023", "2019-06-30", []),
        ("34027", "2024-06-30", ["opvang-menen-wervik-2021"]),
        ("33029", "2026-12-31", ["opvang-menen-wervik-2021"]),
        ("33029", "2027-01-01", []),
        ("34025", "2022-01-01", []),
    ],
)
def test_active_in_municipality_on_date(
    client: TestClient,
    w13: dict[str, str],
    portfolio: dict[str, str],
    nis: str,
    day: str,
    expected: list[str],
) -> None:
    assert titles(client, w13, f"municipality={nis}&active_on={day}") == expected


def test_filters_combine_and_sort_by_start(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID], portfolio: dict[str, str]
) -> None:
    assert titles(client, w13) == [
        "strijk-kuurne-2019",
        "klus-kortrijk-2020",
        "opvang-menen-wervik-2021",
        "klus-regio-2023",
    ]
    assert titles(client, w13, "active_on=2023-01-01") == [
        "strijk-kuurne-2019",
        "opvang-menen-wervik-2021",
    ]
    assert titles(client, w13, "municipality=34023") == ["strijk-kuurne-2019", "klus-regio-2023"]
    assert titles(client, w13, f"provider={region['opvang']}") == ["opvang-menen-wervik-2021"]
    assert titles(client, w13, "regime=transitional") == ["klus-regio-2023"]
    assert titles(client, w13, "service=strijkatelier") == ["strijk-kuurne-2019"]
    assert titles(client, w13, "q=STRIJK") == ["strijk-kuurne-2019"]
    assert titles(client, w13, "q=lendelede") == titles(client, w13)  # the shared territory
    assert client.get(f"{API}?active_on=30-06-2024", headers=w13).status_code == 422
    assert client.get(f"{API}?municipality=Kortrijk", headers=w13).status_code == 422
    page = client.get(f"{API}?limit=3", headers=w13).json()
    rest = client.get(f"{API}?limit=3&cursor={page['next_cursor']}", headers=w13).json()
    assert [a["title"] for a in rest["items"]] == ["klus-regio-2023"]


# --- change feed -----------------------------------------------------------------------------


def feed() -> list[dict[str, Any]]:
    with get_engine().connect() as conn:
        rows = (
            conn.execute(
                sa.text(
                    "SELECT op, visibility, actor_ids, municipalities FROM changes "
                    "WHERE resource = 'agreements' ORDER BY seq"
                )
            )
            .mappings()
            .all()
        )
    out = []
    for row in rows:
        item = dict(row)
        for key in ("actor_ids", "municipalities"):
            if isinstance(item[key], str):
                item[key] = json.loads(item[key])
        out.append(item)
    return out


def test_feed_is_restricted_to_provider_and_municipalities(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    a = make_agreement(client, w13, region["klus"])
    client.patch(f"{API}/{a['id']}", json={"municipalities": ["34027"]}, headers=w13)
    assert client.delete(f"{API}/{a['id']}", headers=w13).status_code == 204
    assert feed() == [
        {
            "op": "upsert",
            "visibility": "restricted",
            "actor_ids": [str(region["klus"])],
            "municipalities": ["34022", "34023", "34025"],
        },
        # the municipalities taken off lose sight of it: a revoke row, served to them as a
        # tombstone (issue 16), before the upsert the new one sees
        {
            "op": "revoke",
            "visibility": "restricted",
            "actor_ids": [],
            "municipalities": ["34022", "34023", "34025"],
        },
        {
            "op": "upsert",
            "visibility": "restricted",
            "actor_ids": [str(region["klus"])],
            "municipalities": ["34027"],
        },
        # the tombstone still reaches the municipality, though its rows went with the record
        {
            "op": "delete",
            "visibility": "restricted",
            "actor_ids": [str(region["klus"])],
            "municipalities": ["34027"],
        },
    ]
    assert count_rows("agreement_municipalities") == 0


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("nl", "Geen nieuwe LDE-erkenningen sinds 1 juli 2023"),
        ("fr", "Plus de nouvelles reconnaissances LDE depuis le 1er juillet 2023"),
        ("en", "No new LDE recognitions since 1 July 2023"),
    ],
)
def test_lde_closed_has_its_code_in_every_language(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID], lang: str, start: str
) -> None:
    r = client.post(
        API, json=agreement(region["klus"], regime="lde"), headers={**w13, "Accept-Language": lang}
    )
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["code"] == "lde_closed"
    assert error["ctx"] == {"cutoff": "2023-07-01"}
    assert error["msg"].startswith(start)
    assert count_rows("agreements") == 0


def test_most_recent_first_for_a_municipality_whose_agreements_ended(
    client: TestClient,
    w13: dict[str, str],
    region: dict[str, uuid.UUID],
    kortrijk_user: dict[str, str],
) -> None:
    """The SPA's first view: nothing runs today, yet the latest agreements are there, the one
    that ended last first (a page at a time, the cursor keeping the order)."""
    for n, end in enumerate(["2021-12-31", "2023-06-30", "2022-06-30"]):
        make_agreement(
            client,
            w13,
            region["klus"],
            title=f"DAEB klusjesdienst {n}",
            start_date="2020-01-01",
            end_date=end,
            review_dates=[],
            regime="lde",
        )
    muni = kortrijk_user
    today = client.get(f"{API}?active_on=2026-12-05", headers=muni).json()["items"]
    assert today == []
    first = client.get(f"{API}?sort=-end_date&limit=2", headers=muni)
    assert first.status_code == 200, first.text
    page = first.json()
    assert [a["end_date"] for a in page["items"]] == ["2023-06-30", "2022-06-30"]
    rest = client.get(f"{API}?sort=-end_date&limit=2&cursor={page['next_cursor']}", headers=muni)
    assert [a["end_date"] for a in rest.json()["items"]] == ["2021-12-31"]
    assert client.get(f"{API}?sort=budget", headers=muni).status_code == 422
