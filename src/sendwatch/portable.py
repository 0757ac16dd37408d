"""Moving a whole store between databases, and backing it up while it is in use.

An *export* is one gzip-compressed file of JSON lines: a head naming the format and the
schema revision, then each table (its columns, then one line per row, parents before
children), then an end line with the count of each table, so that a cut-short file is
refused rather than half-imported. It is written from one snapshot of the store (a read
transaction on SQLite, REPEATABLE READ on PostgreSQL), so a store in use exports
consistently. :func:`import_store` loads an export into an empty store in one
transaction, keeping every row's id (links to /documents/12 stay true), on SQLite or
PostgreSQL alike.

:func:`backup` copies an SQLite store with SQLite's online backup API, which is
consistent while other processes write; for PostgreSQL it writes an export and says how
to take a native backup with pg_dump.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    func,
    select,
    text,
)

from sendwatch import schema
from sendwatch.db import Store, current_revision

FORMAT = "sendwatch-export"
VERSION = 1
CHUNK = 1000


class PortableError(Exception):
    """An export or backup that cannot be made or read, with what to do."""


def tables() -> list[Table]:
    """The store's tables, parents before children."""
    return list(schema.Base.metadata.sorted_tables)


def _out(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _in(table: Table, columns: list[str], row: list[Any]) -> dict[str, Any]:
    out = {}
    for name, value in zip(columns, row, strict=True):
        kind = table.c[name].type
        if value is not None:
            if isinstance(kind, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(kind, Date):
                value = date.fromisoformat(value)
            elif isinstance(kind, LargeBinary):
                value = base64.b64decode(value)
        out[name] = value
    return out


def _snapshot(store: Store) -> Connection:
    """A connection reading one consistent snapshot of the store."""
    if store.dialect == "postgresql":
        connection = store.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        connection.begin()
        return connection
    connection = store.engine.connect()
    # pysqlite reads outside a transaction unless told: each SELECT would see the store as
    # it is at that moment. One BEGIN makes every read see the same moment (WAL keeps it).
    connection.exec_driver_sql("BEGIN")
    return connection


def export_store(store: Store, path: Path) -> dict[str, int]:
    """Write the whole store to ``path``; returns the rows written per table."""
    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    connection = _snapshot(store)
    try:
        with gzip.open(partial, "wt", encoding="utf-8") as f:
            head = {
                "format": FORMAT,
                "version": VERSION,
                "schema_revision": current_revision(store.engine),
                "exported_at": datetime.now().astimezone().isoformat(),
                "tables": [t.name for t in tables()],
            }
            f.write(json.dumps(head) + "\n")
            for table in tables():
                columns = [c.name for c in table.columns]
                f.write(json.dumps({"table": table.name, "columns": columns}) + "\n")
                n = 0
                order = [c for c in table.primary_key.columns]
                result = connection.execute(select(table).order_by(*order))
                for row in result:
                    f.write(json.dumps([_out(v) for v in row], ensure_ascii=False) + "\n")
                    n += 1
                counts[table.name] = n
            f.write(json.dumps({"end": True, "counts": counts}) + "\n")
    finally:
        connection.rollback()
        connection.close()
    os.replace(partial, path)
    return counts


def _read(path: Path) -> Iterator[dict[str, Any] | list[Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise PortableError(
            f"{path} is not a whole sendwatch export ({e}); make the export again"
        ) from e


def _check_empty(connection: Connection) -> None:
    for table in tables():
        n = connection.scalar(select(func.count()).select_from(table)) or 0
        if n:
            raise PortableError(
                f"the store already holds {n} rows in {table.name}: import into a new, empty "
                "store (--db a new file or database)"
            )


def import_store(store: Store, path: Path) -> dict[str, int]:
    """Load an export into ``store``, which must be empty; all or nothing."""
    known = {t.name: t for t in tables()}
    lines = _read(path)
    head = next(lines, None)
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise PortableError(f"{path} is not a sendwatch export (no export head)")
    if head.get("version") != VERSION:
        raise PortableError(
            f"{path} is an export of version {head.get('version')}; "
            f"this sendwatch reads version {VERSION}"
        )
    counts: dict[str, int] = {}
    ended: dict[str, Any] | None = None
    with store.engine.begin() as connection:
        _check_empty(connection)
        table: Table | None = None
        columns: list[str] = []
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            if table is not None and batch:
                connection.execute(table.insert(), batch)
                batch.clear()

        for line in lines:
            if isinstance(line, dict):
                flush()
                if line.get("end"):
                    ended = line
                    break
                name = line.get("table")
                if name not in known:
                    raise PortableError(
                        f"{path} has a table {name!r} this version of sendwatch does not know; "
                        "import it with the version that exported it"
                    )
                table, columns = known[name], list(line["columns"])
                unknown = [c for c in columns if c not in table.c]
                if unknown:
                    raise PortableError(f"{path}: {name} has columns unknown here: {unknown}")
                counts[name] = 0
                continue
            if table is None:
                raise PortableError(f"{path}: a row before any table")
            batch.append(_in(table, columns, line))
            counts[table.name] += 1
            if len(batch) >= CHUNK:
                flush()
        if ended is None or ended.get("counts") != counts:
            raise PortableError(
                f"{path} is cut short (its end line is missing or differs); nothing was imported"
            )
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
    return counts


def _reset_sequences(connection: Connection) -> None:
    """Rows came with their ids: PostgreSQL's counters must start after them."""
    for table in tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        column = key[0].name
        sequence = connection.scalar(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column}
        )
        if sequence:
            connection.execute(
                text(
                    f'SELECT setval(:s, COALESCE((SELECT MAX("{column}") FROM "{table.name}"), 1), '
                    f'(SELECT MAX("{column}") FROM "{table.name}") IS NOT NULL)'
                ),
                {"s": sequence},
            )


def pg_dump_guidance(url: str, path: Path) -> str:
    """How to take and restore a native PostgreSQL backup of the store at ``url``."""
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    return (
        "For a native PostgreSQL backup, run pg_dump (it reads one consistent snapshot while "
        "the store is in use):\n"
        f"  pg_dump --format=custom --file {path.with_suffix('.dump')} '{plain}'\n"
        "and to restore it into a new, empty database:\n"
        f"  pg_restore --no-owner --dbname 'postgresql://.../new_database' "
        f"{path.with_suffix('.dump')}"
    )


def backup(store: Store, path: Path) -> str:
    """A consistent copy of the store at ``path``, taken while it may be in use.

    Returns what kind of copy was made: "sqlite" (a database file) or "export".
    """
    if path.exists():
        raise PortableError(f"{path} exists; give a new file name")
    if store.dialect != "sqlite":
        export_store(store, path)
        return "export"
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    source = store.engine.raw_connection()
    try:
        target = sqlite3.connect(partial)
        try:
            driver = source.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            # All pages in one step: one read transaction, so one consistent moment.
            driver.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    os.replace(partial, path)
    return "sqlite"


def integrity(store: Store) -> list[str]:
    """Problems the database itself finds (SQLite's integrity check); empty when sound."""
    if store.dialect != "sqlite":
        return []
    with store.engine.connect() as connection:
        rows = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows
