"""Alembic environment: the app's metadata, the URL from the settings (or the caller)."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, engine_from_config, inspect, pool

import api.models  # noqa: F401 - registers every table
from api.core.config import get_settings
from api.core.models import metadata
from api.core.search import include_object
from api.core.unitofwork import mark_feed

config = context.config
if config.config_file_name is not None and not config.attributes.get("skip_logging"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

url = config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config(
            {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
        )
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _mark_feed(ctx: MigrationContext, **_: object) -> None:
    """After each step, in its transaction: a step may change data without the unit of work
    (no feed row of its own), so move the feed's head and list ETags and every instance's page
    cache (api.core.pagecache) see it."""
    if ctx.connection is not None and inspect(ctx.connection).has_table("changes"):
        mark_feed(ctx.connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
        on_version_apply=_mark_feed,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
