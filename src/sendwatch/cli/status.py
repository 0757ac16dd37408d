"""Commands on where areas stand: status, due, overdue."""

from __future__ import annotations

import re
from datetime import date

import typer
from rich.table import Table

from sendwatch import views
from sendwatch.cli.app import (
    TableFormat,
    app,
    console,
    fail,
    open_store,
    print_csv,
    print_json,
)
from sendwatch.cli.record import parse_as_of
from sendwatch.register import UnknownAreaError
from sendwatch.status import Status, due_within, overdue

STEP_COLUMNS = [
    "area",
    "stage",
    "what",
    "due_from",
    "due_by",
    "overdue_days",
    "approximate",
    "rule",
]


#: The furthest day and period the rules are asked about: their dates (a statement due
#: within months, an inspection within years) must stay inside the calendar.
LAST_AS_OF = date(2999, 12, 31)
LONGEST_PERIOD_DAYS = 100 * 365


def _as_of(value: str | None) -> date:
    day = parse_as_of(value) or date.today()
    if day > LAST_AS_OF:
        raise fail(f"--as-of {value} is too far ahead; give a day up to {LAST_AS_OF.isoformat()}.")
    return day


def _show_status(s: Status) -> None:
    console.rule(f"{s.area} — as of {s.as_of.isoformat()}")
    console.print(f"[bold]{s.sentence}[/bold]  [dim]({s.code})[/dim]", highlight=False)
    if s.record is not None:
        if s.record.note:
            console.print(f"[yellow]{s.record.note}[/yellow]", highlight=False)
        elif s.record.complete_to:
            console.print(
                f"[dim]Judged on {s.as_of.isoformat()}; the record is complete to "
                f"{s.record.complete_to.isoformat()}.[/dim]"
            )
    opened = s.open_items
    if opened and opened.count:
        console.print(f"Open: {opened.count} of {opened.of or '?'} {opened.kind}")
        for item in opened.items:
            console.print(f"  • {item.get('text')}", highlight=False)
        if opened.paraphrase:
            console.print(
                f"  The compiled record's summary (a paraphrase): {opened.paraphrase}",
                highlight=False,
            )
        if not opened.items and opened.read_at:
            console.print(f"  Read them in: {'; '.join(opened.read_at)}", highlight=False)
    for label, step in [("Next", s.next), *[("Then", t) for t in s.then]]:
        if step is None:
            continue
        when = step.due_by.isoformat() if step.due_by else "no date"
        late = f" — [red]overdue by {step.overdue_days} days[/red]" if step.overdue_days else ""
        if step.beyond_record:
            late = " — due before today, after the record's end: not known whether done"
        approx = "about " if step.approximate and step.due_by else ""
        console.print(f"{label}: {step.what}, by {approx}{when}{late}", highlight=False)
    for reason in s.because:
        events = "; ".join(f"{e.kind} {e.date or ''}".strip() for e in reason.events)
        source = reason.source if reason.primary else f"secondary source: {reason.source}"
        console.print(
            f"  [dim]because {reason.rule} ({source}){': ' + events if events else ''}[/dim]"
        )
    for problem in s.problems:
        console.print(f"  [yellow]problem:[/yellow] {problem.message}", highlight=False)
    for unknown in s.unknown:
        console.print(f"  [dim]unknown:[/dim] {unknown}", highlight=False)


@app.command("status")
def status_command(
    area: str | None = typer.Argument(None, help="One area; every current area when left out."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="The day to judge on (YYYY-MM-DD); today."
    ),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Where an area stands, what must happen next and by when, and why."""
    day = _as_of(as_of)
    store = open_store()
    try:
        statuses = [views.area_status(store, area, day)] if area else views.all_statuses(store, day)
    except UnknownAreaError as e:
        raise fail(str(e)) from None
    if format is TableFormat.json:
        data = [s.to_json() for s in statuses]
        print_json(data[0] if area else data)
    elif format is TableFormat.csv:
        print_csv(
            [
                {
                    "area": s.area,
                    "stage": s.code,
                    "sentence": s.sentence,
                    "open_items": s.open_items.count if s.open_items else None,
                    "next": s.next.what if s.next else None,
                    "due_by": s.next.due_by.isoformat() if s.next and s.next.due_by else None,
                    "overdue_days": s.next.overdue_days if s.next else None,
                    "record_complete_to": s.record.complete_to if s.record else None,
                    "record_note": s.record.note if s.record else None,
                }
                for s in statuses
            ],
            [
                "area",
                "stage",
                "sentence",
                "open_items",
                "next",
                "due_by",
                "overdue_days",
                "record_complete_to",
                "record_note",
            ],
        )
    elif area:
        _show_status(statuses[0])
    else:
        table = Table(title=f"Where each area stands on {day.isoformat()}")
        for col in ("area", "stage", "next step", "due by"):
            table.add_column(col)
        for s in statuses:
            due = s.next.due_by.isoformat() if s.next and s.next.due_by else "—"
            if s.next and s.next.overdue_days:
                due += f" [red](+{s.next.overdue_days}d)[/red]"
            table.add_row(s.area, s.sentence, s.next.what if s.next else "—", due)
        console.print(table)


def parse_period(value: str) -> int:
    """'90d', '12w', '6m' (30-day months), '1y' or '45' as a number of days."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmy]?)\s*", value.lower())
    if not m:
        raise fail(f"--within {value!r} is not a period; write it as 90d, 12w, 6m or 1y.")
    n, unit = int(m[1]), m[2] or "d"
    days = n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > LONGEST_PERIOD_DAYS:
        raise fail(f"--within {value!r} is too long; give at most 100 years (100y).")
    return days


def _steps_table(title: str, rows: list[dict], format: TableFormat) -> None:
    if format is TableFormat.json:
        print_json(rows)
    elif format is TableFormat.csv:
        print_csv(rows, STEP_COLUMNS)
    else:
        table = Table(title=title)
        for col in ("area", "what", "due by", "overdue"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                r["area"],
                r["what"],
                ("about " if r["approximate"] else "") + (r["due_by"] or "—"),
                f"{r['overdue_days']} days" if r["overdue_days"] else "",
            )
        console.print(table)


@app.command("due")
def due_command(
    within: str = typer.Option("90d", "--within", help="How far ahead: 90d, 12w, 6m, 1y."),
    as_of: str | None = typer.Option(None, "--as-of", help="The day to count from; today."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Every step due in the period ahead, soonest first."""
    day = _as_of(as_of)
    days = parse_period(within)
    found = due_within(views.all_statuses(open_store(), day), days, day)
    rows = [views.step_row(s, step) for s, step in found]
    _steps_table(f"Due between {day.isoformat()} and {days} days later ({len(rows)})", rows, format)


@app.command("overdue")
def overdue_command(
    as_of: str | None = typer.Option(None, "--as-of", help="The day to judge on; today."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f"),
) -> None:
    """Every step past its due date with nothing on record to show it done, most overdue first."""
    found = overdue(views.all_statuses(open_store(), _as_of(as_of)))
    rows = [views.step_row(s, step) for s, step in found]
    _steps_table(f"Overdue ({len(rows)})", rows, format)
