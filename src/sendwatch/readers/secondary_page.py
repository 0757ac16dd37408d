"""One secondary page being read: its text, own date, sentences, the events found so far,
and the dates offered for each (the most precise offer wins)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sendwatch.extraction import Event, Span
from sendwatch.readers.secondary_cues import CLAUSE_BREAK, NUM_WORDS
from sendwatch.readers.secondary_dates import When


def number(word: str) -> int:
    word = word.lower()
    return NUM_WORDS[word] if word in NUM_WORDS else int(word)


@dataclass
class _Candidate:
    """A date offered for one field of one event; the most precise offer wins."""

    when: When
    order: int


@dataclass
class Page:
    """One page being read: its text, own date, sentences and the events found so far."""

    text: str
    area: str
    doc_date: str | None
    doc_date_span: Span | None
    spans: list[Span]
    events: dict[str, Event] = field(default_factory=dict)
    dates: dict[tuple[str, str], _Candidate] = field(default_factory=dict)
    #: The kind of visit the page spoke of last ("inspection" or "revisit").
    last_cue: str | None = None
    #: The page reports a 2023-framework outcome, so an inspection it dates 2016-2022 is
    #: an earlier one, kept as its own event.
    earlier: bool = False
    #: "Published today" said before any visit is named: it belongs to the visit the page
    #: goes on to name.
    pending_today: When | None = None
    #: Where the page first names its written statement of action.
    wsoa_at: int | None = None
    #: The page tells of a revisit, so a visit it dates near its own date is the revisit.
    revisit_page: bool = False

    def inspection_key(self, year: str | None) -> str:
        """'earlier' for a 2016-framework inspection beside a 2023 one, else 'inspection'."""
        if self.earlier and year and int(year[:4]) <= 2022:
            return "earlier"
        return "inspection"

    def event(self, key: str, kind: str) -> Event:
        if key not in self.events:
            self.events[key] = Event(local_area=self.area, kind=kind)
        return self.events[key]

    def dated_event(self, key: str, kind: str, whens: list[When]) -> Event:
        """The event under ``key``, dated by the sentence's first date unless it has a date."""
        event = self.event(key, kind)
        if whens and "date" not in event.values:
            event.put("date", whens[0].start, whens[0].span)
        return event

    def offer(self, key: str, name: str, when: When) -> None:
        """Offer a date for a field: a more precise one replaces a vaguer earlier one."""
        old = self.dates.get((key, name))
        if old is None or when.rank > old.when.rank:
            self.dates[(key, name)] = _Candidate(when, len(self.dates))

    def sentence_of(self, pos: int) -> Span:
        for s in self.spans:
            if s[0] <= pos < s[1]:
                return s
        return (pos, pos)


def nearest_cue(cues: list[tuple[int, int, str]], span: Span, limit: int = 10_000) -> str | None:
    """The kind of the cue nearest the date; English dates a visit after naming it ("the
    inspection in 2019 and the revisit in 2022"), so a cue after the date counts as twice
    as far."""
    best, dist = None, limit
    for a, b, kind in cues:
        d = max(2 * (a - span[1]), span[0] - b, 0)

        if d < dist:
            best, dist = kind, d
    return best


def settle_dates(page: Page) -> None:
    for (key, name), cand in sorted(page.dates.items(), key=lambda kv: kv[1].order):
        event = page.events.get(key)
        if event is None:
            continue
        when = cand.when
        event.put(name, when.start, when.span)
        if name == "visit_start" and when.end:
            event.put("visit_end", when.end, when.span)


# --- counts and verdicts of the revisit ----------------------------------------------


def clause_text(text: str, s: int, e: int, pos: int, end: int) -> str:
    """The clause of sentence text[s:e] holding text[pos:end]."""
    start, stop = clause_span(text, s, e, pos, end)
    return text[start:stop]


def clause_span(text: str, s: int, e: int, pos: int, end: int) -> Span:
    """Where the clause of sentence text[s:e] holding text[pos:end] starts and ends."""
    start = s
    for m in CLAUSE_BREAK.finditer(text, s, pos):
        start = m.end()
    stop = e
    brk = CLAUSE_BREAK.search(text, end, e)
    if brk:
        stop = brk.start()
    return start, stop


_ORDER = (
    "earlier",
    "inspection",
    "wsoa_submitted",
    "wsoa_accepted",
    "revisit",
    "app",
    "monitoring",
    "next",
)


#: The event kind of each cue.
KINDS = {"inspection": "inspection", "revisit": "revisit", "monitoring": "monitoring_inspection"}


def ordered(page: Page) -> list[Event]:
    # An event the page names but gives nothing of (no date, outcome, count or item) is a
    # mention in passing ("an inspection could happen at any time"), not a finding.
    events = [
        page.events[k]
        for k in _ORDER
        if k in page.events
        and (set(page.events[k].values) - {"framework"} or page.events[k].findings)
    ]
    # A monitoring inspection named without a date is one the page expects, not one it
    # reports ("a monitoring inspection is expected within 18 months").
    return [
        e
        for e in events
        if e.kind != "monitoring_inspection" or e.get("visit_start") or e.get("published")
    ]
