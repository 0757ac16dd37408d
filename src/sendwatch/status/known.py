"""Events as they stand on the as-of date, their dates parsed, and checks of each one.

An event's visit is known from its first day; its outcome, counts and findings from the
day its letter or report was published (the timeline has already left out, or cut down
to their visit, the claims not yet public: :func:`sendwatch.timeline.as_of_claims`). A
partial date ("2022-10", "2023") counts as reached only when the whole month or year has
passed, and keeps its precision in every sentence ("from September 2022").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sendwatch.rules import framework2016 as f16
from sendwatch.status.model import EventRef, Problem
from sendwatch.timeline import Finding, TimelineEvent

VISIT_KINDS = ("inspection", "revisit", "monitoring_inspection", "previous_visit")
DATED_KINDS = ("wsoa_submitted", "wsoa_accepted", "app_agreed")
#: Values that are public only once the letter or report is published.
OUTCOME_FIELDS = ("outcome", "weaknesses_total", "weaknesses_sufficient")
DATE_FIELDS = ("visit_start", "visit_end", "published", "date")
ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[ T].*)?$")


def bounds(value: Any) -> tuple[date, date] | None:
    """The first and last day a date value can mean ("2022-10" is 1–31 October 2022)."""
    if isinstance(value, date):
        return value, value
    match = ISO.match(str(value).strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            d = date(int(year), int(month), int(day))
            return d, d
        if month:
            first = date(int(year), int(month), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def fmt(d: date | None) -> str:
    return d.strftime("%-d %B %Y") if d else "an unknown date"


def say(value: Any) -> str:
    """A date value in words at the precision it is known: '27 September 2022',
    'September 2022', '2022', or 'an unknown date'."""
    if value in (None, ""):
        return "an unknown date"
    if isinstance(value, date):
        return fmt(value)
    match = ISO.match(str(value).strip())
    if not match:
        return "an unknown date"
    year, month, day = match.groups()
    try:
        if day:
            return fmt(date(int(year), int(month), int(day)))
        if month:
            return date(int(year), int(month), 1).strftime("%B %Y")
    except ValueError:
        return "an unknown date"
    return year


# Events as known on the as-of date ------------------------------------------------------


@dataclass
class Known:
    """The part of one event that was public on the as-of date, its dates parsed."""

    event: TimelineEvent
    kind: str
    framework: str | None
    visit_start: date | None = None
    visit_end: date | None = None
    published: date | None = None
    day: date | None = None
    outcome: str | None = None
    total: int | None = None
    sufficient: int | None = None
    findings: list[Finding] = field(default_factory=list)
    #: A compiled record's summary of the findings, in its words (never split into items).
    paraphrase: str | None = None
    partial: bool = False

    @property
    def when(self) -> date | None:
        return self.visit_start or self.day or self.published or self.visit_end

    @property
    def clock(self) -> date | None:
        """The date a period after this visit is counted from: its last day on site."""
        return self.visit_end or self.visit_start

    def said(self, name: str) -> str:
        """A date of the event in words, at its precision ("September 2022"); only the dates
        known on the as-of date are said."""
        parsed = getattr(self, "day" if name == "date" else name, None)
        if parsed is None:
            return "an unknown date"
        return say(self.event.get(name))

    def ref(self) -> EventRef:
        when = self.when
        labels = tuple(dict.fromkeys(s.label for s in self.event.sources))
        return EventRef(self.kind, when.isoformat() if when else None, labels)


def describe(event: TimelineEvent) -> str:
    labels = ", ".join(dict.fromkeys(s.label for s in event.sources)) or "no source"
    return f"{event.kind} of {event.when or 'unknown date'} (source: {labels})"


def framework_of(event: TimelineEvent, start: date | None) -> str | None:
    stated = event.framework
    if stated in ("2016", "2023"):
        return str(stated)
    if event.kind in ("revisit", *DATED_KINDS):
        return "2016"
    if event.kind == "monitoring_inspection":
        return "2023"
    if start is not None:
        return "2016" if f16.is_2016_framework(start) else "2023"
    return None


def count(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _has_outcome(event: TimelineEvent) -> bool:
    return any(event.get(name) is not None for name in OUTCOME_FIELDS) or bool(
        event.findings("weaknesses")
    )


def known_part(
    area: str, event: TimelineEvent, as_of: date, problems: list[Problem]
) -> Known | None:
    """The part of ``event`` public on ``as_of``, or None; bad dates become problems."""
    if event.kind == "next_visit_expected":
        # An expectation's date is when the visit is expected, not when it was said; without
        # the stating document's date it cannot be placed in an as-of view.
        return None
    days: dict[str, tuple[date, date]] = {}
    for name in DATE_FIELDS:
        raw = event.get(name)
        if raw in (None, ""):
            continue
        parsed = bounds(raw)
        if parsed is None:
            problems.append(
                Problem(
                    f"{area}: the {name} of the {describe(event)} is {raw!r}, which is not a "
                    "date; it is ignored.",
                )
            )
            continue
        days[name] = parsed

    def reached(name: str) -> bool:
        return name in days and days[name][1] <= as_of

    start = days["visit_start"][0] if "visit_start" in days else None
    framework = framework_of(event, start)
    known = Known(event=event, kind=event.kind, framework=framework)
    if event.kind in VISIT_KINDS:
        if not (reached("visit_start") or reached("visit_end") or reached("published")):
            return None
        known.visit_start = start
        known.visit_end = days["visit_end"][1] if "visit_end" in days else None
        if "published" in days and not reached("published"):
            known.partial = True
            return known
        known.published = days["published"][1] if "published" in days else None
        if known.published is None and "visit_end" in days and not reached("visit_end"):
            # Still on site and nothing published: the visit is known, its outcome is not.
            known.visit_end = None
            known.partial = True
            return known
        if known.published is None and not _has_outcome(event):
            # The visit is on record but nothing of its letter or report is (yet).
            known.partial = True
            return known
    else:
        if not reached("date"):
            if not days:
                problems.append(
                    Problem(
                        f"{area}: the {describe(event)} has no date, so it cannot be placed "
                        "in time; it is ignored."
                    )
                )
            return None
        known.day = days["date"][1]
    known.outcome = event.get("outcome")
    known.total = count(event.get("weaknesses_total"))
    known.sufficient = count(event.get("weaknesses_sufficient"))
    known.findings = event.findings("weaknesses")
    known.paraphrase = next((f.text for f in event.findings("summary")), None)
    # A known event with a date still ahead of the as-of date contradicts itself.
    for name, (first, _) in days.items():
        if first > as_of:
            problems.append(
                Problem(
                    f"{area}: the {describe(event)} is dated {name} {event.get(name)}, after the "
                    f"as-of date {as_of.isoformat()}, though other dates make it known by then; "
                    "that date is not used.",
                    known.ref(),
                )
            )
            setattr(known, "day" if name == "date" else name, None)
    return known


# Checks ---------------------------------------------------------------------------------


def check_event(area: str, k: Known, problems: list[Problem]) -> None:
    desc = describe(k.event)
    if k.visit_start and k.visit_end and k.visit_end < k.visit_start:
        problems.append(
            Problem(f"{area}: the {desc} ends ({k.visit_end}) before it starts.", k.ref())
        )
    if k.visit_start and k.published and k.published < k.visit_start:
        problems.append(
            Problem(
                f"{area}: the {desc} is published ({k.published}) before its visit started "
                f"({k.visit_start}).",
                k.ref(),
            )
        )
    if k.partial:
        # Counts and outcome are not public yet: neither checked nor used.
        raw_total = raw_suff = None
    else:
        raw_total = k.event.get("weaknesses_total")
        raw_suff = k.event.get("weaknesses_sufficient")
    if (raw_total is not None and k.total is None) or (
        raw_suff is not None and k.sufficient is None
    ):
        problems.append(
            Problem(
                f"{area}: the {desc} has a weakness count that is not a whole number "
                f"(total {raw_total!r}, sufficient {raw_suff!r}); counts are ignored.",
                k.ref(),
            )
        )
    if (k.total is not None and k.total < 0) or (k.sufficient is not None and k.sufficient < 0):
        problems.append(Problem(f"{area}: the {desc} has a negative weakness count.", k.ref()))
    if k.total is not None and k.sufficient is not None and k.sufficient > k.total:
        problems.append(
            Problem(
                f"{area}: the {desc} says {k.sufficient} weaknesses made sufficient progress "
                f"out of only {k.total}; the counts do not add up and are not used.",
                k.ref(),
            )
        )
        k.total = k.sufficient = None
    used = {"visit_start", "visit_end", "published", "date"}
    if not k.partial:
        used.update(OUTCOME_FIELDS)
    for conflict in k.event.conflicts:
        if conflict.field in used:
            offered = "; ".join(f"{v} ({s.label})" for v, s in conflict.values)
            problems.append(
                Problem(
                    f"{area}: sources disagree on the {conflict.field} of the {desc}: "
                    f"{offered}. The most trusted value, {conflict.chosen}, is used.",
                    k.ref(),
                )
            )
