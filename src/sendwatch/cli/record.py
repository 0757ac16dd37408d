"""Commands on the record: import the official data, list areas, show one area."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from sendwatch import views
from sendwatch.cli.app import (
    TableFormat,
    ViewFormat,
    app,
    console,
    fail,
    open_store,
    print_csv,
    print_json,
)
from sendwatch.official import import_official
from sendwatch.register import UnknownAreaError
from sendwatch.timeline import UNDATED_BASES


@app.command("import-official")
def import_official_command(
    file: Path | None = typer.Option(
        None, "--file", help="A new release of Ofsted's statistics (ODS, XLSX or CSV)."
    ),
    url: str | None = typer.Option(None, "--url", help="A new release to fetch and import."),
    sheet: str | None = typer.Option(None, "--sheet", help="The release's sheet to read."),
) -> None:
    """Load Ofsted's official statistics, the compiled national record and the 2026-06 scrape
    of Ofsted's reports (idempotent; rows matched by what they describe).

    With --file or --url, import a new release instead: its columns are found by their
    headings, and each row that adds to or changes the record is listed.
    """
    if file is not None or url is not None:
        from sendwatch.cli.releases import import_release

        import_release(file, url, sheet)
        return
    store = open_store()
    report = import_official(store)
    console.print(
        f"{report.added} events added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.removed} removed "
        f"({', '.join(f'{k}: {v}' for k, v in report.by_dataset.items())})."
    )


@app.command("areas")
def areas_command(
    region: str | None = typer.Option(None, "--region", help="Only this region."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """List every current local area with its latest event."""
    rows = views.areas_table(open_store(), region)
    if region and not rows:
        raise fail(
            f"No area is in the region {region!r}. Regions are named as in `sendwatch areas`."
        )
    if format is TableFormat.json:
        print_json(rows)
    elif format is TableFormat.csv:
        print_csv(rows, views.AREA_COLUMNS)
    else:
        table = Table(title=f"Local areas ({len(rows)})")
        for col in ("area", "region", "latest event", "date", "outcome", "checked on"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                r["area"],
                r["region"],
                " ".join(x for x in (r["latest_framework"], r["latest_kind"]) if x) or "—",
                r["latest_date"] or "—",
                views.OUTCOME_LABELS.get(r["latest_outcome"], r["latest_outcome"] or "—"),
                (r["checked_against_ofsted"] or "—")[:10],
            )
        console.print(table)


def parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"--as-of {value!r} is not a date; write it as YYYY-MM-DD.") from None


@app.command("area")
def area_command(
    name: str = typer.Argument(..., help="The area: its name, a council's name, or a code."),
    as_of: str | None = typer.Option(None, "--as-of", help="Only what was known on YYYY-MM-DD."),
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
) -> None:
    """Show one area's history in date order, with every source and conflict."""
    try:
        view = views.area_view(open_store(), name, parse_as_of(as_of))
    except UnknownAreaError as e:
        raise fail(str(e)) from None
    if format is ViewFormat.json:
        print_json({k: v for k, v in view.items() if not k.startswith("_")})
        return
    console.rule(f"{view['area']} ({view['region']})")
    if view["predecessors"]:
        console.print(f"Formed from: {', '.join(view['predecessors'])}")
    for event in view["_events"]:
        head = f"[bold]{views.event_dates(event)}[/bold]  {views.describe(event)}"
        if event.inherited_from:
            head += f"  [dim](history of {event.inherited_from})[/dim]"
        console.print(head)
        for claim in event.claims:
            quote = claim.to_json()["quote"]
            line = f"    source: {claim.source.label}"
            if claim.part == "visit":
                line += " [dim](its visit only: outcome not yet public)[/dim]"
            if claim.known_basis in UNDATED_BASES:
                line += f" [dim](date of writing unknown: used from {claim.known_from})[/dim]"
            if quote:
                line += f' — "{" ".join(quote.split())[:120]}"'
            console.print(line, highlight=False)
        for conflict in event.conflicts:
            values = "; ".join(f"{v} ({s.label})" for v, s in conflict.values)
            console.print(f"    [yellow]conflict on {conflict.field}:[/yellow] {values}")
    if not view["_events"]:
        console.print("No events are known. Run `sendwatch import-official` and ingest documents.")
    record = view["record"]
    console.print(
        f"[dim]Judged on {record['judged_on']}; the record is complete to "
        f"{record['complete_to'] or 'an unknown date'}.[/dim]"
    )
