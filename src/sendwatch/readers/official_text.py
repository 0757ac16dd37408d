"""Official text wherever it stands: the inspectorates' own sentences quoted or
republished on a council's or a paper's page, read with what the letter and report readers
know.

A council page often reproduces a letter's opening ("Between 12 and 16 November 2018,
Ofsted and the Care Quality Commission (CQC) conducted a joint inspection of the local area
of ..."), its determination that a written statement of action is required, a revisit
letter's summary of progress or a 2023 report's outcome sentence. These are the letter and
report readers' own patterns, imported from them, never written again here; what they
state on a page is the page's value, over whatever the page's own words suggest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sendwatch.extraction import Span
from sendwatch.readers.area_report import OUTCOMES
from sendwatch.readers.letters import OPENING_RX, WSOA_RX, visit_dates
from sendwatch.readers.revisit_letter import summary_counts

#: What follows an opening's "Ofsted and the Care Quality Commission (CQC)" says which visit
#: it opens: the joint inspection or the revisit.
_OPENED = re.compile(
    r"\s*(?:\(CQC\))?,?\s*(?:(?P<inspection>conducted\s+a\s+joint\s+inspection)|"
    r"(?P<revisit>revisited))\b",
    re.I,
)


@dataclass(frozen=True)
class OfficialValue:
    """One value official text states: of which visit ("inspection" or "revisit"), which
    field, the value, and the words that state it."""

    visit: str
    name: str
    value: Any
    span: Span


def official_values(text: str) -> list[OfficialValue]:
    """The values the official sentences in ``text`` state, in the letter readers' terms."""
    out: list[OfficialValue] = []
    opening = OPENING_RX.search(text)
    opened = _OPENED.match(text, opening.end()) if opening else None
    if opening and opened:
        visit = "inspection" if opened["inspection"] else "revisit"
        start, end, start_span, end_span = visit_dates(text)
        if start and start_span:
            out.append(OfficialValue(visit, "visit_start", start, start_span))
        if end and end_span:
            out.append(OfficialValue(visit, "visit_end", end, end_span))
        out.append(OfficialValue(visit, "framework", "2016", (opening.start(), opened.end())))
    wsoa = WSOA_RX.search(text)
    if wsoa:
        # "determined that a written statement of action is (not) required".
        outcome = "no_wsoa" if wsoa["not"] else "wsoa_required"
        out.append(OfficialValue("inspection", "outcome", outcome, wsoa.span()))
    counts = summary_counts(text, [])
    if counts.sufficient is not None and counts.sufficient_span is not None:
        out.append(
            OfficialValue(
                "revisit", "weaknesses_sufficient", counts.sufficient, counts.sufficient_span
            )
        )
        if counts.total is not None and counts.total_span is not None:
            out.append(
                OfficialValue("revisit", "weaknesses_total", counts.total, counts.total_span)
            )
    for outcome, rx in OUTCOMES:
        m = rx.search(text)
        if m:
            out.append(OfficialValue("inspection", "outcome", outcome, m.span()))
            out.append(OfficialValue("inspection", "framework", "2023", m.span()))
            break
    return out
