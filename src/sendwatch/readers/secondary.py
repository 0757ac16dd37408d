"""Reading secondary sources: councils' press releases, news articles and council pages.

They tell of the same inspections as the inspectorates' letters, in other words:
"significant progress in four out of five areas", "a revisit ... in September", "the
letter ... published today", "ordered to come up with a plan of action". They also tell
what letters cannot: when a written statement of action was submitted or approved, when
an accelerated progress plan was agreed, and when inspectors are expected back.

A page is read in visible steps (docs/decisions/0012-secondary-reader.md):

1. page: its form gives its document type and own date (:mod:`secondary_form`); its
   subject area is the one it names most (:mod:`secondary_areas`);
2. sentences (``_page_sentences``), each judged a claim or not (:mod:`claims`): only
   sentences asserting a fact about an area's own SEND inspection are read, and another
   area's stated fact is that area's (``_neighbours``); official text is read with the
   letter and report readers' own patterns (:mod:`official_text`);
3. values: dated events (:mod:`secondary_events`), counts, lists and outcomes
   (:mod:`secondary_findings`), verdicts (:mod:`secondary_verdicts`), each with the words
   that state it, on the page being read (:mod:`secondary_page`). The cue words are the
   tables of :mod:`secondary_cues`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from sendwatch.extraction import Event, Extraction, Span
from sendwatch.readers.base import Reader, sentences
from sendwatch.readers.claims import asserted_text, without_open_questions
from sendwatch.readers.official_text import official_values
from sendwatch.readers.secondary_areas import main_area, mentions
from sendwatch.readers.secondary_cues import (
    INSPECTION,
    NO_VISIT,
    OUTCOMES_2023,
    PUBLISHED_BEFORE,
    REVISIT,
)
from sendwatch.readers.secondary_dates import find_when
from sendwatch.readers.secondary_events import read_sentences
from sendwatch.readers.secondary_findings import (
    outcome_2016,
    read_counts,
    read_lists,
    read_outcomes,
    settle_frameworks,
)
from sendwatch.readers.secondary_form import classify, dateline
from sendwatch.readers.secondary_page import Page, ordered, settle_dates
from sendwatch.readers.secondary_verdicts import count_verdicts, read_verdict_table, read_verdicts
from sendwatch.register import LocalArea, load_register

# What a page must speak of to be read here: the inspectorates and SEND.
_INSPECTORATE = re.compile(
    r"\bOfsted\b|\bCare Quality Commission\b|\bCQC\b|\b(?:area )?SEND (?:re)?inspections?\b|"
    r"\blocal area partnership\b|\bwritten statement of action\b",
    re.I,
)


_SEND = re.compile(
    r"\bSEND\b|\bSEN\b|special educational needs|\bLocal Area Review\b|\bWritten Statement of "
    r"Action\b",
    re.I,
)


_AREA_INSPECTION = re.compile(
    r"\blocal area\b|\bmonitoring inspection\b|\bpriority action\b|\b(?:area|SEND) partnership\b|"
    r"\bsystemic failings\b|\barea SEND\b|\bSEND (?:inspection|services|revisit|system)\b|"
    r"\bjoint inspection\b|\bLocal Area Review\b|\bwritten statement of action\b|\bplan of "
    r"action\b|\bre-?visit|\bspecial educational needs (?:and disabilities )?(?:\(SEND\) )?"
    r"(?:services|inspection|system)\b|\bservices (?:across|in) [A-Z]",
    re.I,
)


# Marks of the inspectorates' own documents, which other readers read: their titles,
# opening sentences and the fixed headings of their form.
# Their opening sentences are not among these marks: a council page often reproduces a
# letter's opening, and what it reproduces is read here (see ``official_text``).
_OFFICIAL = re.compile(
    r"Joint local area SEND inspection in\b|Joint area SEND revisit in\b|"
    r"^\s*(?:Area SEND|Monitoring) inspection of .{2,80} Local Area Partnership\s*$|"
    r"^Inspection dates?:|^\s*Main findings\s*$|^\s*Areas for development\s*$|"
    r"^\s*Local area partnership details\s*$|^\s*Information about this inspection\s*$|"
    r"^\s*Inspection team\s*$|^Dates? of previous inspection|^\s*Inspection outcome\s*$|"
    # any letter's close (a council's or the DfE's too): one mark however many lines
    r"^Yours sincerely(?:[^\n]*\n){0,40}?cc:|^Yours sincerely|^cc:",
    re.M | re.I,
)


# A quotation: pages quote the inspectorates' letters, and a quoted mark is not the page's.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*(?:\n(?!\s*\n)[^\"\n]*)*\"")


# The page's own voice: a council speaking as "we" and "our", a councillor or spokesperson
# quoted, a reporter's byline. The inspectorates' documents have none of these.
_SPEAKER = re.compile(
    r"\b(?:Councillor|Cllr|Coun)\.?\s+[A-Z]|\bspokes(?:person|man|woman)\b|^By [A-Z]\w+ [A-Z]",
    re.M,
)


_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)


# A web page's own furniture, which no inspectorate's letter or report carries: a
# breadcrumb trail, a "What happens next?" heading, the page's feedback and sharing lines.
_FURNITURE = re.compile(
    r"^[ \t]*Home[ \t]*(?:>|›|»|/)[ \t]*\w|^[ \t]*What happens next\?[ \t]*$|"
    r"^[ \t]*Was this page (?:helpful|useful)\b|^[ \t]*Share this (?:page|article|story)\b|"
    r"^[ \t]*Back to top[ \t]*$",
    re.M | re.I,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _has_voice(text: str) -> bool:
    """Whether the page speaks in its own voice (see ``_SPEAKER``), as no letter does."""
    if _SPEAKER.search(text) or _FURNITURE.search(text):
        return True
    first = len(_FIRST_PERSON.findall(text))
    return first >= 3 and first * 1000 >= len(text)


class SecondaryReader(Reader):
    """Reads press releases, news articles and council pages about SEND inspections."""

    document_type = "press_release"

    def recognise(self, text: str) -> float:
        """Sure when a page speaks of Ofsted/CQC and SEND but is not an inspectorate's own.

        An inspectorate's document carries two or more of its fixed marks (title, opening
        sentence, headings); a page may quote one, so a single mark outside a quotation
        counts against the page only when the page has no voice of its own.
        """
        # Two marks settle it: stop looking there (an inspectorate's report shows them early).
        marks = sum(1 for _ in itertools.islice(_OFFICIAL.finditer(_QUOTED.sub(_blank, text)), 2))
        if marks >= 2:
            return 0.05
        if not (_INSPECTORATE.search(text) and _SEND.search(text)):
            return 0.0
        # A school's own Ofsted report mentions SEND too: only a local area's inspection
        # (its statement, its revisit, its area SEND services) is read for events here; the
        # page is still read for its date and area, as a page of no kind (see ``read``).
        if not _AREA_INSPECTION.search(text):
            return 0.35
        voice = _has_voice(text)
        if marks:
            return 0.9 if voice else 0.05
        # A page's own voice outranks a title that merely resembles a report's.
        return 0.9 if voice else 0.6

    def read(self, text: str, source: str) -> Extraction:
        """Read the page's type, own date, area and events, each value with its evidence."""
        spans = _page_sentences(text)
        # A page that asserts nothing of a local area's own inspection (a school's report,
        # a children's services or a provider's inspection, with the area SEND regime only
        # explained beside it) is of no kind read here: its date and area, no events.
        about = _AREA_INSPECTION.search(asserted_text(text, spans)) is not None
        kind = classify(text) if about else "other"
        own = dateline(text)
        out = Extraction(source=source, document_type=kind, text=text)
        if own:
            out.document_date, out.document_date_span = own
        found = main_area(text)
        if found is None:
            return out
        area, _ = found
        out.local_areas = [area.name]
        if not about:
            return out
        # A roundup gives each area its own section under a heading naming it alone: each
        # section is read as a page about its area, and nothing outside them is.
        sections = _area_sections(text)
        if len(sections) >= 2:
            out.local_areas = []
            for each, s, e in sections:
                part = _BLANK.sub(" ", text[:s]) + text[s:e] + _BLANK.sub(" ", text[e:])
                out.events.extend(self._own_events(part, spans, each, out))
                if each.name not in out.local_areas:
                    out.local_areas.append(each.name)
            return out
        out.events = self._own_events(text, spans, area, out)
        return out

    def _own_events(
        self, text: str, spans: list[Span], area: LocalArea, out: Extraction
    ) -> list[Event]:
        """The events a page (or one area's section of it) tells of its area and of the
        neighbours it names for comparison."""
        events: list[Event] = []
        others = _neighbours(text, spans, area.name)
        # The page's own area is read with its neighbours' sentences blanked out, so that
        # a neighbour's outcome is not taken for its own.
        own_text = text
        for _, (s, e) in others:
            own_text = own_text[:s] + re.sub(r"[^\n]", " ", own_text[s:e]) + own_text[e:]
        # Only sentences that assert a fact about the area's own inspection are read.
        text = asserted_text(own_text, spans)
        page = Page(
            text=text,
            area=area.name,
            doc_date=out.document_date,
            doc_date_span=out.document_date_span,
            spans=spans,
        )
        page.earlier = any(rx.search(text) for rx, _ in OUTCOMES_2023)
        # "The area will not receive a revisit" makes no page about a revisit.
        revisits = [
            m
            for m in REVISIT.finditer(text)
            if not NO_VISIT.search(text, max(0, m.start() - 30), m.start())
        ]
        page.revisit_page = not page.earlier and bool(
            revisits or re.search(r"\bsufficient progress\b", text, re.I)
        )
        read_sentences(page)
        # The rest is read without the questions a visit was to answer.
        page.text = without_open_questions(page.text, spans)
        read_counts(page)
        read_verdicts(page)
        read_verdict_table(page)
        read_lists(page)
        count_verdicts(page)
        read_outcomes(page)
        settle_dates(page)
        settle_frameworks(page)
        _read_official(page)
        events = _before_formed(ordered(page), area, out)
        for other, (s, e) in others:
            for event in _neighbour_events(out.text or "", s, e, other, out.document_date):
                _share_dates(out.text or "", spans, area.name, page.events.get("inspection"), event)
                events.append(event)
            if other not in out.local_areas:
                out.local_areas.append(other)
        return events


_BLANK = re.compile(r"[^\n]")


_RUN_IN = re.compile(r"(?P<name>[A-Z][\w'’ -]{2,40}?)[.:][ \t]+[A-Z]")


@functools.cache
def _line_areas() -> dict[str, LocalArea]:
    """Every register name and alias, in lower case, to its area."""
    out: dict[str, LocalArea] = {}
    for area in load_register().areas:
        for name in (area.name, *area.aliases):
            out.setdefault(name.lower(), area)
    return out


def _area_sections(text: str) -> list[tuple[LocalArea, int, int]]:
    """The sections of a roundup: a line naming one area alone (a heading), or a paragraph
    opened by one ("Swindon. Following ..."), to the next heading-like line (short, no full
    stop) or the next such paragraph, each with its area."""
    heads: list[tuple[int, int, LocalArea | None]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        run_in = _RUN_IN.match(stripped)
        if run_in and run_in["name"].lower() in _line_areas():
            # a paragraph opened by its area's name as a run-in heading: "Swindon. The ..."
            heads.append((pos, pos + len(line), _line_areas()[run_in["name"].lower()]))
        elif stripped and len(stripped) <= 60 and not stripped.endswith((".", ":", ",")):
            area = _line_areas().get(stripped.lower()) if stripped[0].isupper() else None
            heads.append((pos, pos + len(line), area))
        pos += len(line) + 1
    out = []
    for i, (s, _, area) in enumerate(heads):
        if area is None:
            continue
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        out.append((area, s, end))
    return out if len({a.name for a, _, _ in out}) >= 2 else []


def _read_official(page: Page) -> None:
    """What the inspectorates' own sentences on the page state, read as the letter and
    report readers read them, over what the page's own words suggested."""
    for v in official_values(page.text):
        if v.visit == "revisit":
            page.event("revisit", "revisit").put(v.name, v.value, v.span)
            continue
        # Beside a 2023 outcome, a 2016-framework inspection is the earlier one.
        old = v.value in ("2016", "wsoa_required", "no_wsoa") or (
            v.name.startswith("visit_") and str(v.value)[:4] <= "2022"
        )
        key = "earlier" if page.earlier and old else "inspection"
        page.event(key, "inspection").put(v.name, v.value, v.span)


def _before_formed(events: list[Event], area: LocalArea, out: Extraction) -> list[Event]:
    """An event dated before the page's area was formed is its predecessor's (the one the
    page names: "the previous SEND inspection for Cumbria in 2019" on Cumberland's page);
    when the page names no single predecessor the event is no one's it can tell, and is
    left out."""
    if not area.active_from:
        return events
    register = load_register()
    named = [a for a in register.predecessors(area) if a.name in (out.text or "")]
    kept = []
    for event in events:
        when = event.get("visit_start") or event.get("date")
        if not when or str(when) >= area.active_from[: len(str(when))]:
            kept.append(event)
            continue
        if len(named) == 1:
            event.local_area = named[0].name
            if named[0].name not in out.local_areas:
                out.local_areas.append(named[0].name)
            kept.append(event)
    return kept


# "inspections of both local area partnerships between 24 and 28 April", "Both reports
# were published on 6 June": a date said of the two areas together.
_TOGETHER = re.compile(r"\b(?:both|each|the two|all three)\b", re.I)


def _share_dates(text: str, spans: list[Span], area: str, own: Event | None, other: Event) -> None:
    """Give a neighbour's inspection the visit and publication dates the page gives its own
    area, where the sentence stating them speaks of both areas together and the page names
    the two areas together in one sentence ("inspectors who visited X and Y")."""
    if own is None or other.kind != "inspection":
        return
    if not any(area in text[s:e] and other.local_area in text[s:e] for s, e in spans):
        return
    for name in ("visit_start", "visit_end", "published"):
        span = own.evidence.get(name)
        if name in other.values or name not in own.values or span is None:
            continue
        s, e = next(((a, b) for a, b in spans if a <= span[0] < b), span)
        if _TOGETHER.search(text, s, e):
            other.put(name, own.values[name], span)


# A line that starts a new entry of a list or timeline: a bullet, or a date opening it.
_ENTRY_LINE = re.compile(
    r"\n(?=[ \t]*(?:[●•▪◦·*\-–—][ \t]|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d|"
    r"[A-Z][a-z]{2,8}\s+(?:19|20)\d\d\b|"
    # a labelled line of a report's head ("Date: 18 January 2023") and a numbered paragraph
    r"[A-Z][A-Za-z' ]{1,30}:[ \t]+\S|\d{1,2}\.\d{1,2}[ \t]))"
)


def _page_sentences(text: str) -> list[Span]:
    """The page's sentences, each line of a list or timeline its own even when no blank
    line or full stop ends the one before ("12 March 2018 – letter published")."""
    out: list[Span] = []
    for s, e in sentences(text):
        start = s
        for m in _ENTRY_LINE.finditer(text, s, e):
            if text[start : m.start()].strip():
                out.append((start, m.start()))
            start = m.end() + len(text[m.end() : e]) - len(text[m.end() : e].lstrip())
        out.append((start, e))
    return out


def _neighbours(text: str, spans: list[Span], area: str) -> list[tuple[str, Span]]:
    """Sentences that give another area's outcome for comparison ("Neighbouring Derbyshire
    was found to have inconsistent ...", "Neighbouring Rutland was not required to produce
    a written statement"): they name that area, not the page's own, and state an outcome."""
    every = sorted(mentions(text), key=lambda m: m.span[0])
    starts = [m.span[0] for m in every]
    out: list[tuple[str, Span]] = []
    for s, e in spans:
        # The mentions inside the sentence, found by bisection (linear in all).
        inside = every[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
        here = {m.area.name for m in inside}
        # "Its report was published on 20 May." after a neighbour's sentence is the
        # neighbour's too: it names no area and speaks of the one just named.
        if not here and out and out[-1][1][1] <= s and _ITS.match(text, s, e):
            if not text[out[-1][1][1] : s].strip():
                out[-1] = (out[-1][0], (out[-1][1][0], e))
            continue
        # Only a sentence about one other area alone; the page's own name keeps it its own.
        if len(here) != 1 or area in here or area in text[s:e]:
            continue
        named = set(here)
        if any(rx.search(text, s, e) for rx, _ in OUTCOMES_2023) or outcome_2016(text[s:e]):
            out.append((named.pop(), (s, e)))
    return out


# A sentence opened by a pronoun for the area just named: "Its report ...", "Their letter".
_ITS = re.compile(r"\s*(?:Its|Their)\s+(?:report|letter|inspection|findings|outcome)\b")


def _neighbour_events(text: str, s: int, e: int, area: str, doc_date: str | None) -> list[Event]:
    """The events one sentence about another area tells: its inspection, and when the
    sentence also tells of that area's revisit ("In Bury, which was inspected in 2021 ...,
    a revisit in November found sufficient progress in all four areas"), the sentence is
    read as a page of its own about that area."""
    if not REVISIT.search(text, s, e):
        return [_neighbour_event(text, s, e, area, doc_date)]
    page = Page(text=text, area=area, doc_date=doc_date, doc_date_span=None, spans=[(s, e)])
    page.revisit_page = True
    read_sentences(page)
    read_counts(page)
    read_outcomes(page)
    settle_dates(page)
    settle_frameworks(page)
    return ordered(page)


def _neighbour_event(text: str, s: int, e: int, area: str, doc_date: str | None) -> Event:
    """A neighbouring area's inspection as one sentence tells it: its outcome, and the
    date of the inspection when the sentence says it was inspected then."""
    event = Event(local_area=area, kind="inspection")
    for rx, outcome in OUTCOMES_2023:
        m = rx.search(text, s, e)
        if m:
            event.put("outcome", outcome, m.span())
            event.put("framework", "2023", m.span())
            break
    else:
        old = outcome_2016(text[s:e])
        if old:
            event.put("outcome", old, (s, e))
            event.put("framework", "2016", (s, e))
    whens = find_when(text, s, e, doc_date)
    if (
        whens
        and INSPECTION.search(text, s, e)
        and not PUBLISHED_BEFORE.search(text[max(s, whens[0].span[0] - 60) : whens[0].span[0]])
    ):
        event.put("visit_start", whens[0].start, whens[0].span)
        if whens[0].end:
            event.put("visit_end", whens[0].end, whens[0].span)
    return event
