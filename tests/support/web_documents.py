"""Small documents written for the web, feed and search tests, stored with their extraction.

The words are our own. One of them carries markup (a script element, an ampersand, angle
brackets) so every rendering can be checked for escaping.
"""

from __future__ import annotations

import hashlib

from sendwatch.db import Store
from sendwatch.extraction import Event, Extraction, Item
from sendwatch.sources import LoadedDocument
from sendwatch.store import save_document, sync_areas

HOSTILE = "<script>alert(1)</script>"

LETTER = (
    "Joint inspection of the Barnet local area partnership.\n"
    "The inspection took place from 6 March 2023 to 10 March 2023.\n"
    "Outcome: the local area partnership's arrangements lead to inconsistent experiences "
    "and outcomes for children and young people with SEND.\n"
    "Areas for priority action\n"
    "Families wait too long for autism assessments & the waiting times keep growing.\n"
    "Leaders should shorten the wait for speech and language therapy.\n"
    "Strengths\n"
    f"Parents say the local offer website is easy to use {HOSTILE} and <b>clear</b>.\n"
)


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def store_document(
    store: Store, text: str, extraction: Extraction, name: str = "letter.txt"
) -> int:
    """Store ``text`` as a document with ``extraction``; returns its id."""
    sync_areas(store)
    extraction.text = text
    doc = LoadedDocument(
        path=f"/tmp/{name}",
        name=name,
        media_type="text/plain",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        size=len(text.encode()),
        text=text,
    )
    document_id = save_document(store, doc, extraction)
    assert document_id is not None
    return document_id


def store_letter(store: Store) -> int:
    """An inspection letter for Barnet with two priority actions and a hostile strength."""
    text = LETTER
    event = Event(local_area="Barnet", kind="inspection")
    event.put("framework", "2023", None)
    event.put("visit_start", "2023-03-06", _span(text, "6 March 2023"))
    event.put("visit_end", "2023-03-10", _span(text, "10 March 2023"))
    event.put("outcome", "inconsistent", _span(text, "inconsistent experiences"))
    for phrase in (
        "Families wait too long for autism assessments & the waiting times keep growing.",
        "Leaders should shorten the wait for speech and language therapy.",
    ):
        event.add("weaknesses", Item(phrase, _span(text, phrase)))
    strength = f"Parents say the local offer website is easy to use {HOSTILE} and <b>clear</b>."
    event.add("strengths", Item(strength, _span(text, strength)))
    extraction = Extraction(
        source="barnet-letter.txt",
        document_type="inspection_letter",
        document_date="2023-04-20",
        local_areas=["Barnet"],
        events=[event],
    )
    return store_document(store, text, extraction, name=f"barnet {HOSTILE}.txt")
