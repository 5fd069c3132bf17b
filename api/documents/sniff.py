"""What a file is, from its content alone: the name and the client's Content-Type are what the
sender claims, the bytes are what a reader's program will open.

Accepted: PDF, PNG and JPEG by their signatures; the zip-based office formats by what the zip
itself declares (Office Open XML's `[Content_Types].xml` names the main part's type;
OpenDocument's first entry `mimetype` holds the type). Anything else (executables, legacy
binary Office files, macro-enabled Office files, archives of other things) is refused."""

from __future__ import annotations

import zipfile
from enum import StrEnum
from typing import IO


class MediaType(StrEnum):
    """The accepted types of document content."""

    pdf = "application/pdf"
    png = "image/png"
    jpeg = "image/jpeg"
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    odt = "application/vnd.oasis.opendocument.text"
    ods = "application/vnd.oasis.opendocument.spreadsheet"
    odp = "application/vnd.oasis.opendocument.presentation"


PDF, PNG, JPEG = MediaType.pdf, MediaType.png, MediaType.jpeg
DOCX, XLSX, PPTX = MediaType.docx, MediaType.xlsx, MediaType.pptx
ODT, ODS, ODP = MediaType.odt, MediaType.ods, MediaType.odp

# Each accepted type and the file name extensions that may carry it (the first is canonical).
EXTENSIONS: dict[MediaType, tuple[str, ...]] = {
    PDF: ("pdf",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg"),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    ODT: ("odt",),
    ODS: ("ods",),
    ODP: ("odp",),
}

# The main part's content type in `[Content_Types].xml` -> the document's type. The
# macro-enabled variants (docm, xlsm, pptm) declare other types and are refused.
_OOXML_MAIN: dict[bytes, MediaType] = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_ODF = {t.value.encode(): t for t in (ODT, ODS, ODP)}
# How much of a zip's declaration is read: real ones are a few KiB; a "zip bomb" entry is
# never inflated further than this.
_DECLARATION_MAX = 256 * 1024


def sniff(file: IO[bytes]) -> MediaType | None:
    """The accepted media type of the file's content, or None. Reads the start of the file
    and, for a zip, its central directory and one small entry; leaves the position at 0."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_type(file)
        finally:
            file.seek(0)
    return None


def _zip_type(file: IO[bytes]) -> MediaType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = _read_entry(archive, "mimetype").strip()
                return _ODF.get(declared)
            if "[Content_Types].xml" in names:
                declaration = _read_entry(archive, "[Content_Types].xml")
                found = {t for marker, t in _OOXML_MAIN.items() if marker in declaration}
                return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError):
        return None
    return None


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as entry:
        return entry.read(_DECLARATION_MAX)


def extension(filename: str) -> str:
    """The name's extension, lower case, without the dot ('' without one)."""
    stem, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and stem else ""
