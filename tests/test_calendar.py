"""The England working-day calendar and the month arithmetic the rules count with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from sendwatch.rules import Pause
from sendwatch.rules.calendar import (
    ENGLAND,
    add_months,
    add_working_days,
    add_years,
    working_days_between,
)


def test_bank_holidays_come_from_the_library_including_one_off_days() -> None:
    days = ENGLAND.bank_holidays(2022)
    # The Platinum Jubilee and the Queen's state funeral were one-off bank holidays.
    assert date(2022, 6, 3) in days
    assert date(2022, 9, 19) in days
    assert not ENGLAND.is_working_day(date(2022, 9, 19))
    # St Andrew's Day is a Scottish holiday, not an English one.
    assert ENGLAND.is_working_day(date(2022, 11, 30))


def test_weekends_are_not_working_days() -> None:
    assert not ENGLAND.is_working_day(date(2022, 10, 15))  # Saturday
    assert not ENGLAND.is_working_day(date(2022, 10, 16))  # Sunday
    assert ENGLAND.is_working_day(date(2022, 10, 17))


def test_add_working_days_skips_weekends_and_christmas() -> None:
    assert add_working_days(date(2022, 10, 14), 1) == date(2022, 10, 17)
    # 24 Dec 2021 is a Friday; 27, 28 Dec and 3 Jan are bank holidays (substitute days).
    assert add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)
    assert add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)
    assert add_working_days(date(2022, 10, 14), 0) == date(2022, 10, 14)


def test_seventy_working_days_from_publication_is_never_before_the_stated_deadline() -> None:
    # Slough: report published 17 Nov 2021, statement due 18 Feb 2022 (counted from receipt,
    # which comes before publication). Counting from publication can only be later.
    due = add_working_days(date(2021, 11, 17), 70)
    assert due >= date(2022, 2, 18)
    assert (due - date(2022, 2, 18)).days < 14


def test_working_days_between_agrees_with_add() -> None:
    start = date(2021, 11, 17)
    assert working_days_between(start, add_working_days(start, 70)) == 70
    assert working_days_between(start, start) == 0


def test_a_calendar_is_passed_in() -> None:
    @dataclass(frozen=True)
    class EveryDay:
        def is_working_day(self, day: date) -> bool:
            return True

    assert add_working_days(date(2022, 10, 14), 3, EveryDay()) == date(2022, 10, 17)


def test_negative_counts_are_refused_with_the_input_named() -> None:
    with pytest.raises(ValueError, match="-1"):
        add_working_days(date(2022, 1, 1), -1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 8, 22), 18, date(2025, 2, 22)),
        (date(2022, 8, 31), 6, date(2023, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2022, 10, 13), 6, date(2023, 4, 13)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_years_from_29_february() -> None:
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)


class TestPause:
    pause = Pause("test", date(2020, 3, 17), date(2021, 4, 1))

    def test_due_before_the_pause_is_unchanged(self) -> None:
        assert self.pause.extend(date(2018, 1, 1), date(2019, 7, 1), date(2022, 1, 1)) == date(
            2019, 7, 1
        )

    def test_not_extended_before_the_pause_was_known(self) -> None:
        assert self.pause.extend(date(2019, 6, 1), date(2020, 12, 1), date(2020, 1, 1)) == date(
            2020, 12, 1
        )

    def test_unknown_while_the_pause_lasts(self) -> None:
        assert self.pause.extend(date(2019, 6, 1), date(2020, 12, 1), date(2020, 6, 1)) is None

    def test_clock_stopped_for_the_whole_pause(self) -> None:
        lost = (date(2021, 4, 1) - date(2020, 3, 17)).days
        assert lost == 380
        extended = self.pause.extend(date(2019, 6, 1), date(2020, 12, 1), date(2021, 5, 1))
        assert extended is not None
        assert (extended - date(2020, 12, 1)).days == lost

    def test_clock_started_inside_the_pause_runs_from_its_end(self) -> None:
        extended = self.pause.extend(date(2020, 6, 1), date(2021, 12, 1), date(2021, 5, 1))
        assert extended is not None
        assert (extended - date(2021, 12, 1)).days == (date(2021, 4, 1) - date(2020, 6, 1)).days
