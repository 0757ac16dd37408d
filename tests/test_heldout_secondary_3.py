"""Held-out secondary sources, round 3: pages written to probe what rounds 1 and 2 left.

Each document in ``tests/documents/heldout_secondary_3`` was invented for this test, in
our own words, in the form such pages take: a three-sentence news brief, a long feature
quoting a parent, a councillor and an NHS spokesperson, a standing page in questions and
answers, a table of weaknesses with "Sufficient progress: Yes/No", a "Timeline" list, an
MP's press statement, a Healthwatch post in the future tense, a parent carer forum
newsletter, a cabinet member's blog, a page on both frameworks, lists of weaknesses under
"Sufficient progress has been made in:" and "Not enough progress yet in:", a neighbour in
passing, and a Local Offer page about SEND that reports no inspection. Beside each is the
exchange record a careful annotator following the real seeds' gold would write. The
official scorer compares the two, and every value's evidence must state it.
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

HELDOUT = Path(__file__).resolve().parent / "documents" / "heldout_secondary_3"
GOLD = sorted(HELDOUT.glob("*.json"))

#: Each page holds eight to twenty scored values, so one wrong value costs 0.05 to 0.12:
#: 0.8 allows one slip on a short page, and the set as a whole is wanted at 0.9.
MIN_F1 = 0.8

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


@pytest.mark.parametrize("gold_path", _cases())
def test_page_scores_against_its_record(gold_path: Path) -> None:
    gold, text, exchange = _extract(gold_path)
    tally, evidence = score_one(gold, exchange, len(text))
    _, _, f1 = tally.prf()
    assert f1 >= MIN_F1, tally.errors
    assert evidence[0] == evidence[1], "a scored value lacks evidence"


def test_the_set_as_a_whole_scores_as_wanted() -> None:
    tp = fp = fn = 0
    for gold_path in GOLD:
        gold, text, exchange = _extract(gold_path)
        tally, _ = score_one(gold, exchange, len(text))
        tp, fp, fn = tp + tally.tp, fp + tally.fp, fn + tally.fn
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)


_MONTH_NAMES = {n: name for name, n in MONTHS.items()}
_RELATIVE = re.compile(r"\b(?:today|this (?:week|morning|month)|last|next|on \w+day)\b", re.I)
_NUMBER_WORDS = ["zero", *NUMBER_WORDS]
_OUTCOME_WORDS = {
    "wsoa_required": r"statement|plan of action",
    "no_wsoa": r"statement",
    "positive": r"positive",
    "inconsistent": r"inconsistent",
    "systemic_failings": r"systemic",
}


def _states(field: str, value: Any, quoted: str) -> bool:
    """Whether the quoted words state the value, as a reader checking the page would see it."""
    if field in ("visit_start", "visit_end", "published", "date"):
        if _RELATIVE.search(quoted):
            return True
        year, _, rest = str(value).partition("-")
        if not rest:
            return year in quoted
        month = int(rest[:2])
        numeric = re.search(rf"\b\d{{1,2}}/0?{month}/\d{{2,4}}\b", quoted)
        # A month named without its year takes the year from the page's own date.
        return numeric is not None or _MONTH_NAMES[month][:3].lower() in quoted.lower()
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        if re.search(r"\b(?:all|every|no|none)\b", quoted, re.I):
            return True
        words = {str(value), _NUMBER_WORDS[value] if value < len(_NUMBER_WORDS) else ""}
        found = set(re.findall(r"\b\w+\b", quoted.lower()))
        # "insufficient progress in three of the five": the sufficient are the rest.
        counts = [
            _NUMBER_WORDS.index(w) if w in _NUMBER_WORDS else int(w)
            for w in found
            if w in _NUMBER_WORDS or w.isdigit()
        ]
        implied = any(b - a == value for a in counts for b in counts)
        # A count read from a listed set of items is stated by the list itself.
        return bool(words & found) or implied or quoted.count("\n") + 1 >= value
    if field == "outcome":
        return re.search(_OUTCOME_WORDS[value], quoted, re.I) is not None
    if field in ("next_monitoring_within_months", "next_full_within_years"):
        return str(value) in quoted or _NUMBER_WORDS[value] in quoted.lower()
    return True


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_evidence_states_each_value(gold_path: Path) -> None:
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


def test_pages_of_no_secondary_kind_claim_nothing() -> None:
    others = [g for g in GOLD if json.loads(g.read_text())["document_type"] == "other"]
    assert others, "the held-out set should hold a page of no secondary kind"
    for gold_path in others:
        _, _, exchange = _extract(gold_path)
        assert exchange["document_type"] == "other", gold_path.stem
        assert exchange["events"] == [], gold_path.stem


# --- the forms round 3 probed, in other constructions than its pages -----------------


def _events(text: str) -> dict[str, dict[str, Any]]:
    return {e["kind"]: e for e in read(text, "page.txt").to_exchange()["events"]}


def test_a_yes_no_table_in_spaced_columns_gives_verdicts_and_counts() -> None:
    page = (
        "Wigan Council\n\nOur SEND revisit\n\nOfsted and the CQC revisited the area in May 2021."
        "\n\nArea of significant weakness    Sufficient progress made?\n"
        "| --- | --- |\nHow health needs are identified early    No\n"
        "The timeliness of annual reviews    Yes\nThe offer for young people over 16    Yes\n\n"
        "Last updated: 2 July 2021\n"
    )
    revisit = _events(page)["revisit"]
    assert [w["verdict"] for w in revisit["weaknesses"]] == [
        "insufficient",
        "sufficient",
        "sufficient",
    ]
    assert (revisit["weaknesses_total"], revisit["weaknesses_sufficient"]) == (3, 2)


def test_an_answer_without_it_dates_the_question_it_answers() -> None:
    page = (
        "Wigan Council\n\nOur inspection: questions and answers\n\n"
        "Ofsted and the CQC inspected the local area in January 2019 and the council was "
        "required to write a written statement of action.\n\n"
        "When was the written statement submitted?\n\nIn April 2019.\n\n"
        "When was it approved?\n\nOfsted told us in June 2019 that it was fit for purpose.\n\n"
        "Last updated: 2 July 2020\n"
    )
    events = _events(page)
    assert events["wsoa_submitted"]["date"] == "2019-04"
    assert events["wsoa_accepted"]["date"] == "2019-06"
    assert events["inspection"]["visit_start"] == "2019-01"


def test_each_timeline_line_is_its_own_even_without_blank_lines() -> None:
    page = (
        "Wigan Council\n\nOur SEND inspection\n\nTimeline\n\n"
        "4 to 8 March 2019 - Ofsted and CQC inspection of the local area\n"
        "2 May 2019 - letter published\n"
        "30 August 2019 - written statement of action submitted\n\n"
        "Last updated: 2 July 2020\n"
    )
    events = _events(page)
    inspection = events["inspection"]
    assert (inspection["visit_start"], inspection["published"]) == ("2019-03-04", "2019-05-02")
    assert events["wsoa_submitted"]["date"] == "2019-08-30"


def test_a_neighbour_named_alone_keeps_its_outcome() -> None:
    page = (
        "Wigan Council\n\nInspectors visit Wigan\n\n14 June 2018\n\n"
        "Ofsted and the CQC spent a week from 4 June looking at SEND services in Wigan. "
        "We look forward to their findings.\n\n"
        "Neighbouring Bolton had to produce a written statement of action after its "
        "inspection in 2017.\n"
    )
    out = read(page, "page.txt").to_exchange()
    own = [e for e in out["events"] if e["local_area"] == "Wigan"]
    assert all(e["outcome"] is None for e in own)
    bolton = [e for e in out["events"] if e["local_area"] == "Bolton"]
    assert [(e["outcome"], e["framework"]) for e in bolton] == [("wsoa_required", "2016")]
