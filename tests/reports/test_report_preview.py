"""The PDF's first pages as a person sees them: rendered to images (poppler's pdftoppm, at
screen resolution), looked at for what must be there, and kept small; the cover in
docs/screenshots must still be what the report draws.

`REGIE_UPDATE_REPORT_PREVIEW=1` rewrites docs/screenshots/report-page1.png from this run after
a deliberate change of the cover (look at it before committing)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image, ImageChops

from tests.reports.conftest import PDF, YEAR

URL = f"/api/v1/reports/annual/{YEAR}"
COVER = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "report-page1.png"
A4_AT_72_DPI = (596, 842)
# A page of text and lines at 72 dpi compresses to tens of kilobytes; more means a picture (or
# a scanned-looking raster) crept in, which would make the report heavy to mail and print.
MAX_PAGE_PNG = 60_000
TEAL = (11, 85, 99)  # the report's accent colour (#0B5563)


def render_pages(pdf: bytes, tmp: Path, last: int) -> list[bytes]:
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm not found: install Debian's poppler-utils"
    (tmp / "report.pdf").write_bytes(pdf)
    subprocess.run(
        [
            tool,
            "-png",
            "-r",
            "72",
            "-f",
            "1",
            "-l",
            str(last),
            str(tmp / "report.pdf"),
            str(tmp / "page"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    files = sorted(tmp.glob("page-*.png"))
    assert len(files) == last
    return [f.read_bytes() for f in files]


def ink(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> float:
    """The share of pixels that are not (nearly) white."""
    part = (image.crop(box) if box else image).convert("L")
    hist = part.histogram()
    return 1 - sum(hist[240:]) / (part.width * part.height)


def near(colour: Any, wanted: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], wanted, strict=True))


def test_first_pages_rendered_are_right_and_small(
    client: TestClient, w13_seeded: dict[str, str], tmp_path: Path
) -> None:
    r = client.get(URL + "?internal=false", headers={**w13_seeded, "Accept": PDF})
    assert r.status_code == 200
    cover_png, contents_png = render_pages(r.content, tmp_path, 2)
    for png in (cover_png, contents_png):
        assert len(png) < MAX_PAGE_PNG, len(png)
    cover = Image.open(io.BytesIO(cover_png)).convert("RGB")
    contents = Image.open(io.BytesIO(contents_png)).convert("RGB")
    assert cover.size == contents.size == A4_AT_72_DPI
    # The cover: a title block at the top with the accent bar on its left, the rest white
    # but for the running footer.
    assert 0.01 < ink(cover) < 0.15
    assert ink(cover, (60, 40, 560, 330)) > 0.05
    assert ink(cover, (0, 340, 596, 780)) < 0.001
    assert near(cover.getpixel((54, 200)), TEAL)
    assert ink(cover, (0, 790, 596, 842)) > 0.002  # footer: version and page number
    # The contents page is a page of text: much more ink than the cover, still mostly paper.
    assert ink(cover) < ink(contents) < 0.35

    if os.environ.get("REGIE_UPDATE_REPORT_PREVIEW") == "1":
        COVER.write_bytes(cover_png)
    committed = Image.open(COVER).convert("RGB")
    assert COVER.stat().st_size < MAX_PAGE_PNG
    assert committed.size == cover.size
    # The same picture but for the date it was made and the page count: few pixels differ.
    diff = ImageChops.difference(committed, cover).convert("L")
    changed = sum(diff.histogram()[65:]) / (cover.width * cover.height)
    assert changed < 0.01, f"{changed:.2%} of the cover differs from {COVER.name}"
