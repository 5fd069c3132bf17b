"""examples/municipal_agreements.py against a live service, as Kortrijk's client."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.examples.conftest import Live

KORTRIJK = "34022"


def active_in(live: Live, nis: str, day: date) -> set[str]:
    """The answer straight from the service's database."""
    engine = live.engine()
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT a.id FROM agreements a JOIN agreement_municipalities m "
                    "ON m.agreement_id = a.id WHERE m.municipality = :nis "
                    "AND a.start_date <= :day AND a.end_date >= :day"
                ),
                {"nis": nis, "day": day},
            )
            return {str(r[0]).replace("-", "") for r in rows}
    finally:
        engine.dispose()


def hexed(ids: list[str]) -> set[str]:
    return {i.replace("-", "") for i in ids}


@pytest.mark.parametrize("day", ["2021-06-30", "2024-06-30"])
def test_json_and_csv_give_the_same_agreements_of_the_municipality(live: Live, day: str) -> None:
    as_json = json.loads(
        live.run_example("municipal_agreements.py", "kortrijk", "--date", day).stdout
    )
    assert as_json["municipality"] == KORTRIJK and as_json["date"] == day
    found = as_json["agreements"]
    assert found, "the seed has an active agreement in Kortrijk on this day"
    for a in found:
        assert KORTRIJK in a["municipalities"]
        assert a["start_date"] <= day <= a["end_date"]
        assert a["provider_name"]
    expected = active_in(live, KORTRIJK, date.fromisoformat(day))
    assert hexed([a["id"] for a in found]) == expected

    text = live.run_example(
        "municipal_agreements.py", "kortrijk", "--date", day, "--format", "csv"
    ).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [a["id"] for a in found]  # the same rows, same order
    assert [r["title"] for r in rows] == [a["title"] for a in found]
    assert all(KORTRIJK in r["municipalities"].split() for r in rows)


def test_other_municipalities_stay_out_of_reach(live: Live) -> None:
    """Menen has an active agreement, but Kortrijk's client cannot see it, even if it asks."""
    day = "2024-06-30"
    assert active_in(live, "34027", date.fromisoformat(day))
    done = live.run_example(
        "municipal_agreements.py", "kortrijk", "--date", day, "--municipality", "34027"
    )
    assert json.loads(done.stdout)["agreements"] == []
    everything = live.run_example(
        "municipal_agreements.py", "w13", "--date", day, "--municipality", "34027"
    )
    assert json.loads(everything.stdout)["agreements"]  # W13 sees them all
