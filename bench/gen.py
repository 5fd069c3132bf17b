# ruff: noqa: S311  (synthetic data, not secrets)
"""Benchmark datasets: the seed, then bulk rows of the same shape as real data.

Runs against a database that is migrated and seeded (`regie db upgrade && regie seed`); adds
municipalities (fake NIS codes for the rest of Flanders), actors, actions with partners,
agreements over several municipalities, indicators with long measurement series and a change
feed of a busy year. Rows go in with COPY on PostgreSQL and executemany on SQLite, never
through the API: generating the medium dataset must take a minute or two, not an hour.

    python -m bench.gen medium          # REGIE_DATABASE_URL names the database
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Engine, Table, insert, select, text

from api.core.db import get_engine
from api.core.models import metadata
from api.models import Municipality, Objective, Pillar

BATCH = 5000


@dataclass(frozen=True)
class Size:
    municipalities: int  # in all, the seed's included
    actors: int
    actions: int
    agreements: int
    indicators: int
    measurements_per_indicator: int
    changes: int


SIZES = {
    "small": Size(0, 0, 0, 0, 0, 0, 0),  # the seed as it is
    # ~100k actions, agreements and actors together; 1M measurements; 1M change records.
    "medium": Size(300, 20_000, 50_000, 30_000, 2_000, 500, 1_000_000),
    # 20,000 actions: the size of issue 17's targets (`make bench`), built in about a minute.
    "20k": Size(300, 8_000, 20_000, 12_000, 400, 500, 200_000),
    # 100k records for `regie import` (bench/import_time.py): actors, actions, agreements.
    "import": Size(40, 20_000, 50_000, 30_000, 0, 0, 0),
    # Enough rows that a planner with fresh statistics prefers an index (tests/perf).
    "perf-test": Size(40, 1_500, 5_000, 3_000, 10, 500, 5_000),
    "large": Size(300, 200_000, 500_000, 300_000, 20_000, 500, 10_000_000),
}

SERVICES = [
    "klusjesdienst",
    "kinderopvang",
    "strijkatelier",
    "fietspunt",
    "buurtrestaurant",
    "groenonderhoud",
    "poetsdienst",
    "boodschappendienst",
    "mobiliteitsdienst",
    "sociale kruidenier",
]
WORDS = [
    "tewerkstelling",
    "doelgroepmedewerkers",
    "maatwerk",
    "netwerk",
    "mobiliteit",
    "jongeren",
    "arbeidszorg",
    "inschakeling",
    "opleiding",
    "begeleiding",
    "samenwerking",
    "aanbesteding",
    "duurzaamheid",
    "werkbaar werk",
    "signalisatie",
    "instroom",
    "doorstroom",
    "ondernemen",
    "lokale diensteneconomie",
    "kringloop",
    "herstel",
    "groen",
    "catering",
    "verpakking",
]
KINDS = [
    "maatwerkbedrijf",
    "lde_onderneming",
    "arbeidszorginitiatief",
    "lokaal_bestuur",
    "partner",
    "regulier_bedrijf",
]
TARGETS = [
    "jongeren",
    "anderstaligen",
    "langdurig_zieken",
    "personen_met_arbeidsbeperking",
    "langdurig_werkzoekenden",
    "nieuwkomers",
]
STATUSES = ["planned"] * 2 + ["in_progress"] * 5 + ["on_hold", "done", "done", "cancelled"]
MVO = ["mobiliteit", "werkbaar_werk", "duurzaamheid", "sociaal_aanbesteden"]
REGIMES = ["lde", "individueel_maatwerk", "transitional"]
GEMEENTE = [
    "Beek",
    "Berg",
    "Dam",
    "Dijk",
    "Gem",
    "Heide",
    "Hove",
    "Kerke",
    "Linde",
    "Mere",
    "Rode",
    "Veld",
    "Wijk",
    "Zele",
    "Zande",
    "Hout",
    "Brugge",
    "Kapelle",
]
PREFIX = ["Oost", "West", "Noord", "Zuid", "Groot", "Klein", "Sint-", "Oud-", "Nieuw", ""]


def _bar(label: str, total: int) -> Callable[[int], None]:
    """A progress bar on stderr: call it with the number of rows done."""
    started = time.monotonic()
    last = [0.0]

    def step(done: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.2:
            return
        last[0] = now
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(now - started, 1e-6)
        end = "\n" if done >= total else ""
        sys.stderr.write(
            f"\r  {label:<26} [{'#' * filled}{'.' * (width - filled)}] "
            f"{done:>10,}/{total:,}  {rate:>9,.0f} rows/s{end}"
        )
        sys.stderr.flush()

    return step


def _json_columns(table: Table) -> set[str]:
    out = set()
    for column in table.columns:
        impl = column.type
        if isinstance(impl, JSON) or "JSON" in type(impl).__name__.upper():
            out.add(column.key)
    return out


class Sink:
    """Bulk insertion: COPY on PostgreSQL, executemany in batches on SQLite."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pg = engine.dialect.name == "postgresql"

    def put(self, table: Table, rows: Iterator[dict[str, Any]], total: int, label: str) -> int:
        step = _bar(label, total)
        if total == 0:
            return 0
        columns = [c.key for c in table.columns if c.key != "seq"]
        done = 0
        if self.pg:
            jsons = _json_columns(table)
            raw = self.engine.raw_connection()
            try:
                cur = raw.cursor()
                cols = ", ".join(f'"{c}"' for c in columns)
                with cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:  # type: ignore[attr-defined]
                    for row in rows:
                        copy.write_row(
                            [json.dumps(row.get(c)) if c in jsons else row.get(c) for c in columns]
                        )
                        done += 1
                        if done % 2000 == 0:
                            step(done)
                raw.commit()
            finally:
                raw.close()
        else:
            batch: list[dict[str, Any]] = []
            with self.engine.begin() as conn:
                # Random UUID keys touch pages all over each index: with SQLite's default 2 MB
                # page cache every insert rereads them (8k rows/s); with a big cache 10x more.
                conn.exec_driver_sql("PRAGMA cache_size=-2000000")
                for row in rows:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        conn.execute(insert(table), batch)
                        done += len(batch)
                        batch = []
                        step(done)
                if batch:
                    conn.execute(insert(table), batch)
                    done += len(batch)
        step(done)
        return done


def _stamp(rng: random.Random) -> datetime:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    return start + timedelta(seconds=rng.randrange(0, 6 * 365 * 86400))


def _base(rng: random.Random) -> dict[str, Any]:
    created = _stamp(rng)
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
        "created_at": created,
        "updated_at": created + timedelta(days=rng.randrange(0, 400)),
        "version": rng.randint(1, 6),
    }


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(engine: Engine, size_name: str, seed: int = 13) -> dict[str, int]:
    size = SIZES[size_name]
    rng = random.Random(seed)
    sink = Sink(engine)
    tables = metadata.tables
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        pillars = list(
            conn.execute(select(Pillar.id).where(Pillar.framework == "actieplan")).scalars()
        )
        objectives = [tuple(r) for r in conn.execute(select(Objective.id, Objective.pillar_id))]
        lr_codes = list(
            conn.execute(select(Pillar.code).where(Pillar.framework == "vlaams_kader")).scalars()
        )
        nis = list(conn.execute(select(Municipality.nis_code)).scalars())
    objectives_of = {p: [o for o, po in objectives if po == p] for p in pillars}

    # Municipalities: the region's 14 plus fake Flemish ones up to the size's count.
    extra = max(0, size.municipalities - len(nis))
    new_nis = []
    code = 40000
    while len(new_nis) < extra:
        code += 1
        if str(code) not in nis:
            new_nis.append(str(code))

    def municipalities() -> Iterator[dict[str, Any]]:
        for n in new_nis:
            yield {
                **_base(rng),
                "nis_code": n,
                "name_nl": f"{rng.choice(PREFIX)}{rng.choice(GEMEENTE)}{int(n) % 97}",
                "name_fr": None,
                "arrondissement": f"Arr. {n[:2]}",
                "valid_from": date(1977, 1, 1),
                "valid_to": None,
                "w13_member": False,
                "source": None,
                "external_id": None,
            }

    counts["municipalities"] = sink.put(
        tables["municipalities"], municipalities(), extra, "municipalities"
    )
    all_nis = nis + new_nis

    actor_ids: list[uuid.UUID] = []

    def actors() -> Iterator[dict[str, Any]]:
        for i in range(size.actors):
            row = _base(rng)
            actor_ids.append(row["id"])
            kbo8 = 10_000_000 + i
            kbo = f"0{kbo8:08d}"[-8:]
            kbo = ("0" if i % 2 else "1") + kbo[1:]
            kbo = f"{kbo}{97 - int(kbo) % 97:02d}"
            goods = [
                {"name": rng.choice(SERVICES), "description": _sentence(rng, 3)}
                for _ in range(rng.randint(0, 3))
            ]
            places = [
                {
                    "rung": rng.randint(1, 6),
                    "description": _sentence(rng, 2),
                    "count": rng.randint(1, 40),
                }
                for _ in range(rng.randint(0, 3))
            ]
            yield {
                **row,
                "name": f"{rng.choice(WORDS).capitalize()} {rng.choice(GEMEENTE)} "
                f"{i:05d} (fictief)",
                "kind": rng.choice(KINDS),
                "kbo_number": kbo,
                "description": _sentence(rng, 12),
                "street": f"Stationsstraat {i % 300 + 1}",
                "postal_code": "8500",
                "city": "Kortrijk",
                "municipality": rng.choice(all_nis),
                "website": None,
                "email": f"info{i}@example.org",
                "phone": None,
                "contact_persons": [],
                "rose_member": rng.random() < 0.1,
                "target_groups": rng.sample(TARGETS, rng.randint(0, 2)),
                "places": places,
                "goods_services": goods,
                "fictional": True,
                "source": None,
                "external_id": None,
            }

    counts["actors"] = sink.put(tables["actors"], actors(), size.actors, "actors")
    if not actor_ids:
        return counts

    partners: list[dict[str, Any]] = []
    action_ids: list[uuid.UUID] = []

    def actions() -> Iterator[dict[str, Any]]:
        for i in range(size.actions):
            row = _base(rng)
            action_ids.append(row["id"])
            pillar = rng.choice(pillars)
            start_year = rng.randint(2020, 2025)
            end_year = min(start_year + rng.randint(0, 3), 2026)
            lead = rng.choice(actor_ids)
            status = rng.choice(STATUSES)
            for pos, partner in enumerate(rng.sample(actor_ids, rng.randint(0, 3))):
                if partner != lead:
                    partners.append({"action_id": row["id"], "position": pos, "actor_id": partner})
            yield {
                **row,
                "code": f"R{i % 300:03d}-A{i:06d}",
                "title": _sentence(rng, 5).capitalize(),
                "description": _sentence(rng, 25),
                "pillar_id": pillar,
                "objective_id": rng.choice(objectives_of[pillar] or [None]),
                "wse_lr_code": rng.choice(lr_codes) if lr_codes else None,
                "bbc_code": None,
                "w13_plan_codes": [],
                "lead_actor_id": lead,
                "parent_id": None,
                "start_date": date(start_year, 1, 1),
                "end_date": date(end_year, 12, 31),
                "accent_years": [start_year],
                "mvo_themes": rng.sample(MVO, rng.randint(0, 2)),
                "status": status,
                "progress": 100 if status == "done" else rng.randint(0, 99),
                "published": rng.random() < 0.6,
                "milestones": [
                    {
                        "title": "Tussentijdse evaluatie",
                        "due_date": f"{end_year}-06-30",
                        "done_on": None,
                    }
                ],
                "source": None,
                "external_id": None,
            }

    counts["actions"] = sink.put(tables["actions"], actions(), size.actions, "actions")
    counts["action_partners"] = sink.put(
        tables["action_partners"], iter(partners), len(partners), "action partners"
    )

    agreement_munis: list[dict[str, Any]] = []
    agreement_ids: list[uuid.UUID] = []

    def agreements() -> Iterator[dict[str, Any]]:
        for i in range(size.agreements):
            row = _base(rng)
            agreement_ids.append(row["id"])
            start = date(rng.randint(2012, 2025), rng.choice([1, 4, 7, 10]), 1)
            end = date(start.year + rng.randint(1, 6), start.month, 1) - timedelta(days=1)
            service = rng.choice(SERVICES)
            for pos, m in enumerate(rng.sample(all_nis, rng.randint(1, 3))):
                agreement_munis.append(
                    {"agreement_id": row["id"], "position": pos, "municipality": m}
                )
            yield {
                **row,
                "title": f"DAEB {service} {start.year}-{end.year} nr. {i}",
                "provider_id": rng.choice(actor_ids),
                "service": service,
                "description": _sentence(rng, 15),
                "target_group": "doelgroepmedewerkers",
                "territory": "",
                "start_date": start,
                "end_date": end,
                "compensation_amount": Decimal(rng.randint(5_000, 400_000)),
                "compensation_parameters": "",
                "review_dates": [],
                "council_decision_date": start - timedelta(days=40),
                "council_decision_uri": None,
                "volume": Decimal(rng.randint(100, 9000)),
                "volume_unit": "hours",
                "regime": "lde" if start < date(2023, 7, 1) else rng.choice(REGIMES[1:]),
                "source": None,
                "external_id": None,
            }

    counts["agreements"] = sink.put(
        tables["agreements"], agreements(), size.agreements, "agreements"
    )
    counts["agreement_municipalities"] = sink.put(
        tables["agreement_municipalities"],
        iter(agreement_munis),
        len(agreement_munis),
        "agreement municipalities",
    )

    indicator_ids: list[uuid.UUID] = []

    def indicators() -> Iterator[dict[str, Any]]:
        for i in range(size.indicators):
            row = _base(rng)
            indicator_ids.append(row["id"])
            action = rng.random() < 0.7
            yield {
                **row,
                "code": f"BENCH-IND-{i:05d}",
                "name": _sentence(rng, 4).capitalize(),
                "description": _sentence(rng, 10),
                "unit": "aantal",
                "kind": "action" if action else "context",
                "action_id": rng.choice(action_ids) if action else None,
                "geography": None if action else "municipality",
                "municipality": None if action else rng.choice(all_nis),
                "rung": None,
                "baseline_value": Decimal(rng.randint(0, 500)),
                "baseline_date": date(2019, 12, 31),
                "target_value": Decimal(rng.randint(500, 1000)),
                "target_date": date(2025, 12, 31),
                "public": rng.random() < 0.5,
                "source": None,
                "external_id": None,
            }

    counts["indicators"] = sink.put(
        tables["indicators"], indicators(), size.indicators, "indicators"
    )

    def measurements() -> Iterator[dict[str, Any]]:
        first = date(2000, 1, 1)
        for ind in indicator_ids:
            value = rng.randint(0, 500)
            for k in range(size.measurements_per_indicator):
                value = max(0, value + rng.randint(-10, 12))
                row = _base(rng)
                yield {
                    **row,
                    "indicator_id": ind,
                    "date": first + timedelta(days=14 * k),
                    "value": Decimal(value),
                    "data_source": "Steunpunt Werk (bench)",
                    "note": None,
                }

    total = size.indicators * size.measurements_per_indicator
    counts["measurements"] = sink.put(tables["measurements"], measurements(), total, "measurements")

    def changes() -> Iterator[dict[str, Any]]:
        at = datetime.now(UTC) - timedelta(days=300)
        step = timedelta(days=299) / max(size.changes, 1)
        for _ in range(size.changes):
            at += step
            pick = rng.random()
            if pick < 0.45:
                resource, vis = "measurements", ("public", [], [])
                record = rng.choice(indicator_ids)
            elif pick < 0.7:
                resource = "actions"
                record = rng.choice(action_ids)
                vis = (
                    rng.choice(["public", "internal"]),
                    [str(a) for a in rng.sample(actor_ids, 2)],
                    [],
                )
            elif pick < 0.85:
                resource = "agreements"
                record = rng.choice(agreement_ids)
                vis = ("restricted", [str(rng.choice(actor_ids))], rng.sample(all_nis, 2))
            else:
                resource = "actors"
                record = rng.choice(actor_ids)
                vis = ("public", [str(record)], [rng.choice(all_nis)])
            yield {
                "resource": resource,
                "record_id": record,
                "op": "delete" if rng.random() < 0.02 else "upsert",
                "version": rng.randint(1, 9),
                "at": at,
                "visibility": vis[0],
                "actor_ids": vis[1],
                "municipalities": vis[2],
            }

    counts["changes"] = sink.put(tables["changes"], changes(), size.changes, "changes")
    return counts


def analyze(engine: Engine) -> None:
    """Fresh planner statistics and visibility maps, as autovacuum keeps them on a live
    database (without the visibility map PostgreSQL cannot answer from an index alone)."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        return
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    engine = get_engine()
    started = time.monotonic()
    counts = generate(engine, args.size, args.seed)
    analyze(engine)
    counts_all = {name: n for name, n in counts.items() if n}
    print(
        json.dumps(
            {"size": args.size, "rows": counts_all, "seconds": round(time.monotonic() - started, 1)}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
