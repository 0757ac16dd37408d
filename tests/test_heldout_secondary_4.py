"""Secondary sources, fourth held-out round: pages written before the reader saw them.

Each document in ``tests/documents/heldout_secondary_4`` was invented for this test, in
our own words, in the form such pages take: a BBC local story with quotes on a
2023-framework "inconsistent" outcome, a Schools Week-style HTML story on a monitoring
inspection, a council press release listing a revisit's weaknesses as bullets with the
verdict inside each bullet, a standing council page updated over years with a "Latest
update" box, a parent carer forum post on an outcome letter, a short local radio item, an
ICB news release, a council executive report in numbered sections, one story about two
areas inspected in the same week, a written statement approved, an accelerated progress
plan agreed, a 2016 outcome with no statement, a 2023 outcome with numbered areas for
priority action, and a "preparing for inspection" page that names only an old
inspection. Beside each is the exchange record a careful annotator following the real
seeds' gold would write. The official scorer compares the two, and every scored value
must carry evidence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendwatch.readers import read
from sendwatch.sources import load
from tests.support.scoring import quoted_numbers, score_one

HELDOUT = Path(__file__).resolve().parent / "documents" / "heldout_secondary_4"
GOLD = sorted(HELDOUT.glob("*.json"))

#: A page holds six to twenty scored values, so one wrong value costs 0.05 to 0.15 of a
#: page's F1: 0.8 allows one slip on a middling page; the set as a whole is held to 0.9.
MIN_F1 = 0.8
SET_F1 = 0.9

_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday)\b", re.I)

#: Pages the reader does not yet read well enough, with what it gets wrong; strict, so a
#: fix shows up as an unexpected pass.
SHORT: dict[str, str] = {}


def _cases() -> list[Any]:
    return [
        pytest.param(
            g,
            id=g.stem,
            marks=[pytest.mark.xfail(reason=SHORT[g.stem], strict=True)] if g.stem in SHORT else [],
        )
        for g in GOLD
    ]


def _extract(gold_path: Path) -> tuple[dict[str, Any], str, dict[str, Any]]:
    gold = json.loads(gold_path.read_text())
    path = HELDOUT / gold["source"]
    text = load(path, 10_000_000).text
    return gold, text, read(text, path.name).to_exchange()


def test_the_round_holds_its_documents() -> None:
    assert len(GOLD) >= 12
    for gold_path in GOLD:
        assert (HELDOUT / json.loads(gold_path.read_text())["source"]).is_file(), gold_path


@pytest.mark.parametrize("gold_path", _cases())
def test_page_scores_against_its_record(gold_path: Path) -> None:
    gold, text, exchange = _extract(gold_path)
    tally, evidence = score_one(gold, exchange, len(text))
    _, _, f1 = tally.prf()
    assert f1 >= MIN_F1, tally.errors
    assert evidence[0] == evidence[1], "a scored value lacks evidence"


@pytest.mark.parametrize("gold_path", GOLD, ids=[g.stem for g in GOLD])
def test_every_value_given_is_stated_where_its_evidence_points(gold_path: Path) -> None:
    """Each evidence span lies in the text, and a date's or count's span names it."""
    _, text, exchange = _extract(gold_path)
    for event in exchange["events"]:
        for field, (start, end) in (event.get("evidence") or {}).items():
            assert 0 <= start < end <= len(text), (field, start, end)
            quote = text[start:end]
            assert quote.strip(), (field, "an empty span")
            value = event.get(field)
            # a day is stated by its number, or by "today"/"yesterday" against the page's
            # own date; a month or year may come from the page's date
            if (
                field in ("visit_start", "visit_end", "published", "date")
                and len(str(value)) == 10
                and not _RELATIVE_DAY.search(quote)
            ):
                assert str(int(str(value)[8:10])) in quote, (field, value, quote)
            if field in ("weaknesses_total", "weaknesses_sufficient") and value is not None:
                _, numbers = quoted_numbers(quote)
                # a count read off a list of verdicts is stated by the list, not by a number
                assert value in numbers or not numbers, (field, value, quote)


def test_the_set_as_a_whole_scores_as_wanted() -> None:
    tp = fp = fn = 0
    for gold_path in GOLD:
        gold, text, exchange = _extract(gold_path)
        tally, _ = score_one(gold, exchange, len(text))
        tp, fp, fn = tp + tally.tp, fp + tally.fp, fn + tally.fn
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= SET_F1, (tp, fp, fn, round(f1, 3))
