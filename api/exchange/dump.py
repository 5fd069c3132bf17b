"""`regie export` / `regie import`: the whole dataset as one JSON document.

The document holds every domain record in the shape of its create schema (ids included), in
an order where references point backwards (derived from the foreign keys between the tables),
so an import into an empty database (or one that already holds some of the records) recreates
the same dataset. Accounts, webhook subscriptions, the audit trail and the change feed are not
part of it. A record that carries a file (a document) holds its content as base64 in the
field its spec's `Content` names; the export writes it a chunk at a time."""

from __future__ import annotations

import base64
import binascii
import gc
import json
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, func, insert, select, tuple_
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from api.core import i18n, reads, writes
from api.core.bulk import RecordView, bulk_lookups
from api.core.db import session_scope
from api.core.errors import ProblemError, field_error, validation_error
from api.core.pagination import ListParams
from api.core.permissions import Verb, require
from api.core.principal import SYSTEM
from api.core.progress import progress
from api.core.registry import REGISTRY, dependency_order
from api.core.resource import Resource
from api.core.types import utcnow
from api.core.unitofwork import jsonable, record_created
from api.resources import RESOURCES, load_all

FORMAT = "regie-export"
FORMAT_VERSION = 1
# The exported resources, each after every resource it refers to.
ORDER: tuple[str, ...] = tuple(
    spec.name for spec in dependency_order(s for s in RESOURCES if s.exported)
)


def _specs() -> list[Resource]:
    load_all()
    return [REGISTRY[name] for name in ORDER if name in REGISTRY]


def _records(session: Session, spec: Resource) -> Iterator[dict[str, Any]]:
    """Every record of a resource, page by page, as its create schema plus the parent key."""
    params = ListParams(limit=500)
    while True:
        rows, cursor = reads.list_records(session, SYSTEM, spec, params)
        for obj in rows:
            state = reads.state_of(session, spec, obj)
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
                    text = json.dumps(doc, ensure_ascii=False)
                    if spec.content is None:
                        out.write(("," if n else "") + "\n  " + text)
                    else:
                        out.write(("," if n else "") + "\n  " + text[:-1])
                        _write_content(out, spec, session, uuid.UUID(doc["id"]))
                    n += 1
                out.write("\n]")
                counts[spec.name] = n
            out.write("\n}}\n")
        finally:
            if out is not sys.stdout:
                out.close()
    return counts


def _write_content(out: IO[str], spec: Resource, session: Session, record_id: uuid.UUID) -> None:
    """Close the record just written with its file as base64, encoded a chunk at a time (the
    bytes of a chunk that do not fill a base64 quantum wait for the next one)."""
    assert spec.content is not None
    out.write(f', {json.dumps(spec.content.field)}: "')
    rest = b""
    for data in spec.content.read(session, record_id):
        data = rest + data
        cut = len(data) - len(data) % 3
        out.write(base64.b64encode(data[:cut]).decode("ascii"))
        rest = data[cut:]
    out.write(base64.b64encode(rest).decode("ascii") + '"}')


def _base64_pieces(text: str, size: int = 4 * 128 * 1024) -> Iterator[bytes]:
    """A base64 text decoded a piece at a time (`size` is a multiple of 4: whole quanta)."""
    for start in range(0, len(text), size):
        yield base64.b64decode(text[start : start + size], validate=True)


Item = tuple[int, dict[str, Any]]  # (position in the document's list, record)
BATCH = 2000
MAX_ERRORS = 100  # the first problems are enough to fix a file; thousands are noise


def _parents_first(spec: Resource, items: list[Item]) -> list[Item]:
    """Records that point at a parent of the same resource (sub-actions) come after it."""
    if "parent_id" not in spec.create.model_fields:
        return items
    by_id = {d.get("id"): (n, d) for n, d in items if d.get("id")}
    ordered: list[Item] = []
    placed: set[int] = set()

    def place(item: Item, depth: int = 0) -> None:
        n, doc = item
        if n in placed or depth > 50:
            return
        parent = by_id.get(doc.get("parent_id"))
        if parent is not None:
            place(parent, depth + 1)
        placed.add(n)
        ordered.append(item)

    for item in items:
        place(item)
    return ordered


def import_dataset(source: str | Path = "-") -> dict[str, dict[str, int]]:
    """Create or replace every record of the document, all in one transaction, or nothing.

    New records are checked with the rules of a single create (the create schema, references,
    unique keys, the resource's `validate`) and written by batches with Core `executemany`,
    with their change-feed, audit and webhook rows (`api.core.unitofwork.record_created`).
    Records that exist already are replaced one by one through the generic update. A bad
    record refuses the whole document: a 422 problem naming each record (its position in the
    document's list) and field, after every record was checked."""
    raw = sys.stdin.read() if str(source) == "-" else Path(source).read_text(encoding="utf-8")
    document = json.loads(raw)
    if not isinstance(document, dict) or (
        document.get("format") != FORMAT or document.get("version") != FORMAT_VERSION
    ):
        raise ValueError(f"not a {FORMAT} document of version {FORMAT_VERSION}")
    unknown = set(document["resources"]) - set(ORDER)
    if unknown:
        raise ValueError(f"unknown resources in the document: {', '.join(sorted(unknown))}")
    result: dict[str, dict[str, int]] = {}
    with _no_gc(), session_scope(principal=SYSTEM) as session, _large_cache(session):
        for spec in _specs():
            docs = document["resources"].get(spec.name, [])
            if not isinstance(docs, list):
                raise _refusal([field_error(("resources", spec.name), "import_items")])
            writer = _BulkWriter(session, spec)
            items = _parents_first(spec, list(enumerate(docs)))
            shown = iter(progress(range(len(items)), len(items), f"import {spec.name}"))
            for start in range(0, len(items), BATCH):
                batch = items[start : start + BATCH]
                writer.batch(batch)
                for _ in batch:
                    next(shown, None)
            for _ in shown:
                pass
            if writer.errors:
                raise _refusal(writer.errors)
            result[spec.name] = {"created": writer.created, "replaced": writer.replaced}
        written = sum(r["created"] + r["replaced"] for r in result.values())
        # The commit writes a change-feed and an audit row per record: seconds for 100k.
        print(
            f"import: committing {written} records with their change feed and audit trail",
            file=sys.stderr,
        )
    return result


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while the import holds its records: with a few million
    live objects every full collection walks all of them, and they ran again and again (a
    third of the time of 100k records). The import makes next to no cyclic garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _large_cache(session: Session) -> Iterator[None]:
    """SQLite: a page cache of 256 MiB while one transaction writes the whole dataset. With the
    default 2 MiB, inserts into the indexes (random UUIDs) spill dirty pages to the WAL over and
    over, and the import waits on the disk more than it computes."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


# Issue 13 §4: the texts of an import's refusals (shared with api/imports).
i18n.register(
    {
        "document_refused": {
            "nl": "{problems} fout(en) in het document; er werd niets bewaard.",
            "fr": "{problems} problème(s) dans le document ; rien n'a été enregistré.",
            "en": "{problems} problem(s) in the document; nothing was written.",
        },
        "document_refused_more": {
            "nl": "{problems} fout(en) in het document (de eerste {shown} staan hier); er werd "
            "niets bewaard.",
            "fr": "{problems} problème(s) dans le document (les {shown} premiers sont listés) ; "
            "rien n'a été enregistré.",
            "en": "{problems} problem(s) in the document (the first {shown} are listed); nothing "
            "was written.",
        },
        "document_same_key": {
            "nl": "Dezelfde {keys} als record {first} van het document.",
            "fr": "Le même {keys} que l'enregistrement {first} du document.",
            "en": "The same {keys} as record {first} of the document.",
        },
        "document_conflict": {
            "nl": "Een {label:term} van het document botst met de bewaarde gegevens.",
            "fr": "Un enregistrement ({label:term}) du document est en conflit avec les "
            "données enregistrées.",
            "en": "A {label} of the document conflicts with the stored data.",
        },
        "import_items": {
            "nl": "Een lijst van objecten is verplicht.",
            "fr": "Une liste d'objets est obligatoire.",
            "en": "A list of objects is required.",
        },
        "import_object": {
            "nl": "Moet een object zijn.",
            "fr": "Doit être un objet.",
            "en": "Must be an object.",
        },
        "row_wrong_parent.detail": {
            "nl": "Verkeerde ouder.",
            "fr": "Mauvais parent.",
            "en": "Wrong parent.",
        },
        "row_wrong_parent": {
            "nl": "Een record kan niet naar een andere ouder verhuizen.",
            "fr": "Un enregistrement ne peut pas changer de parent.",
            "en": "A record cannot move to another parent.",
        },
    }
)


def _refusal(errors: list[dict[str, Any]]) -> ProblemError:
    code = "document_refused_more" if len(errors) > MAX_ERRORS else "document_refused"
    return ProblemError(
        422,
        code,
        {"problems": len(errors), "shown": MAX_ERRORS},
        title="Import refused",
        errors=errors[:MAX_ERRORS],
    )


def _column_defaults(spec: Resource) -> dict[str, Any]:
    """Each column's model default, as constructing the record would set it: a value, or a
    factory (marked by a 1-tuple) called for every record."""
    out: dict[str, Any] = {}
    model: Any = spec.model
    for column in model.__table__.columns:
        info = spec.model.model_fields.get(column.key)
        if info is None:
            continue
        if info.default_factory is not None:
            out[column.key] = (info.default_factory,)
        elif info.default is not PydanticUndefined:
            out[column.key] = info.default
    return out


class _BulkWriter:
    """Checks and writes the records of one resource, batch by batch."""

    def __init__(self, session: Session, spec: Resource) -> None:
        self.session, self.spec = session, spec
        self.model: Any = spec.model
        self.table = spec.model.__table__  # type: ignore[attr-defined]
        self.errors: list[dict[str, Any]] = []
        self.created = self.replaced = 0
        self.contents: dict[int, str] = {}  # position -> the record's file as base64
        self.ids: set[uuid.UUID] = set()  # every new record's id so far, for self-references
        self.keys: dict[tuple[str, Any], int] = {}  # unique values so far -> position
        given = {*spec.column_fields, "id", "created_at", "updated_at", "version"}
        # Only the defaults of columns the create schema does not give (set below in any case).
        self.defaults = {k: v for k, v in _column_defaults(spec).items() if k not in given}
        self.json_columns = {c.key for c in self.table.columns if isinstance(c.type, JSON)}
        mapper = sa_inspect(self.model)
        self.snapshot_keys = [
            a.key for a in mapper.column_attrs if a.key not in self.model.audit_exclude
        ]
        self.unique = [
            name
            for name in (spec.code_key, ("source", "external_id") if spec.synced else None)
            if name is not None
        ]

    def problem(
        self, n: int, loc: Sequence[Any], code: str, ctx: dict[str, Any] | None = None
    ) -> None:
        self.found(n, field_error(loc, code, ctx))

    def found(self, n: int, err: dict[str, Any]) -> None:
        """A field error (`field_error`) of record `n`, placed under the document's path."""
        path = list(err["loc"])
        if path[:1] == ["body"]:
            path = path[1:]
        self.errors.append({**err, "loc": ["resources", self.spec.name, n, *path]})

    def refused(self, n: int, exc: ProblemError) -> None:
        for err in exc.errors or [field_error([], exc.code or exc.detail, exc.ctx)]:
            self.found(n, err)

    def batch(self, items: list[Item]) -> None:
        spec, session = self.spec, self.session
        parsed = [(n, p) for n, doc in items if (p := self._parse(n, doc)) is not None]
        given = [p[0].id for _, p in parsed if getattr(p[0], "id", None) is not None]  # type: ignore[attr-defined]
        existing: set[uuid.UUID] = set()
        for start in range(0, len(given), 500):
            chunk = given[start : start + 500]
            existing.update(session.scalars(select(self.model.id).where(self.model.id.in_(chunk))))
        fresh: list[tuple[int, dict[str, Any]]] = []
        again: list[tuple[int, BaseModel, uuid.UUID | None]] = []
        for n, (payload, parent) in parsed:
            record_id = getattr(payload, "id", None) or uuid.uuid4()
            if record_id in existing or record_id in self.ids:
                again.append((n, payload, parent))
                continue
            self.ids.add(record_id)
            state = {name: getattr(payload, name) for name in spec.create.model_fields}
            state["id"] = record_id
            if parent is not None and spec.parent_fk:
                state[spec.parent_fk] = parent
            fresh.append((n, state))
        if fresh:
            require(SYSTEM, spec.name, Verb.create)
            fresh = self._check(fresh)
        if fresh and not self.errors:
            self._write([state for _, state in fresh])
            for n, state in fresh:
                self._store_content(n, state["id"], state)
        for n, payload, parent in again:
            if self._replace(n, payload, parent):
                self._store_content(n, payload.id, payload.model_dump())  # type: ignore[attr-defined]

    def _store_content(self, n: int, record_id: uuid.UUID, state: dict[str, Any]) -> None:
        """The file of a record that carries one, checked against its size and sha256."""
        content = self.spec.content
        if content is None or self.errors:
            return
        text = self.contents.pop(n)
        try:
            size, sha256 = content.write(self.session, record_id, _base64_pieces(text))
        except (binascii.Error, ValueError):
            self.problem(n, (content.field,), "Not valid base64.")
            return
        if (size, sha256) != (state.get("size"), state.get("sha256")):
            self.problem(n, (content.field,), "The content does not match size and sha256.")

    def _parse(self, n: int, doc: Any) -> tuple[BaseModel, uuid.UUID | None] | None:
        if not isinstance(doc, dict):
            self.problem(n, (), "import_object")
            return None
        doc = dict(doc)
        if self.spec.content is not None:
            text = doc.pop(self.spec.content.field, None)
            if not isinstance(text, str) or not text:
                self.problem(
                    n, (self.spec.content.field,), "The file's content (base64) is required."
                )
                return None
            self.contents[n] = text
        fk = self.spec.parent_fk
        raw_parent = doc.pop(fk, None) if fk and fk not in self.spec.create.model_fields else None
        parent = None
        if raw_parent:
            try:
                parent = uuid.UUID(str(raw_parent))
            except ValueError:
                self.problem(n, (fk,), "uuid_parsing")
                return None
        try:
            payload: BaseModel = self.spec.create.model_validate(doc)
        except ValidationError as exc:
            for err in exc.errors():
                self.found(n, validation_error(dict(err)))
            return None
        return payload, parent

    def _check(self, fresh: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, dict[str, Any]]]:
        """The rules of a single create, for a batch; the rows that passed."""
        spec, session = self.spec, self.session
        bad = _check_references(session, spec, fresh, self.ids, self.problem)
        bad |= self._check_unique(fresh)
        if spec.validate:
            with bulk_lookups(session):
                for n, state in fresh:
                    try:
                        spec.validate(session, state, None)
                    except ProblemError as exc:
                        bad.add(n)
                        self.refused(n, exc)
        return [(n, state) for n, state in fresh if n not in bad]

    def _check_unique(self, fresh: list[tuple[int, dict[str, Any]]]) -> set[int]:
        """Unique keys taken by another record of the document or of the database (a 409 of
        a single create, here named by row and field)."""
        bad: set[int] = set()
        for key in self.unique:
            names = key if isinstance(key, tuple) else (key,)
            values = {
                n: tuple(state.get(k) for k in names)
                for n, state in fresh
                if all(state.get(k) is not None for k in names)
            }
            if not values:
                continue
            columns = [getattr(self.model, k) for k in names]
            taken: set[tuple[Any, ...]] = set()
            wanted = list(set(values.values()))
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                where = (
                    columns[0].in_([v[0] for v in chunk])
                    if len(columns) == 1
                    else tuple_(*columns).in_(chunk)
                )
                taken.update(tuple(r) for r in self.session.execute(select(*columns).where(where)))
            field = names[-1]
            for n, value in values.items():
                first = self.keys.setdefault((field, value), n)
                keys = ", ".join(names)
                ctx: dict[str, Any]
                if value in taken:
                    code, ctx = "already_exists", {"label": self.spec.label, "keys": keys}
                elif first != n:
                    code, ctx = "document_same_key", {"keys": keys, "first": first}
                else:
                    continue
                bad.add(n)
                self.problem(n, (field,), code, ctx)
        return bad

    def _write(self, states: list[dict[str, Any]]) -> None:
        spec, session = self.spec, self.session
        session.flush()  # ORM work of earlier batches first, in order
        rows, views = [], []
        fields = [name for name in spec.column_fields if name != "id"]
        lists = [c.field for c in spec.collections]
        for state in states:
            row = {k: (v[0]() if isinstance(v, tuple) else v) for k, v in self.defaults.items()}
            for name in fields:
                if name in state:
                    value = state[name]
                    if name in self.json_columns or isinstance(value, list | BaseModel):
                        value = writes.stored_value(spec, name, value)
                    row[name] = value
            row["id"] = state["id"]
            if spec.parent_fk and state.get(spec.parent_fk) is not None:
                row[spec.parent_fk] = state[spec.parent_fk]
            row["created_at"] = row["updated_at"] = utcnow()
            row["version"] = 1  # what the ORM's version counter gives a new record
            rows.append(row)
            # The audience functions read the record and its list fields (partners,
            # municipalities): the view holds both, and nothing else (it lives until commit).
            view = RecordView(session, {**{f: state.get(f) for f in lists}, **row})
            if spec.remember_for_feed is not None:
                # The child rows that decide who may see the record, which the feed would
                # otherwise read back for every record twice.
                spec.remember_for_feed(session, view, state)
            views.append(view)
        try:
            session.execute(insert(self.table), rows)
            _insert_collections(session, spec, states)
        except IntegrityError as exc:  # a constraint the checks above do not know of
            raise ProblemError(409, "document_conflict", {"label": spec.label}) from exc
        plain = self.json_columns  # stored as JSON already: `jsonable` would change nothing
        for row, view in zip(rows, views, strict=True):
            after = {k: row[k] if k in plain else jsonable(row[k]) for k in self.snapshot_keys}
            # Its list fields too, as a write through the API records them.
            after.update(
                {f: jsonable(writes.stored_value(spec, f, getattr(view, f) or [])) for f in lists}
            )
            record_created(session, spec.name, row["id"], after, view)
        self.created += len(rows)

    def _replace(self, n: int, payload: BaseModel, parent: uuid.UUID | None) -> bool:
        """Create or replace one record through the generic service; False when refused."""
        try:
            with self.session.begin_nested():
                existing = self.session.get(self.spec.model, payload.id)  # type: ignore[attr-defined]
                if existing is None:
                    writes.create_record(self.session, SYSTEM, self.spec, payload, parent)
                    self.created += 1
                    return True
                if (
                    parent is not None
                    and self.spec.parent_fk
                    and parent != getattr(existing, self.spec.parent_fk)
                ):
                    raise ProblemError(
                        422,
                        "row_wrong_parent.detail",
                        errors=[((self.spec.parent_fk,), "row_wrong_parent")],
                    )
                writes.update_record(
                    self.session, SYSTEM, self.spec, existing, payload.model_dump(), replace=True
                )
                self.replaced += 1
                return True
        except ProblemError as exc:
            self.refused(n, exc)
            return False


def _check_references(
    session: Session,
    spec: Resource,
    fresh: list[tuple[int, dict[str, Any]]],
    new_ids: set[uuid.UUID],
    problem: Callable[..., None],
) -> set[int]:
    """Unknown references of a whole batch, one query per foreign key and 500 values; the rows
    with one."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    checks: list[tuple[str, Any, Any]] = []
    for fk in table.foreign_keys:
        if fk.parent.key != spec.parent_fk or spec.parent_fk in spec.create.model_fields:
            checks.append((fk.parent.key, fk.column, None))
    for coll in spec.collections:
        if coll.value:
            col = coll.model.__table__.c[coll.value]  # type: ignore[attr-defined]
            checks.extend((coll.field, fk.column, coll) for fk in col.foreign_keys)
    if (
        spec.parent is not None
        and spec.parent_fk
        and spec.parent_fk not in spec.create.model_fields
    ):
        parent_col = spec.parent.model.__table__.c.id  # type: ignore[attr-defined]
        checks.append((spec.parent_fk, parent_col, None))

    def listed(state: dict[str, Any], name: str, many: bool) -> list[Any]:
        value = state.get(name)
        if many:
            return list(value or [])
        return [] if value is None else [value]

    bad: set[int] = set()
    for name, target, coll in checks:
        values = {v for _, state in fresh for v in listed(state, name, coll is not None)}
        known = set(new_ids) if target.table is table else set()
        wanted = list(values - known)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            known.update(session.scalars(select(target).where(target.in_(chunk))))
        for n, state in fresh:
            for i, v in enumerate(listed(state, name, coll is not None)):
                if v not in known:
                    bad.add(n)
                    loc = (name, i) if coll is not None else (name,)
                    problem(n, loc, "no_such_record", {"table": target.table.name})
    return bad


def _insert_collections(session: Session, spec: Resource, states: list[dict[str, Any]]) -> None:
    for coll in spec.collections:
        rows = [
            row
            for state in states
            for row in writes.collection_rows(coll, state["id"], state.get(coll.field))
        ]
        if rows:
            session.execute(insert(coll.model.__table__), rows)  # type: ignore[attr-defined]
