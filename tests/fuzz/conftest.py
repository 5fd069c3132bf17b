"""Fuzzing and property tests (marker `fuzz`; the long release run: `make test-fuzz`)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: Schemathesis and Hypothesis runs (pytest -m fuzz)")
