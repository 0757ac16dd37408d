"""Working days in England, and calendar-month arithmetic, for the statutory clocks.

The bank holidays come from the ``holidays`` library (England's subdivision of the United
Kingdom), never from a list kept here: one-off holidays such as a state funeral are added
by that library's maintainers. Rules take a :class:`Calendar` as an argument so that a test
can pass a calendar of its own and a rule never reads the clock or the network.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Protocol

import holidays


class Calendar(Protocol):
    """What a rule needs to know about days: which are working days."""

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        ...


@lru_cache(maxsize=64)
def _england_bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


@dataclass(frozen=True)
class EnglandCalendar:
    """Monday to Friday, except bank holidays in England (``holidays``, subdiv ``ENG``)."""

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a weekday that is not a bank holiday in England."""
        return day.weekday() < 5 and day not in _england_bank_holidays(day.year)

    def bank_holidays(self, year: int) -> frozenset[date]:
        """The bank holidays in England in ``year``."""
        return _england_bank_holidays(year)


#: The calendar the rules use unless told otherwise.
ENGLAND = EnglandCalendar()


def add_working_days(start: date, days: int, calendar: Calendar = ENGLAND) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0).

    A count of 70 working days from a letter dated Wednesday lands on the 70th working day
    after it, skipping weekends and bank holidays.
    """
    if days < 0:
        raise ValueError(f"add_working_days counts forward only; got {days} days")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date, calendar: Calendar = ENGLAND) -> int:
    """How many working days fall after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=n))
    )


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter.

    31 August plus 6 months is 28 (or 29) February: a period "within 6 months" never runs
    into the month after.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def add_years(start: date, years: int) -> date:
    """The same day ``years`` years later (29 February becomes 28 February)."""
    return add_months(start, 12 * years)
