"""`regie import` writes new records in bulk (Core executemany) with the change feed, audit trail
and webhook outbox the one-by-one path gives, refuses a bad document as a whole with a problem
naming record and field, and shows progress."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from api.cli import main
from api.core import writes
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.core.principal import SYSTEM
from api.exchange import dump
from api.exchange.dump import export_dataset, import_dataset
from api.models.audit import AuditEntry
from api.models.change import Change
from api.models.webhook import Webhook, WebhookDelivery
from api.seed.loader import load_dataset
from tests.conftest import count_rows, wipe

STAMPS = {"created_at", "updated_at"}


def _subscribe() -> None:
    with session_scope(principal=SYSTEM) as session:
        session.add(Webhook(url="https://w13.example/hook", secret="geheim-0123456789abcdef"))


def _written(engine: sa.Engine) -> dict[str, list[Any]]:
    """The feed, trail and outbox of the records, in feed order, without times and serials."""
    with engine.connect() as conn:
        feed = (
            conn.execute(
                select(Change.__table__).where(Change.resource != "webhooks").order_by(Change.seq)
            )
            .mappings()
            .all()
        )
        trail = (
            conn.execute(select(AuditEntry.__table__).where(AuditEntry.resource != "webhooks"))
            .mappings()
            .all()
        )
        outbox = (
            conn.execute(select(WebhookDelivery.__table__).order_by(WebhookDelivery.seq))
            .mappings()
            .all()
        )
    changes = [
        (
            c["resource"],
            str(c["record_id"]),
            c["op"],
            c["version"],
            c["visibility"],
            list(c["actor_ids"]),
            list(c["municipalities"]),
        )
        for c in feed
    ]
    order = {(r, i): n for n, (r, i, *_) in enumerate(changes)}
    audits = sorted(
        (
            (
                a["resource"],
                str(a["record_id"]),
                a["op"],
                a["actor_kind"],
                a["actor_id"],
                a["actor_label"],
                a["before"],
                {k: v for k, v in (a["after"] or {}).items() if k not in STAMPS},
            )
            for a in trail
        ),
        key=lambda a: order[(a[0], a[1])],
    )
    deliveries = []
    for d in outbox:
        body = json.loads(d["payload"])
        data = {k: v for k, v in body["data"].items() if k not in {"seq", "at"}}
        deliveries.append((d["event_type"], d["status"], body["type"], data))
    return {"changes": changes, "audits": audits, "deliveries": deliveries}


def _import_one_by_one(document: dict[str, Any]) -> None:
    """What the generic create gives, record after record (the path before the bulk one)."""
    with session_scope(principal=SYSTEM) as session:
        for spec in dump._specs():
            docs = document["resources"].get(spec.name, [])
            for _, doc in dump._parents_first(spec, list(enumerate(docs))):
                doc = dict(doc)
                parent = None
                if spec.parent_fk and spec.parent_fk not in spec.create.model_fields:
                    parent = uuid.UUID(doc.pop(spec.parent_fk))
                payload = spec.create.model_validate(doc)
                writes.create_record(session, SYSTEM, spec, payload, parent)


def test_bulk_import_writes_the_feed_of_one_by_one_creates(
    engine: sa.Engine, tmp_path: Path
) -> None:
    load_dataset()
    path = tmp_path / "dataset.json"
    export_dataset(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    total = sum(len(v) for v in document["resources"].values())

    wipe(engine)
    _subscribe()
    import_dataset(path)
    bulk = _written(engine)

    wipe(engine)
    _subscribe()
    _import_one_by_one(document)
    one_by_one = _written(engine)

    assert len(bulk["changes"]) == total
    assert len(bulk["deliveries"]) == total  # one subscription to every resource
    # Every resource kind the dataset holds is there, with its own audience (not all
    # "internal"); the seed has no documents.
    assert {c[0] for c in bulk["changes"]} == {
        n for n, docs in document["resources"].items() if docs
    }
    assert {c[4] for c in bulk["changes"]} >= {"public", "internal", "restricted"}
    assert bulk["changes"] == one_by_one["changes"]
    assert bulk["audits"] == one_by_one["audits"]
    assert bulk["deliveries"] == one_by_one["deliveries"]


def _document(**resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "regie-export", "version": 1, "resources": resources}


def test_a_bad_record_refuses_the_document_naming_record_and_field(
    engine: sa.Engine, tmp_path: Path
) -> None:
    load_dataset()
    with engine.connect() as conn:
        pillar = conn.execute(
            sa.text("SELECT id FROM pillars WHERE framework = 'actieplan' LIMIT 1")
        ).scalar_one()
        taken = conn.execute(
            sa.text("SELECT kbo_number FROM actors WHERE kbo_number IS NOT NULL LIMIT 1")
        ).scalar_one()
    before = {t: count_rows(t) for t in ("actors", "actions", "changes", "audit_entries")}
    good = {"name": "Goed (fictief)", "kind": "partner"}
    external = {"kind": "partner", "source": "crm", "external_id": "7"}
    actions = [
        {
            "code": f"BULK{i}",
            "title": "Actie (fictief)",
            "pillar_id": str(pillar),
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
        }
        for i in range(3)
    ]
    actions[1]["end_date"] = "2024-12-31"  # before the start: the domain rule
    actions[2]["lead_actor_id"] = str(uuid.uuid4())  # an unknown reference
    doc = _document(
        actors=[
            good,
            {"name": "Fout (fictief)", "kind": "partner", "kbo_number": "0630.835.638"},
            {"name": "Tweemaal (fictief)", "kind": "partner", "kbo_number": "0403170701"},
            {"name": "Tweemaal (fictief)", "kind": "partner", "kbo_number": "0403170701"},
            {**external, "name": "Extern (fictief)"},
            {**external, "name": "Extern 2 (fictief)"},
            {"name": "Bestaat al (fictief)", "kind": "partner", "kbo_number": taken},
        ],
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ProblemError) as caught:
        import_dataset(path)
    problem = caught.value
    assert problem.status == 422
    locs = [tuple(e["loc"]) for e in problem.errors]
    assert ("resources", "actors", 1, "kbo_number") in locs
    assert ("resources", "actors", 3, "kbo_number") in locs  # same number as record 2
    assert ("resources", "actors", 5, "external_id") in locs  # same source and id as record 4
    assert ("resources", "actors", 6, "kbo_number") in locs  # a stored actor has it
    assert not any(loc[2] in (0, 2, 4) for loc in locs)

    path.write_text(json.dumps(_document(actors=[good], actions=actions)))
    with pytest.raises(ProblemError) as caught:
        import_dataset(path)
    locs = [tuple(e["loc"]) for e in caught.value.errors]
    assert ("resources", "actions", 1, "end_date") in locs
    assert ("resources", "actions", 2, "lead_actor_id") in locs
    assert not any(loc[2] == 0 for loc in locs)
    # Nothing was written, not even the good actor of the same document.
    assert {t: count_rows(t) for t in before} == before


def test_cli_reports_the_problems_and_shows_progress(
    engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_document(actors=[{"name": "Fout (fictief)", "kind": "nope"}])))
    assert main(["import", "--input", str(path)]) == 2
    err = capsys.readouterr().err
    assert "import actors" in err
    assert "resources.actors.0.kind" in err
    assert count_rows("actors") == 0
