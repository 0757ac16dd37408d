"""Cleaning the text layer of documents: the one place where PDF artefacts are removed.

What comes out of here is "the document's text": every evidence span is an offset into it.
"""

from __future__ import annotations

import re
from collections import Counter

# Characters that PDFs put in the text layer for hyphenation points and word breaks.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"), None)


def normalise_text(text: str) -> str:
    """Unify line ends, drop invisible break marks, trim line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = text.replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _shape(line: str) -> str:
    """A line with its numbers blanked, so 'page 2' and 'page 3' compare equal."""
    return re.sub(r"\d+", "#", line.strip())


def clean_pdf_pages(pages: list[str]) -> str:
    """Join a PDF's pages into one text, without the header and footer lines every page repeats."""
    split = [normalise_text(p).split("\n") for p in pages]
    if len(split) >= 3:
        counts: Counter[str] = Counter()
        for lines in split:
            edge = {_shape(x) for x in lines[:2] + lines[-2:] if x.strip()}
            counts.update(edge)
        threshold = max(2, (len(split) - 1) // 2)
        repeated = {s for s, n in counts.items() if n >= threshold and len(s) > 3}
        split = [
            [
                x
                for i, x in enumerate(lines)
                if not ((i < 2 or i >= len(lines) - 2) and _shape(x) in repeated)
            ]
            for lines in split
        ]
    return normalise_text("\n".join("\n".join(lines) for lines in split))
