"""An audit of the store: what in the record looks wrong, by area and severity.

:func:`check` reads every area's reconciled history (the whole record, not an as-of view)
and reports:

- ``duplicate`` (error): two events of one kind and framework whose visits lie within
  :data:`DUPLICATE_DAYS` of each other: one event told twice, that reconciliation did not
  join (their dates differ by more than it allows, or they disagree on publication);
- ``counts`` (error): counts that do not add up (more weaknesses with sufficient progress
  than weaknesses, a negative count);
- ``list_count`` (warning): a list of weaknesses or priority actions that disagrees with
  the count of them;
- ``outcome_conflict`` (warning): sources that disagree on an event's outcome (the most
  trusted is used; see the area's page);
- ``undated`` (warning): a claim with no date, which no as-of view can place;
- ``no_news`` (info): an area with no news in the record for longer than the shortest
  full-inspection interval (3 years) before the date the record is complete to.

The command exits 1 when any error is found (``sendwatch check``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sendwatch.currency import record_currency
from sendwatch.db import Store
from sendwatch.history import all_timelines
from sendwatch.register import load_register
from sendwatch.status.known import bounds
from sendwatch.timeline import TimelineEvent

SEVERITIES = ("error", "warning", "info")
#: Visits of one kind are at least months apart: two within this many days are one.
DUPLICATE_DAYS = 60
#: The shortest interval between full inspections (inconsistent or failings: 3 years).
NO_NEWS_DAYS = 3 * 365
VISITS = ("inspection", "revisit", "monitoring_inspection", "previous_visit")


@dataclass(frozen=True)
class Issue:
    area: str
    severity: str
    kind: str
    message: str
    event: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "severity": self.severity,
            "kind": self.kind,
            "message": self.message,
            "event": self.event,
        }


def _label(event: TimelineEvent) -> str:
    sources = ", ".join(dict.fromkeys(s.label for s in event.sources))
    framework = f"{event.framework} " if event.framework else ""
    return f"{framework}{event.kind} of {event.when or 'unknown date'} ({sources})"


def _first_day(event: TimelineEvent) -> date | None:
    parsed = bounds(event.when) if event.when else None
    return parsed[0] if parsed else None


def _duplicates(area: str, events: list[TimelineEvent]) -> list[Issue]:
    out = []
    visits = [e for e in events if e.kind in VISITS and e.inherited_from is None]
    for i, a in enumerate(visits):
        for b in visits[i + 1 :]:
            if not _comparable(a, b):
                continue
            da, db = _first_day(a), _first_day(b)
            if da and db and abs((da - db).days) <= DUPLICATE_DAYS:
                out.append(
                    Issue(
                        area,
                        "error",
                        "duplicate",
                        f"{area}: the {_label(a)} and the {_label(b)} look like one event "
                        "twice; check their dates and correct the source that is wrong.",
                        _label(b),
                    )
                )
    return out


def _comparable(a: TimelineEvent, b: TimelineEvent) -> bool:
    """Same kind and framework, or a "previous inspection" beside the visit it may name."""
    if "previous_visit" in (a.kind, b.kind):
        other = b.kind if a.kind == "previous_visit" else a.kind
        return other in ("inspection", "revisit", "previous_visit")
    return a.kind == b.kind and a.framework == b.framework


def _counts(area: str, event: TimelineEvent) -> list[Issue]:
    """Counts that do not add up, in any source's claim (the merged event would hide a
    less trusted source's bad count behind a good one)."""
    out = []
    for claim in event.claims:
        total = claim.values.get("weaknesses_total")
        sufficient = claim.values.get("weaknesses_sufficient")
        where = f"{_label(event)}, as {claim.source.label} states it,"
        if any(isinstance(n, int) and n < 0 for n in (total, sufficient)):
            out.append(Issue(area, "error", "counts", f"{area}: the {where} has a negative count.",
                             _label(event)))  # fmt: skip
        if isinstance(total, int) and isinstance(sufficient, int) and sufficient > total:
            out.append(
                Issue(
                    area,
                    "error",
                    "counts",
                    f"{area}: the {where} counts {sufficient} with sufficient progress or "
                    f"effective action out of only {total}: the counts do not add up.",
                    _label(event),
                )
            )
    total = event.get("weaknesses_total")
    listed = event.findings("weaknesses")
    if listed and isinstance(total, int) and len(listed) != total:
        out.append(
            Issue(
                area,
                "warning",
                "list_count",
                f"{area}: the {_label(event)} counts {total} but its sources list "
                f"{len(listed)}; the list is shown as found and may be incomplete.",
                _label(event),
            )
        )
    return out


def _conflicts(area: str, event: TimelineEvent) -> list[Issue]:
    out = []
    for conflict in event.conflicts:
        if conflict.field != "outcome":
            continue
        offered = "; ".join(f"{v} ({s.label})" for v, s in conflict.values)
        out.append(
            Issue(
                area,
                "warning",
                "outcome_conflict",
                f"{area}: sources disagree on the outcome of the {_label(event)}: {offered}. "
                f"The most trusted, {conflict.chosen}, is used.",
                _label(event),
            )
        )
    return out


def _undated(area: str, event: TimelineEvent) -> list[Issue]:
    if event.when or event.kind == "next_visit_expected":
        return []
    return [
        Issue(
            area,
            "warning",
            "undated",
            f"{area}: the {_label(event)} has no date, so no as-of view can place it.",
            _label(event),
        )
    ]


def check(store: Store, as_of: date | None = None) -> list[Issue]:
    """Every issue the store's record has, by area, errors first."""
    as_of = as_of or date.today()
    timelines = all_timelines(store)
    trusted = record_currency(store, as_of).trusted_to
    issues: list[Issue] = []
    for area in load_register().areas:
        events = [e for e in timelines.get(area.name, []) if e.inherited_from is None]
        issues.extend(_duplicates(area.name, events))
        for event in events:
            issues.extend(_counts(area.name, event))
            issues.extend(_conflicts(area.name, event))
            issues.extend(_undated(area.name, event))
        days = [d for d in (_first_day(e) for e in timelines.get(area.name, [])) if d]
        latest = max(days, default=None)
        if area.current and trusted and latest and latest < trusted - timedelta(NO_NEWS_DAYS):
            issues.append(
                Issue(
                    area.name,
                    "info",
                    "no_news",
                    f"{area.name}: no news in the record since {latest.isoformat()} (the "
                    f"record is complete to {trusted.isoformat()}).",
                )
            )
    return sorted(issues, key=lambda i: (SEVERITIES.index(i.severity), i.area, i.kind))
