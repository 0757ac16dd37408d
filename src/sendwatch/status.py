"""Where a local area stands, and what happens next, as known on a given date.

:func:`status` reads an area's merged history (:class:`~sendwatch.timeline.TimelineEvent`)
and the rules of both frameworks (:mod:`sendwatch.rules`) and says: the stage the area is
at, its open weaknesses or areas for priority action, the next step with its due date, the
rules and events that led there, and any problem in the data. It is pure: only the events
known on ``as_of`` count, the calendar is passed in, and bad data becomes a problem message
rather than an exception or a silent guess.

An event is known on ``as_of`` in parts: its visit once the visit has started, its outcome,
counts and findings once its letter or report is published. A partial date ("2022-10",
"2023") counts as reached only when the whole month or year has passed, so an as-of view
never uses what might still lie in its future.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sendwatch.rules import framework2016 as f16
from sendwatch.rules import framework2023 as f23
from sendwatch.rules import rule_name, rule_source
from sendwatch.rules.calendar import ENGLAND, Calendar
from sendwatch.timeline import Finding, TimelineEvent

#: Stage codes in the order an area moves through them within one full inspection's
#: chapter. With the number of full inspections known, this orders any one history
#: (see :attr:`Status.progress`): moving the as-of date forward never lowers it.
STAGE_ORDER: dict[str, int] = {
    "unknown": 0,
    "2016_inspected_awaiting_letter": 10,
    "2016_outcome_unknown": 20,
    "2016_no_wsoa": 30,
    "2016_wsoa_required": 30,
    "2016_wsoa_submitted": 35,
    "2016_wsoa_accepted": 40,
    "2016_wsoa_not_revisited": 45,
    "2016_revisit_awaiting_letter": 50,
    "2016_revisit_outcome_unknown": 55,
    "2016_revisit_sufficient": 60,
    "2016_revisit_insufficient": 60,
    "2023_inspected_awaiting_report": 10,
    "2023_outcome_unknown": 20,
    "2023_positive": 30,
    "2023_inconsistent": 30,
    "2023_systemic_failings": 30,
    "2023_monitoring_awaiting_report": 50,
    "2023_monitoring_outcome_unknown": 55,
    "2023_monitoring_effective_action": 60,
    "2023_monitoring_ineffective_action": 60,
}

VISIT_KINDS = ("inspection", "revisit", "monitoring_inspection", "previous_visit")
DATED_KINDS = ("wsoa_submitted", "wsoa_accepted", "app_agreed")
#: Values that are public only once the letter or report is published.
_OUTCOME_FIELDS = ("outcome", "weaknesses_total", "weaknesses_sufficient")
_DATE_FIELDS = ("visit_start", "visit_end", "published", "date")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[ T].*)?$")


# Result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """Something that is due: what, from when, by when, and how late it is on the as-of date.

    ``tracked`` says whether the record has an event that would show the step done; for a
    step it cannot show (a DfE progress review), lateness is not computed.
    """

    what: str
    due_from: date | None
    due_by: date | None
    overdue_days: int | None
    rule: str
    approximate: bool = False
    tracked: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "due_from": self.due_from.isoformat() if self.due_from else None,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "overdue_days": self.overdue_days,
            "approximate": self.approximate,
            "tracked": self.tracked,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class EventRef:
    """An event as a reason cites it: kind, date and the labels of its sources."""

    kind: str
    date: str | None
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "sources": list(self.sources)}


@dataclass(frozen=True)
class Reason:
    """One rule that shaped the status, with its source and the events it was applied to."""

    rule: str
    source: str
    events: tuple[EventRef, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "events": [e.to_json() for e in self.events],
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong or missing in the data, said in a sentence naming area, event, source."""

    message: str
    event: EventRef | None = None

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "event": self.event.to_json() if self.event else None}


@dataclass(frozen=True)
class OpenItems:
    """The weaknesses or areas for priority action still open, from findings or from counts.

    ``basis`` is "findings" (the items are listed), "counts" (only numbers are known) or
    "unknown"; ``count`` is None when not even the number is known.
    """

    kind: str
    count: int | None
    of: int | None
    items: tuple[dict[str, Any], ...] = ()
    basis: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "of": self.of,
            "basis": self.basis,
            "items": list(self.items),
        }


NO_OPEN_ITEMS = OpenItems(kind="none", count=0, of=None, basis="counts")


@dataclass(frozen=True)
class Status:
    """Where an area stands on ``as_of``: stage, open items, next step, reasons, problems."""

    area: str
    as_of: date
    code: str
    sentence: str
    open_items: OpenItems | None
    next: Step | None
    then: tuple[Step, ...]
    because: tuple[Reason, ...]
    problems: tuple[Problem, ...]
    unknown: tuple[str, ...]
    inspections_known: int

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step still due, the soonest first."""
        return ((self.next,) if self.next else ()) + self.then

    @property
    def progress(self) -> tuple[int, int]:
        """A key that never falls as the as-of date moves forward along one history."""
        return (self.inspections_known, STAGE_ORDER[self.code])

    def to_json(self) -> dict[str, Any]:
        """The status as a JSON-ready dict (one source for every rendering)."""
        return {
            "area": self.area,
            "as_of": self.as_of.isoformat(),
            "stage": {"code": self.code, "sentence": self.sentence},
            "open_items": self.open_items.to_json() if self.open_items else None,
            "next": self.next.to_json() if self.next else None,
            "then": [s.to_json() for s in self.then],
            "because": [r.to_json() for r in self.because],
            "problems": [p.to_json() for p in self.problems],
            "unknown": list(self.unknown),
        }


# Dates ----------------------------------------------------------------------------------


def _bounds(value: Any) -> tuple[date, date] | None:
    """The first and last day a date value can mean ("2022-10" is 1–31 October 2022)."""
    if isinstance(value, date):
        return value, value
    match = _ISO.match(str(value).strip())
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


def _fmt(d: date | None) -> str:
    return d.strftime("%-d %B %Y") if d else "an unknown date"


# Events as known on the as-of date ------------------------------------------------------


@dataclass
class _Known:
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
    partial: bool = False

    @property
    def when(self) -> date | None:
        return self.visit_start or self.day or self.published or self.visit_end

    @property
    def clock(self) -> date | None:
        """The date a period after this visit is counted from: its last day on site."""
        return self.visit_end or self.visit_start

    def ref(self) -> EventRef:
        when = self.when
        labels = tuple(dict.fromkeys(s.label for s in self.event.sources))
        return EventRef(self.kind, when.isoformat() if when else None, labels)


def _describe(event: TimelineEvent) -> str:
    labels = ", ".join(dict.fromkeys(s.label for s in event.sources)) or "no source"
    return f"{event.kind} of {event.when or 'unknown date'} (source: {labels})"


def _framework(event: TimelineEvent, start: date | None) -> str | None:
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


def _count(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _known(area: str, event: TimelineEvent, as_of: date, problems: list[Problem]) -> _Known | None:
    """The part of ``event`` public on ``as_of``, or None; bad dates become problems."""
    if event.kind == "next_visit_expected":
        # An expectation's date is when the visit is expected, not when it was said; without
        # the stating document's date it cannot be placed in an as-of view.
        return None
    days: dict[str, tuple[date, date]] = {}
    for name in _DATE_FIELDS:
        raw = event.get(name)
        if raw in (None, ""):
            continue
        parsed = _bounds(raw)
        if parsed is None:
            problems.append(
                Problem(
                    f"{area}: the {name} of the {_describe(event)} is {raw!r}, which is not a "
                    "date; it is ignored.",
                )
            )
            continue
        days[name] = parsed

    def reached(name: str) -> bool:
        return name in days and days[name][1] <= as_of

    start = days["visit_start"][0] if "visit_start" in days else None
    framework = _framework(event, start)
    known = _Known(event=event, kind=event.kind, framework=framework)
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
    else:
        if not reached("date"):
            if not days:
                problems.append(
                    Problem(
                        f"{area}: the {_describe(event)} has no date, so it cannot be placed "
                        "in time; it is ignored."
                    )
                )
            return None
        known.day = days["date"][1]
    known.outcome = event.get("outcome")
    known.total = _count(event.get("weaknesses_total"))
    known.sufficient = _count(event.get("weaknesses_sufficient"))
    known.findings = event.findings("weaknesses")
    # A known event with a date still ahead of the as-of date contradicts itself.
    for name, (first, _) in days.items():
        if first > as_of:
            problems.append(
                Problem(
                    f"{area}: the {_describe(event)} is dated {name} {event.get(name)}, after the "
                    f"as-of date {as_of.isoformat()}, though other dates make it known by then; "
                    "that date is not used.",
                    known.ref(),
                )
            )
            setattr(known, "day" if name == "date" else name, None)
    return known


# Checks ---------------------------------------------------------------------------------


def _check_event(area: str, k: _Known, problems: list[Problem]) -> None:
    desc = _describe(k.event)
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
        used.update(_OUTCOME_FIELDS)
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


# Building the status --------------------------------------------------------------------


class _Builder:
    """Collects the reasons, steps and unknowns of one status as the rules are applied."""

    def __init__(self, area: str, as_of: date, calendar: Calendar) -> None:
        self.area = area
        self.as_of = as_of
        self.calendar = calendar
        self.because: list[Reason] = []
        self.steps: list[Step] = []
        self.unknown: list[str] = []

    def cite(self, rule: Callable[..., Any], *events: _Known | None) -> None:
        refs = tuple(e.ref() for e in events if e is not None)
        reason = Reason(rule_name(rule), rule_source(rule), refs)
        if reason not in self.because:
            self.because.append(reason)

    def step(
        self,
        what: str,
        rule: Callable[..., Any],
        due_by: date | None,
        due_from: date | None = None,
        *,
        approximate: bool = False,
        tracked: bool = True,
    ) -> None:
        overdue = None
        if tracked and due_by is not None:
            overdue = max(0, (self.as_of - due_by).days)
        self.steps.append(
            Step(what, due_from, due_by, overdue, rule_name(rule), approximate, tracked)
        )

    def first_2023_inspection(self) -> None:
        """Once the 2023 framework has started, an area last inspected under the 2016 one
        awaits its first full inspection under it, by the end of the cycle."""
        if self.as_of >= f23.FRAMEWORK_STARTED:
            self.cite(f23.first_inspection_due_by)
            self.step(
                "A full inspection under the 2023 area SEND framework",
                f23.first_inspection_due_by,
                f23.first_inspection_due_by(),
                f23.FRAMEWORK_STARTED,
            )


def _latest(events: Iterable[_Known], kind: str, framework: str | None = None) -> _Known | None:
    found = [
        e for e in events if e.kind == kind and (framework is None or e.framework == framework)
    ]
    return max(found, key=lambda e: e.when or date.min, default=None)


def _weakness_items(findings: list[Finding], only_open: bool) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"text": f.text, "verdict": f.verdict}
        for f in findings
        if not only_open or f.verdict not in ("sufficient", "effective")
    )


def _chapter_2016(
    b: _Builder, known: list[_Known], problems: list[Problem]
) -> tuple[str, str, OpenItems | None]:
    area, as_of = b.area, b.as_of
    insp = _latest(known, "inspection", "2016")
    revisit = _latest(known, "revisit")
    submitted = _latest(known, "wsoa_submitted")
    accepted = _latest(known, "wsoa_accepted")
    app = _latest(known, "app_agreed")

    follows = (insp.published or insp.clock or insp.when) if insp else None
    if (
        insp is not None
        and revisit is not None
        and revisit.visit_start
        and follows
        and revisit.visit_start <= follows
    ):
        problems.append(
            Problem(
                f"{area}: the {_describe(revisit.event)} is dated on or before the "
                f"{_describe(insp.event)} it should follow.",
                revisit.ref(),
            )
        )
    if insp is None:
        b.unknown.append(f"The 2016-framework inspection of {area} is not on record.")
    elif insp.partial:
        b.cite(f16.is_2016_framework, insp)
        b.step("Ofsted and CQC publish the outcome letter", f16.is_2016_framework, None)
        return (
            "2016_inspected_awaiting_letter",
            f"{area} was inspected from {_fmt(insp.visit_start)}; the outcome letter was not "
            f"yet published on {_fmt(as_of)}.",
            None,
        )

    outcome = insp.outcome if insp else None
    wsoa = f16.wsoa_required(outcome)
    if insp is not None:
        b.cite(f16.wsoa_required, insp)
    if wsoa is None and (revisit or submitted or accepted or app):
        # A revisit or a statement happens only after a statement was required.
        evidence = revisit or accepted or submitted or app
        b.unknown.append(
            f"The outcome of {area}'s 2016-framework inspection is not on record; the "
            f"{evidence.kind if evidence else 'later event'} on record implies a written "
            "statement of action was required."
        )
        wsoa = True
    if wsoa is False and (revisit or submitted or accepted):
        later = revisit or accepted or submitted
        assert later is not None
        problems.append(
            Problem(
                f"{area}: the {_describe(later.event)} contradicts the inspection outcome "
                "'no_wsoa' (no written statement of action was required).",
                later.ref(),
            )
        )
    if wsoa is None:
        return (
            "2016_outcome_unknown",
            f"{area} was inspected under the 2016 framework, but whether a written statement "
            "of action was required is not on record.",
            None,
        )

    if wsoa is False:
        b.first_2023_inspection()
        return (
            "2016_no_wsoa",
            f"{area}'s inspection (letter {_fmt(insp.published if insp else None)}) found no "
            "significant weaknesses requiring a written statement of action; the inspection "
            "process ended there.",
            NO_OPEN_ITEMS,
        )

    total = insp.total if insp else None
    if total is None and revisit is not None:
        total = revisit.total
    initial_items = _weakness_items(insp.findings, False) if insp else ()
    opened = OpenItems(
        kind="significant weaknesses",
        count=total if total is not None else (len(initial_items) or None),
        of=total,
        items=initial_items,
        basis="findings" if initial_items else ("counts" if total is not None else "unknown"),
    )
    if opened.count is None:
        b.unknown.append(f"The number of significant weaknesses found in {area} is not on record.")

    if revisit is not None:
        b.cite(f16.revisit_due, revisit)
        if (
            insp
            and revisit.total is not None
            and insp.total is not None
            and revisit.total != insp.total
        ):
            problems.append(
                Problem(
                    f"{area}: the {_describe(revisit.event)} counts {revisit.total} significant "
                    f"weaknesses but the {_describe(insp.event)} counts {insp.total}.",
                    revisit.ref(),
                )
            )
        if revisit.partial:
            end = revisit.clock
            b.step(
                "Ofsted and CQC publish the revisit letter (usually about 33 days after the "
                "revisit)",
                f16.revisit_due,
                end + timedelta(days=33) if end else None,
                end,
                approximate=True,
            )
            return (
                "2016_revisit_awaiting_letter",
                f"{area} was revisited from {_fmt(revisit.visit_start)}; the revisit letter was "
                f"not yet published on {_fmt(as_of)}.",
                opened,
            )
        return _revisit_outcome(b, revisit, app, total, problems)

    if f16.never_revisited(True, False, as_of):
        b.cite(f16.never_revisited, insp)
        b.first_2023_inspection()
        return (
            "2016_wsoa_not_revisited",
            f"{area} had to produce a written statement of action but was not revisited before "
            "the 2016 framework ended; it stays under DfE and NHS England monitoring and waits "
            "for a full inspection under the 2023 framework.",
            opened,
        )

    letter = insp.published if insp else None
    if accepted is not None and accepted.day:
        b.cite(f16.wsoa_fit_for_purpose, accepted)
        _revisit_step(b, accepted.day, accepted, "")
        return (
            "2016_wsoa_accepted",
            f"{area}'s written statement of action was declared fit for purpose on "
            f"{_fmt(accepted.day)}; a revisit is usually within 18 months of that.",
            opened,
        )
    if submitted is not None and submitted.day:
        b.unknown.append(
            f"When {area}'s written statement of action was accepted is not on record."
        )
        _revisit_step(
            b, submitted.day, submitted, " (acceptance not on record: counted from submission)"
        )
        return (
            "2016_wsoa_submitted",
            f"{area} submitted its written statement of action on {_fmt(submitted.day)}; "
            "Ofsted and CQC decide whether it is fit for purpose.",
            opened,
        )
    if letter is None:
        b.unknown.append(f"The publication date of {area}'s outcome letter is not on record.")
        return (
            "2016_wsoa_required",
            f"{area} must produce a written statement of action; with no letter date on record "
            "its due date cannot be computed.",
            opened,
        )
    due = f16.wsoa_due(letter, b.calendar)
    b.cite(f16.wsoa_due, insp)
    b.step(
        "The local authority and health commissioners submit the written statement of action",
        f16.wsoa_due,
        due,
        letter,
    )
    _revisit_step(
        b, due, insp, " (acceptance not on record: counted from the statement's due date)"
    )
    return (
        "2016_wsoa_required",
        f"{area}'s inspection (letter {_fmt(letter)}) found significant weaknesses: a written "
        f"statement of action is required, due 70 working days after the letter, by {_fmt(due)}.",
        opened,
    )


def _revisit_step(b: _Builder, clock: date, anchor: _Known | None, note: str) -> None:
    due = f16.revisit_due_after_pause(clock, b.as_of)
    b.cite(f16.revisit_due, anchor)
    if due != f16.revisit_due(clock):
        b.cite(f16.revisit_due_after_pause, anchor)
    what = "Ofsted and CQC revisit to check progress on each significant weakness" + note
    if due is None:
        what += " (inspections suspended since 17 March 2020; the due date waits for their return)"
    b.step(what, f16.revisit_due, due, clock, approximate=True)


def _revisit_outcome(
    b: _Builder, revisit: _Known, app: _Known | None, total: int | None, problems: list[Problem]
) -> tuple[str, str, OpenItems]:
    area = b.area
    findings = revisit.findings
    verdicts = [f.verdict for f in findings]
    sufficient = revisit.sufficient
    if findings and all(v in ("sufficient", "insufficient") for v in verdicts):
        from_findings = verdicts.count("sufficient")
        if sufficient is not None and sufficient != from_findings:
            problems.append(
                Problem(
                    f"{area}: the {_describe(revisit.event)} counts {sufficient} weaknesses with "
                    f"sufficient progress but its listed verdicts give {from_findings}.",
                    revisit.ref(),
                )
            )
        if sufficient is None:
            sufficient = from_findings
        if total is None:
            total = len(findings)
    verdict = f16.revisit_verdict(total, sufficient)
    b.cite(f16.revisit_verdict, revisit)
    items = _weakness_items(findings, True)
    if verdict is None:
        b.unknown.append(
            f"How many of {area}'s weaknesses made sufficient progress is not on record."
        )
        return (
            "2016_revisit_outcome_unknown",
            f"{area} was revisited (letter {_fmt(revisit.published)}); its per-weakness verdicts "
            "are not on record.",
            OpenItems("significant weaknesses", None, total, items, "unknown"),
        )
    assert total is not None and sufficient is not None
    left = total - sufficient
    opened = OpenItems(
        "significant weaknesses",
        left,
        total,
        items if findings else (),
        "findings" if findings else "counts",
    )
    when = (
        f"{area} was revisited from {_fmt(revisit.visit_start)} (letter {_fmt(revisit.published)})"
    )
    if f16.formal_monitoring_ends(verdict):
        b.cite(f16.formal_monitoring_ends, revisit)
        b.first_2023_inspection()
        return (
            "2016_revisit_sufficient",
            f"{when}: sufficient progress on all {total} significant weaknesses, so formal "
            "monitoring ends.",
            opened,
        )
    b.cite(f16.accelerated_progress_plan_required, revisit)
    b.cite(f16.progress_review_due, revisit)
    b.cite(f16.further_revisit_expected, revisit)
    b.cite(f16.improvement_notice_possible, revisit)
    if revisit.published:
        b.step(
            "DfE and NHS England hold a formal progress review",
            f16.progress_review_due,
            f16.progress_review_due(revisit.published),
            revisit.published,
            tracked=False,
        )
    if app is None:
        b.step(
            "An accelerated progress plan agreed with DfE and NHS England",
            f16.accelerated_progress_plan_required,
            None,
            revisit.published,
        )
    else:
        b.cite(f16.accelerated_progress_plan_required, app)
    b.first_2023_inspection()
    share = "none" if verdict == "none" else f"{sufficient} of {total}"
    plan = "an accelerated progress plan is agreed" if app else "an accelerated progress plan"
    return (
        "2016_revisit_insufficient",
        f"{when}: sufficient progress on {share} significant weaknesses; {left} without "
        f"sufficient progress. DfE and NHS England decide the next steps ({plan}, a progress "
        "review within 6 months, possibly an improvement notice); Ofsted and CQC do not "
        "revisit again unless the Secretary of State directs it.",
        opened,
    )


def _chapter_2023(
    b: _Builder, known: list[_Known], problems: list[Problem]
) -> tuple[str, str, OpenItems | None]:
    area, as_of = b.area, b.as_of
    insp = _latest(known, "inspection", "2023")
    monitoring = None
    if insp is not None:
        monitoring = _latest(
            [m for m in known if (m.when or date.min) > (insp.when or date.min)],
            "monitoring_inspection",
        )
    else:
        monitoring = _latest(known, "monitoring_inspection")
        b.unknown.append(f"The 2023-framework full inspection of {area} is not on record.")
    if insp is not None and insp.partial:
        b.cite(f23.is_2023_framework, insp)
        b.step("Ofsted and CQC publish the inspection report", f23.is_2023_framework, None)
        return (
            "2023_inspected_awaiting_report",
            f"{area} was inspected (on site from {_fmt(insp.visit_start)}); the report was not "
            f"yet published on {_fmt(as_of)}.",
            None,
        )
    outcome = insp.outcome if insp else ("systemic_failings" if monitoring else None)
    if insp is not None and outcome not in f23.OUTCOMES:
        if outcome is not None:
            problems.append(
                Problem(
                    f"{area}: the {_describe(insp.event)} has outcome {outcome!r}, which is not "
                    "one of the 2023 framework's outcomes.",
                    insp.ref(),
                )
            )
        b.unknown.append(f"The outcome of {area}'s 2023-framework inspection is not on record.")
        return (
            "2023_outcome_unknown",
            f"{area} was inspected under the 2023 framework (report {_fmt(insp.published)}); "
            "its outcome is not on record.",
            None,
        )
    if insp is None and monitoring is not None:
        b.unknown.append(
            f"A monitoring inspection implies {area}'s full inspection found systemic failings."
        )
    if monitoring is not None and insp is not None and insp.outcome != "systemic_failings":
        problems.append(
            Problem(
                f"{area}: the {_describe(monitoring.event)} follows an inspection with outcome "
                f"{insp.outcome!r}; only systemic failings lead to a monitoring inspection.",
                monitoring.ref(),
            )
        )
    assert outcome is not None

    clock = insp.clock if insp else None
    stated_years = _count(insp.event.get("next_full_within_years")) if insp else None
    full_due = f23.next_full_inspection_due(clock, outcome, stated_years) if clock else None
    b.cite(f23.next_full_inspection_due, insp)
    full_what = "The next full inspection" + (
        " (full reinspection)" if outcome == "systemic_failings" else ""
    )
    if full_due is None:
        b.unknown.append(f"The date of {area}'s full inspection is not on record.")

    improvements = insp.event.findings("improvements") if insp else []
    afi = OpenItems(
        "areas for improvement",
        len(improvements) if improvements else None,
        len(improvements) if improvements else None,
        tuple({"text": f.text} for f in improvements),
        "findings" if improvements else "unknown",
    )
    report = _fmt(insp.published) if insp else "an unknown date"
    if outcome == "positive":
        b.step(full_what, f23.next_full_inspection_due, full_due, clock, approximate=True)
        return (
            "2023_positive",
            f"{area}'s arrangements typically lead to positive experiences and outcomes "
            f"(report {report}); engagement meetings continue and the next full inspection is "
            f"due within about {stated_years or 5} years, by about {_fmt(full_due)}.",
            afi,
        )
    if outcome == "inconsistent":
        b.cite(f23.strategic_plan_update_required, insp)
        b.step(
            "The partnership updates and publishes its strategic plan",
            f23.strategic_plan_update_required,
            None,
            insp.published if insp else None,
            tracked=False,
        )
        b.step(full_what, f23.next_full_inspection_due, full_due, clock, approximate=True)
        return (
            "2023_inconsistent",
            f"{area}'s arrangements lead to inconsistent experiences and outcomes (report "
            f"{report}); the partnership updates its strategic plan, and the next full inspection "
            f"is due within about {stated_years or 3} years, by about {_fmt(full_due)}.",
            afi,
        )

    # Systemic failings: areas for priority action, a plan, monitoring, full reinspection.
    b.cite(f23.priority_action_plan_required, insp)
    b.cite(f23.monitoring_inspection_required, insp)
    apas = insp.findings if insp else []
    total = insp.total if insp and insp.total is not None else (len(apas) or None)
    if total is None:
        b.unknown.append(f"The areas for priority action set for {area} are not on record.")
    if monitoring is None:
        opened = OpenItems(
            "areas for priority action",
            total,
            total,
            _weakness_items(apas, False),
            "findings" if apas else ("counts" if total is not None else "unknown"),
        )
        b.step(
            "The partnership's priority action plan, approved by Ofsted and CQC",
            f23.priority_action_plan_required,
            None,
            insp.published if insp else None,
            tracked=False,
        )
        report_day = insp.published if insp else None
        months = _count(insp.event.get("next_monitoring_within_months")) if insp else None
        if report_day is not None:
            due = f23.monitoring_inspection_due_after_pause(report_day, as_of, months)
            b.cite(f23.monitoring_inspection_due, insp)
            if due != f23.monitoring_inspection_due(report_day, months):
                b.cite(f23.monitoring_inspection_due_after_pause, insp)
            what = "A monitoring inspection of the areas for priority action"
            if due is None:
                what += " (monitoring inspections on hold since September 2024)"
            b.step(what, f23.monitoring_inspection_due, due, report_day, approximate=True)
        b.step(full_what, f23.next_full_inspection_due, full_due, clock, approximate=True)
        return (
            "2023_systemic_failings",
            f"{area}: widespread and/or systemic failings (report {report}). The partnership "
            "must produce a priority action plan; a monitoring inspection follows about 18 "
            "months after the report and a full reinspection within about 3 years.",
            opened,
        )

    b.step(full_what, f23.next_full_inspection_due, full_due, clock, approximate=True)
    if monitoring.partial:
        return (
            "2023_monitoring_awaiting_report",
            f"{area} had a monitoring inspection from {_fmt(monitoring.visit_start)}; its report "
            f"was not yet published on {_fmt(as_of)}.",
            OpenItems(
                "areas for priority action",
                total,
                total,
                _weakness_items(apas, False),
                "findings" if apas else "counts",
            ),
        )
    effective = f23.monitoring_action_effective(monitoring.outcome)
    b.cite(f23.monitoring_action_effective, monitoring)
    if effective is None:
        b.unknown.append(f"The outcome of {area}'s monitoring inspection is not on record.")
        return (
            "2023_monitoring_outcome_unknown",
            f"{area} had a monitoring inspection (report {_fmt(monitoring.published)}); its "
            "outcome is not on record.",
            None,
        )
    if effective:
        return (
            "2023_monitoring_effective_action",
            f"{area}'s monitoring inspection (report {_fmt(monitoring.published)}) found the "
            "partnership has taken effective action on the areas for priority action; the full "
            f"reinspection is due by about {_fmt(full_due)}.",
            OpenItems("areas for priority action", 0, total, (), "counts"),
        )
    return (
        "2023_monitoring_ineffective_action",
        f"{area}'s monitoring inspection (report {_fmt(monitoring.published)}) found the "
        "partnership's action ineffective; the full reinspection is due by about "
        f"{_fmt(full_due)}.",
        OpenItems(
            "areas for priority action",
            total,
            total,
            _weakness_items(apas, False),
            "findings" if apas else "counts",
        ),
    )


def status(
    area: str, events: list[TimelineEvent], as_of: date, calendar: Calendar = ENGLAND
) -> Status:
    """Where ``area`` stands on ``as_of``, from the events of its history known by then.

    Events of other areas are ignored; events not yet public on ``as_of`` are not used
    (a visit counts once it has started, its outcome once published). Never raises on bad
    data: each inconsistency is a :class:`Problem` naming the area, event and source.
    """
    problems: list[Problem] = []
    known: list[_Known] = []
    for event in events:
        if event.area != area:
            continue
        k = _known(area, event, as_of, problems)
        if k is None:
            continue
        _check_event(area, k, problems)
        known.append(k)

    b = _Builder(area, as_of, calendar)
    inspections = [k for k in known if k.kind == "inspection"]
    latest = _latest(inspections, "inspection")
    if latest is not None and latest.framework is None:
        b.unknown.append(f"The framework of {area}'s latest inspection is not on record.")
    chapter_2023 = (latest is not None and latest.framework == "2023") or (
        latest is None and any(k.kind == "monitoring_inspection" for k in known)
    )
    if not known:
        code = "unknown"
        sentence = (
            f"No inspection of {area} is on record as of {_fmt(as_of)}; its history is unknown."
        )
        b.unknown.append(f"No event of {area}'s history is known on {as_of.isoformat()}.")
        opened: OpenItems | None = None
    elif chapter_2023:
        code, sentence, opened = _chapter_2023(b, known, problems)
    else:
        code, sentence, opened = _chapter_2016(b, known, problems)

    steps = sorted(b.steps, key=lambda s: (s.due_by is None, s.due_by or date.max))
    return Status(
        area=area,
        as_of=as_of,
        code=code,
        sentence=sentence,
        open_items=opened,
        next=steps[0] if steps else None,
        then=tuple(steps[1:]),
        because=tuple(b.because),
        problems=tuple(dict.fromkeys(problems)),
        unknown=tuple(dict.fromkeys(b.unknown)),
        inspections_known=len(inspections),
    )


# Across areas ---------------------------------------------------------------------------


def due_within(statuses: Iterable[Status], days: int, as_of: date) -> list[tuple[Status, Step]]:
    """Every step due between ``as_of`` and ``days`` days later, soonest first."""
    until = as_of + timedelta(days=days)
    found = [
        (s, step)
        for s in statuses
        for step in s.steps
        if step.due_by is not None and as_of <= step.due_by <= until
    ]
    return sorted(found, key=lambda pair: (pair[1].due_by or date.max, pair[0].area))


def overdue(statuses: Iterable[Status]) -> list[tuple[Status, Step]]:
    """Every tracked step past its due date with no event on record, most overdue first."""
    found = [(s, step) for s in statuses for step in s.steps if (step.overdue_days or 0) > 0]
    return sorted(found, key=lambda pair: (-(pair[1].overdue_days or 0), pair[0].area))
