"""Reading secondary sources: councils' press releases, news articles and council pages.

They tell of the same inspections as the inspectorates' letters, in other words:
"significant progress in four out of five areas", "a revisit ... in September", "the
letter ... published today", "ordered to come up with a plan of action". They also tell
what letters cannot: when a written statement of action was submitted or approved, when
an accelerated progress plan was agreed, and when inspectors are expected back.

The page's form (:mod:`secondary_form`) gives its document type, its subject area is
the one it names most (:mod:`secondary_areas`), and its events are read sentence by
sentence, each value with the words that state it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from sendwatch.extraction import Event, Extraction, Item, Span
from sendwatch.readers.base import Reader, sentences
from sendwatch.readers.secondary_areas import main_area, mentions
from sendwatch.readers.secondary_dates import When, find_when, published_day
from sendwatch.readers.secondary_form import classify, dateline
from sendwatch.readers.words import NUMBER_WORDS

# What a page must speak of to be read here: the inspectorates and SEND.
_INSPECTORATE = re.compile(
    r"\bOfsted\b|\bCare Quality Commission\b|\bCQC\b|\barea SEND inspection\b|"
    r"\blocal area partnership\b",
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
_OFFICIAL = re.compile(
    r"Joint local area SEND inspection in\b|Joint area SEND revisit in\b|"
    r"conducted a joint inspection of the local area of|revisited the area of|"
    r"^\s*(?:Area SEND|Monitoring) inspection of .{2,80} Local Area Partnership\s*$|"
    r"^Inspection dates?:|^Yours sincerely|^\s*Main findings\s*$|^\s*Areas for development\s*$|"
    r"^\s*Local area partnership details\s*$|^\s*Information about this inspection\s*$|"
    r"^\s*Inspection team\s*$|^Dates? of previous inspection|^cc:|^\s*Inspection outcome\s*$",
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

# "all four of the weaknesses": -1 marks "all", which the caller reads as the total.
_NUM_WORDS = {**NUMBER_WORDS, "all": -1, "no": 0}
_NUM = r"(?:" + "|".join(NUMBER_WORDS) + r"|\d{1,2})"

_REVISIT = re.compile(r"\bre-?visit(?:ed|s|ing)?\b|\breturn visit\b", re.I)
# Inspectors who "returned" or "came back" on a page about a written statement revisited.
_RETURNED = re.compile(
    r"\b(?:Ofsted|inspectors|CQC|Commission|they)\b[^.]{0,60}?\b(?:returned|came back|went back)\b",
    re.I,
)
_NO_VISIT = re.compile(r"\b(?:not|no|never|without)\b[^.,;]{0,25}$", re.I)
_MONITORING = re.compile(r"\bmonitoring (?:inspection|report)s?\b", re.I)
_INSPECTION = re.compile(
    r"\binspect(?:ion|ions|ed|ing)?\b(?!\s+(?:team|framework))|\bLocal Area Review\b", re.I
)
# Words of a visit that do not say which kind it was: "a visit by Ofsted", "inspectors
# spent three days in the borough", "a team will be in Shropshire from 4 to 8 March".
_VISIT = re.compile(
    r"(?<!re-)(?<!re)\bvisit(?:ed)?\b|"
    r"\bspent (?:time|a week|(?:one|two|three|four|five|several) (?:days|weeks))\b|"
    r"\bon[ -]site\b|\bfieldwork\b",
    re.I,
)
_PRESENT = re.compile(r"\b(?:will be|were|was|are|is)\s+(?:in|at|with)\s+(?:us\b|[A-Z])", re.I)
_INSPECTORS = re.compile(r"\bOfsted\b|\bCQC\b|\bCare Quality Commission\b|\binspectors?\b")
# A date that belongs to the framework, not to a visit: "the framework introduced in
# January 2023", "the arrangements changed at the end of 2022".
_FRAMEWORK_DATE = re.compile(
    r"\b(?:framework|arrangements|system|rules|reforms?|handbook)\b[^.,;]{0,40}\b(?:introduced|"
    r"brought in|launched|began|started|came into (?:force|effect)|changed|in force)\b"
    r"[^.,;]{0,20}$",
    re.I,
)
_DOCUMENT = re.compile(r"\b(?:letter|report|findings|outcome)s?\b", re.I)
_WSOA = re.compile(r"\bwritten statement of action\b|\bWSOA\b|\bstatement of action\b", re.I)
# Once a page has named its written statement it calls it "the statement", "our
# statement" or "it".
# ("This was sent to Ofsted" more often means a progress report than the statement.)
_STATEMENT_AGAIN = re.compile(r"\b(?:the|our|this|its|their) (?:written )?statement\b|^It\b", re.I)
# "The plan was submitted to Ofsted on ...": the statement, on a page that names no other plan.
_PLAN_AGAIN = re.compile(r"^\s*(?:The|This|Our) plan\b")
_OTHER_PLAN = re.compile(r"\bpriority action plan\b|\baccelerated progress plan\b|\bAPP\b", re.I)
_FIT = re.compile(r"\bfit\s+for\s+purpose\b", re.I)
# The statement's approval told after another clause: "..., which was signed off by Ofsted
# in August", "... and it was approved in January".
_ACCEPTED_LATER = re.compile(
    r"\b(?:which|and\s+it|it)\s+(?:was|were|has\s+been)\s+(?:formally\s+)?(?:approved|"
    r"accepted|signed\s+off|declared\s+fit|deemed\s+fit|judged\s+fit)\b",
    re.I,
)
_TO_BE_PUBLISHED = re.compile(
    r"\b(?:will|due\s+to|expected\s+to|set\s+to)\s+be\s+published\b[^.]*$", re.I
)
_NOT_YET = re.compile(
    r"\b(?:will|would|hope[sd]?|if|whether|expect(?:s|ed)?|await(?:s|ing)?|not|once)\b", re.I
)
_PLAN_OF_ACTION = re.compile(r"\bplan of action\b", re.I)
_APP = re.compile(r"\baccelerated progress plan\b|\bAPP\b", re.I)
_PUBLISHED_BEFORE = re.compile(
    r"\bpublished(?:\s+(?:on|in|to)\s+(?:the\s+)?[\w’' ]{1,25}?\s+website)?"
    # "Report published: 2 May 2024", a page's labelled line.
    r"(?:[ \t]*:)?"
    # "published yesterday, 17 July 2018": the relative day named again by its date.
    r"\s*(?:(?:yesterday|today|this\s+(?:morning|week)),?\s*)?(?:on|in)?\s*(?:the\s+)?\(?\s*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*\(?\s*)?$",
    re.I,
)
_PUBLISHED_TODAY = re.compile(
    r"\b(?:published|released|announced)(?: on (?:the )?[\w’' ]{1,30}? website)? "
    r"(?:today|this morning)\b|\btoday published\b|"
    # "Today's report from Ofsted", in a statement dated at its head.
    r"\btoday[’']s (?:report|letter|findings|inspection report)\b",
    re.I,
)
_FUTURE_VISIT = re.compile(
    r"\bwill (?:be )?(?:return(?:ing)?|re-?visit(?:ing)?|come back|coming back|"
    r"inspect(?:ing)?|carry(?:ing)? out (?:a|an|another|the)|visit(?:ing)?)\b|"
    r"\bexpect(?:s|ed)? to be (?:re-?)?(?:inspected|visited)\b|"
    r"\bexpect(?:s|ed)?\s+(?:the\s+)?(?:inspectors?|inspectorates?|Ofsted|them)\s+"
    r"(?:and\s+(?:the\s+)?CQC\s+)?to\s+(?:return|re-?visit|come\s+back|visit|inspect)\b|"
    r"\bexpect(?:s|ed)?\s+(?:our|the|its|their)\s+next\s+(?:full\s+|monitoring\s+)?"
    r"(?:area\s+SEND\s+)?(?:inspection|visit|re-?visit)\b|"
    # "We expect the revisit to take place in March 2020."
    r"\bexpect(?:s|ed)?\s+(?:the|our|its|their|a|an)\s+(?:next\s+)?(?:full\s+|monitoring\s+)?"
    r"(?:inspection|visit|re-?visit)\s+to\s+(?:take\s+place|happen|be\s+(?:in|during))\b|"
    r"\b(?:is|are) due (?:a|an|its|our|their) (?:re-?visit|inspection|monitoring)\b|"
    r"\b(?:is|are) (?:expected|due|likely|scheduled|planned) to (?:return|re-?visit|"
    r"inspect|visit|take place|happen|carry out)\b|"
    r"\b(?:inspection|visit)s?\s+(?:is|are|will be)\s+(?:expected|due|likely|scheduled|planned)\b|"
    r"\bnext (?:full |monitoring )?(?:inspection|visit|re-?visit)\b[^.]{0,40}?"
    r"\b(?:expected|due|likely|scheduled|planned)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\bnot\b|n[’']t\b|\bstill to\b|\byet to\b|\binsufficient\b|\bno (?:significant|sufficient)"
    r"\b|\bfailed to\b|\black of progress\b|\b(?:more|further) (?:work|progress)\b|"
    r"\bstill needs?\b",
    re.I,
)
_PROGRESS = re.compile(
    r"\bprogress\b|\bimprov|\bsufficient\b|\beffective action\b|"
    # a monitoring inspection's words: "reasonable steps had been taken on four of the five"
    r"\b(?:reasonable|effective|enough|sufficient)\s+(?:steps|action)\b",
    re.I,
)
# A monitoring inspection's overall conclusion, as a story reports it.
_NOT_EFFECTIVE = re.compile(
    r"(?:\bnot|n[’']t|\bfailed\s+to\s+take|\byet\s+to\s+take)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:tak(?:en|ing)\s+)?effective\s+action\b|\bineffective\s+action\b",
    re.I,
)
_EFFECTIVE = re.compile(r"\b(?:taken|taking)\s+effective\s+action\b", re.I)
# A monitoring inspection judges the action taken on each area for priority action.
_ACTION = re.compile(r"\beffective action\b|\bpriority action\b", re.I)
_CLAUSE_BREAK = re.compile(
    r";|\s[-–—]\s|,?\s\b(?:but|albeit|although|though|while|whilst|however)\b", re.I
)

# "four out of five areas", "one of the five areas of weakness", "three of the seven"
_COUNT = re.compile(
    rf"\b(?P<a>{_NUM}|all)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?P<b>{_NUM})\b"
    rf"(?=\s+(?:[\w-]+\s+){{0,3}}?(?:areas?|weaknesses|issues|concerns|priorities)\b)",
    re.I,
)
# "not ... progress on any of the five weaknesses", "in none of the four areas"
_NONE_COUNT = re.compile(
    rf"\b(?P<w>any|none)\s+of\s+(?:the\s+|its\s+|their\s+|our\s+)?(?P<b>{_NUM})\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:areas?|weaknesses|issues|concerns|priorities)\b",
    re.I,
)
_ALL_COUNT = re.compile(
    rf"\b(?:all|each|every\s+one)\s+(?:the\s+|of\s+the\s+)?(?P<b>{_NUM})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:areas?|weaknesses)\b",
    re.I,
)
# "the five areas of weakness", "identified five areas of significant weakness"
_TOTAL = re.compile(
    rf"\b(?P<b>{_NUM}|no)\s+(?:(?:key|main|identified|original|significant)\s+)*"
    rf"(?:areas?\s+of\s+(?:significant\s+)?weakness(?:es)?|significant\s+weaknesses|"
    rf"weaknesses|areas?\s+for\s+priority\s+action)\b|"
    rf"\b(?:serious|significant)\s+(?:areas?\s+of\s+)?weaknesses\s+in\s+(?P<c>{_NUM})\s+"
    rf"(?:key\s+|main\s+)?areas\b",
    re.I,
)

# Verdicts on one named weakness.
_ONE_AREA_NOT = re.compile(
    r"\b(?:one|only|single|remaining)\s+(?:\w+\s+)?area\s+(?:in\s+which|where|that)\b[^.]{0,120}?"
    r"\bnot\s+(?:yet\s+)?(?:made|shown|achieved)\s+(?:sufficient|significant|enough)\s+"
    r"progress\s+(?:was|is)\s+(?P<x>[^.;]+)",
    re.I,
)
_NOT_PROGRESS_IN = re.compile(
    r"\bnot\s+(?:to\s+)?(?:have\s+)?(?:yet\s+)?(?:made|shown|achieved|been)\s+(?:sufficient|"
    r"significant|enough)\s+progress\s+(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|"
    r"regarding|with|on|in|around)\s+(?P<x>[^.;]+)",
    re.I,
)
_MORE_WORK = re.compile(
    r"\b(?:more|further)\s+(?:work|improvement|progress|action)\s+(?:(?:also|still)\s+)?"
    r"(?:needs|need|is\s+(?:also\s+|still\s+)?needed|"
    r"was\s+needed|is\s+required|was\s+required)\s*(?:to\s+be\s+(?:done|made))?\s*"
    r"(?:to\s+improve|to\s+address|on|in|around|with)\s+(?P<both>both\s+)?(?P<x>[^.;]+)",
    re.I,
)
_INSUFFICIENT_IN = re.compile(
    r"\binsufficient\s+progress\s+(?:(?:was|had\s+been|has\s+been)\s+(?:found|made|seen)\s+)?"
    r"(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|regarding|with|on|in)\s+(?P<x>[^.;]+)",
    re.I,
)
# "progress on reducing waiting times had been too slow"
_TOO_SLOW = re.compile(
    r"\bprogress\s+(?:on|in|with)\s+(?P<x>[^.;]{8,200}?)\s+(?:had|has)\s+been\s+"
    r"(?:too\s+slow|(?:too\s+)?limited|insufficient)\b",
    re.I,
)
# "The other three weaknesses, including the quality of annual reviews, had been addressed"
_ADDRESSED = re.compile(
    r"\b(?:weaknesses|areas)\s*,\s*including\s+(?P<x>[^,.;]+),\s*(?:had|have|has)\s+been\s+"
    r"(?:addressed|met|resolved|tackled)\b",
    re.I,
)
_SUFFICIENT_IN = re.compile(
    r"(?<!not )\b(?:made|showed|shown|achieved)\s+(?:sufficient|significant)\s+progress\s+"
    r"(?:in\s+respect\s+of|in\s+relation\s+to|in\s+addressing|on|in|with)\s+(?P<x>[^.;]+)|"
    # "sufficient progress had been made in tackling X and Y"
    r"\b(?:sufficient|significant|good|enough)\s+progress\s+(?:had|has|was|have)\s+(?:been\s+)?"
    r"(?:made|shown|seen|found)\s+(?:in\s+respect\s+of|in\s+relation\s+to|on|in|with)\s+"
    r"(?P<y>[^.;]+)",
    re.I,
)

_BULLET = re.compile(r"^[ \t]*(?:[●•▪◦·*\-–—]|\d{1,2}[.)])[ \t]+(?P<t>\S[^\n]*)$", re.M)
_LIST_WEAKNESS = re.compile(
    r"written statement of action|plan of action|significant weakness|weakness|tackle|"
    r"priority action",
    re.I,
)
_VERDICT_LIST = re.compile(r"\bprogress\b|\b(?:further|more) work\b|\bstill need", re.I)
_TO_TACKLE = re.compile(r"written statement|plan of action|tackle|priority action", re.I)
_LIST_STRENGTH = re.compile(
    r"\bstrengths?\b|performing well|working well|doing well|\bpraised\b|\bpositives?\b|"
    r"good practice|effective|"
    # "Inspectors highlighted:" with nothing said of what: what they held up is praise
    # (a list of concerns says so, and is read as weaknesses first).
    r"\b(?:highlighted|commended|celebrated)\s*:\s*$",
    re.I,
)
_LIST_IMPROVE = re.compile(r"areas? for improvement|need(?:s)? to (?:do better|improve)", re.I)

_OUTCOMES_2023 = [
    (
        re.compile(r"widespread\s+and/or\s+systemic\s+failings|systemic\s+failings", re.I),
        "systemic_failings",
    ),
    (
        re.compile(
            r"inconsistent\s+experiences\s+and\s+outcomes|\b(?:rated|judged|graded|assessed)\s+"
            r"(?:as\s+)?(?:being\s+)?[‘'\"“]?inconsistent\b",
            re.I,
        ),
        "inconsistent",
    ),
    (
        re.compile(
            r"(?:typically\s+)?lead\s+to\s+positive\s+experiences\s+and\s+outcomes|"
            r"positive\s+experiences\s+and\s+outcomes",
            re.I,
        ),
        "positive",
    ),
]
_CUES_2023 = re.compile(
    r"widespread\s+and/or\s+systemic|systemic\s+failings|experiences\s+and\s+outcomes|"
    r"priority\s+action|Area\s+SEND\s+inspection|Local\s+Area\s+Partnership|new\s+(?:area\s+SEND\s+"
    r")?(?:inspection\s+)?framework",
    re.I,
)
_CUES_2016 = re.compile(
    r"written\s+statement\s+of\s+action|plan\s+of\s+action|re-?visit|Local\s+Area\s+Review|"
    r"joint\s+local\s+area\s+SEND|significant\s+weakness|accelerated\s+progress\s+plan",
    re.I,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _has_voice(text: str) -> bool:
    """Whether the page speaks in its own voice (see ``_SPEAKER``), as no letter does."""
    if _SPEAKER.search(text) or _FURNITURE.search(text):
        return True
    first = len(_FIRST_PERSON.findall(text))
    return first >= 3 and first * 1000 >= len(text)


def _number(word: str) -> int:
    word = word.lower()
    return _NUM_WORDS[word] if word in _NUM_WORDS else int(word)


@dataclass
class _Candidate:
    """A date offered for one field of one event; the most precise offer wins."""

    when: When
    order: int


@dataclass
class _Page:
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


class SecondaryReader(Reader):
    """Reads press releases, news articles and council pages about SEND inspections."""

    document_type = "press_release"

    def recognise(self, text: str) -> float:
        """Sure when a page speaks of Ofsted/CQC and SEND but is not an inspectorate's own.

        An inspectorate's document carries two or more of its fixed marks (title, opening
        sentence, headings); a page may quote one, so a single mark outside a quotation
        counts against the page only when the page has no voice of its own.
        """
        marks = len(_OFFICIAL.findall(_QUOTED.sub(_blank, text)))
        if marks >= 2:
            return 0.05
        if not (_INSPECTORATE.search(text) and _SEND.search(text)):
            return 0.0
        # A school's own Ofsted report mentions SEND too: only a local area's inspection
        # (its statement, its revisit, its area SEND services) is read here.
        if not _AREA_INSPECTION.search(text):
            return 0.2
        voice = _has_voice(text)
        if marks:
            return 0.9 if voice else 0.05
        # A page's own voice outranks a title that merely resembles a report's.
        return 0.9 if voice else 0.6

    def read(self, text: str, source: str) -> Extraction:
        """Read the page's type, own date, area and events, each value with its evidence."""
        kind = classify(text)
        own = dateline(text)
        out = Extraction(source=source, document_type=kind, text=text)
        if own:
            out.document_date, out.document_date_span = own
        found = main_area(text)
        if found is None:
            return out
        area, _ = found
        out.local_areas = [area.name]
        spans = _page_sentences(text)
        others = _neighbours(text, spans, area.name)
        # The page's own area is read with its neighbours' sentences blanked out, so that
        # a neighbour's outcome is not taken for its own.
        own_text = text
        for _, (s, e) in others:
            own_text = own_text[:s] + re.sub(r"[^\n]", " ", own_text[s:e]) + own_text[e:]
        text = own_text
        page = _Page(
            text=text,
            area=area.name,
            doc_date=out.document_date,
            doc_date_span=out.document_date_span,
            spans=spans,
        )
        page.earlier = any(rx.search(text) for rx, _ in _OUTCOMES_2023)
        # "The area will not receive a revisit" makes no page about a revisit.
        revisits = [
            m
            for m in _REVISIT.finditer(text)
            if not _NO_VISIT.search(text, max(0, m.start() - 30), m.start())
        ]
        page.revisit_page = not page.earlier and bool(
            revisits or re.search(r"\bsufficient progress\b", text, re.I)
        )
        _read_sentences(page)
        _read_counts(page)
        _read_verdicts(page)
        _read_verdict_table(page)
        _read_lists(page)
        _count_verdicts(page)
        _read_outcomes(page)
        _settle_dates(page)
        _settle_frameworks(page)
        out.events = _ordered(page)
        for other, (s, e) in others:
            for event in _neighbour_events(out.text or "", s, e, other, out.document_date):
                _share_dates(out.text or "", spans, area.name, page.events.get("inspection"), event)
                out.events.append(event)
            if other not in out.local_areas:
                out.local_areas.append(other)
        return out


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


# --- dated events of the statement and the plan --------------------------------------


def _read_sentences(page: _Page) -> None:
    """Each sentence's dated events: plan agreed, statement submitted or approved, next visit,
    and the dates of the inspection and revisit."""
    text = page.text
    # The statement stays the subject of the sentences that follow while they call it "it"
    # ("When was the statement submitted? We submitted it on ...").
    statement_before = False
    asked: tuple[str, str] | None = None
    asked_of_statement = False
    for s, e in page.spans:
        sentence = text[s:e]
        whens = find_when(text, s, e, page.doc_date)
        # A report "due to be published next month" is no date of any visit or letter.
        whens = [
            w for w in whens if not _TO_BE_PUBLISHED.search(text, max(s, w.span[0] - 40), w.span[0])
        ]
        # "... a written statement of action. This was accepted as fit for purpose in June
        # 2020": a sentence opened by "This" speaks of it too.
        it_again = statement_before and (
            re.search(r"\bit\b", sentence, re.I) is not None
            or re.match(r"\s*This\s+(?:was|has|is)\b", sentence) is not None
        )
        statement_before = False
        # A page of questions and answers: "When was the statement submitted?" asks for the
        # date its answer gives ("In October 2019.").
        answers, asked = asked, None
        named = _WSOA.search(sentence) or (
            page.wsoa_at is not None and re.search(r"\b(?:written\s+)?statement\b", sentence, re.I)
        )
        question = sentence.rstrip().endswith("?")
        # "When was it approved?" after a question about the statement asks of it too.
        named = named or (question and asked_of_statement and re.search(r"\bit\b", sentence, re.I))
        if question:
            asked_of_statement = bool(named)
        if question and named and not whens:
            if _FIT.search(sentence) or re.search(
                r"\b(?:approved|accepted|signed off)\b", sentence, re.I
            ):
                asked = ("wsoa_accepted", "wsoa_accepted")
            elif re.search(r"\b(?:submitted|sent)\b", sentence, re.I):
                asked = ("wsoa_submitted", "wsoa_submitted")
        if _APP.search(sentence) and re.search(
            r"\b(?:agreed|approved|signed|put in place)\b", sentence, re.I
        ):
            page.dated_event("app", "app_agreed", whens)
            continue
        wsoa = _WSOA.search(sentence)
        if wsoa and page.wsoa_at is None:
            page.wsoa_at = s + wsoa.start()
        about_statement = bool(wsoa) or (
            page.wsoa_at is not None
            and page.wsoa_at < s
            and bool(
                _STATEMENT_AGAIN.search(sentence)
                or it_again
                or (_PLAN_AGAIN.search(sentence) and not _OTHER_PLAN.search(text, 0, s))
            )
            and not _OTHER_PLAN.search(sentence)
        )
        statement_before = about_statement
        if about_statement and _FIT.search(sentence) and not _OTHER_PLAN.search(sentence):
            fit = _FIT.search(sentence)
            assert fit is not None
            if not _NOT_YET.search(sentence[: fit.start()]):
                # "We submitted the statement in November 2017 and Ofsted confirmed it was
                # fit for purpose in February 2018": the dates before the "and" are the
                # submission's, the ones after it the approval's.
                sent = re.search(r"\bsubmitted\b[^.;]*\band\b", sentence[: fit.start()], re.I)
                if sent:
                    cut = s + sent.end()
                    early = [w for w in whens if w.span[0] < cut]
                    if early:
                        page.dated_event("wsoa_submitted", "wsoa_submitted", early)
                    whens = [w for w in whens if w.span[0] >= cut]
                page.dated_event("wsoa_accepted", "wsoa_accepted", whens)
                continue
        # "... were required to produce a statement, which was signed off in August 2017"
        later = _ACCEPTED_LATER.search(sentence) if about_statement else None
        if later and re.search(r"\b(?:required|need|must|has|had) to\b", sentence[: later.start()]):
            after = [w for w in whens if w.span[0] >= s + later.start()]
            if after:
                page.dated_event("wsoa_accepted", "wsoa_accepted", after)
                continue
        if about_statement and not re.search(r"\b(?:required|need|must|has) to\b", sentence, re.I):
            if re.search(
                r"\b(?:was|were|been|we|have|has)\s+(?:formally\s+)?(?:submitted|sent)\b|"
                r"\bsubmitted\s+(?:it|our|the)\b|"
                r"\b(?:was|were)\b[^.;]{0,80}?\band\s+(?:then\s+)?submitted\b|"
                r"\b(?:statement\s+of\s+action|WSOA)\)?\s+submitted\b",
                sentence,
                re.I,
            ):
                # "We submitted our statement in November and it was signed off in January":
                # the dates after the approval are the approval's.
                accepted = _ACCEPTED_LATER.search(sentence)
                if accepted:
                    cut = s + accepted.start()
                    if any(w.span[0] >= cut for w in whens):
                        page.dated_event(
                            "wsoa_accepted",
                            "wsoa_accepted",
                            [w for w in whens if w.span[0] >= cut],
                        )
                    whens = [w for w in whens if w.span[0] < cut]
                page.dated_event("wsoa_submitted", "wsoa_submitted", whens)
                # "... the weaknesses found when inspectors visited in May": the other dates
                # of the sentence are the visit's.
                _visit_dates(page, s, e, whens[1:])
                continue
            if re.search(
                r"\b(?:declared|deemed|judged|found|confirmed)\s+(?:as\s+)?fit\s+for\s+"
                r"purpose\b|\b(?:was|were|been)\s+(?:formally\s+)?(?:approved|accepted|"
                r"signed off)\b",
                sentence,
                re.I,
            ):
                page.dated_event("wsoa_accepted", "wsoa_accepted", whens)
                continue
        future = _FUTURE_VISIT.search(sentence)
        if future:
            # "within three years of the 2025 report": a year naming a report is no date
            # of the next visit.
            ahead = [
                w
                for w in whens
                if w.span[0] >= s + future.start() - 60
                and not _NAMES_DOCUMENT.match(text, w.span[1], e)
            ]
            if ahead and ahead[0].end and len(ahead[0].start) == 10 and page.doc_date:
                # "Inspectors will be in the county from 20 to 24 November": a visit
                # announced with its days is that visit, dated as any other.
                _visit_dates(page, s, e, whens)
                continue
            if ahead and "next" not in page.events:
                page.event("next", "next_visit_expected").put("date", ahead[0].start, ahead[0].span)
            continue
        if answers and whens and not (_INSPECTORS.search(sentence) and _VISIT.search(sentence)):
            page.dated_event(*answers, whens)
            continue
        _visit_dates(page, s, e, whens)
    _read_periods(page)


_NAMES_DOCUMENT = re.compile(
    r"\s+(?:(?:full|area\s+SEND|joint|initial)\s+)?(?:report|inspection|letter|outcome|"
    r"re-?visit|framework)\b",
    re.I,
)
_PERIOD = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+next\s+)?(?:approximately\s+|about\s+|around\s+|roughly\s+)?"
    rf"(?P<n>{_NUM}|eighteen)\s+(?P<unit>months|years)\b",
    re.I,
)


def _neighbours(text: str, spans: list[Span], area: str) -> list[tuple[str, Span]]:
    """Sentences that give another area's outcome for comparison ("Neighbouring Derbyshire
    was found to have inconsistent ...", "Neighbouring Rutland was not required to produce
    a written statement"): they name that area, not the page's own, and state an outcome."""
    every = sorted(mentions(text), key=lambda m: m.span[0])
    starts = [m.span[0] for m in every]
    out = []
    for s, e in spans:
        # The mentions inside the sentence, found by bisection (linear in all).
        inside = every[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]
        here = {m.area.name for m in inside}
        # Only a sentence about one other area alone; the page's own name keeps it its own.
        if len(here) != 1 or area in here or area in text[s:e]:
            continue
        named = set(here)
        if any(rx.search(text, s, e) for rx, _ in _OUTCOMES_2023) or _outcome_2016(text[s:e]):
            out.append((named.pop(), (s, e)))
    return out


def _neighbour_events(text: str, s: int, e: int, area: str, doc_date: str | None) -> list[Event]:
    """The events one sentence about another area tells: its inspection, and when the
    sentence also tells of that area's revisit ("In Bury, which was inspected in 2021 ...,
    a revisit in November found sufficient progress in all four areas"), the sentence is
    read as a page of its own about that area."""
    if not _REVISIT.search(text, s, e):
        return [_neighbour_event(text, s, e, area, doc_date)]
    page = _Page(text=text, area=area, doc_date=doc_date, doc_date_span=None, spans=[(s, e)])
    page.revisit_page = True
    _read_sentences(page)
    _read_counts(page)
    _read_outcomes(page)
    _settle_dates(page)
    _settle_frameworks(page)
    return _ordered(page)


def _neighbour_event(text: str, s: int, e: int, area: str, doc_date: str | None) -> Event:
    """A neighbouring area's inspection as one sentence tells it: its outcome, and the
    date of the inspection when the sentence says it was inspected then."""
    event = Event(local_area=area, kind="inspection")
    for rx, outcome in _OUTCOMES_2023:
        m = rx.search(text, s, e)
        if m:
            event.put("outcome", outcome, m.span())
            event.put("framework", "2023", m.span())
            break
    else:
        old = _outcome_2016(text[s:e])
        if old:
            event.put("outcome", old, (s, e))
            event.put("framework", "2016", (s, e))
    whens = find_when(text, s, e, doc_date)
    if (
        whens
        and _INSPECTION.search(text, s, e)
        and not _PUBLISHED_BEFORE.search(text[max(s, whens[0].span[0] - 60) : whens[0].span[0]])
    ):
        event.put("visit_start", whens[0].start, whens[0].span)
        if whens[0].end:
            event.put("visit_end", whens[0].end, whens[0].span)
    return event


def _read_periods(page: _Page) -> None:
    """The stated time to the next monitoring and full inspection, on a page reporting a
    2023-framework outcome: "expected to return within 18 months", "the next full
    inspection will be within approximately three years"."""
    inspection = page.events.get("inspection")
    if not page.earlier or inspection is None:
        return
    text = page.text
    for s, e in page.spans:
        for m in _PERIOD.finditer(text, s, e):
            word = m["n"].lower()
            n = 18 if word == "eighteen" else _number(word)
            sentence = text[s:e]
            name = None
            if m["unit"].lower() == "months" and re.search(
                r"\bmonitoring\b|\breturn|\bcome back\b|\bre-?visit", sentence, re.I
            ):
                name = "next_monitoring_within_months"
            elif m["unit"].lower() == "years" and re.search(
                r"\b(?:full|next)\b[^.]{0,30}\binspect|\breinspect|\bre-inspect", sentence, re.I
            ):
                name = "next_full_within_years"
            if name and name not in inspection.values:
                inspection.put(name, n, (s, e))


# A timeline's line opened by its date: "24 May 2018: inspection letter published",
# "12 March 2018 – letter published".
_LINE_OPENS = re.compile(r"(?:^|\n)[ \t]*(?:[●•▪◦·*\-–—][ \t]*)?$")
_PUBLISHED_AFTER = re.compile(
    r"[ \t]*[:–—-][ \t]*(?:[\w’']+[ \t]+){0,4}?(?:published|released)\b", re.I
)


# A date of something held beside the visit ("a webinar for parents on 21 November", "a
# drop-in session on 3 May"): not the visit's.
_SIDE_EVENT = re.compile(
    r"\b(?:webinar|meeting|session|workshop|drop-in|coffee morning|focus group|survey|"
    r"briefing|event|conference|call)s?\b[^.;:]*$",
    re.I,
)


def _opens_published(page: _Page, when: When, e: int) -> bool:
    """Whether the date opens a line that says a letter or report was published."""
    start, end = when.span
    return bool(
        _PUBLISHED_AFTER.match(page.text, end, e)
        and _LINE_OPENS.search(page.text, max(0, start - 12), start)
    )


def _visit_dates(page: _Page, s: int, e: int, whens: list[When]) -> None:
    """Dates of the inspection and the revisit in one sentence, each to its nearest cue."""
    text = page.text
    cues: list[tuple[int, int, str]] = []
    for m in _REVISIT.finditer(text, s, e):
        # "the area did not receive a revisit", "was never revisited": no visit at all.
        if _NO_VISIT.search(text, max(s, m.start() - 30), m.start()):
            continue
        cues.append((m.start(), m.end(), "revisit"))
    for m in _MONITORING.finditer(text, s, e):
        cues.append((m.start(), m.end(), "monitoring"))
    if not cues and not page.earlier:
        for m in _RETURNED.finditer(text, s, e):
            cues.append((m.start(), m.end(), "revisit"))
    for m in _INSPECTION.finditer(text, s, e):
        if not any(a <= m.start() < b for a, b, _ in cues):
            cues.append((m.start(), m.end(), "inspection"))
    visits = list(_VISIT.finditer(text, s, e))
    if _INSPECTORS.search(text, s, e):
        visits += list(_PRESENT.finditer(text, s, e))
    if visits:
        kind = _visit_kind(page, whens)
        for m in visits:
            if not any(a <= m.start() < b for a, b, _ in cues):
                cues.append((m.start(), m.end(), kind))
    whens = [
        w
        for w in whens
        if not _FRAMEWORK_DATE.search(text, max(s, w.span[0] - 70), w.span[0])
        and w.span != page.doc_date_span
    ]
    before_sentence = page.last_cue
    found = _PUBLISHED_TODAY.search(text, s, e)
    # "published today", "published yesterday", "published on Tuesday": a day counted
    # from the page's own date.
    today = (
        When(page.doc_date, None, found.span())
        if found and page.doc_date
        else published_day(text, s, e, page.doc_date)
    )
    if not cues:
        if not _DOCUMENT.search(text, s, e):
            return
        # "The letter ... was published today" speaks of the visit last named, or of the
        # one the page names next.
        if today:
            if page.last_cue:
                page.offer(_letter_of(page, page.last_cue, today), "published", today)
            elif page.pending_today is None:
                page.pending_today = today
        # "Their report was published on 1 February 2024."
        for when in whens:
            before = text[max(s, when.span[0] - 60) : when.span[0]]
            if page.last_cue and (
                _PUBLISHED_BEFORE.search(before) or _opens_published(page, when, e)
            ):
                # Beside a 2023 inspection, a letter published in 2016-2022 is the
                # earlier inspection's, as its visit dates are.
                last = page.last_cue
                if last == "inspection":
                    last = page.inspection_key(when.start)
                page.offer(_letter_of(page, last, when), "published", when)
        return
    kinds = {c[2] for c in cues}
    for kind in kinds:
        page.event(kind, _KINDS[kind])
    page.last_cue = max(cues)[2]
    if page.pending_today:
        page.offer(page.last_cue, "published", page.pending_today)
        page.pending_today = None
    if today:
        nearest = _nearest(cues, today.span)
        if nearest:
            page.offer(nearest, "published", today)
    # With one kind of visit in the sentence every date is its; with both, each date
    # belongs to the cue it stands next to.
    limit = 10_000 if len(kinds) == 1 else 110
    for when in whens:
        owner = _nearest(cues, when.span, limit=limit)
        if owner is None or _SIDE_EVENT.search(text, max(s, when.span[0] - 60), when.span[0]):
            continue
        before = text[max(s, when.span[0] - 60) : when.span[0]]
        name = "published" if _PUBLISHED_BEFORE.search(before) else "visit_start"
        if _opens_published(page, when, e):
            name = "published"
        if name == "visit_start" and len(when.start) == 4 and int(when.start) < 2016:
            continue
        # "The letter, published on 24 March, says ... the 2018 inspection": a letter
        # published before any visit is named in the sentence is the one last spoken of.
        if (
            name == "published"
            and before_sentence
            and not any(a < when.span[0] for a, _, _ in cues)
        ):
            owner = before_sentence
        if owner == "inspection":
            owner = page.inspection_key(when.start)
            page.event(owner, "inspection")
        if name == "published":
            owner = _letter_of(page, owner, when)
        page.offer(owner, name, when)


def _letter_of(page: _Page, owner: str, when: When) -> str:
    """Whose letter a publication date is: on a page about a revisit, a letter published
    within a year of the page's own date is the revisit's (revisits come at least a year
    and a half after the inspection), whatever inspection the sentence also recalls."""
    recent = bool(page.doc_date) and int(when.start[:4]) >= int(str(page.doc_date)[:4]) - 1
    if owner == "inspection" and page.revisit_page and recent:
        page.event("revisit", "revisit")
        return "revisit"
    # An inspection's letter comes out weeks after its visit: a letter published two or
    # more years after the inspection's visit, on a page that tells of a revisit, is the
    # revisit's.
    visit = page.dates.get(("inspection", "visit_start"))
    if (
        owner == "inspection"
        and page.revisit_page
        and "revisit" in page.events
        and visit is not None
        and int(when.start[:4]) - int(visit.when.start[:4]) >= 2
    ):
        return "revisit"
    return owner


def _visit_kind(page: _Page, whens: list[When]) -> str:
    """Which visit words that name no kind speak of: on a page about a revisit, a visit
    dated within a year of the page's own date is the revisit; else the inspection."""
    if page.last_cue == "monitoring":
        return "monitoring"
    if page.revisit_page and page.doc_date:
        recent = int(page.doc_date[:4]) - 1
        if any(int(w.start[:4]) >= recent for w in whens):
            return "revisit"
    return "inspection"


def _nearest(cues: list[tuple[int, int, str]], span: Span, limit: int = 10_000) -> str | None:
    best, dist = None, limit
    for a, b, kind in cues:
        d = max(a - span[1], span[0] - b, 0)
        if d < dist:
            best, dist = kind, d
    return best


def _settle_dates(page: _Page) -> None:
    for (key, name), cand in sorted(page.dates.items(), key=lambda kv: kv[1].order):
        event = page.events.get(key)
        if event is None:
            continue
        when = cand.when
        event.put(name, when.start, when.span)
        if name == "visit_start" and when.end:
            event.put("visit_end", when.end, when.span)


# --- counts and verdicts of the revisit ----------------------------------------------


def _clause(text: str, s: int, e: int, pos: int, end: int) -> str:
    """The clause of sentence text[s:e] holding text[pos:end]."""
    start = s
    for m in _CLAUSE_BREAK.finditer(text, s, pos):
        start = m.end()
    stop = e
    brk = _CLAUSE_BREAK.search(text, end, e)
    if brk:
        stop = brk.start()
    return text[start:stop]


def _read_counts(page: _Page) -> None:
    """'Four out of five areas', 'one of the five areas ... still to make progress'."""
    text = page.text
    for s, e in page.spans:
        sentence = text[s:e]
        for m in _COUNT.finditer(text, s, e):
            if not _PROGRESS.search(sentence):
                continue
            total = _number(m["b"])
            a = total if m["a"].lower() == "all" else _number(m["a"])
            if a > total:
                continue
            clause = _clause(text, s, e, m.start(), m.end())
            sufficient = total - a if _NEGATION.search(clause) else a
            _put_counts(page, total, sufficient, m.span(), sentence)
            return
        for m in _NONE_COUNT.finditer(text, s, e):
            clause = _clause(text, s, e, m.start(), m.end())
            negated = m["w"].lower() == "none" or _NEGATION.search(clause)
            if _PROGRESS.search(sentence) and negated:
                _put_counts(page, _number(m["b"]), 0, m.span(), sentence)
                return
        for m in _ALL_COUNT.finditer(text, s, e):
            if _PROGRESS.search(sentence) and not _NEGATION.search(sentence):
                total = _number(m["b"])
                _put_counts(page, total, total, m.span(), sentence)
                return
    for s, e in page.spans:
        stated = _TOTAL.search(text, s, e)
        if stated:
            inspection = _inspection_for_weaknesses(page, stated.group(0))
            if inspection is not None:
                count = stated["b"] or stated["c"]
                inspection.put("weaknesses_total", _number(count), stated.span())
            return


def _put_counts(page: _Page, total: int, sufficient: int, span: Span, sentence: str) -> None:
    # On a page that tells only of a monitoring inspection, a count of areas is its own
    # even in words of its own ("reasonable steps had been taken on four of the five").
    monitoring_page = "monitoring" in page.events and "revisit" not in page.events
    if (_ACTION.search(sentence) or monitoring_page) and not _REVISIT.search(sentence):
        # A monitoring inspection's judgement on the areas for priority action of the
        # 2023-framework inspection before it.
        monitoring = page.event("monitoring", "monitoring_inspection")
        monitoring.put("weaknesses_total", total, span)
        monitoring.put("weaknesses_sufficient", sufficient, span)
        inspection = page.events.get("inspection")
        if inspection is not None and "weaknesses_total" not in inspection.values:
            inspection.put("weaknesses_total", total, span)
        return
    revisit = page.event("revisit", "revisit")
    revisit.put("weaknesses_total", total, span)
    revisit.put("weaknesses_sufficient", sufficient, span)
    # The revisit looks again at every area of significant weakness the inspection found.
    inspection = page.events.get("earlier" if page.earlier else "inspection")
    if inspection is not None and "weaknesses_total" not in inspection.values:
        inspection.put("weaknesses_total", total, span)


def _inspection_for_weaknesses(page: _Page, words: str) -> Event | None:
    """The inspection a stated number of weaknesses belongs to: areas for priority action
    are a 2023-framework inspection's; areas of significant weakness a 2016 one's, which
    beside a 2023 outcome is the earlier inspection (if the page dates it)."""
    if page.earlier and not re.search(r"priority action", words, re.I):
        return page.events.get("earlier")
    return page.event("inspection", "inspection")


def _clean_item(text: str, start: int) -> tuple[str, Span]:
    """An item's words without quotes, possessives before it or a trailing clause."""
    raw = text
    cut = re.search(
        r",\s*(?:and|which|who|but|so|as|with|where)\b|\s[-–—]\s|[”\"]|"
        r",\s*(?:[\w’']+\s+){0,3}?(?:said|says|found|added|noted|concluded|reported)\b",
        raw,
    )
    if cut:
        raw = raw[: cut.start()]
    lead = re.match(r"\s*(?:[‘'“\"]\s*)?(?:(?:our|its|their|the\s+council[’']s)\s+)?[‘'“\"]?", raw)
    offset = lead.end() if lead else 0
    body = raw[offset:]
    body = re.sub(r"[\s’'”\".,;:]+$", "", body)
    return body, (start + offset, start + offset + len(body))


def _followed_up(page: _Page) -> tuple[str, str]:
    """The key and kind of the visit that judged progress: the revisit, or on a page that
    tells only of a monitoring inspection, that."""
    if "monitoring" in page.events and "revisit" not in page.events:
        return "monitoring", "monitoring_inspection"
    return "revisit", "revisit"


def _named_items(x: str, start: int) -> list[tuple[str, Span]]:
    """The weaknesses a verdict phrase names: "X", "X and in Y", or after a count, the one
    named beside it ("in one of the four areas, the identification of needs")."""
    one = re.match(
        rf"\s*(?:only\s+)?one\s+of\s+(?:the\s+|its\s+|our\s+)?{_NUM}\s+[^,]{{0,40}},\s*", x, re.I
    )
    if one:
        x, start = x[one.end() :], start + one.end()
    elif re.match(
        rf"\s*(?:{_NUM}|all|any|each|either|both|none)\s+(?:out\s+)?of\b|\s*all\b|"
        rf"\s*{_NUM}\s+(?:\w+\s+)?(?:areas?|weakness)",
        x,
        re.I,
    ):
        # A count ("in one area, ..."), not a named weakness.
        return []
    # "in tackling X": the weakness is X (but "in reducing waits" keeps its verb).
    lead = re.match(r"\s*(?:tackling|addressing|dealing\s+with|resolving)\s+", x, re.I)
    if lead:
        x, start = x[lead.end() :], start + lead.end()
    out = []
    pos = 0
    # "in A and in B", "in A, or in B": a second preposition starts a second weakness, as
    # does "A and the B" (a second article: "the quality of plans and the lack of ...").
    for i, part in enumerate(re.split(_SECOND_ITEM, x)):
        if i % 2:  # the separator split() keeps
            pos += len(part)
            continue
        body, span = _clean_item(part, start + pos)
        pos += len(part)
        if len(body.split()) >= 2:
            out.append((body, span))
    return out


_SECOND_ITEM = re.compile(
    r"(,?\s+(?:and|or)\s+(?:in|on|with)\s+|,\s+(?:in|on|with)\s+(?=(?:the|its|their|our)\s)|"
    r"(?<=\w{3})\s+and\s+(?=(?:the|its|their|our)\s+\w+\s+\w+))",
    re.I,
)


def _read_verdicts(page: _Page) -> None:
    """Weaknesses the page names with their verdict at the revisit."""
    text = page.text
    key, kind = _followed_up(page)
    revisit = page.events.get(key)
    found: list[Item] = []
    for rx in (_ONE_AREA_NOT, _NOT_PROGRESS_IN, _INSUFFICIENT_IN, _TOO_SLOW):
        for m in rx.finditer(text):
            for body, span in _named_items(m["x"], m.start("x")):
                found.append(Item(body, span, "insufficient", _sentence_span(page, m.start())))
    limit = None
    if revisit is not None and revisit.get("weaknesses_total") is not None:
        limit = revisit.get("weaknesses_total") - revisit.get("weaknesses_sufficient")
    for m in _MORE_WORK.finditer(text):
        body, span = _clean_item(m["x"], m.start("x"))
        parts = _split_items(body, span, 2 if m["both"] else limit, both=bool(m["both"]))
        for part, pspan in parts:
            found.append(Item(part, pspan, "insufficient", _sentence_span(page, m.start())))
    for m in _SUFFICIENT_IN.finditer(text):
        x = "x" if m["x"] is not None else "y"
        stop = m.start(x)
        if _NEGATION.search(_clause(text, *_sentence_span(page, m.start()), m.start(), stop)):
            continue
        for body, span in _named_items(m[x], m.start(x)):
            found.append(Item(body, span, "sufficient", _sentence_span(page, m.start())))
    for m in _ADDRESSED.finditer(text):
        body, span = _clean_item(m["x"], m.start("x"))
        if len(body.split()) >= 2:
            found.append(Item(body, span, "sufficient", _sentence_span(page, m.start())))
    if not found:
        return
    found.sort(key=lambda i: i.span or (0, 0))
    revisit = page.event(key, kind)
    insufficient = [i for i in found if i.verdict == "insufficient"]
    sufficient = [i for i in found if i.verdict == "sufficient"]
    # Pages repeat themselves (the finding, then a quote saying it again): when the
    # counts say how many weaknesses fell short, the first that many are the ones.
    if limit is not None:
        insufficient = insufficient[: max(limit, 0)]
        sufficient = sufficient[: max(revisit.get("weaknesses_sufficient"), 0)]
    for item in sorted(insufficient + sufficient, key=lambda i: i.span or (0, 0)):
        revisit.add("weaknesses", item)


# A table row of a weakness and its verdict, its cells split by a tab.
_VERDICT_ROW = re.compile(
    r"^(?P<t>[^\t\n]{3,300}?)\t+(?P<v>(?:not\s+(?:yet\s+)?(?:made\s+)?|in)?sufficient\s+progress"
    r"(?:\s+made)?)[ \t.]*$",
    re.M | re.I,
)


# A column head naming the weaknesses, beside one for the verdict; a row that only names
# the columns is a head, not a weakness.
_HEAD_CELL = re.compile(
    r"^\s*(?:(?:the\s+)?areas?\s+(?:of|for)\s+(?:significant\s+)?(?:weakness(?:es)?|"
    r"priority action)|(?:significant\s+)?weakness(?:es)?|areas?|issues?)\s*:?\s*$",
    re.I,
)
_CELL_BREAK = r"(?:\t+|[ \u00a0]{2,}|[ \t]*\|[ \t]*)"
# "Area of significant weakness | Sufficient progress (made)?": the head of a Yes/No table.
# A head is a short line: the look-ahead keeps the pattern from trying every "weakness" of a
# long paragraph against every later position (quadratic on a long line).
_YES_NO_HEAD = re.compile(
    r"^(?=[^\n]{0,300}$)[ \t|]*(?P<t>[^\t\n|]*\bweakness(?:es)?\b[^\t\n|]*?)"
    + _CELL_BREAK
    + r"(?P<v>[^\t\n|]*\b(?:progress|met|achieved|addressed)\b[^\t\n|]*?)[ \t|]*$",
    re.M | re.I,
)
# One row under it: the weakness, then Yes or No in the last cell.
_YES_NO_ROW = re.compile(
    r"^[ \t|]*(?P<t>[^\t\n|]{3,300}?)(?:"
    + _CELL_BREAK
    + r"|[ \t]+)(?P<v>yes|no|not\s+yet|partly|partially)\b[ \t.|]*$",
    re.M | re.I,
)


def _yes_no_rows(text: str) -> list[tuple[re.Match[str], bool]]:
    """Rows of weaknesses under a Yes/No head, with whether each made sufficient progress."""
    out: list[tuple[re.Match[str], bool]] = []
    for head in _YES_NO_HEAD.finditer(text):
        pos = head.end()
        for line in re.finditer(r"[^\n]*\n?", text[pos:]):
            body = line.group(0).rstrip("\n")
            if not body.strip() or re.fullmatch(r"[ \t|:-]+", body):
                # Blank lines between rows, and a text table's rule under its head.
                if not line.group(0):
                    break
                continue
            row = _YES_NO_ROW.match(text, pos + line.start(), pos + line.start() + len(body))
            if row is None:
                break
            out.append((row, row["v"].lower() == "yes"))
    return out


def _read_verdict_table(page: _Page) -> None:
    """A table of each weakness and whether the revisit found sufficient progress."""
    rows = [m for m in _VERDICT_ROW.finditer(page.text) if not _HEAD_CELL.match(m["t"])]
    yes_no = _yes_no_rows(page.text)
    if yes_no and len(yes_no) >= len(rows):
        _put_table(page, yes_no)
        return
    if not rows:
        return
    revisit = page.event("revisit", "revisit")
    if revisit.findings.get("weaknesses"):
        return
    sufficient = 0
    for m in rows:
        good = not re.match(r"not|in", m["v"], re.I)
        sufficient += good
        verdict = "sufficient" if good else "insufficient"
        revisit.add("weaknesses", Item(m["t"].strip(), m.span("t"), verdict, m.span("v")))
    # The table itself states how many there were and how many were met.
    span = (rows[0].start(), rows[-1].end())
    if revisit.get("weaknesses_total") is None:
        revisit.put("weaknesses_total", len(rows), span)
        revisit.put("weaknesses_sufficient", sufficient, span)


def _put_table(page: _Page, rows: list[tuple[re.Match[str], bool]]) -> None:
    """The weaknesses of a Yes/No table, each with its verdict, and the counts it states."""
    revisit = page.event("revisit", "revisit")
    if revisit.findings.get("weaknesses"):
        return
    for m, good in rows:
        verdict = "sufficient" if good else "insufficient"
        revisit.add("weaknesses", Item(m["t"].strip(), m.span("t"), verdict, m.span("v")))
    span = (rows[0][0].start(), rows[-1][0].end())
    if revisit.get("weaknesses_total") is None:
        revisit.put("weaknesses_total", len(rows), span)
        revisit.put("weaknesses_sufficient", sum(good for _, good in rows), span)


def _count_verdicts(page: _Page) -> None:
    """The counts a page implies by its verdicts when it states no number: every weakness
    named with its verdict, some met and some not (or as many as the inspection found)."""
    key, _ = _followed_up(page)
    revisit = page.events.get(key)
    if revisit is None or revisit.get("weaknesses_total") is not None:
        return
    items = revisit.findings.get("weaknesses") or []
    verdicts = [i.verdict for i in items]
    if not items or None in verdicts:
        return
    good = verdicts.count("sufficient")
    inspection = page.events.get("earlier" if page.earlier else "inspection")
    found = inspection.get("weaknesses_total") if inspection is not None else None
    spans = [s for i in items for s in (i.span, i.verdict_span) if s is not None]
    span = (min(s[0] for s in spans), max(s[1] for s in spans))
    total_span = span
    if found == len(items) and inspection is not None:
        # The inspection's stated number, which the verdicts account for one by one.
        total_span = inspection.evidence["weaknesses_total"]
    elif found is not None or not 0 < good < len(items):
        # One verdict only: the page may name just the weaknesses it fell short on.
        return
    revisit.put("weaknesses_total", len(items), total_span)
    revisit.put("weaknesses_sufficient", good, span)


def _split_items(
    body: str, span: Span, want: int | None, both: bool = False
) -> list[tuple[str, Span]]:
    """'A and B' into two items when the page says 'both' or the counts ask for two."""
    if not want or want < 2:
        return [(body, span)]
    # "A, B and C": commas and the last "and"; "both A and B": the first "and" (B may
    # hold an "and" of its own, as in "education, health and care plans").
    commas = list(re.finditer(r",\s*(?:and\s+)?", body))
    ands = list(re.finditer(r"\s+and\s+", body))
    if both:
        cuts = ands[:1]
    else:
        cuts = list(commas)
        if ands and (not commas or ands[-1].start() >= commas[-1].end()):
            cuts.append(ands[-1])
    if len(cuts) + 1 != want:
        return [(body, span)]
    out, pos = [], 0
    for m in [*cuts, None]:
        end = m.start() if m else len(body)
        out.append((body[pos:end], (span[0] + pos, span[0] + end)))
        pos = m.end() if m else end
    return out


def _sentence_span(page: _Page, pos: int) -> Span:
    return page.sentence_of(pos)


# --- listed weaknesses and strengths -------------------------------------------------


def _read_lists(page: _Page) -> None:
    """Bulleted lists after an introducing line: the weaknesses to tackle, the strengths."""
    text = page.text
    # Looked for once per page, not once per list (which was quadratic on a long page).
    revisit_page = _REVISIT.search(text) is not None
    cues_2023 = _CUES_2023.search(text) is not None
    marks = _Marks(text)
    for intro in re.finditer(r"^[^\n]*:[ \t]*$", text, re.M):
        items = _bullets_after(text, intro.end())
        if not items:
            continue
        # Only the sentence that ends in the colon introduces the list, unless it says
        # nothing of what is listed ("... three areas for priority action. Leaders must:").
        line = re.split(r"(?<=[.!?])\s+", intro.group(0).strip())[-1]
        whole = intro.group(0)
        # "- joint commissioning: sufficient progress": each bullet carries its own verdict.
        own = [_ITEM_VERDICT.match(text, sp[0], sp[1]) for _, sp in items]
        if revisit_page and all(own):
            event = page.event("revisit", "revisit")
            for m in own:
                assert m is not None
                verdict = "insufficient" if _NEGATION.search(m["v"]) else "sufficient"
                event.add("weaknesses", Item(m["t"], m.span("t"), verdict, m.span("v")))
            continue
        if revisit_page and _VERDICT_LIST.search(line) and not _TO_TACKLE.search(line):
            # "The areas where we have not yet made enough progress are:" - the revisit's
            # verdict on each weakness listed.
            event = page.event("revisit", "revisit")
            verdict = "insufficient" if _NEGATION.search(line) else "sufficient"
            for body, span in items:
                event.add("weaknesses", Item(body, span, verdict, intro.span()))
            continue
        if not (
            _LIST_WEAKNESS.search(line) or _LIST_STRENGTH.search(line) or _VERDICT_LIST.search(line)
        ):
            line = whole
        if _LIST_WEAKNESS.search(line):
            kind = "weaknesses"
        elif _LIST_STRENGTH.search(line):
            kind = "strengths"
        elif _LIST_IMPROVE.search(line) and cues_2023:
            kind = "improvements"
        else:
            continue
        event = _event_before(page, intro.start(), marks)
        for body, span in items:
            event.add(kind, Item(body, span))
        if kind == "weaknesses" and event.get("weaknesses_total") is None:
            event.put("weaknesses_total", len(items), (intro.start(), items[-1][1][1]))


# A bullet that ends in its verdict: "the local offer: not sufficient progress", "joint
# commissioning - sufficient progress made", "EHC plans (insufficient progress)". ("Some
# progress" or "limited progress" says no verdict plainly enough to read.)
_ITEM_VERDICT = re.compile(
    r"(?P<t>[^\n]{3,300}?)\s*(?:[:–—-]|\()\s*(?P<v>(?:not\s+(?:yet\s+)?(?:made\s+)?|in)?"
    r"sufficient(?:\s+progress)?(?:\s+(?:made|achieved))?)\)?[ \t.;]*$",
    re.I,
)


def _bullets_after(text: str, pos: int) -> list[tuple[str, Span]]:
    """The bullets that follow ``pos``, blank lines between them allowed."""
    items = []
    while True:
        m = re.compile(r"\s*").match(text, pos)
        nxt = m.end() if m else pos
        b = _BULLET.match(text, text.rfind("\n", 0, nxt) + 1 if nxt else 0)
        if not b or b.start("t") < pos:
            break
        raw = b["t"]
        body = re.sub(r"(?:[;,.]?\s*(?:and|or)?\s*[;,.]?\s*)$", "", raw)
        body = re.sub(r"[;,.\s]+$", "", body)
        items.append((body, (b.start("t"), b.start("t") + len(body))))
        pos = b.end()
    return items


class _Marks:
    """Where a page speaks of a revisit and of an inspection, found once."""

    def __init__(self, text: str):
        self.revisits = [m.span() for m in _REVISIT.finditer(text)]
        self.inspections = [m.span() for m in _INSPECTION.finditer(text)]

    @staticmethod
    def last_before(found: list[tuple[int, int]], pos: int) -> int | None:
        """The start of the last mark that ends by ``pos`` (the marks are in order)."""
        i = bisect.bisect_right(found, pos, key=lambda span: span[1])
        return found[i - 1][0] if i else None


def _event_before(page: _Page, pos: int, marks: _Marks) -> Event:
    """The inspection or revisit the page last spoke of before ``pos``."""
    last = marks.last_before(marks.revisits, pos)
    inspection_last = marks.last_before(marks.inspections, pos)
    if last is not None and (inspection_last is None or last > inspection_last):
        return page.event("revisit", "revisit")
    return page.event("inspection", "inspection")


# --- outcomes and frameworks ---------------------------------------------------------


def _read_outcomes(page: _Page) -> None:
    """Whether the inspection required a written statement, or its 2023 outcome."""
    text = page.text
    for rx, outcome in _OUTCOMES_2023:
        m = rx.search(text)
        if m:
            page.event("inspection", "inspection").put("outcome", outcome, m.span())
            break
    # "has taken effective action" / "is not taking effective action": the conclusion of
    # the monitoring inspection the page reports, not of the inspection before it.
    monitoring = page.events.get("monitoring")
    if monitoring is not None:
        m = _NOT_EFFECTIVE.search(text) or _EFFECTIVE.search(text)
        if m:
            failed = _NOT_EFFECTIVE.match(m.group(0))
            verdict = "ineffective_action" if failed else "effective_action"
            monitoring.put("outcome", verdict, m.span())
    # A written statement belongs to a 2016-framework inspection: beside a 2023 outcome,
    # only to the earlier inspection the page dates.
    target = "earlier" if page.earlier else "inspection"
    if page.earlier and "earlier" not in page.events:
        return
    for s, e in page.spans:
        required = _outcome_2016(text[s:e])
        if required:
            page.event(target, "inspection").put("outcome", required, (s, e))
            return


def _outcome_2016(sentence: str) -> str | None:
    """'no_wsoa' or 'wsoa_required' when the sentence says whether a statement was required."""
    wsoa = _WSOA.search(sentence)
    plan = _PLAN_OF_ACTION.search(sentence)
    if not (wsoa or plan):
        return None
    if re.search(
        r"\b(?:no|not|without|n[’']t)\b[^.]{0,40}(?:written statement|statement of "
        r"action|WSOA)|statement of action[^.]{0,30}\bnot\s+(?:required|needed)",
        sentence,
        re.I,
    ):
        return "no_wsoa"
    required = re.search(
        r"\b(?:required|ordered|told|instructed|directed|asked|had|needed|must)\b", sentence, re.I
    )
    made = re.search(
        r"\b(?:developed|produced|wrote|written|drew up|drawn up|prepared|"
        r"created|submitted|co-produced)\b",
        sentence,
        re.I,
    )
    if required or (wsoa and made):
        return "wsoa_required"
    return None


def _settle_frameworks(page: _Page) -> None:
    """The framework of each visit: by its year, else by the words the page uses."""
    text = page.text
    revisit = page.events.get("revisit")
    if revisit is not None:
        cue = _REVISIT.search(text) or _PROGRESS.search(text)
        revisit.put("framework", "2016", cue.span() if cue else None)
    monitoring = page.events.get("monitoring")
    if monitoring is not None:
        # Monitoring inspections exist only in the 2023 framework.
        cue = _MONITORING.search(text)
        monitoring.put("framework", "2023", cue.span() if cue else None)
    for key in ("earlier", "inspection"):
        inspection = page.events.get(key)
        if inspection is not None:
            _settle_framework(text, inspection)


def _settle_framework(text: str, inspection: Event) -> None:
    start = inspection.get("visit_start")
    if start:
        year = int(start[:4])
        inspection.put(
            "framework", "2023" if year >= 2023 else "2016", inspection.evidence.get("visit_start")
        )
        return
    if inspection.get("outcome") in ("positive", "inconsistent", "systemic_failings"):
        inspection.put("framework", "2023", inspection.evidence.get("outcome"))
        return
    m16 = _CUES_2016.search(text)
    m23 = _CUES_2023.search(text)
    if m23 and not m16:
        inspection.put("framework", "2023", m23.span())
    elif m16 and not m23:
        inspection.put("framework", "2016", m16.span())


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
_KINDS = {"inspection": "inspection", "revisit": "revisit", "monitoring": "monitoring_inspection"}


def _ordered(page: _Page) -> list[Event]:
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
