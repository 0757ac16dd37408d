"""The 2023-framework rules, each checked against the periods its sources give."""

from __future__ import annotations

from datetime import date

import pytest

from sendwatch.rules import framework2023 as f23
from tests.support.rules import (
    assert_cited_and_documented,
    assert_primary_unless_marked,
    public_rules,
)

RULES = public_rules(f23)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_every_rule_names_its_source_and_is_listed_in_the_docs(rule) -> None:  # type: ignore[no-untyped-def]
    assert_cited_and_documented(rule)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_the_first_source_is_primary_unless_the_rule_says_none_was_found(rule) -> None:  # type: ignore[no-untyped-def]
    assert_primary_unless_marked(rule)


def test_handbook_versions_by_date() -> None:
    assert f23.handbook_version(date(2022, 12, 31)) is None
    assert f23.handbook_version(date(2023, 1, 30)) == date(2022, 11, 29)
    assert f23.handbook_version(date(2023, 12, 11)) == date(2023, 12, 11)
    assert f23.handbook_version(date(2024, 9, 1)) == date(2024, 4, 5)
    assert f23.handbook_version(date(2025, 6, 5)) == date(2024, 4, 5)
    assert f23.handbook_version(date(2025, 6, 6)) == date(2025, 6, 6)
    # The monitoring hold ended the day the June 2025 version came into force.
    assert f23.MONITORING_PAUSE.end == f23.HANDBOOK_VERSIONS[-1]


@pytest.mark.parametrize(
    ("outcome", "years"), [("positive", 5), ("inconsistent", 3), ("systemic_failings", 3)]
)
def test_next_full_inspection_by_outcome(outcome: str, years: int) -> None:
    assert f23.next_full_inspection_within_years(outcome) == years
    assert f23.next_full_inspection_due(date(2023, 3, 31), outcome) == date(2023 + years, 3, 31)


def test_a_period_stated_in_the_report_is_followed() -> None:
    assert f23.next_full_inspection_within_years("inconsistent", stated_years=2) == 2
    assert f23.next_full_inspection_due(date(2023, 6, 30), "unheard_of") is None


def test_plans_by_outcome() -> None:
    # Every positive and inconsistent report asks the partnership to update and publish its
    # strategic plan (Brighton and Hove, positive, May 2023; Surrey, inconsistent, Nov 2023);
    # after systemic failings the report asks for a priority action plan instead.
    assert f23.strategic_plan_update_required("positive")
    assert f23.strategic_plan_update_required("inconsistent")
    assert not f23.strategic_plan_update_required("systemic_failings")
    assert not f23.strategic_plan_update_required(None)
    assert f23.priority_action_plan_required("systemic_failings")
    assert not f23.priority_action_plan_required("inconsistent")
    assert f23.monitoring_inspection_required("systemic_failings")
    assert not f23.monitoring_inspection_required("positive")


def test_monitoring_eighteen_months_after_the_report() -> None:
    # Plymouth: report 22 August 2023.
    assert f23.monitoring_inspection_due(date(2023, 8, 22)) == date(2025, 2, 22)
    assert f23.monitoring_inspection_due(date(2023, 8, 22), stated_months=12) == date(2024, 8, 22)


def test_monitoring_hold_from_september_2024_until_june_2025() -> None:
    report = date(2023, 8, 22)
    assert f23.monitoring_inspection_due_after_pause(report, date(2024, 1, 1)) == date(2025, 2, 22)
    assert f23.monitoring_inspection_due_after_pause(report, date(2024, 12, 1)) is None
    resumed = f23.monitoring_inspection_due_after_pause(report, date(2025, 7, 1))
    lost = (date(2025, 6, 6) - date(2024, 9, 1)).days
    assert resumed is not None
    assert (resumed - date(2025, 2, 22)).days == lost
    # Due before the hold began: not moved.
    assert f23.monitoring_inspection_due_after_pause(date(2023, 1, 10), date(2025, 7, 1)) == date(
        2024, 7, 10
    )


def test_monitoring_outcomes() -> None:
    assert f23.monitoring_action_effective("effective_action") is True
    assert f23.monitoring_action_effective("ineffective_action") is False
    assert f23.monitoring_action_effective(None) is None


def test_every_area_covered_by_the_end_of_2027() -> None:
    assert f23.first_inspection_due_by() == date(2027, 12, 31)
    assert f23.is_2023_framework(date(2023, 1, 30))
    assert not f23.is_2023_framework(date(2022, 12, 31))
