"""The 2016-framework revisit letter: "Joint area SEND revisit in <Area>".

Ofsted and CQC revisited each area that had to write a statement of action, to decide
whether it had made sufficient progress in each area of significant weakness. The letter
gives the revisit's dates, the publication date of the original inspection letter, the
date the statement was declared fit for purpose, a summary of how many weaknesses were
improved, and for each weakness its first wording and a verdict sentence.

Three events come out of one letter: the ``revisit`` itself, the ``inspection`` it follows
(a revisit implies that a statement was required), and ``wsoa_accepted``.

The revisit's ``published`` is the letter's date: revisit letters are published as dated
(the shared gold records the same), unlike outcome letters (see inspection_letter.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendwatch.dates import find_ranges
from sendwatch.extraction import Event, Extraction, Item, Span
from sendwatch.readers.base import Reader
from sendwatch.readers.letters import (
    COUNT,
    WSOA_RX,
    count_value,
    item_text,
    letter_confidence,
    paragraph_after,
    start_letter,
)
from sendwatch.readers.parties import letter_parties

_REVISITED_RX = re.compile(
    r"Ofsted\s+and\s+the\s+Care\s+Quality\s+Commission\s+\(CQC\)\s+revisited\s+the\s+area\s+of",
    re.I,
)
_PUBLISHED_RX = re.compile(
    r"inspection\s+(?:report\s+)?(?:letter\s+)?(?:was\s+)?published\s+on\s+", re.I
)
_FIT_RX = re.compile(r"declared\s+fit\s+for\s+purpose\s+(?:on|in)\s+", re.I)

#: "At the initial inspection, inspectors found the following:" opens each weakness.
_FOUND_RX = re.compile(
    r"At\s+the\s+initial\s+inspection,?\s+inspectors\s+found(?:\s+the\s+following)?\s*:", re.I
)
#: "The area has (not) made sufficient progress to improve this significant weakness."
_VERDICT_RX = re.compile(
    r"The\s+(?:local\s+)?area\s+has\s+(?P<not>not\s+)?made\s+sufficient\s+progress\s+"
    r"(?:to\s+\w+|in\s+\w+)\s+this\s+(?:area\s+of\s+)?(?:significant\s+)?weakness\.?",
    re.I,
)
#: The summary: "has (not) made sufficient progress in addressing four (of the five) ..."
_SUMMARY_RX = re.compile(
    r"has\s+(?P<not>not\s+)?made\s+sufficient\s+progress\s+in\s+(?:addressing|improving)\s+"
    rf"(?:(?P<all>all|any|none|each|both)|(?P<n>{COUNT}))(?:\s+of)?(?:\s+the)?"
    rf"(?:\s+(?P<total>{COUNT}))?\s+(?:of\s+the\s+)?(?:areas\s+of\s+)?significant\s+weakness(?:es)?",
    re.I,
)
#: "... the five significant weaknesses identified at the initial inspection"
_TOTAL_RX = re.compile(
    rf"\bthe\s+(?P<total>{COUNT})\s+(?:areas\s+of\s+)?significant\s+weaknesses\s+identified", re.I
)


@dataclass
class _Counts:
    total: int | None = None
    total_span: Span | None = None
    sufficient: int | None = None
    sufficient_span: Span | None = None


class RevisitLetterReader(Reader):
    """Reads Ofsted/CQC revisit letters of the 2016 framework."""

    document_type = "revisit_letter"

    def recognise(self, text: str) -> float:
        return letter_confidence(
            text,
            "revisit",
            opening=bool(_REVISITED_RX.search(text)),
            body=bool(_FOUND_RX.search(text) and _VERDICT_RX.search(text)),
        )

    def read(self, text: str, source: str) -> Extraction:
        start = start_letter(text, source, self.document_type, "revisit")
        ex = start.extraction
        if start.area is None:
            return ex
        area, dated, framework_span = start.area, start.dated, start.framework_span
        revisit = start.visit_event("revisit")
        if dated:
            revisit.put("published", dated[0], dated[1])
        for item in _weaknesses(text):
            revisit.add("weaknesses", item)
        counts = summary_counts(text, revisit.findings.get("weaknesses", []))
        revisit.put("weaknesses_total", counts.total, counts.total_span)
        revisit.put("weaknesses_sufficient", counts.sufficient, counts.sufficient_span)

        inspection = Event(area, "inspection")
        published = _PUBLISHED_RX.search(text)
        inspection.put("framework", "2016", framework_span)
        if published:
            found = next(find_ranges(text, published.end(), published.end() + 40), None)
            if found and found.span[0] == published.end():
                inspection.put("published", found.start, found.span)
        wsoa = WSOA_RX.search(text)
        # A revisit happens only where a statement was required; the letter says so in its
        # second paragraph, which is the evidence. Without it, the title implies it.
        if wsoa and not wsoa["not"]:
            inspection.put("outcome", "wsoa_required", wsoa.span())
        else:
            inspection.put("outcome", "wsoa_required", framework_span)
        inspection.put("weaknesses_total", counts.total, counts.total_span)

        ex.events = [inspection]
        fit = _FIT_RX.search(text)
        if fit:
            found = next(find_ranges(text, fit.end(), fit.end() + 40), None)
            if found and found.span[0] == fit.end():
                accepted = Event(area, "wsoa_accepted")
                accepted.put("date", found.start, found.span)
                ex.events.append(accepted)
        ex.events.append(revisit)
        ex.parties = letter_parties(text)
        return ex


def _weaknesses(text: str) -> list[Item]:
    """Each weakness as first worded, with the verdict sentence that follows it."""
    markers = list(_FOUND_RX.finditer(text))
    items = []
    for i, m in enumerate(markers):
        stop = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        span = paragraph_after(text, m.end())
        if span is None or span[0] >= stop:
            continue
        verdict = _VERDICT_RX.search(text, span[1], stop)
        if verdict:
            value = "insufficient" if verdict["not"] else "sufficient"
            items.append(Item(item_text(text, span), span, value, verdict.span()))
        else:
            items.append(Item(item_text(text, span), span))
    return items


def summary_counts(text: str, weaknesses: list[Item]) -> _Counts:
    """The number of weaknesses and of those improved, as the summary sentences state them."""
    counts = _Counts()
    not_sufficient: tuple[int, Span] | None = None
    for m in _SUMMARY_RX.finditer(text):
        span = m.span()
        if m["total"] and counts.total is None:
            counts.total, counts.total_span = count_value(m["total"]), span
        quantifier = (m["all"] or "").lower()
        n = count_value(m["n"]) if m["n"] else None
        if m["not"]:
            if quantifier in ("all", "any", "each") and counts.sufficient is None:
                # "has not made sufficient progress in addressing any of them": none was.
                counts.sufficient, counts.sufficient_span = 0, span
            elif n is not None and not_sufficient is None:
                not_sufficient = (n, span)
        elif counts.sufficient is None:
            if quantifier == "none":
                counts.sufficient, counts.sufficient_span = 0, span
            elif quantifier in ("all", "each", "both"):
                counts.sufficient, counts.sufficient_span = -1, span  # the total, below
                if quantifier == "both" and counts.total is None:
                    counts.total, counts.total_span = 2, span  # "both of them": two
            elif n is not None:
                counts.sufficient, counts.sufficient_span = n, span
    if counts.total is None:
        stated = _TOTAL_RX.search(text)
        if stated:
            counts.total, counts.total_span = count_value(stated["total"]), stated.span()
    if (
        counts.total is None
        and counts.sufficient not in (None, -1)
        and not_sufficient is not None
        and counts.sufficient_span is not None
    ):
        # "sufficient progress in four ... not ... in one": five in all, stated across both.
        assert counts.sufficient is not None
        counts.total = counts.sufficient + not_sufficient[0]
        counts.total_span = (
            min(counts.sufficient_span[0], not_sufficient[1][0]),
            max(counts.sufficient_span[1], not_sufficient[1][1]),
        )
    if counts.total is None and weaknesses and all(w.span for w in weaknesses):
        # The letter lists them; the count is the list's length, stated by the list.
        first, last = weaknesses[0].span, weaknesses[-1].verdict_span or weaknesses[-1].span
        assert first is not None and last is not None
        counts.total, counts.total_span = len(weaknesses), (first[0], last[1])
    if counts.sufficient == -1:
        counts.sufficient = counts.total
    if counts.sufficient is None and counts.total is not None and not_sufficient is not None:
        counts.sufficient = counts.total - not_sufficient[0]
        counts.sufficient_span = not_sufficient[1]
    return counts
