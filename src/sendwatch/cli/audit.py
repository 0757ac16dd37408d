"""Commands that audit and count the record: stats (Ofsted's statistics reproduced), check."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import typer
from rich.table import Table

from sendwatch.check import check
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
from sendwatch.stats import statistics


class Framework(StrEnum):
    f2016 = "2016"
    f2023 = "2023"


@app.command("stats")
def stats_command(
    as_at: str = typer.Option(
        ..., "--as-at", help="Count inspections carried out by this date (YYYY-MM-DD)."
    ),
    framework: Framework = typer.Option(Framework.f2023, "--framework", help="2016 or 2023."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Ofsted's official statistics, reproduced: inspections carried out by a date, with
    their outcome as later published (2023: counts by outcome; 2016: Ofsted's per-area table)."""
    try:
        day = date.fromisoformat(as_at)
    except ValueError:
        raise fail(f"--as-at {as_at!r} is not a date; write it as YYYY-MM-DD.") from None
    result = statistics(open_store(), day, framework.value)
    data = result.to_json()
    if format is TableFormat.json:
        print_json(data)
        return
    if format is TableFormat.csv:
        print_csv(list(result.rows), result.columns)
        return
    console.print(
        f"{data['inspections']} {framework.value}-framework inspections carried out by "
        f"{day.isoformat()}, with their outcome as later published."
    )
    if framework is Framework.f2023:
        for outcome, n in data["outcomes"].items():
            console.print(f"  {outcome.replace('_', ' ')}: {n}")
        return
    table = Table(title=f"2016 framework as at {day.isoformat()} ({len(result.rows)} areas)")
    for col in ("area", "inspected", "statement", "weaknesses", "revisited", "sufficient"):
        table.add_column(col)
    for r in result.rows:
        table.add_row(
            r["area"],
            r["inspection_start"] or "—",
            r["wsoa_required"],
            str(r["weaknesses"] or "—"),
            r["revisit_start"] or "—",
            "—" if r["weaknesses_sufficient"] is None else str(r["weaknesses_sufficient"]),
        )
    console.print(table)


@app.command("check")
def check_command(
    format: ViewFormat = typer.Option(ViewFormat.table, "--format", "-f"),
) -> None:
    """Audit the store: events told twice, counts that do not add up, lists that disagree
    with their counts, conflicting outcomes, undated claims, areas with no news. Exit 1 on
    any error."""
    issues = check(open_store())
    errors = sum(1 for i in issues if i.severity == "error")
    if format is ViewFormat.json:
        print_json({"errors": errors, "issues": [i.to_json() for i in issues]})
    else:
        table = Table(title=f"Checks of the record: {errors} errors, {len(issues)} issues")
        for col in ("severity", "area", "kind", "message"):
            table.add_column(col)
        for i in issues:
            colour = {"error": "red", "warning": "yellow"}.get(i.severity, "dim")
            table.add_row(f"[{colour}]{i.severity}[/{colour}]", i.area, i.kind, i.message)
        console.print(table)
    if errors:
        raise typer.Exit(1)
