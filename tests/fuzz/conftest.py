"""Fuzzing and property tests (marker `fuzz`: `make test-fuzz`)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: Schemathesis and Hypothesis runs (make test-fuzz)")
