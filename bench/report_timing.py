"""How long the annual report takes on a large dataset.

Builds a database (a fresh SQLite file unless --database-url or REGIE_DATABASE_URL names one),
loads the seeded action plan, adds synthetic records at the size asked, then renders one year
in each format and prints the seconds per step:

    .venv/bin/python bench/report_timing.py --scale 100000 --measurements 1000000 --year 2024

`--year 2020-2025` times every year of the plan in turn.

`--scale` is the number of actions, actors and agreements together (40 / 30 / 30 %), the way
the benchmark counts its medium dataset. Synthetic rows are written with bulk inserts, outside
the change feed; they are marked `source=bench`. Not a test: it prints, and exits 0."""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--scale",
        type=int,
        default=100_000,
        help="actions + actors + agreements to add (default 100000)",
    )
    p.add_argument(
        "--measurements",
        type=int,
        default=1_000_000,
        help="measurements to add, 100 per indicator (default 1000000)",
    )
    p.add_argument("--year", default="2024", help="a year, or a range such as 2020-2025")
    p.add_argument("--formats", default="json,html,xlsx,pdf")
    p.add_argument(
        "--database-url",
        default=os.environ.get("REGIE_DATABASE_URL"),
        help="default: a new SQLite file in a temporary folder",
    )
    p.add_argument("--seed", type=int, default=13, help="random seed")
    return p.parse_args()


ARGS = _args()
if not ARGS.database_url:
    ARGS.database_url = f"sqlite:///{tempfile.mkdtemp(prefix='regie-report-bench-')}/bench.db"
os.environ["REGIE_DATABASE_URL"] = ARGS.database_url

from sqlalchemy import Engine, func, insert, select  # noqa: E402

from api.core.db import get_engine, session_scope  # noqa: E402
from api.core.progress import progress  # noqa: E402
from api.migrate import upgrade  # noqa: E402
from api.models import (  # noqa: E402
    Action,
    Actor,
    Agreement,
    AgreementMunicipality,
    Body,
    Dossier,
    DossierEvent,
    Indicator,
    Measurement,
    Meeting,
    MeetingAttendance,
    MeetingDecision,
    Municipality,
    Pillar,
)
from api.reports.render import render  # noqa: E402
from api.reports.schemas import Language, ReportFormat  # noqa: E402
from api.reports.service import build_annual_report  # noqa: E402
from api.resources import load_all  # noqa: E402
from api.seed.loader import load_dataset  # noqa: E402

CHUNK = 5_000
NOW = datetime.now(UTC)
TITLES = (
    "Begeleiding naar werk in",
    "Samenwerking met bedrijven rond",
    "Opleidingstraject voor",
    "Overleg met het lokaal bestuur over",
    "Mobiliteitsproject voor",
    "Netwerkmoment over",
)
TOPICS = (
    "jongeren",
    "anderstaligen",
    "arbeidszorg",
    "sociaal aanbesteden",
    "groenonderhoud",
    "fietsherstel",
    "kinderopvang",
    "duurzame energie",
    "re-integratie",
    "doorstroom",
)


def base(**fields: Any) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "created_at": NOW, "updated_at": NOW, "version": 1, **fields}


def synced(i: int, **fields: Any) -> dict[str, Any]:
    return base(source="bench", external_id=str(i), **fields)


def bulk(engine: Engine, table: Any, rows: list[dict[str, Any]], label: str) -> None:
    chunks = [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]
    with engine.begin() as conn:
        for chunk in progress(chunks, len(chunks), label):
            conn.execute(insert(table), chunk)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def populate(engine: Engine, scale: int, n_measurements: int, rng: random.Random) -> None:
    with engine.connect() as conn:
        pillars = conn.execute(select(Pillar.id, Pillar.framework, Pillar.code)).all()
        nis = [r[0] for r in conn.execute(select(Municipality.nis_code))]
        bodies = [r[0] for r in conn.execute(select(Body.id))]
    plan = [p.id for p in pillars if p.framework == "actieplan"]
    wse = [p.code for p in pillars if p.framework == "vlaams_kader"] + [None]
    n_actions, n_actors = scale * 4 // 10, scale * 3 // 10
    n_agreements = scale - n_actions - n_actors

    actors = [
        synced(
            i,
            name=f"Synthetische organisatie {i}",
            kind=rng.choice(
                ["maatwerkbedrijf", "lde_onderneming", "arbeidszorginitiatief", "partner"]
            ),
            description="",
            municipality=rng.choice(nis),
            contact_persons=[],
            rose_member=False,
            target_groups=[],
            places=[],
            goods_services=[],
            fictional=True,
        )
        for i in range(n_actors)
    ]
    bulk(engine, Actor.__table__, actors, "actors")
    actor_ids = [a["id"] for a in actors]

    actions = []
    for i in range(n_actions):
        start = day_between(rng, date(2020, 1, 1), date(2025, 6, 30))
        end = min(start + timedelta(days=rng.randrange(180, 1500)), date(2025, 12, 31))
        years = list(range(start.year, end.year + 1))
        milestones = []
        for _ in range(rng.randrange(5)):
            due = day_between(rng, start, end)
            done = due + timedelta(days=rng.randrange(-20, 40)) if rng.random() < 0.7 else None
            milestones.append(
                {
                    "title": f"Mijlpaal {rng.choice(TOPICS)}",
                    "due_date": due.isoformat(),
                    "done_on": done.isoformat() if done else None,
                }
            )
        actions.append(
            synced(
                i,
                code=f"S{i:06d}",
                title=f"{rng.choice(TITLES)} {rng.choice(TOPICS)} ({i})",
                description="",
                pillar_id=rng.choice(plan),
                wse_lr_code=rng.choice(wse),
                w13_plan_codes=[],
                lead_actor_id=rng.choice(actor_ids),
                start_date=start,
                end_date=end,
                accent_years=rng.sample(years, k=min(len(years), rng.randrange(3))),
                mvo_themes=rng.sample(
                    ["mobiliteit", "werkbaar_werk", "duurzaamheid", "sociaal_aanbesteden"],
                    k=rng.choice([0, 0, 0, 1, 2]),
                ),
                status=rng.choice(["planned", "in_progress", "in_progress", "done", "on_hold"]),
                progress=rng.randrange(101),
                published=rng.random() < 0.5,
                milestones=milestones,
            )
        )
    bulk(engine, Action.__table__, actions, "actions")
    action_ids = [a["id"] for a in actions]

    agreements, links = [], []
    for i in range(n_agreements):
        start = day_between(rng, date(2019, 1, 1), date(2026, 1, 1))
        row = synced(
            i,
            title=f"DAEB-opdracht {rng.choice(TOPICS)} ({i})",
            provider_id=rng.choice(actor_ids),
            service=rng.choice(TOPICS),
            description="",
            target_group="",
            territory="",
            start_date=start,
            end_date=start + timedelta(days=rng.randrange(365, 1500)),
            compensation_amount=Decimal(rng.randrange(10_000, 150_000)),
            compensation_parameters="",
            review_dates=[],
            regime=rng.choice(["lde", "individueel_maatwerk", "transitional"]),
        )
        agreements.append(row)
        for pos, code in enumerate(rng.sample(nis, k=rng.randrange(1, 4))):
            links.append({"agreement_id": row["id"], "position": pos, "municipality": code})
    bulk(engine, Agreement.__table__, agreements, "agreements")
    bulk(engine, AgreementMunicipality.__table__, links, "agreement municipalities")

    n_indicators = max(n_measurements // 100, 1)
    indicators = [
        synced(
            i,
            code=f"BENCH-{i:06d}",
            name=f"Synthetische indicator {i}",
            description="",
            unit="personen",
            kind="action",
            action_id=rng.choice(action_ids),
            baseline_value=Decimal(rng.randrange(100)),
            target_value=Decimal(rng.randrange(100, 200)),
            public=False,
        )
        for i in range(n_indicators)
    ]
    bulk(engine, Indicator.__table__, indicators, "indicators")
    months = [date(2018 + m // 12, m % 12 + 1, 1) for m in range(100)]
    measurements = [
        base(
            indicator_id=ind["id"], date=day, value=Decimal(rng.randrange(300)), data_source="bench"
        )
        for ind in indicators
        for day in months
    ][:n_measurements]
    bulk(engine, Measurement.__table__, measurements, "measurements")

    meetings, attendance, decisions = [], [], []
    for i in range(max(scale // 50, 1)):
        start = datetime.combine(
            day_between(rng, date(2020, 1, 1), date(2025, 12, 31)), datetime.min.time(), UTC
        ) + timedelta(hours=9)
        row = synced(
            i,
            body_id=rng.choice(bodies),
            title=f"Vergadering {i}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            status="held",
            agenda=[],
            minutes="Verslag van de vergadering. " * 20,
        )
        meetings.append(row)
        for pos in range(10):
            attendance.append(
                {
                    "meeting_id": row["id"],
                    "position": pos,
                    "actor_id": rng.choice(actor_ids),
                    "status": rng.choice(["present", "present", "excused", "absent"]),
                }
            )
        for pos in range(2):
            decisions.append(
                {
                    "meeting_id": row["id"],
                    "position": pos,
                    "id": uuid.uuid4(),
                    "text": f"Besluit {pos} van vergadering {i}",
                    "action_id": rng.choice(action_ids),
                }
            )
    bulk(engine, Meeting.__table__, meetings, "meetings")
    bulk(engine, MeetingAttendance.__table__, attendance, "attendance")
    bulk(engine, MeetingDecision.__table__, decisions, "decisions")

    dossiers, events = [], []
    for i in range(max(scale // 50, 1)):
        row = synced(
            i,
            code=f"BENCH-SIG-{i:05d}",
            title=f"Synthetisch signaal {i}",
            theme="overig",
            level=rng.choice(["vlaanderen", "provincie", "vdab"]),
            evidence_summary="Geanonimiseerde onderbouwing.",
            status="signalled",
        )
        dossiers.append(row)
        day = day_between(rng, date(2020, 1, 1), date(2025, 6, 30))
        for kind, text in (
            ("note", "Eerste signaal."),
            ("status_change", "Status: open → on_agenda"),
            ("signalled", "Nota verstuurd."),
        ):
            events.append(base(dossier_id=row["id"], date=day, kind=kind, text=text))
            day += timedelta(days=rng.randrange(10, 200))
    bulk(engine, Dossier.__table__, dossiers, "dossiers")
    bulk(engine, DossierEvent.__table__, events, "dossier events")


def main() -> int:
    rng = random.Random(ARGS.seed)  # noqa: S311 - synthetic data, not secrets
    engine = get_engine()
    upgrade(engine)
    load_all()  # the resource registry, which the seed's writes need
    load_dataset()
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(Action.__table__)).scalar_one()
    if have < ARGS.scale // 4:
        populate(engine, ARGS.scale, ARGS.measurements, rng)
    print(f"database: {engine.url.render_as_string(hide_password=True)}")
    first, _, last = ARGS.year.partition("-")
    for year in range(int(first), int(last or first) + 1):
        time_year(year)
    return 0


def time_year(year: int) -> None:
    # Wall-clock seconds, and the CPU seconds of this process: on a busy machine the second
    # says what the work costs, the first what a user waits.
    timings: list[tuple[str, float, float, int]] = []
    wall, cpu = time.perf_counter(), time.process_time()
    with session_scope(write=False) as session:
        report = build_annual_report(session, year, internal=True)
    gathered = (time.perf_counter() - wall, time.process_time() - cpu)
    timings.append(("queries", *gathered, 0))
    for name in ARGS.formats.split(","):
        wall, cpu = time.perf_counter(), time.process_time()
        body = render(report, ReportFormat(name.strip()), Language.nl)
        timings.append(
            (name.strip(), time.perf_counter() - wall, time.process_time() - cpu, len(body))
        )
    kf = report.key_figures
    print(
        f"\nyear {year}: {kf.actions_active} actions, {kf.meetings_held} meetings, "
        f"{kf.dossiers_with_activity} dossiers, {kf.agreements_active} agreements, "
        f"{kf.indicators} indicators"
    )
    print(f"{'step':<10} {'seconds':>8} {'cpu s':>8} {'bytes':>12}")
    for name, seconds, cpu_s, size in timings:
        print(f"{name:<10} {seconds:8.2f} {cpu_s:8.2f} {size or '':>12}")
    for name, seconds, cpu_s, _ in timings[1:]:
        print(
            f"total {name:<4} {gathered[0] + seconds:8.2f} {gathered[1] + cpu_s:8.2f}"
            "  (queries + render)"
        )


if __name__ == "__main__":
    sys.exit(main())
