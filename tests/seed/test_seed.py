"""`regie seed` loads the action plan with the source's real figures, idempotently."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from api.cli import main
from api.core.db import session_scope
from api.models import Action, Actor, Indicator, Measurement, Municipality, Pillar
from api.seed import data
from api.seed.loader import load_dataset
from tests.conftest import count_rows

REAL_ACTORS = {"w13", "vdab", "provincie-wvl", "pom-wvl", "resoc-zwvl", "ocmw-kortrijk"}


def test_dataset_content(engine: sa.Engine) -> None:
    load_dataset()
    with session_scope(write=False) as s:
        nis = {m.nis_code: m for m in s.scalars(select(Municipality))}
        assert len(nis) == 14
        assert nis["34043"].name_fr == "Espierres-Helchin"
        assert nis["37017"].name_nl == "Wielsbeke"
        assert nis["33029"].arrondissement == "Ieper"
        codes = {p.code for p in s.scalars(select(Pillar))}
        assert {"3.3.1", "3.3.2", "3.3.3", "WSE-LR1", "WSE-LR2", "WSE-LR3", "WSE-LR4"} <= codes
        assert s.scalar(select(sa.func.count()).select_from(Action)) >= 20
        used = set(s.scalars(select(Action.wse_lr_code)))
        assert {"WSE-LR1", "WSE-LR2", "WSE-LR3", "WSE-LR4"} <= used

        def figure(code_part: str, geography: str, day: str) -> Decimal:
            ind = s.scalars(
                select(Indicator).where(
                    Indicator.code.contains(code_part), Indicator.geography == geography
                )
            ).first()
            assert ind is not None, (code_part, geography)
            m = s.scalars(
                select(Measurement).where(
                    Measurement.indicator_id == ind.id, Measurement.date == date.fromisoformat(day)
                )
            ).one()
            assert m.data_source
            return m.value

        assert figure("JOBRATIO", "zuid_west_vlaanderen", "2019-09-30") == Decimal("81.3")
        assert figure("JOBRATIO", "west_vlaanderen", "2019-09-30") == Decimal("76.7")
        assert figure("JOBRATIO", "vlaanderen", "2019-09-30") == Decimal("71.7")
        values = {m.value for m in s.scalars(select(Measurement))}
        for real in (417, 319114, 182104, 740217, 128539, 13463, 2423, 445, 28.8, 22.2):
            assert Decimal(str(real)) in values, real
        for actor in s.scalars(select(Actor)):
            key = next(a["key"] for a in data.ACTORS if a["name"] == actor.name)
            if key in REAL_ACTORS:
                assert actor.fictional is False
            else:
                assert actor.fictional is True
                assert "fictief" in actor.name.lower()


def test_seed_twice_changes_nothing(engine: sa.Engine) -> None:
    first = load_dataset()
    assert first["actions"] == len(data.ACTIONS)
    changes = count_rows("changes")
    versions = count_rows("actions")
    assert load_dataset() == {}
    assert count_rows("changes") == changes
    assert count_rows("actions") == versions


def test_seed_command_shows_progress(engine: sa.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed"]) == 0
    out = capsys.readouterr()
    assert '"municipalities": 14' in out.out
    n = len(data.ACTIONS)
    assert "actions" in out.err
    assert f"{n}/{n}" in out.err
