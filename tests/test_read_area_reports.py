"""Approval tests: every real 2023-framework area SEND report against its gold record.

The reports and the gold records are in ../shared (never copied into the repository);
the tests skip when it is absent. Each document is scored with the project's official
scorer (``../shared/eval/score.py``), and every value's evidence span is checked to
state that value.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from sendwatch.readers import read
from sendwatch.readers.area_report import NUMBERS, OUTCOMES
from sendwatch.readers.report_sections import is_running_header, lines_of, without_bullet
from sendwatch.sources import load
from sendwatch.textclean import normalise_text
from tests.support.scoring import SHARED, gold_report_stems, score_one, states_date

CORPUS = SHARED / "corpus" / "area-send-2023"

#: The lowest per-document F1 accepted. Measured: 1.000 on each of the twenty reports
#: (December 2025); the margin allows one slip in a report of about thirty facts.
MIN_F1 = 0.95


@cache
def extracted(stem: str) -> tuple[dict, dict, str]:
    """(gold, predicted exchange object, document text) for one report."""
    if not CORPUS.is_dir():
        pytest.skip(f"../shared corpus is not beside the clone (looked in {CORPUS})")
    gold = json.loads((SHARED / "gold" / f"{stem}.json").read_text())
    document = load(CORPUS / gold["source"], 50_000_000)
    extraction = read(document.text, document.name)
    return gold, extraction.to_exchange(), document.text


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", text)


def span_words(text: str, span: list[int]) -> list[str]:
    """The words at a span, without running page headers and bullet marks."""
    lines = lines_of(text, span[0], span[1])
    kept = [without_bullet(x).text for x in lines if not is_running_header(x)]
    return words(" ".join(kept))


@pytest.mark.parametrize("stem", gold_report_stems(SHARED))
def test_report_scores_against_gold(stem):
    gold, predicted, _ = extracted(stem)
    tally, evidence = score_one(gold, predicted, None)
    f1 = tally.prf()[2]
    assert f1 >= MIN_F1, "\n".join(tally.errors)
    assert evidence[0] == evidence[1], "a scored value has no evidence"


@pytest.mark.parametrize("stem", gold_report_stems(SHARED))
def test_evidence_states_each_value(stem):
    _, predicted, text = extracted(stem)
    assert predicted["document_type"] == "area_send_report"
    assert predicted["document_date"] is None  # the PDF carries no date of its own
    for event in predicted["events"]:
        evidence = event["evidence"]
        for field in ("visit_start", "visit_end"):
            if event.get(field):
                quoted = text[slice(*evidence[field])]
                assert states_date(event[field], quoted), (
                    f"{field} {event[field]} not in {quoted!r}"
                )
        if event.get("outcome"):
            quoted = text[slice(*evidence["outcome"])]
            rx = dict(OUTCOMES)[event["outcome"]]
            assert rx.search(quoted), quoted
        for field in ("next_monitoring_within_months", "next_full_within_years"):
            if event.get(field) is not None:
                quoted = text[slice(*evidence[field])].lower()
                said = {str(event[field])} | {w for w, n in NUMBERS.items() if n == event[field]}
                assert any(re.search(rf"\b{w}\b", quoted) for w in said), quoted
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            for item in event.get(kind) or []:
                assert span_words(text, item["evidence"]) == words(item["text"]), item["text"]


@pytest.mark.parametrize("stem", gold_report_stems(SHARED))
def test_no_running_header_or_bullet_is_left_in_an_item(stem):
    _, predicted, _ = extracted(stem)
    for event in predicted["events"]:
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            for item in event.get(kind) or []:
                assert "inspection report:" not in item["text"].lower()
                assert not re.search(r"[◼▪•]", item["text"]), item["text"]


# Forms of the report not among the real ones, in documents written for these tests ---

DOCUMENTS = Path(__file__).parent / "documents"


def read_document(name: str) -> dict:
    text = normalise_text((DOCUMENTS / name).read_text(encoding="utf-8"))
    return read(text, name).to_exchange()


def test_single_date_two_previous_visits_header_mid_bullet_numbered_and_dashed_lists():
    exchange = read_document("area_report_variants.txt")
    assert exchange["document_type"] == "area_send_report"
    inspection, *previous = exchange["events"]
    assert inspection["visit_start"] == "2024-02-02"
    assert inspection["visit_end"] is None
    assert inspection["outcome"] == "systemic_failings"
    assert inspection["next_monitoring_within_months"] == 18
    assert inspection["next_full_within_years"] == 3
    assert [(p["visit_start"], p["visit_end"]) for p in previous] == [
        ("2016-03-14", "2016-03-18"),
        ("2019-10-02", "2019-10-04"),
    ]
    assert inspection["strengths"][1]["text"] == (
        "Leaders have opened a new resource base for pupils with autism, and places are "
        "now filled quickly and used well."
    )
    assert inspection["weaknesses_total"] == 1
    assert inspection["weaknesses"][0]["text"].startswith("Leaders should make sure")
    assert [i["text"] for i in inspection["improvements"]] == [
        "Leaders should widen the range of places in alternative provision.",
        "Leaders should tell families more about the local offer, including: where to find "
        "help while waiting for an assessment; how to raise a concern.",
    ]


def test_not_previously_inspected_gives_no_previous_visit():
    exchange = read_document("area_report_not_inspected.txt")
    kinds = [e["kind"] for e in exchange["events"]]
    assert kinds == ["inspection"]
    inspection = exchange["events"][0]
    assert inspection["outcome"] == "positive"
    assert inspection["next_full_within_years"] == 5
    assert inspection["next_monitoring_within_months"] is None
    assert inspection["weaknesses_total"] == 0
    assert (inspection["visit_start"], inspection["visit_end"]) == ("2024-09-30", "2024-10-04")
