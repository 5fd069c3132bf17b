"""Belgian enterprise numbers (KBO/BCE)."""

from __future__ import annotations

import re

_STRIP = re.compile(r"[\s.\-/]")


def normalize_kbo(raw: str) -> str:
    """The 10 digits of a KBO number, or ValueError with a reason a person understands.

    Accepts `0630.835.639`, `BE0630835639`, `BE 0630 835 639` and the old 9-digit form
    `630835639`. The last two digits are 97 − (first eight mod 97)."""
    value = _STRIP.sub("", raw.strip()).upper().removeprefix("BE")
    if not value.isdigit() or not value.isascii():
        raise ValueError("A KBO number has only digits (dots, spaces and a BE prefix allowed).")
    if len(value) == 9:
        value = "0" + value
    if len(value) != 10:
        raise ValueError("A KBO number has 10 digits.")
    if value[0] not in "01":
        raise ValueError("A KBO number starts with 0 or 1.")
    if 97 - int(value[:8]) % 97 != int(value[8:]):
        raise ValueError("The check digits of this KBO number do not match.")
    return value


def format_kbo(value: str) -> str:
    return f"{value[:4]}.{value[4:7]}.{value[7:]}"
