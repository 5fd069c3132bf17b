"""Statements sent to the database driver past SQLAlchemy's execution layer (PostgreSQL).

A first read of a list page is one statement, and executing it through SQLAlchemy cost more
of the server's CPU than the driver's own work on the page: the statement's cache key looked up
in the compiled cache, its parameters built, processed and expanded, a result object and a row
object for each of the page's rows (issue 17, bench/NOTES.md).
`page_rows` sends a statement built with SQLAlchemy as SQLAlchemy would (the same SQL text and
parameters, bound by the same type processors), compiled once for each shape of statement:
the shape is SQLAlchemy's own cache key, whose extracted parameters are this statement's
values in the order of the compiled one's (the same mechanism as its compiled cache).

A statement whose parameters or columns need what this does not do (an expanding `IN`, a
literal other than an integer, a column type whose result processor needs the driver's type
code) is executed by SQLAlchemy: `page_rows` answers None. Errors of the driver are raised as
SQLAlchemy raises them (`DBAPIError`), so that a lost database is the same 503.

`OBSERVERS` see each statement sent here with its parameters (SQLAlchemy's events do not):
tests count and explain a request's statements with them. Page statements are sent with
PostgreSQL's own placeholders (`$1`) and their parameters as a list (`psycopg.RawCursor`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select

OBSERVERS: list[Callable[[str, dict[str, Any] | list[Any] | None], None]] = []


def query_one(driver: Any, sql: str, params: dict[str, Any] | None = None) -> Any:
    """The first row of `sql` on the driver's connection `driver`."""
    for observe in OBSERVERS:
        observe(sql, params)
    with driver.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


@dataclass(frozen=True)
class _Compiled:
    sql: str  # with PostgreSQL's own placeholders ($1, $2, ...)
    names: tuple[str, ...]  # the parameter of each of the cache key's bind parameters
    positions: tuple[str, ...]  # the parameter of each placeholder
    bind: dict[str, Callable[[Any], Any]]  # the type processors of the parameters that have one
    literals: tuple[tuple[str, str], ...]  # (placeholder, parameter) of integer literals
    keys: tuple[str, ...]  # the result's columns
    results: tuple[Callable[[Any], Any] | None, ...]  # their type processors


# SQLAlchemy's psycopg dialect writes parameters as %(name)s and a percent sign as %%.
_PYFORMAT = re.compile(r"%\((\w+)\)s|%%")
_COMPILED: dict[Any, _Compiled | None] = {}
_COMPILED_MAX = 512  # shapes of list statements: resources x roles x filters used together
_LOCK = threading.Lock()


def page_rows(
    connection: Connection, statement: Select[Any], binds: dict[str, Any]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]] | None:
    """The keys and rows of `statement` with the parameters `binds` besides its own, executed
    on the driver's connection beneath `connection`; None where SQLAlchemy must execute it."""
    dialect = connection.dialect
    if dialect.name != "postgresql":  # sent with psycopg's RawCursor
        return None
    key = statement._generate_cache_key()
    if key is None or key.params:
        return None
    shape = (dialect, key.key)
    compiled = _COMPILED.get(shape)
    if compiled is None:
        if shape in _COMPILED:
            return None
        compiled = _compile(statement, key, dialect)
        with _LOCK:
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.clear()
            _COMPILED[shape] = compiled
        if compiled is None:
            return None
    values = {**binds}
    for name, param in zip(compiled.names, key.bindparams, strict=True):
        if name not in values:
            values[name] = param.effective_value
    sql = compiled.sql
    for placeholder, name in compiled.literals:
        sql = sql.replace(placeholder, str(int(values.pop(name))))
    for name, process in compiled.bind.items():
        if name in values:
            values[name] = process(values[name])
    positional = [values[name] for name in compiled.positions]
    for observe in OBSERVERS:
        observe(sql, positional)
    if not connection.in_transaction():
        connection.begin()  # as SQLAlchemy's execution would: its rollback ends the driver's
    driver: Any = connection.connection.driver_connection
    error = connection.dialect.loaded_dbapi.Error
    try:
        # The statement as PostgreSQL takes it: psycopg's own cursor would parse the text for
        # its placeholders on every execution (it remembers only statements under 4 kB).
        with psycopg.RawCursor(driver) as cursor:
            cursor.execute(sql, positional)
            rows = cursor.fetchall()
    except error as exc:
        # As SQLAlchemy raises it; a connection that is lost is not handed out again.
        lost = dialect.is_disconnect(exc, driver, None)
        if lost:
            connection.invalidate(exc)
        raise DBAPIError.instance(sql, values, exc, error, connection_invalidated=lost) from exc
    results = compiled.results
    if any(results):
        rows = [
            tuple(v if p is None else p(v) for v, p in zip(row, results, strict=True))
            for row in rows
        ]
    return compiled.keys, rows


def _compile(statement: Select[Any], key: Any, dialect: Any) -> _Compiled | None:
    compiled: Any = statement.compile(dialect=dialect, cache_key=key)
    if compiled.post_compile_params - compiled.literal_execute_params:
        return None  # an expanding IN: its SQL depends on the values
    if compiled.escaped_bind_names:
        return None  # parameters renamed in the SQL text
    names: dict[Any, str] = compiled.bind_names
    try:
        order = tuple(names[param] for param in key.bindparams)
    except KeyError:
        return None
    if set(order) != set(names.values()):
        return None
    literals = []
    for param in compiled.literal_execute_params:
        if not isinstance(param.effective_value, int):
            return None
        literals.append((f"__[POSTCOMPILE_{names[param]}]", names[param]))
    bind = {}
    for param, name in names.items():
        process = param.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            bind[name] = process
    columns = list(statement.selected_columns)
    results: list[Callable[[Any], Any] | None] = []
    for column in columns:
        try:
            results.append(column.type.dialect_impl(dialect).result_processor(dialect, None))
        except (TypeError, KeyError):  # needs the driver's type code (numerics)
            return None
    positions: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "%"  # "%%": a literal percent sign
        if name not in positions:
            positions.append(name)
        return f"${positions.index(name) + 1}"

    sql = _PYFORMAT.sub(placeholder, compiled.string)
    return _Compiled(
        sql=sql,
        names=order,
        positions=tuple(positions),
        bind=bind,
        literals=tuple(literals),
        keys=tuple(str(c.key) for c in columns),
        results=tuple(results),
    )
