"""Imports every domain's `Resource` spec, so the registry (and the change-feed visibility
rules) are complete whatever entry point runs: the app, the command line or a test."""

from __future__ import annotations

import importlib
from functools import cache

DOMAINS = (
    "municipalities",
    "actors",
    "plan",
    "actions",
    "indicators",
    "meetings",
    "dossiers",
    "agreements",
    "accounts",
    "webhooks",
)


@cache
def load_all() -> None:
    for domain in DOMAINS:
        importlib.import_module(f"api.{domain}.service")
