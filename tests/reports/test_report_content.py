"""The annual report's content for a year of the seeded plan (JSON), and the missing-priority
flag when the actions of a WSE-LR priority are removed."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from api.core.db import session_scope
from api.reports.service import build_annual_report
from api.seed.loader import read_dataset
from tests.conftest import create
from tests.reports.conftest import EVIDENCE_SIG03, MINUTES_2024, YEAR

URL = f"/api/v1/reports/annual/{YEAR}"


def report(client: TestClient, headers: dict[str, str], url: str = URL) -> dict[str, Any]:
    r = client.get(url, headers={**headers, "Accept": "application/json"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()  # type: ignore[no-any-return]


def test_actions_per_pillar_and_priority(client: TestClient, w13_seeded: dict[str, str]) -> None:
    body = report(client, w13_seeded)
    assert body["year"] == YEAR and body["language"] == "nl" and body["internal"] is True
    assert [p["code"] for p in body["pillars"]] == ["3.3.1", "3.3.2", "3.3.3"]
    assert [p["code"] for p in body["priorities"]] == ["WSE-LR1", "WSE-LR2", "WSE-LR3", "WSE-LR4"]
    actions = {a["code"]: a for p in body["pillars"] for a in p["actions"]}
    # Active in 2024: periods that overlap the year; A26 (2020) and A11 (ended 2023) are not.
    assert {"A01", "A06", "A15", "A25"} <= set(actions)
    assert not {"A09", "A11", "A12", "A13", "A26", "A27"} & set(actions)
    assert body["key_figures"]["actions_active"] == len(actions) == 22
    a15 = actions["A15"]
    assert a15["pillar_code"] == "3.3.2" and a15["wse_lr_code"] == "WSE-LR2"
    assert a15["status"] == "in_progress" and a15["progress"] == 75 and a15["accent"] is True
    assert a15["mvo_themes"] == ["mobiliteit"]
    # Only the milestones done in 2024.
    assert [m["done_on"] for m in a15["milestones_reached"]] == ["2024-09-30"]
    assert [m["done_on"] for m in actions["A06"]["milestones_reached"]] == ["2024-10-17"]
    assert actions["A01"]["milestones_reached"] == []
    wse4 = next(p for p in body["priorities"] if p["code"] == "WSE-LR4")
    assert wse4["action_codes"] == ["A17", "A20", "A22"]
    assert body["key_figures"]["milestones_reached"] == 5


def test_checklist_and_mvo(client: TestClient, w13_seeded: dict[str, str]) -> None:
    body = report(client, w13_seeded)
    checks = {c["code"]: c for c in body["checklist"]}
    assert list(checks) == ["WSE-LR1", "WSE-LR2", "WSE-LR3", "WSE-LR4", "MVO"]
    assert all(c["ok"] for c in checks.values())
    assert checks["WSE-LR4"]["action_count"] == 3
    assert body["key_figures"]["priorities_without_action"] == 0
    themes = {t["theme"]: t for t in body["mvo"]["themes"]}
    assert themes["mobiliteit"]["action_codes"] == ["A15", "A16"]
    assert themes["mobiliteit"]["accent_action_codes"] == ["A15"]
    assert themes["werkbaar_werk"]["accent_action_codes"] == ["A07", "A25"]
    assert "A10" in body["mvo"]["accent_action_codes"]  # an accent without an MVO theme


def test_meetings_dossiers_agreements(client: TestClient, w13_seeded: dict[str, str]) -> None:
    body = report(client, w13_seeded)
    bodies = {b["code"]: b for b in body["bodies"]}
    assert bodies["rose-av"]["meetings_held"] == 1
    assert bodies["rose-av"]["attendance"] == {"present": 12, "excused": 3, "absent": 1}
    (meeting,) = bodies["rose-av"]["meetings"]
    assert meeting["date"] == "2024-12-12"
    assert [(d["action_code"], d["dossier_code"]) for d in meeting["decisions"]] == [
        ("A21", "SIG-07"),
        (None, "SIG-02"),
    ]
    assert MINUTES_2024 in meeting["minutes_excerpt"]
    assert bodies["actiegroep"]["meetings_held"] == 0  # the seeded plan has none in 2024

    dossiers = {d["code"]: d for d in body["dossiers"]}
    assert set(dossiers) == {"SIG-03", "SIG-04", "SIG-07"}
    assert dossiers["SIG-03"]["opened_on"] == "2024-05-23"
    assert dossiers["SIG-03"]["level"] == "provincie"
    assert EVIDENCE_SIG03 in dossiers["SIG-03"]["evidence_summary"]
    assert dossiers["SIG-07"]["opened_on"] is None
    assert dossiers["SIG-07"]["on_agenda_on"] == "2024-12-12"  # from its status-change event
    levels = {lv["level"]: lv for lv in body["dossier_levels"]}
    assert levels["vlaanderen"]["opened"] == 1 and levels["vlaanderen"]["on_agenda"] == 1

    munis = {m["nis_code"]: m for m in body["municipalities"]}
    assert len(munis) == 14  # every W13 municipality, with or without an agreement
    kortrijk = [a["title"] for a in munis["34022"]["agreements"]]
    assert len(kortrijk) == 1 and "Kuurne" in kortrijk[0]  # the 2020-2022 one has ended
    assert munis["34022"]["compensation_total"] == 98000
    assert munis["34041"]["agreements"] == []  # Wevelgem's starts in 2025
    assert body["key_figures"]["agreements_active"] == 4


def test_indicators_with_year_values(client: TestClient, w13_seeded: dict[str, str]) -> None:
    body = report(client, w13_seeded)
    ind = {i["code"]: i for i in body["indicators"]}
    every = len(read_dataset()["resources"]["indicators"])  # measured that year or not
    assert len(ind) == every == body["key_figures"]["indicators"]
    daeb = ind["IND-A08-DAEB-GEMEENTEN"]
    assert (daeb["baseline_value"], daeb["target_value"]) == (2, 12)
    assert daeb["values"] == [
        {"date": "2024-12-31", "value": 10, "data_source": daeb["values"][0]["data_source"]}
    ]
    assert daeb["previous"]["value"] == 8 and daeb["previous"]["date"] == "2023-12-31"
    assert daeb["target_reached"] is False
    assert ind["IND-A06-NETWERKEVENT-DEELNEMERS"]["target_reached"] is True  # 151 of 150
    job = ind["CTX-JOBRATIO-ZWVL"]  # a context figure, last measured in 2019
    assert job["values"] == [] and job["previous"]["value"] == 81.3
    assert job["previous"]["date"] == "2019-09-30"


def test_a_priority_without_action_is_flagged(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    actions = client.get("/api/v1/actions?limit=500", headers=w13_seeded).json()["items"]
    for a in actions:
        if a["wse_lr_code"] == "WSE-LR4":  # A17, A20, A22: all of the priority's actions
            r = client.delete(f"/api/v1/actions/{a['id']}", headers=w13_seeded)
            assert r.status_code == 204, r.text
    body = report(client, w13_seeded)
    checks = {c["code"]: c for c in body["checklist"]}
    assert checks["WSE-LR4"] == {
        "code": "WSE-LR4",
        "title": "Samenwerking met VDAB",
        "action_count": 0,
        "ok": False,
    }
    assert all(checks[c]["ok"] for c in ("WSE-LR1", "WSE-LR2", "WSE-LR3"))
    assert body["key_figures"]["priorities_without_action"] == 1
    html = client.get(URL, headers={**w13_seeded, "Accept": "text/html"}).text
    assert '<tr class="missing"><td class="nowrap"><b>WSE-LR4</b>' in html
    assert "geen actie in 2024" in html


def test_a_status_change_through_the_api_lands_in_the_year(
    client: TestClient, w13_seeded: dict[str, str]
) -> None:
    """Dossier status changes are read from the events the dossier service writes."""
    dossier = create(
        client,
        w13_seeded,
        "dossiers",
        {
            "code": "SIG-99",
            "title": "Vervoer naar maatwerkbedrijven in het weekend",
            "theme": "mobiliteit",
            "level": "provincie",
            "evidence_summary": "Drie organisaties melden hetzelfde knelpunt.",
        },
    )
    for status in ("on_agenda", "signalled"):
        r = client.patch(
            f"/api/v1/dossiers/{dossier['id']}", json={"status": status}, headers=w13_seeded
        )
        assert r.status_code == 200, r.text
    with session_scope(write=False) as s:
        today = date.fromisoformat(
            client.get(f"/api/v1/dossiers/{dossier['id']}/events", headers=w13_seeded).json()[
                "items"
            ][-1]["date"]
        )
        now = build_annual_report(s, today.year, internal=True)
    line = next(d for d in now.dossiers if d.code == "SIG-99")
    assert (line.opened_on, line.on_agenda_on, line.signalled_on) == (today, today, today)
    assert line.answered_on is None and line.closed_on is None
    assert [e.kind for e in line.events or []] == ["status_change", "status_change"]


def test_other_years(client: TestClient, w13_seeded: dict[str, str]) -> None:
    body = report(client, w13_seeded, "/api/v1/reports/annual/2023")
    dossiers = {d["code"]: d for d in body["dossiers"]}
    assert dossiers["SIG-05"]["closed_on"] == "2023-01-19"  # "dossier afgesloten"
    wse3 = next(p for p in body["priorities"] if p["code"] == "WSE-LR3")
    assert wse3["action_codes"] == ["A07", "A11", "A13", "A16", "A25"]  # A13 ended mid-2023
    empty = report(client, w13_seeded, "/api/v1/reports/annual/2030")
    assert empty["key_figures"]["actions_active"] == 0
    assert all(not c["ok"] for c in empty["checklist"])
    assert client.get("/api/v1/reports/annual/1800", headers=w13_seeded).status_code == 422


def test_items_carried_to_w13s_board(client: TestClient, w13_seeded: dict[str, str]) -> None:
    """The seeded assembly of September 2025 accepted an item for W13's board, which answered
    in October; 2024 had none. The report lists it in every format."""
    assert report(client, w13_seeded)["board_items"] == []
    url = "/api/v1/reports/annual/2025"
    (item,) = report(client, w13_seeded, url)["board_items"]
    assert item["title"] == "Vervoer naar de bedrijventerreinen voor de vroege ploeg"
    assert item["body"] == "ROSE – algemene vergadering" and item["meeting_date"] == "2025-09-18"
    assert item["proposer"] == "Klusjesbedrijf Handig Kortrijk (fictief)"
    assert item["status"] == "accepted" and item["board_handled_on"] == "2025-10-23"
    assert item["board_answer"].startswith("Het bestuur van W13 vraagt de provincie")
    html = client.get(url, headers={**w13_seeded, "Accept": "text/html"}).text
    assert "Agendapunten naar het bestuur van W13" in html and item["board_answer"] in html
