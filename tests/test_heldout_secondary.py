"""Held-out secondary sources: press releases, news articles and council pages the reader was
not written against.

Each document in ``tests/documents/heldout_secondary`` was invented for this test, in our
own words, in the form such pages take (site furniture, bylines, cookie banners, quoted
letters, two councils named, dates without years, counts in words); beside it is the
exchange record a careful reader would write. The official scorer compares the two; the
evidence of every value must state it. Two pages are not about a local area's SEND
inspection at all (a school's report, a children's services inspection) and must not be
read as if they were.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendwatch.dates import MONTHS
from sendwatch.readers import read
from sendwatch.readers.words import NUMBER_WORDS
from sendwatch.sources import load
from tests.support.scoring import score_one

HELDOUT = Path(__file__).resolve().parent / "documents" / "heldout_secondary"
GOLD = sorted(HELDOUT.glob("*.json"))

#: Below the F1 of 0.90 wanted on unseen pages a document shows a real fault: every page
#: here is short, so one wrong value costs about 0.05 to 0.1.
MIN_F1 = 0.9


def _extract(gold_path: Path) -> tuple[dict[str, Any], str, dict[str, Any]]:
    gold = json.loads(gold_path.read_text())
    path = HELDOUT / gold["source"]
    text = load(path, 10_000_000).text
    return gold, text, read(text, path.name).to_exchange()


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_heldout_page_scores_against_its_record(gold_path: Path) -> None:
    gold, text, exchange = _extract(gold_path)
    tally, evidence = score_one(gold, exchange, len(text))
    _, _, f1 = tally.prf()
    assert f1 >= MIN_F1, tally.errors
    assert evidence[0] == evidence[1], "a scored value lacks evidence"


def test_pages_not_about_an_area_inspection_claim_nothing() -> None:
    others = [g for g in GOLD if json.loads(g.read_text())["document_type"] == "other"]
    assert others, "the held-out set should hold pages of no secondary kind"
    for gold_path in others:
        _, _, exchange = _extract(gold_path)
        assert exchange["document_type"] == "other", gold_path.stem
        assert exchange["events"] == [], gold_path.stem


_MONTH_NAMES = {n: name for name, n in MONTHS.items()}
_RELATIVE = re.compile(r"\b(?:today|this morning|last|this|next)\b", re.I)
_NUMBER_WORDS = ["zero", *NUMBER_WORDS]
_OUTCOME_WORDS = {
    "wsoa_required": r"statement|plan of action",
    "no_wsoa": r"statement",
    "positive": r"positive",
    "inconsistent": r"inconsistent",
    "systemic_failings": r"systemic",
}


def _states(field: str, value: Any, quoted: str) -> bool:
    """Whether the quoted words state the value (the check a reader of the page would make)."""
    if field in ("visit_start", "visit_end", "published", "date"):
        if _RELATIVE.search(quoted):
            return True
        year, _, rest = str(value).partition("-")
        month = int(rest[:2]) if rest else None
        if month is not None:
            name = _MONTH_NAMES[month]
            # A month named without its year takes the year from the page's own date.
            return name[:3].lower() in quoted.lower()
        return year in quoted
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        words = {str(value), _NUMBER_WORDS[value] if value < len(_NUMBER_WORDS) else ""}
        if re.search(r"\ball\b", quoted, re.I):
            return True
        found = set(re.findall(r"\b\w+\b", quoted.lower()))
        # A count read from a listed set of items is stated by the list itself.
        return bool(words & found) or quoted.count("\n") + 1 >= value
    if field == "outcome":
        return re.search(_OUTCOME_WORDS[value], quoted, re.I) is not None
    return True


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_heldout_evidence_states_each_value(gold_path: Path) -> None:
    _, text, exchange = _extract(gold_path)
    for event in exchange["events"]:
        for field, span in event["evidence"].items():
            value = event[field]
            start, end = span
            assert 0 <= start < end <= len(text), (event["kind"], field)
            quoted = text[start:end]
            assert _states(field, value, quoted), (event["kind"], field, value, quoted)
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            for item in event.get(kind) or []:
                start, end = item["evidence"]
                assert text[start:end] == item["text"], (event["kind"], kind)
