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
from sendwatch.cli.app import app, console, err, open_store, print_json
from sendwatch.extract import expand, extract_paths
from sendwatch.extraction import SCALAR_FIELDS, Extraction
from sendwatch.ingest import Result, ingest, reread

MAX_BYTES_HELP = "The largest file to read, in bytes (default from SENDWATCH_MAX_BYTES, 50 MB)."


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders (read recursively)."),
    max_bytes: int = typer.Option(0, "--max-bytes", help=MAX_BYTES_HELP, show_default=False),
) -> None:
    """Read documents (PDF, HTML, DOCX, text) into the store, one transaction each.

    The same bytes twice are stored once. A file that cannot be read gets one line saying
    why; the others go on, and the exit status is 1 when any failed.
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
            if result.status == "failed":
                progress.console.print(f"[red]failed[/red] {result.path}: {result.reason}")

        report = ingest(store, paths, limit, progress=tick)
    console.print(
        f"{report.count('stored')} stored, {report.count('unchanged')} already stored, "
        f"{report.count('failed')} failed."
    )
    if report.failed:
        raise typer.Exit(1)


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
) -> None:
    """Print what sendwatch reads in documents, without touching the store.

    jsonl is the exchange format (one object per document); json is the same as a list;
    table is for reading. Failures go to standard error and make the exit status 1.
    """
    limit = max_bytes or settings.max_bytes()
    failed = 0
    collected = []
    for outcome in extract_paths(paths, limit):
        if outcome.error is not None:
            failed += 1
            err.print(f"[red]failed[/red] {outcome.error}")
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
    if failed:
        raise typer.Exit(1)


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
def reread_command() -> None:
    """Read every stored document again with the current readers (after an upgrade).

    Each document is replaced in one transaction from its stored text; the original files
    are not needed. A document whose reading fails keeps what it had.
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
            store, lambda r, done, total: progress.update(task, completed=done, total=total)
        )
    failed = [r for r in results if r.error]
    changed = sum(1 for r in results if r.events_before != r.events_after)
    for r in failed:
        err.print(f"[red]failed[/red] document {r.document_id}: {r.error}")
    console.print(
        f"{len(results)} documents re-read, {changed} with a different number of events, "
        f"{len(failed)} failed."
    )
    if failed:
        raise typer.Exit(1)
