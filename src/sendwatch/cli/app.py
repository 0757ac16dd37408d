"""The Typer application and what every command shares: the store option and output helpers."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console

from sendwatch.db import Store

app = typer.Typer(
    name="sendwatch",
    help=(
        "The public record of England's local area SEND inspections: read Ofsted and CQC "
        "documents, council and news pages, and the official statistics; see where each "
        "area stands and what happens next."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

#: Exit codes (docs/cli.md): every input done; some inputs refused, each listed; a usage
#: error (a bad option or value, a store that cannot be opened); sendwatch's own fault.
EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70

console = Console()
err = Console(stderr=True)


class State:
    def __init__(self) -> None:
        self.db: str | None = None
        #: Stores opened by the running command, closed when it ends.
        self.opened: list[Store] = []


def _close_stores() -> None:
    while state.opened:
        state.opened.pop().close()


state = State()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="SENDWATCH_DATABASE_URL",
        help="The store: a file path or an SQLAlchemy URL (sqlite:///x.db, "
        "postgresql://user@host/db). Default: sendwatch.db in your user data directory.",
    ),
) -> None:
    state.db = db
    ctx.call_on_close(_close_stores)


def open_store() -> Store:
    """The store the global --db option names, migrated; a clear error if it cannot open."""
    try:
        store = Store(state.db)
    except Exception as e:
        err.print(f"[red]Cannot open the store {state.db or '(default)'}:[/red] {e}")
        err.print("Check the --db option or SENDWATCH_DATABASE_URL.")
        raise typer.Exit(2) from e
    state.opened.append(store)
    return store


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def print_csv(rows: list[dict[str, Any]], columns: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sys.stdout.write(buffer.getvalue())


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]{message}[/red]")
    return typer.Exit(code)
