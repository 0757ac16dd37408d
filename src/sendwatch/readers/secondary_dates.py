"""Dates as press releases, news and council pages write them, at the precision they give.

Besides the full dates and ranges of :mod:`sendwatch.dates`, secondary sources say
"in March" (the year is the page's own), "early 2023", "spring 2024", "the end of 2023"
or "the original 2018 inspection". Each is read to the precision it states: a season
or "early" gives only its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendwatch.dates import _MONTH, find_ranges, month_number

_YEAR = r"20[12]\d"

# A month with no year: "in March", "during September". The year can only come from
# the page's own date, so these are read only when the page carries one.
_BARE_MONTH_RX = re.compile(
    rf"\b(?:in|during|since|from|of|by|until|last|this)\s+(?:early\s+|late\s+|mid-?\s*)?"
    rf"(?P<m>{_MONTH})\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*\d)",
    re.I,
)
# A year with words around it that give no month: "early 2023", "spring 2024", "the end
# of 2023", "the autumn term of 2023", or a bare "2018".
_YEAR_RX = re.compile(rf"(?<![\d/-])(?P<y>{_YEAR})(?![\d/-]|\s*(?:reforms?|Act|Code)\b)")


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
    for f in find_ranges(text, start, end):
        if f.start:
            found.append(When(f.start, f.end, f.span))
            taken.append(f.span)
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


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in taken)
