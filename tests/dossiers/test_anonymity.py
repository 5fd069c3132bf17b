"""The anonymity check on its own: what it refuses and what it lets through."""

import pytest

from api.dossiers.anonymity import personal_data_reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Werknemer 85.07.30-033.61 wacht al een jaar.", "national register"),
        ("Rijksregisternummer 85073003361 gekend bij VDAB.", "national register"),
        ("Zie 85 07 30 033 61 in het dossier.", "national register"),
        ("Contact via jan.peeters@example.org voor details.", "e-mail"),
        ("Bel de werknemer op 056 23 45 67.", "phone"),
        ("GSM 0470 12 34 56 van de betrokkene.", "phone"),
        ("Tel. 056/23.45.67 (privé).", "phone"),
        ("Bereikbaar op +32 470 12 34 56.", "phone"),
        ("Bereikbaar op 0032 (0)56 23 45 67.", "phone"),
        ("Nummer 0470123456 doorgegeven.", "phone"),
        ("Tel.056 23 45 67 na 17 uur.", "phone"),
    ],
)
def test_personal_data_is_recognised(text: str, reason: str) -> None:
    found = personal_data_reason(text)
    assert found is not None
    assert reason in found


@pytest.mark.parametrize(
    "text",
    [
        "Eind 2018 bleven in de regio 417 mensen met een maatwerk- of LDE-advies zonder plaats.",
        "Het aandeel jongeren onder de werklozen was 28,8 % in 2019 (22,2 % in Vlaanderen).",
        "Wachttijden tussen 01/02/2024 en 15/03/2024 liepen op tot 6 weken.",
        "Periode 01.01.2020 - 31.12.2025, 13 gemeenten, 319 114 inwoners.",
        "Gemeld door onderneming 0630.835.639 (KBO) en twee andere organisaties.",
        "Budget 78.000,00 euro voor 6 500 uur begeleiding.",
        "",
    ],
)
def test_anonymous_texts_pass(text: str) -> None:
    assert personal_data_reason(text) is None
