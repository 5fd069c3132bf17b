import pytest

from api.actors.kbo import format_kbo, normalize_kbo


@pytest.mark.parametrize("raw", ["0630.835.639", "BE0630835639", "630835639", "be 0630 835 639"])
def test_accepted_forms_normalise_to_ten_digits(raw: str) -> None:
    assert normalize_kbo(raw) == "0630835639"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("0630.835.638", "check digits"),
        ("2630835639", "starts with 0 or 1"),
        ("06308356", "10 digits"),
        ("0630-83X-639", "only digits"),
        ("", "only digits"),
    ],
)
def test_refused_numbers_say_why(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        normalize_kbo(raw)


def test_format() -> None:
    assert format_kbo("0630835639") == "0630.835.639"
