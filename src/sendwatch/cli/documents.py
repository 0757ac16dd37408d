"""Commands on documents: ingest into the store, extract without it."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sendwatch import settings
from sendwatch.cli.app import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_REFUSED,
    app,
    console,
    err,
    open_store,
    print_json,
)
from sendwatch.extract import expand, extract_paths
from sendwatch.extraction import SCALAR_FIELDS, Extraction
from sendwatch.ingest import Result, ingest
from sendwatch.reread import reread

MAX_BYTES_HELP = "The largest file to read, in bytes (default from SENDWATCH_MAX_BYTES, 50 MB)."
TIME_LIMIT_HELP = (
    "The most seconds one document may take to load and read; 0 for none "
    "(default from SENDWATCH_TIME_LIMIT, 600)."
)


def _time_limit(value: float | None) -> float | None:
    if value is None:
        return settings.time_limit()
    return value if value > 0 else None


def exit_code(failures: list[bool]) -> int:
    """The exit status for a batch whose failures are given as "was it our fault?"."""
    if any(failures):
        return EXIT_INTERNAL
    return EXIT_REFUSED if failures else EXIT_OK


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders (read recursively)."),
    max_bytes: int = typer.Option(0, "--max-bytes", help=MAX_BYTES_HELP, show_default=False),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help=TIME_LIMIT_HELP, show_default=False
    ),
) -> None:
    """Read documents (PDF, HTML, DOCX, text) into the store, one transaction each.

    The same bytes twice are stored once. A file that cannot be read gets one line saying
    why; the others go on. Exit status: 0 all stored, 1 some files refused (each listed),
    2 a usage error, 70 sendwatch's own fault (please report it).
    """
    store = open_store()
    limit = max_bytes or settings.max_bytes()
    total = len(expand(paths))
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=total < 5 or not err.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("Ingesting", total=total)

        def tick(result: Result, done: int, _total: int) -> None:
            progress.update(task, completed=done, description=Path(result.path).name[:40])
            say = progress.console.print
            if result.status == "failed":
                say(f"[red]failed[/red] {result.path}: {result.reason}", highlight=False)
            if result.note:
                say(f"[yellow]note[/yellow] {result.path}: {result.note}", highlight=False)

        report = ingest(store, paths, limit, progress=tick, time_limit=_time_limit(time_limit))
    for note in report.notes:
        err.print(f"[yellow]note[/yellow] {note}", highlight=False)
    console.print(
        f"{report.count('stored')} stored, {report.count('unchanged')} already stored, "
        f"{report.count('failed')} failed."
    )
    raise typer.Exit(exit_code([r.internal for r in report.failed]))


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command("extract")
def extract_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders (read recursively)."),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output."),
    show_evidence: bool = typer.Option(
        False, "--show-evidence", help="Print each value beside the words that state it."
    ),
    max_bytes: int = typer.Option(0, "--max-bytes", help=MAX_BYTES_HELP, show_default=False),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help=TIME_LIMIT_HELP, show_default=False
    ),
) -> None:
    """Print what sendwatch reads in documents, without touching the store.

    jsonl is the exchange format (one object per document); json is the same as a list;
    table is for reading. Failures go to standard error, one line each, and the others go
    on. Exit status as for ingest: 0, 1 some files refused, 2 usage, 70 our own fault.
    """
    limit = max_bytes or settings.max_bytes()
    failures: list[bool] = []
    collected = []
    for outcome in extract_paths(paths, limit, _time_limit(time_limit)):
        if outcome.error is not None:
            failures.append(outcome.error.internal)
            err.print(f"[red]failed[/red] {outcome.error}", highlight=False)
            continue
        assert outcome.extraction is not None
        extraction = outcome.extraction
        if show_evidence:
            show(extraction)
        elif format is ExtractFormat.jsonl:
            sys.stdout.write(json.dumps(extraction.to_exchange(), ensure_ascii=False) + "\n")
        elif format is ExtractFormat.json:
            collected.append(extraction.to_exchange())
        else:
            show(extraction, quotes=False)
    if format is ExtractFormat.json and not show_evidence:
        print_json(collected)
    raise typer.Exit(exit_code(failures))


def _clip(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show(extraction: Extraction, quotes: bool = True) -> None:
    """A readable rendering of one extraction, with each value's quote when asked."""
    console.rule(f"{extraction.source} — {extraction.document_type}")
    console.print(
        f"document date: {extraction.document_date or '—'}; "
        f"areas: {', '.join(extraction.local_areas) or '—'}"
    )
    for event in extraction.events:
        table = Table(title=f"{event.local_area}: {event.kind}", show_lines=False, expand=True)
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value")
        if quotes:
            table.add_column("evidence", style="italic")
        for name in SCALAR_FIELDS:
            if name in event.values:
                row = [name, str(event.values[name])]
                if quotes:
                    row.append(
                        _clip(extraction.quote(event.evidence.get(name))) or "[red]none[/red]"
                    )
                table.add_row(*row)
        for kind, items in event.findings.items():
            for i, item in enumerate(items, start=1):
                label = f"{kind} {i}" + (f" ({item.verdict})" if item.verdict else "")
                row = [label, _clip(item.text)]
                if quotes:
                    row.append(_clip(extraction.quote(item.span)) or "[red]none[/red]")
                table.add_row(*row)
        console.print(table)
    if extraction.parties:
        table = Table(title="parties", show_lines=False, expand=True)
        table.add_column("kind", style="bold", no_wrap=True)
        table.add_column("name")
        table.add_column("role")
        if quotes:
            table.add_column("evidence", style="italic")
        for party in extraction.parties:
            row = [party.kind.replace("_", " "), party.name, party.role or "—"]
            if quotes:
                row.append(_clip(extraction.quote(party.span)) or "[red]none[/red]")
            table.add_row(*row)
        console.print(table)


@app.command("reread")
def reread_command(
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what each document's new reading would change; store none."
    ),
    accept_shrink: bool = typer.Option(
        False,
        "--accept-shrink",
        help="Also replace readings that say less than the stored ones (after checking them "
        "with --dry-run).",
    ),
    time_limit: float | None = typer.Option(
        None, "--time-limit", help=TIME_LIMIT_HELP, show_default=False
    ),
) -> None:
    """Read every stored document again with the current readers (after an upgrade).

    Each document is replaced in one transaction from its stored text; the original files
    are not needed. A document whose reading fails keeps what it had. A document whose new
    reading says less (fewer events, values or findings) keeps what it had too, and is
    listed with what it would lose, unless --accept-shrink. Exit status 1 when any
    document kept a reading that shrank or could not be read, 70 on a reader's bug.
    """
    store = open_store()
    with Progress(
        TextColumn("Re-reading"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("reread")
        results = reread(
            store,
            lambda r, done, total: progress.update(task, completed=done, total=total),
            dry_run=dry_run,
            accept_shrink=accept_shrink,
            time_limit=_time_limit(time_limit),
        )
    failed = [r for r in results if r.error]
    kept = [r for r in results if r.shrank and not r.replaced and not r.error]
    changed = [r for r in results if r.lost or r.gained]
    for r in failed:
        err.print(f"[red]failed[/red] document {r.document_id} ({r.name}): {r.error}")
    for r in changed if dry_run else kept:
        label = "shrinks" if r.shrank else "changes"
        console.print(
            f"[bold]document {r.document_id}[/bold] ({r.name}) {label}: "
            f"{r.events_before} events -> {r.events_after}",
            highlight=False,
        )
        for fact in r.lost:
            console.print(f"  [red]- {fact}[/red]", highlight=False)
        for fact in r.gained:
            console.print(f"  [green]+ {fact}[/green]", highlight=False)
    if dry_run:
        console.print(
            f"{len(results)} documents read (dry run: nothing stored), {len(changed)} would "
            f"change, {sum(r.shrank for r in results)} of them saying less, {len(failed)} failed."
        )
    else:
        console.print(
            f"{len(results)} documents re-read, {len(changed)} changed, "
            f"{len(kept)} kept their stored reading because the new one says less "
            f"(see --dry-run; --accept-shrink replaces them), {len(failed)} failed."
        )
    if any(r.internal for r in failed):
        raise typer.Exit(EXIT_INTERNAL)
    if failed or (kept and not dry_run):
        raise typer.Exit(EXIT_REFUSED)
