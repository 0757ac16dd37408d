"""Whether a sentence of a page asserts a fact about an area's own SEND inspection.

A page tells of an area's inspection in some sentences and, around them, explains how the
regime works ("local areas can receive one of three outcomes"), says what might or will
happen ("the report will be published shortly", "this could include intervention"), or
speaks of another kind of inspection altogether (children's services, a school). Only the
first kind is a claim a reader may take a value from: the others yield nothing.

Every cue is a row of a table below, each with the reason it gives; a new phrasing of the
same thing is a new row, never a new branch of code. The readers see the page with the
sentences that assert nothing blanked out (same length, same offsets), so every value they
read still carries the span of the words that state it. When unsure, a sentence is left
out: a missing value costs recall, an invented one costs trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendwatch.readers.secondary_areas import mentions
from sendwatch.readers.secondary_cues import OUTCOMES_2023

Span = tuple[int, int]

# A modal that addresses the reader ("you may have seen", "as you may know").
_READER = (
    r"\s+(?:already\s+)?(?:have\s+(?:seen|heard|read|noticed)|know|be\s+aware|remember|recall)\b"
)

#: Why a sentence asserts nothing, and the cues that say so. Matched case-insensitively
#: against one sentence (list items and headings count as sentences).
NOT_ASSERTED: dict[str, tuple[str, ...]] = {
    # How the regime works, said of any area rather than of this one.
    "explanation": (
        # (not "the lowest of the outcomes an area can be given", which ranks this area's)
        r"(?<!outcomes\s)(?<!ratings\s)(?<!judgements\s)"
        r"\b(?:local\s+areas|all\s+areas|every\s+(?:local\s+)?area|each\s+(?:local\s+)?area|"
        r"any\s+(?:local\s+)?area|an\s+area)\s+(?:can|could|may|will|would|must|should|are|is|"
        r"receives?|gets?|has|have)\b",
        # what is true of areas across the country, not of this one
        r"^\W*(?:Nationally|Across\s+(?:the\s+country|England))\b",
        r"\b(?:half|a\s+third|two\s+thirds|a\s+quarter|most|many)\s+of\s+(?:the\s+|all\s+)?"
        r"local\s+areas\b",
        # what follows an outcome for any area given it
        r"\b(?:areas|partnerships)\s+(?:given|with|receiving|that\s+(?:receive|get))\s+"
        r"(?:this|that|these|our|their|its|the(?:\s+\w+){1,4}?)\s+(?:outcome|judgement|rating|"
        r"result)s?\b",
        r"\b(?:usually|normally|generally|typically)\s+(?:have|get|receive|face)\s+(?:a|an)\s+"
        r"(?:(?:monitoring|full|further|new)\s+)?(?:re-?inspection|inspection|re-?visit|visit)\b",
        r"\b(?:re-?inspection|inspection|re-?visit|visit)\s+(?:usually|normally|generally|"
        r"typically)\s+follows\b",
        r"\b(?:are|is)\s+(?:usually|normally|generally|typically)\s+(?:re-?inspected|inspected|"
        r"re-?visited|visited)\b",
        r"\b(?:re-?visits?|inspections?|visits?)\s+(?:usually|normally|generally|typically)\s+"
        r"(?:take\s+place|happen|come|occur)\b",
        r"\b(?:following|after)\s+(?:any|every|each)\s+inspection\b",
        r"\bregardless\s+of\s+the\s+outcome\b",
        r"\b(?:one|any)\s+of\s+(?:the\s+)?three\s+(?:possible\s+)?outcomes\s+(?:are|is|can|could|"
        r"will|would)\b",
        r"\bthere\s+are\s+(?:three|3)\s+(?:possible\s+)?(?:inspection\s+)?outcomes\b",
        r"\b(?:the\s+)?(?:possible|three)\s+outcomes\s+(?:are|is|include)\b",
        r"\b(?:an?\s+|the\s+)?(?:area\s+SEND\s+|new\s+)?inspections?\s+(?:can|could|may|will)\s+"
        r"(?:result|lead|find|conclude|judge|have)\b",
        r"\b(?:inspectors|the\s+inspection)\s+will\s+(?:look|want|consider|evaluate|assess|"
        r"speak|talk|meet)\b",
        r"\b(?:Ofsted|the\s+inspectorates?)\s+(?:and\s+(?:the\s+)?(?:CQC|Care\s+Quality\s+"
        r"Commission)\s+)?(?:carry\s+out|conduct|inspect|undertake)\s+(?:joint\s+|local\s+area\s+|"
        r"area\s+SEND\s+)?(?:SEND\s+)?inspections\b",
        r"\bunlike\s+other\s+inspections\b",
        # what a framework's visits did as a whole: "Revisits under the old framework stopped"
        r"\b(?:re-?visits|inspections)\s+under\s+the\s+(?:old|previous|former|new|current|2016|"
        r"2023)\s+framework\s+(?:stopped|ended|ceased|began|started)\b",
        # when a council itself was made, which dates no inspection of its area
        r"\b(?:council|authority|area)\s+was\s+(?:created|formed|established|set\s+up)\s+in\b",
        # what any visit of a kind is: "A monitoring inspection is shorter than a full one"
        r"^\W*(?:an?|every|each)\s+(?:monitoring\s+|full\s+|area\s+SEND\s+|joint\s+)?"
        r"(?:inspection|revisit|re-visit)\s+(?:(?:is|are)(?!\s+(?:expected|due|planned|"
        r"scheduled|likely|now))|looks|lasts|takes|can|focuses|checks|usually|normally)\b",
        r"^\W*(?:the|a)\s+(?:new\s+|current\s+|previous\s+|2016\s+|2023\s+)?(?:inspection\s+)?"
        r"framework\s+(?:began|started|was\s+introduced|came\s+into|has\s+been|is|was)\b",
        r"\binspection\s+(?:programme|framework|arrangements)\s+(?:began|started|was\s+introduced|"
        r"came\s+into)\b",
        r"\bregulations\s+(?:19|20)\d\d\b",
        r"\bprogramme\s+of\s+[^.]{0,60}\binspections\s+(?:began|started|was\s+introduced)\b",
        r"\binspections?\s+can\s+(?:end|finish|result)\b",
        r"\beither\b[^.]{0,80}\bor\b[^.]{0,40}\b(?:action|outcome|experiences|failings)\b",
        r"\b(?:usually|normally|generally)\s+(?:means?|leads?|results?|happens?|takes?)\b",
    ),
    # What might happen, or would if something else did.
    "hypothetical": (
        # a modal of the main clause ("This could lead to ..."), not of a clause hung on
        # it ("a statement was submitted which promised that a strategy would follow")
        # ("You may have seen ...", "as you may know" address the reader: no possibility)
        r"^(?:(?!\b(?:which|that|who|how|what|why)\b).)*\b(?:could|might(?!" + _READER + r")|"
        r"would)\b",
        r"^(?:(?!\b(?:which|that|who|how|what|why)\b).)*(?-i:\bmay\b)(?!" + _READER + r")",
        r"(?:^|[,;:]\s*)if\b",
        r"\bunless\b",
        r"\bwhether\s+or\s+not\b",
        r"\bin\s+the\s+event\s+(?:of|that)\b",
        r"\b(?:possible|potential)\s+intervention\b",
    ),
    # What is still to come out, or still to be decided.
    "pending": (
        r"\b(?:will|to|yet\s+to)\s+be\s+(?:published|released|confirmed|decided|announced|"
        r"determined)\b",
        r"\b(?:due|expected|set|likely)\s+to\s+be\s+(?:published|released)\b",
        r"\bpublished\s+shortly\b|\bshortly\b|\bin\s+due\s+course\b",
        r"\bwill\s+(?:conclude|find|judge|decide|determine)\b",
        r"\b(?:they|inspectors|Ofsted|CQC|the\s+inspectorates?)\s+will\s+(?:send|write|report|"
        r"publish)\b",
        r"\b(?:awaits?|awaiting)\s+(?:the\s+)?(?:inspection\s+)?(?:report|letter|outcome|"
        r"findings|decision)\b",
        r"\bhas\s+not\s+(?:yet\s+)?been\s+published\b",
        # a question of when, asked or reported: "I asked when Norfolk can expect ..."
        r"\b(?:ask(?:ed|s|ing)?|wonder(?:ed|s|ing)?|enquired)\b[^.?]{0,80}\bwhen\b",
        r"\bcan\s+expect\s+(?:to\s+be|a|an|the|its|their)\b",
        # a plan of what the area will do, not what it did
        r"\b(?:plans?|planning|intends?|aims?|hopes?|expects?)\s+to\s+(?:submit|publish|produce|"
        r"write|send|agree|complete|finish)\b",
    ),
    # Another kind of inspection: children's services (ILACS), a school, a provider.
    "other_inspection": (
        r"\bchildren[’']?s\s+services?\s+(?:department|inspection|were|was|is|are|rated|judged)\b",
        r"\b(?:inspection|inspections)\s+of\s+(?:local\s+authority\s+)?children[’']?s\s+"
        r"(?:social\s+care\s+)?services\b",
        r"\bILACS\b|\bsocial\s+care\s+services\s+(?:were|was)\s+rated\b",
        r"\b(?:a|the|this|its)\s+school(?:[’']s)?\s+(?:ofsted\s+)?inspection\b",
        r"\bnot\s+a\s+school\s+inspection\b",
        r"\bseparate\s+inspection\b",
        r"\brated\s+[‘'\"“]?(?:inadequate|outstanding|good|requires\s+improvement)\b",
        r"\bfocused\s+visit\b|\bmonitoring\s+visits\b",
        r"\byouth\s+(?:offending|justice)\b",
        # a school named as what was inspected, or one of a trust's own
        r"\b(?:inspected|visited)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,4}\s+(?:Primary|"
        r"Secondary|Infant|Junior|School|Academy|College|Nursery)\b",
        r"\bone\s+of\s+our\s+(?:schools|academies)\b",
        # a school's own inspection, in its newsletter
        r"\b(?:visited|inspected)\s+(?:our|the|this)\s+school\b",
        r"\b(?:our|the|this)\s+school\s+(?:was|has\s+been|is)\s+(?:inspected|rated|judged)\b",
        r"\b(?:remain(?:s|ed)?|continues?\s+to\s+be|is\s+(?:still|now))\s+(?:a|an)\s+[‘'\"“]?"
        r"(?:good|outstanding|requires\s+improvement)[’'\"”]?\s+school\b",
        r"\bour\s+own\s+(?:Ofsted\s+)?inspection\b",
        # the CQC's inspections of a provider, and a framework said to be another's
        r"\binspections?\s+of\s+(?:individual\s+)?(?:NHS\s+)?(?:health\s+)?providers\b",
        r"\bseparate\s+from\s+(?:the\s+)?(?:local\s+)?area\s+SEND\s+inspections?\b",
        r"\bunder\s+a\s+separate\s+framework\b",
    ),
}


@dataclass(frozen=True)
class Claim:
    """One sentence of a page and whether it asserts a fact (``why`` is None) or not."""

    span: Span
    why: str | None

    @property
    def asserted(self) -> bool:
        return self.why is None


_TABLE = [(why, re.compile(cue, re.I)) for why, cues in NOT_ASSERTED.items() for cue in cues]


def judge(sentence: str) -> str | None:
    """Why a sentence asserts nothing (a key of :data:`NOT_ASSERTED`), or None if it does."""
    for why, rx in _TABLE:
        if rx.search(sentence):
            return why
    return None


#: How many sentences side by side are looked at together for the outcomes they name.
_OUTCOME_WINDOW = 3


def claims(text: str, spans: list[Span]) -> list[Claim]:
    """Each sentence of the page, judged; and a passage that names two or more of the 2023
    outcomes side by side (in one sentence or in list items next to each other: "the best
    is ...; the worst is ...") with no area named in it explains the outcomes, as an
    area's own inspection has one outcome."""
    whys = [judge(text[s:e]) for s, e in spans]
    named = [_outcomes_named(text[s:e]) for s, e in spans]
    for i in range(len(spans)):
        window = range(i, min(i + _OUTCOME_WINDOW, len(spans)))
        if not named[i] or len(set().union(*(named[j] for j in window))) < 2:
            continue
        for j in window:
            s, e = spans[j]
            if named[j] and whys[j] is None and not mentions(text[s:e]):
                whys[j] = "explanation"
    return [Claim(span, why) for span, why in zip(spans, whys, strict=True)]


def _outcomes_named(sentence: str) -> set[str]:
    return {outcome for rx, outcome in OUTCOMES_2023 if rx.search(sentence)}


def asserted_text(text: str, spans: list[Span]) -> str:
    """The page with every sentence that asserts nothing blanked (line breaks kept), so that
    offsets into it are offsets into the page."""
    out = list(text)
    for claim in claims(text, spans):
        if not claim.asserted:
            s, e = claim.span
            out[s:e] = [c if c == "\n" else " " for c in text[s:e]]
    return "".join(out)


#: Clauses that ask rather than tell: "revisited the area to decide whether sufficient
#: progress had been made". What follows the cue, to the end of its sentence, is the
#: question the visit was to answer, never its answer; it is blanked before verdicts and
#: counts are read (the sentence's dates are read before, as the visit's).
OPEN_QUESTION = (
    r"\bto\s+(?:decide|determine|see|assess|check|judge|evaluate|consider|find\s+out|"
    r"establish|understand|review)\s+(?:whether|if|how)\b",
    r"\bwhether\b",
)
_QUESTION = re.compile("|".join(OPEN_QUESTION), re.I)


def without_open_questions(text: str, spans: list[Span]) -> str:
    """The text with each sentence's open question (see :data:`OPEN_QUESTION`) blanked."""
    out = list(text)
    for s, e in spans:
        m = _QUESTION.search(text, s, e)
        if m:
            out[m.start() : e] = [c if c == "\n" else " " for c in text[m.start() : e]]
    return "".join(out)
