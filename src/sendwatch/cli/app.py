"""The Typer application and what every command shares: the store option and output helpers."""

from __future__ import annotations

import csv
import importlib
import io
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer import _click as click  # Typer's own copy of click: importing click costs 30 ms

    from sendwatch.db import Store

#: Every command: the module that defines it and its one-line help. `sendwatch --help`
#: lists them from here, and a command's module (with the library it needs) is imported
#: only when that command runs, so the CLI starts in a fraction of a second.
#: tests/test_cli.py checks this table against the commands the modules define.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": (
        "sendwatch.cli.documents",
        "Read documents (PDF, HTML, DOCX, text) into the store, one transaction each.",
    ),
    "extract": (
        "sendwatch.cli.documents",
        "Print what sendwatch reads in documents, without touching the store.",
    ),
    "reread": (
        "sendwatch.cli.documents",
        "Read every stored document again with the current readers (after an upgrade).",
    ),
    "export": (
        "sendwatch.cli.safety",
        "Write the whole store to one file, from one consistent snapshot (safe while in use).",
    ),
    "import": (
        "sendwatch.cli.safety",
        "Load an export into an empty store (the --db store), in one transaction.",
    ),
    "backup": ("sendwatch.cli.safety", "Take a consistent copy of the store while it is in use."),
    "import-official": (
        "sendwatch.cli.record",
        "Load Ofsted's official statistics, the compiled national record and the 2026-06 "
        "scrape of Ofsted's reports (idempotent; rows matched by what they describe).",
    ),
    "areas": ("sendwatch.cli.record", "List every current local area with its latest event."),
    "area": (
        "sendwatch.cli.record",
        "Show one area's history in date order, with every source and conflict.",
    ),
    "status": (
        "sendwatch.cli.status",
        "Where an area stands, what must happen next and by when, and why.",
    ),
    "due": ("sendwatch.cli.status", "Every step due in the period ahead, soonest first."),
    "overdue": (
        "sendwatch.cli.status",
        "Every step past its due date with nothing on record to show it done, most overdue first.",
    ),
    "stats": (
        "sendwatch.cli.audit",
        "Ofsted's official statistics, reproduced: inspections carried out by a date, with "
        "their outcome as later published (2023: counts by outcome; 2016: Ofsted's per-area "
        "table).",
    ),
    "check": (
        "sendwatch.cli.audit",
        "Audit the store: events told twice, counts that do not add up, lists that disagree "
        "with their counts, conflicting outcomes, undated claims, areas with no news. Exit 1 "
        "on any error.",
    ),
    "themes": (
        "sendwatch.cli.themes",
        "What inspectors find, by theme: counts per kind of finding, and the share put right.",
    ),
    "context": (
        "sendwatch.cli.themes",
        "EHC plans issued within 20 weeks and SEND tribunal appeals for one area, by year.",
    ),
    "import-context": (
        "sendwatch.cli.themes",
        "Import a newer release of the EHC plan (SEN2) or SEND appeal rate statistics.",
    ),
    "sync": (
        "sendwatch.cli.sync",
        "Fetch new area SEND publications from Ofsted's report site and read them in.",
    ),
    "serve": (
        "sendwatch.cli.web",
        "Start the website, the API (/api/v1) and the Atom feeds on this machine.",
    ),
}


class LazyGroup(TyperGroup):
    """The command group, importing a command's module only when the command is used."""

    listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, short_help = COMMANDS[cmd_name]
            if self.listing:  # the help's list of commands needs only the line of help
                return TyperCommand(name=cmd_name, short_help=short_help, help=short_help)
            self.load(module)
        return self.commands.get(cmd_name)

    def load(self, module: str) -> None:
        """Import a commands module and add the commands it registers."""
        importlib.import_module(module)
        for info in app.registered_commands:
            assert info.callback is not None
            name = info.name or typer.main.get_command_name(info.callback.__name__)
            if name not in self.commands:
                self.commands[name] = typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False


app = typer.Typer(
    cls=LazyGroup,
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
    from sendwatch.db import Store

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
