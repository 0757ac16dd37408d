"""Cleaning the text layer of documents: the one place where PDF artefacts are removed.

What comes out of here is "the document's text": every evidence span is an offset into it.

PDF text (pypdfium2's ``get_text_bounded()``, one string per page) carries artefacts that
are not the document's words: a running header or footer on every page (in an area SEND
report "Area SEND inspection report: <Area> Local Area Partnership, <dates> <page>"),
bare page numbers, and marks for hyphenation points. :func:`clean_pdf_pages` removes
them and joins the pages so that a paragraph or bullet cut by a page break reads on as
one run of lines. Cleaning is idempotent: cleaning clean text changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter

# Characters that PDFs put in the text layer for hyphenation points and word breaks, and
# that are not part of any word: soft hyphen, zero-width spaces and joiners, byte-order
# marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"), None)

# pdfium writes U+0002 where a hyphen at a line end was printed ("multi\x02agency"); in
# every case seen the hyphen is a real one (multi-agency, day-to-day, open-government), so
# it becomes "-". Other C0 controls carry no text.
_CONTROLS = {0x02: "-", **{c: None for c in range(0x20) if c not in (0x02, 0x09, 0x0A)}}

# Spaces of other widths read as a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")

_ODD = {chr(k): v or "" for table in (_INVISIBLE, _CONTROLS, _SPACES) for k, v in table.items()}
_ODD_RX = re.compile("[" + re.escape("".join(_ODD)) + "]")


def _odd(m: re.Match[str]) -> str:
    return _ODD[m.group()]


#: Marks that open a bullet point, as they appear in the text layer of the documents read:
#: "◼" and "▪" (Ofsted reports), "•", and dashes (sub-lists in some reports).
BULLET_MARKS = "◼▪•●■□◦‣∙·○-–−—"

#: A bullet or list number at the start of a line: "◼ text", "- text", "1. text", "(a) text".
BULLET_RX = re.compile(
    r"^[ \t]*(?:[" + re.escape(BULLET_MARKS) + r"]|\(?\d{1,2}[.)]|\([a-z]{1,3}\)|[a-z][.)])(?=\s|$)"
)


def normalise_text(text: str) -> str:
    """Unify line ends, drop invisible break marks and control characters, trim line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One regular-expression pass: str.translate with a dict visits every character in
    # Python, while these characters are rare and a character class finds them in C.
    text = _ODD_RX.sub(_odd, text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def bullet_mark(line: str) -> str | None:
    """The bullet or list number that opens ``line`` ("◼", "-", "1.", "(a)"), or None."""
    m = BULLET_RX.match(line)
    return m.group(0).strip() if m else None


def _shape(line: str) -> str:
    """A line with its numbers blanked, so 'page 2' and 'page 3' compare equal."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


_PAGE_NUMBER_RX = re.compile(
    r"\s*(?:page\s+)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s+of\s+\d{1,4})?\s*", re.I
)


def _page_number(line: str) -> int | None:
    """The number of a line that only numbers the page ('7', '- 7 -', 'Page 7 of 10')."""
    m = _PAGE_NUMBER_RX.fullmatch(line)
    return int(m.group(1)) if m else None


def page_number_offset(pages: list[list[str]]) -> int | None:
    """How page numbers relate to page positions (number = index + offset), if they do.

    Most documents number their pages from the first (offset 1) or skip a cover page
    (offset 0). Only a bare number at a page's edge that fits the document's own offset is
    a page number: a "25" that a wrapped sentence leaves on a line of its own is not.
    """
    if len(pages) < 3:
        return None
    offsets: Counter[int] = Counter()
    for index, lines in enumerate(pages):
        found = {n - index for i in _edges(lines) if (n := _page_number(lines[i])) is not None}
        offsets.update(found)
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= max(2, (len(pages) - 1) // 2) else None


#: How many lines at the top and at the bottom of a page may belong to a running header or
#: footer ("Area SEND inspection report: <Area> Local Area Partnership" may wrap onto a
#: second line with the dates and the page number).
EDGE_LINES = 3


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the non-empty lines at the top and the bottom of a page."""
    filled = [i for i, x in enumerate(lines) if x.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of the lines that recur at the edge of most pages: running headers and footers.

    A line counts when its shape (numbers blanked) is at the top or bottom of at least
    half of the pages after the first (the title page often has no header), and of at
    least two pages.
    """
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(lines[i]) for i in _edges(lines)})
    threshold = max(2, (len(pages) - 1) // 2)
    candidates = {s for s, n in counts.items() if n >= threshold and len(s) > 3}
    if not candidates:
        return set()
    # A heading that a short document repeats ("Strengths", "Areas for development" in
    # a four-page letter) can fall at the edge of two pages by chance; it also stands
    # inside pages, where a running header or footer never does. Only lines that could
    # be a candidate (same first word) are shaped, to keep cleaning cheap.
    firsts = {s.split(" ", 1)[0] for s in candidates}
    inside: Counter[str] = Counter()
    for lines in pages:
        edges = set(_edges(lines))
        for i, line in enumerate(lines):
            words = line.split(None, 1)
            if i in edges or not words:
                continue
            if re.sub(r"\d+", "#", words[0]) in firsts:
                inside[_shape(line)] += 1
    return {s for s in candidates if inside[s] * 2 < counts[s]}


def clean_pdf_pages(pages: list[str]) -> str:
    """Join a PDF's pages into one text, without the header and footer lines every page repeats.

    Page numbers on their own line are dropped when most pages have one. Pages are joined
    with a single line break, so a bullet cut by a page break continues on the next line.
    """
    split = [normalise_text(p).split("\n") for p in pages]
    repeated = running_lines(split)
    offset = page_number_offset(split)
    kept: list[str] = []
    for index, lines in enumerate(split):
        edges = set(_edges(lines))
        # Only the outermost run of header-like lines goes: a repeated line inside the
        # page's text stays, since it is the document's own words.
        drop = set()
        for order in (sorted(edges), sorted(edges, reverse=True)):
            for i in order:
                if not lines[i].strip():
                    continue
                if _shape(lines[i]) in repeated or (
                    offset is not None and _page_number(lines[i]) == index + offset
                ):
                    drop.add(i)
                else:
                    break
        page = "\n".join(x for i, x in enumerate(lines) if i not in drop).strip("\n")
        if page:
            kept.append(page)
    return normalise_text("\n".join(kept))
