"""The `sync` command: keep the record current from Ofsted's report site."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sendwatch import settings
from sendwatch.cli.app import ViewFormat, app, console, err, fail, open_store, print_json
from sendwatch.register import UnknownAreaError, load_register
from sendwatch.sync import Fetcher, sync
from sendwatch.sync.run import AreaResult, SyncReport


@app.command("sync")
def sync_command(
    area: list[str] = typer.Option(
        [], "--area", help="Only this area (name, council name or code); repeat for more."
    ),
    base_url: str = typer.Option(
        "",
        "--base-url",
        help="Another site with the report site's layout (a mirror, a test server). "
        "Default: SENDWATCH_SYNC_BASE_URL, else https://reports.ofsted.gov.uk.",
        show_default=False,
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Read the pages and list what would be fetched; store nothing."
    ),
    delay: float = typer.Option(
        -1.0,
        "--delay",
        help="Seconds between two requests (default SENDWATCH_SYNC_DELAY, 1).",
        show_default=False,
    ),
    timeout: float = typer.Option(
        0.0,
        "--timeout",
        help="Seconds to wait for an answer (default SENDWATCH_SYNC_TIMEOUT, 30).",
        show_default=False,
    ),
    retries: int = typer.Option(3, "--retries", help="Tries again after a time-out, 5xx or 429."),
    max_bytes: int = typer.Option(
        0, "--max-bytes", help="The largest file to fetch (default SENDWATCH_MAX_BYTES)."
    ),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
) -> None:
    """Fetch new area SEND publications from Ofsted's report site and read them in.

    Visits each area's page (or the --area ones), fetches the inspection and revisit
    letters, reports and monitoring reports not yet held, reads each as `ingest` does and
    records where it came from. Polite: one request a second, robots.txt obeyed, retries
    with back-off. Exit status: 0 every area checked; 1 a page or file failed (the others
    went on; the next sync tries them again); 3 a page that listed publications now lists
    none (the site's layout may have changed).
    """
    try:
        chosen = [load_register().resolve(name) for name in area] or None
    except UnknownAreaError as e:
        raise fail(str(e)) from None
    if chosen and any(not a.ofsted_urn for a in chosen):
        missing = ", ".join(a.name for a in chosen if not a.ofsted_urn)
        raise fail(f"No page on Ofsted's report site is known for {missing} (no URN).")
    store = open_store()
    fetcher = Fetcher(
        delay=delay if delay >= 0 else float(settings.get("sync_delay")),
        timeout=timeout or float(settings.get("sync_timeout")),
        retries=retries,
        max_bytes=max_bytes or settings.max_bytes(),
    )
    total = len(chosen) if chosen else len([a for a in load_register().current if a.ofsted_urn])
    with (
        fetcher,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=total < 3 or not err.is_terminal,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("Syncing", total=total)

        def tick(result: AreaResult, done: int, _total: int) -> None:
            progress.update(task, completed=done, description=result.area[:30])
            if format is ViewFormat.table:
                for line in lines(result):
                    progress.console.print(line, highlight=False)

        report = sync(
            store,
            areas=chosen,
            base_url=base_url or settings.get("sync_base_url"),
            fetcher=fetcher,
            dry_run=dry_run,
            progress=tick,
        )
    if format is ViewFormat.json:
        print_json(report.to_json())
    else:
        for note in report.notes:
            err.print(f"[yellow]{note}[/yellow]", highlight=False)
        for warning in report.warnings:
            err.print(f"[bold red]WARNING[/bold red] {warning}", highlight=False)
        console.print(summary(report, dry_run), highlight=False)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def lines(result: AreaResult) -> list[str]:
    """The lines a person reads about one area: failures, warnings and what is new."""
    out = []
    if result.status == "failed" and not result.files:
        out.append(f"[red]failed[/red] {result.area}: {result.reason}")
    elif result.status == "warning":
        out.append(f"[bold red]WARNING[/bold red] {result.area}: {result.reason}")
    for f in result.files:
        if f.status == "failed":
            out.append(f"[red]failed[/red] {result.area}: {f.label} ({f.url}): {f.reason}")
        elif f.status == "stored":
            kind = (f.document_type or "document").replace("_", " ")
            out.append(
                f"[green]new[/green] {result.area}: {kind}, {f.label} (document {f.document_id})"
            )
        elif f.status == "would_fetch":
            out.append(f"would fetch {result.area}: {f.label} ({f.url})")
        elif f.status in ("skipped", "duplicate"):
            out.append(f"[dim]{f.status}[/dim] {result.area}: {f.label}: {f.reason}")
    if result.stage_change:
        before, after = result.stage_change
        out.append(f"[bold]stage[/bold] {result.area}: {before} -> {after}")
    return out


def summary(report: SyncReport, dry_run: bool) -> str:
    checked = report.count("checked") + report.count("unchanged")
    parts = [
        f"{len(report.areas)} areas: {checked} checked ({report.count('unchanged')} unchanged)",
        f"{report.count('failed')} failed",
        f"{report.count('warning')} with a warning.",
    ]
    if dry_run:
        files = f"{len(report.files('would_fetch'))} publications would be fetched"
    else:
        files = (
            f"{len(report.files('stored'))} new documents, "
            f"{len(report.files('duplicate'))} already held under another link, "
            f"{len(report.files('skipped'))} not area SEND, "
            f"{len(report.files('failed'))} failed"
        )
    return (
        ", ".join(parts)
        + f" {files}; {report.passed_over} other publications passed over. "
        + f"{report.requests} requests, {report.bytes:,} bytes, {report.seconds:.1f} s."
    )
