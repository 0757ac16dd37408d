"""The reader of 2023-framework monitoring inspection reports (Ofsted and CQC, from 2025).

The form (``docs/documents.md`` §4, ``docs/regime.md`` §2.3): an area whose full
inspection found widespread and/or systemic failings is inspected again on its areas for
priority action only. The report is titled "Monitoring inspection of <Area> Local Area
Partnership", gives the inspection dates and the date of the full inspection it follows,
and judges, for each area for priority action, whether the partnership has taken
"effective action" or "ineffective action", with an overall conclusion.

No real monitoring report was at hand when this was written; the reader follows the
full reports' layout (:mod:`sendwatch.readers.report_sections`) and the handbook's two
outcomes, and reads each area for priority action under a numbered heading ("Area for
priority action 1").
"""

from __future__ import annotations

import re

from sendwatch.extraction import Event, Extraction, Item, Span
from sendwatch.readers.area_report import (
    previous_visit_events,
    put_visit_dates,
    report_event,
    value_span,
)
from sendwatch.readers.base import Reader, sentences
from sendwatch.readers.parties import report_parties
from sendwatch.readers.report_sections import (
    Line,
    is_running_header,
    line_width,
    lines_of,
    list_items,
)

TITLE_RX = re.compile(
    r"Monitoring\s+inspection\s+of\s+(?:the\s+)?(?P<area>[^\n]+?(?:\n[^\n]+?)?)\s+"
    r"Local\s+Area\s+Partnership\b",
    re.I,
)

#: "Date of the full inspection: ...", "Date of previous inspection: ...", "Date of area
#: SEND inspection: ...", "Dates of the inspection this follows: ...".
FULL_INSPECTION_RX = re.compile(
    r"^[ \t]*Dates?\s*(?:\(s\))?\s+of\s+(?:the\s+)?(?:previous\s+|last\s+)?"
    r"(?:full\s+|area\s+SEND\s+)?(?:re)?inspection(?:\s+this\s+follows)?\s*:"
    r"[ \t]*(?P<value>[^\n]*)",
    re.I | re.M,
)

_INEFFECTIVE = re.compile(
    r"\bineffective\s+action\b|\bnot\s+(?:yet\s+)?(?:taken|taking|take)\s+effective\s+action\b"
    r"|\bno\s+effective\s+action\b",
    re.I,
)
_EFFECTIVE = re.compile(r"\beffective\s+action\b", re.I)

#: The heading of one area for priority action: "Area for priority action 1", "Priority
#: action 2:", "Area for priority action one".
PRIORITY_HEADING_RX = re.compile(
    r"^[ \t]*(?:Area\s+for\s+)?priority\s+action\s+(?P<n>\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight)\b[ \t]*[:.]?[ \t]*$",
    re.I | re.M,
)

#: Headings that end the part of the report about the areas for priority action.
_END_RX = re.compile(
    r"^[ \t]*(?:Local\s+area\s+partnership\s+details|Information\s+about\s+this\s+inspection|"
    r"Inspection\s+team|Next\s+steps|Areas\s+for\s+improvement)[ \t]*$",
    re.I | re.M,
)
#: A line that names who is responsible for an area for priority action, as the full
#: report's table does ("Responsible body: Leeds City Council"): not the area's wording.
_RESPONSIBLE_RX = re.compile(r"^Responsible\s+bod(?:y|ies)\b", re.I)

_OUTCOME_HEADING_RX = re.compile(
    r"^[ \t]*(?:Monitoring\s+)?inspection\s+outcome[ \t]*$"
    r"|^[ \t]*Overall\s+(?:conclusion|judgement)[ \t]*$",
    re.I | re.M,
)


def verdict_of(text: str, start: int, end: int) -> tuple[str | None, Span | None]:
    """The first sentence in text[start:end] judging action effective or ineffective."""
    for s in sentences(text, start, end):
        chunk = text[s[0] : s[1]]
        if _INEFFECTIVE.search(chunk):
            return "ineffective", s
        if _EFFECTIVE.search(chunk):
            return "effective", s
    return None, None


class MonitoringReportReader(Reader):
    """Reads a monitoring inspection report under the 2023 area SEND framework."""

    document_type = "monitoring_report"

    def recognise(self, text: str) -> float:
        head = text[:3000]
        if not TITLE_RX.search(head):
            return 0.0
        score = 0.7
        if _EFFECTIVE.search(text):
            score += 0.2
        if re.search(r"areas?\s+for\s+priority\s+action", text, re.I):
            score += 0.1
        return min(score, 1.0)

    def read(self, text: str, source: str) -> Extraction:
        extraction = Extraction(source=source, document_type=self.document_type, text=text)
        area = self.area_of(text)
        if area is None:
            return extraction
        event = report_event(extraction, area, "monitoring_inspection", TITLE_RX)
        put_visit_dates(text, event)
        self.read_outcome(text, event)
        self.read_priority_actions(text, event)
        extraction.events.extend(self.full_inspection(text, area))
        extraction.parties = report_parties(text, area)
        return extraction

    def area_of(self, text: str) -> str | None:
        m = TITLE_RX.search(text[:5000])
        if not m:
            return None
        found = self.area_named(" ".join(m["area"].split()))
        return found.name if found else None

    def full_inspection(self, text: str, area: str) -> list[Event]:
        """The full inspection this monitoring follows, as a ``previous_visit`` event."""
        m = FULL_INSPECTION_RX.search(text)
        if not m:
            return []
        return previous_visit_events(text, area, *value_span(text, m))

    def read_outcome(self, text: str, event: Event) -> None:
        """The overall conclusion: under an outcome heading, else the first judgement."""
        heading = _OUTCOME_HEADING_RX.search(text)
        start = heading.end() if heading else 0
        end = min(len(text), start + 1500)
        value, span = verdict_of(text, start, end)
        if value is not None:
            event.put("outcome", f"{value}_action", span)

    def read_priority_actions(self, text: str, event: Event) -> None:
        """Each area for priority action, its wording, and the verdict on the action taken."""
        headings = list(PRIORITY_HEADING_RX.finditer(text))
        if not headings:
            return
        ends = [h.start() for h in headings[1:]]
        stop = _END_RX.search(text, headings[-1].end())
        ends.append(stop.start() if stop else len(text))
        all_lines: list[Line] = []
        for h, end in zip(headings, ends, strict=True):
            all_lines += lines_of(text, h.end(), end)
        width = line_width(all_lines)
        effective = 0
        judged = 0
        for h, end in zip(headings, ends, strict=True):
            body = [x for x in lines_of(text, h.end(), end) if not is_running_header(x)]
            # The responsible body's line (and any lower-case run-on of it) comes before
            # the wording, which opens a sentence with a capital.
            if body and _RESPONSIBLE_RX.match(body[0].text):
                body = body[1:]
                while body and body[0].text[:1].islower():
                    body = body[1:]
            blocks = list_items(body, width)
            if not blocks:
                continue
            wording = blocks[0]
            verdict, verdict_span = verdict_of(text, wording.span[1], end)
            event.add("weaknesses", Item(wording.text, wording.span, verdict, verdict_span))
            if verdict is not None:
                judged += 1
                effective += verdict == "effective"
        count = len(event.findings.get("weaknesses", []))
        span = (headings[0].start(), ends[-1])
        event.put("weaknesses_total", count, span)
        if judged == count:
            event.put("weaknesses_sufficient", effective, span)
        if "outcome" not in event.values and judged == count and count:
            # No overall sentence: every area judged effective means effective overall.
            overall = "effective_action" if effective == count else "ineffective_action"
            event.put("outcome", overall, span)
