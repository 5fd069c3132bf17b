"""The CSV answer of the agreements list, and the reusable CSV helpers behind it."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core import csv_export
from api.core.db import get_engine
from tests.agreements.conftest import API, make_agreement

CSV = {"Accept": "text/csv"}
# The generic columns of every list (api.core.tabular): the import's, then read-only ones.
HEADER = [
    "id",
    "source",
    "external_id",
    "title",
    "municipalities",
    "provider_id",
    "service",
    "description",
    "target_group",
    "territory",
    "start_date",
    "end_date",
    "compensation_amount",
    "compensation_parameters",
    "review_dates",
    "council_decision_date",
    "council_decision_uri",
    "volume",
    "volume_unit",
    "regime",
    "provider_kbo",
    "provider_name",
    "version",
    "updated_at",
]


def read_csv(r: Any) -> list[dict[str, str]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    reader = csv.reader(io.StringIO(r.content.decode("utf-8"), newline=""))
    rows = list(reader)
    assert rows[0] == HEADER
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def with_accept(headers: dict[str, str], accept: str) -> dict[str, str]:
    return {**headers, "Accept": accept}


def test_csv_rows_hold_the_agreement(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    a = make_agreement(client, w13, region["klus"])
    r = client.get(API, headers={**w13, **CSV})
    assert 'filename="agreements.csv"' in r.headers["content-disposition"]
    assert "Accept" in r.headers["vary"]
    (row,) = read_csv(r)
    assert row["id"] == a["id"]
    assert row["municipalities"] == "34022 34023 34025"
    assert row["provider_kbo"] == "0630835639"
    assert row["provider_name"] == "Klusjesbedrijf Leiestreek (fictief)"
    assert row["compensation_amount"] == "98000" and row["volume"] == "7800"
    assert row["start_date"] == "2023-07-01" and row["regime"] == "transitional"
    assert row["council_decision_uri"] == a["council_decision_uri"]
    assert row["updated_at"].startswith(a["updated_at"][:19])


def test_formulas_are_neutralised(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    make_agreement(
        client,
        w13,
        region["klus"],
        title='=HYPERLINK("http://x.example","klik")',
        service="@SUM(A1:A9)",
        target_group="+32 gemeenten",
        territory="\t-1+1",
        municipalities=["34022"],
    )
    (row,) = read_csv(client.get(API, headers={**w13, **CSV}))
    assert row["title"] == '\'=HYPERLINK("http://x.example","klik")'
    assert row["service"] == "'@SUM(A1:A9)"
    assert row["target_group"] == "'+32 gemeenten"
    assert row["territory"] == "'\t'-1+1"  # the tab is a separator: both pieces quoted
    assert row["municipalities"] == "34022"  # plain data stays as it is


def test_csv_follows_the_filters_and_covers_every_page(
    client: TestClient,
    w13: dict[str, str],
    region: dict[str, uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_export, "PAGE_SIZE", 2)
    years = [2018, 2019, 2020, 2021, 2022]
    for year in years:
        make_agreement(
            client,
            w13,
            region["klus"],
            title=f"DAEB {year}",
            regime="lde",
            start_date=f"{year}-01-01",
            end_date=f"{year}-12-31",
            review_dates=[],
            municipalities=["34022"] if year % 2 else ["34027"],
        )
    queries: list[str] = []

    def count(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("SELECT AGREEMENTS."):
            queries.append(args[2])

    sa.event.listen(get_engine(), "before_cursor_execute", count)
    try:
        # `limit` is a page size for JSON; CSV answers every matching row
        rows = read_csv(client.get(f"{API}?limit=1", headers={**w13, **CSV}))
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", count)
    assert [r["title"] for r in rows] == [f"DAEB {y}" for y in years]
    assert len(queries) == 3  # pages of two: read page by page, not in one go
    rows = read_csv(client.get(f"{API}?municipality=34022", headers={**w13, **CSV}))
    assert [r["title"] for r in rows] == ["DAEB 2019", "DAEB 2021"]
    rows = read_csv(client.get(f"{API}?active_on=2020-06-30", headers={**w13, **CSV}))
    assert [r["title"] for r in rows] == ["DAEB 2020"]


def test_empty_csv_still_has_its_header(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    assert read_csv(client.get(API, headers={**w13, **CSV})) == []


def test_municipality_csv_holds_only_its_agreements(
    client: TestClient,
    w13: dict[str, str],
    kortrijk_user: dict[str, str],
    region: dict[str, uuid.UUID],
) -> None:
    own = make_agreement(client, w13, region["klus"], municipalities=["34022"])
    make_agreement(
        client,
        w13,
        region["opvang"],
        municipalities=["34027", "33029"],
        title="DAEB kinderopvang Menen",
    )
    rows = read_csv(client.get(API, headers={**kortrijk_user, **CSV}))
    assert [r["id"] for r in rows] == [own["id"]]


@pytest.mark.parametrize(
    ("accept", "is_csv"),
    [
        ("text/csv", True),
        ("text/csv;q=0.9, application/json;q=0.5", True),
        ("application/json", False),
        ("*/*", False),
        ("text/csv;q=0.5, application/json", False),
        ("text/html,application/xhtml+xml,*/*;q=0.8", False),
    ],
)
def test_content_negotiation(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID], accept: str, is_csv: bool
) -> None:
    make_agreement(client, w13, region["klus"])
    r = client.get(API, headers=with_accept(w13, accept))
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv" if is_csv else "application/json")
    if not is_csv:
        assert len(r.json()["items"]) == 1


def test_errors_stay_problem_documents(
    client: TestClient, w13: dict[str, str], region: dict[str, uuid.UUID]
) -> None:
    r = client.get(f"{API}?cursor=not-a-cursor", headers={**w13, **CSV})
    assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
    r = client.get(f"{API}?active_on=gisteren", headers={**w13, **CSV})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_openapi_declares_both_answers(client: TestClient) -> None:
    op = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/agreements"]["get"]
    assert op["operationId"] == "agreements_list"
    assert set(op["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    names = {p["name"] for p in op["parameters"]}
    assert {"municipality", "active_on", "provider", "regime", "service", "q", "accept"} <= names


# --- the reusable helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (Decimal("78000.0000"), "78000"),
        (Decimal("3.5000"), "3.5"),
        (Decimal("-12.50"), "-12.5"),  # a number is not a formula
        (7, 7),
        (date(2024, 6, 30), "2024-06-30"),
        (["34022", "34023"], "34022 34023"),
        ("=1+1", "'=1+1"),
        ("+32 56", "'+32 56"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kortrijk = stad", "Kortrijk = stad"),
    ],
)
def test_cell(value: Any, expected: Any) -> None:
    assert csv_export.cell(value) == expected


def test_lines_are_rfc4180_and_streamed_per_page() -> None:
    pages = [[{"a": "x,y", "b": 'zei "ja"'}], [], [{"a": "regel\nnieuw", "b": None}]]
    chunks = list(csv_export.csv_lines(["a", "b"], pages))
    assert chunks[0] == 'a,b\r\n"x,y","zei ""ja"""\r\n'
    assert "".join(chunks).endswith('"regel\nnieuw",\r\n')
    assert len(chunks) == 2  # no empty chunk for an empty page
