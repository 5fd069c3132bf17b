"""`regie export` / `regie import`: the whole dataset as one JSON document.

The document holds every domain record in the shape of its create schema (ids included), in
an order where references point backwards, so an import into an empty database (or one that
already holds some of the records) recreates the same dataset. Accounts, the audit trail and
the change feed are not part of it."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from sqlmodel import Session

from api.core import crud
from api.core.db import session_scope
from api.core.pagination import ListParams
from api.core.principal import SYSTEM
from api.core.progress import progress
from api.core.resource import REGISTRY, Resource
from api.resources import load_all

FORMAT = "regie-export"
FORMAT_VERSION = 1
# References always point to resources earlier in this list.
ORDER = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "dossiers",
    "actions",
    "indicators",
    "measurements",
    "bodies",
    "meetings",
    "dossier-events",
    "agreements",
)


def _specs() -> list[Resource]:
    load_all()
    return [REGISTRY[name] for name in ORDER if name in REGISTRY]


def _records(session: Session, spec: Resource) -> Iterator[dict[str, Any]]:
    """Every record of a resource, page by page, as its create schema plus the parent key."""
    params = ListParams(limit=500)
    while True:
        rows, cursor = crud.list_records(session, SYSTEM, spec, params)
        for obj in rows:
            state = crud.state_of(session, spec, obj)
            doc = spec.create.model_validate(
                {k: v for k, v in state.items() if k in spec.create.model_fields}
            ).model_dump(mode="json")
            doc["id"] = str(obj.id)
            if spec.parent_fk:
                doc[spec.parent_fk] = str(getattr(obj, spec.parent_fk))
            yield doc
        if cursor is None:
            return
        params = ListParams(limit=500, cursor=cursor)


def export_dataset(output: str | Path = "-") -> dict[str, int]:
    counts: dict[str, int] = {}
    with session_scope(write=False) as session:
        out: IO[str] = sys.stdout if str(output) == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            header = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "exported_at": datetime.now(UTC).isoformat(),
            }
            out.write(json.dumps(header)[:-1] + ', "resources": {')
            for i, spec in enumerate(_specs()):
                total = session.scalar(select(func.count()).select_from(spec.model)) or 0
                out.write(("," if i else "") + f"\n{json.dumps(spec.name)}: [")
                n = 0
                for doc in progress(_records(session, spec), total, f"export {spec.name}"):
                    out.write(("," if n else "") + "\n  " + json.dumps(doc, ensure_ascii=False))
                    n += 1
                out.write("\n]")
                counts[spec.name] = n
            out.write("\n}}\n")
        finally:
            if out is not sys.stdout:
                out.close()
    return counts


def _parents_first(spec: Resource, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records that point at a parent of the same resource (sub-actions) come after it."""
    if "parent_id" not in spec.create.model_fields:
        return docs
    by_id = {d["id"]: d for d in docs}
    ordered: list[dict[str, Any]] = []
    placed: set[str] = set()

    def place(doc: dict[str, Any], depth: int = 0) -> None:
        if doc["id"] in placed or depth > 50:
            return
        parent = doc.get("parent_id")
        if parent in by_id:
            place(by_id[parent], depth + 1)
        placed.add(doc["id"])
        ordered.append(doc)

    for doc in docs:
        place(doc)
    return ordered


def import_dataset(source: str | Path = "-") -> dict[str, dict[str, int]]:
    """Create or replace every record of the document, all in one transaction."""
    raw = sys.stdin.read() if str(source) == "-" else Path(source).read_text(encoding="utf-8")
    document = json.loads(raw)
    if document.get("format") != FORMAT or document.get("version") != FORMAT_VERSION:
        raise ValueError(f"not a {FORMAT} document of version {FORMAT_VERSION}")
    unknown = set(document["resources"]) - set(ORDER)
    if unknown:
        raise ValueError(f"unknown resources in the document: {', '.join(sorted(unknown))}")
    result: dict[str, dict[str, int]] = {}
    with session_scope(principal=SYSTEM) as session:
        for spec in _specs():
            docs = _parents_first(spec, document["resources"].get(spec.name, []))
            created = replaced = 0
            for n, doc in enumerate(progress(docs, len(docs), f"import {spec.name}")):
                try:
                    was_new = _upsert(session, spec, doc)
                except ValidationError as exc:
                    raise ValueError(f"{spec.name}[{n}] is not valid: {exc}") from exc
                created += was_new
                replaced += not was_new
            result[spec.name] = {"created": created, "replaced": replaced}
    return result


def _upsert(session: Session, spec: Resource, doc: dict[str, Any]) -> bool:
    raw_parent = doc.pop(spec.parent_fk, None) if spec.parent_fk else None
    parent_id = uuid.UUID(raw_parent) if raw_parent else None
    payload: BaseModel = spec.create.model_validate(doc)
    existing = session.get(spec.model, payload.id)  # type: ignore[attr-defined]
    if existing is None:
        crud.create_record(session, SYSTEM, spec, payload, parent_id=parent_id)
        return True
    crud.update_record(session, SYSTEM, spec, existing, payload.model_dump(), replace=True)
    return False
