"""Each kind of problem carries its stable code and speaks nl (the default), fr and en: a field
rule, a cross-field rule, 404, 409 (still referenced), 412, 429 and 403. Runs on SQLite and
PostgreSQL like every test. (No route answers 428 today: writes without If-Match are allowed.)"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import ratelimit
from api.core.config import get_settings
from api.main import create_app
from tests.accounts.conftest import login
from tests.conftest import count_rows, create
from tests.dossiers.conftest import dossier

LANGS = ("nl", "fr", "en")


def ask(
    client: TestClient, method: str, url: str, headers: dict[str, str], lang: str, **kw: Any
) -> dict[str, Any]:
    r = client.request(method, url, headers={**headers, "Accept-Language": lang}, **kw)
    assert r.headers["content-type"] == "application/problem+json", r.text
    body: dict[str, Any] = r.json()
    body["status_code"] = r.status_code
    return body


def in_all(
    client: TestClient, method: str, url: str, headers: dict[str, str], **kw: Any
) -> dict[str, dict[str, Any]]:
    return {lang: ask(client, method, url, headers, lang, **kw) for lang in LANGS}


def test_field_rule(client: TestClient, w13: dict[str, str]) -> None:
    body = {"code": "WSE-LR9", "framework": "actieplan", "title": "Verkeerd", "sort_order": 1}
    got = in_all(client, "POST", "/api/v1/pillars", w13, json=body)
    for problem in got.values():
        assert problem["status_code"] == 422
        assert problem["code"] == "invalid"
        [error] = problem["errors"]
        assert error["loc"] == ["body", "code"]
        assert error["code"] == "pillar_code"
        assert error["ctx"] == {"kind": "actieplan"}
    assert got["nl"]["errors"][0]["msg"].startswith("Een pijler van het actieplan heeft een ")
    assert got["fr"]["errors"][0]["msg"].startswith("Un pilier du plan d'action a un numéro")
    assert got["en"]["errors"][0]["msg"].startswith("A `actieplan` pillar has a section number")
    assert got["nl"]["detail"] == "De invoer is niet geldig; zie `errors` voor elk probleem."
    assert got["en"]["detail"] == "The pillar is not valid."
    assert count_rows("pillars") == 0


def test_cross_field_rule_names_statuses_by_their_labels(
    client: TestClient, w13: dict[str, str]
) -> None:
    d = create(client, w13, "dossiers", dossier())
    got = in_all(client, "PATCH", f"/api/v1/dossiers/{d['id']}", w13, json={"status": "answered"})
    for problem in got.values():
        assert problem["status_code"] == 422
        [error] = problem["errors"]
        assert error["code"] == "dossier_transition"
        assert error["ctx"] == {
            "from": "open",
            "to": "answered",
            "allowed": ["on_agenda", "closed"],
        }
    assert got["nl"]["errors"][0]["msg"] == (
        "Een dossier kan niet van open naar beantwoord; mogelijke volgende statussen: "
        "geagendeerd, afgesloten."
    )
    assert got["fr"]["errors"][0]["msg"] == (
        "Un dossier ne peut pas passer de ouvert à répondu ; statuts suivants possibles : "
        "à l’ordre du jour, clôturé."
    )
    assert got["en"]["errors"][0]["msg"] == (
        "A dossier cannot go from open to answered; allowed next states: on_agenda, closed."
    )
    assert client.get(f"/api/v1/dossiers/{d['id']}", headers=w13).json()["status"] == "open"


def test_not_found(client: TestClient, w13: dict[str, str]) -> None:
    got = in_all(client, "GET", f"/api/v1/actions/{uuid.uuid4()}", w13)
    assert {p["status_code"] for p in got.values()} == {404}
    assert {p["code"] for p in got.values()} == {"not_found"}
    assert [got[lang]["detail"] for lang in LANGS] == [
        "Niet gevonden.",
        "Introuvable.",
        "Action not found.",
    ]
    assert [got[lang]["title"] for lang in LANGS] == ["Niet gevonden", "Introuvable", "Not Found"]


def test_still_referenced(client: TestClient, w13: dict[str, str]) -> None:
    pillar = create(
        client,
        w13,
        "pillars",
        {"code": "3.3.1", "framework": "actieplan", "title": "Netwerking", "sort_order": 1},
    )
    create(
        client,
        w13,
        "objectives",
        {"code": "3.3.1.1", "pillar_id": pillar["id"], "title": "ROSE", "sort_order": 1},
    )
    got = in_all(client, "DELETE", f"/api/v1/pillars/{pillar['id']}", w13)
    for problem in got.values():
        assert problem["status_code"] == 409
        assert problem["code"] == "pillar_in_use"
        assert problem["ctx"]["uses"] == {"objective": 1, "action": 0, "coded_action": 0}
    assert got["nl"]["detail"] == (
        "Pijler 3.3.1 heeft nog 1 doelstelling; verplaats of verwijder die eerst."
    )
    assert got["fr"]["detail"] == (
        "Le pilier 3.3.1 a encore 1 objectif ; déplacez-les ou supprimez-les d'abord."
    )
    assert got["en"]["detail"] == "Pillar 3.3.1 still has 1 objective; move or delete them first."
    assert count_rows("pillars") == 1


def test_precondition_failed(client: TestClient, w13: dict[str, str]) -> None:
    actor = create(client, w13, "actors", {"name": "Kringwinkel Test", "kind": "partner"})
    stale = client.get(f"/api/v1/actors/{actor['id']}", headers=w13).headers["etag"]
    r = client.patch(f"/api/v1/actors/{actor['id']}", json={"name": "Nieuw"}, headers=w13)
    assert r.status_code == 200
    url, change = f"/api/v1/actors/{actor['id']}", {"name": "Te laat"}
    got = in_all(client, "PATCH", url, {**w13, "If-Match": stale}, json=change)
    for problem in got.values():
        assert problem["status_code"] == 412
        assert problem["code"] == "version_stale"
        assert problem["ctx"] == {"label": "actor", "version": 2}
    assert got["nl"]["detail"].startswith(
        "Dit gegeven (actor) werd gewijzigd sinds u het las (het is nu aan versie 2)"
    )
    assert got["fr"]["detail"].startswith("Cet enregistrement (acteur) a changé depuis")
    assert got["en"]["detail"].startswith("The actor was changed since you read it")
    assert client.get(url, headers=w13).json()["name"] == "Nieuw"


def test_forbidden_names_the_resource_in_the_language(
    client: TestClient, make_user: Callable[..., dict[str, Any]], kortrijk: dict[str, Any]
) -> None:
    gemeente = make_user("municipality", municipality="34022")["headers"]
    got = in_all(client, "POST", "/api/v1/actors", gemeente, json={"name": "X", "kind": "partner"})
    for problem in got.values():
        assert problem["status_code"] == 403
        assert problem["code"] == "role_forbidden"
        assert problem["ctx"] == {"action": "create", "resource": "actors"}
    assert got["nl"]["detail"] == "Uw rol mag geen actoren aanmaken."
    assert got["fr"]["detail"] == "Votre rôle ne peut pas créer : acteurs."
    assert got["en"]["detail"] == "Your role may not create actors."
    assert count_rows("actors") == 0


@pytest.fixture
def limited(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("REGIE_RATE_LIMIT_ANONYMOUS_READS", "1")
    monkeypatch.setenv("REGIE_RATE_LIMIT_WINDOW_SECONDS", "3600")
    ratelimit.get_rate_limit_settings.cache_clear()
    try:
        with TestClient(create_app(), client=("198.51.100.77", 40000)) as c:
            yield c
    finally:
        ratelimit.get_rate_limit_settings.cache_clear()


def test_too_many_requests(limited: TestClient) -> None:
    assert limited.get("/api/v1/actors").status_code == 200
    got = in_all(limited, "GET", "/api/v1/actors", {})
    for problem in got.values():
        assert problem["status_code"] == 429
        assert problem["code"] == "rate_limited"
    assert got["nl"]["title"] == "Te veel verzoeken"
    assert got["nl"]["detail"].startswith("Meer dan 1 verzoeken in 3600 seconden")
    assert got["fr"]["detail"].startswith("Plus de 1 requêtes en 3600 secondes")
    assert got["en"]["detail"].startswith("More than 1 requests in 3600 seconds")


def test_login_throttle(client: TestClient, make_user: Callable[..., dict[str, Any]]) -> None:
    user = make_user("w13")
    for _ in range(get_settings().login_max_failures):
        assert login(client, user["email"], "geraden").status_code == 401
    got = {
        lang: client.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": user["email"], "password": "x"},
            headers={"Accept-Language": lang},
        ).json()
        for lang in LANGS
    }
    assert {p["status"] for p in got.values()} == {429}
    assert {p["code"] for p in got.values()} == {"login_throttled"}
    assert got["nl"]["detail"] == (
        "Te veel mislukte aanmeldingen; wacht even voor u opnieuw probeert."
    )
    assert got["fr"]["detail"] == "Trop de connexions échouées ; patientez avant de réessayer."
    assert got["en"]["detail"] == "Too many failed logins; wait before trying again."
