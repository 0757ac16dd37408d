"""Date phrases as inspection documents write them: every generated phrase reads back.

Property tests (hypothesis): dates are drawn, written in each of the forms the documents
use ("27 September 2022 to 30 September 2022", "10 to 14 July 2023", "27 March to
31 March 2023", "02 February 2024", "8th April 2022", "November 2018"), and must parse
back to the dates drawn; found in running text, their spans must quote the phrase exactly.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendwatch.dates import (
    earliest,
    find_ranges,
    first_date,
    latest,
    parse_date,
    parse_range,
    precision,
)

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def ordinal(n: int) -> str:
    """8 -> '8th', 22 -> '22nd', 13 -> '13th'."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def day_phrase(d: date, style: str = "plain") -> str:
    """One date as documents write it: '2 February 2024', '02 February 2024', '2nd ...'."""
    day = {"plain": str(d.day), "padded": f"{d.day:02d}", "ordinal": ordinal(d.day)}[style]
    return f"{day} {MONTH_NAMES[d.month - 1]} {d.year}"


@st.composite
def ranges(draw: st.DrawFn) -> tuple[date, date, str]:
    """A visit of one day to five weeks, written in one of the forms the documents use."""
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(min_value=1, max_value=35)))
    # "27 March to 31 March 2023", "30 January to 3 February 2023", and across the new
    # year "28 December to 3 January 2023", whose start takes the year before.
    forms = ["full", "shared_year"]
    if (start.year, start.month) == (end.year, end.month):
        forms.append("shared_month")  # "10 to 14 July 2023"
    form = draw(st.sampled_from(forms))
    style = draw(st.sampled_from(["plain", "padded", "ordinal"]))
    joiner = draw(st.sampled_from([" to ", " and ", " – ", " - "]))
    if form == "full":
        phrase = day_phrase(start, style) + joiner + day_phrase(end, style)
    elif form == "shared_year":
        first = day_phrase(start, style).rsplit(" ", 1)[0]
        phrase = first + joiner + day_phrase(end, style)
    else:
        first = day_phrase(start, style).split(" ", 1)[0]
        phrase = first + joiner + day_phrase(end, style)
    return start, end, phrase


@given(days, st.sampled_from(["plain", "padded", "ordinal"]))
def test_every_day_phrase_reads_back(d: date, style: str) -> None:
    assert parse_date(day_phrase(d, style)) == d.isoformat()


@given(days)
def test_month_phrase_reads_back_at_month_precision(d: date) -> None:
    value = parse_date(f"{MONTH_NAMES[d.month - 1]} {d.year}")
    assert value == f"{d.year:04d}-{d.month:02d}"
    assert value is not None and precision(value) == "month"
    assert earliest(value) <= d <= latest(value)


@given(ranges())
def test_every_range_phrase_reads_back(drawn: tuple[date, date, str]) -> None:
    start, end, phrase = drawn
    assert parse_range(phrase) == (start.isoformat(), end.isoformat())


@given(ranges(), st.sampled_from(["Inspection dates: ", "Between ", "held from\n"]))
def test_find_ranges_span_quotes_exactly_the_phrase(
    drawn: tuple[date, date, str], lead: str
) -> None:
    start, end, phrase = drawn
    text = f"{lead}{phrase}, inspectors visited.\n"
    found = list(find_ranges(text))
    assert len(found) == 1
    a, b = found[0].span
    assert text[a:b] == phrase
    assert (found[0].start, found[0].end) == (start.isoformat(), end.isoformat())


@given(days, st.sampled_from(["plain", "padded", "ordinal"]))
def test_find_ranges_single_date_span_quotes_the_phrase(d: date, style: str) -> None:
    phrase = day_phrase(d, style)
    text = f"The letter published on {phrase} said so."
    found = first_date(text)
    assert found is not None
    assert text[found.span[0] : found.span[1]] == phrase
    assert (found.start, found.end) == (d.isoformat(), None)


@given(days)
def test_day_values_are_their_own_earliest_and_latest(d: date) -> None:
    value = d.isoformat()
    assert precision(value) == "day"
    assert earliest(value) == latest(value) == d


@given(st.integers(min_value=2000, max_value=2030))
def test_year_values_span_the_year(year: int) -> None:
    assert parse_date(str(year)) == str(year)
    assert earliest(str(year)) == date(year, 1, 1)
    assert latest(str(year)) == date(year, 12, 31)


@pytest.mark.parametrize(
    "phrase",
    ["31 February 2023", "30 February 2024", "31 April 2022", "29 February 2023", "0 May 2022"],
)
def test_impossible_dates_give_none(phrase: str) -> None:
    assert parse_date(phrase) is None


def test_impossible_date_is_not_found_in_text() -> None:
    assert list(find_ranges("It was held on 31 February 2023, they say.")) == []


def test_range_with_an_impossible_end_is_not_a_range() -> None:
    assert parse_range("27 February to 30 February 2023") == (None, None)
    assert [f.start for f in find_ranges("from 27 February to 30 February 2023")] == []


def test_range_across_the_new_year_takes_the_year_before_for_its_start() -> None:
    assert parse_range("28 December to 3 January 2023") == ("2022-12-28", "2023-01-03")
