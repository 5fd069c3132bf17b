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

from api.core import i18n, reads, writes
from api.core.db import session_scope
from api.core.errors import ProblemError, field_error, validation_error
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

# Issue 13 §4: the import's refusals.
i18n.register(
    {
        "import_unknown": {
            "nl": "Geen import voor '{resource}'; importeerbaar: {importable}.",
            "fr": "Pas d'import pour '{resource}' ; importables : {importable}.",
            "en": "No import for '{resource}'; importable: {importable}.",
        },
        "csv_header.detail": {
            "nl": "De CSV heeft een kopregel nodig met de namen van de kolommen.",
            "fr": "Le CSV a besoin d'une ligne d'en-tête nommant ses colonnes.",
            "en": "The CSV needs a header row naming its columns.",
        },
        "csv_header": {
            "nl": "Geen kopregel.",
            "fr": "Pas de ligne d'en-tête.",
            "en": "No header row.",
        },
        "csv_column_unknown": {
            "nl": "Onbekende kolom.",
            "fr": "Colonne inconnue.",
            "en": "Unknown column.",
        },
        "csv_column_twice": {
            "nl": "Deze kolom staat er twee keer in.",
            "fr": "Cette colonne figure deux fois.",
            "en": "This column is twice.",
        },
        "csv_cells": {
            "nl": "Heeft {cells} cellen; de kopregel heeft er {header}.",
            "fr": "Compte {cells} cellules ; l'en-tête en a {header}.",
            "en": "Has {cells} cells; the header has {header}.",
        },
        "cell_empty": {
            "nl": "Een waarde is verplicht; de cel is leeg.",
            "fr": "Une valeur est obligatoire ; la cellule est vide.",
            "en": "A value is required; the cell is empty.",
        },
        "csv_unreadable": {
            "nl": "De CSV kan niet gelezen worden: {reason}.",
            "fr": "Le CSV ne peut pas être lu : {reason}.",
            "en": "The CSV cannot be read: {reason}.",
        },
        "csv_invalid": {"nl": "Geen geldige CSV.", "fr": "CSV invalide.", "en": "Not valid CSV."},
        "import_items.detail": {
            "nl": 'Stuur een JSON-object {{"items": [...]}} met records.',
            "fr": 'Envoyez un objet JSON {{"items": [...]}} d\'enregistrements.',
            "en": 'Send a JSON object {{"items": [...]}} of records.',
        },
        "import_media": {
            "nl": "Stuur de rijen als text/csv of als application/json.",
            "fr": "Envoyez les lignes en text/csv ou en application/json.",
            "en": "Send the rows as text/csv or as application/json.",
        },
        "body_utf8.detail": {
            "nl": "De inhoud is geen UTF-8-tekst.",
            "fr": "Le contenu n'est pas du texte UTF-8.",
            "en": "The body is not UTF-8 text.",
        },
        "body_utf8": {"nl": "Geen UTF-8.", "fr": "Pas en UTF-8.", "en": "Not UTF-8."},
        "body_json": {
            "nl": "De inhoud is geen geldige JSON.",
            "fr": "Le contenu n'est pas du JSON valide.",
            "en": "The body is not valid JSON.",
        },
        "uuid_invalid": {
            "nl": "Geen UUID.",
            "fr": "Pas un UUID.",
            "en": "Not a UUID.",
        },
        "row_invalid": {
            "nl": "De rij is niet geldig.",
            "fr": "La ligne n'est pas valide.",
            "en": "The row is not valid.",
        },
        "row_id_differs.detail": {
            "nl": "De id verschilt van die van het record.",
            "fr": "L'identifiant diffère de celui de l'enregistrement.",
            "en": "The id differs from the record's.",
        },
        "row_id_differs": {
            "nl": "Een ander record heeft deze source en external_id.",
            "fr": "Un autre enregistrement a ces source et external_id.",
            "en": "Another record has this source and external_id.",
        },
        "row_no_parent.detail": {"nl": "Geen ouder.", "fr": "Pas de parent.", "en": "No parent."},
        "row_no_parent": {
            "nl": "Verplicht voor een nieuw record.",
            "fr": "Obligatoire pour un nouvel enregistrement.",
            "en": "Required for a new record.",
        },
        "import_refused": {
            "nl": "{problems} fout(en) in {rows} rij(en); er werd niets bewaard.",
            "fr": "{problems} problème(s) dans {rows} ligne(s) ; rien n'a été enregistré.",
            "en": "{problems} problem(s) in {rows} row(s); nothing was written.",
        },
    }
)

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
        raise ProblemError(
            404, "import_unknown", {"resource": resource, "importable": list(IMPORTABLE)}
        )
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
            raise ProblemError(422, "csv_header.detail", errors=[(_loc(0), "csv_header")])
        known = {c.name: c for c in all_columns(spec)}
        cols: list[Column | None] = []
        for i, name in enumerate(header):
            col = known.get(name)
            if col is None:
                errors.append(row_error(0, _loc(0, name or i), "csv_column_unknown"))
            elif name in header[:i]:
                errors.append(row_error(0, _loc(0, name), "csv_column_twice"))
            cols.append(col if col is not None and col.writable else None)
        rows: list[Row] = []
        for n, values in enumerate(reader, start=1):
            if not any(v.strip() for v in values):
                continue  # blank lines, e.g. at the end of a spreadsheet's export
            if len(values) != len(header):
                ctx = {"cells": len(values), "header": len(header)}
                errors.append(row_error(n, _loc(n), "csv_cells", ctx))
                continue
            data: dict[str, Any] = {}
            for col, raw in zip(cols, values, strict=True):
                if col is None:
                    continue
                try:
                    data[col.name] = from_cell(col, raw)
                except CellError as exc:
                    errors.append(row_error(n, _loc(n, col.name), exc.code))
            rows.append((n, data))
    except csv.Error as exc:
        raise ProblemError(
            422, "csv_unreadable", {"reason": str(exc)}, errors=[(("body",), "csv_invalid")]
        ) from exc
    return rows, errors


def parse_json(spec: Resource, document: Any) -> tuple[list[Row], list[RowError]]:
    """Rows from `{"items": [...]}`; read-only fields of the read schema are dropped."""
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list) or set(document) != {"items"}:
        raise ProblemError(422, "import_items.detail", errors=[(("body", "items"), "import_items")])
    # `allowed` is what the reader may do, not data: a list read back is imported without it.
    ignored = {c.name for c in all_columns(spec) if not c.writable} | {"created_at", "allowed"}
    rows: list[Row] = []
    errors: list[RowError] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(row_error(n, _loc(n), "import_object"))
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
        raise ProblemError(415, "import_media")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemError(422, "body_utf8.detail", errors=[(("body",), "body_utf8")]) from exc
    if not is_json:
        return parse_csv(spec, text)
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ProblemError(422, "body_json", errors=[(("body",), "json_invalid")]) from exc
    return parse_json(spec, document)


# --- applying the rows -----------------------------------------------------------------------


def _uuid(value: Any, field: str) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ProblemError(422, "uuid_invalid", errors=[((field,), "uuid_parsing")]) from exc


def _validation_errors(exc: ValidationError) -> ProblemError:
    return ProblemError(
        422, "row_invalid", errors=[validation_error(dict(e)) for e in exc.errors()]
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
            raise ProblemError(422, "row_id_differs.detail", errors=[(("id",), "row_id_differs")])
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
                    422, "row_no_parent.detail", errors=[((parent_fk,), "row_no_parent")]
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
            422, "row_wrong_parent.detail", errors=[((parent_fk,), "row_wrong_parent")]
        )
    before = existing.version
    writes.update_record(session, principal, spec, existing, given)
    return "unchanged" if existing.version == before else "replaced"


def _row_errors(n: int, exc: ProblemError) -> list[RowError]:
    if not exc.errors:
        return [
            RowError(
                row=n, loc=_loc(n), msg=exc.detail, code=exc.code or "invalid", ctx=exc.ctx or None
            )
        ]
    out = []
    for err in exc.errors:
        loc = list(err["loc"])
        if loc[:1] == ["body"]:
            loc = loc[1:]
        out.append(RowError(row=n, loc=_loc(n, *loc), **field_error_parts(err)))
    return out


def row_error(
    n: int, loc: list[str | int], code: str, ctx: dict[str, Any] | None = None
) -> RowError:
    return RowError(row=n, loc=loc, **field_error_parts(field_error(loc, code, ctx)))


def field_error_parts(err: dict[str, Any]) -> dict[str, Any]:
    return {"msg": err["msg"], "code": err.get("code") or "invalid", "ctx": err.get("ctx")}


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
        "import_refused",
        {"problems": len(report.errors), "rows": rows},
        title="Import refused",
        errors=[field_error(e.loc, e.code, e.ctx, msg=e.msg) for e in report.errors],
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
