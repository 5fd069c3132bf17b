"""`?sort=` orders the actions list by its columns, and keyset paging stays exact under it."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import count_rows

LIFE_CYCLE = ["planned", "in_progress", "on_hold", "done", "cancelled"]


@pytest.fixture
def many(
    make_action: Callable[..., dict[str, Any]], actors: dict[str, str]
) -> list[dict[str, Any]]:
    """Nine actions with ties on every column (so the id must break them), and one without lead."""
    leads = [actors["w13"], actors["vdab"], actors["zwevegem"], None]
    statuses = ["done", "planned", "on_hold", "in_progress", "cancelled"]
    made = []
    for n in range(9):
        made.append(
            make_action(
                code=f"S{(n * 7) % 9:02d}",
                title=f"Actie {'BAC'[n % 3]}",
                status=statuses[n % 5],
                progress=[10, 50, 10, 90, 50][n % 5] if statuses[n % 5] != "done" else 100,
                end_date=["2025-12-31", "2024-06-30", "2026-03-31"][n % 3],
                lead_actor_id=leads[n % 4],
                milestones=[],
                partner_ids=[actors["kuurne"]],
                published=True,
            )
        )
    return made


def walk(client: TestClient, headers: dict[str, str], sort: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": sort, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/v1/actions", params=params, headers=headers)
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


@pytest.mark.parametrize(
    "sort",
    [
        "code",
        "-code",
        "title",
        "-title",
        "status",
        "-status",
        "progress",
        "-progress",
        "end_date",
        "-end_date",
        "lead",
        "-lead",
    ],
)
def test_sort_orders_every_page(
    client: TestClient,
    w13: dict[str, str],
    many: list[dict[str, Any]],
    actors: dict[str, str],
    sort: str,
) -> None:
    names = {v: k for k, v in actors.items()}
    lead_names = {
        "w13": "W13",
        "vdab": "VDAB",
        "zwevegem": "Maatwerkbedrijf Schelde & Leie (fictief)",
    }

    def key(a: dict[str, Any]) -> Any:
        field = sort.removeprefix("-")
        if field == "status":
            return LIFE_CYCLE.index(a["status"])
        if field == "lead":
            lead = a["lead_actor_id"]
            return lead_names[names[lead]] if lead else "~"
        return a[field]

    got = walk(client, w13, sort)
    assert len(got) == len(many) == count_rows("actions")
    assert len({a["id"] for a in got}) == len(got)  # no record twice, none lost across pages
    descending = sort.startswith("-")
    # Expected: by the value (descending when asked), ties by id ascending, as documented.
    by_id = sorted(many, key=lambda a: a["id"])
    # reverse=True keeps ties in their order (sorting stays stable): id ascending too.
    expected = sorted(by_id, key=key, reverse=descending)
    assert [a["id"] for a in got] == [a["id"] for a in expected], sort


def test_unknown_sort_is_a_field_error(client: TestClient, w13: dict[str, str]) -> None:
    r = client.get("/api/v1/actions", params={"sort": "budget"}, headers=w13)
    assert r.status_code == 422
    [error] = r.json()["errors"]
    assert error["loc"] == ["query", "sort"]
    assert error["code"] == "enum"


def test_a_cursor_of_another_sort_is_refused_or_harmless(
    client: TestClient, w13: dict[str, str], many: list[dict[str, Any]]
) -> None:
    """A cursor made under one sort, passed with another, never answers 500."""
    first = client.get("/api/v1/actions", params={"sort": "lead", "limit": 2}, headers=w13)
    cursor = first.json()["next_cursor"]
    for other in ("progress", "end_date", "status", "code"):
        r = client.get("/api/v1/actions", params={"sort": other, "cursor": cursor}, headers=w13)
        assert r.status_code in (200, 400), r.text
