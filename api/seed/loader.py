"""`regie seed`: load the action-plan dataset, idempotently.

The dataset is `actieplan.json`, a document in the format of `regie export`, loaded by the same
code as `regie import` (`api.exchange.dump.import_dataset`): every record passes the rules of a
create through the API (schemas, references, unique keys, the resource's `validate`) and is
written with its change-feed, audit and webhook rows. A record that exists already is replaced
through the generic update, which writes nothing when no field differs: a second run creates no
feed rows and bumps no versions. This is why every record in the file carries its `id`.

What the file holds:
- the pillars, objectives and actions follow the content of the regional action plan 2020-2025
  ("Actieplan regie sociale economie Zuid-West-Vlaanderen"), described in our own words (Dutch);
  no sentences of the plan are copied;
- the context indicators carry the real figures quoted in the plan, each measurement with its
  source (`data_source`);
- organisations with `"fictional": true` are invented: their names end in "(fictief)", their KBO
  numbers are merely mod-97 valid, their contact persons and addresses made up (example.org,
  "Voorbeeldstraat"); real public bodies (W13, VDAB, the province, POM, RESOC, OCMW Kortrijk)
  appear without personal data;
- the status, progress and milestones of actions, the measurements of action indicators,
  meetings, dossier events and DAEB agreements are illustrative (such measurements say so in
  their note: "Illustratief cijfer").

The ids are UUID v5 of a natural key (`seed_id`): `actor:<key>`, `action:<code>`,
`indicator:<code>`, `measurement:<indicator code>:<date>`, `municipality:<NIS code>` and so on.
A record added to the file gets its id the same way (`python -c "from api.seed.loader import
seed_id; print(seed_id('indicator', 'CTX-...'))"`), so the ids stay stable: the demo logins, the
tests and the browser suite find records by them. After editing the file, seeding an empty
database and exporting it must give the file's records back (tests/seed checks it)."""

from __future__ import annotations

import json
import uuid
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from api.core.db import session_scope
from api.core.registry import REGISTRY
from api.exchange.dump import import_dataset
from api.resources import load_all

NAMESPACE = uuid.UUID("6f1c9a52-3a4e-4c0b-9d7e-2b1f0e5a7c13")
DATASET = "actieplan.json"


def seed_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def actor_id(key: str) -> uuid.UUID:
    """The id of a dataset actor by its key (demo logins and tests use it)."""
    return seed_id("actor", key)


def dataset_path() -> Path:
    """The data file shipped with the package (package data, see pyproject.toml)."""
    return Path(str(resources.files("api.seed").joinpath(DATASET)))


def read_dataset(path: Path | None = None) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((path or dataset_path()).read_text(encoding="utf-8"))
    return document


def _record_ids(document: dict[str, Any]) -> dict[str, list[uuid.UUID]]:
    """The id of every record, per resource. Without an id the import would make a new record
    on every run, so the seed refuses such a file before it writes anything."""
    out: dict[str, list[uuid.UUID]] = {}
    listed = document.get("resources")
    if not isinstance(listed, dict):
        raise ValueError("the dataset has no resources")
    for name, docs in listed.items():
        ids = []
        for n, doc in enumerate(docs if isinstance(docs, list) else []):
            raw = doc.get("id") if isinstance(doc, dict) else None
            try:
                ids.append(uuid.UUID(str(raw)))
            except ValueError:
                raise ValueError(
                    f"the dataset's record resources.{name}.{n} needs a valid id"
                ) from None
        out[name] = ids
    return out


def _versions(ids: dict[str, list[uuid.UUID]]) -> dict[str, dict[uuid.UUID, int]]:
    load_all()
    out: dict[str, dict[uuid.UUID, int]] = {}
    with session_scope(write=False) as session:
        for name, wanted in ids.items():
            model: Any = REGISTRY[name].model
            found: dict[uuid.UUID, int] = {}
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = session.execute(select(model.id, model.version).where(model.id.in_(chunk)))
                found.update({row[0]: row[1] for row in rows})
            out[name] = found
    return out


def load_dataset(path: Path | None = None) -> dict[str, dict[str, int]]:
    """Load (or bring up to date) the whole dataset through the import; per resource, how many
    records were created, updated and left unchanged."""
    path = path or dataset_path()
    ids = _record_ids(read_dataset(path))
    before = _versions(ids)
    import_dataset(path)
    after = _versions(ids)
    summary: dict[str, dict[str, int]] = {}
    for name, wanted in ids.items():
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for record_id in set(wanted):
            if record_id not in before[name]:
                counts["created"] += 1
            elif after[name].get(record_id) != before[name][record_id]:
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        summary[name] = counts
    return summary
