from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from api.core.db import session_scope
from api.models import Change
from tests.conftest import count_rows
from tests.indicators.conftest import API, daeb, jobratio

Add = Callable[..., dict[str, Any]]


def changes_of(resource: str) -> dict[str, Change]:
    """The latest change-feed row of each record of a resource, by record id."""
    with session_scope(write=False) as session:
        rows = session.scalars(
            select(Change).where(Change.resource == resource).order_by(Change.seq)
        ).all()
    return {str(c.record_id): c for c in rows}


def test_context_indicator_reads_back_with_exact_figures(
    client: TestClient, w13: dict[str, str], add_indicator: Add
) -> None:
    made = add_indicator(jobratio(target_value=83.05, target_date="2025-12-31"))
    r = client.get(f"{API}/{made['id']}", headers=w13)
    assert r.status_code == 200
    assert r.headers["etag"]
    body = r.json()
    assert body["baseline_value"] == 81.3
    assert body["target_value"] == 83.05
    assert '"baseline_value":81.3,' in r.text  # a JSON number, not "81.3000" or a string
    assert body["kind"] == "context" and body["action_id"] is None
    assert body["geography"] == "zuid_west_vlaanderen"


def test_action_indicator_belongs_to_its_action(
    w13: dict[str, str], plan: dict[str, Any], add_indicator: Add
) -> None:
    made = add_indicator(daeb(plan["a01"]))
    assert made["action_id"] == str(plan["a01"])
    assert made["geography"] is None
    assert made["target_value"] == 14


def test_municipality_geography_names_the_municipality(
    kortrijk: dict[str, Any], add_indicator: Add
) -> None:
    made = add_indicator(
        jobratio(
            code="CTX-INWONERS-34022",
            name="Inwoners Kortrijk",
            unit="personen",
            geography="municipality",
            municipality="34022",
            baseline_value=77109,
        )
    )
    assert made["municipality"] == "34022"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "action"}, "action_id"),  # an action indicator without its action
        ({"geography": None}, "geography"),  # a context indicator without geography
        ({"geography": "municipality"}, "municipality"),  # which municipality?
        ({"municipality": "34022"}, "municipality"),  # a municipality for a regional figure
        ({"rung": 0}, "rung"),
        ({"rung": 7}, "rung"),
        ({"target_date": "2019-09-29"}, "target_date"),  # target before baseline
        ({"baseline_value": "veel"}, "baseline_value"),
        ({"baseline_value": 81.30001}, "baseline_value"),  # more than the column holds
        ({"baseline_value": "NaN"}, "baseline_value"),
        ({"code": "jobratio zwvl"}, "code"),
        ({"unit": "  "}, "unit"),
        ({"source": "w13-dwh"}, "external_id"),  # source without external_id
        ({"colour": "blauw"}, "colour"),
    ],
)
def test_invalid_indicator_is_a_field_error_and_writes_nothing(
    client: TestClient,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    changes: dict[str, Any],
    field: str,
) -> None:
    r = client.post(API, json=jobratio(**changes), headers=w13)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert ["body", field] in [e["loc"] for e in r.json()["errors"]]
    assert count_rows("indicators") == 0


def test_action_and_context_rules_both_ways(
    client: TestClient, w13: dict[str, str], plan: dict[str, Any]
) -> None:
    def errors(body: dict[str, Any]) -> set[str]:
        r = client.post(API, json=body, headers=w13)
        return {e["loc"][-1] for e in r.json().get("errors", [])} if r.status_code == 422 else set()

    a01 = str(plan["a01"])
    assert errors(daeb(plan["a01"], geography="zuid_west_vlaanderen")) == {"geography"}
    assert errors(jobratio(action_id=a01)) == {"action_id"}
    assert errors(jobratio(kind="action", action_id=a01)) == {"geography"}
    assert count_rows("indicators") == 0
    assert errors(daeb(plan["a01"])) == set()
    assert errors(jobratio(target_date="2019-09-30")) == set()  # target on the baseline date
    assert count_rows("indicators") == 2


def test_unknown_references_are_field_errors(
    client: TestClient, w13: dict[str, str], plan: dict[str, Any]
) -> None:
    r = client.post(API, json=daeb(plan["pillar"]), headers=w13)  # not an action's id
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "action_id"]
    r = client.post(API, json=jobratio(geography="municipality", municipality="99999"), headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "municipality"]
    assert count_rows("indicators") == 0


def test_patch_revalidates_the_merged_indicator(
    client: TestClient, w13: dict[str, str], plan: dict[str, Any], add_indicator: Add
) -> None:
    made = add_indicator(jobratio())
    url = f"{API}/{made['id']}"
    r = client.patch(url, json={"kind": "action"}, headers=w13)
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {
        ("body", "action_id"),
        ("body", "geography"),
    }
    r = client.patch(url, json={"target_date": "2018-01-01"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "target_date"]
    r = client.patch(
        url, json={"kind": "action", "action_id": str(plan["a01"]), "geography": None}, headers=w13
    )
    assert r.status_code == 200, r.text
    assert r.json()["kind"] == "action" and r.json()["version"] == 2


def test_duplicate_code_conflicts(
    client: TestClient, w13: dict[str, str], add_indicator: Add
) -> None:
    add_indicator(jobratio())
    r = client.post(API, json=jobratio(name="Nog een jobratio"), headers=w13)
    assert r.status_code == 409
    assert "code" in r.json()["detail"]
    assert count_rows("indicators") == 1


def test_filters_and_sort_by_code(
    client: TestClient,
    w13: dict[str, str],
    plan: dict[str, Any],
    kortrijk: dict[str, Any],
    add_indicator: Add,
) -> None:
    add_indicator(jobratio())
    add_indicator(
        jobratio(
            code="CTX-LADDER6-WVL",
            name="Trede 6: betaald werk",
            description="Participatieladder West-Vlaanderen",
            unit="personen",
            geography="west_vlaanderen",
            rung=6,
            baseline_value=520236,
            baseline_date="2017-12-31",
        )
    )
    add_indicator(
        jobratio(
            code="CTX-INWONERS-34022",
            name="Inwoners Kortrijk",
            unit="personen",
            geography="municipality",
            municipality="34022",
            public=False,
        )
    )
    add_indicator(daeb(plan["a01"]))
    add_indicator(
        daeb(
            plan["a02"],
            code="A02-TRAJECTEN",
            name="Trajecten met vervoer",
            unit="trajecten",
            public=True,
        )
    )

    def codes(query: str = "") -> list[str]:
        r = client.get(f"{API}?{query}", headers=w13)
        assert r.status_code == 200, r.text
        return [i["code"] for i in r.json()["items"]]

    assert codes() == [
        "A01-DAEB",
        "A02-TRAJECTEN",
        "CTX-INWONERS-34022",
        "CTX-JOBRATIO-ZWVL",
        "CTX-LADDER6-WVL",
    ]
    assert codes("kind=action") == ["A01-DAEB", "A02-TRAJECTEN"]
    assert codes(f"action={plan['a02']}") == ["A02-TRAJECTEN"]
    assert codes("geography=west_vlaanderen") == ["CTX-LADDER6-WVL"]
    assert codes("municipality=34022") == ["CTX-INWONERS-34022"]
    assert codes("public=false") == ["A01-DAEB", "CTX-INWONERS-34022"]
    assert codes("code=CTX-JOBRATIO-ZWVL") == ["CTX-JOBRATIO-ZWVL"]
    assert codes("rung=6") == ["CTX-LADDER6-WVL"]
    assert codes("q=participatieLADDER") == ["CTX-LADDER6-WVL"]
    assert codes("q=ladder6") == ["CTX-LADDER6-WVL"]
    assert codes("q=daeb") == ["A01-DAEB"]
    assert codes("kind=context&public=true") == ["CTX-JOBRATIO-ZWVL", "CTX-LADDER6-WVL"]
    r = client.get(f"{API}?rung=9", headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "rung"]


def test_public_view_shows_public_indicators_only(
    client: TestClient,
    make_user: Add,
    kortrijk: dict[str, Any],
    add_indicator: Add,
    plan: dict[str, Any],
) -> None:
    public = add_indicator(jobratio())
    hidden = add_indicator(daeb(plan["a01"]))
    r = client.get(API)
    assert r.status_code == 200
    assert [i["code"] for i in r.json()["items"]] == [public["code"]]
    assert client.get(f"{API}/{public['id']}").status_code == 200
    r = client.get(f"{API}/{hidden['id']}")
    assert r.status_code == 404  # not 401: the public view does not reveal it exists
    assert r.headers["content-type"] == "application/problem+json"
    for user in (
        make_user("rose_member", actor=plan["groen"]),
        make_user("municipality", municipality="34022"),
    ):
        r = client.get(API, headers=user["headers"])
        assert len(r.json()["items"]) == 2
        assert client.get(f"{API}/{hidden['id']}", headers=user["headers"]).status_code == 200


def test_only_w13_writes_indicators(
    client: TestClient,
    make_user: Add,
    plan: dict[str, Any],
    kortrijk: dict[str, Any],
    add_indicator: Add,
) -> None:
    made = add_indicator(daeb(plan["a01"]))
    url = f"{API}/{made['id']}"
    lead = make_user("rose_member", actor=plan["brug"])["headers"]
    muni = make_user("municipality", municipality="34022")["headers"]
    for headers in (lead, muni):
        assert client.post(API, json=jobratio(), headers=headers).status_code == 403
        assert client.patch(url, json={"name": "Anders"}, headers=headers).status_code == 403
        assert client.delete(url, headers=headers).status_code == 403
    assert client.post(API, json=jobratio()).status_code == 401
    assert client.patch(url, json={"public": True}).status_code == 404  # not public: unseen
    assert count_rows("indicators") == 1
    r = client.get(url, headers=lead)
    assert r.json()["name"] == "Gemeenten met een DAEB-overeenkomst" and r.json()["version"] == 1


def test_upsert_by_external_id(client: TestClient, w13: dict[str, str]) -> None:
    url = f"{API}/by-external-id/w13-dwh/IND-0042"
    r = client.put(url, json=jobratio(), headers=w13)
    assert r.status_code == 201, r.text
    first = r.json()
    assert (first["source"], first["external_id"]) == ("w13-dwh", "IND-0042")
    r = client.put(url, json=jobratio(baseline_value=81.4), headers=w13)
    assert r.status_code == 200
    assert r.json()["id"] == first["id"] and r.json()["baseline_value"] == 81.4
    assert count_rows("indicators") == 1


def test_change_feed_visibility_follows_public_and_municipality(
    client: TestClient,
    w13: dict[str, str],
    kortrijk: dict[str, Any],
    add_indicator: Add,
) -> None:
    public = add_indicator(jobratio())
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
    seen = changes_of("indicators")
    assert (seen[public["id"]].visibility, seen[public["id"]].municipalities) == ("public", [])
    assert (seen[local["id"]].visibility, seen[local["id"]].municipalities) == (
        "internal",
        ["34022"],
    )
    r = client.patch(f"{API}/{public['id']}", json={"public": False}, headers=w13)
    assert r.status_code == 200
    assert changes_of("indicators")[public["id"]].visibility == "internal"
