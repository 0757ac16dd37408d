"""The main text of a web page: its article, without the site's furniture.

A council's or a newspaper's page carries navigation, cookie banners, related links,
sharing lines and footers around the words that tell of an inspection; a sentence in a
"related stories" box is not the page's. trafilatura, a library made for this, finds the
main content; sendwatch's own HTML walk (:func:`sendwatch.sources.html_text`) then lays it
out as it lays out any page (blocks on their own lines, list items as bullets, table cells
apart), so the readers see one form of text whatever the site.

When the main text gives no date near its head, the page's own date from its metadata
(``<meta>`` tags, structured data; trafilatura asks htmldate for the original publication
date) opens the text as a labelled line, so the value read from it carries evidence too.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable

from sendwatch.dates import MONTHS, parse_date

#: How many characters of the head of the main text are searched for a date of its own.
_HEAD = 400
_DATE_IN_HEAD = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+(?:19|20)\d\d\b|"
    r"\b[A-Z][a-z]{2,8}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b"
)
#: Month names by number, to write the metadata's date as pages do ("4 May 2023").
_MONTH_NAMES = {n: name.capitalize() for name, n in MONTHS.items()}

_TITLE = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.I)

#: How many lines above the main text are kept as its head.
_HEAD_LINES = 4
#: The fewest characters of a line that is a paragraph rather than a heading.
_PARAGRAPH = 60

#: The label that opens the metadata's date line.
DATE_LABEL = "Published:"


def main_text(markup: str, layout: Callable[[str], str]) -> str:
    """The page's main text laid out by ``layout`` (the project's HTML walk), opened by the
    lines just above it (its title, byline and date) and by what the metadata says that the
    text leaves out. A page trafilatura finds no main content in is laid out whole."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    full = layout(markup)
    main = trafilatura.extract(
        markup,
        output_format="txt",
        include_tables=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        favor_recall=True,
    )
    kept = _keep(full, _words(main)) if main else full
    return "\n\n".join([*_head_lines(markup, kept), kept])


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _keep(full: str, main: str) -> str:
    """The lines of the laid-out page that trafilatura kept as main content, and the few
    lines just above the first of them (a page's title, byline and date sit there)."""
    lines = full.split("\n")
    inside = [bool(w) and w in main for w in map(_words, lines)]
    if not any(inside):
        return full
    # The first paragraph of the main text (a kept heading above it may sit beside the
    # page's byline and date, which trafilatura drops).
    first = next(
        (
            i
            for i, ok in enumerate(inside)
            if ok and len(lines[i]) >= _PARAGRAPH and lines[i].rstrip()[-1] in '.:!?"”’'
        ),
        inside.index(True),
    )
    head = [i for i in range(first) if lines[i].strip()][-_HEAD_LINES:]
    out = lines[head[0] : first] if head else []
    out += [
        line
        for line, ok in zip(lines[first:], inside[first:], strict=True)
        if ok or not line.strip()
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _head_lines(markup: str, text: str) -> list[str]:
    """What the page's metadata says of it that its main text leaves out: the site's name
    (who speaks), the page's title, and its date, as lines to open the text with."""
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(markup, extensive=False)
    except Exception:  # a page's broken metadata is no reason to lose its text
        return []
    if meta is None:
        return []
    # The <title> as written ("SEND revisit outcome | Warrington Borough Council") names the
    # site, which trafilatura's cleaned title leaves out.
    title = _TITLE.search(markup)
    lines = [
        line
        for line in (html.unescape(" ".join(title[1].split())) if title else meta.title,)
        if line and line not in text[:_HEAD]
    ]
    iso = parse_date(meta.date) if meta.date else None
    if iso and len(iso) == 10 and not _DATE_IN_HEAD.search(text[:_HEAD]):
        year, month, day = iso.split("-")
        lines.append(f"{DATE_LABEL} {int(day)} {_MONTH_NAMES[int(month)]} {year}")
    return lines
