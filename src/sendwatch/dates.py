"""Date phrases as inspection documents write them, read at the precision they give.

"27 September 2022" is a day, "November 2018" a month, "2023" a year; a range such as
"10 to 14 July 2023" or "30 January to 3 February 2023" lends its month and year to its
first end. Values are ISO strings: "2022-09-27", "2018-11", "2023".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_SEP = r"\s*(?:to|until|till|and|-|–|—)\s*"

DAY_RX = re.compile(rf"\b(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I)
MONTH_RX = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b", re.I)
RANGE_RX = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:,?\s+(?P<y1>{_YEAR}))?{_SEP}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b",
    re.I,
)


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or _ABBREVIATIONS[key]


def _iso(y: str | int, m: str | int, d: str | int) -> str | None:
    day = int(re.sub(r"\D", "", str(d)))
    month = m if isinstance(m, int) else month_number(m)
    try:
        return date(int(y), month, day).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Found:
    """A date or range found in a text, with the span that states it."""

    start: str | None
    end: str | None
    span: tuple[int, int]


def parse_date(phrase: str) -> str | None:
    """One date phrase to ISO at its precision, or None: '02 February 2024' -> '2024-02-02'."""
    phrase = phrase.strip()
    m = DAY_RX.fullmatch(phrase)
    if m:
        return _iso(m["y"], m["m"], m["d"])
    m = MONTH_RX.fullmatch(phrase)
    if m:
        return f"{int(m['y']):04d}-{month_number(m['m']):02d}"
    if re.fullmatch(_YEAR, phrase):
        return phrase
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", phrase)
    if m:
        return _iso(m[1], int(m[2]), m[3])
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", phrase)
    if m:
        return _iso(m[3], int(m[2]), m[1])
    return None


def parse_range(phrase: str) -> tuple[str | None, str | None]:
    """A range phrase to (start, end); a single date gives (date, None)."""
    m = RANGE_RX.fullmatch(phrase.strip())
    if m:
        return _range_values(m)
    return parse_date(phrase), None


def _range_values(m: re.Match[str]) -> tuple[str | None, str | None]:
    end = _iso(m["y2"], m["m2"], m["d2"])
    month1 = m["m1"] or m["m2"]
    year1 = m["y1"]
    if year1 is None:
        year1 = m["y2"]
        # "28 December to 3 January 2023": the start is in the year before.
        if month_number(month1) > month_number(m["m2"]):
            year1 = str(int(m["y2"]) - 1)
    start = _iso(year1, month1, m["d1"])
    # An impossible end ("30 February") makes the whole range unreadable, not half of it.
    if start is None or end is None or start > end:
        return None, None
    return start, end


def find_ranges(text: str, start: int = 0, end: int | None = None) -> Iterator[Found]:
    """Date ranges and single dates in text[start:end], in order, ranges taking precedence."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for m in RANGE_RX.finditer(text, start, end):
        s, e = _range_values(m)
        if s and e:
            found.append(Found(s, e, m.span()))
            taken.append(m.span())
    for m in DAY_RX.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _iso(m["y"], m["m"], m["d"])
        if value:
            found.append(Found(value, None, m.span()))
        # An impossible day ("31 February 2023") is still taken: its month and year alone
        # must not be read as a month-precision date the text does not state.
        taken.append(m.span())
    for m in MONTH_RX.finditer(text, start, end):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        found.append(Found(f"{int(m['y']):04d}-{month_number(m['m']):02d}", None, m.span()))
    found.sort(key=lambda f: f.span)
    yield from found


def first_date(text: str, start: int = 0, end: int | None = None) -> Found | None:
    """The first date or range in text[start:end]."""
    return next(find_ranges(text, start, end), None)


def precision(value: str) -> str:
    """'day', 'month' or 'year' for an ISO value of sendwatch."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


def earliest(value: str) -> date:
    """The first day a value of any precision can mean ('2018-11' -> 1 November 2018)."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


def latest(value: str) -> date:
    """The last day a value of any precision can mean ('2018-11' -> 30 November 2018)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31)
