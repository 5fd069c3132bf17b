"""Problem texts in the reader's language (`Accept-Language`: nl by default, fr, en).

Every problem and every field error carries a stable code (the problem `type`, the field
error's `code` with its parameters in `ctx`); the words around it are looked up here by that
code, so a client may either show the server's text or its own from the code. Core knows no
domain: a domain module registers the texts of its own codes with `register` at import time.
A code without a text for the language keeps the English text it was raised with, so an
unknown code never loses its message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from api.core.qvalues import weighted

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "fr", "en")
DEFAULT_LANGUAGE: Language = "nl"

# code -> language -> template with `{name}` placeholders filled from the error's ctx.
_TEXTS: dict[str, dict[str, str]] = {}


def register(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add (or replace) the texts of some codes; each entry holds nl, fr and en."""
    for code, by_lang in texts.items():
        missing = set(LANGUAGES) - set(by_lang)
        if missing:
            raise ValueError(f"{code}: no text for {', '.join(sorted(missing))}")
        _TEXTS[code] = dict(by_lang)


def known(code: str) -> bool:
    return code in _TEXTS


def negotiate(header: str | None) -> Language:
    """The most wanted language the service speaks; Dutch when none of them is asked for."""
    best: tuple[float, Language] | None = None
    for tag, q in weighted(header or ""):
        primary = tag.split("-")[0]
        if primary in LANGUAGES and q > 0 and (best is None or q > best[0]):
            best = (q, primary)
    return best[1] if best else DEFAULT_LANGUAGE


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def text(code: str, lang: Language, ctx: Mapping[str, Any] | None = None) -> str | None:
    """The text of `code` in `lang`, its placeholders filled from ctx; None for an unknown code."""
    by_lang = _TEXTS.get(code)
    if by_lang is None:
        return None
    values = _Lenient({k: _show(v) for k, v in (ctx or {}).items()})
    return by_lang[lang].format_map(values)


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


# Problem titles by status (code `title.<status>`), the generic details, and the field errors
# of request validation (pydantic's error types, stable across its versions, are the codes).
register(
    {
        "title.400": {"nl": "Ongeldig verzoek", "fr": "Requête invalide", "en": "Bad request"},
        "title.401": {"nl": "Niet aangemeld", "fr": "Non connecté", "en": "Unauthorized"},
        "title.403": {"nl": "Niet toegestaan", "fr": "Non autorisé", "en": "Forbidden"},
        "title.404": {"nl": "Niet gevonden", "fr": "Introuvable", "en": "Not found"},
        "title.405": {
            "nl": "Methode niet toegestaan",
            "fr": "Méthode non autorisée",
            "en": "Method not allowed",
        },
        "title.406": {
            "nl": "Formaat niet beschikbaar",
            "fr": "Format non disponible",
            "en": "Not acceptable",
        },
        "title.409": {"nl": "Conflict", "fr": "Conflit", "en": "Conflict"},
        "title.410": {"nl": "Verdwenen", "fr": "Disparu", "en": "Gone"},
        "title.412": {
            "nl": "Intussen gewijzigd",
            "fr": "Modifié entre-temps",
            "en": "Precondition failed",
        },
        "title.413": {"nl": "Te groot", "fr": "Trop volumineux", "en": "Payload too large"},
        "title.415": {
            "nl": "Formaat niet ondersteund",
            "fr": "Format non pris en charge",
            "en": "Unsupported media type",
        },
        "title.422": {"nl": "Ongeldige invoer", "fr": "Saisie invalide", "en": "Validation failed"},
        "title.428": {
            "nl": "Versie vereist",
            "fr": "Version requise",
            "en": "Precondition required",
        },
        "title.429": {
            "nl": "Te veel verzoeken",
            "fr": "Trop de requêtes",
            "en": "Too many requests",
        },
        "title.500": {"nl": "Interne fout", "fr": "Erreur interne", "en": "Internal server error"},
        "title.503": {
            "nl": "Tijdelijk niet beschikbaar",
            "fr": "Temporairement indisponible",
            "en": "Service unavailable",
        },
        "title.507": {"nl": "Opslag vol", "fr": "Stockage plein", "en": "Insufficient storage"},
        "detail.validation": {
            "nl": "De invoer is niet geldig; zie `errors` voor elk probleem.",
            "fr": "La saisie n'est pas valide ; voir `errors` pour chaque problème.",
            "en": "The request is not valid; see `errors` for each problem.",
        },
        "detail.no_route": {
            "nl": "Deze bron of route bestaat niet.",
            "fr": "Cette ressource ou route n'existe pas.",
            "en": "No such resource or route.",
        },
        "detail.not_found": {
            "nl": "Niet gevonden.",
            "fr": "Introuvable.",
            "en": "{what} not found.",
        },
        "detail.internal": {
            "nl": "Er liep iets mis op de server. Vermeld request-id {request_id} als u het meldt.",
            "fr": "Une erreur interne s'est produite. Citez l'identifiant {request_id} en la "
            "signalant.",
            "en": "An internal error occurred. Quote request id {request_id} when reporting it.",
        },
        "missing": {"nl": "Verplicht veld.", "fr": "Champ obligatoire.", "en": "Field required."},
        "extra_forbidden": {"nl": "Onbekend veld.", "fr": "Champ inconnu.", "en": "Unknown field."},
        "json_invalid": {
            "nl": "Geen geldige JSON.",
            "fr": "JSON invalide.",
            "en": "Not valid JSON.",
        },
        "string_too_short": {
            "nl": "Minstens {min_length} teken(s).",
            "fr": "Au moins {min_length} caractère(s).",
            "en": "String should have at least {min_length} character(s).",
        },
        "string_too_long": {
            "nl": "Hoogstens {max_length} tekens.",
            "fr": "Au plus {max_length} caractères.",
            "en": "String should have at most {max_length} characters.",
        },
        "too_short": {
            "nl": "Minstens {min_length} element(en).",
            "fr": "Au moins {min_length} élément(s).",
            "en": "Should have at least {min_length} item(s).",
        },
        "too_long": {
            "nl": "Hoogstens {max_length} elementen.",
            "fr": "Au plus {max_length} éléments.",
            "en": "Should have at most {max_length} items.",
        },
        "string_type": {
            "nl": "Moet tekst zijn.",
            "fr": "Doit être un texte.",
            "en": "Input should be a valid string.",
        },
        "string_pattern_mismatch": {
            "nl": "Heeft niet de verwachte vorm.",
            "fr": "N'a pas la forme attendue.",
            "en": "String should match pattern '{pattern}'.",
        },
        "int_parsing": {
            "nl": "Moet een geheel getal zijn.",
            "fr": "Doit être un nombre entier.",
            "en": "Input should be a valid integer.",
        },
        "int_type": {
            "nl": "Moet een geheel getal zijn.",
            "fr": "Doit être un nombre entier.",
            "en": "Input should be a valid integer.",
        },
        "int_from_float": {
            "nl": "Moet een geheel getal zijn.",
            "fr": "Doit être un nombre entier.",
            "en": "Input should be a valid integer.",
        },
        "float_parsing": {
            "nl": "Moet een getal zijn.",
            "fr": "Doit être un nombre.",
            "en": "Input should be a valid number.",
        },
        "float_type": {
            "nl": "Moet een getal zijn.",
            "fr": "Doit être un nombre.",
            "en": "Input should be a valid number.",
        },
        "decimal_parsing": {
            "nl": "Moet een getal zijn.",
            "fr": "Doit être un nombre.",
            "en": "Input should be a valid decimal.",
        },
        "bool_parsing": {
            "nl": "Moet waar of onwaar zijn.",
            "fr": "Doit être vrai ou faux.",
            "en": "Input should be a valid boolean.",
        },
        "greater_than": {
            "nl": "Moet groter zijn dan {gt}.",
            "fr": "Doit être supérieur à {gt}.",
            "en": "Input should be greater than {gt}.",
        },
        "greater_than_equal": {
            "nl": "Moet minstens {ge} zijn.",
            "fr": "Doit être au moins {ge}.",
            "en": "Input should be greater than or equal to {ge}.",
        },
        "less_than": {
            "nl": "Moet kleiner zijn dan {lt}.",
            "fr": "Doit être inférieur à {lt}.",
            "en": "Input should be less than {lt}.",
        },
        "less_than_equal": {
            "nl": "Mag hoogstens {le} zijn.",
            "fr": "Doit être au plus {le}.",
            "en": "Input should be less than or equal to {le}.",
        },
        "enum": {
            "nl": "Kies een van: {expected}.",
            "fr": "Choisissez parmi : {expected}.",
            "en": "Input should be {expected}.",
        },
        "literal_error": {
            "nl": "Kies een van: {expected}.",
            "fr": "Choisissez parmi : {expected}.",
            "en": "Input should be {expected}.",
        },
        "date_parsing": {
            "nl": "Geen geldige datum (JJJJ-MM-DD).",
            "fr": "Date invalide (AAAA-MM-JJ).",
            "en": "Input should be a valid date (YYYY-MM-DD).",
        },
        "date_from_datetime_parsing": {
            "nl": "Geen geldige datum (JJJJ-MM-DD).",
            "fr": "Date invalide (AAAA-MM-JJ).",
            "en": "Input should be a valid date (YYYY-MM-DD).",
        },
        "date_type": {
            "nl": "Geen geldige datum (JJJJ-MM-DD).",
            "fr": "Date invalide (AAAA-MM-JJ).",
            "en": "Input should be a valid date (YYYY-MM-DD).",
        },
        "datetime_parsing": {
            "nl": "Geen geldig tijdstip.",
            "fr": "Date et heure invalides.",
            "en": "Input should be a valid datetime.",
        },
        "datetime_from_date_parsing": {
            "nl": "Geen geldig tijdstip.",
            "fr": "Date et heure invalides.",
            "en": "Input should be a valid datetime.",
        },
        "uuid_parsing": {
            "nl": "Geen geldige id (UUID).",
            "fr": "Identifiant (UUID) invalide.",
            "en": "Input should be a valid UUID.",
        },
        "uuid_type": {
            "nl": "Geen geldige id (UUID).",
            "fr": "Identifiant (UUID) invalide.",
            "en": "Input should be a valid UUID.",
        },
        "url_parsing": {
            "nl": "Geen geldig webadres.",
            "fr": "Adresse web invalide.",
            "en": "Input should be a valid URL.",
        },
        "url_scheme": {
            "nl": "Het webadres moet met {expected_schemes} beginnen.",
            "fr": "L'adresse web doit commencer par {expected_schemes}.",
            "en": "URL scheme should be {expected_schemes}.",
        },
        "list_type": {
            "nl": "Moet een lijst zijn.",
            "fr": "Doit être une liste.",
            "en": "Input should be a valid list.",
        },
        "dict_type": {
            "nl": "Moet een object zijn.",
            "fr": "Doit être un objet.",
            "en": "Input should be a valid dictionary.",
        },
        "model_attributes_type": {
            "nl": "Moet een object zijn.",
            "fr": "Doit être un objet.",
            "en": "Input should be a valid object.",
        },
        "unstorable": {
            "nl": "Deze waarde kan niet bewaard worden zoals ze is.",
            "fr": "Cette valeur ne peut pas être enregistrée telle quelle.",
            "en": "A value cannot be stored as given.",
        },
        # `invalid` (a domain rule without a code of its own yet) has no text here on purpose: its
        # own (English) reason says more than any generic sentence would.
    }
)
