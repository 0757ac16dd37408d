"""Approval tests: every real 2023-framework area SEND report against its gold record.

The reports and the gold records are in ../shared (never copied into the repository);
the tests skip when it is absent. Each document is scored with the project's official
scorer (``../shared/eval/score.py``), and every value's evidence span is checked to
state that value.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from sendwatch.dates import find_ranges
from sendwatch.readers import read
from sendwatch.readers.area_report import NUMBERS, OUTCOMES
from sendwatch.readers.report_sections import is_running_header, lines_of, without_bullet
from sendwatch.sources import load

SHARED = Path(os.environ.get("SENDWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus" / "area-send-2023"

#: The lowest per-document F1 accepted. Measured: 1.000 on each of the twenty reports
#: (December 2025); the margin allows one slip in a report of about thirty facts.
MIN_F1 = 0.95


def _gold_reports() -> list[str]:
    if not CORPUS.is_dir():
        return ["no-shared-corpus"]
    stems = []
    for g in sorted((SHARED / "gold").glob("*.json")):
        source = json.loads(g.read_text())["source"]
        if (CORPUS / source).exists():
            stems.append(Path(source).stem)
    return stems


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.mark.parametrize("stem", _gold_reports())
def test_report_scores_against_gold(stem):
    gold, predicted, _ = extracted(stem)
    score = scorer()
    tally = score.Tally()
    evidence = [0, 0]
    score.score_doc(gold, predicted, tally, evidence, None)
    f1 = tally.prf()[2]
    assert f1 >= MIN_F1, "\n".join(tally.errors)
    assert evidence[0] == evidence[1], "a scored value has no evidence"


@pytest.mark.parametrize("stem", _gold_reports())
def test_evidence_states_each_value(stem):
    _, predicted, text = extracted(stem)
    assert predicted["document_type"] == "area_send_report"
    assert predicted["document_date"] is None  # the PDF carries no date of its own
    for event in predicted["events"]:
        evidence = event["evidence"]
        for field in ("visit_start", "visit_end"):
            if event.get(field):
                quoted = text[slice(*evidence[field])]
                values = {v for f in find_ranges(quoted) for v in (f.start, f.end)}
                assert event[field] in values, f"{field} {event[field]} not in {quoted!r}"
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


@pytest.mark.parametrize("stem", _gold_reports())
def test_no_running_header_or_bullet_is_left_in_an_item(stem):
    _, predicted, _ = extracted(stem)
    for event in predicted["events"]:
        for kind in ("weaknesses", "strengths", "concerns", "improvements"):
            for item in event.get(kind) or []:
                assert "inspection report:" not in item["text"].lower()
                assert not re.search(r"[◼▪•]", item["text"]), item["text"]
