"""Problem texts in the reader's language (`Accept-Language`: nl by default, fr, en).

Every problem and every field error carries a stable code (the problem `type`, the field
error's `code` with its parameters in `ctx`); the words around it are looked up here by that
code, so a client may either show the server's text or its own from the code. Core knows no
domain: a domain module registers the texts of its own codes with `register` at import time.
The catalogue is the only source of these texts: a raise names a code, never a sentence
(tests/core/test_problem_catalogue.py walks api/ for it). A placeholder written `{name:term}`
shows its value through the term `term.<value>` in the reader's language (resource labels,
verbs; `{name:term.<enum>}` an enum's value; `{name:counts}` a dict of counts as "2 actions
and 1 indicator", each noun from `term.count.<noun>`), so an English identifier in ctx never
reaches a Dutch or French reader."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic_core import PydanticCustomError

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


def codes() -> list[str]:
    """Every code of the catalogue (for the test that walks it)."""
    return sorted(_TEXTS)


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> _Missing:
        return _Missing(key)


class _Missing:
    """A placeholder without a value in ctx stays as written."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __format__(self, spec: str) -> str:
        return "{" + self.key + (":" + spec if spec else "") + "}"


class _Value:
    """A ctx value as a template shows it: plain, or (`{name:term}`) as a term in `lang`."""

    def __init__(self, value: Any, lang: Language) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        if spec == "counts":  # {"action": 2, "indicator": 1} -> "2 actions and 1 indicator"
            parts = [_counted(n, what, self.lang) for what, n in dict(self.value).items() if n]
            return f" {_AND[self.lang]} ".join(parts)
        values = self.value if isinstance(self.value, (list, tuple)) else [self.value]
        if spec == "term" or spec.startswith("term."):
            return ", ".join(term(f"{spec}.{v}", self.lang) for v in values)
        return ", ".join(format(v, spec) for v in values)


_AND: dict[Language, str] = {"nl": "en", "fr": "et", "en": "and"}


def _counted(n: int, what: str, lang: Language) -> str:
    # `term.count.<what>` holds "singular|plural" in each language.
    one, _, many = term(f"term.count.{what}", lang).partition("|")
    return f"{n} {one if n == 1 or not many else many}"


def term(key: str, lang: Language) -> str:
    """A word such as a resource label, a verb or an enum value (`term.<value>`, or
    `term.<enum>.<value>`) in `lang`; the value itself when the catalogue has none."""
    by_lang = _TEXTS.get(key)
    return by_lang[lang] if by_lang else key.rsplit(".", 1)[-1]


def text(code: str, lang: Language, ctx: Mapping[str, Any] | None = None) -> str | None:
    """The text of `code` in `lang`, its placeholders filled from ctx; None for an unknown code."""
    by_lang = _TEXTS.get(code)
    if by_lang is None:
        return None
    values = _Lenient({k: _Value(v, lang) for k, v in (ctx or {}).items()})
    return by_lang[lang].format_map(values)


def refuse(code: str, **ctx: Any) -> PydanticCustomError:
    """A validator's refusal with its catalogue code: pydantic reports it at the field with
    the code, its ctx and the English text (and it is a ValueError for callers outside
    validation)."""
    return PydanticCustomError(code, text(code, "en", ctx) or code, ctx)


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
    }
)

# Issue 13 §4: the problems core raises itself, and the generic field error. Resource labels
# and verbs in these texts are terms (`{label:term}`), registered by api/resources.py.
register(
    {
        "invalid": {"nl": "Ongeldige waarde.", "fr": "Valeur invalide.", "en": "Invalid value."},
        "value_error": {
            "nl": "Ongeldige waarde.",
            "fr": "Valeur invalide.",
            "en": "Invalid value.",
        },
        "listed_twice": {
            "nl": "{value} staat er twee keer in.",
            "fr": "{value} figure deux fois.",
            "en": "{value} is listed twice.",
        },
        "duplicate": {
            "nl": "Staat er meer dan eens in.",
            "fr": "Figure plus d'une fois.",
            "en": "Listed more than once.",
        },
        "nul_character": {
            "nl": "NUL-tekens zijn niet toegelaten.",
            "fr": "Les caractères NUL ne sont pas admis.",
            "en": "NUL characters are not allowed.",
        },
        "date_text": {
            "nl": "Geef een datum als JJJJ-MM-DD, of een tijdstip volgens RFC 3339.",
            "fr": "Indiquez une date AAAA-MM-JJ, ou un moment selon la RFC 3339.",
            "en": "Give a date as YYYY-MM-DD, or a moment as RFC 3339.",
        },
        "json_boolean": {
            "nl": "Moet true of false zijn (een JSON-booleaanse waarde).",
            "fr": "Doit être true ou false (un booléen JSON).",
            "en": "Input should be a JSON boolean (true or false).",
        },
        "json_integer": {
            "nl": "Moet een geheel getal zijn (JSON).",
            "fr": "Doit être un nombre entier (JSON).",
            "en": "Input should be a JSON integer.",
        },
        "json_date_text": {
            "nl": "Geef een datum als tekst (ISO 8601), niet als getal.",
            "fr": "Indiquez une date sous forme de texte (ISO 8601), pas de nombre.",
            "en": "Input should be a date as text (ISO 8601), not a number.",
        },
        "period_order": {
            "nl": "Mag niet vóór het begin liggen.",
            "fr": "Ne peut pas précéder le début.",
            "en": "Must not be before the start.",
        },
        "sync_pair": {
            "nl": "Geef source en external_id samen, of geen van beide.",
            "fr": "Indiquez source et external_id ensemble, ou aucun des deux.",
            "en": "source and external_id go together.",
        },
        "detail.invalid": {
            "nl": "De invoer is niet geldig; zie `errors` voor elk probleem.",
            "fr": "La saisie n'est pas valide ; voir `errors` pour chaque problème.",
            "en": "The {label} is not valid.",
        },
        "detail.method": {
            "nl": "Deze methode is hier niet toegestaan; de header Allow noemt de toegestane.",
            "fr": "Cette méthode n'est pas permise ici ; l'en-tête Allow cite celles qui le sont.",
            "en": "Method Not Allowed",
        },
        "detail.http": {
            "nl": "Dit verzoek kan niet verwerkt worden.",
            "fr": "Cette requête ne peut pas être traitée.",
            "en": "The request cannot be handled.",
        },
        "body_unreadable": {
            "nl": "De inhoud is geen geldige JSON (UTF-8-tekst, hoogstens enkele honderden niveaus "
            "diep).",
            "fr": "Le contenu n'est pas du JSON valide (texte UTF-8, imbriqué sur quelques "
            "centaines de niveaux au plus).",
            "en": "The body is not valid JSON (UTF-8 text, nested at most a few hundred levels).",
        },
        "body_too_large_stream": {
            "nl": "De inhoud is groter dan toegelaten.",
            "fr": "Le contenu dépasse la limite.",
            "en": "The body is larger than the limit.",
        },
        "body_too_large": {
            "nl": "De inhoud is groter dan {max_body} bytes.",
            "fr": "Le contenu dépasse {max_body} octets.",
            "en": "The body is larger than {max_body} bytes.",
        },
        "json_required": {
            "nl": "Stuur de inhoud als application/json.",
            "fr": "Envoyez le contenu en application/json.",
            "en": "Send the body as application/json.",
        },
        "rate_limited": {
            "nl": "Meer dan {limit} verzoeken in {window} seconden; probeer opnieuw over "
            "{retry_after} seconden.",
            "fr": "Plus de {limit} requêtes en {window} secondes ; réessayez dans {retry_after} "
            "secondes.",
            "en": "More than {limit} requests in {window} seconds; retry after {retry_after} "
            "seconds.",
        },
        "db_full": {
            "nl": "De databank heeft geen opslagruimte meer; er werd niets bewaard. Probeer "
            "opnieuw zodra er ruimte is.",
            "fr": "La base de données n'a plus d'espace de stockage ; rien n'a été enregistré. "
            "Réessayez quand de l'espace aura été libéré.",
            "en": "The database has no space left on its storage; nothing was written. Retry once "
            "space is freed.",
        },
        "db_read_only": {
            "nl": "De databank is nu alleen-lezen; er werd niets bewaard. Probeer later opnieuw.",
            "fr": "La base de données est en lecture seule ; rien n'a été enregistré. Réessayez "
            "plus tard.",
            "en": "The database is read-only right now; nothing was written. Retry later.",
        },
        "db_timeout": {
            "nl": "De databank antwoordde te traag; er werd niets bewaard. Probeer later opnieuw.",
            "fr": "La base de données a mis trop de temps à répondre ; rien n'a été enregistré. "
            "Réessayez plus tard.",
            "en": "The database took too long to answer; nothing was written. Retry later.",
        },
        "db_io": {
            "nl": "De databank kon niet naar haar opslag schrijven; er werd niets bewaard. Probeer "
            "later opnieuw.",
            "fr": "La base de données n'a pas pu écrire sur son stockage ; rien n'a été "
            "enregistré. Réessayez plus tard.",
            "en": "The database could not write to its storage; nothing was written. Retry later.",
        },
        "db_unreachable": {
            "nl": "De databank is nu niet bereikbaar; probeer later opnieuw.",
            "fr": "La base de données est injoignable pour l'instant ; réessayez plus tard.",
            "en": "The database is not reachable right now; retry later.",
        },
        "unstorable.detail": {
            "nl": "Een waarde kan niet bewaard worden zoals ze is (te lang, buiten bereik of geen "
            "geldige tekst).",
            "fr": "Une valeur ne peut pas être enregistrée telle quelle (trop longue, hors limites "
            "ou texte invalide).",
            "en": "A value cannot be stored as given (too long, out of range or not valid text).",
        },
        "conflict": {
            "nl": "Het verzoek botst met bestaande gegevens.",
            "fr": "La requête est en conflit avec des données existantes.",
            "en": "The request conflicts with existing data.",
        },
        "record_conflict": {
            "nl": "Dit gegeven ({label:term}) botst met bestaande gegevens.",
            "fr": "Cet enregistrement ({label:term}) est en conflit avec des données existantes.",
            "en": "The {label} conflicts with existing data.",
        },
        "stale_record": {
            "nl": "Dit gegeven werd intussen gewijzigd; laad het opnieuw en probeer nog eens.",
            "fr": "Cet enregistrement a été modifié entre-temps ; rechargez-le et réessayez.",
            "en": "The record was changed meanwhile; reload it and retry.",
        },
        "changed_meanwhile": {
            "nl": "Iemand wijzigde dit gegeven ({label:term}) intussen; laad het opnieuw en "
            "probeer nog eens.",
            "fr": "Cet enregistrement ({label:term}) a été modifié entre-temps ; rechargez-le et "
            "réessayez.",
            "en": "The {label} was changed meanwhile; reload it and retry.",
        },
        "version_stale": {
            "nl": "Dit gegeven ({label:term}) werd gewijzigd sinds u het las (het is nu aan "
            "versie {version}); laad het opnieuw en probeer nog eens.",
            "fr": "Cet enregistrement ({label:term}) a changé depuis votre lecture (il est "
            "maintenant à la version {version}) ; rechargez-le et réessayez.",
            "en": "The {label} was changed since you read it (it is now at version {version}); "
            "reload it and retry.",
        },
        "if_match_nothing": {
            "nl": "Er bestaat geen {label:term} met deze id om If-Match mee te vergelijken.",
            "fr": "Aucun enregistrement ({label:term}) avec cet identifiant ne correspond à "
            "If-Match.",
            "en": "No {label} with this id exists to match If-Match.",
        },
        "unknown_reference": {
            "nl": "Het verzoek verwijst naar gegevens die niet bestaan.",
            "fr": "La requête renvoie à des enregistrements inexistants.",
            "en": "The request refers to records that do not exist.",
        },
        "no_such_record": {
            "nl": "Bestaat niet ({table:term}).",
            "fr": "N'existe pas ({table:term}).",
            "en": "No {table} record with this key.",
        },
        "still_referenced": {
            "nl": "Dit gegeven ({label:term}) wordt nog gebruikt door andere gegevens; verwijder "
            "die verwijzingen eerst.",
            "fr": "Cet enregistrement ({label:term}) est encore référencé par d'autres ; "
            "supprimez d'abord ces références.",
            "en": "This {label} is still referenced by other records; remove those references "
            "first.",
        },
        "already_exists": {
            "nl": "Er bestaat al een {label:term} met deze {keys}.",
            "fr": "Un enregistrement ({label:term}) avec ce {keys} existe déjà.",
            "en": "A {label} with this {keys} already exists.",
        },
        "id_exists": {
            "nl": "Er bestaat al een {label:term} met deze id.",
            "fr": "Un enregistrement ({label:term}) avec cet identifiant existe déjà.",
            "en": "A {label} with this id already exists.",
        },
        "id_immutable": {
            "nl": "De id van een gegeven kan niet veranderen.",
            "fr": "L'identifiant d'un enregistrement ne peut pas changer.",
            "en": "The id of a record cannot change.",
        },
        "id_mismatch": {
            "nl": "Komt niet overeen met het gegeven.",
            "fr": "Ne correspond pas à l'enregistrement.",
            "en": "Does not match the record.",
        },
        "fields_only": {
            "nl": "Uw rol mag alleen deze velden invullen: {fields}.",
            "fr": "Votre rôle ne peut remplir que ces champs : {fields}.",
            "en": "Your role may only set {fields}.",
        },
        "fields_only_change": {
            "nl": "Uw rol mag van dit gegeven ({label:term}) alleen deze velden wijzigen: "
            "{fields}.",
            "fr": "Votre rôle ne peut modifier que ces champs de cet enregistrement "
            "({label:term}) : {fields}.",
            "en": "Your role may only change {fields} of this {label}.",
        },
        "field_forbidden": {
            "nl": "U mag dit veld niet wijzigen.",
            "fr": "Vous ne pouvez pas modifier ce champ.",
            "en": "You may not change this field.",
        },
        "own_only": {
            "nl": "U mag alleen een eigen {label:term} aanmaken.",
            "fr": "Vous ne pouvez créer qu'un enregistrement ({label:term}) qui vous est propre.",
            "en": "You may only create a {label} of your own.",
        },
        "out_of_reach": {
            "nl": "Door deze wijziging zou dit gegeven ({label:term}) buiten uw bereik vallen.",
            "fr": "Cette modification mettrait cet enregistrement ({label:term}) hors de votre "
            "portée.",
            "en": "This change would take the {label} out of your reach.",
        },
        "record_forbidden": {
            "nl": "U mag dit gegeven ({label:term}) niet {action:term}.",
            "fr": "Vous ne pouvez pas {action:term} cet enregistrement ({label:term}).",
            "en": "You may not {action} this {label}.",
        },
        "role_forbidden": {
            "nl": "Uw rol mag geen {resource:term} {action:term}.",
            "fr": "Votre rôle ne peut pas {action:term} : {resource:term}.",
            "en": "Your role may not {action} {resource}.",
        },
        "login_required": {
            "nl": "Meld u aan om dit te gebruiken.",
            "fr": "Connectez-vous pour utiliser cette ressource.",
            "en": "Log in to use this resource.",
        },
        "bearer_required": {
            "nl": "Gebruik een bearer-token in de header Authorization.",
            "fr": "Utilisez un jeton bearer dans l'en-tête Authorization.",
            "en": "Use a bearer token in the Authorization header.",
        },
        "token_invalid": {
            "nl": "Het toegangstoken is ongeldig of verlopen.",
            "fr": "Le jeton d'accès est invalide ou a expiré.",
            "en": "The access token is invalid or has expired.",
        },
        "account_inactive": {
            "nl": "Het account achter dit token is niet meer actief.",
            "fr": "Le compte derrière ce jeton n'est plus actif.",
            "en": "The account behind this token is no longer active.",
        },
        "cursor_invalid.detail": {
            "nl": "De cursor is niet geldig; begin opnieuw zonder.",
            "fr": "Le curseur n'est pas valide ; recommencez sans lui.",
            "en": "The cursor is not valid; start again without it.",
        },
        "cursor_invalid": {
            "nl": "Ongeldige cursor.",
            "fr": "Curseur invalide.",
            "en": "Invalid cursor.",
        },
        "cursor_gone": {
            "nl": "Deze cursor is ouder dan wat de stroom bewaart; synchroniseer opnieuw vanuit "
            "de lijsten en volg dan de stroom vanaf de cursor die zij geven.",
            "fr": "Ce curseur est plus ancien que ce que le flux conserve ; resynchronisez "
            "depuis les listes, puis suivez le flux à partir du curseur qu'elles donnent.",
            "en": "This cursor is older than the feed keeps; re-sync from the lists, then "
            "follow the feed from the cursor they give.",
        },
        "idempotency_reused.detail": {
            "nl": "Deze Idempotency-Key werd al gebruikt met een andere inhoud.",
            "fr": "Cette Idempotency-Key a déjà servi pour un autre contenu.",
            "en": "This Idempotency-Key was used with another request body.",
        },
        "idempotency_reused": {
            "nl": "Al gebruikt met een andere inhoud.",
            "fr": "Déjà utilisée avec un autre contenu.",
            "en": "Reused with another body.",
        },
        "metrics_loopback": {
            "nl": "Metrieken worden alleen lokaal aangeboden (geen REGIE_METRICS_TOKEN).",
            "fr": "Les métriques ne sont servies qu'en local (pas de REGIE_METRICS_TOKEN).",
            "en": "Metrics are served on loopback only (no REGIE_METRICS_TOKEN).",
        },
        "metrics_token": {
            "nl": "Metrieken vragen het bearer-token van REGIE_METRICS_TOKEN.",
            "fr": "Les métriques demandent le jeton bearer de REGIE_METRICS_TOKEN.",
            "en": "Metrics need the bearer token of REGIE_METRICS_TOKEN.",
        },
        "term.read": {"nl": "lezen", "fr": "lire", "en": "read"},
        "term.create": {"nl": "aanmaken", "fr": "créer", "en": "create"},
        "term.update": {"nl": "wijzigen", "fr": "modifier", "en": "update"},
        "term.delete": {"nl": "verwijderen", "fr": "supprimer", "en": "delete"},
    }
)
