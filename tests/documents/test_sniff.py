"""The type of a file from its content: signatures, and what a zip declares itself to be."""

from __future__ import annotations

import io
import zipfile

import pytest

from api.documents.sniff import MediaType, extension, sniff
from tests.documents.conftest import OOXML_MAIN, exe, jpeg, odf, ooxml, pdf, png


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (pdf(), MediaType.pdf),
        (png(), MediaType.png),
        (jpeg(), MediaType.jpeg),
        (ooxml(OOXML_MAIN.format("wordprocessingml.document")), MediaType.docx),
        (ooxml(OOXML_MAIN.format("spreadsheetml.sheet")), MediaType.xlsx),
        (ooxml(OOXML_MAIN.format("presentationml.presentation")), MediaType.pptx),
        (odf("application/vnd.oasis.opendocument.text"), MediaType.odt),
        (odf("application/vnd.oasis.opendocument.spreadsheet"), MediaType.ods),
        (odf("application/vnd.oasis.opendocument.presentation"), MediaType.odp),
    ],
    ids=lambda v: getattr(v, "name", "content"),
)
def test_accepted_types(content: bytes, expected: MediaType) -> None:
    file = io.BytesIO(content)
    assert sniff(file) is expected
    assert file.tell() == 0


def _zip(**entries: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        exe(),
        b"#!/bin/sh\nrm -rf /\n",
        b"<html><script>alert(1)</script></html>",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,  # legacy binary Office (OLE)
        ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        _zip(**{"readme.txt": "geen kantoordocument"}),
        odf("application/x-msdownload"),
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_refused_content(content: bytes) -> None:
    assert sniff(io.BytesIO(content)) is None


def test_a_package_declaring_two_main_types_is_refused() -> None:
    both = ooxml(OOXML_MAIN.format("wordprocessingml.document"))
    twice = _zip(
        **{
            "[Content_Types].xml": OOXML_MAIN.format("wordprocessingml.document")
            + OOXML_MAIN.format("spreadsheetml.sheet")
        }
    )
    assert sniff(io.BytesIO(both)) is MediaType.docx
    assert sniff(io.BytesIO(twice)) is None


def test_extension() -> None:
    assert extension("Verslag.PDF") == "pdf"
    assert extension("archief.tar.gz") == "gz"
    assert extension("zonder") == ""
    assert extension(".bashrc") == ""
