"""Ofsted's official statistics, reproduced from the record.

Ofsted's "Area SEND inspections and outcomes" counts the inspections *carried out* by a
date (their visit started on or before it), each with its outcome *as later published*:
the whole record is read, not an as-of view of it. Only the areas that existed on the
date are counted, each under its own history (an area abolished before the date, like
Northamptonshire in 2022, is not a row, and its successors do not inherit its inspection).

- 2016 framework: one row per area inspected, as Ofsted's table ("as at 31 August 2022",
  149 areas): statement required, revisited, weaknesses, weaknesses with sufficient
  progress.
- 2023 framework: the inspections and their three outcomes (Ofsted's official statistics
  of 26 June 2025 as at 31 December 2024: 54 inspections, 14 positive, 26 inconsistent,
  14 widespread and/or systemic failings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sendwatch.db import Store
from sendwatch.history import all_timelines
from sendwatch.register import LocalArea, load_register
from sendwatch.timeline import TimelineEvent

#: The 2023 framework's outcomes as the statistics name them (ours: "systemic_failings").
OUTCOMES_2023 = {
    "positive": "positive",
    "inconsistent": "inconsistent",
    "systemic_failings": "widespread_systemic_failings",
}

#: The columns of the 2016 table, as CSV gives them.
COLUMNS_2016 = [
    "area",
    "gss_code",
    "region",
    "inspection_start",
    "inspection_published",
    "wsoa_required",
    "weaknesses",
    "revisit_start",
    "revisit_published",
    "all_sufficient",
    "weaknesses_sufficient",
    "weaknesses_not_sufficient",
]
COLUMNS_2023 = ["area", "gss_code", "region", "visit_start", "visit_end", "published", "outcome"]


@dataclass(frozen=True)
class Statistics:
    as_at: date
    framework: str
    rows: tuple[dict[str, Any], ...]

    @property
    def columns(self) -> list[str]:
        return COLUMNS_2016 if self.framework == "2016" else COLUMNS_2023

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "as_at": self.as_at.isoformat(),
            "framework": self.framework,
            "inspections": len(self.rows),
        }
        if self.framework == "2023":
            counts = dict.fromkeys(OUTCOMES_2023.values(), 0)
            for row in self.rows:
                if row["outcome"] in counts:
                    counts[row["outcome"]] += 1
            out["outcomes"] = counts
        else:
            out["statement_required"] = sum(1 for r in self.rows if r["wsoa_required"] == "Yes")
            out["revisited"] = sum(1 for r in self.rows if r["revisit_start"])
        out["areas"] = list(self.rows)
        return out


def _carried_out(event: TimelineEvent, as_at: date) -> bool:
    start = event.get("visit_start") or event.get("visit_end")
    if not start:
        return False
    start = str(start)
    # A visit known only to the month counts once that month is wholly past.
    return start <= as_at.isoformat() if len(start) >= 10 else start < as_at.isoformat()[:7]


def _own(
    area: LocalArea, events: list[TimelineEvent], kind: str, framework: str, as_at: date
) -> list[TimelineEvent]:
    """The area's own events of a kind carried out by ``as_at`` while it existed (Dorset's
    2017 inspection was of the county reorganised in 2019, so Ofsted's table leaves it out)."""
    return [
        e
        for e in events
        if e.kind == kind
        and e.framework == framework
        and e.inherited_from is None
        and _carried_out(e, as_at)
        and (area.active_from is None or str(e.get("visit_start")) >= area.active_from)
    ]


def _row_2016(area: Any, insp: TimelineEvent, revisit: TimelineEvent | None) -> dict[str, Any]:
    wsoa = insp.get("outcome") == "wsoa_required"
    row: dict[str, Any] = {
        "area": area.name,
        "gss_code": area.gss_code,
        "region": area.region,
        "inspection_start": insp.get("visit_start"),
        "inspection_published": insp.get("published"),
        "wsoa_required": "Yes" if wsoa else "No",
        "weaknesses": insp.get("weaknesses_total") if wsoa else None,
        "revisit_start": None,
        "revisit_published": None,
        "all_sufficient": None,
        "weaknesses_sufficient": None,
        "weaknesses_not_sufficient": None,
    }
    if revisit is not None:
        total = revisit.get("weaknesses_total") or insp.get("weaknesses_total")
        sufficient = revisit.get("weaknesses_sufficient")
        row["revisit_start"] = revisit.get("visit_start")
        row["revisit_published"] = revisit.get("published")
        if total is not None and sufficient is not None:
            row["weaknesses_sufficient"] = sufficient
            row["weaknesses_not_sufficient"] = total - sufficient
            row["all_sufficient"] = "Yes" if sufficient >= total else "No"
    return row


def statistics(store: Store, as_at: date, framework: str = "2023") -> Statistics:
    """The inspections carried out by ``as_at`` under one framework, as Ofsted counts them."""
    if framework not in ("2016", "2023"):
        raise ValueError(f"framework {framework!r}: it is 2016 or 2023")
    timelines = all_timelines(store)
    rows: list[dict[str, Any]] = []
    for area in load_register().on(as_at):
        events = timelines.get(area.name, [])
        if framework == "2016":
            inspections = _own(area, events, "inspection", "2016", as_at)
            if not inspections:
                continue
            revisits = _own(area, events, "revisit", "2016", as_at)
            rows.append(_row_2016(area, inspections[-1], revisits[-1] if revisits else None))
            continue
        for insp in _own(area, events, "inspection", "2023", as_at):
            outcome = insp.get("outcome")
            rows.append(
                {
                    "area": area.name,
                    "gss_code": area.gss_code,
                    "region": area.region,
                    "visit_start": insp.get("visit_start"),
                    "visit_end": insp.get("visit_end"),
                    "published": insp.get("published"),
                    "outcome": OUTCOMES_2023.get(str(outcome), outcome),
                }
            )
    return Statistics(as_at, framework, tuple(rows))
