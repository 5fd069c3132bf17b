"""Documents attached to meetings and to actions: who may see and add them, how their content
is stored and served.

Each document is a record of its parent's resource family (`meetings/{id}/documents`,
`actions/{id}/documents`) and is seen by exactly who sees its parent: the documents of a
meeting (signed minutes included) by W13 and the members of its body, who are the readers of
the meeting's minutes; an action's by everyone logged in, and by the public view when the
action is published. The content lives in numbered chunks of `CHUNK` bytes in a child table,
written and read a chunk at a time (never the whole file in memory), and is deleted with the
document (ON DELETE CASCADE), which is deleted with its parent."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fastapi import Request, Response
from pydantic import ValidationError
from sqlalchemy import delete, false, insert, select, true
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, SQLModel, col

from api.actions import service as action_service
from api.core import grants, i18n, idempotency, reads, writes
from api.core.bulk import session_of
from api.core.db import get_engine, session_scope
from api.core.deps import get_principal
from api.core.errors import ProblemError, validation_problem
from api.core.models import Record
from api.core.permissions import Cond, Verb, require
from api.core.principal import Principal
from api.core.resource import Clause, Content, Resource, Visibility
from api.core.responses import record_response
from api.core.unitofwork import ids_of, load_where
from api.documents import sniff
from api.documents.schemas import (
    ActionDocumentCreate,
    ActionDocumentFilters,
    ActionDocumentRead,
    ActionDocumentUpdate,
    MeetingDocumentCreate,
    MeetingDocumentFilters,
    MeetingDocumentRead,
    MeetingDocumentUpdate,
)
from api.documents.upload import Spool, file_problem
from api.meetings import service as meeting_service
from api.models.action import Action
from api.models.document import (
    ActionDocument,
    ActionDocumentChunk,
    MeetingDocument,
    MeetingDocumentChunk,
)
from api.models.meeting import BodyMember, Meeting

CHUNK = 512 * 1024  # bytes per stored chunk: a few statements per file, little memory each

# Problem texts of this feature (documents on meetings and actions).
i18n.register(
    {
        "document_type": {
            "nl": "Dit bestandstype wordt niet aanvaard. Toegelaten: PDF, Word, Excel, "
            "PowerPoint, OpenDocument (tekst, rekenblad, presentatie), PNG en JPEG.",
            "fr": "Ce type de fichier n'est pas accepté. Acceptés : PDF, Word, Excel, "
            "PowerPoint, OpenDocument (texte, tableur, présentation), PNG et JPEG.",
            "en": "This type of file is not accepted. Accepted: PDF, Word, Excel, PowerPoint, "
            "OpenDocument (text, spreadsheet, presentation), PNG and JPEG.",
        },
        "document_type_mismatch": {
            "nl": "De naam eindigt op .{extension}, maar de inhoud is {media_type}.",
            "fr": "Le nom se termine par .{extension}, mais le contenu est {media_type}.",
            "en": "The name ends in .{extension}, but the content is {media_type}.",
        },
        "document_too_large": {
            "nl": "Een document mag hoogstens {max_mb} MB groot zijn.",
            "fr": "Un document peut faire au plus {max_mb} Mo.",
            "en": "A document may be at most {max_mb} MB.",
        },
        "document_no_file": {
            "nl": "Stuur precies één bestand mee (het deel `file` van het formulier, of het "
            "bestand als hele inhoud van het verzoek).",
            "fr": "Envoyez exactement un fichier (la partie `file` du formulaire, ou le "
            "fichier comme corps entier de la requête).",
            "en": "Send exactly one file (the form's part `file`, or the file as the whole "
            "request body).",
        },
        "document_add_forbidden": {
            "nl": "U mag geen documenten toevoegen aan dit gegeven ({label:term}).",
            "fr": "Vous ne pouvez pas joindre de documents à cet enregistrement ({label:term}).",
            "en": "You may not add documents to this {label}.",
        },
        "document_filename_empty": {
            "nl": "Geef de naam van het bestand.",
            "fr": "Donnez le nom du fichier.",
            "en": "Give the file's name.",
        },
        "document_filename_control": {
            "nl": "Een bestandsnaam mag geen stuurtekens bevatten.",
            "fr": "Un nom de fichier ne peut pas contenir de caractères de contrôle.",
            "en": "Control characters are not allowed in a file name.",
        },
        "document_empty": {
            "nl": "Het bestand is leeg.",
            "fr": "Le fichier est vide.",
            "en": "The file is empty.",
        },
        "document_filename": {
            "nl": "Geef de naam van het bestand (parameter `filename`).",
            "fr": "Indiquez le nom du fichier (paramètre `filename`).",
            "en": "Give the file's name (parameter `filename`).",
        },
        "document_content": {
            "nl": "De inhoud past niet bij de grootte of de SHA-256 van het document.",
            "fr": "Le contenu ne correspond pas à la taille ou au SHA-256 du document.",
            "en": "The content does not match the document's size or SHA-256.",
        },
    }
)


# --- meeting documents -------------------------------------------------------------------------


def meeting_document_own(principal: Principal) -> Clause:
    """Documents of meetings of the bodies the caller's actor sits in (the meeting's readers,
    who also read its minutes)."""
    if principal.actor_id is None:
        return false()
    return (
        select(col(Meeting.id))
        .join(BodyMember, col(BodyMember.body_id) == col(Meeting.body_id))
        .where(
            col(Meeting.id) == col(MeetingDocument.meeting_id),
            col(BodyMember.actor_id) == principal.actor_id,
        )
        .correlate(MeetingDocument)
        .exists()
    )


def meeting_document_visibility(document: Any) -> Visibility:
    """The members of the meeting's body, as for the meeting itself."""
    session = session_of(document)
    if session is None:
        return ("restricted", [], [])
    with session.no_autoflush:
        members = session.scalars(
            select(col(BodyMember.actor_id))
            .join(Meeting, col(Meeting.body_id) == col(BodyMember.body_id))
            .where(col(Meeting.id) == document.meeting_id)
            .order_by(col(BodyMember.position))
        )
        return ("restricted", [str(a) for a in members], [])


# --- action documents ----------------------------------------------------------------------------


def action_document_own(principal: Principal) -> Clause:
    """Documents of actions the caller's actor leads or partners in: the actions it may edit."""
    if principal.actor_id is None:
        return false()
    return (
        select(col(Action.id))
        .where(
            col(Action.id) == col(ActionDocument.action_id),
            action_service.involves(principal.actor_id),
        )
        .correlate(ActionDocument)
        .exists()
    )


def action_document_public() -> Clause:
    return (
        select(col(Action.id))
        .where(col(Action.id) == col(ActionDocument.action_id), col(Action.published) == true())
        .correlate(ActionDocument)
        .exists()
    )


def action_document_visibility(document: Any) -> Visibility:
    """The same as its action's (public when published; its lead and partners)."""
    session = session_of(document)
    if session is None:
        return ("internal", [], [])
    action = session.identity_map.get(identity_key(Action, document.action_id))
    if action is None:
        with session.no_autoflush:
            action = session.get(Action, document.action_id)
    if action is None:
        return ("internal", [], [])
    return action_service.visibility(action)


# --- content -------------------------------------------------------------------------------------


def _chunk_model(spec: Resource) -> Any:
    return CHUNKS[spec.name]


def write_chunks(
    session: Session, spec: Resource, document_id: uuid.UUID, data: Iterable[bytes]
) -> tuple[int, str]:
    """Store the content of a document, in order, `CHUNK` bytes per row; answers its size and
    SHA-256. Any chunking of the input is accepted (it is cut anew)."""
    model = _chunk_model(spec)
    session.execute(delete(model).where(model.document_id == document_id))
    digest, size, seq = hashlib.sha256(), 0, 0
    pending = bytearray()

    def put(piece: bytes) -> None:
        nonlocal seq
        session.execute(insert(model), {"document_id": document_id, "seq": seq, "data": piece})
        seq += 1

    for part in data:
        digest.update(part)
        size += len(part)
        pending += part
        while len(pending) >= CHUNK:
            put(bytes(pending[:CHUNK]))
            del pending[:CHUNK]
    if pending:
        put(bytes(pending))
    return size, digest.hexdigest()


def read_chunks(session: Session, spec: Resource, document_id: uuid.UUID) -> Iterator[bytes]:
    """The content of a document, a chunk (one row) at a time."""
    model = _chunk_model(spec)
    seq = 0
    while True:
        data = session.scalar(
            select(model.data).where(model.document_id == document_id, model.seq == seq)
        )
        if data is None:
            return
        yield bytes(data)
        seq += 1


def stream_content(spec: Resource, document_id: uuid.UUID) -> Iterator[bytes]:
    """A download's body: read in a session of its own (the request's has committed by the time
    the body is sent), on PostgreSQL from one snapshot, so a document replaced or deleted
    meanwhile is still served whole or not at all."""
    with session_scope(get_engine(), write=False) as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield from read_chunks(session, spec, document_id)


# --- uploads -------------------------------------------------------------------------------------


def check_upload(request: Request, spec: Resource, parent_id: uuid.UUID) -> None:
    """Before the body is read: the parent is visible (404), the caller may add documents
    (401/403), and to this parent (403), so a refused upload is refused at once."""
    assert spec.parent is not None
    with session_scope(get_engine(), write=False) as session:
        principal = get_principal(request, session)
        reads.get_visible(session, principal, spec.parent, parent_id)
        grant = require(principal, spec.name, Verb.create)
        if grant.cond is not Cond.ALL:
            # A document is "own" exactly when its parent is (see the `own` clauses above).
            clause = grants.grant_clause(spec.parent, grant, principal)
            if not grants.matches(session, spec.parent, parent_id, clause):
                raise ProblemError(403, "document_add_forbidden", {"label": spec.parent.label})


def missing_filename() -> ProblemError:
    return ProblemError(
        422, "document_filename", errors=[(("query", "filename"), "document_filename")]
    )


def identify(spool: Spool, filename: str) -> tuple[sniff.MediaType, str]:
    """The content's type (from its bytes) and the name to keep: 415 when the content is not
    an accepted type or the name's extension is not one of that type's; a name without an
    extension gets the type's."""
    if spool.size == 0:
        raise file_problem(422, "document_empty")
    media_type = sniff.sniff(spool.file)
    if media_type is None:
        raise file_problem(
            415,
            "document_type",
        )
    ext = sniff.extension(filename)
    if ext not in sniff.EXTENSIONS[media_type]:
        if ext:
            raise file_problem(
                415,
                "document_type_mismatch",
                {"extension": ext, "media_type": media_type.value},
            )
        filename = f"{filename}.{sniff.EXTENSIONS[media_type][0]}"[-255:]
    return media_type, filename


def store_upload(
    request: Request,
    spec: Resource,
    parent_id: uuid.UUID,
    spool: Spool,
    metadata: dict[str, Any],
    idempotency_key: str | None = None,
) -> Response:
    """Create the document from the spooled content, in one transaction with its chunks. A
    retry with the same `Idempotency-Key`, query and content gets the first answer."""
    filename = metadata["filename"]
    media_type, filename = identify(spool, filename)
    rid = getattr(request.state, "request_id", None)
    fingerprint = idempotency.digest(
        f"{request.url.path}?{request.url.query}\n{spool.sha256}".encode()
    )
    with session_scope(get_engine(), write=True, request_id=rid) as session:
        principal = get_principal(request, session)
        replayed = idempotency.replay(session, principal, idempotency_key, fingerprint)
        if replayed is not None:
            return replayed
        try:
            payload = spec.create.model_validate(
                {
                    **{k: v for k, v in metadata.items() if v is not None},
                    "filename": filename,
                    "title": metadata.get("title") or filename[:200],
                    "media_type": media_type,
                    "size": spool.size,
                    "sha256": spool.sha256,
                }
            )
        except ValidationError as exc:
            # What the query gave (title, filename) is checked as the record's fields.
            raise validation_problem(exc.errors(), prefix=("query",)) from exc
        obj = writes.create_record(session, principal, spec, payload, parent_id)
        write_chunks(session, spec, obj.id, spool.chunks(CHUNK))
        location = f"{request.url.path.rstrip('/')}/{obj.id}"
        response = record_response(session, principal, spec, obj, 201, location)
        idempotency.remember(
            session, principal, idempotency_key, 201, bytes(response.body).decode(), location
        )
        return response


# --- import and export of the content --------------------------------------------------------


def _content(spec_name: str) -> Content:
    def read(session: Session, record_id: uuid.UUID) -> Iterator[bytes]:
        return read_chunks(session, SPECS[spec_name], record_id)

    def write(session: Session, record_id: uuid.UUID, data: Iterable[bytes]) -> tuple[int, str]:
        return write_chunks(session, SPECS[spec_name], record_id, data)

    return Content(read=read, write=write)


# --- the resources -----------------------------------------------------------------------------


meeting_documents = Resource(
    name="meeting-documents",
    label="meeting document",
    tag="documents",
    model=MeetingDocument,
    create=MeetingDocumentCreate,
    update=MeetingDocumentUpdate,
    read=MeetingDocumentRead,
    filters=MeetingDocumentFilters,
    operations=frozenset(("list", "read", "update", "delete")),
    sort=("created_at",),
    search=("title", "filename"),
    parent=meeting_service.meetings,
    parent_fk="meeting_id",
    path="documents",
    own=meeting_document_own,
    visibility=meeting_document_visibility,
    permission_text={Cond.OWN: "documents of meetings of the bodies its actor sits in"},
    content=_content("meeting-documents"),
)

action_documents = Resource(
    name="action-documents",
    label="action document",
    tag="documents",
    model=ActionDocument,
    create=ActionDocumentCreate,
    update=ActionDocumentUpdate,
    read=ActionDocumentRead,
    filters=ActionDocumentFilters,
    operations=frozenset(("list", "read", "update", "delete")),
    sort=("created_at",),
    search=("title", "filename"),
    parent=action_service.actions,
    parent_fk="action_id",
    path="documents",
    own=action_document_own,
    public=action_document_public,
    visibility=action_document_visibility,
    permission_text={
        Cond.OWN: "documents of actions its actor leads or is a partner in",
        Cond.PUBLIC: "documents of published actions",
    },
    content=_content("action-documents"),
)

SPECS: dict[str, Resource] = {s.name: s for s in (meeting_documents, action_documents)}
CHUNKS: dict[str, type[SQLModel]] = {
    meeting_documents.name: MeetingDocumentChunk,
    action_documents.name: ActionDocumentChunk,
}


def reissue_documents(
    session: Any, entries: Mapping[Any, Mapping[str, Any]]
) -> list[tuple[str, Any]]:
    """Documents are seen by whoever sees their parent: when a body's members change, a
    meeting moves to another body, or an action is published, withdrawn or changes its lead
    or partners (child rows: every updated action counts), its documents go out again."""
    bodies = ids_of(entries, "bodies", ops=("update",))
    meetings = ids_of(entries, "meetings", "body_id", ops=("update",))
    if bodies:
        meetings += [m.id for m in load_where(session, Meeting, col(Meeting.body_id), bodies)]
    out: list[tuple[str, Record]] = [
        (meeting_documents.name, d)
        for d in load_where(session, MeetingDocument, col(MeetingDocument.meeting_id), meetings)
    ]
    actions = ids_of(entries, "actions", ops=("update",))
    out += [
        (action_documents.name, d)
        for d in load_where(session, ActionDocument, col(ActionDocument.action_id), actions)
    ]
    return out
