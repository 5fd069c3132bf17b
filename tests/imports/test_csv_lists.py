"""Every list answers CSV by `Accept`, in the columns its import takes back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import tabular
from api.core.principal import ANONYMOUS
from api.core.registry import REGISTRY
from api.core.tabular import Kind
from api.resources import load_all
from tests.actors.test_actors_api import ACTOR
from tests.conftest import create
from tests.imports.conftest import CSV, TOP_LEVEL, get_csv, table


def all_items(client: TestClient, headers: dict[str, str], path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = f"{path}?limit=500"
    while url:
        body = client.get(url, headers=headers).json()
        items += body["items"]
        url = f"{path}?limit=500&cursor={body['next_cursor']}" if body["next_cursor"] else None
    return items


@pytest.mark.parametrize("resource", TOP_LEVEL)
def test_every_list_answers_csv_with_every_record(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]], resource: str
) -> None:
    header, rows = table(get_csv(client, w13, f"/api/v1/{resource}?limit=2"))
    assert header == tabular.column_names(REGISTRY[resource])
    assert header[0] == "id" and header[-2:] == ["version", "updated_at"]
    items = all_items(client, w13, f"/api/v1/{resource}")
    assert len(items) > 0
    assert [r["id"] for r in rows] == [i["id"] for i in items]  # same records, same order
    assert [int(r["version"]) for r in rows] == [i["version"] for i in items]


@pytest.mark.parametrize(
    ("parent", "child"), [("indicators", "measurements"), ("dossiers", "events")]
)
def test_nested_lists_name_their_parent(
    client: TestClient,
    w13: dict[str, str],
    seeded: dict[str, dict[str, int]],
    parent: str,
    child: str,
) -> None:
    owners = [
        i
        for i in all_items(client, w13, f"/api/v1/{parent}")
        if client.get(f"/api/v1/{parent}/{i['id']}/{child}", headers=w13).json()["items"]
    ]
    owner = owners[0]["id"]
    header, rows = table(get_csv(client, w13, f"/api/v1/{parent}/{owner}/{child}"))
    fk = "indicator_id" if parent == "indicators" else "dossier_id"
    assert header[:2] == ["id", fk]
    assert rows and {r[fk] for r in rows} == {owner}


def test_cells_scalars_lists_and_documents(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    actor = create(client, w13, "actors", {**ACTOR, "source": "w13-crm", "external_id": "A-17"})
    _, (row,) = table(get_csv(client, w13, "/api/v1/actors"))
    assert row["id"] == actor["id"] and row["external_id"] == "A-17"
    assert row["kbo_number"] == "0630835639"
    assert row["target_groups"] == "personen_met_arbeidsbeperking anderstaligen"
    assert json.loads(row["places"]) == ACTOR["places"]
    assert json.loads(row["contact_persons"])[0]["name"] == "An Peeters (fictief)"
    assert row["rose_member"] == "true" and row["street"] == ""
    assert row["version"] == "1"


def test_public_csv_has_no_contact_persons(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(client, w13, "actors", ACTOR)
    header, (row,) = table(get_csv(client, {}, "/api/v1/actors"))
    assert "contact_persons" not in header
    assert "An Peeters" not in ",".join(row.values())
    assert header == tabular.column_names(REGISTRY["actors"], ANONYMOUS)
    logged_in, _ = table(get_csv(client, w13, "/api/v1/actors"))
    assert "contact_persons" in logged_in


def test_public_csv_follows_the_public_view(
    client: TestClient, w13: dict[str, str], seeded: dict[str, dict[str, int]]
) -> None:
    _, public = table(get_csv(client, {}, "/api/v1/actions"))
    _, internal = table(get_csv(client, w13, "/api/v1/actions"))
    published = {i["id"] for i in client.get("/api/v1/actions?limit=500").json()["items"]}
    assert {r["id"] for r in public} == published
    assert len(public) < len(internal)
    assert client.get("/api/v1/meetings", headers=CSV).status_code == 401


def test_formulas_are_neutralised_and_filters_apply(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(
        client,
        w13,
        "actors",
        {
            "name": '=HYPERLINK("http://x.example")',
            "kind": "partner",
            "description": "@SUM(A1)",
            "phone": "+32 56 12 34 56",
        },
    )
    create(client, w13, "actors", {"name": "Gewone naam", "kind": "w13"})
    _, rows = table(get_csv(client, w13, "/api/v1/actors?kind=partner"))
    (row,) = rows
    assert row["name"] == '\'=HYPERLINK("http://x.example")'
    assert row["description"] == "'@SUM(A1)"
    assert row["phone"] == "'+32 56 12 34 56"


def test_json_stays_the_default(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    r = client.get("/api/v1/municipalities", headers={**w13, "Accept": "*/*"})
    assert r.headers["content-type"].startswith("application/json")
    assert "Accept" in r.headers["vary"]
    r = client.get("/api/v1/municipalities", headers={**w13, **CSV})
    assert r.headers["content-disposition"] == 'attachment; filename="municipalities.csv"'
    bad = client.get("/api/v1/municipalities?cursor=zzz", headers={**w13, **CSV})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"


def test_openapi_declares_csv_on_every_list(client: TestClient) -> None:
    load_all()
    doc = client.get("/api/v1/openapi.json").json()
    generic = {f"{name.replace('-', '_')}_list" for name in REGISTRY}
    lists = [
        op
        for path in doc["paths"].values()
        for op in path.values()
        if op.get("operationId") in generic
    ]
    assert len(lists) == len(generic) >= 15
    for op in lists:
        content = op["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}, op["operationId"]
        assert "accept" in {p["name"] for p in op["parameters"]}, op["operationId"]


# --- columns and cells ---------------------------------------------------------------------


def test_columns_follow_the_create_schema() -> None:
    load_all()
    for spec in REGISTRY.values():
        names = tabular.column_names(spec)
        writable = [c.name for c in tabular.all_columns(spec) if c.writable]
        shown = set(spec.read.model_fields)
        # every create field the read schema shows is a column, in the create schema's order
        expected = [f for f in spec.create.model_fields if f != "id" and f in shown]
        assert [n for n in names if n in expected] == expected, spec.name
        assert set(writable) - {"id", spec.parent_fk} == set(spec.create.model_fields) - {"id"}


@pytest.mark.parametrize(
    ("resource", "field", "kind"),
    [
        ("agreements", "municipalities", Kind.list),
        ("agreements", "review_dates", Kind.list),
        ("actions", "partner_ids", Kind.list),
        ("actions", "milestones", Kind.json),
        ("actors", "places", Kind.json),
        ("meetings", "agenda", Kind.json),
        ("indicators", "baseline_value", Kind.scalar),
        ("clients", "scopes", Kind.list),
    ],
)
def test_column_kinds(resource: str, field: str, kind: Kind) -> None:
    load_all()
    (col,) = [c for c in tabular.all_columns(REGISTRY[resource]) if c.name == field]
    assert col.kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "'=1+1",
        "''=1+1",
        "-5",
        "'t Hofke",
        "''t",
        "+32 56",
        "@x",
        "\tx",
        "gewoon",
        "'",
    ],
)
def test_cells_read_back_as_written(text: str) -> None:
    from api.core.csv_export import cell, uncell

    assert uncell(cell(text)) == text
    assert not str(cell(text)).startswith(("=", "+", "-", "@", "\t"))


def test_empty_cells() -> None:
    load_all()
    cols = {c.name: c for c in tabular.all_columns(REGISTRY["actors"])}
    assert tabular.from_cell(cols["street"], "") is None
    assert tabular.from_cell(cols["description"], "") == ""
    assert tabular.from_cell(cols["target_groups"], "") == []
    assert tabular.from_cell(cols["target_groups"], "jongeren ouderen") == ["jongeren", "ouderen"]
    with pytest.raises(tabular.CellError):
        tabular.from_cell(cols["name"], " ")
    with pytest.raises(tabular.CellError):
        tabular.from_cell(cols["places"], "[{kapot")


def test_secrets_never_reach_a_csv(client: TestClient, w13: dict[str, str]) -> None:
    """Columns come from the create schema, but only those the read schema shows."""
    made = client.post(
        "/api/v1/clients", headers=w13, json={"name": "Zaaksysteem Kortrijk", "role": "w13"}
    )
    assert made.status_code == 201, made.text
    secret = made.json()["client_secret"]
    for resource in ("users", "clients", "webhooks"):
        content = get_csv(client, w13, f"/api/v1/{resource}")
        header, _ = table(content)
        hidden = {"secret", "secret_hash", "client_secret", "password", "password_hash"}
        assert not hidden & set(header), resource
        assert secret not in content.decode()
