"""The 2016-framework rules, each checked against the dates and decisions its sources give."""

from __future__ import annotations

from datetime import date

import pytest

from sendwatch.rules import framework2016 as f16
from tests.support.rules import (
    assert_cited_and_documented,
    assert_primary_unless_marked,
    public_rules,
)

RULES = public_rules(f16)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_every_rule_names_its_source_and_is_listed_in_the_docs(rule) -> None:  # type: ignore[no-untyped-def]
    assert_cited_and_documented(rule)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_the_first_source_is_primary_unless_the_rule_says_none_was_found(rule) -> None:  # type: ignore[no-untyped-def]
    assert_primary_unless_marked(rule)


def test_statute_and_guidance_are_cited_first() -> None:
    # The 70 working days are in the Joint Area Reviews Regulations 2015 (regulation 4);
    # HMCI's decision that a statement is needed is regulation 3.
    assert f16.wsoa_due.source.startswith("https://www.legislation.gov.uk/uksi/2015/1792/")
    assert f16.wsoa_required.source.startswith("https://legislation.gov.uk/uksi/2015/1792/")
    assert f16.revisit_due_after_pause.source == f16.REVISIT_GUIDANCE


def test_wsoa_required_is_binary_and_unknown_stays_unknown() -> None:
    assert f16.wsoa_required("wsoa_required") is True
    assert f16.wsoa_required("no_wsoa") is False
    assert f16.wsoa_required(None) is None
    assert f16.wsoa_required("positive") is None


def test_statement_due_seventy_working_days_after_the_letter() -> None:
    # Warwickshire: report 23/24 Sep 2021, planned submission by 24 Dec 2021 (a target ahead
    # of the deadline). Three bank holidays fall in the period (27, 28 Dec, 3 Jan).
    assert f16.wsoa_due(date(2021, 9, 24)) == date(2022, 1, 5)
    # Stockport's 2018 letter (21 Nov 2018): Christmas and New Year holidays are skipped.
    due = f16.wsoa_due(date(2018, 11, 21))
    assert due == date(2019, 3, 4)


def test_fit_for_purpose_needs_a_date() -> None:
    assert f16.wsoa_fit_for_purpose(date(2019, 3, 18))
    assert not f16.wsoa_fit_for_purpose(None)


def test_revisit_within_eighteen_months_of_acceptance() -> None:
    # Northumberland: declared fit for purpose on 18 March 2019.
    assert f16.revisit_due(date(2019, 3, 18)) == date(2020, 9, 18)


def test_covid_pause_extends_the_revisit_due_date() -> None:
    accepted = date(2019, 3, 18)
    assert f16.revisit_due_after_pause(accepted, date(2019, 12, 1)) == date(2020, 9, 18)
    assert f16.revisit_due_after_pause(accepted, date(2020, 9, 1)) is None
    after = f16.revisit_due_after_pause(accepted, date(2022, 1, 1))
    assert after == date(2021, 10, 3)  # 18 Sep 2020 plus the 380 days of the suspension
    # A revisit due before the suspension began is not moved.
    assert f16.revisit_due_after_pause(date(2018, 1, 10), date(2022, 1, 1)) == date(2019, 7, 10)


@pytest.mark.parametrize(
    ("total", "sufficient", "verdict"),
    [(5, 4, "some"), (5, 5, "all"), (3, 0, "none"), (2, 3, None), (None, 1, None), (0, 0, None)],
)
def test_revisit_verdict(total: int | None, sufficient: int | None, verdict: str | None) -> None:
    assert f16.revisit_verdict(total, sufficient) == verdict


def test_what_follows_a_revisit() -> None:
    assert f16.formal_monitoring_ends("all")
    assert not f16.formal_monitoring_ends("some")
    assert f16.accelerated_progress_plan_required("some")
    assert f16.accelerated_progress_plan_required("none")
    assert not f16.accelerated_progress_plan_required("all")
    assert f16.improvement_notice_possible("none")
    assert f16.progress_review_due(date(2022, 10, 13)) == date(2023, 4, 13)
    assert f16.further_revisit_expected() is False
    assert f16.further_revisit_expected(directed_by_secretary_of_state=True) is True


def test_areas_not_revisited_before_2023_wait_for_the_new_framework() -> None:
    assert not f16.never_revisited(True, False, date(2022, 12, 31))
    assert f16.never_revisited(True, False, date(2023, 1, 1))
    assert not f16.never_revisited(True, True, date(2023, 6, 1))
    assert not f16.never_revisited(False, False, date(2023, 6, 1))


def test_framework_boundary() -> None:
    assert f16.is_2016_framework(date(2022, 3, 7))
    assert not f16.is_2016_framework(date(2023, 1, 30))
