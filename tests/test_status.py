"""An area's status as of a date, from TimelineEvents built here (no store, no documents)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sendwatch.status import STAGE_ORDER, Status, due_within, overdue, status
from sendwatch.timeline import Claim, Conflict, Finding, Source, TimelineEvent


def ev(area: str, kind: str, findings: list[Finding] | None = None, **values: Any) -> TimelineEvent:
    """One merged event with a single document source named for it."""
    source = Source(trust="inspectorate_document", document_id=1, document_name=f"{area} {kind}")
    claim = Claim(area, kind, dict(values), source, findings=findings or [])
    return TimelineEvent(area=area, kind=kind, values=dict(values), claims=[claim])


STOCKPORT = [
    ev("Stockport", "inspection", framework="2016", visit_start="2018-09-24",
       visit_end="2018-09-28", published="2018-11-21", outcome="wsoa_required",
       weaknesses_total=5),
    ev("Stockport", "revisit", framework="2016", visit_start="2022-09-27",
       visit_end="2022-09-30", published="2022-10-13", weaknesses_total=5,
       weaknesses_sufficient=4),
]  # fmt: skip
PLYMOUTH = [
    ev("Plymouth", "inspection", framework="2023", visit_start="2023-06-26",
       visit_end="2023-06-30", published="2023-08-22", outcome="systemic_failings"),
]  # fmt: skip
BRIGHTON = [
    ev("Brighton and Hove", "inspection", framework="2023", visit_start="2023-03-27",
       visit_end="2023-03-31", published="2023-05-31", outcome="positive"),
]  # fmt: skip


def rules_of(s: Status) -> set[str]:
    return {r.rule for r in s.because}


# The three worked examples ---------------------------------------------------------------


def test_stockport_after_its_revisit() -> None:
    s = status("Stockport", STOCKPORT, date(2022, 10, 14))
    assert s.code == "2016_revisit_sufficient_some"
    assert "4 of 5" in s.sentence
    assert "DfE and NHS England" in s.sentence
    assert "unless the Secretary of State directs" in s.sentence
    assert s.open_items is not None
    assert (s.open_items.count, s.open_items.of, s.open_items.basis) == (1, 5, "counts")
    assert s.next is not None
    assert s.next.what.startswith("DfE and NHS England hold a formal progress review")
    assert s.next.due_by == date(2023, 4, 13)
    assert s.next.overdue_days is None  # nothing in the record could show it done
    assert any("accelerated progress plan" in step.what for step in s.then)
    assert not any("revisit" in step.what.lower() for step in s.steps)
    assert {
        "framework2016.further_revisit_expected",
        "framework2016.accelerated_progress_plan_required",
        "framework2016.revisit_verdict",
    } <= rules_of(s)
    cited = next(r for r in s.because if r.rule == "framework2016.revisit_verdict")
    assert cited.source.startswith("https://")
    assert cited.events[0].kind == "revisit"
    assert cited.events[0].date == "2022-09-27"
    assert cited.events[0].sources == ("Stockport revisit",)
    assert s.problems == ()


def test_stockport_findings_give_the_open_weakness() -> None:
    findings = [Finding("weaknesses", f"weakness {n}", "sufficient") for n in range(4)]
    findings.append(Finding("weaknesses", "the one left", "insufficient"))
    events = [STOCKPORT[0], ev("Stockport", "revisit", findings, **STOCKPORT[1].values)]
    s = status("Stockport", events, date(2022, 10, 14))
    assert s.open_items is not None
    assert s.open_items.basis == "findings"
    assert s.open_items.items == ({"text": "the one left", "verdict": "insufficient"},)


def test_stockport_between_revisit_and_letter() -> None:
    s = status("Stockport", STOCKPORT, date(2022, 10, 1))
    assert s.code == "2016_revisit_awaiting_letter"
    assert s.open_items is not None and s.open_items.count == 5
    # The verdicts were not public yet: nothing about them may be used.
    assert "framework2016.revisit_verdict" not in rules_of(s)


def test_stockport_from_2023_waits_for_a_new_framework_inspection() -> None:
    s = status("Stockport", STOCKPORT, date(2024, 6, 1))
    assert s.code == "2016_revisit_sufficient_some"
    full = [step for step in s.steps if "2023 area SEND framework" in step.what]
    assert full and full[0].due_by == date(2027, 12, 31)


def test_plymouth_systemic_failings() -> None:
    s = status("Plymouth", PLYMOUTH, date(2024, 1, 1))
    assert s.code == "2023_systemic_failings"
    assert "priority action plan" in s.sentence
    by_rule = {step.rule: step for step in s.steps}
    monitoring = by_rule["framework2023.monitoring_inspection_due"]
    assert monitoring.due_by == date(2025, 2, 22)
    assert monitoring.approximate
    assert s.next == monitoring
    full = by_rule["framework2023.next_full_inspection_due"]
    assert full.due_by is not None and date(2026, 6, 1) <= full.due_by <= date(2026, 8, 31)
    plan = by_rule["framework2023.priority_action_plan_required"]
    # What every such report says, and no more: no deadline, no approver (docs/rules.md).
    assert plan.what == "The partnership prepares and submits a priority action plan (area SEND)"
    assert plan.due_by is None
    assert any("areas for priority action" in u for u in s.unknown)


def test_plymouth_monitoring_on_hold_and_after() -> None:
    held = status("Plymouth", PLYMOUTH, date(2024, 12, 1))
    step = next(s for s in held.steps if s.rule == "framework2023.monitoring_inspection_due")
    assert step.due_by is None and "on hold" in step.what
    resumed = status("Plymouth", PLYMOUTH, date(2025, 7, 1))
    step = next(s for s in resumed.steps if s.rule == "framework2023.monitoring_inspection_due")
    assert step.due_by == date(2025, 2, 22) + timedelta(days=278)
    assert "framework2023.monitoring_inspection_due_after_pause" in rules_of(resumed)


def test_plymouth_after_an_effective_monitoring_inspection() -> None:
    events = [
        *PLYMOUTH,
        ev("Plymouth", "monitoring_inspection", framework="2023", visit_start="2025-09-15",
           visit_end="2025-09-19", published="2025-11-01", outcome="effective_action"),
    ]  # fmt: skip
    s = status("Plymouth", events, date(2025, 12, 1))
    assert s.code == "2023_monitoring_effective_action"
    assert s.open_items is not None and s.open_items.count == 0
    assert status("Plymouth", events, date(2025, 10, 1)).code == "2023_monitoring_awaiting_report"


def test_brighton_positive() -> None:
    s = status("Brighton and Hove", BRIGHTON, date(2024, 1, 1))
    assert s.code == "2023_positive"
    assert s.next is not None
    assert s.next.due_by is not None and s.next.due_by.year == 2028 and s.next.due_by.month == 3
    assert s.next.overdue_days == 0
    # Every positive report asks for the strategic plan to be updated (rules/framework2023).
    assert [(t.what, t.due_by) for t in s.then] == [
        ("The partnership updates and publishes its strategic plan", None)
    ]
    assert "updates its strategic plan" in s.sentence


def test_json_shape() -> None:
    data = status("Stockport", STOCKPORT, date(2022, 10, 14)).to_json()
    assert {"area", "stage", "open_items", "next", "because", "problems"} <= set(data)
    assert data["stage"]["code"] == "2016_revisit_sufficient_some"
    assert data["next"]["due_by"] == "2023-04-13"
    assert data["because"][0]["rule"].startswith("framework2016.")
    # The rules for which no primary source could be read say so (docs/rules.md).
    shown = {r["rule"]: r["source_is_primary"] for r in data["because"]}
    assert shown["framework2016.wsoa_required"] is True
    assert shown["framework2016.revisit_due"] is False


# 2016 stages before the revisit ----------------------------------------------------------


def test_statement_due_after_the_letter_then_overdue() -> None:
    s = status("Stockport", STOCKPORT[:1], date(2018, 12, 1))
    assert s.code == "2016_wsoa_required"
    assert s.next is not None and s.next.due_by == date(2019, 3, 4)
    late = status("Stockport", STOCKPORT[:1], date(2019, 3, 14))
    assert late.next is not None and late.next.overdue_days == 10
    assert overdue([late]) == [(late, late.next)]


def test_accepted_statement_sets_the_revisit_clock_with_the_covid_pause() -> None:
    events = [STOCKPORT[0], ev("Stockport", "wsoa_accepted", framework="2016", date="2019-03-18")]
    before = status("Stockport", events, date(2019, 6, 1))
    assert before.code == "2016_wsoa_accepted"
    assert before.next is not None and before.next.due_by == date(2020, 9, 18)
    during = status("Stockport", events, date(2020, 6, 1))
    assert during.next is not None and during.next.due_by is None
    assert "suspended" in during.next.what
    after = status("Stockport", events, date(2021, 6, 1))
    assert after.next is not None and after.next.due_by == date(2021, 10, 3)


def test_statement_area_not_revisited_waits_for_2023_framework() -> None:
    assert status("Stockport", STOCKPORT[:1], date(2022, 12, 31)).code == "2016_wsoa_required"
    s = status("Stockport", STOCKPORT[:1], date(2023, 2, 1))
    assert s.code == "2016_wsoa_not_revisited"
    assert s.next is not None and s.next.due_by == date(2027, 12, 31)


def test_no_statement() -> None:
    events = [ev("Barnet", "inspection", framework="2016", visit_start="2022-01-17",
                 published="2022-03-24", outcome="no_wsoa")]  # fmt: skip
    s = status("Barnet", events, date(2022, 8, 31))
    assert s.code == "2016_no_wsoa"
    assert s.next is None
    assert s.open_items is not None and s.open_items.count == 0


def test_due_within() -> None:
    a = status("Plymouth", PLYMOUTH, date(2024, 1, 1))
    b = status("Brighton and Hove", BRIGHTON, date(2024, 1, 1))
    found = due_within([a, b], 450, date(2024, 1, 1))
    assert [(s.area, step.due_by) for s, step in found] == [("Plymouth", date(2025, 2, 22))]


# Unknown and bad data --------------------------------------------------------------------


def test_unknown_history_says_so() -> None:
    s = status("Rutland", [], date(2024, 1, 1))
    assert s.code == "unknown"
    assert "Rutland" in s.sentence and "unknown" in s.sentence
    assert s.unknown


def test_revisit_without_inspection_says_what_is_unknown() -> None:
    s = status("Stockport", STOCKPORT[1:], date(2022, 10, 14))
    assert s.code == "2016_revisit_sufficient_some"
    assert any("inspection of Stockport is not on record" in u for u in s.unknown)


def test_revisit_before_its_inspection() -> None:
    events = [
        STOCKPORT[0],
        ev("Stockport", "revisit", framework="2016", visit_start="2018-06-01",
           published="2018-07-01", weaknesses_total=5, weaknesses_sufficient=5),
    ]  # fmt: skip
    s = status("Stockport", events, date(2022, 10, 14))
    messages = [p.message for p in s.problems]
    assert any(
        m.startswith("Stockport: the revisit of 2018-06-01 (source: Stockport revisit)")
        and "before" in m
        for m in messages
    ), messages


def test_sufficient_more_than_total() -> None:
    events = [
        STOCKPORT[0],
        ev("Stockport", "revisit", framework="2016", visit_start="2022-09-27",
           published="2022-10-13", weaknesses_total=5, weaknesses_sufficient=6),
    ]  # fmt: skip
    s = status("Stockport", events, date(2022, 10, 14))
    assert any(
        "6 weaknesses made sufficient progress out of only 5" in p.message for p in s.problems
    )
    assert s.code == "2016_revisit_outcome_unknown"  # the counts are not used


def test_known_event_with_a_date_after_as_of() -> None:
    events = [ev("Stockport", "inspection", framework="2016", visit_start="2018-12-03",
                 published="2018-11-21", outcome="wsoa_required", weaknesses_total=5)]  # fmt: skip
    s = status("Stockport", events, date(2018, 11, 30))
    messages = [p.message for p in s.problems]
    assert any(
        "after the as-of date 2018-11-30" in m and "Stockport inspection" in m for m in messages
    )


def test_bad_dates_and_counts_do_not_crash() -> None:
    events = [
        ev("Stockport", "inspection", framework="2016", visit_start="24th of Sept",
           published="2018-11-21", outcome="wsoa_required", weaknesses_total="five"),
        ev("Stockport", "wsoa_accepted", framework="2016"),
    ]  # fmt: skip
    s = status("Stockport", events, date(2019, 1, 1))
    messages = " | ".join(p.message for p in s.problems)
    assert "'24th of Sept', which is not a date" in messages
    assert "not a whole number" in messages
    assert "wsoa_accepted" in messages and "has no date" in messages


def test_source_conflicts_are_reported() -> None:
    event = STOCKPORT[1]
    other = Source(trust="news", document_name="local paper")
    conflicted = TimelineEvent(
        area="Stockport",
        kind="revisit",
        values=dict(event.values),
        claims=event.claims,
        conflicts=[Conflict("published", "2022-10-13", [("2022-10-13", event.sources[0]),
                                                        ("2022-10-20", other)])],
    )  # fmt: skip
    s = status("Stockport", [STOCKPORT[0], conflicted], date(2022, 11, 1))
    assert any("disagree on the published" in p.message and "local paper" in p.message
               for p in s.problems)  # fmt: skip


def test_monitoring_after_a_positive_inspection_is_a_problem() -> None:
    events = [*BRIGHTON, ev("Brighton and Hove", "monitoring_inspection", visit_start="2024-06-03",
                            published="2024-07-01", outcome="effective_action")]  # fmt: skip
    s = status("Brighton and Hove", events, date(2024, 8, 1))
    assert any("only systemic failings" in p.message for p in s.problems)


# Properties ------------------------------------------------------------------------------

DAY0 = date(2016, 5, 1)
days = st.integers(min_value=0, max_value=4000).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def histories(draw: st.DrawFn) -> list[TimelineEvent]:
    """A consistent history: inspection, maybe statement and revisit, maybe a 2023 inspection."""
    start = draw(st.integers(0, 2100).map(lambda n: DAY0 + timedelta(days=n)))
    gap = draw(st.integers(40, 90))
    outcome = draw(st.sampled_from(["wsoa_required", "no_wsoa"]))
    total = draw(st.integers(1, 9))
    events = [ev("X", "inspection", framework="2016", visit_start=start.isoformat(),
                 visit_end=(start + timedelta(days=4)).isoformat(),
                 published=(start + timedelta(days=gap)).isoformat(), outcome=outcome,
                 weaknesses_total=total if outcome == "wsoa_required" else None)]  # fmt: skip
    last = start + timedelta(days=gap)
    if outcome == "wsoa_required":
        if draw(st.booleans()):
            last = last + timedelta(days=draw(st.integers(60, 200)))
            events.append(ev("X", "wsoa_accepted", framework="2016", date=last.isoformat()))
        if draw(st.booleans()):
            rv = last + timedelta(days=draw(st.integers(100, 900)))
            last = rv + timedelta(days=draw(st.integers(20, 60)))
            events.append(ev("X", "revisit", framework="2016", visit_start=rv.isoformat(),
                             published=last.isoformat(), weaknesses_total=total,
                             weaknesses_sufficient=draw(st.integers(0, total))))  # fmt: skip
    if draw(st.booleans()):
        v = max(last, date(2023, 1, 2)) + timedelta(days=draw(st.integers(1, 900)))
        out = draw(st.sampled_from(["positive", "inconsistent", "systemic_failings"]))
        published = v + timedelta(days=draw(st.integers(30, 80)))
        events.append(ev("X", "inspection", framework="2023", visit_start=v.isoformat(),
                         visit_end=(v + timedelta(days=4)).isoformat(),
                         published=published.isoformat(), outcome=out))  # fmt: skip
        if out == "systemic_failings" and draw(st.booleans()):
            m = published + timedelta(days=draw(st.integers(300, 700)))
            events.append(ev("X", "monitoring_inspection", framework="2023",
                             visit_start=m.isoformat(),
                             published=(m + timedelta(days=40)).isoformat(),
                             outcome=draw(st.sampled_from(["effective_action",
                                                           "ineffective_action"]))))  # fmt: skip
    return events


@settings(max_examples=150, deadline=None)
@given(histories(), days, days)
def test_moving_as_of_forward_never_undoes_a_stage(
    events: list[TimelineEvent], a: date, b: date
) -> None:
    early, late = sorted((a, b))
    s1, s2 = status("X", events, early), status("X", events, late)
    assert s1.code in STAGE_ORDER and s2.code in STAGE_ORDER
    assert s1.progress <= s2.progress, (s1.code, s2.code)
    assert not s1.problems and not s2.problems


@settings(max_examples=150, deadline=None)
@given(histories(), days)
def test_as_of_status_never_uses_a_later_event(events: list[TimelineEvent], as_of: date) -> None:
    s = status("X", events, as_of)
    for reason in s.because:
        for ref in reason.events:
            assert ref.date is not None and ref.date <= as_of.isoformat(), (reason.rule, ref)
    # The same status results when the events after the as-of date are removed.
    earlier = [e for e in events if (e.when or "9999") <= as_of.isoformat()]
    assert status("X", earlier, as_of).to_json() == s.to_json()


def test_a_date_known_to_the_month_keeps_its_precision_in_every_sentence() -> None:
    history = [
        ev("Stockport", "inspection", framework="2016", visit_start="2018-09",
           published="2018-11", outcome="wsoa_required", weaknesses_total=5),
        ev("Stockport", "revisit", framework="2016", visit_start="2022-09", published="2022-10",
           weaknesses_total=5, weaknesses_sufficient=0),
    ]  # fmt: skip
    for day in (date(2018, 12, 1), date(2022, 10, 20), date(2022, 11, 1)):
        s = status("Stockport", history, day)
        assert not re.search(r"\b(1|30|31) (September|October|November) 20(18|22)\b", s.sentence)
    assert "letter November 2018" in status("Stockport", history, date(2018, 12, 1)).sentence
    revisited = status("Stockport", history, date(2022, 11, 1))
    assert "revisited September 2022 (letter October 2022)" in revisited.sentence
    assert "none of the 5" in revisited.sentence
