"""The reader of 2023-framework area SEND inspection reports (Ofsted and CQC, from 2023).

The form (``docs/documents.md`` §3): a title "Area SEND inspection of <Area> Local Area
Partnership", "Inspection dates: ...", "Date(s) of previous inspection: ...", an
"Inspection outcome" stated in one of three set sentences with the time to the next
inspections, then sections: what it is like to be a child with SEND in the area; "What
is the area partnership doing that is effective?" (bullets: the strengths); "What does
the area partnership need to do better?" (bullets: the concerns); for the lowest outcome
"Areas for priority action" (a table of responsible body and action); "Areas for
improvement"; the partnership's details; the inspection team. The report carries no date
of its own: it is published on Ofsted's site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendwatch.dates import DAY_RX, Found, find_ranges, parse_date
from sendwatch.extraction import Event, Extraction, Item, Span
from sendwatch.readers.base import Reader, sentences
from sendwatch.readers.parties import report_parties
from sendwatch.readers.report_sections import (
    Block,
    Line,
    is_running_header,
    line_width,
    lines_of,
    list_items,
    table_rows,
)
from sendwatch.readers.words import NUMBER_WORDS

#: The title: "Area SEND inspection of <Area> Local Area Partnership" (it may wrap).
TITLE_RX = re.compile(
    # A title line, not a sentence that happens to hold the words: it opens its line, and
    # the area's name (which may wrap once) holds no full stop.
    r"(?m)^[ \t]*(?i:Area\s+SEND\s+inspection\s+of)\s+(?:the\s+)?"
    r"(?P<area>[^\n.]{2,80}?(?:\n[^\n.]{2,80}?)?)\s+(?i:Local\s+Area\s+Partnership)\b"
)

#: "<Area> Local Area Partnership" anywhere (the running header names the area too).
PARTNERSHIP_RX = re.compile(
    r"(?:report:|inspection\s+of)\s+(?P<area>[A-Z][^\n:,]{1,60}?)\s+Local\s+Area\s+Partnership",
)

INSPECTION_DATES_RX = re.compile(
    r"^[ \t]*Inspection\s+dates?\s*:?[ \t]*(?P<value>[^\n]*)", re.I | re.M
)
PREVIOUS_RX = re.compile(
    r"^[ \t]*Dates?\s*(?:\(s\))?\s+of\s+(?:the\s+)?previous\s+(?:full\s+)?inspections?\s*:?[ \t]*"
    r"(?P<value>[^\n]*)",
    re.I | re.M,
)
NOT_INSPECTED_RX = re.compile(r"\bnot\s+(?:previously\s+)?inspected\b|\bnone\b|\bn/a\b", re.I)

#: The three outcome sentences (regime.md §2.2), each as its distinctive words, with both
#: the "SEND arrangements" and the early "arrangements ... (SEND)" wording.
OUTCOMES = (
    ("systemic_failings", re.compile(r"widespread\s+and/or\s+systemic\s+failings", re.I)),
    (
        "inconsistent",
        re.compile(r"lead\s+to\s+inconsistent\s+experiences\s+and\s+outcomes", re.I),
    ),
    (
        "positive",
        re.compile(r"typically\s+lead\s+to\s+positive\s+experiences\s+and\s+outcomes", re.I),
    ),
)

#: Periods run past twelve: "within eighteen months", "within twenty-four months".
NUMBERS = {**NUMBER_WORDS, "eighteen": 18, "twenty-four": 24}
_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(NUMBERS) + r")"

NEXT_MONITORING_RX = re.compile(
    r"monitoring\s+inspection\s+will\s+(?:be\s+carried\s+out|take\s+place|be)\s+within\s+"
    r"(?:approximately\s+|about\s+|around\s+)?" + _NUMBER + r"\s+months",
    re.I,
)
NEXT_FULL_RX = re.compile(
    r"next\s+full\s+(?:area\s+SEND\s+)?(?:re-?)?inspection\s+will\s+(?:be\s+carried\s+out\s+|take\s+place\s+)?"
    r"(?:be\s+)?within\s+(?:approximately\s+|about\s+|around\s+)?" + _NUMBER + r"\s+years?",
    re.I,
)


def value_span(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Where a labelled line's value is: after the label, or on the next line when a PDF's
    table layout puts the label ("Inspection dates:") on a line of its own."""
    start, end = m.start("value"), m.end("value")
    if not re.search(r"\w", text[start:end]):
        nxt = re.match(r"\n[ \t]*([^\n]*\d[^\n]*)", text[end:])
        if nxt:
            return end + nxt.start(1), end + nxt.end(1)
    return start, end


def number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _heading(words: str) -> str:
    """A heading's words as a pattern that allows the heading to wrap."""
    return r"\s+".join(re.escape(w) for w in words.split())


#: Section headings, in the order a report has them; each must open a line.
HEADINGS = {
    "outcome": _heading("Inspection outcome"),
    "partnership": _heading("Information about the local area partnership"),
    "like": _heading("What is it like to be a child or young person") + r"[^?]{0,80}\?",
    "effective": _heading("What is the area partnership doing that is effective?"),
    "better": _heading("What does the area partnership need to do better?"),
    "priority": _heading("Areas for priority action"),
    "improvement": _heading("Areas for improvement"),
    "details": _heading("Local area partnership details"),
    "about": _heading("Information about this inspection"),
    "team": _heading("Inspection team"),
}
_HEADING_RX = {
    key: re.compile(r"^[ \t]*" + pattern + r"[ \t]*$", re.I | re.M)
    for key, pattern in HEADINGS.items()
}
#: Lines that head a table's columns rather than hold its words.
_COLUMN_HEADS = re.compile(
    r"^(?:Responsible\s+body\s+)?Areas?\s+for\s+(?:priority\s+action|improvement)$", re.I
)


@dataclass(frozen=True)
class Section:
    key: str
    heading: Span
    body: Span


def find_sections(text: str) -> dict[str, Section]:
    """Each known section of the report: its heading's span and its body's span.

    A section's body runs to the next known heading. Repeated column headings ("Areas
    for improvement" above a one-column table) are not bodies of their own.
    """
    found: list[tuple[int, int, str]] = []
    for key, rx in _HEADING_RX.items():
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), key))
    found.sort()
    sections: dict[str, Section] = {}
    for i, (start, end, key) in enumerate(found):
        if key in sections:
            continue
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        # The same heading again at once is a table's column heading.
        j = i + 1
        while j < len(found) and found[j][2] == key and not text[end : found[j][0]].strip():
            end = found[j][1]
            j += 1
            stop = found[j][0] if j < len(found) else len(text)
        sections[key] = Section(key, (start, end), (end, stop))
    return sections


def body_lines(text: str, section: Section) -> list[Line]:
    """The section's lines, without running headers and column headings."""
    return [
        x
        for x in lines_of(text, *section.body)
        if not is_running_header(x) and not _COLUMN_HEADS.match(x.text)
    ]


def _item(text: str, block: Block) -> Item:
    return Item(block.text, block.span)


def visits(text: str, start: int, end: int) -> list[Found]:
    """The visits a date phrase names: one date, a range, or several of either.

    A "range" that spans more than a month is two separate dates ("16 May 2016 and 3
    March 2019"), since no visit lasts that long.
    """
    out: list[Found] = []
    for found in find_ranges(text, start, end):
        if found.end and found.start and _days(found.start, found.end) > 31:
            for m in DAY_RX.finditer(text, found.span[0], found.span[1]):
                value = parse_date(m.group())
                if value:
                    out.append(Found(value, None, m.span()))
            continue
        out.append(found)
    return out


def report_event(extraction: Extraction, area: str, kind: str, title_rx: re.Pattern[str]) -> Event:
    """The event a 2023-framework report is about, added to ``extraction`` with its area.

    The report's title (found by ``title_rx``) is what states the framework.
    """
    extraction.local_areas.append(area)
    event = Event(area, kind)
    extraction.events.append(event)
    title = title_rx.search(extraction.text)
    event.put("framework", "2023", title.span() if title else None)
    return event


def put_visit_dates(text: str, event: Event) -> None:
    """The visit's first and last days, from the report's "Inspection dates:" line."""
    m = INSPECTION_DATES_RX.search(text)
    if not m:
        return
    found = visits(text, *value_span(text, m))
    if found:
        event.put("visit_start", found[0].start, found[0].span)
        event.put("visit_end", found[-1].end or None, found[-1].span)


def previous_visit_events(text: str, area: str, start: int, end: int) -> list[Event]:
    """One ``previous_visit`` event per visit that text[start:end] names."""
    events = []
    for found in visits(text, start, end):
        ev = Event(area, "previous_visit")
        ev.put("visit_start", found.start, found.span)
        ev.put("visit_end", found.end, found.span)
        events.append(ev)
    return events


def _days(a: str, b: str) -> int:
    from datetime import date

    if len(a) != 10 or len(b) != 10:
        return 0
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def sentence_around(text: str, span: Span, limit: int = 2000, floor: int = 0) -> Span:
    """The sentence of ``text`` that holds ``span``, starting no earlier than ``floor``
    (the start of its section: headings above a sentence end with no full stop)."""
    lo = max(floor, span[0] - limit)
    for s in sentences(text, lo, min(len(text), span[1] + limit)):
        if s[0] <= span[0] and span[1] <= s[1]:
            return s
    return span


#: The sections that hold lists, and the finding kind of each (the table of areas for
#: priority action is read apart).
_LISTED = {
    "effective": "strengths",
    "better": "concerns",
    "improvement": "improvements",
    "priority": None,
}


class AreaSendReportReader(Reader):
    """Reads a full inspection report under the 2023 area SEND framework."""

    document_type = "area_send_report"

    def recognise(self, text: str) -> float:
        head = text[:3000]
        score = 0.0
        if TITLE_RX.search(head):
            score += 0.6
        if re.search(r"^\s*Inspection\s+outcome\s*$", head, re.I | re.M):
            score += 0.2
        if any(rx.search(text[:6000]) for _, rx in OUTCOMES):
            score += 0.2
        if re.search(r"Monitoring\s+inspection\s+of", head, re.I):
            score -= 0.5
        return max(0.0, min(score, 1.0))

    def read(self, text: str, source: str) -> Extraction:
        extraction = Extraction(source=source, document_type=self.document_type, text=text)
        area = self.area_of(text)
        if area is None:
            return extraction
        event = report_event(extraction, area, "inspection", TITLE_RX)
        put_visit_dates(text, event)
        sections = find_sections(text)
        self.read_outcome(text, sections, event)
        self.read_lists(text, sections, event)
        extraction.events.extend(self.previous_visits(text, area))
        extraction.parties = report_parties(text, area)
        return extraction

    # Parts ---------------------------------------------------------------------------

    def area_of(self, text: str) -> str | None:
        """The canonical name of the area the title (or the running header) names."""
        for rx in (TITLE_RX, PARTNERSHIP_RX):
            for m in rx.finditer(text[:20000]):
                name = " ".join(m["area"].split())
                found = self.area_named(name)
                if found is not None:
                    return found.name
        return None

    def previous_visits(self, text: str, area: str) -> list[Event]:
        """One ``previous_visit`` event per earlier inspection the report names."""
        m = PREVIOUS_RX.search(text)
        if not m:
            return []
        value_start, end = value_span(text, m)
        # The value may wrap onto the next line ("... and\n3 to 5 March 2019").
        nxt = re.match(r"\n[ \t]*((?:and\s+)?\d{1,2}[^\n]*)", text[end:])
        if nxt and not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}\s+[A-Za-z]{4,}", nxt.group(1)):
            end += nxt.end()
        if NOT_INSPECTED_RX.search(text, value_start, end) and not visits(text, value_start, end):
            return []
        return previous_visit_events(text, area, value_start, end)

    def read_outcome(self, text: str, sections: dict[str, Section], event: Event) -> None:
        section = sections.get("outcome")
        lo, hi = section.body if section else (0, min(len(text), 6000))
        for value, rx in OUTCOMES:
            m = rx.search(text, lo, hi)
            if m:
                event.put("outcome", value, sentence_around(text, m.span(), floor=lo))
                break
        m = NEXT_MONITORING_RX.search(text, lo, hi)
        if m:
            event.put("next_monitoring_within_months", number(m["n"]), m.span())
        m = NEXT_FULL_RX.search(text, lo, hi)
        if m:
            event.put("next_full_within_years", number(m["n"]), m.span())

    def read_lists(self, text: str, sections: dict[str, Section], event: Event) -> None:
        listed = [s for k, s in sections.items() if k in _LISTED]
        all_lines = [x for s in listed for x in body_lines(text, s)]
        width = line_width(all_lines)
        for key, kind in _LISTED.items():
            if kind is None:
                continue
            section = sections.get(key)
            if section is None:
                continue
            for block in list_items(body_lines(text, section), width):
                event.add(kind, _item(text, block))
        priority = sections.get("priority")
        if priority is None:
            event.put("weaknesses_total", 0, event.evidence.get("outcome"))
            return
        rows = table_rows(body_lines(text, priority), width)
        for row in rows:
            event.add("weaknesses", _item(text, row.block))
        event.put("weaknesses_total", len(rows), priority.body if rows else priority.heading)
