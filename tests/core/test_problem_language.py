"""Problems carry stable codes and speak the caller's language (nl by default, fr, en)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import i18n
from tests.conftest import count_rows
from tests.dossiers.conftest import dossier

ACTOR = {"name": "Kringwinkel Test", "kind": "maatwerkbedrijf"}


def post(
    client: TestClient, headers: dict[str, str], lang: str | None, url: str, body: dict[str, Any]
) -> dict[str, Any]:
    # The shared client asks for English; None sends no preference at all.
    h = {**headers, "Accept-Language": lang if lang is not None else ""}
    r = client.post(url, json=body, headers=h)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    return r.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "nl"),
        ("", "nl"),
        ("de-DE, it;q=0.5", "nl"),
        ("fr-BE,fr;q=0.9,en;q=0.8", "fr"),
        ("en-GB", "en"),
        ("fr;q=0.2, en;q=0.7", "en"),
        ("fr;q=0, en;q=0", "nl"),
        ("NL-be", "nl"),
    ],
)
def test_negotiate(header: str | None, expected: str) -> None:
    assert i18n.negotiate(header) == expected


@pytest.mark.parametrize(
    ("lang", "title", "missing", "too_short"),
    [
        (None, "Ongeldige invoer", "Verplicht veld.", "Minstens 1 teken(s)."),
        ("nl-BE", "Ongeldige invoer", "Verplicht veld.", "Minstens 1 teken(s)."),
        ("fr", "Saisie invalide", "Champ obligatoire.", "Au moins 1 caractère(s)."),
        ("en", "Validation failed", "Field required", "String should have at least 1 character"),
    ],
)
def test_request_validation_has_codes_and_speaks_the_language(
    client: TestClient,
    w13: dict[str, str],
    lang: str | None,
    title: str,
    missing: str,
    too_short: str,
) -> None:
    body = post(client, w13, lang, "/api/v1/actors", {"name": "", "colour": "rood"})
    assert body["title"] == title
    assert body["type"].endswith("/validation")
    by_field = {tuple(e["loc"]): e for e in body["errors"]}
    assert by_field[("body", "kind")]["code"] == "missing"
    assert by_field[("body", "kind")]["msg"] == missing
    short = by_field[("body", "name")]
    assert short["code"] == "string_too_short"
    assert short["ctx"] == {"min_length": 1}
    assert short["msg"] == too_short
    assert by_field[("body", "colour")]["code"] == "extra_forbidden"
    if lang is None or lang.startswith("nl"):
        assert body["detail"].startswith("De invoer is niet geldig")
    assert count_rows("actors") == 0


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Het controlegetal van dit KBO-nummer klopt niet."),
        ("fr", "Les chiffres de contrôle de ce numéro BCE ne correspondent pas."),
        ("en", "The check digits of this KBO number do not match."),
    ],
)
def test_kbo_checksum_has_its_code(
    client: TestClient, w13: dict[str, str], lang: str, text: str
) -> None:
    body = post(client, w13, lang, "/api/v1/actors", {**ACTOR, "kbo_number": "0630.835.638"})
    [error] = body["errors"]
    assert error == {"loc": ["body", "kbo_number"], "code": "kbo_checksum", "msg": text}
    assert count_rows("actors") == 0


def test_unknown_enum_value_names_the_choices_in_the_language(
    client: TestClient, w13: dict[str, str]
) -> None:
    body = post(client, w13, "fr", "/api/v1/actors", {**ACTOR, "kind": "bakker"})
    [error] = body["errors"]
    assert error["code"] == "enum"
    assert error["msg"].startswith("Choisissez parmi : ")
    assert "'partner'" in error["ctx"]["expected"]


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("nl", "Dit bevat een e-mailadres. Dossierteksten blijven anoniem"),
        ("fr", "Ceci contient une adresse e-mail. Les textes des dossiers restent anonymes"),
        ("en", "This contains an e-mail address. Dossier texts must stay anonymous"),
    ],
)
def test_personal_data_has_its_code_and_kind(
    client: TestClient, w13: dict[str, str], lang: str, start: str
) -> None:
    body = post(
        client,
        w13,
        lang,
        "/api/v1/dossiers",
        dossier(evidence_summary="Contact via jan.peeters@example.org"),
    )
    errors = [e for e in body["errors"] if e["loc"] == ["body", "evidence_summary"]]
    assert errors, body
    assert errors[0]["code"] == "personal_data"
    assert errors[0]["ctx"] == {"kind": "email"}
    assert errors[0]["msg"].startswith(start)
    assert count_rows("dossiers") == 0


def test_not_found_and_unknown_route_are_localised(client: TestClient, w13: dict[str, str]) -> None:
    r = client.get("/api/v1/nothing-here", headers={"Accept-Language": "fr"})
    assert r.status_code == 404
    assert r.json()["title"] == "Introuvable"
    assert r.json()["detail"] == "Cette ressource ou route n'existe pas."
    r = client.get("/api/v1/nothing-here", headers={"Accept-Language": "nl"})
    assert r.json()["detail"] == "Deze bron of route bestaat niet."
    r = client.get("/api/v1/nothing-here", headers={"Accept-Language": "en"})
    assert r.json()["title"] == "Not Found"
    assert r.json()["detail"] == "No such resource or route."


def test_every_registered_code_speaks_three_languages() -> None:
    import api.main  # noqa: F401  (imports every domain, which registers its codes)

    for code in (
        "kbo_checksum",
        "personal_data",
        "lde_closed",
        "measurement_exists",
        "missing",
        "string_too_short",
        "title.422",
    ):
        texts = {lang: i18n.text(code, lang) for lang in i18n.LANGUAGES}
        assert all(texts.values()), code
        assert len(set(texts.values())) == 3 or code == "title.409", (code, texts)
