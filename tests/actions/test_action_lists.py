"""Listing actions: filters, keyset pages, the progress roll-up and a constant query count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from api.core.db import get_engine
from tests.actions.conftest import Plan

Make = Callable[..., dict[str, Any]]


@pytest.fixture
def portfolio(make_action: Make, plan: Plan, actors: Plan) -> dict[str, dict[str, Any]]:
    """Seven actions after the plan's own lines of work, by code."""
    w13, vdab, zwevegem, waregem, kuurne = (
        actors[k] for k in ("w13", "vdab", "zwevegem", "waregem", "kuurne")
    )
    out: dict[str, dict[str, Any]] = {}

    def add(code: str, **fields: Any) -> None:
        base: dict[str, Any] = {
            "wse_lr_code": "WSE-LR2",
            "mvo_themes": [],
            "accent_years": [],
            "milestones": [],
            "partner_ids": [],
            "lead_actor_id": w13,
        }
        out[code] = make_action(code=code, **{**base, **fields})

    add(
        "A01",
        title="ROSE algemene vergadering: trimestrieel regionaal overleg",
        pillar_id=plan["3.3.1"],
        objective_id=plan["3.3.1.1"],
        wse_lr_code="WSE-LR1",
        partner_ids=[vdab],
        progress=90,
    )
    add(
        "A08",
        title="Samenwerkingskader lokale besturen – LDE (DAEB-opdrachten)",
        objective_id=plan["3.3.2.1"],
        partner_ids=[zwevegem],
        progress=75,
    )
    add(
        "A09",
        title="Regionaal model voor een DAEB-toewijzingsakte",
        objective_id=plan["3.3.2.1"],
        parent_id=out["A08"]["id"],
        partner_ids=[waregem],
        start_date="2020-03-01",
        end_date="2021-06-30",
        status="done",
        progress=100,
    )
    add(
        "A10",
        title="Overgang van LDE naar individueel maatwerk begeleiden",
        objective_id=plan["3.3.2.1"],
        parent_id=out["A08"]["id"],
        lead_actor_id=zwevegem,
        start_date="2023-01-01",
        accent_years=[2023, 2024],
        progress=60,
    )
    add(
        "A15",
        title="Mobiliteit van doelgroepmedewerkers van, naar en tijdens het werk",
        objective_id=plan["3.3.2.2"],
        partner_ids=[vdab, zwevegem],
        mvo_themes=["mobiliteit"],
    )
    add(
        "A16",
        title="Duurzame dienstverplaatsingen in de sociale economie",
        pillar_id=plan["3.3.3"],
        objective_id=None,
        wse_lr_code="WSE-LR3",
        lead_actor_id=waregem,
        start_date="2021-01-01",
        end_date="2025-06-30",
        status="done",
        progress=100,
        mvo_themes=["mobiliteit", "duurzaamheid"],
        published=False,
    )
    add(
        "A27",
        title="RASE-vervolg: gezamenlijke energie- en materialenaanpak",
        pillar_id=plan["3.3.3"],
        objective_id=None,
        wse_lr_code="WSE-LR3",
        lead_actor_id=kuurne,
        start_date="2025-10-01",
        end_date="2025-12-31",
        status="planned",
        progress=0,
        mvo_themes=["duurzaamheid"],
        published=False,
    )
    return out


def codes(client: TestClient, headers: dict[str, str], query: str) -> list[str]:
    r = client.get(f"/api/v1/actions?{query}", headers=headers)
    assert r.status_code == 200, r.text
    return [a["code"] for a in r.json()["items"]]


def test_filters(
    client: TestClient, w13: dict[str, str], portfolio: dict[str, Any], plan: Plan, actors: Plan
) -> None:
    a08 = portfolio["A08"]["id"]
    cases = {
        "": ["A01", "A08", "A09", "A10", "A15", "A16", "A27"],
        f"pillar={plan['3.3.2']}": ["A08", "A09", "A10", "A15"],
        f"objective={plan['3.3.2.2']}": ["A15"],
        "status=done": ["A09", "A16"],
        f"lead_actor={actors['zwevegem']}": ["A10"],
        f"partner={actors['zwevegem']}": ["A08", "A15"],
        f"actor={actors['zwevegem']}": ["A08", "A10", "A15"],
        f"actor={actors['kuurne']}": ["A27"],
        "year=2021": ["A01", "A08", "A09", "A15", "A16"],
        "year=2025": ["A01", "A08", "A10", "A15", "A16", "A27"],
        "year=2019": [],
        "wse_lr_code=WSE-LR3": ["A16", "A27"],
        "mvo_theme=mobiliteit": ["A15", "A16"],
        "mvo_theme=duurzaamheid": ["A16", "A27"],
        "published=false": ["A16", "A27"],
        "published=true": ["A01", "A08", "A09", "A10", "A15"],
        f"parent={a08}": ["A09", "A10"],
        "q=daeb": ["A08", "A09"],
        "q=a1": ["A10", "A15", "A16"],
        f"pillar={plan['3.3.2']}&status=in_progress&actor={actors['zwevegem']}": [
            "A08",
            "A10",
            "A15",
        ],
    }
    for query, expected in cases.items():
        assert codes(client, w13, query) == expected, query


@pytest.mark.parametrize(
    "query", ["pillar=3.3.2", "year=1999", "status=afgerond", "mvo_theme=klimaat", "late=misschien"]
)
def test_bad_filter_values_are_refused(client: TestClient, query: str) -> None:
    r = client.get(f"/api/v1/actions?{query}")
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", query.split("=")[0]]


def test_late(
    client: TestClient, w13: dict[str, str], make_action: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("api.actions.service.today", lambda: date(2024, 6, 30))
    past, future = "2024-01-31", "2024-12-31"

    def add(code: str, status: str, end: str, milestone: tuple[str, str | None] | None) -> None:
        stones = (
            [
                {
                    "title": "Tussentijds rapport aan de AV",
                    "due_date": milestone[0],
                    "done_on": milestone[1],
                }
            ]
            if milestone
            else []
        )
        make_action(
            code=code,
            status=status,
            end_date=end,
            accent_years=[],
            milestones=stones,
            progress=100 if status == "done" else 50,
        )

    add("B1", "in_progress", "2023-12-31", None)  # past its end: late
    add("B2", "done", "2023-12-31", None)  # finished in time
    add("B3", "cancelled", "2023-12-31", None)  # stopped: never late
    add("B4", "in_progress", "2025-12-31", (past, None))  # milestone overdue: late
    add("B5", "in_progress", "2025-12-31", (past, "2024-02-10"))  # milestone reached
    add("B6", "in_progress", "2025-12-31", (future, None))  # milestone not due yet
    add("B7", "on_hold", "2023-06-30", None)  # on hold past its end: late
    add("B8", "cancelled", "2025-12-31", (past, None))  # cancelled with an open milestone
    add("B9", "planned", "2024-06-30", None)  # ends today: not yet late
    assert codes(client, w13, "late=true") == ["B1", "B4", "B7"]
    assert codes(client, w13, "late=false") == ["B2", "B3", "B5", "B6", "B8", "B9"]
    assert codes(client, w13, "late=true&status=on_hold") == ["B7"]


def test_keyset_pages_with_filters(
    client: TestClient, w13: dict[str, str], make_action: Make, plan: Plan
) -> None:
    # Twelve actions under 3.3.2 and five under 3.3.1, interleaved by code.
    for n in range(1, 18):
        on_331 = n % 3 == 0 and n < 16
        make_action(
            code=f"A{n:02d}",
            title=f"Actie {n}",
            pillar_id=plan["3.3.1" if on_331 else "3.3.2"],
            objective_id=plan["3.3.1.1" if on_331 else "3.3.2.2"],
        )
    expected = [f"A{n:02d}" for n in range(1, 18) if not (n % 3 == 0 and n < 16)]
    seen: list[str] = []
    url: str | None = f"/api/v1/actions?pillar={plan['3.3.2']}&limit=5"
    pages = 0
    while url:
        r = client.get(url, headers=w13)
        assert r.status_code == 200, r.text
        body = r.json()
        seen += [a["code"] for a in body["items"]]
        pages += 1
        if body["next_cursor"]:
            assert r.headers["link"].endswith('>; rel="next"')
            assert f"pillar={plan['3.3.2']}" in r.headers["link"]
            url = r.headers["link"][1:].split(">;")[0]
        else:
            assert "link" not in r.headers
            url = None
    assert seen == expected and pages == 3
    r = client.get("/api/v1/actions?cursor=bm9uc2Vuc2U", headers=w13)
    assert r.status_code == 400


def test_progress_rollup(
    client: TestClient,
    w13: dict[str, str],
    portfolio: dict[str, Any],
    make_action: Make,
    plan: Plan,
) -> None:
    a08 = portfolio["A08"]
    # A09 (done, 100) and A10 (60): mean 80; A08's own progress stays what people entered.
    got = client.get(f"/api/v1/actions/{a08['id']}", headers=w13).json()
    assert got["progress"] == 75 and got["progress_rollup"] == 80
    # A cancelled sub-action will never progress; it does not drag the roll-up down.
    make_action(
        code="A10b",
        title="Regionale LDE-pool (stopgezet)",
        parent_id=a08["id"],
        objective_id=plan["3.3.2.1"],
        status="cancelled",
        progress=0,
    )
    assert client.get(f"/api/v1/actions/{a08['id']}", headers=w13).json()["progress_rollup"] == 80
    make_action(
        code="A10c",
        title="Infosessie individueel maatwerk voor besturen",
        parent_id=a08["id"],
        objective_id=plan["3.3.2.1"],
        progress=55,
    )
    listed = {a["code"]: a for a in client.get("/api/v1/actions", headers=w13).json()["items"]}
    assert listed["A08"]["progress_rollup"] == 72  # (100 + 60 + 55) / 3 = 71.7, rounded
    assert listed["A08"]["progress"] == 75
    assert listed["A01"]["progress_rollup"] is None  # no sub-actions
    assert listed["A09"]["progress_rollup"] is None
    # Only direct sub-actions count, and the roll-up follows their progress.
    r = client.patch(
        f"/api/v1/actions/{portfolio['A10']['id']}", json={"progress": 90}, headers=w13
    )
    assert r.status_code == 200
    got = client.get(f"/api/v1/actions/{a08['id']}", headers=w13).json()
    assert got["progress_rollup"] == 82 and got["progress"] == 75  # (100 + 90 + 55) / 3
    # The roll-up is read-only.
    r = client.patch(f"/api/v1/actions/{a08['id']}", json={"progress_rollup": 10}, headers=w13)
    assert r.status_code == 422


@pytest.fixture
def statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize("who", ["anonymous", "w13"])
def test_query_count_does_not_grow_with_the_page(
    client: TestClient,
    w13: dict[str, str],
    make_action: Make,
    plan: Plan,
    actors: Plan,
    statements: list[str],
    who: str,
) -> None:
    parent = make_action(code="A00", title="Koepelactie", partner_ids=[actors["vdab"]])
    for n in range(1, 13):
        make_action(
            code=f"A{n:02d}",
            title=f"Deelactie {n}",
            parent_id=parent["id"],
            partner_ids=[actors["vdab"], actors["kuurne"]],
            progress=n,
        )
    headers = w13 if who == "w13" else {}
    counts = []
    for limit in (2, 12):
        statements.clear()
        r = client.get(f"/api/v1/actions?limit={limit}", headers=headers)
        assert r.status_code == 200 and len(r.json()["items"]) == limit
        counts.append(len(statements))
    assert counts[0] == counts[1], statements
    assert r.json()["items"][0]["progress_rollup"] == 7  # mean of 1..12 = 6.5, half up
