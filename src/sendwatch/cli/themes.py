"""Commands for the national picture: findings by theme, and context figures beside an area."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import typer
from rich.table import Table

from sendwatch import context as ctx
from sendwatch.cli.app import (
    TableFormat,
    app,
    console,
    fail,
    open_store,
    print_csv,
    print_json,
)
from sendwatch.findings import (
    DIMENSIONS,
    FLAT_COLUMNS,
    Filters,
    breakdown,
    national,
    themed_findings,
)
from sendwatch.history import all_timelines
from sendwatch.register import UnknownAreaError, load_register
from sendwatch.views import OUTCOME_LABELS


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


@app.command("themes")
def themes_command(
    framework: str | None = typer.Option(None, "--framework", help="2016 or 2023."),
    region: str | None = typer.Option(None, "--region", help="Only areas in this region."),
    outcome: str | None = typer.Option(
        None, "--outcome", help="Only inspections with this outcome (e.g. systemic_failings)."
    ),
    year: str | None = typer.Option(None, "--year", help="Only events in this year."),
    by: str | None = typer.Option(
        None,
        "--by",
        help="Instead, weaknesses and priority actions per theme by region, year, "
        "framework or outcome.",
    ),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """What inspectors find, by theme: counts per kind of finding, and the share put right."""
    if framework not in (None, "2016", "2023"):
        raise fail(f"--framework must be 2016 or 2023, not {framework!r}.")
    if outcome is not None and outcome not in OUTCOME_LABELS:
        raise fail(f"--outcome must be one of {', '.join(OUTCOME_LABELS)}; not {outcome!r}.")
    if year is not None and not re.fullmatch(r"\d{4}", year):
        raise fail(f"--year must be a year such as 2024, not {year!r}.")
    found = themed_findings(all_timelines(open_store()))
    if region and region.lower() not in {f.region.lower() for f in found}:
        regions = sorted({a.region for a in load_register().areas})
        raise fail(f"No findings are in the region {region!r}. Regions: {', '.join(regions)}.")
    filters = Filters(framework=framework, region=region, outcome=outcome, year=year)
    if by is not None:
        _print_breakdown(found, filters, by, format)
        return
    data = national(found, filters)
    if format is TableFormat.json:
        print_json(data)
        return
    if format is TableFormat.csv:
        print_csv(data["rows"], FLAT_COLUMNS)
        return
    roles = [r for r in data["themes"]["roles"] if r["total"]]
    table = Table(title=f"Findings by theme ({data['findings_counted']} findings)")
    table.add_column("theme")
    for r in roles:
        table.add_column(f"{r['short']} ({r['total']})", justify="right")
    table.add_column("revisit: sufficient", justify="right")
    table.add_column("monitoring: effective", justify="right")
    table.add_column("put right", justify="right")
    for row in data["rows"]:
        table.add_row(
            row["label"],
            *(str(row[r["code"]]) for r in roles),
            f"{row['revisit_sufficient']} of {row['revisit_judged']}",
            f"{row['monitoring_effective']} of {row['monitoring_judged']}",
            _percent(row["resolved_share"]),
        )
    console.print(table)
    if data["themes"]["unthemed"]:
        console.print(f"{data['themes']['unthemed']} findings have no theme (no cue word).")


def _print_breakdown(found, filters: Filters, by: str, format: TableFormat) -> None:
    if by not in DIMENSIONS:
        raise fail(f"--by must be one of {', '.join(DIMENSIONS)}, not {by!r}.")
    data = breakdown(found, filters, by)
    values = [v["value"] for v in data["values"]]
    rows = [{"theme": r["theme"], "label": r["label"], **r["counts"]} for r in data["rows"]]
    if format is TableFormat.json:
        print_json(data)
    elif format is TableFormat.csv:
        print_csv(rows, ["theme", "label", *values])
    else:
        table = Table(title=f"Weaknesses and priority actions by theme and {by}")
        table.add_column("theme")
        for v in data["values"]:
            table.add_column(f"{v['value']} ({v['total']})", justify="right")
        for r in rows:
            table.add_row(r["label"], *(str(r[v]) for v in values))
        console.print(table)


@app.command("context")
def context_command(
    name: str = typer.Argument(..., help="The area: name, council name, alias or code."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """EHC plans issued within 20 weeks and SEND tribunal appeals for one area, by year."""
    try:
        area = load_register().resolve(name)
    except UnknownAreaError as e:
        raise fail(str(e)) from e
    data = ctx.area_context(open_store(), area)
    if format is TableFormat.json:
        print_json(data)
        return
    if format is TableFormat.csv:
        print_csv(
            list(ctx.iter_indicator_rows(data)),
            ["area", "year", "indicator", "value", "as_published", "after_series_break"],
        )
        return
    table = Table(title=f"{area.name}: context")
    table.add_column("year")
    for ind in data["indicators"]:
        table.add_column(
            ind["label"] + (f" ({ind['unit']})" if ind["unit"] else ""), justify="right"
        )
    broke = False
    for row in data["years"]:
        if row["after_series_break"] and not broke:
            table.add_section()
            broke = True
        table.add_row(
            str(row["year"]) + (" *" if row["after_series_break"] else ""),
            *((row[i["code"]] or {}).get("text", "—") for i in data["indicators"]),
        )
    console.print(table)
    if broke:
        console.print(f"* {data['series_break']['note']}")
    for c in data["older_codes"]:
        console.print(c["note"])
    console.print(
        "Sources: " + "; ".join(f"{s['title']} ({s['licence']})" for s in data["sources"])
    )


@app.command("import-context")
def import_context_command(
    source: str = typer.Argument(
        ...,
        help="A file or an http(s) URL: a SEN2 CSV (Explore Education Statistics) or an "
        "MoJ SEND appeal rate table (ODS, XLSX or CSV).",
    ),
) -> None:
    """Import a newer release of the EHC plan (SEN2) or SEND appeal rate statistics."""
    store = open_store()
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            response = httpx.get(source, follow_redirects=True, timeout=60)
            response.raise_for_status()
        except httpx.HTTPError as e:
            raise fail(
                f"Cannot fetch {source}: {e}. Check the address, or download it and "
                "give the file's path."
            ) from e
        suffix = Path(source.split("?")[0]).suffix or ".csv"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"release{suffix}"
            path.write_bytes(response.content)
            report = _import(store, path, source)
    else:
        path = Path(source)
        if not path.is_file():
            raise fail(f"No file at {source}. Give the path of a downloaded release or its URL.")
        report = _import(store, path, path.name)
    console.print(
        f"{report.source}: {report.dataset}: {report.added} figures added, {report.updated} "
        f"updated, {report.unchanged} unchanged."
    )
    if report.unmapped:
        console.print(
            f"[yellow]{len(report.unmapped)} rows name no area of the register and were left "
            f"out:[/yellow] {', '.join(report.unmapped[:10])}"
            + (" …" if len(report.unmapped) > 10 else "")
        )


def _import(store, path: Path, source: str) -> ctx.ImportReport:
    try:
        return ctx.import_context(store, path, source)
    except ctx.ContextError as e:
        raise fail(f"Cannot import {source}: {e}") from e
