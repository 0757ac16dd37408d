"""New releases of Ofsted's official statistics and management information (ODS, XLSX, CSV),
read by their column headings into the national record's rows.

Ofsted renames and reorders columns between releases ("Inspection.start.date", "Inspection
start date", "Date inspection started"), so each field is found by the cue phrases in
:data:`COLUMNS`, not by position or exact name. A release is the 2016 framework's (a
written statement of action column) or the 2023 framework's (areas for priority action,
the three outcomes); its rows go through :func:`sendwatch.official.import_official`, which
matches them to the record by what they describe and says what they add, change and remove.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendwatch import official
from sendwatch.dates import parse_date
from sendwatch.register import UnknownAreaError, fold, load_register
from sendwatch.rules.framework2016 import revisit_verdict
from sendwatch.spreadsheets import SpreadsheetError, read_rows, sheet_names

#: Each field and the headings (folded) that name it, surest first. Fields are matched in
#: this order, so the revisit's columns are taken before the inspection's.
COLUMNS: dict[str, tuple[str, ...]] = {
    "revisit_start": ("revisit start date", "date revisit started"),
    "revisit_published": ("revisit publication date", "revisit published"),
    "sufficient": ("number significant weaknesses where sufficient progress has been made",),
    "insufficient": ("number significant weaknesses where sufficient progress has not been made",),
    "weaknesses": (
        "number significant weaknesses identified in written statement of action",
        "number of significant weaknesses",
    ),
    "priority": ("number of areas for priority action", "areas for priority action"),
    "code": ("local authority code", "la code", "new la code", "gss code", "old la code"),
    "area": (
        "local area partnership",
        "area name",
        "local authority name",
        "local authority",
        "local area",
        "la name",
    ),
    "type": ("inspection type", "type of inspection", "event type"),
    "start": ("inspection start date", "start date", "date inspection started"),
    "end": ("inspection end date", "end date"),
    "published": ("inspection publication date", "publication date", "date published"),
    "outcome": (
        "inspection outcome written statement of action required",
        "inspection outcome",
        "outcome",
    ),
}

#: 2023-framework outcomes in Ofsted's words (folded, as they begin).
OUTCOMES_2023 = {
    "typically positive": "positive",
    "positive experiences": "positive",
    "inconsistent": "inconsistent",
    "widespread": "systemic_failings",
    "systemic": "systemic_failings",
    "not taking effective action": "ineffective_action",
    "ineffective": "ineffective_action",
    "taken effective action": "effective_action",
    "effective action": "effective_action",
}


class ReleaseError(ValueError):
    """A file that is not a release sendwatch can read, saying which columns are missing."""


@dataclass
class Release:
    """The rows read from one release, and the rows that could not be read (with why)."""

    framework: str
    columns: dict[str, str]
    rows: list[official.Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_columns(headings: list[str]) -> dict[str, str]:
    """{field: heading} for the fields whose cue phrases name one of ``headings``."""
    folded = {h: fold(h) for h in headings}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for name, cues in COLUMNS.items():
        for exact in (True, False):
            match = next(
                (
                    h
                    for cue in cues
                    for h, f in folded.items()
                    if h not in taken and (f == cue if exact else f.startswith(cue))
                ),
                None,
            )
            if match is not None:
                found[name] = match
                taken.add(match)
                break
    return found


def read_release(
    path: Path | str, sheet: str | None = None, source_url: str | None = None
) -> Release:
    """Read a release's rows; raise ReleaseError when its columns are not recognised."""
    if sheet is None:
        # A release puts a cover, contents or notes before its data: take the largest table.
        try:
            names = sheet_names(Path(path))
        except SpreadsheetError:
            raise
        except Exception as e:  # a damaged zip or XML: say which file
            raise SpreadsheetError(f"{Path(path).name} could not be read: {e}") from e
        table = max((_table(path, name) for name in names), key=len, default=[])
    else:
        table = read_rows(path, sheet)
    if not table:
        raise ReleaseError(f"{path}: no table with rows under a heading row was found")
    columns = find_columns(list(table[0]))
    missing = [c for c in ("start", "outcome") if c not in columns]
    if "area" not in columns and "code" not in columns:
        missing.insert(0, "area or local authority code")
    if missing:
        raise ReleaseError(
            f"{path}: no column for {', '.join(missing)} among its headings "
            f"({', '.join(list(table[0])[:12])}); is it Ofsted's area SEND statistics?"
        )
    framework = "2016" if "weaknesses" in columns or _yes_no(table, columns["outcome"]) else "2023"
    dataset = official.OFFICIAL_2016 if framework == "2016" else official.MI_2023
    release = Release(framework, columns)
    url = source_url or (
        official.OFFICIAL_2016_URL if framework == "2016" else official.MI_2023_URL
    )
    for i, row in enumerate(table, start=1):
        try:
            release.rows += list(_rows(row, columns, framework, dataset, i, url))
        except (UnknownAreaError, ValueError) as e:
            release.problems.append(f"row {i}: {e}")
    return release


def _table(path: Path | str, sheet: str) -> list[dict[str, str]]:
    try:
        return read_rows(path, sheet)
    except SpreadsheetError:  # a sheet of notes holds no table
        return []


def _date(value: str) -> str | None:
    """A cell's date as ISO: '2023-03-27', '2023-03-27 00:00:00', '27/03/2023', '27 March
    2023'; words ('Not revisited yet', 'NA') are no date."""
    value = value.strip()
    if re.match(r"\d{4}-\d\d-\d\d", value):
        return value[:10]
    return parse_date(value) if re.match(r"\d", value) else None


def _yes_no(table: list[dict[str, str]], column: str) -> bool:
    values = {fold(r[column]) for r in table if r[column].strip()}
    return bool(values) and values <= {"yes", "no"}


def _rows(
    r: dict[str, str], c: dict[str, str], framework: str, dataset: str, i: int, url: str
) -> Iterator[official.Row]:
    def get(name: str) -> str:
        return r[c[name]].strip() if name in c else ""

    register = load_register()
    area = (register.find(get("code")) if get("code") else None) or register.resolve(get("area"))
    note = official._quote(r)
    if framework == "2016":
        wsoa = fold(get("outcome")) == "yes"
        total = official._int(get("weaknesses"))
        yield official.Row(
            dataset,
            i,
            area.name,
            "inspection",
            {
                "framework": "2016",
                "visit_start": _date(get("start")),
                "published": _date(get("published")),
                "outcome": "wsoa_required" if wsoa else "no_wsoa",
                "weaknesses_total": total if wsoa else 0,
            },
            url,
            note,
        )
        if _date(get("revisit_start")):
            sufficient = official._int(get("sufficient"))
            insufficient = official._int(get("insufficient"))
            both = sufficient is not None and insufficient is not None
            revisit_total = sufficient + insufficient if both else total  # type: ignore[operator]
            verdict = revisit_verdict(revisit_total, sufficient)
            yield official.Row(
                dataset,
                i,
                area.name,
                "revisit",
                {
                    "framework": "2016",
                    "visit_start": _date(get("revisit_start")),
                    "published": _date(get("revisit_published")),
                    "outcome": f"sufficient_{verdict}" if verdict else None,
                    "weaknesses_total": revisit_total,
                    "weaknesses_sufficient": sufficient,
                },
                url,
                note,
            )
        return
    outcome = fold(get("outcome"))
    code = next((v for k, v in OUTCOMES_2023.items() if k in outcome), None)
    if code is None:
        raise ValueError(f"the outcome {get('outcome')!r} is not one Ofsted gives")
    monitoring = "monitor" in fold(get("type")) or code.endswith("_action")
    values: dict[str, Any] = {
        "framework": "2023",
        "visit_start": _date(get("start")),
        "visit_end": _date(get("end")),
        "published": _date(get("published")),
        "outcome": code,
    }
    if not monitoring:
        n = official._int(get("priority"))
        values["weaknesses_total"] = n if n is not None else 0
    yield official.Row(
        dataset,
        i,
        area.name,
        "monitoring_inspection" if monitoring else "inspection",
        {k: v for k, v in values.items() if v is not None},
        url,
        note,
    )
