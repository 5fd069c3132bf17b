"""Dossier texts stay anonymous: the platform never stores personal data of target-group workers.

Signalisation dossiers describe situations at the level of organisations; a national register
number, an e-mail address or a phone number in such a text points at a person, so the write is
refused with the reason instead of being stored. The patterns err on the side of refusing: a
false alarm costs the writer a rephrasing, a leak cannot be undone."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from api.actors.kbo import normalize_kbo
from api.core import i18n
from api.core.schemas import Text

# Rijksregisternummer YY.MM.DD-SSS.CC, with or without separators (spaces tolerated too).
NATIONAL_REGISTER = re.compile(r"(?<!\d)\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[. ]?\d{2}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# International (+32 56 23 45 67, 0032 470 12 34 56) and Belgian national forms
# (056 23 45 67, 056/23.45.67, 0470 12 34 56): 9 or 10 digits after the leading 0.
PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s./()-]{0,3}\d){7,12}(?!\d)")
PHONE_NATIONAL = re.compile(r"(?<!\w)0\d(?:[\s./-]?\d){7,8}(?!\d)")
# Calendar dates with a four-digit year look like digit runs too ("01/02/2024 15/03/2024").
DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}(?!\d)")
KBO_FORMATTED = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")

WHY = (
    "Dossier texts must stay anonymous: the platform never stores personal data of "
    "target-group workers. Describe the situation without details that identify a person."
)


_WHY_NL = (
    "Dossierteksten blijven anoniem: het platform bewaart nooit persoonsgegevens van "
    "doelgroepwerknemers. Beschrijf de situatie zonder details die een persoon herkenbaar "
    "maken."
)
_WHY_FR = (
    "Les textes des dossiers restent anonymes : la plateforme n'enregistre jamais de "
    "données personnelles des travailleurs du groupe cible. Décrivez la situation sans "
    "détails permettant d'identifier une personne."
)
REASONS = {
    "national_register": "This looks like a national register number (rijksregisternummer).",
    "email": "This contains an e-mail address.",
    "phone": "This contains a phone number.",
}
i18n.register(
    {
        "personal_data": {
            "nl": "Dit lijkt persoonsgegevens te bevatten. " + _WHY_NL,
            "fr": "Ceci semble contenir des données personnelles. " + _WHY_FR,
            "en": "This looks like personal data. " + WHY,
        },
        "personal_data.national_register": {
            "nl": "Dit lijkt een rijksregisternummer. " + _WHY_NL,
            "fr": "Ceci ressemble à un numéro de registre national. " + _WHY_FR,
            "en": f"{REASONS['national_register']} {WHY}",
        },
        "personal_data.email": {
            "nl": "Dit bevat een e-mailadres. " + _WHY_NL,
            "fr": "Ceci contient une adresse e-mail. " + _WHY_FR,
            "en": f"{REASONS['email']} {WHY}",
        },
        "personal_data.phone": {
            "nl": "Dit bevat een telefoonnummer. " + _WHY_NL,
            "fr": "Ceci contient un numéro de téléphone. " + _WHY_FR,
            "en": f"{REASONS['phone']} {WHY}",
        },
    }
)


def _is_kbo(candidate: str) -> bool:
    """An organisation's enterprise number (0630.835.639) is not a phone number."""
    if not KBO_FORMATTED.match(candidate):
        return False
    try:
        normalize_kbo(candidate)
    except ValueError:
        return False
    return True


def personal_data_kind(text: str) -> str | None:
    """Which kind of personal data this text seems to hold (a key of REASONS), or None when
    it looks anonymous."""
    if NATIONAL_REGISTER.search(text):
        return "national_register"
    if EMAIL.search(text):
        return "email"
    undated = DATE.sub(" ", text)
    if PHONE_INTL.search(undated):
        return "phone"
    for match in PHONE_NATIONAL.finditer(undated):
        if not _is_kbo(match.group()):
            return "phone"
    return None


def personal_data_reason(text: str) -> str | None:
    """Why this text looks like it holds personal data, or None when it looks anonymous."""
    kind = personal_data_kind(text)
    return None if kind is None else REASONS[kind]


def check_anonymous(text: str) -> str:
    kind = personal_data_kind(text)
    if kind is not None:
        # Code `personal_data`, its kind in ctx; still a ValueError for callers outside pydantic.
        raise PydanticCustomError("personal_data", f"{REASONS[kind]} {WHY}", {"kind": kind})
    return text


AnonymousText = Annotated[Text, AfterValidator(check_anonymous)]
