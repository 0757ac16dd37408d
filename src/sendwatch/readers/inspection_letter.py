"""The 2016-framework inspection outcome letter: "Joint local area SEND inspection in <Area>".

From May 2016 to 2022 Ofsted and CQC reported each joint local area SEND inspection in
a letter. It gives the visit's dates in its opening sentence, says in an early paragraph
whether Her Majesty's Chief Inspector "determined that a Written Statement of Action is
required", lists "Main findings", then "Strengths" and "Areas for development" under each
of the framework's three questions, and, when a statement is required, ends with the
areas of significant weakness it must tackle.

Two decisions shape what is read:

- ``published`` is the letter's date, as for revisit letters (and as the gold records
  take a revisit letter's date): the letters are published as dated. Where Ofsted's
  statistics give another day (a council may publish the letter it received before
  Ofsted's site does), the timeline keeps both and shows the conflict
  (docs/decisions/0005-letter-dates.md).
- ``outcome`` is ``wsoa_required`` when the letter has the statement paragraph, else
  ``no_wsoa``: letters that required none simply leave that paragraph out. The evidence of
  ``no_wsoa`` is the title line, the whole of the letter of which that paragraph is absent.
"""

from __future__ import annotations

import itertools
import re

from sendwatch.extraction import Extraction, Item, Span
from sendwatch.readers.base import Reader
from sendwatch.readers.letters import (
    BULLET_RX,
    WSOA_RX,
    is_noise,
    item_text,
    letter_confidence,
    line_spans,
    line_width,
    list_items,
    paragraph_after,
    start_letter,
    trim,
)
from sendwatch.readers.parties import letter_parties

_CONDUCTED_RX = re.compile(
    r"Ofsted\s+and\s+the\s+Care\s+Quality\s+Commission\s+\(CQC\)\s+conducted\s+a\s+joint\s+"
    r"inspection\s+of\s+the\s+local\s+area\s+of",
    re.I,
)

#: Headed lists of the letter, by the finding kind sendwatch keeps them as.
_LIST_HEADINGS = {
    "main findings": "main_findings",
    "strengths": "strengths",
    "areas of strength": "strengths",
    "areas for development": "areas_for_development",
}
_HEADING_RX = re.compile(
    r"^[ \t]*(?P<name>Main findings|Strengths|Areas of strength|Areas for development)"
    r"[ \t]*:?[ \t]*$",
    re.I | re.M,
)
# Where a headed list ends: the next heading, a question of the framework, the closing
# concerns and statement paragraphs, the signature.
_BOUNDARY_RX = re.compile(
    r"^[ \t]*(?:Main findings|Strengths|Areas of strength|Areas for development"
    r"|The effectiveness of the local area\b|The inspection raises significant concerns"
    r"|The local area is required to produce|Inspectors identified significant concerns"
    r"|Yours sincerely)",
    re.I | re.M,
)

#: The sentence that introduces the areas of significant weakness.
_WEAKNESS_INTRO_RX = re.compile(
    r"(?:the\s+following\s+(?:areas\s+of\s+)?significant\s+(?:areas\s+of\s+)?weakness(?:es)?"
    r"|significant\s+weakness(?:es)?\s+in\s+the\s+following\s+areas"
    r"|the\s+following\s+areas\s+of\s+(?:significant\s+)?weakness"
    # "... explains how the local area will address the following:"
    r"|(?:Written\s+Statement\s+of\s+Action|WSoA)\b[^.]{0,120}?\bwill\s+(?:tackle|address)\s+"
    r"the\s+following(?=\s*:)"
    # "Inspectors identified significant concerns about the effectiveness of the local
    # area in the following areas:"
    r"|significant\s+concerns\s+about\s+the\s+effectiveness\s+of\s+the\s+local\s+area\s+"
    r"in\s+the\s+following\s+areas)[^:.\n]{0,60}"
    # Most end the sentence with a colon; some leave it off before the bullets.
    r"(?::|[ \t]*(?=\n))",
    re.I,
)
_SIGNATURE_RX = re.compile(r"^[ \t]*Yours\s+(?:sincerely|faithfully)", re.I | re.M)

# An item of an inline list starts as an area of weakness does ("the lack of", "weak",
# "inconsistent"); a piece after a comma that does not ("health and care plans" in
# "education, health and care plans") belongs to the piece before it.
_ITEM_START_RX = re.compile(
    r"(?:and\s+|or\s+)?(?:the|a|an|weak|poor|lack|limited|inconsistent|ineffective|"
    r"insufficient|inadequate|variable|unacceptable|slow|long|delays?|too|no|gaps?|failure)\b",
    re.I,
)


class InspectionLetterReader(Reader):
    """Reads Ofsted/CQC outcome letters of 2016-framework joint local area SEND inspections."""

    document_type = "inspection_letter"

    def recognise(self, text: str) -> float:
        return letter_confidence(
            text,
            "inspection",
            opening=bool(_CONDUCTED_RX.search(text)),
            body=bool(_HEADING_RX.search(text)),
        )

    def read(self, text: str, source: str) -> Extraction:
        start = start_letter(text, source, self.document_type, "inspection")
        ex = start.extraction
        if start.area is None:
            return ex
        letter_span = start.framework_span
        event = start.visit_event("inspection")
        if start.dated:
            event.put("published", start.dated[0], start.dated[1])

        wsoa = WSOA_RX.search(text)
        if wsoa and not wsoa["not"]:
            event.put("outcome", "wsoa_required", wsoa.span())
            listed = _weaknesses(text)
            if listed is not None:
                items, span = listed
                for item in items:
                    event.add("weaknesses", item)
                event.put("weaknesses_total", len(items), span)
        else:
            none_span = wsoa.span() if wsoa else letter_span
            event.put("outcome", "no_wsoa", none_span)
            event.put("weaknesses_total", 0, none_span)

        for heading in _HEADING_RX.finditer(text):
            kind = _LIST_HEADINGS[" ".join(heading["name"].lower().split())]
            boundary = _BOUNDARY_RX.search(text, heading.end())
            stop = boundary.start() if boundary else len(text)
            intro = _WEAKNESS_INTRO_RX.search(text, heading.end(), stop)
            if intro:
                stop = _paragraph_start(text, intro.start())
            for words, span in list_items(text, heading.end(), stop):
                event.add(kind, Item(words, span))
        ex.events = [event]
        ex.parties = letter_parties(text)
        return ex


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts."""
    blank = text.rfind("\n\n", 0, pos)
    return 0 if blank == -1 else blank + 2


def _weaknesses(text: str) -> tuple[list[Item], Span] | None:
    """The areas of significant weakness the statement must tackle, and the span listing them.

    Most letters bullet them after "...tackle the following areas of significant weakness:";
    some run them on in the closing paragraph ("...in the following areas: a; b; and c.").
    """
    intros = list(_WEAKNESS_INTRO_RX.finditer(text))
    if not intros:
        return None
    intro = intros[-1]  # the last such sentence introduces the closing list
    signature = _SIGNATURE_RX.search(text, intro.end())
    stop = signature.start() if signature else len(text)
    items = [Item(w, s) for w, s in list_items(text, intro.end(), stop) if _is_bulleted(text, s)]
    if not items:
        paragraphs = _paragraphs(text, intro.end(), stop)
        if not paragraphs:
            return None
        if len(paragraphs) == 1 or ";" in text[paragraphs[0][0] : paragraphs[0][1]]:
            # One paragraph that runs the list on: "... in the following areas: a; b; and c."
            items = [Item(w, s) for w, s in inline_items(text, paragraphs[0])]
        else:
            # One item a paragraph: the bullet marks were lost (a Symbol-font glyph the
            # PDF's text layer leaves out) or never there.
            items = [Item(item_text(text, s), s) for s in paragraphs if item_text(text, s)]
    if not items:
        return None
    last = items[-1].span
    assert last is not None
    return items, (intro.start(), last[1])


def _paragraphs(text: str, start: int, stop: int) -> list[Span]:
    """The paragraphs of text[start:stop] (see ``paragraph_after``), each also cut where a
    short line is followed by one that starts as an item does: an unbulleted list of
    fragments ("the weak ...", "long waits ...") taken from a PDF has no other mark."""
    out: list[Span] = []
    pos = start
    width = line_width(text)
    while True:
        span = paragraph_after(text, pos)
        if span is None or span[0] >= stop:
            return out
        a, b = span[0], min(span[1], stop)
        lines = [ln for ln in line_spans(text, a, b) if not is_noise(text[ln[0] : ln[1]])]
        for (la, lb), (na, _) in itertools.pairwise(lines):
            line = text[la:lb].rstrip()
            open_end = re.search(r"(?:,|\b(?:and|or|of|the|to|in|for|with))$", line)
            starts_item = _ITEM_START_RX.match(text[na : na + 200])
            # A line ends its item when the next line's first word would have fitted on it:
            # the line was not wrapped there.
            next_word = len(text[na : na + 200].split(None, 1)[0])
            fitted = len(line) + 1 + next_word < 0.9 * width
            if (len(line) < 0.7 * width or fitted) and not open_end and starts_item:
                out.append(trim(text, a, lb))
                a = na
        out.append(trim(text, a, b))
        pos = b


def _is_bulleted(text: str, span: Span) -> bool:
    return bool(BULLET_RX.match(text[span[0] : span[1]]))


def inline_items(text: str, span: Span) -> list[tuple[str, Span]]:
    """The items of a list run on in one paragraph: 'a; b; and c.' or 'a, b and c.'.

    Semicolons divide items when the paragraph has them. Otherwise commas do, and the last
    "and", as long as the piece after them starts as an item does.
    """
    a, b = span
    body = text[a:b]
    cuts: list[tuple[int, int]] = []
    if ";" in body:
        cuts = [m.span() for m in re.finditer(";", body)]
    else:
        for m in re.finditer(",", body):
            if _ITEM_START_RX.match(body[m.end() :].lstrip()):
                cuts.append(m.span())
        if cuts:
            last_and = None
            for m in re.finditer(r"\band\b", body[cuts[-1][1] :]):
                last_and = m
            if last_and and _ITEM_START_RX.match(body[cuts[-1][1] + last_and.end() :].lstrip()):
                cuts.append((cuts[-1][1] + last_and.start(), cuts[-1][1] + last_and.end()))
    bounds = [0] + [x for cut in cuts for x in cut] + [len(body)]
    out = []
    for s, e in zip(bounds[::2], bounds[1::2], strict=True):
        lead = re.match(r"[\s,;]*(?:(?:and|or)\s+)?", body[s:e])
        s += lead.end() if lead else 0
        while e > s and (body[e - 1].isspace() or body[e - 1] in ".;,"):
            e -= 1
        lines = [line for line in body[s:e].split("\n") if not is_noise(line)]
        words = " ".join(lines).split()
        if words:
            out.append((" ".join(words), (a + s, a + e)))
    return out
