"""Which local area a press release, news article or council page is about.

Such pages name their own area many times ("Stockport", "our", "Cheshire East
Council") and other places in passing: the newspaper's title ("Manchester Evening
News"), a neighbour, a region. Every mention of a register name is found; mentions
inside a newspaper's name or a larger place name do not count, and the area named most
often (the title and the opening lines weighing more) is the page's area.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from sendwatch.register import LocalArea, load_register

# Words after a place name that make it a newspaper's title, not a place the story is
# about ("Manchester Evening News", "Leicester Mercury", "Hull Live").
# (On the same line: "Southampton" ending a title is no paper for the "Today's" below it.)
_PAPER = re.compile(
    r"[ \t]+(?:Evening\s+News|Evening\s+Post|Evening\s+Standard|Echo|Live|Post|Telegraph|"
    r"Chronicle|Mail|Gazette|Star|Herald|Times|Journal|Advertiser|Mercury|Argus|Standard|"
    r"Observer|Express|Examiner|Courier|Sentinel|Guardian|Press|Reporter|World|Today|"
    r"Nub\s+News|Bylines|Matters)\b"
)
#: A newspaper's title standing alone: a place and a paper's word ("Sheffield Star").
PAPER_TITLE = re.compile(r"^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}" + _PAPER.pattern + r"\s*$")
# Words before a place name that make it part of a larger place ("Greater Manchester").
_LARGER = re.compile(r"(?:Greater|North|South|East|West|Central|Mid|Inner|Outer)\s+$")
# Words after a name that say it is the council or the area itself.
_COUNCIL = re.compile(
    r"\s+(?:(?:Metropolitan\s+|County\s+|City\s+|Borough\s+|District\s+)*Council|"
    r"Local\s+Area|local\s+area|SEND|Local\s+Offer|Partnership)\b|’s|'s"
)


@dataclass(frozen=True)
class Mention:
    area: LocalArea
    span: tuple[int, int]
    weight: float


@cache
def _patterns() -> list[tuple[re.Pattern[str], LocalArea]]:
    """One pattern per name or alias, longest first, so 'Kingston upon Hull' beats 'Hull'."""
    names: list[tuple[str, LocalArea]] = []
    for area in load_register().areas:
        for name in (area.name, *area.aliases):
            if "," not in name:
                names.append((name, area))
    names.sort(key=lambda n: -len(n[0]))
    out = []
    for name, area in names:
        # Case matters for the first letters: "reading" and "bury" are words too. A name in
        # capitals ("WORCESTERSHIRE COUNTY COUNCIL" heading minutes) is the same name,
        # except where the capitals spell a word of a heading ("FURTHER READING").
        spellings = [name] if name in _WORDS_TOO else [name, name.upper()]
        for spelling in spellings:
            words = [re.escape(w) for w in spelling.split()]
            out.append((re.compile(r"\b" + r"[\s-]+".join(words) + r"\b"), area))
    return out


#: Area names that are also English words, read only as written with their capitals.
_WORDS_TOO = frozenset({"Reading", "Bury"})


def mentions(text: str) -> list[Mention]:
    """Every mention of a register area in the text, weighed by where and how it is made."""
    found: list[Mention] = []
    # Characters already named by a mention (a longer name is tried first): one flag each,
    # so that a page naming areas thousands of times is still read in linear time.
    taken = bytearray(len(text))
    head = _head_end(text)
    for rx, area in _patterns():
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            after = text[m.end() : m.end() + 40]
            before = text[max(0, m.start() - 12) : m.start()]
            if _PAPER.match(after) or _LARGER.search(before):
                continue
            weight = 1.0
            if m.start() < head:
                weight += 1.0
            if _COUNCIL.match(after):
                weight += 0.5
            found.append(Mention(area, m.span(), weight))
    found.sort(key=lambda x: x.span)
    return found


def main_area(text: str) -> tuple[LocalArea, tuple[int, int]] | None:
    """The area the page is about and the span of its first weighty mention, or None."""
    found = mentions(text)
    if not found:
        return None
    score: dict[str, float] = defaultdict(float)
    first: dict[str, Mention] = {}
    for m in found:
        score[m.area.name] += m.weight
        first.setdefault(m.area.name, m)
    best = max(score, key=lambda n: (score[n], -first[n].span[0]))
    return first[best].area, first[best].span


def _head_end(text: str) -> int:
    """Where the title and opening paragraph end: a page names its subject there."""
    pos = 0
    for paragraphs, m in enumerate(re.finditer(r"\n\s*\n", text), start=1):
        pos = m.end()
        if paragraphs >= 3 or pos > 600:
            break
    return min(max(pos, 300), 800)
