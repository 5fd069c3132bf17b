"""Documents attached to meetings (agenda documents, presentations, signed minutes) and to
actions (deliverables): a record of metadata each, and the file's bytes in numbered chunks of
a child table, so a file is written and read a chunk at a time on every database and the one
database backup holds the files too. Deleting a document deletes its chunks (ON DELETE
CASCADE)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from sqlalchemy import Column, ForeignKey, LargeBinary, Uuid
from sqlmodel import Field, SQLModel

from api.core.models import Record


class DocumentFields(Record):
    """What every document records about its file (the bytes live in the chunk table)."""

    title: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    filename: str = Field(max_length=255)
    # Decided from the content when it was uploaded, never from the name or the client's word.
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)


class MeetingDocument(DocumentFields, table=True):
    __tablename__ = "meeting_documents"
    resource: ClassVar[str] = "meeting-documents"

    meeting_id: uuid.UUID = Field(foreign_key="meetings.id", index=True)


class ActionDocument(DocumentFields, table=True):
    __tablename__ = "action_documents"
    resource: ClassVar[str] = "action-documents"

    action_id: uuid.UUID = Field(foreign_key="actions.id", index=True)


class MeetingDocumentChunk(SQLModel, table=True):
    __tablename__ = "meeting_document_chunks"

    document_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("meeting_documents.id", ondelete="CASCADE"), primary_key=True
        )
    )
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_type=LargeBinary)


class ActionDocumentChunk(SQLModel, table=True):
    __tablename__ = "action_document_chunks"

    document_id: uuid.UUID = Field(
        sa_column=Column(
            Uuid, ForeignKey("action_documents.id", ondelete="CASCADE"), primary_key=True
        )
    )
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_type=LargeBinary)
