"""What the two kinds of 2016-framework letter share: their date, their area, their lists.

Ofsted's outcome letters (2016 to 2022) and revisit letters (2018 to 2022) are built the
same way: letterhead and addresses, the letter's date on a line of its own, "Dear ...",
a title line ("Joint local area SEND inspection in <Area>", "Joint area SEND revisit in
<Area>"), an opening sentence "Between <date> and <date>, Ofsted and the Care Quality
Commission (CQC) ...", headed bullet lists, and "Yours sincerely". The helpers here read
those parts and give every value with the span of the text that states it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sendwatch.dates import DAY_RX, find_ranges, parse_date
from sendwatch.extraction import Event, Extraction, Span
from sendwatch.readers.words import NUMBER_WORDS as WORDS_ONE_TO_TWELVE
from sendwatch.register import LocalArea, load_register

#: The title line of either letter. "local" is absent from some revisit titles, "Joint" from
#: some others ("Local area SEND revisit in <Area>"); one of the two is always there, which
#: keeps out a 2023 report's "Area SEND inspection of <Area> Local Area Partnership". A
#: title opens with a capital: "local area SEND inspection in X." at the start of a line is
#: a sentence wrapped there.
TITLE_RX = re.compile(
    r"^[ \t]*(?:Joint[ \t]+(?:local[ \t]+)?|(?-i:Local)[ \t]+)area[ \t]+"
    r"(?:SEND|special[ \t]+educational[ \t]+needs[ \t]+and(?:/or)?[ \t]+disabilit(?:y|ies)"
    r"(?:[ \t]+\(SEND\))?)[ \t]+"
    r"(?P<kind>inspection|revisit)"
    r"[ \t]+(?:in|of)[ \t]+(?P<area>[^\n]+?)[ \t.]*$",
    re.I | re.M,
)

#: The opening sentence names the area too: the fallback when the title is missing.
OPENING_AREA_RX = re.compile(
    r"(?:conducted\s+a\s+joint\s+inspection\s+of|revisited)\s+the\s+(?:local\s+)?area\s+of\s+"
    r"(?P<area>[^,.\n]+?)\s+to\s+(?:judge|decide)",
    re.I,
)

#: The opening: "Between <date> and <date>, Ofsted and the Care Quality Commission".
OPENING_RX = re.compile(
    r"Between\s+(?P<range>[^,]{6,60}?),?\s+Ofsted\s+and\s+the\s+Care\s+Quality\s+Commission",
    re.I,
)

#: The paragraph that says a written statement of action is (or was) required.
WSOA_RX = re.compile(
    r"determined\s+that\s+a\s+written\s+statement\s+of\s+action(?:\s*\(WSoA\))?\s+"
    r"(?P<tense>is|was)\s+"
    r"(?P<not>not\s+)?required",
    re.I,
)

#: A letter also writes a count of nothing as "no", "none" or "zero".
NUMBER_WORDS = {"no": 0, "none": 0, "zero": 0, **WORDS_ONE_TO_TWELVE}

#: A count as letters write it: a number word or digits.
COUNT = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"

# Bullet marks as they come out of Ofsted's PDFs and Word files: dashes, squares, dots and
# the private-use glyphs of the Symbol and Wingdings fonts.
_BULLET = r"[-•●■▪◼◦*–—\uf0b7\uf0a7\uf076\uf0d8\uf0fc]"
# Lists are also numbered ("1.", "2)") or lettered ("(a)", "(iv)"), with a space after.
BULLET_RX = re.compile(
    rf"^[ \t]*(?:{_BULLET}|o(?=[ \t])|\d{{1,2}}[.)](?=[ \t])|\([a-z]{{1,4}}\)(?=[ \t]))[ \t]*"
)
#: Marks of a second-level bullet (Word's "o", a white circle, the Wingdings square): under
#: a list with other marks, such a line belongs to the item above it.
_SUB_BULLET_RX = re.compile(r"^[ \t]*(?:o(?=[ \t])|[◦\uf0a7])[ \t]*")

# Lines that a PDF's pages repeat and that are never part of what the letter says: page
# numbers and Ofsted's reference lines.
_NOISE_RX = re.compile(
    r"^[ \t]*(?:(?:page[ \t]+)?\d{1,3}(?:[ \t]+of[ \t]+\d{1,3})?"
    r"|www\.gov\.uk/ofsted|enquiries@ofsted\.gov\.uk|T[ \t]+0300[ \t0-9]+"
    r"|Textphone[ \t0-9]+"
    # The letter's title repeated as a running header or footer on every page.
    r"|Joint[ \t]+(?:local[ \t]+)?area[ \t]+SEND[ \t]+(?:inspection|revisit)[ \t]+in[ \t][^\n]*)"
    r"[ \t]*$",
    re.I,
)


#: What makes a text a letter rather than a page that quotes one: a salutation or a
#: sign-off on a line of its own.
_LETTER_FORM_RX = re.compile(
    r"^[ \t]*(?:Dear[ \t]+\S|Yours[ \t]+(?:sincerely|faithfully))", re.I | re.M
)


def is_letter(text: str) -> bool:
    """Whether ``text`` has the form of a letter ("Dear ...", "Yours sincerely").

    A council's press release or news story can quote a letter's title and opening
    sentence; only the letter itself greets its addressees and signs off.
    """
    return bool(_LETTER_FORM_RX.search(text))


def count_value(word: str) -> int | None:
    """A count as a letter writes it ('four', '4') as an int, or None."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word == "both":  # "both of the significant weaknesses": two
        return 2
    return NUMBER_WORDS.get(word)


@dataclass(frozen=True)
class AreaMention:
    """The local area a letter is about, with the span of the name as the letter writes it."""

    area: LocalArea
    span: Span


def letter_area(text: str) -> AreaMention | None:
    """The area named in the title line, else in the opening sentence, if the register knows it."""
    register = load_register()
    for rx in (TITLE_RX, OPENING_AREA_RX):
        for m in rx.finditer(text):
            name = m["area"].strip()
            area = register.find(name) or register.find(re.sub(r"^the\s+", "", name, flags=re.I))
            if area is not None:
                return AreaMention(area, m.span("area"))
    return None


def title_match(text: str, kind: str) -> re.Match[str] | None:
    """The title line of a letter of this kind ('inspection' or 'revisit'), or None."""
    for m in TITLE_RX.finditer(text):
        if m["kind"].lower() == kind:
            return m
    return None


def letter_confidence(text: str, kind: str, opening: bool, body: bool) -> float:
    """How surely ``text`` is a letter of this kind ('inspection' or 'revisit').

    The title line counts most, then the opening sentence (``opening``), then a mark of
    the letter's body (``body``: its headings, its verdict paragraphs).
    """
    score = 0.0
    if title_match(text, kind):
        score += 0.5
    if opening:
        score += 0.35
    if body:
        score += 0.1
    if not is_letter(text):
        # Quoted in a press release or a news story, the title and the opening
        # sentence are not the letter.
        score *= 0.5
    return min(score, 0.97)


@dataclass
class LetterStart:
    """What either letter states before its findings: its date, its area, its framework."""

    extraction: Extraction
    #: The letter's own date and its span, if it has a dated line.
    dated: tuple[str, Span] | None
    #: The area's canonical name; None when the register knows no area the letter names.
    area: str | None
    #: Where the letter shows it is a 2016-framework letter: its title, else its opening.
    framework_span: Span | None

    def visit_event(self, kind: str) -> Event:
        """The event of the visit the letter reports, with its framework and visit dates."""
        assert self.area is not None
        event = Event(self.area, kind)
        event.put("framework", "2016", self.framework_span)
        start, end, start_span, end_span = visit_dates(self.extraction.text)
        event.put("visit_start", start, start_span)
        event.put("visit_end", end, end_span)
        return event


def start_letter(text: str, source: str, document_type: str, kind: str) -> LetterStart:
    """The extraction of a letter with its date and area read, and what its events share."""
    ex = Extraction(source=source, document_type=document_type, text=text)
    dated = letter_date(text)
    if dated:
        ex.document_date, ex.document_date_span = dated
    mention = letter_area(text)
    if mention is None:
        return LetterStart(ex, dated, None, None)
    ex.local_areas = [mention.area.name]
    title = title_match(text, kind)
    opening = OPENING_RX.search(text)
    framework_span = title.span() if title else (opening.span() if opening else None)
    return LetterStart(ex, dated, mention.area.name, framework_span)


def letter_date(text: str) -> tuple[str, Span] | None:
    """The letter's own date: the first line that is nothing but a full date, above "Dear".

    Letters are dated on a line of their own under the letterhead. Only a full date
    counts; a date inside a sentence is some other event's.
    """
    salutation = re.search(r"^[ \t]*Dear\b", text, re.M)
    title = TITLE_RX.search(text)
    limit = min(m.start() for m in (salutation, title) if m) if (salutation or title) else 3000
    for m in re.finditer(r"^[ \t]*(?P<line>\S[^\n]*?)[ \t]*$", text[:limit], re.M):
        found = _DATE_LINE_RX.search(m["line"])
        before = m["line"][: found.start("date")].split() if found else []
        if found and before and before[-1].lower() in _IN_SENTENCE:
            continue  # "... published on 3 May 2019": a sentence's date, not the letter's
        if found:
            value = parse_date(found["date"])
            if value:
                a = m.start("line") + found.start("date")
                return value, (a, a + len(found["date"]))
    return None


#: Words before a date that make it part of a sentence.
_IN_SENTENCE = {"on", "in", "by", "from", "until", "to", "and", "of", "since", "before", "after"}

#: A dated line: the date alone, after "Date:", or at the end of a line that also holds a
#: reference or an addressee's line (the letterhead's right-hand column read into the same
#: line as the address on the left).
_DATE_LINE_RX = re.compile(
    rf"(?:^|^(?:Date|Dated)[ \t]*:?[ \t]*|[ \t](?:Date[ \t]*:[ \t]*)?)(?P<date>{DAY_RX.pattern})$",
    re.I,
)


def visit_dates(text: str) -> tuple[str | None, str | None, Span | None, Span | None]:
    """The visit's first and last days from the opening "Between <date> and <date>, ..."."""
    m = OPENING_RX.search(text)
    if not m:
        return None, None, None, None
    found = [f for f in find_ranges(text, m.start("range"), m.end("range"))]
    ranges = [f for f in found if f.end is not None]
    if ranges:
        r = ranges[0]
        ends = list(DAY_RX.finditer(text, r.span[0], r.span[1]))
        if len(ends) == 2 and [parse_date(e[0]) for e in ends] == [r.start, r.end]:
            return r.start, r.end, ends[0].span(), ends[1].span()
        # "10 to 14 July 2023": one phrase states both ends.
        return r.start, r.end, r.span, r.span
    if len(found) >= 2:
        return found[0].start, found[1].start, found[0].span, found[1].span
    return None, None, None, None


def is_noise(line: str) -> bool:
    """A page number or a letterhead line a PDF repeats on each page."""
    return bool(_NOISE_RX.match(line))


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the lines of text[start:end] (without their newline)."""
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _lines_from(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of :func:`line_spans`, one at a time."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield pos, stop
        pos = stop + 1


def trim(text: str, a: int, b: int) -> Span:
    """The span (a, b) without the white space at either end."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def item_text(text: str, span: Span) -> str:
    """An item's words: its lines joined, without bullet marks, page numbers or footers."""
    parts: list[str] = []
    for a, b in line_spans(text, span[0], span[1]):
        line = text[a:b]
        if is_noise(line):
            continue
        # A sub-bullet's mark ("o") inside an item is not one of its words.
        parts.append(
            BULLET_RX.sub("", line, count=1) if not parts else _SUB_BULLET_RX.sub("", line)
        )
    return " ".join(" ".join(parts).split())


def _runs_on(text: str, item: Span, line: str) -> bool:
    """Whether a bullet cut by a blank line (a page break) goes on in ``line``."""
    unfinished = not re.search(r"[.;:!?]\s*$", text[item[0] : item[1]])
    return unfinished and line.lstrip()[:1].islower()


def list_items(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """The items of a list in text[start:end]: bullets, or paragraphs when nothing is bulleted.

    A bullet runs on over the lines that follow it until a blank line, the next bullet,
    or the end. Across a blank line it runs on only when it has not ended its sentence and
    the next line starts in lower case, as when a page break cuts it. Page numbers and
    letterhead lines are skipped.
    """
    lines = [ln for ln in line_spans(text, start, end) if not is_noise(text[ln[0] : ln[1]])]
    bulleted = any(BULLET_RX.match(text[a:b]) and text[a:b].strip() for a, b in lines)
    items: list[Span] = []
    current: Span | None = None
    blank_before = False
    first = next((text[a:b] for a, b in lines if BULLET_RX.match(text[a:b])), "")
    top_is_sub = bool(_SUB_BULLET_RX.match(first))
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            blank_before = True
            continue
        is_bullet = bool(BULLET_RX.match(line)) and bool(BULLET_RX.sub("", line).strip())
        if is_bullet and current and _SUB_BULLET_RX.match(line) and not top_is_sub:
            # A sub-bullet ("o" under "•") is part of the item it details.
            current = (current[0], b)
            blank_before = False
            continue
        if bulleted and is_bullet:
            if current:
                items.append(current)
            current = (a, b)
        elif current and (not blank_before or (bulleted and _runs_on(text, current, line))):
            current = (current[0], b)
        elif not bulleted:
            if current:
                items.append(current)
            current = (a, b)
        else:
            # A paragraph that is not a bullet ends the list item before it.
            if current:
                items.append(current)
            current = None
        blank_before = False
    if current:
        items.append(current)
    out = []
    for span in items:
        span = trim(text, *span)
        words = item_text(text, span)
        if words:
            out.append((words, span))
    return out


#: Capitalised words that open sentences and are not names: a line that starts with one
#: after a line with no stop and no open end starts a new sentence.
_SENTENCE_OPENER_RX = re.compile(
    r"(?:A|An|The|This|These|There|They|It|Its|In|At|As|Since|Although|While|However|"
    r"Following|Leaders|Many|Most|Some|All|Parents|Children|Inspectors)\s"
)
#: A line that ends like this goes on in the next: an article, a preposition, a comma.
_OPEN_END_RX = re.compile(
    r"(?:[,;(\-]|\b(?:a|an|the|and|or|of|to|in|for|with|by|on|at|from|that|their|its))$",
    re.I,
)


def paragraph_after(text: str, pos: int) -> Span | None:
    """The span of the first paragraph at or after ``pos``.

    A paragraph ends at a blank line. Text taken from a PDF has no blank lines between
    paragraphs, only wrapped lines, so a paragraph also ends at a line that finishes a
    sentence, or falls short of the full width of the page (the next line's first word would
    have fitted on it), when the next line starts a new sentence (a capital or a bullet).
    """
    m = re.compile(r"\S").search(text, pos)
    if not m:
        return None
    a = m.start()
    stop = len(text)
    width = line_width(text)
    # Lines one at a time: the paragraph usually ends long before ``stop``, and listing
    # every line to the end of a text without blank lines (a PDF's) on each call made
    # reading quadratic.
    lines = _lines_from(text, a, stop)
    for (la, lb), (na, nb) in itertools.pairwise(lines):
        if not text[na:nb].strip(" \t"):  # a blank line
            stop = lb
            break
        line, following = text[la:lb].rstrip(), text[na:nb].lstrip()
        starts_anew = following[:1].isupper() or bool(BULLET_RX.match(following))
        finished = bool(re.search(r"[.!?:][\"'’”)]?$", line))
        # A line ends its paragraph when it is well short of the page's width, or when the
        # next line's first word would have fitted on it with room to spare (so the line
        # was not wrapped there). The room allows for the widths of letters in a
        # proportional font, which a count of characters does not see.
        next_word = len(following.split(None, 1)[0]) if following else 0
        short = len(line) < 0.7 * width or len(line) + 1 + next_word < 0.85 * width
        # A weakness quoted without its full stop runs straight into the findings; what
        # follows then opens as only a sentence does ("A joint board ...", "The area ...").
        opens = bool(_SENTENCE_OPENER_RX.match(following)) and not _OPEN_END_RX.search(line)
        if starts_anew and (finished or short or opens) and not is_noise(following):
            stop = lb
            break
    return trim(text, a, stop)


@functools.lru_cache(maxsize=4)
def line_width(text: str) -> int:
    """The width of a full line of the text: the length most long lines reach.

    Kept for the last few texts: a reader asks it once per paragraph of the same text,
    and working it out each time made reading quadratic in the text's length.
    """
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]
