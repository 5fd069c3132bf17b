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
from sqlalchemy import func, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session

from api.agreements.service import REMEMBERED as AGREEMENT_MUNICIPALITIES
from api.core import crud
from api.core.db import session_scope
from api.core.pagination import ListParams
from api.core.permissions import Action as PermAction
from api.core.permissions import require
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


BATCH = 1000


def import_dataset(source: str | Path = "-") -> dict[str, dict[str, int]]:
    """Create or replace every record of the document, all in one transaction.

    New records go in by batches: their references are checked with one query per foreign key
    and batch, and a batch is one flush (one INSERT per table), where the generic create costs
    a handful of queries and a flush per record. Records that exist already are replaced one by
    one through the generic update, which compares and versions them."""
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
            shown = iter(progress(range(len(docs)), len(docs), f"import {spec.name}"))
            for start in range(0, len(docs), BATCH):
                new, old = _import_batch(session, spec, docs[start : start + BATCH], start)
                created += new
                replaced += old
                for _ in range(new + old):
                    next(shown, None)
            for _ in shown:
                pass
            result[spec.name] = {"created": created, "replaced": replaced}
    return result


def _parse(spec: Resource, doc: dict[str, Any], n: int) -> tuple[BaseModel, uuid.UUID | None]:
    doc = dict(doc)
    raw_parent = doc.pop(spec.parent_fk, None) if spec.parent_fk else None
    try:
        payload: BaseModel = spec.create.model_validate(doc)
    except ValidationError as exc:
        raise ValueError(f"{spec.name}[{n}] is not valid: {exc}") from exc
    return payload, uuid.UUID(raw_parent) if raw_parent else None


def _import_batch(
    session: Session, spec: Resource, docs: list[dict[str, Any]], offset: int
) -> tuple[int, int]:
    parsed = [_parse(spec, doc, offset + i) for i, doc in enumerate(docs)]
    given = [p.id for p, _ in parsed if getattr(p, "id", None) is not None]  # type: ignore[attr-defined]
    model: Any = spec.model
    existing = set(session.scalars(select(model.id).where(model.id.in_(given)))) if given else set()
    fresh: list[tuple[BaseModel, uuid.UUID | None, dict[str, Any]]] = []
    again: list[tuple[BaseModel, uuid.UUID | None]] = []
    seen: set[uuid.UUID] = set()
    for payload, parent in parsed:
        record_id = getattr(payload, "id", None) or uuid.uuid4()
        if record_id in existing or record_id in seen:
            again.append((payload, parent))
            continue
        seen.add(record_id)
        state = {name: getattr(payload, name) for name in spec.create.model_fields}
        state["id"] = record_id
        if parent is not None and spec.parent_fk:
            state[spec.parent_fk] = parent
        fresh.append((payload, parent, state))
    if fresh:
        require(SYSTEM, spec.name, PermAction.create)
        _check_references(session, spec, [s for _, _, s in fresh], seen, offset)
        objs = []
        for _, _, state in fresh:
            if spec.validate:
                spec.validate(session, state, None)
            values = {
                name: crud.stored_value(spec, name, state[name])
                for name in spec.column_fields
                if name in state and name != "id"
            }
            if spec.parent_fk and state.get(spec.parent_fk) is not None:
                values[spec.parent_fk] = state[spec.parent_fk]
            obj = spec.model(id=state["id"], **values)  # one construction, not a setattr each
            _remember_children(session, spec, obj, state)
            objs.append(obj)
        session.add_all(objs)
        crud.flush_or_problem(session, spec, "create")
        _insert_collections(session, spec, [s for _, _, s in fresh])
    for payload, parent in again:
        _upsert(session, spec, payload, parent)
    return len(fresh), len(again)


def _check_references(
    session: Session, spec: Resource, states: list[dict[str, Any]], batch_ids: set[uuid.UUID],
    offset: int,
) -> None:
    """Unknown references of a whole batch, one query per foreign key."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    checks: list[tuple[str, Any, Any]] = []
    for fk in table.foreign_keys:
        if fk.parent.key != spec.parent_fk:
            checks.append((fk.parent.key, fk.column, None))
    for coll in spec.collections:
        if coll.value:
            col = coll.model.__table__.c[coll.value]  # type: ignore[attr-defined]
            checks.extend((coll.field, fk.column, coll) for fk in col.foreign_keys)
    def listed(state: dict[str, Any], name: str, many: bool) -> list[Any]:
        value = state.get(name)
        if many:
            return list(value or [])
        return [] if value is None else [value]

    problems = []
    for name, target, coll in checks:
        values = {v for state in states for v in listed(state, name, coll is not None)}
        known = set(batch_ids) if target.table is table else set()
        wanted = list(values - known)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            known.update(session.scalars(select(target).where(target.in_(chunk))))
        for i, state in enumerate(states):
            for v in listed(state, name, coll is not None):
                if v not in known:
                    problems.append(
                        f"{spec.name}[{offset + i}].{name}: no {target.table.name} record "
                        f"with key {v}"
                    )
    if problems:
        raise ValueError("unknown references: " + "; ".join(problems[:20]))


def _remember_children(session: Session, spec: Resource, obj: Any, state: dict[str, Any]) -> None:
    """Give the change feed the child rows that decide who may see a new record (an action's
    partners, an agreement's municipalities), which it would otherwise read back for every
    record twice: the children are written after the records, by one statement per table."""
    if spec.name == "actions":
        sa_inspect(obj).info["partner_ids"] = list(state.get("partner_ids") or [])
    elif spec.name == "agreements":
        remembered = session.info.setdefault(AGREEMENT_MUNICIPALITIES, {})
        remembered[obj.id] = list(state.get("municipalities") or [])


def _insert_collections(session: Session, spec: Resource, states: list[dict[str, Any]]) -> None:
    for coll in spec.collections:
        rows: list[dict[str, Any]] = []
        for state in states:
            for pos, item in enumerate(state.get(coll.field) or []):
                row: dict[str, Any] = {coll.parent_fk: state["id"], coll.position: pos}
                if coll.value:
                    row[coll.value] = item
                else:
                    row.update(item.model_dump() if isinstance(item, BaseModel) else item)
                    if "id" in coll.model.model_fields and row.get("id") is None:
                        row["id"] = uuid.uuid4()
                rows.append(row)
        if rows:
            session.execute(insert(coll.model), rows)


def _upsert(
    session: Session, spec: Resource, payload: BaseModel, parent_id: uuid.UUID | None
) -> bool:
    existing = session.get(spec.model, payload.id)  # type: ignore[attr-defined]
    if existing is None:
        crud.create_record(session, SYSTEM, spec, payload, parent_id=parent_id)
        return True
    crud.update_record(session, SYSTEM, spec, existing, payload.model_dump(), replace=True)
    return False
