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
    INSPECTION_DATES_RX,
    previous_visit_events,
    put_visit_dates,
    report_event,
    value_span,
)
from sendwatch.readers.base import Reader, sentences
from sendwatch.readers.parties import report_parties
from sendwatch.readers.report_sections import (
    Line,
    bullet_of,
    is_running_header,
    line_width,
    lines_of,
    list_items,
    paragraph_break,
)

TITLE_RX = re.compile(
    # A title line, not a sentence that happens to hold the words: it opens its line, and
    # the area's name (which may wrap once) holds no full stop.
    r"(?m)^[ \t]*(?i:(?:Area\s+SEND\s+)?Monitoring\s+inspection\s+of)\s+(?:the\s+)?"
    r"(?P<area>[^\n.]{2,80}?(?:\n[^\n.]{2,80}?)?)\s+(?i:Local\s+Area\s+Partnership)\b"
)

#: "Date of the full inspection: ...", "Date of previous inspection: ...", "Date of area
#: SEND inspection: ...", "Dates of the inspection this follows: ...", "Previous
#: inspection: ...", "Full inspection dates: ...".
FULL_INSPECTION_RX = re.compile(
    r"^[ \t]*(?:Dates?\s*(?:\(s\))?\s+of\s+(?:the\s+)?(?:previous\s+|last\s+)?"
    r"(?:full\s+|area\s+SEND\s+)?(?:re)?inspection(?:\s+this\s+follows)?"
    r"|(?:Previous|Last|Full)\s+(?:full\s+|area\s+SEND\s+)?inspection(?:\s+dates?)?)\s*:"
    r"[ \t]*(?P<value>[^\n]*)",
    re.I | re.M,
)

#: A judgement of the action taken, in the handbook's wordings and the reports':
#: "has taken effective action", "is taking effective action", "has made effective
#: progress", "has not taken effective action", "has taken ineffective action", "is not
#: yet taking effective action".
JUDGEMENT_RX = re.compile(
    r"\b(?:has|have|is|are)\s+(?P<not>not\s+)?(?:yet\s+)?(?:taken|taking|made|making)\s+"
    r"(?:sufficiently\s+)?(?P<in>in)?effective\s+(?:action|progress)\b"
    r"|\b(?P<no>no)\s+effective\s+(?:action|progress)\b"
    r"|\bineffective\s+action\b",
    re.I,
)
_EFFECTIVE = re.compile(r"\beffective\s+(?:action|progress)\b", re.I)

#: The heading of one area for priority action: "Area for priority action 1", "Priority
#: action 2:", "Area for priority action one".
PRIORITY_HEADING_RX = re.compile(
    r"^[ \t]*(?:Area\s+for\s+)?priority\s+action\s+(?P<n>\d{1,2}|one|two|three|four|five|six|"
    r"seven|eight)\b[ \t]*[:.]?[ \t]*$",
    re.I | re.M,
)

#: The heading of the areas for priority action when they are listed together.
LIST_HEADING_RX = re.compile(
    r"^[ \t]*(?:The\s+)?areas?\s+for\s+priority\s+action[ \t]*:?[ \t]*$", re.I | re.M
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


def judgement(chunk: str) -> str | None:
    """ "effective" or "ineffective" when ``chunk`` judges the action taken, else None."""
    m = JUDGEMENT_RX.search(chunk)
    if not m:
        return None
    negative = (
        m["not"]
        or m["in"]
        or m["no"]
        or not m.group().lower().startswith(("has", "have", "is", "are"))
    )
    return "ineffective" if negative else "effective"


def judgements(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """Every sentence in text[start:end] that judges action, with its verdict."""
    out = []
    for s in sentences(text, start, end):
        value = judgement(text[s[0] : s[1]])
        if value is not None:
            out.append((value, s))
    return out


def verdict_of(text: str, start: int, end: int) -> tuple[str | None, Span | None]:
    """The first sentence in text[start:end] judging action effective or ineffective."""
    found = judgements(text, start, end)
    return found[0] if found else (None, None)


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
        if heading:
            start = heading.end()
        else:
            # The conclusion opens the report's words, after the title and the labelled
            # dates (which end no sentence of their own).
            labels = [
                m.end()
                for rx in (INSPECTION_DATES_RX, FULL_INSPECTION_RX, TITLE_RX)
                if (m := rx.search(text, 0, 3000))
            ]
            start = max(labels, default=0)
        end = min(len(text), start + 1500)
        value, span = verdict_of(text, start, end)
        if value is not None:
            event.put("outcome", f"{value}_action", span)

    def read_priority_actions(self, text: str, event: Event) -> None:
        """Each area for priority action, its wording, and the verdict on the action taken."""
        headings = list(PRIORITY_HEADING_RX.finditer(text))
        if not headings:
            self.read_listed_actions(text, event)
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
        self.put_totals(event, (headings[0].start(), ends[-1]), judged, effective)

    def put_totals(self, event: Event, span: Span, judged: int, effective: int) -> None:
        """The count of areas for priority action, and how many were judged effective."""
        count = len(event.findings.get("weaknesses", []))
        event.put("weaknesses_total", count, span)
        if judged == count:
            event.put("weaknesses_sufficient", effective, span)
        if "outcome" not in event.values and judged == count and count:
            # No overall sentence: every area judged effective means effective overall.
            overall = "effective_action" if effective == count else "ineffective_action"
            event.put("outcome", overall, span)

    def read_listed_actions(self, text: str, event: Event) -> None:
        """Areas for priority action given as a bulleted list, then judged in paragraphs.

        The list follows an "Areas for priority action" heading (and any line
        introducing it); the paragraphs after the list judge the areas in the list's
        order, one judging sentence each. When the judging sentences are not one per
        area, the verdicts are left unread rather than paired by guess.
        """
        heading = LIST_HEADING_RX.search(text)
        if heading is None:
            return
        stop = _END_RX.search(text, heading.end())
        end = stop.start() if stop else len(text)
        lines = [x for x in lines_of(text, heading.end(), end) if not is_running_header(x)]
        first = next((i for i, x in enumerate(lines) if bullet_of(x) is not None), None)
        if first is None:
            return
        width = line_width(lines)
        listed = [lines[first]]
        for line in lines[first + 1 :]:
            if bullet_of(line) is None and paragraph_break(listed[-1], line, width):
                break
            listed.append(line)
        blocks = [b for b in list_items(listed, width) if bullet_of(b.lines[0]) is not None]
        if not blocks:
            return
        found = judgements(text, listed[-1].end, end)
        paired = len(found) == len(blocks)
        effective = 0
        for i, block in enumerate(blocks):
            verdict, span = found[i] if paired else (None, None)
            event.add("weaknesses", Item(block.text, block.span, verdict, span))
            effective += verdict == "effective"
        self.put_totals(event, (heading.start(), end), len(blocks) if paired else 0, effective)
