from datetime import UTC, date, datetime

import pytest

from api.meetings.ical import normalize_rrule, parse_rrule


def test_quarterly_assembly_parses() -> None:
    rule = parse_rrule("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")
    assert rule.freq == "MONTHLY"
    assert rule.interval == 3
    assert rule.byday == ("2TU",)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("freq=weekly;byday=mo,we", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("RRULE:INTERVAL=2;FREQ=DAILY", "FREQ=DAILY;INTERVAL=2"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=12", "FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=12"),
        ("FREQ=YEARLY;BYDAY=+02MO;UNTIL=20251231", "FREQ=YEARLY;BYDAY=+2MO;UNTIL=20251231"),
        (
            "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231T230000Z",
            "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231T230000Z",
        ),
    ],
)
def test_rules_are_stored_in_canonical_form(raw: str, canonical: str) -> None:
    assert normalize_rrule(raw) == canonical


def test_until_keeps_its_kind() -> None:
    assert parse_rrule("FREQ=DAILY;UNTIL=20250630").until == date(2025, 6, 30)
    assert parse_rrule("FREQ=DAILY;UNTIL=20250630T120000Z").until == datetime(
        2025, 6, 30, 12, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "FREQ=MONTHLY"),
        ("INTERVAL=3", "FREQ is required"),
        ("FREQ=HOURLY", "FREQ must be one of"),
        ("FREQ=MONTHLY;FREQ=WEEKLY", "given twice"),
        ("FREQ=MONTHLY;INTERVAL=0", "INTERVAL must be"),
        ("FREQ=MONTHLY;INTERVAL=drie", "INTERVAL must be"),
        ("FREQ=MONTHLY;BYMONTH=6", "BYMONTH is not supported"),
        ("FREQ=MONTHLY;INTERVAL", "not NAME=VALUE"),
        ("FREQ=MONTHLY;;INTERVAL=3", "not NAME=VALUE"),
        ("FREQ=WEEKLY;BYDAY=XX", "not a weekday"),
        ("FREQ=WEEKLY;BYDAY=2TU", "needs FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=6TU", "from 1 to 5"),
        ("FREQ=MONTHLY;BYDAY=0TU", "from 1 to 5"),
        ("FREQ=WEEKLY;BYDAY=MO,MO", "listed twice"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "day of the month"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "day of the month"),
        ("FREQ=MONTHLY;COUNT=4;UNTIL=20251231", "exclude each other"),
        ("FREQ=MONTHLY;UNTIL=2025-12-31", "UNTIL must be"),
        ("FREQ=MONTHLY;UNTIL=20251231T230000", "UNTIL must be"),
        ("FREQ=MONTHLY;UNTIL=20250231", "not an existing date"),
    ],
)
def test_garbage_is_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_rrule(raw)
