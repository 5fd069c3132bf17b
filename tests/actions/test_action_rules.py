"""The domain rules of an action, each shown allowed and refused; a refused write writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.actions.conftest import Plan
from tests.conftest import count_rows

Body = Callable[..., dict[str, Any]]
URL = "/api/v1/actions"


def refused(r: Any, *loc: str | int, status: int = 422) -> str:
    """Assert a problem answer with an error at `loc`; return that error's message."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    errors = {tuple(e["loc"]): e["msg"] for e in r.json().get("errors", [])}
    assert ("body", *loc) in errors, errors
    return errors[("body", *loc)]


def test_a_complete_action_reads_back_as_written(
    client: TestClient, w13: dict[str, str], action_body: Body, actors: Plan
) -> None:
    r = client.post(URL, json=action_body(), headers=w13)
    assert r.status_code == 201, r.text
    action = r.json()
    assert r.headers["location"].endswith(action["id"])
    got = client.get(f"{URL}/{action['id']}", headers=w13).json()
    sent = action_body()
    for field, value in sent.items():
        assert got[field] == value, field
    assert got["partner_ids"] == [actors["vdab"], actors["zwevegem"]]  # order kept
    assert got["progress_rollup"] is None
    assert got["version"] == 1 and got["source"] is None


@pytest.mark.parametrize(
    ("override", "loc", "words"),
    [
        ({"pillar": "WSE-LR1"}, ("pillar_id",), "actieplan"),
        ({"objective": "3.3.1.1"}, ("objective_id",), "does not belong to pillar 3.3.2"),
        ({"wse_lr_code": "WSE-LR9"}, ("wse_lr_code",), "WSE-LR1, WSE-LR2, WSE-LR3"),
        ({"wse_lr_code": "3.3.1"}, ("wse_lr_code",), "vlaams_kader"),
    ],
)
def test_plan_links_are_checked(
    client: TestClient,
    w13: dict[str, str],
    action_body: Body,
    plan: Plan,
    override: dict[str, str],
    loc: tuple[str],
    words: str,
) -> None:
    changes: dict[str, Any] = {}
    if "pillar" in override:
        changes = {"pillar_id": plan[override["pillar"]], "objective_id": None}
    elif "objective" in override:
        changes = {"objective_id": plan[override["objective"]]}
    else:
        changes = override
    r = client.post(URL, json=action_body(**changes), headers=w13)
    assert words in refused(r, *loc)
    assert count_rows("actions") == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"objective_id": None},
        {"wse_lr_code": None},
        {"wse_lr_code": "WSE-LR3"},
        {"pillar": "3.3.1", "objective": "3.3.1.1"},
    ],
)
def test_valid_plan_links_are_accepted(
    client: TestClient, w13: dict[str, str], action_body: Body, plan: Plan, changes: dict[str, Any]
) -> None:
    if "pillar" in changes:
        changes = {"pillar_id": plan[changes["pillar"]], "objective_id": plan[changes["objective"]]}
    r = client.post(URL, json=action_body(**changes), headers=w13)
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("code", ["BD2.AP05.A01", "BD10.AP13.A2"])
def test_bbc_codes_of_the_multi_year_plan_are_accepted(
    client: TestClient, w13: dict[str, str], action_body: Body, code: str
) -> None:
    r = client.post(URL, json=action_body(bbc_code=code), headers=w13)
    assert r.status_code == 201, r.text
    assert r.json()["bbc_code"] == code


@pytest.mark.parametrize("code", ["BD2-AP05-A01", "AP05.A01", "BD2.AP05", "bd2.ap05.a01", ""])
def test_malformed_bbc_codes_are_refused(
    client: TestClient, w13: dict[str, str], action_body: Body, code: str
) -> None:
    refused(client.post(URL, json=action_body(bbc_code=code), headers=w13), "bbc_code")
    assert count_rows("actions") == 0


def test_w13_plan_codes_are_od_or_ap_codes_listed_once(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    for bad, at in ((["OD2", "XY1"], 1), (["OD123"], 0), (["od2"], 0), (["AP"], 0)):
        refused(
            client.post(URL, json=action_body(w13_plan_codes=bad), headers=w13),
            "w13_plan_codes",
            at,
        )
    msg = refused(
        client.post(URL, json=action_body(w13_plan_codes=["OD2", "OD2"]), headers=w13),
        "w13_plan_codes",
    )
    assert "OD2 is listed twice" in msg
    assert count_rows("actions") == 0
    r = client.post(
        URL, json=action_body(w13_plan_codes=["OD2", "AP05", "OD3", "AP10"]), headers=w13
    )
    assert r.status_code == 201, r.text


def test_period_end_not_before_start(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    r = client.post(
        URL,
        json=action_body(start_date="2023-01-01", end_date="2022-12-31", accent_years=[]),
        headers=w13,
    )
    refused(r, "end_date")
    assert count_rows("actions") == 0
    r = client.post(
        URL,
        json=action_body(start_date="2023-03-01", end_date="2023-03-01", accent_years=[2023]),
        headers=w13,
    )
    assert r.status_code == 201, r.text


def test_accent_years_lie_within_the_period(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    body = action_body(start_date="2021-01-01", end_date="2023-06-30")
    msg = refused(
        client.post(URL, json={**body, "accent_years": [2021, 2024]}, headers=w13),
        "accent_years",
        1,
    )
    assert "2021–2023" in msg
    refused(
        client.post(URL, json={**body, "accent_years": [2022, 2022]}, headers=w13), "accent_years"
    )
    assert count_rows("actions") == 0
    r = client.post(URL, json={**body, "accent_years": [2021, 2023]}, headers=w13)
    assert r.status_code == 201, r.text
    # Shortening the period later must respect the accents already there.
    r2 = client.patch(f"{URL}/{r.json()['id']}", json={"end_date": "2022-12-31"}, headers=w13)
    refused(r2, "accent_years", 1)
    assert client.get(f"{URL}/{r.json()['id']}", headers=w13).json()["end_date"] == "2023-06-30"


def test_mvo_themes_come_from_the_list(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    refused(
        client.post(URL, json=action_body(mvo_themes=["mobiliteit", "klimaat"]), headers=w13),
        "mvo_themes",
        1,
    )
    refused(
        client.post(URL, json=action_body(mvo_themes=["mobiliteit", "mobiliteit"]), headers=w13),
        "mvo_themes",
    )
    assert count_rows("actions") == 0
    themes = ["mobiliteit", "werkbaar_werk", "duurzaamheid", "sociaal_aanbesteden"]
    r = client.post(URL, json=action_body(mvo_themes=themes), headers=w13)
    assert r.status_code == 201 and r.json()["mvo_themes"] == themes


@pytest.mark.parametrize(("progress", "ok"), [(-1, False), (0, True), (100, True), (101, False)])
def test_progress_is_a_percentage(
    client: TestClient, w13: dict[str, str], action_body: Body, progress: int, ok: bool
) -> None:
    r = client.post(URL, json=action_body(progress=progress), headers=w13)
    if ok:
        assert r.status_code == 201 and r.json()["progress"] == progress
    else:
        refused(r, "progress")
        assert count_rows("actions") == 0


def test_milestones_have_title_and_due_date(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    refused(
        client.post(URL, json=action_body(milestones=[{"title": "Startvergadering"}]), headers=w13),
        "milestones",
        0,
        "due_date",
    )
    refused(
        client.post(
            URL,
            json=action_body(
                milestones=[{"title": "Startvergadering", "due_date": "2020-02-01", "owner": "W13"}]
            ),
            headers=w13,
        ),
        "milestones",
        0,
        "owner",
    )
    refused(
        client.post(
            URL,
            json=action_body(milestones=[{"title": "Startvergadering", "due_date": "31/01/2020"}]),
            headers=w13,
        ),
        "milestones",
        0,
        "due_date",
    )
    assert count_rows("actions") == 0
    r = client.post(
        URL,
        json=action_body(milestones=[{"title": "Startvergadering", "due_date": "2020-02-01"}]),
        headers=w13,
    )
    assert r.status_code == 201, r.text
    assert r.json()["milestones"] == [
        {"title": "Startvergadering", "due_date": "2020-02-01", "done_on": None}
    ]


def test_lead_is_not_also_partner_and_partners_are_listed_once(
    client: TestClient, w13: dict[str, str], action_body: Body, actors: Plan
) -> None:
    r = client.post(URL, json=action_body(partner_ids=[actors["vdab"], actors["w13"]]), headers=w13)
    refused(r, "partner_ids", 1)
    r = client.post(
        URL, json=action_body(partner_ids=[actors["vdab"], actors["vdab"]]), headers=w13
    )
    refused(r, "partner_ids")
    assert count_rows("actions") == 0 and count_rows("action_partners") == 0


def test_unknown_references_are_field_errors(
    client: TestClient, w13: dict[str, str], action_body: Body, actors: Plan
) -> None:
    ghost = "7b0c4f9e-0000-4000-8000-000000000000"
    refused(
        client.post(URL, json=action_body(partner_ids=[actors["vdab"], ghost]), headers=w13),
        "partner_ids",
        1,
    )
    refused(client.post(URL, json=action_body(lead_actor_id=ghost), headers=w13), "lead_actor_id")
    refused(client.post(URL, json=action_body(dossier_ids=[ghost]), headers=w13), "dossier_ids", 0)
    refused(client.post(URL, json=action_body(parent_id=ghost), headers=w13), "parent_id")
    assert count_rows("actions") == 0 and count_rows("action_partners") == 0


def test_codes_are_unique_and_unknown_fields_refused(
    client: TestClient, w13: dict[str, str], action_body: Body, make_action: Body
) -> None:
    make_action()
    r = client.post(URL, json=action_body(), headers=w13)
    assert r.status_code == 409
    assert "code" in r.json()["detail"]
    assert count_rows("actions") == 1 and count_rows("action_partners") == 2
    refused(
        client.post(URL, json=action_body(code="A16", progress_rollup=50), headers=w13),
        "progress_rollup",
    )
    assert count_rows("actions") == 1


def test_an_action_is_never_its_own_ancestor(
    client: TestClient, w13: dict[str, str], make_action: Body
) -> None:
    a08 = make_action(code="A08", title="Samenwerkingskader lokale besturen – LDE")
    a09 = make_action(
        code="A09", title="Regionaal model voor een DAEB-toewijzingsakte", parent_id=a08["id"]
    )
    a091 = make_action(
        code="A09.1", title="Juridisch advies over de toewijzingsakte", parent_id=a09["id"]
    )
    url = f"{URL}/{a08['id']}"
    msg = refused(client.patch(url, json={"parent_id": a08["id"]}, headers=w13), "parent_id")
    assert "own sub-action" in msg
    msg = refused(client.patch(url, json={"parent_id": a091["id"]}, headers=w13), "parent_id")
    assert "cycle" in msg
    refused(client.patch(url, json={"parent_id": a09["id"]}, headers=w13), "parent_id")
    got = client.get(url, headers=w13).json()
    assert got["parent_id"] is None and got["version"] == 1
    # Moving a sub-action to another branch is fine.
    a14 = make_action(code="A14", title="Publieke gids: wie biedt wat in de sociale economie")
    r = client.patch(f"{URL}/{a091['id']}", json={"parent_id": a14["id"]}, headers=w13)
    assert r.status_code == 200 and r.json()["parent_id"] == a14["id"]


def test_an_id_given_on_create_cannot_be_its_own_parent(
    client: TestClient, w13: dict[str, str], action_body: Body
) -> None:
    own = "0d7f3c2a-5b7e-4c1d-9a61-3f4e2b8c9d10"
    refused(client.put(f"{URL}/{own}", json=action_body(parent_id=own), headers=w13), "parent_id")
    assert count_rows("actions") == 0


def test_a_refused_update_changes_nothing(
    client: TestClient, w13: dict[str, str], make_action: Body, actors: Plan
) -> None:
    action = make_action()
    url = f"{URL}/{action['id']}"
    r = client.patch(
        url,
        json={"title": "Nieuwe titel", "partner_ids": [actors["kuurne"]], "bbc_code": "BD2.AP06"},
        headers=w13,
    )
    refused(r, "bbc_code")
    got = client.get(url, headers=w13).json()
    assert got["title"] == action["title"] and got["partner_ids"] == action["partner_ids"]
    assert got["version"] == 1
    r = client.patch(
        url, json={"title": "Nieuwe titel", "partner_ids": [actors["kuurne"]]}, headers=w13
    )
    assert r.status_code == 200, r.text
    assert r.json()["partner_ids"] == [actors["kuurne"]] and r.json()["version"] == 2
