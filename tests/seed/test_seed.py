"""`regie seed` loads the action plan (a `regie export` document) through the import, with the
source's real figures, idempotently."""

import fnmatch
import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from api.cli import main
from api.core.config import PROJECT_ROOT
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.models import Action, Actor, Indicator, Measurement, Municipality, Pillar
from api.seed.demo import DEMO_ROSE_ACTOR
from api.seed.loader import actor_id, dataset_path, load_dataset, read_dataset
from tests.conftest import count_rows

REAL_ACTORS = {"w13", "vdab", "provincie-wvl", "pom-wvl", "resoc-zwvl", "ocmw-kortrijk"}
VERSIONED = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "actions",
    "indicators",
    "measurements",
    "bodies",
    "meetings",
    "dossiers",
    "dossier_events",
    "agreements",
)


def _versions() -> dict[str, int]:
    with session_scope(write=False) as s:
        return {
            t: int(s.scalar(sa.text(f"SELECT coalesce(sum(version), 0) FROM {t}")))
            for t in VERSIONED
        }


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


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

        def figure(code: str, geography: str, day: str) -> Decimal:
            ind = s.scalars(
                select(Indicator).where(Indicator.code == code, Indicator.geography == geography)
            ).first()
            assert ind is not None, (code, geography)
            m = s.scalars(
                select(Measurement).where(
                    Measurement.indicator_id == ind.id, Measurement.date == date.fromisoformat(day)
                )
            ).one()
            assert m.data_source
            return m.value

        assert figure("CTX-JOBRATIO-ZWVL", "zuid_west_vlaanderen", "2019-09-30") == Decimal("81.3")
        assert figure("CTX-JOBRATIO-WVL", "west_vlaanderen", "2019-09-30") == Decimal("76.7")
        assert figure("CTX-JOBRATIO-VL", "vlaanderen", "2019-09-30") == Decimal("71.7")
        values = {m.value for m in s.scalars(select(Measurement))}
        for real in (417, 319114, 182104, 740217, 128539, 13463, 2423, 445, 28.8, 22.2):
            assert Decimal(str(real)) in values, real
        real_ids = {actor_id(key) for key in REAL_ACTORS}
        actors = list(s.scalars(select(Actor)))
        assert real_ids <= {a.id for a in actors}
        for actor in actors:
            if actor.id in real_ids:
                assert actor.fictional is False
                assert actor.contact_persons == []  # no personal data of real bodies
            else:
                assert actor.fictional is True
                assert "fictief" in actor.name.lower()
        # The demo login of a ROSE member is bound to this actor by its stable id.
        demo = s.get(Actor, actor_id(DEMO_ROSE_ACTOR))
        assert demo is not None
        assert demo.fictional is True


def test_seed_twice_changes_nothing(engine: sa.Engine) -> None:
    document = read_dataset()
    first = load_dataset()
    for name, docs in document["resources"].items():
        assert first[name] == {"created": len(docs), "updated": 0, "unchanged": 0}, name
    total = sum(len(docs) for docs in document["resources"].values())
    # The import wrote a change-feed and an audit row per record, as any import does.
    assert count_rows("changes") == total
    assert count_rows("audit_entries") == total
    versions = _versions()
    assert versions["actions"] == len(document["resources"]["actions"])  # all at version 1

    second = load_dataset()
    for name, docs in document["resources"].items():
        assert second[name] == {"created": 0, "updated": 0, "unchanged": len(docs)}, name
    assert count_rows("changes") == total
    assert count_rows("audit_entries") == total
    assert _versions() == versions


def test_seed_brings_a_changed_record_back(engine: sa.Engine) -> None:
    load_dataset()
    with session_scope() as s:
        kortrijk = s.scalars(select(Municipality).where(Municipality.nis_code == "34022")).one()
        kortrijk.name_nl = "Kortrijk (gewijzigd)"
    changes = count_rows("changes")
    summary = load_dataset()
    assert summary["municipalities"]["updated"] == 1
    assert count_rows("changes") == changes + 1  # the one record it wrote back
    with session_scope(write=False) as s:
        kortrijk = s.scalars(select(Municipality).where(Municipality.nis_code == "34022")).one()
        assert kortrijk.name_nl == "Kortrijk"


def test_seed_command_shows_progress(engine: sa.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed"]) == 0
    out = capsys.readouterr()
    summary = json.loads(out.out)
    assert summary["municipalities"] == {"created": 14, "updated": 0, "unchanged": 0}
    n = len(read_dataset()["resources"]["actions"])
    assert "import actions" in out.err
    assert f"{n}/{n}" in out.err


def _broken_kbo(document: dict[str, Any]) -> tuple[str, int, str]:
    actors = document["resources"]["actors"]
    n = next(n for n, a in enumerate(actors) if a["kbo_number"])
    kbo = actors[n]["kbo_number"]
    actors[n]["kbo_number"] = kbo[:-1] + ("1" if kbo[-1] == "0" else "0")  # fails mod-97
    return "actors", n, "kbo_number"


def _unknown_reference(document: dict[str, Any]) -> tuple[str, int, str]:
    actions = document["resources"]["actions"]
    n = next(n for n, a in enumerate(actions) if a["lead_actor_id"])
    actions[n]["lead_actor_id"] = "00000000-0000-4000-8000-000000000000"
    return "actions", n, "lead_actor_id"


def _taken_code(document: dict[str, Any]) -> tuple[str, int, str]:
    actions = document["resources"]["actions"]
    actions[-1]["code"] = actions[0]["code"]
    return "actions", len(actions) - 1, "code"


def _new_lde_agreement(document: dict[str, Any]) -> tuple[str, int, str]:
    agreements = document["resources"]["agreements"]
    n = next(n for n, a in enumerate(agreements) if a["regime"] == "lde")
    agreements[n].update(start_date="2024-01-01", end_date="2025-12-31", review_dates=[])
    return "agreements", n, "regime"  # no new LDE recognitions after mid-2023


@pytest.mark.parametrize(
    "break_it",
    [_broken_kbo, _unknown_reference, _taken_code, _new_lde_agreement],
    ids=["schema", "reference", "unique-key", "domain-rule"],
)
def test_a_bad_record_is_refused_by_the_import_rules(
    engine: sa.Engine, tmp_path: Path, break_it: Any
) -> None:
    document = read_dataset()
    resource, n, field = break_it(document)
    with pytest.raises(ProblemError) as refused:
        load_dataset(_write(tmp_path, document))
    assert refused.value.status == 422
    locs = {tuple(e["loc"]) for e in refused.value.errors}
    assert locs == {("resources", resource, n, field)}
    # The whole document is refused: nothing of the otherwise good dataset was written.
    for table in ("municipalities", "actors", "actions", "agreements", "changes"):
        assert count_rows(table) == 0, table


def test_a_record_without_id_is_refused_before_anything_is_written(
    engine: sa.Engine, tmp_path: Path
) -> None:
    document = read_dataset()
    del document["resources"]["pillars"][2]["id"]  # would be a new record on every run
    with pytest.raises(ValueError, match=r"resources\.pillars\.2 needs a valid id"):
        load_dataset(_write(tmp_path, document))
    assert count_rows("pillars") == 0


def test_the_data_file_is_package_data() -> None:
    """An installed package (not only this checkout) must carry the data file."""
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["api"]
    relative = dataset_path().relative_to(PROJECT_ROOT / "api").as_posix()
    assert any(fnmatch.fnmatch(relative, p) for p in patterns), (relative, patterns)
    document = read_dataset()
    assert document["format"] == "regie-export"
    ids = [d["id"] for docs in document["resources"].values() for d in docs]
    assert len(ids) == len(set(ids))


def test_the_file_is_what_an_export_of_the_seeded_data_gives(
    engine: sa.Engine, tmp_path: Path
) -> None:
    """The data file is a plain `regie export` document: seeding it and exporting again gives
    the same records, field for field (so a change made in the SPA can be exported back)."""
    load_dataset()
    exported = tmp_path / "export.json"
    assert main(["export", "--output", str(exported)]) == 0
    again = json.loads(exported.read_text(encoding="utf-8"))
    assert again["resources"] == read_dataset()["resources"]


# Figures of the action plan's context analysis (section 2), with the source it names.
SOURCE_FIGURES = [
    # people under 25 on a leefloon in Flanders (POD Maatschappelijke Integratie)
    ("CTX-LEEFLONERS-U25-VL", "vlaanderen", "2009-12-31", "27279", "Maatschappelijke Integratie"),
    ("CTX-LEEFLONERS-U25-VL", "vlaanderen", "2019-12-31", "48500", "Maatschappelijke Integratie"),
    # growth of the job ratio 2006-2017 (RESOC & POM 2018; Arvastat 2019)
    ("CTX-JOBRATIO-GROEI-2006-2017-VL", "vlaanderen", "2017-12-31", "5.7", "Arvastat"),
    ("CTX-JOBRATIO-GROEI-2006-2017-WVL", "west_vlaanderen", "2017-12-31", "6.5", "Arvastat"),
    ("CTX-JOBRATIO-GROEI-2006-2017-ZWVL", "zuid_west_vlaanderen", "2017-12-31", "5.1", "Arvastat"),
    # care workers in West-Vlaanderen, care vacancies expected in Flanders by 2030
    ("CTX-ZORG-WERKENDEN-WVL", "west_vlaanderen", "2019-10-31", "54000", "West4Work"),
    ("CTX-ZORG-VACATURES-2030-VL", "vlaanderen", "2030-12-31", "105000", "Agoria"),
    # growth of the 65+ population: the ten years to 2017, and expected to 2027
    ("CTX-GROEI-65PLUS-VL", "vlaanderen", "2017-01-01", "18", "Statistiek Vlaanderen"),
    ("CTX-GROEI-65PLUS-VL", "vlaanderen", "2027-01-01", "22", "Statistiek Vlaanderen"),
]


def test_the_figures_of_the_source_are_dated_measurements(engine: sa.Engine) -> None:
    load_dataset()
    with session_scope(write=False) as s:
        for code, geography, day, value, source in SOURCE_FIGURES:
            indicator = s.scalars(select(Indicator).where(Indicator.code == code)).one()
            assert (indicator.kind, indicator.geography) == ("context", geography), code
            assert indicator.public is True, code
            m = s.scalars(
                select(Measurement).where(
                    Measurement.indicator_id == indicator.id,
                    Measurement.date == date.fromisoformat(day),
                )
            ).one()
            assert m.value == Decimal(value), (code, day)
            assert source in m.data_source, (code, m.data_source)
        # Projections and rounded figures say so, they are not measured values.
        for code, day in (
            ("CTX-ZORG-VACATURES-2030-VL", "2030-12-31"),
            ("CTX-GROEI-65PLUS-VL", "2027-01-01"),
        ):
            m = s.scalars(
                select(Measurement)
                .join(Indicator)
                .where(Indicator.code == code, Measurement.date == date.fromisoformat(day))
            ).one()
            assert m.note and "geen gemeten waarde" in m.note, code
        # The region's job ratio grew less than the province's and Flanders' (the plan's point).
        growth = {
            g: s.scalars(
                select(Indicator.baseline_value).where(
                    Indicator.code == f"CTX-JOBRATIO-GROEI-2006-2017-{g}"
                )
            ).one()
            for g in ("VL", "WVL", "ZWVL")
        }
        assert growth["ZWVL"] < growth["VL"] < growth["WVL"]


def test_official_french_names(engine: sa.Engine) -> None:
    load_dataset()
    with session_scope(write=False) as s:
        french = {m.name_nl: m.name_fr for m in s.scalars(select(Municipality))}
    assert {nl: fr for nl, fr in french.items() if fr} == {
        "Kortrijk": "Courtrai",
        "Menen": "Menin",
        "Wervik": "Wervicq",
        "Spiere-Helkijn": "Espierres-Helchin",
    }
