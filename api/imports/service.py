"""Imports: a batch of creates and updates of one resource, applied all or none.

Rows come as CSV, in the columns of the resource's CSV list (`api.core.tabular`; a header row
is required, `,` or `;` separated), or as JSON, `{"items": [...]}` of create-schema objects.
Each row is matched to an existing record by `id`, else by `source` + `external_id` (records
other systems own), else by the resource's unique code (`code`, `nis_code`, `kbo_number`);
a match is updated, anything else is created. A row writes the fields it gives: a column
absent from the CSV (a key absent from a JSON item) keeps the record's value, or takes its
default on a new record. Read-only columns (`version`, `updated_at`, derived fields) are
accepted and ignored, so a CSV or JSON list read from the API can be sent back as it is.
Nested records (measurements, dossier events) name their parent in a column of their own
(`indicator_id`, `dossier_id`), as their CSV list does.

Every row goes through the service behind single writes (`api.core.writes`): the same
validation, permission checks (the caller needs create and update rights on the resource,
and OWN grants limit each row) and change feed. A row runs in a savepoint, so that a bad row
is reported and the rows after it are still checked; when any row has an error, or in a dry
run, everything rolls back. A row that changes nothing bumps no version and leaves no
change-feed entry: running the same import twice changes nothing the second time."""

from __future__ import annotations

import csv
import io
import json
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlmodel import Session

from api.core import reads, writes
from api.core.db import session_scope
from api.core.errors import ProblemError
from api.core.models import Record
from api.core.permissions import Verb, require
from api.core.principal import SYSTEM, Principal
from api.core.progress import progress
from api.core.registry import REGISTRY
from api.core.resource import Resource
from api.core.tabular import CellError, Column, all_columns, from_cell
from api.exchange.dump import ORDER
from api.imports.schemas import ImportReport, RowError
from api.resources import RESOURCES, load_all

# The action-plan data; accounts and webhooks hold secrets and are managed one by one.
# Records that carry a file (documents) come only with their content: by upload, or with the
# whole-dataset import.
_WITH_CONTENT = {s.name for s in RESOURCES if s.content is not None}
IMPORTABLE = tuple(name for name in ORDER if name not in _WITH_CONTENT)
CSV_TYPES = ("text/csv", "application/csv", "text/plain")
Row = tuple[int, dict[str, Any]]
Track = Callable[[Sequence[Row]], Iterable[Row]]


def importable(resource: str) -> Resource:
    load_all()
    if resource not in IMPORTABLE or resource not in REGISTRY:
        raise ProblemError(404, f"No import for {resource!r}; importable: {', '.join(IMPORTABLE)}.")
    return REGISTRY[resource]


def _loc(n: int, *path: str | int) -> list[str | int]:
    return ["body", "rows", n, *path]


# --- reading the body ------------------------------------------------------------------------


def parse_csv(spec: Resource, text: str) -> tuple[list[Row], list[RowError]]:
    """Rows of field values from CSV text; the header is row 0, the first record row 1."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    errors: list[RowError] = []
    try:
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise ProblemError(
                422,
                "The CSV needs a header row naming its columns.",
                errors=[(_loc(0), "No header row.")],
            )
        known = {c.name: c for c in all_columns(spec)}
        cols: list[Column | None] = []
        for i, name in enumerate(header):
            col = known.get(name)
            if col is None:
                errors.append(RowError(row=0, loc=_loc(0, name or i), msg="Unknown column."))
            elif name in header[:i]:
                errors.append(RowError(row=0, loc=_loc(0, name), msg="This column is twice."))
            cols.append(col if col is not None and col.writable else None)
        rows: list[Row] = []
        for n, values in enumerate(reader, start=1):
            if not any(v.strip() for v in values):
                continue  # blank lines, e.g. at the end of a spreadsheet's export
            if len(values) != len(header):
                msg = f"Has {len(values)} cells; the header has {len(header)}."
                errors.append(RowError(row=n, loc=_loc(n), msg=msg))
                continue
            data: dict[str, Any] = {}
            for col, raw in zip(cols, values, strict=True):
                if col is None:
                    continue
                try:
                    data[col.name] = from_cell(col, raw)
                except CellError as exc:
                    errors.append(RowError(row=n, loc=_loc(n, col.name), msg=str(exc)))
            rows.append((n, data))
    except csv.Error as exc:
        raise ProblemError(
            422, f"The CSV cannot be read: {exc}.", errors=[(("body",), "Not valid CSV.")]
        ) from exc
    return rows, errors


def parse_json(spec: Resource, document: Any) -> tuple[list[Row], list[RowError]]:
    """Rows from `{"items": [...]}`; read-only fields of the read schema are dropped."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list) or set(document) != {"items"}:
        raise ProblemError(
            422,
            'Send a JSON object {"items": [...]} of records.',
            errors=[(("body", "items"), "A list of objects is required.")],
        )
    # `allowed` is what the reader may do, not data: a list read back is imported without it.
    ignored = {c.name for c in all_columns(spec) if not c.writable} | {"created_at", "allowed"}
    rows: list[Row] = []
    errors: list[RowError] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(row=n, loc=_loc(n), msg="Must be an object."))
            continue
        rows.append((n, {k: v for k, v in item.items() if k not in ignored}))
    return rows, errors


def parse_body(
    spec: Resource, content_type: str | None, body: bytes
) -> tuple[list[Row], list[RowError]]:
    media = (content_type or "").split(";")[0].strip().lower()
    is_json = media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )
    if not is_json and media not in CSV_TYPES:
        raise ProblemError(415, "Send the rows as text/csv or as application/json.")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemError(
            422, "The body is not UTF-8 text.", errors=[(("body",), "Not UTF-8.")]
        ) from exc
    if not is_json:
        return parse_csv(spec, text)
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ProblemError(
            422, "The body is not valid JSON.", errors=[(("body",), "Not valid JSON.")]
        ) from exc
    return parse_json(spec, document)


# --- applying the rows -----------------------------------------------------------------------


def _uuid(value: Any, field: str) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ProblemError(422, "Not a UUID.", errors=[((field,), "Not a valid UUID.")]) from exc


def _validation_errors(exc: ValidationError) -> ProblemError:
    return ProblemError(
        422,
        "The row is not valid.",
        errors=[
            (
                tuple(e["loc"]),
                "Unknown field." if e["type"] == "extra_forbidden" else e["msg"],
            )
            for e in exc.errors()
        ],
    )


def _match(
    session: Session,
    principal: Principal,
    spec: Resource,
    record_id: uuid.UUID | None,
    given: dict[str, Any],
) -> Record | None:
    model: Any = spec.model
    found: Record | None = session.get(model, record_id) if record_id else None
    if found is None and spec.synced and given.get("source") and given.get("external_id"):
        found = reads.find_by_external_id(session, spec, given["source"], given["external_id"])
        if found is not None and record_id not in (None, found.id):
            raise ProblemError(
                422,
                "The id differs from the record's.",
                errors=[(("id",), "Another record has this source and external_id.")],
            )
    key = spec.code_key
    if found is None and record_id is None and key and given.get(key) is not None:
        found = session.scalars(select(model).where(getattr(model, key) == given[key])).first()
    if found is None:
        return None
    return reads.get_visible(session, principal, spec, found.id)  # 404 when not readable


def _apply_row(session: Session, principal: Principal, spec: Resource, data: dict[str, Any]) -> str:
    """Create or update one record; answers `created`, `replaced` or `unchanged`."""
    data = dict(data)
    parent_fk = spec.parent_fk if spec.parent_fk not in spec.create.model_fields else None
    parent_id = _uuid(data.pop(parent_fk, None), parent_fk) if parent_fk else None
    record_id = _uuid(data.pop("id", None), "id")
    try:
        given = spec.update.model_validate(data).model_dump(exclude_unset=True)
    except ValidationError as exc:
        raise _validation_errors(exc) from exc
    existing = _match(session, principal, spec, record_id, given)
    if existing is None:
        if parent_fk and spec.parent is not None:
            if parent_id is None:
                raise ProblemError(
                    422, "No parent.", errors=[((parent_fk,), "Required for a new record.")]
                )
            reads.get_visible(session, principal, spec.parent, parent_id)
        try:
            payload: BaseModel = spec.create.model_validate({**data, "id": record_id})
        except ValidationError as exc:
            raise _validation_errors(exc) from exc
        writes.create_record(session, principal, spec, payload, parent_id)
        return "created"
    if parent_fk and parent_id not in (None, getattr(existing, parent_fk)):
        raise ProblemError(
            422, "Wrong parent.", errors=[((parent_fk,), "A record cannot move to another parent.")]
        )
    before = existing.version
    writes.update_record(session, principal, spec, existing, given)
    return "unchanged" if existing.version == before else "replaced"


def _row_errors(n: int, exc: ProblemError) -> list[RowError]:
    if not exc.errors:
        return [RowError(row=n, loc=_loc(n), msg=exc.detail)]
    out = []
    for err in exc.errors:
        loc = list(err["loc"])
        if loc[:1] == ["body"]:
            loc = loc[1:]
        out.append(RowError(row=n, loc=_loc(n, *loc), msg=err["msg"]))
    return out


def _same(rows: Sequence[Row]) -> Iterator[Row]:
    yield from rows


def _parents_first(spec: Resource, rows: Sequence[Row]) -> list[Row]:
    """Rows of a resource that nests in itself (sub-actions) after the row of their parent,
    so a file imports in any order; errors keep the rows' own numbers."""
    if "parent_id" not in spec.create.model_fields:
        return list(rows)
    by_id = {str(data["id"]): (n, data) for n, data in rows if data.get("id")}
    ordered: list[Row] = []
    placed: set[int] = set()

    def place(row: Row, depth: int = 0) -> None:
        n, data = row
        if n in placed:
            return
        parent = by_id.get(str(data.get("parent_id")))
        if parent is not None and depth < 100:
            place(parent, depth + 1)
            if n in placed:  # a cycle came back here; the database will refuse it
                return
        placed.add(n)
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def run_import(
    session: Session,
    principal: Principal,
    spec: Resource,
    rows: Sequence[Row],
    errors: Sequence[RowError] = (),
    *,
    dry_run: bool = False,
    track: Track = _same,
) -> ImportReport:
    """Apply every row, or (on any error, or in a dry run) none: the report says which."""
    require(principal, spec.name, Verb.create)
    require(principal, spec.name, Verb.update)
    report = ImportReport(dry_run=dry_run, created=0, replaced=0, unchanged=0, errors=[*errors])
    failed = {e.row for e in errors}
    for n, data in track(_parents_first(spec, rows)):
        if n in failed:
            continue  # its cells could not be read; the error is reported already
        try:
            with session.begin_nested():
                outcome = _apply_row(session, principal, spec, data)
        except ProblemError as exc:
            report.errors.extend(_row_errors(n, exc))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.errors.sort(key=lambda e: e.row)
    if report.errors or dry_run:
        session.rollback()  # a refused import changes nothing; a dry run never does
    return report


def import_body(
    session: Session,
    principal: Principal,
    resource: str,
    content_type: str | None,
    body: bytes,
    *,
    dry_run: bool = False,
) -> ImportReport:
    spec = importable(resource)
    require(principal, spec.name, Verb.create)
    require(principal, spec.name, Verb.update)
    rows, errors = parse_body(spec, content_type, body)
    return run_import(session, principal, spec, rows, errors, dry_run=dry_run)


def refusal(report: ImportReport) -> ProblemError:
    """The 422 answer of an import with errors (RFC 9457, one entry per problem)."""
    rows = len({e.row for e in report.errors})
    return ProblemError(
        422,
        f"{len(report.errors)} problem(s) in {rows} row(s); nothing was written.",
        title="Import refused",
        errors=[(e.loc, e.msg) for e in report.errors],
    )


def import_file(resource: str, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """`regie import-csv`: a CSV file (JSON when it ends in `.json`; `-` reads standard input)
    imported as the command line's system principal, with progress on standard error."""
    spec = importable(resource)
    raw = sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    media = "application/json" if str(path).lower().endswith(".json") else "text/csv"
    rows, errors = parse_body(spec, media, raw)

    def track(items: Sequence[Row]) -> Iterable[Row]:
        return progress(items, len(items), f"import {spec.name}")

    with session_scope(principal=SYSTEM) as session:
        return run_import(session, SYSTEM, spec, rows, errors, dry_run=dry_run, track=track)
