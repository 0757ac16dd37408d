"""The 2016-framework letter readers on a second, independent round of held-out letters.

Twelve letters written for this test, in our own words, after the readers were written and
without reading the earlier held-out letters: seven inspection outcome letters and five
revisit letters (the Redcar and Cleveland letter was added after the fix for unbulleted
closing lists, to hold the fix to lower-case fragments). Most are built into real PDFs
(pages split at "=== page ===") and read back through pypdfium2 and the project's page
cleaning, so they carry what a real letter's text layer carries: no blank lines between
paragraphs, Ofsted's letterhead and contact lines, addressee blocks naming several people
and bodies, bullets that come out as "•" or "-", lists of weaknesses whose bullet marks
were lost, items cut by a page break and a page number, "Page n of m" footers, a date
wrapped onto its own line, curly apostrophes, and two-column signatory blocks. The others
are plain text as a Word export gives it (blank lines, private-use bullet glyphs, tabs).
They vary what the form varies: WSoA paragraphs in several wordings (one or two CCGs, an
integrated care board), letters with and without a statement, strengths as bullets or as
paragraphs, revisit titles with and without "local" (and without "Joint"), summary counts
in several wordings ("all of", "all five of", "one of the three ... not ... two"), a month-
only date for the statement's acceptance, verdicts run on into the findings, and the
COVID-19 paragraph of 2021-22.

Each document's expected record (``<name>.json``) is what a careful annotator would extract
by ../shared/eval/FORMAT.md and the conventions of the shared gold record of a revisit
letter (the letter's date is the event's ``published``; a revisit letter also gives the
inspection it follows, with ``wsoa_required`` and the number of weaknesses, and the
statement's acceptance). It is scored with the official scorer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendwatch.extraction import SCALAR_FIELDS
from sendwatch.readers import read
from sendwatch.sources import load
from tests.support.files import pdf_with_text
from tests.support.scoring import score_one
from tests.test_heldout_official import states

FOLDER = Path(__file__).parent / "documents" / "heldout_letters_3"
PAGE_BREAK = "=== page ==="

#: The lowest F1 a document may score. Each has 8 to 20 scored facts; 0.9 allows one
#: slipped item or count in a long letter, never a missing event, a wrong outcome or a
#: wrong kind of document. Every document scores 1.0 today.
MIN_F1 = 0.9

EXPECTED = sorted(FOLDER.glob("*.json"))
IDS = [p.name.removesuffix(".json").replace("_", "-") for p in EXPECTED]


def document(expected: Path, folder: Path) -> Path:
    """The file to read: the plain text itself, or a real PDF built from its pages."""
    source = json.loads(expected.read_text(encoding="utf-8"))["source"]
    stem = expected.name.removesuffix(".json")
    pages = FOLDER / f"{stem}.pages.txt"
    if not pages.exists():
        return FOLDER / source
    path = folder / source
    lines = [p.rstrip("\n").split("\n") for p in pages.read_text("utf-8").split(PAGE_BREAK + "\n")]
    path.write_bytes(pdf_with_text(lines))
    return path


def extract(expected: Path, folder: Path) -> tuple[dict[str, Any], str]:
    """The exchange record the readers make of a document, and the document's text."""
    path = document(expected, folder)
    loaded = load(path, 100_000_000)
    return read(loaded.text, path.name).to_exchange(), loaded.text


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_letter_scores_well(expected: Path, tmp_path: Path) -> None:
    gold = json.loads(expected.read_text(encoding="utf-8"))
    predicted, text = extract(expected, tmp_path)
    assert predicted["document_type"] == gold["document_type"]
    tally, _ = score_one(gold, predicted, len(text))
    assert tally.prf()[2] >= MIN_F1, "\n".join(tally.errors)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_letter_evidence_states_every_value(expected: Path, tmp_path: Path) -> None:
    exchange, text = extract(expected, tmp_path)
    if exchange.get("document_date"):
        a, b = exchange["evidence"]["document_date"]
        assert states("document_date", exchange["document_date"], text[a:b], {})
    assert exchange["events"], "no events read"
    for event in exchange["events"]:
        for field in SCALAR_FIELDS:
            if event.get(field) is None:
                continue
            assert field in event["evidence"], f"{event['kind']} {field} has no evidence"
            a, b = event["evidence"][field]
            assert 0 <= a < b <= len(text)
            assert states(field, event[field], text[a:b], event), (field, text[a:b])
        for kind in ("weaknesses", "strengths"):
            for item in event.get(kind) or []:
                a, b = item["evidence"]
                span_words = iter(_words(text[a:b]))
                assert all(w in span_words for w in _words(item["text"])), item["text"]


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_letter_items_keep_their_exact_words(expected: Path, tmp_path: Path) -> None:
    """Each expected weakness and strength is read with the same words, in the same order:
    no heading, page number, footer or neighbouring item in it (the scorer would accept
    half the words)."""
    gold = json.loads(expected.read_text(encoding="utf-8"))
    predicted, _ = extract(expected, tmp_path)
    for event in gold["events"]:
        (mine,) = [p for p in predicted["events"] if p["kind"] == event["kind"]]
        for kind in ("weaknesses", "strengths"):
            if kind in event:
                want = [_words(i["text"]) for i in event[kind]]
                got = [_words(i["text"]) for i in mine.get(kind) or []]
                assert got == want, kind


def per_kind() -> dict[str, float]:
    """Overall F1 per kind of letter (run this module as a script to print it)."""
    import tempfile

    from tests.support.scoring import scorer

    tallies: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for expected in EXPECTED:
            gold = json.loads(expected.read_text(encoding="utf-8"))
            predicted, text = extract(expected, Path(tmp))
            tally, _ = score_one(gold, predicted, len(text))
            f1 = tally.prf()[2]
            print(f"{expected.name:48s} F1={f1:.3f}")
            for error in tally.errors:
                print("   ", error)
            total = tallies.setdefault(gold["document_type"], scorer().Tally())
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn
    return {kind: t.prf()[2] for kind, t in tallies.items()}


if __name__ == "__main__":
    for kind, f1 in sorted(per_kind().items()):
        print(f"{kind:20s} F1={f1:.3f}")
