"""Core's hooks: what a domain adds runs inside the unit of work's commit (after the feed and
audit rows, in the same transaction) and inside a metrics scrape, without core naming it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pytest
from prometheus_client import generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from api.core import metrics, unitofwork
from api.core.db import session_scope
from api.core.principal import SYSTEM
from api.models import Actor, AuditEntry, Change
from api.webhooks import outbox
from tests.conftest import count_rows

Written = Sequence[tuple[int, str, uuid.UUID]]


def test_a_commit_hook_runs_after_the_feed_rows_in_the_same_transaction() -> None:
    seen: list[tuple[str, list[str], int, int]] = []

    def hook(session: Session, changes: Sequence[Mapping[str, Any]], written: Written) -> None:
        feed = session.scalar(select(func.count()).select_from(Change)) or 0
        trail = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        seen.append(("hook", [c["resource"] for c in changes], feed, trail))
        assert [r for _, r, _ in written] == ["actors"]

    unitofwork.COMMIT_HOOKS.add(hook)
    try:
        with session_scope(principal=SYSTEM) as session:
            session.add(Actor(name="Met haak (fictief)", kind="partner"))
    finally:
        unitofwork.COMMIT_HOOKS.remove(hook)
    assert seen == [("hook", ["actors"], 1, 1)]
    # The outbox is one such hook, added by the webhooks domain, and it stays in.
    assert outbox.enqueue in list(unitofwork.COMMIT_HOOKS)


def test_a_failing_commit_hook_rolls_the_change_back() -> None:
    def hook(session: Session, changes: Sequence[Mapping[str, Any]], written: Written) -> None:
        raise RuntimeError("the hook fails")

    unitofwork.COMMIT_HOOKS.add(hook)
    try:
        with pytest.raises(RuntimeError), session_scope(principal=SYSTEM) as session:
            session.add(Actor(name="Teruggedraaid door haak (fictief)", kind="partner"))
    finally:
        unitofwork.COMMIT_HOOKS.remove(hook)
    assert (count_rows("actors"), count_rows("changes"), count_rows("audit_entries")) == (0, 0, 0)


def test_database_figures_of_a_domain_are_served_with_database_up() -> None:
    def figures(conn: Connection) -> Iterator[GaugeMetricFamily]:
        n = conn.execute(select(func.count()).select_from(Actor)).scalar_one()
        yield GaugeMetricFamily("regie_test_actors", "Actors, for this test.", value=float(n))

    def broken(conn: Connection) -> Iterator[GaugeMetricFamily]:
        raise RuntimeError("no answer")
        yield  # a generator, as figures are

    metrics.DATABASE_FIGURES.add(figures)
    try:
        text = generate_latest(metrics.REGISTRY).decode()
        assert "regie_test_actors 0.0" in text and "regie_database_up 1.0" in text
        metrics.DATABASE_FIGURES.add(broken)
        text = generate_latest(metrics.REGISTRY).decode()
        # One failing query: the scrape still answers, says the database is down, and shows
        # none of the database figures (they would be partial).
        assert "regie_database_up 0.0" in text
        assert "regie_test_actors" not in text and "regie_webhook_outbox" not in text
    finally:
        metrics.DATABASE_FIGURES.remove(figures)
        if broken in list(metrics.DATABASE_FIGURES):
            metrics.DATABASE_FIGURES.remove(broken)
