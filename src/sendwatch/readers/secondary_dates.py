"""Dates as press releases, news and council pages write them, at the precision they give.

Besides the full dates and ranges of :mod:`sendwatch.dates`, secondary sources say
"in March" or "on 3rd March" (the year is the page's own), "last month", "early 2023",
"spring 2024", "the end of 2023" or "the original 2018 inspection". Each is read to the
precision it states: a season or "early" gives only its year. Words that need the page's
own date ("last month", a month or day without its year) are read only when the page
carries one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sendwatch.dates import _DAY, _MONTH, _SEP, _iso, find_ranges, month_number

_YEAR = r"20[12]\d"

# A month with no year: "in March", "during September". The year can only come from
# the page's own date, so these are read only when the page carries one.
_BARE_MONTH_RX = re.compile(
    rf"\b(?:in|during|since|from|of|by|until|last|this)\s+(?:early\s+|late\s+|mid-?\s*)?"
    rf"(?P<m>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*\d)"
    # "in August of that year": the year is another sentence's, not the page's.
    rf"(?!\s+(?:of\s+)?(?:that|the\s+same|the\s+following|the\s+previous)\s+year)",
    re.I,
)
# A day and month with no year: "on 3rd March", "the week of 6 March"; and a range
# "between 12 and 16 November". Capitalised months only, as above.
_NO_YEAR = r"(?!,?\s*(?:19|20)\d\d)(?![\w/-])"
# A day may follow its weekday: "from Tuesday 15 October to Thursday 17 October".
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:the\s+)?)?"
_YEARLESS_RANGE_RX = re.compile(
    rf"\b{_WEEKDAY}(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?{_SEP}{_WEEKDAY}(?P<d2>{_DAY})\s+"
    rf"(?P<m2>{_MONTH}){_NO_YEAR}"
)
_YEARLESS_DAY_RX = re.compile(rf"\b(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}){_NO_YEAR}")
# "in August of that year", "in May the following year": the year of the last year the
# text named before it.
_THAT_YEAR_RX = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<which>that|the\s+same|the\s+following|the\s+next|"
    rf"the\s+previous)\s+year\b"
)
# Dates the page gives relative to its own: "last month", "earlier this year".
_RELATIVE_RX = re.compile(r"\b(?P<which>last|this|next)\s+(?P<unit>month|year)\b", re.I)
# A year with words around it that give no month: "early 2023", "spring 2024", "the end
# of 2023", "the autumn term of 2023", or a bare "2018".
_YEAR_RX = re.compile(rf"(?<![\d/-])(?P<y>{_YEAR})(?![\d/-]|\s*(?:reforms?|Act|Code)\b)")


# Dates in figures, day first as English pages write them: "20/05/2024", and ranges of
# two such dates, "between 12/02/2024 and 16/02/2024", "from 27/01/2025 to 31/01/2025".
_FIGURES = r"(?P<{0}d>[0-3]?\d)/(?P<{0}m>[01]?\d)/(?P<{0}y>(?:19|20)\d\d)"
_FIGURES_RX = re.compile(
    r"(?<![\d/])"
    + _FIGURES.format("a")
    + r"(?:\s*(?:and|to|until|-|–|—)\s*"
    + _FIGURES.format("b")
    + r")?(?![\d/])"
)


@dataclass(frozen=True)
class When:
    """A date, range, month or year found in a text, with the span that states it."""

    start: str
    end: str | None
    span: tuple[int, int]

    @property
    def rank(self) -> int:
        """How precise it is: a range or day 3, a month 2, a year 1."""
        return 3 if self.end else {10: 3, 7: 2, 4: 1}.get(len(self.start), 0)


def year_from(doc_date: str | None, month: int) -> int | None:
    """The year of a month named without one, from the page's own date.

    A month later in the year than the page's date is taken as last year's: a page of
    10 May that says "in September" speaks of the September before.
    """
    if not doc_date:
        return None
    year, doc_month = int(doc_date[:4]), int(doc_date[5:7]) if len(doc_date) >= 7 else 12
    return year - 1 if month > doc_month else year


def find_when(text: str, start: int, end: int, doc_date: str | None = None) -> list[When]:
    """Every date phrase in text[start:end], most specific reading first where they overlap."""
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    _spelt_ranges(text, start, end, doc_date, found, taken)
    _in_figures(text, start, end, found, taken)
    for f in find_ranges(text, start, end):
        if f.start and not _overlaps(f.span, taken):
            found.append(When(f.start, f.end, f.span))
            taken.append(f.span)
    _that_year(text, start, end, found, taken)
    if doc_date:
        _yearless(text, start, end, doc_date, found, taken)
    else:
        _yearless_by_page(text, start, end, found, taken)
    for m in _BARE_MONTH_RX.finditer(text, start, end):
        span = m.span("m")
        if _overlaps(span, taken):
            continue
        month = month_number(m["m"])
        # "May" is also a verb; only a capitalised month is read as one.
        if not m["m"][0].isupper():
            continue
        year = year_from(doc_date, month)
        if year is None:
            continue
        found.append(When(f"{year:04d}-{month:02d}", None, span))
        taken.append(span)
    for m in _YEAR_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken):
            continue
        found.append(When(m["y"], None, m.span()))
    found.sort(key=lambda w: w.span)
    return found


# Ranges spelt out: "between January 2022 and 1 February 2022" (a month, then a day),
# "between the 16th and the 20th of June (2022)".
_MONTH_TO_DAY_RX = re.compile(
    rf"\bbetween\s+(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})\s+and\s+(?:the\s+)?(?P<d2>{_DAY})\s+"
    rf"(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
)
# Two months of one year: "in November and December 2021" starts in the first.
_TWO_MONTHS_RX = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?:and|to|into|or)\s+(?P<m2>{_MONTH})\s+(?P<y>{_YEAR})\b"
)
_THE_DAYS_RX = re.compile(
    rf"\bthe\s+(?P<d1>{_DAY})\s+(?:and|to|until)\s+the\s+(?P<d2>{_DAY})\s+of\s+"
    rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
)


def _spelt_ranges(
    text: str,
    start: int,
    end: int,
    doc_date: str | None,
    found: list[When],
    taken: list[tuple[int, int]],
) -> None:
    """Ranges whose first end is spelt apart from the second: each end at its own precision
    ("January 2022" is a month), never the last day read as the first."""
    for m in _MONTH_TO_DAY_RX.finditer(text, start, end):
        first = f"{int(m['y1']):04d}-{month_number(m['m1']):02d}"
        last = _iso(int(m["y2"]), month_number(m["m2"]), m["d2"])
        if last and first <= last:
            found.append(When(first, last, m.span()))
            taken.append(m.span())
    for m in _TWO_MONTHS_RX.finditer(text, start, end):
        first_month, second_month = month_number(m["m1"]), month_number(m["m2"])
        # ("or" names no span: the page is unsure which month; only the year is stated.)
        if first_month < second_month and " or " not in m.group(0):
            found.append(When(f"{int(m['y']):04d}-{first_month:02d}", None, m.span()))
        else:
            found.append(When(m["y"], None, m.span()))
        taken.append(m.span())
    for m in _THE_DAYS_RX.finditer(text, start, end):
        month = month_number(m["m"])
        year = int(m["y"]) if m["y"] else year_from(doc_date, month)
        if year is None:
            continue
        one, two = _iso(year, month, m["d1"]), _iso(year, month, m["d2"])
        if one and two and one <= two:
            found.append(When(one, two, m.span()))
            taken.append(m.span())


def _yearless(
    text: str, start: int, end: int, doc_date: str, found: list[When], taken: list[tuple[int, int]]
) -> None:
    """Ranges, days and relative dates that take their year (or month) from the page's date."""
    for m in _YEARLESS_RANGE_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken) or not m["m2"][0].isupper():
            continue
        month2 = month_number(m["m2"])
        month1 = month_number(m["m1"]) if m["m1"] else month2
        year2 = year_from(doc_date, month2)
        if year2 is None:
            continue
        year1 = year2 - 1 if month1 > month2 else year2
        first, last = _iso(year1, month1, m["d1"]), _iso(year2, month2, m["d2"])
        if first and last and first <= last:
            found.append(When(first, last, m.span()))
            taken.append(m.span())
    for m in _YEARLESS_DAY_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken) or not m["m"][0].isupper():
            continue
        month = month_number(m["m"])
        day_year = year_from(doc_date, month)
        value = _iso(day_year, month, m["d"]) if day_year else None
        if value:
            found.append(When(value, None, m.span()))
            taken.append(m.span())
    year = int(doc_date[:4])
    doc_month = int(doc_date[5:7]) if len(doc_date) >= 7 else None
    for m in _RELATIVE_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken):
            continue
        step = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        if m["unit"].lower() == "year":
            found.append(When(f"{year + step:04d}", None, m.span()))
        elif doc_month is not None:
            index = year * 12 + doc_month - 1 + step
            found.append(When(f"{index // 12:04d}-{index % 12 + 1:02d}", None, m.span()))
        else:
            continue
        taken.append(m.span())


_WEEKDAY_DAY_RX = re.compile(
    rf"\b(?P<w>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s+(?:the\s+)?(?P<d>{_DAY})\s+"
    rf"(?P<m>{_MONTH}){_NO_YEAR}"
)
_MONTH_YEAR_RX = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b")


def _yearless_by_page(
    text: str, start: int, end: int, found: list[When], taken: list[tuple[int, int]]
) -> None:
    """Days without their year on a page with no date of its own. A day named with its
    weekday ("Wednesday 12 February") takes the one year, of those the page names and
    the year after the last, in which it falls on that weekday. A day or range in a month
    the page named before with its year ("a visit in September 2022 ... between 27 and 29
    September") takes that year."""
    years = sorted({int(y) for y in re.findall(rf"(?<!\d)({_YEAR})(?!\d)", text)})
    if not years:
        return
    for m in _WEEKDAY_DAY_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken):
            continue
        month, weekday = month_number(m["m"]), _WEEKDAYS.index(m["w"].lower())
        fits = [
            value
            for value in (_iso(y, month, m["d"]) for y in {*years, years[-1] + 1})
            if value and date.fromisoformat(value).weekday() == weekday
        ]
        if len(fits) == 1:
            found.append(When(fits[0], None, m.span()))
            taken.append(m.span())
    named = {month_number(x["m"]): int(x["y"]) for x in _MONTH_YEAR_RX.finditer(text, 0, start)}
    for m in _YEARLESS_RANGE_RX.finditer(text, start, end):
        month2 = month_number(m["m2"])
        month1 = month_number(m["m1"]) if m["m1"] else month2
        year = named.get(month2)
        if _overlaps(m.span(), taken) or year is None or month1 > month2:
            continue
        first, last = _iso(year, month1, m["d1"]), _iso(year, month2, m["d2"])
        if first and last and first <= last:
            found.append(When(first, last, m.span()))
            taken.append(m.span())
    for m in _YEARLESS_DAY_RX.finditer(text, start, end):
        year = named.get(month_number(m["m"]))
        value = _iso(year, month_number(m["m"]), m["d"]) if year else None
        if value and not _overlaps(m.span(), taken):
            found.append(When(value, None, m.span()))
            taken.append(m.span())


def _that_year(
    text: str, start: int, end: int, found: list[When], taken: list[tuple[int, int]]
) -> None:
    """Months given the year of an earlier date ("in August of that year")."""
    for m in _THAT_YEAR_RX.finditer(text, start, end):
        if _overlaps(m.span(), taken):
            continue
        # The year the sentences before spoke of: the last one named, not far back.
        years = list(
            re.finditer(rf"(?<!\d)(?:{_YEAR})(?!\d)", text[max(0, m.start() - 400) : m.start()])
        )
        if not years:
            continue
        step = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1}
        year = int(years[-1].group(0)) + step[" ".join(m["which"].split()).lower()]
        found.append(When(f"{year:04d}-{month_number(m['m']):02d}", None, m.span()))
        taken.append(m.span())


def _in_figures(
    text: str, start: int, end: int, found: list[When], taken: list[tuple[int, int]]
) -> None:
    """Dates and ranges written in figures, day first; an impossible one is no date."""
    for m in _FIGURES_RX.finditer(text, start, end):
        first = _iso(m["ay"], int(m["am"]), m["ad"])
        last = _iso(m["by"], int(m["bm"]), m["bd"]) if m["by"] else None
        if not first or (m["by"] and (not last or last < first)):
            continue
        found.append(When(first, last, m.span()))
        taken.append(m.span())


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in taken)


# "published yesterday", "released on Tuesday": a day named only relative to the page's
# own date. A date that follows ("yesterday, 17 July 2018") names it itself.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PUBLISHED_DAY_RX = re.compile(
    r"\b(?:published|released)\s+(?:(?P<y>yesterday)|on\s+(?P<w>(?:Mon|Tues|Wednes|Thurs|Fri|"
    r"Satur|Sun)day))\b(?!,?\s*(?:\d|the\s+\d|(?:19|20)\d\d))",
    re.I,
)


def published_day(text: str, start: int, end: int, doc_date: str | None) -> When | None:
    """The day a letter was "published yesterday" or "published on Tuesday", counted back
    from the page's own full date (a weekday is the latest one on or before it); or None
    when the page gives no day of its own."""
    if not doc_date or len(doc_date) != 10:
        return None
    m = _PUBLISHED_DAY_RX.search(text, start, end)
    if not m:
        return None
    day = date.fromisoformat(doc_date)
    back = 1 if m["y"] else (day.weekday() - _WEEKDAYS.index(m["w"].lower())) % 7
    return When((day - timedelta(days=back)).isoformat(), None, m.span())


# A post's own date line on a page of several: "Posted 26 January 2024", "3 June 2024".
_POST_LINE = re.compile(
    r"^[ \t]*(?:(?:Posted|Published|Added)(?: on)?:?[ \t]+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?"
    rf"(?P<d>{_DAY}[ \t]+{_MONTH}[ \t]+{_YEAR})[ \t]*$",
    re.M,
)


def post_date(text: str, at: int, page_span: tuple[int, int] | None) -> str | None:
    """The date of the post that position ``at`` stands in, on a page that carries two or
    more posts' date lines below its own date; None on a page of one."""
    lines = [m for m in _POST_LINE.finditer(text) if not page_span or m.end() >= page_span[1]]
    if len(lines) < 2:
        return None
    above = [m for m in lines if m.end() <= at]
    return _iso(*_day_month_year(above[-1]["d"])) if above else None


def _day_month_year(phrase: str) -> tuple[str, str, str]:
    d, m, y = phrase.split()
    return y, m, d
