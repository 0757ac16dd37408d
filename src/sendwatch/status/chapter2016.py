"""The 2016 framework's chapter of an area's history: one small function per stage.

Inspection -> letter -> (statement of action required?) -> statement submitted and
declared fit for purpose -> revisit -> verdict on each weakness. Each function applies
one stage's rule (cited from :mod:`sendwatch.rules.framework2016`) and returns the stage
code, the sentence and the open items.
"""

from __future__ import annotations

from datetime import date, timedelta

from sendwatch.rules import framework2016 as f16
from sendwatch.status.builder import Builder, latest, weakness_items
from sendwatch.status.known import Known, describe, fmt
from sendwatch.status.model import NO_OPEN_ITEMS, OpenItems, Problem

Outcome = tuple[str, str, OpenItems | None]


def chapter_2016(b: Builder, known: list[Known], problems: list[Problem]) -> Outcome:
    """Where an area last inspected under the 2016 framework stands."""
    area = b.area
    insp = latest(known, "inspection", "2016")
    revisit = latest(known, "revisit")
    submitted = latest(known, "wsoa_submitted")
    accepted = latest(known, "wsoa_accepted")
    app = latest(known, "app_agreed")
    _check_order(area, insp, revisit, problems)
    if insp is None:
        b.unknown.append(f"The 2016-framework inspection of {area} is not on record.")
    elif insp.partial:
        return _awaiting_letter(b, insp)

    wsoa = _wsoa_required(b, insp, revisit or accepted or submitted or app, problems)
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
            f"{area}'s inspection (letter {insp.said('published') if insp else 'an unknown date'})"
            " found no significant weaknesses requiring a written statement of action; the "
            "inspection process ended there.",
            NO_OPEN_ITEMS,
        )

    total = insp.total if insp else None
    if total is None and revisit is not None:
        total = revisit.total
    opened = initial_items(b, insp, total, problems)
    if revisit is not None:
        return _revisited(b, insp, revisit, app, total, opened, problems)
    if f16.never_revisited(True, False, b.as_of):
        b.cite(f16.never_revisited, insp)
        b.first_2023_inspection()
        return (
            "2016_wsoa_not_revisited",
            f"{area} had to produce a written statement of action but was not revisited before "
            "the 2016 framework ended; it stays under DfE and NHS England monitoring and waits "
            "for a full inspection under the 2023 framework.",
            opened,
        )
    if accepted is not None and accepted.day:
        return _wsoa_accepted(b, accepted, opened)
    if submitted is not None and submitted.day:
        return _wsoa_submitted(b, submitted, opened)
    return _wsoa_required_stage(b, insp, opened)


def _check_order(
    area: str, insp: Known | None, revisit: Known | None, problems: list[Problem]
) -> None:
    """A revisit follows its inspection's letter."""
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
                f"{area}: the {describe(revisit.event)} is dated on or before the "
                f"{describe(insp.event)} it should follow.",
                revisit.ref(),
            )
        )


def _visit_dates(k: Known) -> str:
    """'from 24 September 2018' or 'from 24 to 28 September 2018' (at their precision)."""
    start = k.said("visit_start")
    if k.visit_end and k.visit_start and k.visit_start != k.visit_end:
        end = k.said("visit_end")
        if k.visit_start.year == k.visit_end.year and len(str(k.event.get("visit_start"))) == 10:
            if k.visit_start.month == k.visit_end.month:
                start = str(k.visit_start.day)
            else:
                start = k.visit_start.strftime("%-d %B")
        return f"{start} to {end}"
    return start


def _awaiting_letter(b: Builder, insp: Known) -> Outcome:
    """Inspected, the letter not yet published: the visit is known from its first day."""
    b.cite(f16.is_2016_framework, insp)
    b.step("Ofsted and CQC publish the outcome letter", f16.is_2016_framework, None)
    return (
        "2016_inspected_awaiting_letter",
        f"{b.area} was inspected {_visit_dates(insp)}; the outcome letter is not on record "
        f"as published by {fmt(b.as_of)} (letter awaited).",
        None,
    )


def _wsoa_required(
    b: Builder, insp: Known | None, later: Known | None, problems: list[Problem]
) -> bool | None:
    """Whether a statement was required: the letter's outcome, or implied by what followed."""
    wsoa = f16.wsoa_required(insp.outcome if insp else None)
    if insp is not None:
        b.cite(f16.wsoa_required, insp)
    if wsoa is None and later is not None:
        # A revisit or a statement happens only after a statement was required.
        b.unknown.append(
            f"The outcome of {b.area}'s 2016-framework inspection is not on record; the "
            f"{later.kind} on record implies a written statement of action was required."
        )
        return True
    if wsoa is False and later is not None and later.kind != "app_agreed":
        problems.append(
            Problem(
                f"{b.area}: the {describe(later.event)} contradicts the inspection outcome "
                "'no_wsoa' (no written statement of action was required).",
                later.ref(),
            )
        )
    return wsoa


def read_at(k: Known | None) -> tuple[str, ...]:
    """Where to read an event's items: its sources' URLs or names."""
    if k is None:
        return ()
    return tuple(dict.fromkeys(s.url or s.label for s in k.event.sources))


def initial_items(
    b: Builder, insp: Known | None, total: int | None, problems: list[Problem]
) -> OpenItems:
    """The significant weaknesses the inspection found: listed where a document states them
    (with evidence), else the count and where to read them, with any paraphrase shown as one."""
    items = weakness_items(insp.findings, False) if insp else ()
    if insp is not None:
        check_list_against_count(b.area, insp, len(items), total, problems)
    opened = OpenItems(
        kind="significant weaknesses",
        count=total if total is not None else (len(items) or None),
        of=total,
        items=items,
        basis="findings" if items else ("counts" if total is not None else "unknown"),
        paraphrase=insp.paraphrase if insp else None,
        read_at=() if items else read_at(insp),
    )
    if opened.count is None:
        b.unknown.append(
            f"The number of significant weaknesses found in {b.area} is not on record."
        )
    return opened


def check_list_against_count(
    area: str, k: Known, listed: int, total: int | None, problems: list[Problem]
) -> None:
    """A list of items that disagrees with the count of them is a reported problem."""
    if listed and total is not None and listed != total:
        problems.append(
            Problem(
                f"{area}: the {describe(k.event)} counts {total} items but its sources list "
                f"{listed}; the list is shown as found and may be incomplete.",
                k.ref(),
            )
        )


def _wsoa_required_stage(b: Builder, insp: Known | None, opened: OpenItems) -> Outcome:
    """A statement is due 70 working days after the letter; a revisit about 18 months on."""
    letter = insp.published if insp else None
    if letter is None:
        b.unknown.append(f"The publication date of {b.area}'s outcome letter is not on record.")
        return (
            "2016_wsoa_required",
            f"{b.area} must produce a written statement of action; with no letter date on "
            "record its due date cannot be computed.",
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
        f"{b.area}'s inspection (letter {insp.said('published') if insp else fmt(letter)}) "
        "found significant weaknesses: a written "
        f"statement of action is required, due 70 working days after the letter, by {fmt(due)}.",
        opened,
    )


def _wsoa_submitted(b: Builder, submitted: Known, opened: OpenItems) -> Outcome:
    """Submitted, not yet declared fit for purpose: Ofsted and CQC decide."""
    assert submitted.day is not None
    b.unknown.append(f"When {b.area}'s written statement of action was accepted is not on record.")
    _revisit_step(
        b, submitted.day, submitted, " (acceptance not on record: counted from submission)"
    )
    return (
        "2016_wsoa_submitted",
        f"{b.area} submitted its written statement of action on {submitted.said('date')}; "
        "Ofsted and CQC decide whether it is fit for purpose.",
        opened,
    )


def _wsoa_accepted(b: Builder, accepted: Known, opened: OpenItems) -> Outcome:
    """Declared fit for purpose: a revisit is usually within 18 months of that."""
    assert accepted.day is not None
    b.cite(f16.wsoa_fit_for_purpose, accepted)
    _revisit_step(b, accepted.day, accepted, "")
    return (
        "2016_wsoa_accepted",
        f"{b.area}'s written statement of action was declared fit for purpose on "
        f"{accepted.said('date')}; a revisit is usually within 18 months of that.",
        opened,
    )


def _revisit_step(b: Builder, clock: date, anchor: Known | None, note: str) -> None:
    due = f16.revisit_due_after_pause(clock, b.as_of)
    b.cite(f16.revisit_due, anchor)
    if due != f16.revisit_due(clock):
        b.cite(f16.revisit_due_after_pause, anchor)
    what = "Ofsted and CQC revisit to check progress on each significant weakness" + note
    if due is None:
        what += " (inspections suspended since 17 March 2020; the due date waits for their return)"
    b.step(what, f16.revisit_due, due, clock, approximate=True)


def _revisited(
    b: Builder,
    insp: Known | None,
    revisit: Known,
    app: Known | None,
    total: int | None,
    opened: OpenItems,
    problems: list[Problem],
) -> Outcome:
    """Revisited: awaiting its letter, or judged weakness by weakness."""
    b.cite(f16.revisit_due, revisit)
    if (
        insp
        and revisit.total is not None
        and insp.total is not None
        and revisit.total != insp.total
    ):
        problems.append(
            Problem(
                f"{b.area}: the {describe(revisit.event)} counts {revisit.total} significant "
                f"weaknesses but the {describe(insp.event)} counts {insp.total}.",
                revisit.ref(),
            )
        )
    if not revisit.partial:
        return _revisit_outcome(b, revisit, app, total, problems)
    end = revisit.clock
    b.step(
        "Ofsted and CQC publish the revisit letter (usually about 33 days after the revisit)",
        f16.revisit_due,
        end + timedelta(days=33) if end else None,
        end,
        approximate=True,
    )
    return (
        "2016_revisit_awaiting_letter",
        f"{b.area} was revisited {_visit_dates(revisit)}; the revisit letter is not on record "
        f"as published by {fmt(b.as_of)} (letter awaited).",
        opened,
    )


def _verdict_counts(
    area: str, revisit: Known, total: int | None, problems: list[Problem]
) -> tuple[int | None, int | None]:
    """The revisit's (total, sufficient): its counts, or its listed verdicts."""
    findings = revisit.findings
    verdicts = [f.verdict for f in findings]
    sufficient = revisit.sufficient
    if findings and all(v in ("sufficient", "insufficient") for v in verdicts):
        from_findings = verdicts.count("sufficient")
        if sufficient is not None and sufficient != from_findings:
            problems.append(
                Problem(
                    f"{area}: the {describe(revisit.event)} counts {sufficient} weaknesses with "
                    f"sufficient progress but its listed verdicts give {from_findings}.",
                    revisit.ref(),
                )
            )
        if sufficient is None:
            sufficient = from_findings
        if total is None:
            total = len(findings)
    return total, sufficient


#: The words of each revisit verdict: "sufficient progress on <share> significant weaknesses".
def progress_share(verdict: str, sufficient: int, total: int) -> str:
    """'all 5', 'none of the 5', '4 of 5' (grammatical for every verdict)."""
    if verdict == "all":
        return f"all {total}" if total != 1 else "its one"
    if verdict == "none":
        return f"none of the {total}" if total != 1 else "none of its one"
    return f"{sufficient} of {total}"


def _revisit_outcome(
    b: Builder, revisit: Known, app: Known | None, total: int | None, problems: list[Problem]
) -> Outcome:
    """The revisit's verdict: all weaknesses sufficient ends formal monitoring; some or none
    leave DfE and NHS England to decide the next steps."""
    area = b.area
    total, sufficient = _verdict_counts(area, revisit, total, problems)
    verdict = f16.revisit_verdict(total, sufficient)
    b.cite(f16.revisit_verdict, revisit)
    items = weakness_items(revisit.findings, True)
    if verdict is None:
        b.unknown.append(
            f"How many of {area}'s weaknesses made sufficient progress is not on record."
        )
        return (
            "2016_revisit_outcome_unknown",
            f"{area} was revisited (letter {revisit.said('published')}); its per-weakness "
            "verdicts are not on record.",
            OpenItems(
                "significant weaknesses", None, total, items, "unknown", read_at=read_at(revisit)
            ),
        )
    assert total is not None and sufficient is not None
    left = total - sufficient
    if revisit.findings:
        check_list_against_count(area, revisit, len(revisit.findings), total, problems)
    opened = OpenItems(
        "significant weaknesses",
        left,
        total,
        items if revisit.findings else (),
        "findings" if revisit.findings else "counts",
        paraphrase=revisit.paraphrase,
        read_at=() if revisit.findings else read_at(revisit),
    )
    noun = "significant weakness" if total == 1 else "significant weaknesses"
    when = (
        f"{area} was revisited {_visit_dates(revisit)} (letter {revisit.said('published')}): "
        f"sufficient progress on {progress_share(verdict, sufficient, total)} {noun}"
    )
    if f16.formal_monitoring_ends(verdict):
        b.cite(f16.formal_monitoring_ends, revisit)
        b.first_2023_inspection()
        return ("2016_revisit_sufficient", f"{when}, so formal monitoring ends.", opened)
    _after_insufficient_revisit(b, revisit, app)
    plan = "an accelerated progress plan is agreed" if app else "an accelerated progress plan"
    return (
        f"2016_revisit_sufficient_{verdict}",
        f"{when}; {left} without sufficient progress. DfE and NHS England decide the next "
        f"steps ({plan}, a progress review within 6 months, possibly an improvement notice); "
        "Ofsted and CQC do not revisit again unless the Secretary of State directs it.",
        opened,
    )


def _after_insufficient_revisit(b: Builder, revisit: Known, app: Known | None) -> None:
    """Not all weaknesses sufficient: a plan, a progress review, perhaps a notice."""
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
