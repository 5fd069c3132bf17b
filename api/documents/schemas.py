"""Documents of meetings and of actions: their metadata (the file travels apart, see router)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, computed_field

from api.core import i18n
from api.core.pagination import ListParams
from api.core.schemas import CreateBase, Name, ReadBase, WriteModel
from api.documents.sniff import MediaType

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB per file


class MeetingDocumentKind(StrEnum):
    agenda = "agenda"
    presentation = "presentation"
    minutes = "minutes"
    other = "other"


class ActionDocumentKind(StrEnum):
    deliverable = "deliverable"
    other = "other"


def _plain_name(value: str) -> str:
    # Only the last part of a path a browser or script may send, and nothing that would break
    # a header or a file system.
    value = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not value or value in (".", ".."):
        raise i18n.refuse("document_filename_empty")
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        raise i18n.refuse("document_filename_control")
    return value


FileName = Annotated[
    str, StringConstraints(min_length=1, max_length=255), AfterValidator(_plain_name)
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _DocumentFields(CreateBase):
    """The metadata of a document as the whole-dataset export holds it. Uploads set
    `media_type`, `size` and `sha256` from the content; the import checks them against it."""

    title: Name = Field(examples=["Presentatie jobcoaching in de kringwinkel"])
    filename: FileName = Field(examples=["presentatie-jobcoaching.pdf"])
    media_type: MediaType = Field(
        description="What the content is, decided from its bytes.", examples=["application/pdf"]
    )
    size: int = Field(ge=1, le=MAX_BYTES, description="Bytes.", examples=[482113])
    sha256: Sha256 = Field(
        description="SHA-256 of the content, hexadecimal.",
        examples=["9f2c1d0b6a0e4f1e8d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a190817263"],
    )


class MeetingDocumentCreate(_DocumentFields):
    kind: MeetingDocumentKind = Field(examples=["presentation"])


class ActionDocumentCreate(_DocumentFields):
    kind: ActionDocumentKind = Field(examples=["deliverable"])


class MeetingDocumentUpdate(WriteModel):
    title: Name | None = Field(None, examples=["Getekend verslag"])
    kind: MeetingDocumentKind | None = Field(None, examples=["minutes"])


class ActionDocumentUpdate(WriteModel):
    title: Name | None = Field(None, examples=["Eindrapport"])
    kind: ActionDocumentKind | None = Field(None, examples=["deliverable"])


class _DocumentRead(ReadBase):
    title: str
    filename: str
    media_type: str
    size: int
    sha256: str


class MeetingDocumentRead(_DocumentRead):
    meeting_id: uuid.UUID
    kind: MeetingDocumentKind

    @computed_field(description="Where the content is downloaded (same visibility).")  # type: ignore[prop-decorator]
    @property
    def content_url(self) -> str:
        return f"/api/v1/meetings/{self.meeting_id}/documents/{self.id}/content"


class ActionDocumentRead(_DocumentRead):
    action_id: uuid.UUID
    kind: ActionDocumentKind

    @computed_field(description="Where the content is downloaded (same visibility).")  # type: ignore[prop-decorator]
    @property
    def content_url(self) -> str:
        return f"/api/v1/actions/{self.action_id}/documents/{self.id}/content"


class MeetingDocumentFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search title and file name.")
    kind: MeetingDocumentKind | None = None


class ActionDocumentFilters(ListParams):
    q: str | None = Field(None, max_length=200, description="Search title and file name.")
    kind: ActionDocumentKind | None = None


class UploadForm(BaseModel):
    """The multipart form of an upload, for the contract: one part `file`."""

    file: bytes = Field(json_schema_extra={"format": "binary"})
