"""Context beside the inspections: EHC plan timeliness and SEND tribunal appeals per area.

Two official publications, read from the files they are published as:

- DfE's "Education, health and care plans" (the SEN2 collection) on Explore Education
  Statistics, a CSV with one row per local authority and calendar year: the share of new
  EHC plans issued within 20 weeks (with and without exceptions) and the number issued.
  From 2023 the collection moved to person-level returns, so the series breaks there.
- The Ministry of Justice's SEND appeal rate table (ODS): per local authority and year,
  appeals registered, appealable decisions and the appeal rate.

Rows are mapped to the register by code first — the current ONS code, then an older one
the register keeps (``previous_gss_codes``), then DfE's code — and by name last, so
figures published under a county's old code land on the area it became. sendwatch ships
the 2014-2022 figures (``data/context.csv``, Open Government Licence v3.0);
:func:`import_context` adds newer releases to the store, and a stored figure replaces a
shipped one for the same area, indicator and year.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.register import LocalArea, Register, load_register
from sendwatch.spreadsheets import SpreadsheetError, kind_of, read_grid, read_rows, sheet_names
from sendwatch.store import area_ids, sync_areas

SEN2 = "sen2"
MOJ = "moj_appeals"

#: The indicators, in the order tables show them: (code, dataset, label, unit).
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    ("ehc_20week_rate", SEN2, "New EHC plans issued within 20 weeks (including exceptions)", "%"),
    (
        "ehc_20week_rate_no_exc",
        SEN2,
        "New EHC plans issued within 20 weeks (excluding exceptions)",
        "%",
    ),
    ("ehc_plans_issued", SEN2, "New EHC plans made in the year", ""),
    ("ehc_requests", SEN2, "Initial requests for an EHC needs assessment", ""),
    ("tribunal_appeals", MOJ, "Appeals registered with the SEND Tribunal", ""),
    ("appealable_decisions", MOJ, "Appealable decisions", ""),
    ("tribunal_appeal_rate", MOJ, "SEND Tribunal appeal rate", "%"),
)
INDICATOR = {code: {"dataset": d, "label": label, "unit": u} for code, d, label, u in INDICATORS}

#: Explore Education Statistics columns of each SEN2 indicator.
SEN2_COLUMNS = {
    "ehc_20week_rate": "inc_exc_20week_rate",
    "ehc_20week_rate_no_exc": "no_exc_20week_rate",
    "ehc_plans_issued": "new_all_ehc",
    "ehc_requests": "inreq_ehc",
}
#: The MoJ table's sub-headings of each indicator (footnote digits removed).
MOJ_HEADINGS = {
    "appeals registered": "tribunal_appeals",
    "total appealable decisions": "appealable_decisions",
    "send tribunal appeal rate": "tribunal_appeal_rate",
}
#: The first year of SEN2's person-level collection: earlier years are not comparable.
SERIES_BREAK = {SEN2: 2023}
SOURCES = {
    SEN2: {
        "title": "DfE, Education, health and care plans (SEN2), Explore Education Statistics",
        "url": "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans",
    },
    MOJ: {
        "title": "Ministry of Justice, Tribunal Statistics Quarterly: SEND appeal rate table",
        "url": "https://www.gov.uk/government/collections/tribunals-statistics",
    },
}
LICENCE = "Open Government Licence v3.0"
#: Cell texts that mean "no figure": not applicable, suppressed, not available.
_MISSING = {"", "z", "c", "x", "..", ":", "u", "low", "n/a", "na"}


class ContextError(ValueError):
    """A file that is not a release sendwatch knows how to read."""


@dataclass(frozen=True)
class Figure:
    """One value as its release states it, mapped to an area of the register."""

    area: str
    dataset: str
    indicator: str
    year: int
    value: str
    code: str = ""

    @property
    def number(self) -> float | None:
        return number(self.value)


@dataclass
class ImportReport:
    source: str
    dataset: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    unmapped: list[str] = field(default_factory=list)


def number(text: str) -> float | None:
    """'94.100000000000' -> 94.1; ' 2,533 ' -> 2533; '1.3%' -> 1.3; '-' -> 0; 'z' -> None."""
    t = text.strip().replace(",", "").rstrip("%").strip()
    if t.lower() in _MISSING:
        return None
    if t == "-":  # the MoJ table's zero
        return 0.0
    try:
        return float(t)
    except ValueError:
        return None


def clean(text: str) -> str:
    """A value as published, without padding or trailing zeros: '94.100000000000' -> '94.1'."""
    t = text.strip()
    if re.fullmatch(r"-?\d+\.\d*", t):
        t = t.rstrip("0").rstrip(".")
    return t


# Mapping to the register ------------------------------------------------------------------


def locate(register: Register, code: str, old_code: str, name: str) -> LocalArea | None:
    """The register's area for a row's ONS code, DfE code or name, in that order."""
    for key in (code.strip(), old_code.strip()):
        if key and (area := register.find(key)) is not None:
            return area
    bare = re.sub(r"\d+$", "", name.strip())  # footnote marks: "Dorset6"
    return register.find(bare) if bare else None


# Parsing releases ---------------------------------------------------------------------------


def parse_sen2(
    rows: Iterable[dict[str, str]], register: Register
) -> tuple[list[Figure], list[str]]:
    """Local-authority rows of an Explore Education Statistics SEN2 CSV."""
    figures, unmapped = [], []
    for row in rows:
        if row.get("geographic_level", "").strip().lower() != "local authority":
            continue
        year = int(str(row["time_period"]).strip()[:4])
        area = locate(
            register, row.get("new_la_code", ""), row.get("old_la_code", ""), row.get("la_name", "")
        )
        if area is None:
            unmapped.append(f"{row.get('la_name')} ({row.get('new_la_code')}, {year})")
            continue
        for indicator, column in SEN2_COLUMNS.items():
            if column in row and clean(row[column]).lower() not in ("", "z"):
                figures.append(
                    Figure(
                        area.name,
                        SEN2,
                        indicator,
                        year,
                        clean(row[column]),
                        row.get("new_la_code", "").strip(),
                    )
                )
    return figures, unmapped


def parse_moj(grid: list[list[str]], register: Register) -> tuple[list[Figure], list[str]]:
    """The MoJ appeal rate table by local authority: years across, three columns each."""
    head = next(
        (i for i, r in enumerate(grid) if r and r[0].strip().lower() == "local authority"), None
    )
    if head is None or head + 1 >= len(grid):
        raise ContextError("no 'Local Authority' heading row with years above sub-headings")
    columns: dict[int, tuple[int, str]] = {}
    year = None
    top, subs = grid[head], grid[head + 1]
    for i in range(max(len(top), len(subs))):
        cell = top[i] if i < len(top) else ""
        if re.fullmatch(r"\s*(19|20)\d\d\s*", cell):
            year = int(cell)
        sub = re.sub(r"\d+$", "", subs[i].strip() if i < len(subs) else "")
        indicator = MOJ_HEADINGS.get(sub.strip().lower())
        if year is not None and indicator:
            columns[i] = (year, indicator)
    if not columns:
        raise ContextError("no columns headed 'Appeals registered', 'Total Appealable Decisions'")
    figures, unmapped = [], []
    for row in grid[head + 2 :]:
        if len(row) < 3 or not row[0].strip():
            continue  # region headings, blank lines
        name = row[0].strip()
        if name.lower().startswith(("england", "source", "note")) or re.match(r"\d+\.", name):
            continue
        area = locate(register, "", "", name)
        if area is None:
            unmapped.append(name)
            continue
        for i, (y, indicator) in columns.items():
            if i < len(row) and number(row[i]) is not None:
                figures.append(Figure(area.name, MOJ, indicator, y, clean(row[i])))
    return figures, unmapped


def read_release(
    path: Path, register: Register | None = None
) -> tuple[str, list[Figure], list[str]]:
    """(dataset, figures, unmapped names) of a SEN2 CSV or an MoJ appeal rate table."""
    register = register or load_register()
    try:
        if kind_of(path) == "csv":
            rows = read_rows(path)
            if (
                rows
                and "time_period" in rows[0]
                and any(c in rows[0] for c in SEN2_COLUMNS.values())
            ):
                figures, unmapped = parse_sen2(rows, register)
                return SEN2, figures, unmapped
            sheets: list[str | None] = [None]
        else:
            sheets = list(sheet_names(path))
        for sheet in sheets:
            grid = read_grid(path, sheet)
            if any(r and r[0].strip().lower() == "local authority" for r in grid[:30]):
                figures, unmapped = parse_moj(grid, register)
                return MOJ, figures, unmapped
    except SpreadsheetError as e:
        raise ContextError(str(e)) from e
    except (KeyError, ValueError) as e:
        raise ContextError(f"{path.name}: {e}") from e
    raise ContextError(
        f"{path.name} is neither an Explore Education Statistics SEN2 CSV (columns time_period, "
        f"new_la_code, {', '.join(SEN2_COLUMNS.values())}) nor an MoJ SEND appeal rate table "
        "(a sheet with a 'Local Authority' column). Check you have the right file."
    )


# Shipped and stored figures ------------------------------------------------------------------


@cache
def shipped() -> tuple[Figure, ...]:
    """The 2014-2022 figures sendwatch ships (``sendwatch/data/context.csv``)."""
    text = resources.files("sendwatch.data").joinpath("context.csv").read_text("utf-8")
    return tuple(
        Figure(r["area"], r["dataset"], r["indicator"], int(r["year"]), r["value"], r["code"])
        for r in csv.DictReader(io.StringIO(text))
    )


def import_context(store: Store, path: Path, source: str | None = None) -> ImportReport:
    """Store a release's figures in one transaction; the same file again changes nothing."""
    dataset, figures, unmapped = read_release(path)
    report = ImportReport(source=source or path.name, dataset=dataset, unmapped=unmapped)
    sync_areas(store)
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        ids = area_ids(session)
        existing = {
            (r.area_id, r.dataset, r.indicator, r.year): r
            for r in session.scalars(select(schema.ContextFigure))
        }
        for f in figures:
            key = (ids[f.area], f.dataset, f.indicator, f.year)
            row = existing.get(key)
            if row is None:
                row = schema.ContextFigure(
                    area_id=key[0],
                    dataset=f.dataset,
                    indicator=f.indicator,
                    year=f.year,
                    value=f.value,
                    code=f.code,
                    source=report.source,
                    imported_at=now,
                )
                session.add(row)
                existing[key] = row
                report.added += 1
            elif row.value != f.value:
                row.value, row.code, row.source, row.imported_at = (
                    f.value,
                    f.code,
                    report.source,
                    now,
                )
                report.updated += 1
            else:
                report.unchanged += 1
    return report


def stored(store: Store | None, names: Iterable[str] | None = None) -> list[Figure]:
    """Figures imported into the store, for the named areas or all."""
    if store is None:
        return []
    with store.session() as session:
        query = select(schema.ContextFigure, schema.Area.name).join(
            schema.Area, schema.Area.id == schema.ContextFigure.area_id
        )
        if names is not None:
            query = query.where(schema.Area.name.in_(list(names)))
        return [
            Figure(name, r.dataset, r.indicator, r.year, r.value, r.code)
            for r, name in session.execute(query)
        ]


def figures(store: Store | None, names: Iterable[str] | None = None) -> list[Figure]:
    """Shipped and stored figures; a stored one replaces a shipped one with the same key."""
    wanted = None if names is None else set(names)
    merged: dict[tuple[str, str, str, int], Figure] = {}
    for f in (*shipped(), *stored(store, wanted)):
        if wanted is None or f.area in wanted:
            merged[(f.area, f.dataset, f.indicator, f.year)] = f
    return list(merged.values())


def _table(found: list[Figure], area: LocalArea) -> dict[str, Any]:
    years = sorted({f.year for f in found})
    by_key = {(f.indicator, f.year): f for f in found}
    codes = sorted({(f.year, f.code) for f in found if f.code and f.code != area.gss_code})
    rows = []
    for y in years:
        values: dict[str, Any] = {}
        for code, *_ in INDICATORS:
            f = by_key.get((code, y))
            values[code] = None if f is None else {"text": f.value, "value": f.number}
        rows.append({"year": y, "after_series_break": y >= SERIES_BREAK[SEN2], **values})
    return {
        "area": area.name,
        "slug": area.slug,
        "indicators": [
            {"code": c, "label": INDICATOR[c]["label"], "unit": INDICATOR[c]["unit"]}
            for c, *_ in INDICATORS
        ],
        "years": rows,
        "series_break": {
            "dataset": SEN2,
            "year": SERIES_BREAK[SEN2],
            "note": "From 2023 DfE collects EHC plan figures person by person (SEN2 "
            "person-level return); figures from 2023 are not directly comparable with "
            "earlier years.",
        },
        "older_codes": _code_ranges(codes),
        "sources": [{"dataset": d, **SOURCES[d], "licence": LICENCE} for d in (SEN2, MOJ)],
    }


def _code_ranges(codes: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Years published under a code other than the area's current one, as ranges."""
    out: list[dict[str, Any]] = []
    for year, code in codes:
        if out and out[-1]["code"] == code and out[-1]["to"] == year - 1:
            out[-1]["to"] = year
        else:
            out.append({"code": code, "from": year, "to": year})
    for r in out:
        years = str(r["from"]) if r["from"] == r["to"] else f"{r['from']} to {r['to']}"
        r["note"] = (
            f"Figures for {years} were published under the code {r['code']}, this area's "
            "code before a reorganisation (its boundary may have differed)."
        )
    return out


def area_context(store: Store | None, area: LocalArea) -> dict[str, Any]:
    """An area's context figures by year, each as published and as a number."""
    return _table(figures(store, [area.name]), area)


def all_context(store: Store | None) -> dict[str, dict[str, Any]]:
    """Every area's context table, by area name (one read)."""
    register = load_register()
    by_area: dict[str, list[Figure]] = {}
    for f in figures(store):
        by_area.setdefault(f.area, []).append(f)
    return {a.name: _table(by_area.get(a.name, []), a) for a in register.areas}


def latest_rate(
    table: dict[str, Any], year: int, indicator: str = "ehc_20week_rate"
) -> tuple[int, float] | None:
    """The indicator's latest (year, value) at or before ``year``."""
    best = None
    for row in table["years"]:
        cell = row.get(indicator)
        if row["year"] <= year and cell and cell["value"] is not None:
            best = (row["year"], cell["value"])
    return best


def iter_indicator_rows(table: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Flat rows (area, year, indicator, value, text) for CSV output."""
    for row in table["years"]:
        for code, *_ in INDICATORS:
            cell = row.get(code)
            if cell is not None:
                yield {
                    "area": table["area"],
                    "year": row["year"],
                    "indicator": code,
                    "value": cell["value"],
                    "as_published": cell["text"],
                    "after_series_break": row["after_series_break"],
                }


#: The outcome columns of the national chart, in order.
CHART_OUTCOMES = ("no_wsoa", "wsoa_required", "positive", "inconsistent", "systemic_failings")


def outcome_points(
    timelines: dict[str, list[Any]], tables: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each full inspection with an outcome beside the area's 20-week rate before it.

    The rate is the latest calendar year's before the inspection's year (the last whole
    year before the visit), so a figure never includes the months after the inspection.
    """
    out = []
    for name, events in timelines.items():
        table = tables.get(name)
        if table is None:
            continue
        for event in events:
            outcome = event.get("outcome")
            if event.inherited_from or event.kind != "inspection" or outcome not in CHART_OUTCOMES:
                continue
            when = event.when
            if not when:
                continue
            found = latest_rate(table, int(when[:4]) - 1)
            if found is None:
                continue
            out.append(
                {
                    "area": name,
                    "slug": table["slug"],
                    "framework": event.framework,
                    "outcome": outcome,
                    "inspected": when,
                    "rate_year": found[0],
                    "rate": found[1],
                }
            )
    return sorted(out, key=lambda p: (CHART_OUTCOMES.index(p["outcome"]), p["rate"], p["area"]))


def outcome_summary(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per outcome: how many inspections, and the median 20-week rate before them."""
    rows = []
    for code in CHART_OUTCOMES:
        rates = sorted(p["rate"] for p in points if p["outcome"] == code)
        if not rates:
            continue
        mid = len(rates) // 2
        median = rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2
        rows.append({"outcome": code, "inspections": len(rates), "median_rate": round(median, 1)})
    return rows
