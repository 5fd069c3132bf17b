"""Belgian enterprise numbers (KBO/BCE)."""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

from api.core import i18n

# PydanticCustomError is a ValueError: callers outside validation keep catching ValueError,
# while a request gets the code (and its translations) at the field.
i18n.register(
    {
        "kbo_format": {
            "nl": "Een KBO-nummer bestaat enkel uit cijfers (punten, spaties en BE mogen).",
            "fr": "Un numéro BCE ne contient que des chiffres (points, espaces et BE permis).",
            "en": "A KBO number has only digits (dots, spaces and a BE prefix allowed).",
        },
        "kbo_length": {
            "nl": "Een KBO-nummer heeft 10 cijfers.",
            "fr": "Un numéro BCE compte 10 chiffres.",
            "en": "A KBO number has 10 digits.",
        },
        "kbo_start": {
            "nl": "Een KBO-nummer begint met 0 of 1.",
            "fr": "Un numéro BCE commence par 0 ou 1.",
            "en": "A KBO number starts with 0 or 1.",
        },
        "kbo_checksum": {
            "nl": "Het controlegetal van dit KBO-nummer klopt niet.",
            "fr": "Les chiffres de contrôle de ce numéro BCE ne correspondent pas.",
            "en": "The check digits of this KBO number do not match.",
        },
    }
)


def _refuse(code: str) -> PydanticCustomError:
    return PydanticCustomError(code, i18n.text(code, "en") or code)


_STRIP = re.compile(r"[\s.\-/]")


def normalize_kbo(raw: str) -> str:
    """The 10 digits of a KBO number, or ValueError with a reason a person understands.

    Accepts `0630.835.639`, `BE0630835639`, `BE 0630 835 639` and the old 9-digit form
    `630835639`. The last two digits are 97 − (first eight mod 97)."""
    value = _STRIP.sub("", raw.strip()).upper().removeprefix("BE")
    if not value.isdigit() or not value.isascii():
        raise _refuse("kbo_format")
    if len(value) == 9:
        value = "0" + value
    if len(value) != 10:
        raise _refuse("kbo_length")
    if value[0] not in "01":
        raise _refuse("kbo_start")
    if 97 - int(value[:8]) % 97 != int(value[8:]):
        raise _refuse("kbo_checksum")
    return value


def format_kbo(value: str) -> str:
    return f"{value[:4]}.{value[4:7]}.{value[7:]}"
