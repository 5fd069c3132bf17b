"""Helpers for CSV lists and imports: read a list as CSV, send rows back, count the feed."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.seed.loader import load_dataset
from tests.conftest import count_rows

CSV = {"Accept": "text/csv"}
# Every importable resource with a top-level list, in an order where references point back.
TOP_LEVEL = (
    "municipalities",
    "actors",
    "pillars",
    "objectives",
    "dossiers",
    "actions",
    "indicators",
    "bodies",
    "meetings",
    "agreements",
)


@pytest.fixture
def seeded(engine: Any) -> dict[str, dict[str, int]]:
    """The action-plan dataset (the same one `regie seed` loads)."""
    return load_dataset()


def get_csv(client: TestClient, headers: dict[str, str], path: str) -> bytes:
    r = client.get(path, headers={**headers, **CSV})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    return r.content


def table(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def to_csv(header: list[str], rows: list[dict[str, Any]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([[row.get(c, "") for c in header] for row in rows])
    return out.getvalue().encode()


def post_csv(
    client: TestClient, headers: dict[str, str], resource: str, body: bytes, query: str = ""
) -> Any:
    return client.post(
        f"/api/v1/imports/{resource}{query}",
        content=body,
        headers={**headers, "Content-Type": "text/csv; charset=utf-8"},
    )


def feed_size() -> int:
    return count_rows("changes")
