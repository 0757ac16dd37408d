"""The official readers on held-out documents: forms of each kind that no reader was written from.

The readers of the four official kinds (2016-framework inspection outcome letters and
revisit letters, 2023-framework area SEND reports and monitoring reports) were written
from a handful of real documents and the description of each form. These tests feed
them documents written afterwards, in our own words, that vary the form the way real
documents do: text taken from PDFs (page numbers, running headers and footers, lines
wrapped mid-sentence, "", "•", "■" and "-" bullets), letters with and without a
statement, weaknesses as lower-case fragments or run on in a closing paragraph, counts in
digits and words, "His/Her Majesty's", one, two or no previous inspections, and
monitoring reports with every verdict. Documents named ``*.pages.txt`` are turned into
real PDFs (pages split at "=== page ===") so that the whole path sources.load ->
textclean -> reader is exercised.

Each document's expected exchange record (``<name>.json``, what a careful reader would
extract by FORMAT.md) is scored with the official scorer from ../shared/eval/score.py.
Documents of other kinds in ``heldout/other`` must not be taken for any of the four.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendwatch.extraction import SCALAR_FIELDS
from sendwatch.readers import choose, read
from sendwatch.sources import load
from tests.support.files import pdf_with_text
from tests.support.scoring import folded, quoted_numbers, score_one, scorer, states_date

HELDOUT = Path(__file__).parent / "documents" / "heldout"
PAGE_BREAK = "=== page ==="

#: The lowest F1 a held-out document may score. Every document scores 1.0 today; the
#: margin allows one slip in a long list (a document has 15 to 40 scored facts), not a
#: missing event or a wrong outcome.
MIN_F1 = 0.95

OFFICIAL_KINDS = {"inspection_letter", "revisit_letter", "area_send_report", "monitoring_report"}


def _expected() -> list[Path]:
    return sorted(HELDOUT.glob("*.json"))


def document_path(expected: Path, folder: Path) -> Path:
    """The file to read for an expected record: the text itself, or a PDF built from pages."""
    source = json.loads(expected.read_text(encoding="utf-8"))["source"]
    stem = expected.name.removesuffix(".json")
    pages_file = HELDOUT / f"{stem}.pages.txt"
    if pages_file.exists():
        pages = pages_file.read_text(encoding="utf-8").split(PAGE_BREAK + "\n")
        path = folder / source
        path.write_bytes(pdf_with_text([p.rstrip("\n").split("\n") for p in pages]))
        return path
    return HELDOUT / source


def extract(expected: Path, folder: Path) -> tuple[dict[str, Any], str]:
    """The exchange record the readers make of a held-out document, and its text."""
    path = document_path(expected, folder)
    document = load(path, 100_000_000)
    return read(document.text, path.name).to_exchange(), document.text


def score(expected: Path, folder: Path) -> tuple[Any, dict[str, Any], str]:
    """The official scorer's tally for one document, the prediction and the text."""
    gold = json.loads(expected.read_text(encoding="utf-8"))
    predicted, text = extract(expected, folder)
    tally, _ = score_one(gold, predicted, len(text))
    return tally, predicted, text


def _ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(".json").replace("_", "-") for p in paths]


@pytest.mark.parametrize("expected", _expected(), ids=_ids(_expected()))
def test_heldout_document_scores_well(expected: Path, tmp_path: Path) -> None:
    tally, _, _ = score(expected, tmp_path)
    f1 = tally.prf()[2]
    assert f1 >= MIN_F1, "\n".join(tally.errors)


_OUTCOME_WORDS = {
    "wsoa_required": r"statement\s+of\s+action\s*(?:\(\w+\)\s*)?(?:is|was)\s+required"
    r"|Joint\s+(?:local\s+)?area\s+SEND\s+revisit",
    "no_wsoa": r"Joint\s+local\s+area\s+SEND\s+inspection|not\s+required",
    "positive": r"typically\s+lead\s+to\s+positive",
    "inconsistent": r"inconsistent\s+experiences",
    "systemic_failings": r"systemic\s+failings",
    "effective_action": r"(?<!in)effective\s+action",
    "ineffective_action": r"ineffective\s+action|not\s+taken\s+effective\s+action",
}


def states(field: str, value: Any, quote: str, event: dict[str, Any]) -> bool:
    """Whether the quoted words state ``value`` of ``field`` (a loose, honest check)."""
    flat = folded(quote)
    if field in ("visit_start", "visit_end", "published", "date", "document_date"):
        return states_date(value, quote)
    if field == "framework":
        return bool(re.search(r"SEND|Local\s+Area\s+Partnership", flat, re.I))
    if field == "outcome":
        return bool(re.search(_OUTCOME_WORDS[value], flat, re.I))
    if field in ("next_monitoring_within_months", "next_full_within_years"):
        return value in quoted_numbers(quote)[1]
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        words, numbers = quoted_numbers(quote)
        listed = [folded(w["text"]) for w in event.get("weaknesses", [])]
        if value in numbers or sum(numbers) == value:
            return True
        if {"all", "any"} & set(words) and value in (0, event.get("weaknesses_total")):
            return True
        if value == 0 and (
            re.search(_OUTCOME_WORDS["no_wsoa"], flat)
            or re.search(r"positive|inconsistent|Areas\s+for\s+priority", flat, re.I)
        ):
            return True
        # A count stated by the list itself: every listed item lies in the span, in order
        # (a page number between two lines of an item may lie there too).
        span_words = iter(_words(flat))
        return len(listed) == value and all(w in span_words for t in listed for w in _words(t))
    raise AssertionError(f"no check for field {field}")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("expected", _expected(), ids=_ids(_expected()))
def test_heldout_evidence_states_every_value(expected: Path, tmp_path: Path) -> None:
    exchange, text = extract(expected, tmp_path)
    evidence = exchange.get("evidence") or {}
    if exchange.get("document_date"):
        a, b = evidence["document_date"]
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
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            for item in event.get(kind) or []:
                a, b = item["evidence"]
                # Every word of the item is in its span, in order (the span may also hold
                # a running header or a page number that the item's text leaves out).
                span_words = iter(_words(text[a:b]))
                assert all(w in span_words for w in _words(item["text"])), item["text"]


OTHERS = sorted((HELDOUT / "other").glob("*.txt"))


@pytest.mark.parametrize("path", OTHERS, ids=[p.stem.replace("_", "-") for p in OTHERS])
def test_documents_of_other_kinds_are_not_taken_for_official_ones(path: Path) -> None:
    text = load(path, 100_000_000).text
    assert choose(text).document_type not in OFFICIAL_KINDS
    assert read(text, path.name).document_type not in OFFICIAL_KINDS


def per_kind_f1(folder: Path) -> dict[str, tuple[float, int]]:
    """Overall F1 of the held-out documents of each kind, and how many there are.

    Run ``python -c "from tests.test_heldout_official import main; main()"`` to print it.
    """
    score = scorer()
    tallies: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for expected in _expected():
        gold = json.loads(expected.read_text(encoding="utf-8"))
        kind = gold["document_type"]
        predicted, text = extract(expected, folder)
        tally = tallies.setdefault(kind, score.Tally())
        score.score_doc(gold, predicted, tally, [0, 0], len(text))
        counts[kind] = counts.get(kind, 0) + 1
    return {k: (t.prf()[2], counts[k]) for k, t in tallies.items()}


def main() -> None:
    """Print the per-kind F1 and each document's F1 and errors."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for expected in _expected():
            tally, _, _ = score(expected, folder)
            print(f"{expected.name:50s} F1={tally.prf()[2]:.3f}")
            for error in tally.errors:
                print("   ", error)
        for kind, (f1, n) in sorted(per_kind_f1(folder).items()):
            print(f"{kind:20s} F1={f1:.3f} over {n} documents")


@pytest.mark.parametrize("expected", _expected(), ids=_ids(_expected()))
def test_heldout_items_keep_their_exact_words(expected: Path, tmp_path: Path) -> None:
    """Each expected item is read with the same words: no header, label or neighbour in it.

    The scorer matches items by half their words; this holds the readers to the whole.
    """
    words = scorer().words
    gold = json.loads(expected.read_text(encoding="utf-8"))
    predicted, _ = extract(expected, tmp_path)
    for event in gold["events"]:
        (mine,) = [
            p
            for p in predicted["events"]
            if p["kind"] == event["kind"]
            and p["local_area"] == event["local_area"]
            and p.get("visit_start") == event.get("visit_start")
        ]
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            want = [words(i["text"]) for i in event.get(kind) or []]
            got = [words(i["text"]) for i in mine.get(kind) or []]
            assert got == want, kind
