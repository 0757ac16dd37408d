"""The 2023 framework's chapter of an area's history: one small function per stage.

Full inspection -> report with one of three outcomes -> (systemic failings) a priority
action plan, a monitoring inspection about 18 months on, a full reinspection within about
3 years. Each function applies one stage's rule (cited from
:mod:`sendwatch.rules.framework2023`) and returns the stage code, sentence and open items.
"""

from __future__ import annotations

from datetime import date

from sendwatch.rules import framework2023 as f23
from sendwatch.status.builder import Builder, latest, weakness_items
from sendwatch.status.chapter2016 import check_list_against_count, read_at
from sendwatch.status.known import Known, count, describe, fmt
from sendwatch.status.model import OpenItems, Problem

Outcome = tuple[str, str, OpenItems | None]


def chapter_2023(b: Builder, known: list[Known], problems: list[Problem]) -> Outcome:
    """Where an area last inspected under the 2023 framework stands."""
    area = b.area
    insp = latest(known, "inspection", "2023")
    if insp is not None:
        later = [m for m in known if (m.when or date.min) > (insp.when or date.min)]
        monitoring = latest(later, "monitoring_inspection")
    else:
        monitoring = latest(known, "monitoring_inspection")
        b.unknown.append(f"The 2023-framework full inspection of {area} is not on record.")
    if insp is not None and insp.partial:
        return _awaiting_report(b, insp)
    outcome = insp.outcome if insp else ("systemic_failings" if monitoring else None)
    if insp is not None and outcome not in f23.OUTCOMES:
        return _outcome_unknown(b, insp, outcome, problems)
    if insp is None and monitoring is not None:
        b.unknown.append(
            f"A monitoring inspection implies {area}'s full inspection found systemic failings."
        )
    if monitoring is not None and insp is not None and insp.outcome != "systemic_failings":
        problems.append(
            Problem(
                f"{area}: the {describe(monitoring.event)} follows an inspection with outcome "
                f"{insp.outcome!r}; only systemic failings lead to a monitoring inspection.",
                monitoring.ref(),
            )
        )
    assert outcome is not None
    if outcome == "positive":
        return _positive(b, insp)
    if outcome == "inconsistent":
        return _inconsistent(b, insp)
    if monitoring is None:
        return _systemic_failings(b, insp, problems)
    return _monitored(b, insp, monitoring, problems)


def _report(insp: Known | None) -> str:
    return insp.said("published") if insp else "an unknown date"


def _full_inspection(
    b: Builder, insp: Known | None, outcome: str
) -> tuple[date | None, int | None]:
    """The next full inspection is due within 5 years (positive) or 3 (otherwise) of the
    last one, or as the report states; returns (due by, years stated)."""
    clock = insp.clock if insp else None
    stated = count(insp.event.get("next_full_within_years")) if insp else None
    due = f23.next_full_inspection_due(clock, outcome, stated) if clock else None
    b.cite(f23.next_full_inspection_due, insp)
    if due is None:
        b.unknown.append(f"The date of {b.area}'s full inspection is not on record.")
    what = "The next full inspection" + (
        " (full reinspection)" if outcome == "systemic_failings" else ""
    )
    b.step(what, f23.next_full_inspection_due, due, clock, approximate=True)
    return due, stated


def _improvements(insp: Known | None) -> OpenItems:
    improvements = insp.event.findings("improvements") if insp else []
    return OpenItems(
        "areas for improvement",
        len(improvements) if improvements else None,
        len(improvements) if improvements else None,
        tuple({"text": f.text} for f in improvements),
        "findings" if improvements else "unknown",
    )


def _awaiting_report(b: Builder, insp: Known) -> Outcome:
    """Inspected, the report not yet published: the visit is known from its first day."""
    b.cite(f23.is_2023_framework, insp)
    b.step("Ofsted and CQC publish the inspection report", f23.is_2023_framework, None)
    return (
        "2023_inspected_awaiting_report",
        f"{b.area} was inspected (on site from {insp.said('visit_start')}); the report is not "
        f"on record as published by {fmt(b.as_of)} (report awaited).",
        None,
    )


def _outcome_unknown(
    b: Builder, insp: Known, outcome: str | None, problems: list[Problem]
) -> Outcome:
    if outcome is not None:
        problems.append(
            Problem(
                f"{b.area}: the {describe(insp.event)} has outcome {outcome!r}, which is not "
                "one of the 2023 framework's outcomes.",
                insp.ref(),
            )
        )
    b.unknown.append(f"The outcome of {b.area}'s 2023-framework inspection is not on record.")
    return (
        "2023_outcome_unknown",
        f"{b.area} was inspected under the 2023 framework (report {_report(insp)}); its "
        "outcome is not on record.",
        None,
    )


def _strategic_plan(b: Builder, insp: Known | None) -> None:
    """The step every positive and inconsistent report asks for: the strategic plan."""
    b.cite(f23.strategic_plan_update_required, insp)
    b.step(
        "The partnership updates and publishes its strategic plan",
        f23.strategic_plan_update_required,
        None,
        insp.published if insp else None,
        tracked=False,
    )


def _positive(b: Builder, insp: Known | None) -> Outcome:
    """Positive: the strategic plan updated, engagement meetings, the next full inspection
    within about 5 years."""
    _strategic_plan(b, insp)
    due, stated = _full_inspection(b, insp, "positive")
    return (
        "2023_positive",
        f"{b.area}'s arrangements typically lead to positive experiences and outcomes "
        f"(report {_report(insp)}); the partnership updates its strategic plan, engagement "
        f"meetings continue and the next full inspection is due within about {stated or 5} "
        f"years, by about {fmt(due)}.",
        _improvements(insp),
    )


def _inconsistent(b: Builder, insp: Known | None) -> Outcome:
    """Inconsistent: the strategic plan updated, the next full inspection within ~3 years."""
    _strategic_plan(b, insp)
    due, stated = _full_inspection(b, insp, "inconsistent")
    return (
        "2023_inconsistent",
        f"{b.area}'s arrangements lead to inconsistent experiences and outcomes (report "
        f"{_report(insp)}); the partnership updates its strategic plan, and the next full "
        f"inspection is due within about {stated or 3} years, by about {fmt(due)}.",
        _improvements(insp),
    )


def _priority_actions(b: Builder, insp: Known | None, problems: list[Problem]) -> OpenItems:
    """The areas for priority action: listed where a document states them, else counted."""
    apas = insp.findings if insp else []
    total = insp.total if insp and insp.total is not None else (len(apas) or None)
    if total is None:
        b.unknown.append(f"The areas for priority action set for {b.area} are not on record.")
    if insp is not None:
        check_list_against_count(b.area, insp, len(apas), insp.total, problems)
    return OpenItems(
        "areas for priority action",
        total,
        total,
        weakness_items(apas, False),
        "findings" if apas else ("counts" if total is not None else "unknown"),
        paraphrase=insp.paraphrase if insp else None,
        read_at=() if apas else read_at(insp),
    )


def _systemic_failings(b: Builder, insp: Known | None, problems: list[Problem]) -> Outcome:
    """Systemic failings: a priority action plan, a monitoring inspection about 18 months
    after the report (clock stopped while monitoring was on hold), a full reinspection."""
    b.cite(f23.priority_action_plan_required, insp)
    b.cite(f23.monitoring_inspection_required, insp)
    opened = _priority_actions(b, insp, problems)
    b.step(
        "The partnership prepares and submits a priority action plan (area SEND)",
        f23.priority_action_plan_required,
        None,
        insp.published if insp else None,
        tracked=False,
    )
    report_day = insp.published if insp else None
    months = count(insp.event.get("next_monitoring_within_months")) if insp else None
    if report_day is not None:
        due = f23.monitoring_inspection_due_after_pause(report_day, b.as_of, months)
        b.cite(f23.monitoring_inspection_due, insp)
        if due != f23.monitoring_inspection_due(report_day, months):
            b.cite(f23.monitoring_inspection_due_after_pause, insp)
        what = "A monitoring inspection of the areas for priority action"
        if due is None:
            what += " (monitoring inspections on hold since September 2024)"
        b.step(what, f23.monitoring_inspection_due, due, report_day, approximate=True)
    _full_inspection(b, insp, "systemic_failings")
    return (
        "2023_systemic_failings",
        f"{b.area}: widespread and/or systemic failings (report {_report(insp)}). The "
        "partnership must produce a priority action plan; a monitoring inspection follows "
        "about 18 months after the report and a full reinspection within about 3 years.",
        opened,
    )


def _monitored(
    b: Builder, insp: Known | None, monitoring: Known, problems: list[Problem]
) -> Outcome:
    """After a monitoring inspection: effective action or not; the full reinspection due."""
    b.cite(f23.priority_action_plan_required, insp)
    b.cite(f23.monitoring_inspection_required, insp)
    opened = _priority_actions(b, insp, problems)
    due, _ = _full_inspection(b, insp, "systemic_failings")
    if monitoring.partial:
        return (
            "2023_monitoring_awaiting_report",
            f"{b.area} had a monitoring inspection from {monitoring.said('visit_start')}; its "
            f"report is not on record as published by {fmt(b.as_of)} (report awaited).",
            opened,
        )
    effective = f23.monitoring_action_effective(monitoring.outcome)
    b.cite(f23.monitoring_action_effective, monitoring)
    report = monitoring.said("published")
    if effective is None:
        b.unknown.append(f"The outcome of {b.area}'s monitoring inspection is not on record.")
        return (
            "2023_monitoring_outcome_unknown",
            f"{b.area} had a monitoring inspection (report {report}); its outcome is not on "
            "record.",
            None,
        )
    if effective:
        return (
            "2023_monitoring_effective_action",
            f"{b.area}'s monitoring inspection (report {report}) found the partnership has "
            "taken effective action on the areas for priority action; the full reinspection "
            f"is due by about {fmt(due)}.",
            OpenItems("areas for priority action", 0, opened.of, (), "counts"),
        )
    return (
        "2023_monitoring_ineffective_action",
        f"{b.area}'s monitoring inspection (report {report}) found the partnership's action "
        f"ineffective; the full reinspection is due by about {fmt(due)}.",
        opened,
    )
