"""Commands that keep the store safe: export, import and backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer

from sendwatch.cli.app import EXIT_REFUSED, app, console, err, fail, open_store
from sendwatch.portable import (
    PortableError,
    backup,
    export_store,
    import_store,
    pg_dump_guidance,
)


@app.command("export")
def export_command(
    path: Path = typer.Argument(..., help="The file to write (gzip-compressed JSON lines)."),
) -> None:
    """Write the whole store to one file, from one consistent snapshot (safe while in use).

    `sendwatch import` loads it into an empty store, SQLite or PostgreSQL.
    """
    store = open_store()
    try:
        counts = export_store(store, path)
    except (PortableError, OSError) as e:
        raise fail(f"Cannot export to {path}: {e}", EXIT_REFUSED) from None
    console.print(f"Exported {_summary(counts)} to {path}.")


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A file made by `sendwatch export` or `backup`."),
) -> None:
    """Load an export into an empty store (the --db store), in one transaction.

    Every row keeps its id; nothing is imported if the file is cut short or the store is
    not empty.
    """
    store = open_store()
    try:
        counts = import_store(store, path)
    except (PortableError, OSError) as e:
        raise fail(f"Cannot import {path}: {e}", EXIT_REFUSED) from None
    console.print(f"Imported {_summary(counts)} from {path}.")


@app.command("backup")
def backup_command(
    path: Path = typer.Argument(..., help="The new file to write."),
) -> None:
    """Take a consistent copy of the store while it is in use.

    SQLite: a copy of the database file by SQLite's online backup (open it with --db, or
    copy it into place to restore). PostgreSQL: an export (restore it with `sendwatch
    import` into an empty store), and how to take a native backup with pg_dump.
    """
    store = open_store()
    try:
        kind = backup(store, path)
    except (PortableError, OSError, sqlite3.Error) as e:
        raise fail(f"Cannot back up to {path}: {e}", EXIT_REFUSED) from None
    if kind == "sqlite":
        console.print(f"Backed up the store to {path} (an SQLite database: use it with --db).")
        return
    console.print(
        f"Wrote an export of the store to {path} (restore: sendwatch --db NEW import {path})."
    )
    err.print(pg_dump_guidance(store.url, path), highlight=False)


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items() if n) or "an empty store"
