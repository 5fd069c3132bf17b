from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import count_rows, create

ACTOR = {
    "name": "Atelier De Brug (fictief)",
    "kind": "maatwerkbedrijf",
    "kbo_number": "BE0630835639",
    "description": "Verpakking en montage voor regionale bedrijven.",
    "municipality": "34022",
    "website": "https://example.org/debrug",
    "contact_persons": [{"name": "An Peeters (fictief)", "email": "an@example.org"}],
    "target_groups": ["personen_met_arbeidsbeperking", "anderstaligen"],
    "places": [{"rung": 5, "description": "Productiemedewerker", "count": 40}],
    "goods_services": [{"name": "Fietsherstel", "description": "Herstel en onderhoud"}],
    "rose_member": True,
    "fictional": True,
}


def test_create_normalises_kbo_and_reads_back(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    actor = create(client, w13, "actors", ACTOR)
    assert actor["kbo_number"] == "0630835639"
    assert actor["version"] == 1
    r = client.get(f"/api/v1/actors/{actor['id']}", headers=w13)
    assert r.status_code == 200
    assert r.json()["contact_persons"][0]["name"] == "An Peeters (fictief)"
    assert r.headers["etag"]


def test_wrong_kbo_is_a_field_error_and_writes_nothing(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    before = count_rows("actors")
    r = client.post("/api/v1/actors", json={**ACTOR, "kbo_number": "0630.835.638"}, headers=w13)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["errors"][0]["loc"] == ["body", "kbo_number"]
    assert "check digits" in body["errors"][0]["msg"]
    assert count_rows("actors") == before


def test_public_directory_hides_contact_persons(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    actor = create(client, w13, "actors", ACTOR)
    public = client.get(f"/api/v1/actors/{actor['id']}").json()
    assert "contact_persons" not in public
    listed = client.get("/api/v1/actors").json()["items"][0]
    assert "contact_persons" not in listed
    assert client.get("/api/v1/actors", headers=w13).json()["items"][0]["contact_persons"]


def test_directory_search_filters(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(client, w13, "actors", ACTOR)
    create(
        client,
        w13,
        "actors",
        {
            "name": "Zorgboerderij Het Veld (fictief)",
            "kind": "arbeidszorginitiatief",
            "municipality": "34022",
            "target_groups": ["langdurig_zieken"],
            "places": [{"rung": 3, "description": "Dierenverzorging"}],
        },
    )

    def names(query: str) -> list[str]:
        r = client.get(f"/api/v1/actors?{query}")
        assert r.status_code == 200, r.text
        return [a["name"] for a in r.json()["items"]]

    assert names("q=fietsHERSTEL") == ["Atelier De Brug (fictief)"]
    assert names("kind=arbeidszorginitiatief") == ["Zorgboerderij Het Veld (fictief)"]
    assert names("target_group=anderstaligen") == ["Atelier De Brug (fictief)"]
    assert names("rung=3") == ["Zorgboerderij Het Veld (fictief)"]
    assert names("municipality=34022") == [
        "Atelier De Brug (fictief)",
        "Zorgboerderij Het Veld (fictief)",
    ]
    assert names("q=100%25") == []


def test_unknown_municipality_is_an_unknown_reference(
    client: TestClient, w13: dict[str, str]
) -> None:
    r = client.post("/api/v1/actors", json={**ACTOR, "municipality": "99999"}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "municipality"]
    assert count_rows("actors") == 0


def test_duplicate_kbo_conflicts(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    create(client, w13, "actors", ACTOR)
    r = client.post("/api/v1/actors", json={**ACTOR, "name": "Ander"}, headers=w13)
    assert r.status_code == 409
    assert count_rows("actors") == 1


def test_patch_is_merge_patch(
    client: TestClient, w13: dict[str, str], kortrijk: dict[str, Any]
) -> None:
    actor = create(client, w13, "actors", ACTOR)
    r = client.patch(
        f"/api/v1/actors/{actor['id']}", json={"website": None, "rose_member": False}, headers=w13
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["website"] is None and body["rose_member"] is False
    assert body["name"] == ACTOR["name"] and body["version"] == 2
    r = client.patch(f"/api/v1/actors/{actor['id']}", json={"name": None}, headers=w13)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "name"]


def test_unknown_fields_are_refused(client: TestClient, w13: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/actors", json={"name": "X", "kind": "partner", "colour": "blue"}, headers=w13
    )
    assert r.status_code == 422
    assert {
        "loc": ["body", "colour"],
        "msg": "Unknown field.",
        "code": "extra_forbidden",
    } in r.json()["errors"]
    r = client.post(
        "/api/v1/actors", json={"name": "X", "kind": "partner", "version": 9}, headers=w13
    )
    assert r.status_code == 422


def test_search_finds_accented_words_in_the_offer(client: TestClient, w13: dict[str, str]) -> None:
    create(
        client,
        w13,
        "actors",
        {
            "name": "Atelier Één (fictief)",
            "kind": "maatwerkbedrijf",
            "goods_services": [{"name": "Coördinatie van verhuizingen"}],
        },
    )
    r = client.get("/api/v1/actors", params={"q": "coördinatie"})
    assert [a["name"] for a in r.json()["items"]] == ["Atelier Één (fictief)"]
