"""The monitoring inspection report reader, on reports written for these tests.

No real monitoring report was available; the three documents in tests/documents follow
the form described in docs/documents.md §4 and docs/regime.md §2.3, in our own words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sendwatch.dates import find_ranges
from sendwatch.readers import choose, read
from sendwatch.readers.monitoring_report import MonitoringReportReader
from sendwatch.readers.report_sections import is_running_header, lines_of, without_bullet
from sendwatch.textclean import normalise_text

DOCUMENTS = Path(__file__).parent / "documents"


def extract(name: str) -> tuple[dict, str]:
    text = normalise_text((DOCUMENTS / name).read_text(encoding="utf-8"))
    return read(text, name).to_exchange(), text


def event_of(exchange: dict, kind: str) -> dict:
    (event,) = [e for e in exchange["events"] if e["kind"] == kind]
    return event


def test_all_effective():
    exchange, _ = extract("monitoring_all_effective.txt")
    assert exchange["document_type"] == "monitoring_report"
    assert exchange["local_areas"] == ["Rutland"]
    event = event_of(exchange, "monitoring_inspection")
    assert event["framework"] == "2023"
    assert (event["visit_start"], event["visit_end"]) == ("2025-09-08", "2025-09-10")
    assert event["outcome"] == "effective_action"
    assert event["weaknesses_total"] == 2
    assert event["weaknesses_sufficient"] == 2
    assert [w["verdict"] for w in event["weaknesses"]] == ["effective", "effective"]
    assert event["weaknesses"][1]["text"] == (
        "Leaders should shorten the time families wait for an assessment of speech and "
        "language needs."
    )
    previous = event_of(exchange, "previous_visit")
    assert (previous["visit_start"], previous["visit_end"]) == ("2023-03-13", "2023-03-17")


def test_mixed_verdicts():
    exchange, _ = extract("monitoring_mixed.txt")
    assert exchange["local_areas"] == ["North Somerset"]
    event = event_of(exchange, "monitoring_inspection")
    assert event["outcome"] == "ineffective_action"
    assert [w["verdict"] for w in event["weaknesses"]] == ["effective", "ineffective", "effective"]
    assert event["weaknesses_total"] == 3
    assert event["weaknesses_sufficient"] == 2
    assert event_of(exchange, "previous_visit")["visit_start"] == "2023-12-04"


def test_running_header_mid_paragraph_is_not_part_of_an_item():
    exchange, text = extract("monitoring_header_mid_paragraph.txt")
    event = event_of(exchange, "monitoring_inspection")
    assert (event["visit_start"], event["visit_end"]) == ("2025-11-03", "2025-11-05")
    assert event["weaknesses_sufficient"] == 2
    second = event["weaknesses"][1]
    assert "inspection report" not in second["text"].lower()
    assert second["text"].endswith("are told what has changed because of what they said.")
    # The span holds the item's words, and the header line between them.
    lines = lines_of(text, *second["evidence"])
    assert any(is_running_header(x) for x in lines)
    kept = " ".join(without_bullet(x).text for x in lines if not is_running_header(x))
    assert kept == second["text"]


@pytest.mark.parametrize(
    "name",
    ["monitoring_all_effective.txt", "monitoring_mixed.txt", "monitoring_header_mid_paragraph.txt"],
)
def test_every_value_has_evidence_that_states_it(name):
    exchange, text = extract(name)
    assert isinstance(choose(text), MonitoringReportReader)
    for event in exchange["events"]:
        for field, value in event.items():
            if field in ("local_area", "kind", "evidence") or value in (None, []):
                continue
            if field == "weaknesses":
                for item in value:
                    verdict = text[slice(*item["verdict_evidence"])]
                    assert "effective action" in verdict
                    assert ("not taken" in verdict) == (item["verdict"] == "ineffective")
                continue
            assert field in event["evidence"], field
            quoted = text[slice(*event["evidence"][field])]
            if field.startswith("visit_"):
                assert value in {v for f in find_ranges(quoted) for v in (f.start, f.end)}
            if field == "outcome":
                assert re.search(r"effective action", quoted)


def test_a_full_report_is_not_taken_for_a_monitoring_report():
    text = (
        "Area SEND inspection of Rutland Local Area Partnership\n"
        "Inspection dates: 8 to 12 May 2023\nInspection outcome\n"
        "The local area partnership's arrangements lead to inconsistent experiences and "
        "outcomes for children and young people with SEND.\n"
    )
    assert MonitoringReportReader().recognise(text) == 0.0


def test_areas_listed_as_bullets_then_judged_in_paragraphs():
    exchange, text = extract("monitoring_listed_areas.txt")
    assert exchange["local_areas"] == ["Torbay"]
    event = event_of(exchange, "monitoring_inspection")
    assert (event["visit_start"], event["visit_end"]) == ("2025-10-13", "2025-10-15")
    assert event["outcome"] == "effective_action"
    assert text[slice(*event["evidence"]["outcome"])].startswith(
        "The local area partnership has taken effective action"
    )
    assert [w["text"] for w in event["weaknesses"]] == [
        "Leaders should make sure that plans for children with SEND are finished within "
        "the statutory timescale and are checked for quality.",
        "Leaders should reduce how long children wait to see a community paediatrician.",
        "Leaders should involve parents and carers in deciding which services are "
        "commissioned, and tell them what changed as a result.",
    ]
    assert [w["verdict"] for w in event["weaknesses"]] == ["effective"] * 3
    verdicts = [" ".join(text[slice(*w["verdict_evidence"])].split()) for w in event["weaknesses"]]
    assert [v.split(" effective")[0] for v in verdicts] == [
        "The local area partnership has made",
        "The local area partnership is taking",
        "The local area partnership has taken",
    ]
    assert (event["weaknesses_total"], event["weaknesses_sufficient"]) == (3, 3)
    previous = event_of(exchange, "previous_visit")
    assert (previous["visit_start"], previous["visit_end"]) == ("2023-06-05", "2023-06-09")


def test_listed_areas_whose_judgements_do_not_pair_keep_no_verdicts():
    text = normalise_text((DOCUMENTS / "monitoring_listed_areas.txt").read_text(encoding="utf-8"))
    text = text.replace("The local area\npartnership has taken effective action on this", "On")
    exchange = read(text, "edited").to_exchange()
    event = event_of(exchange, "monitoring_inspection")
    assert event["weaknesses_total"] == 3
    assert [w["verdict"] for w in event["weaknesses"]] == [None, None, None]
    assert event["weaknesses_sufficient"] is None
    assert event["outcome"] == "effective_action"  # the overall sentence still stands


def test_not_taking_effective_action_with_numbered_headings():
    exchange, text = extract("monitoring_not_taking_action.txt")
    assert exchange["local_areas"] == ["Shropshire"]
    event = event_of(exchange, "monitoring_inspection")
    assert (event["visit_start"], event["visit_end"]) == ("2025-12-01", "2025-12-03")
    assert event["outcome"] == "ineffective_action"
    assert " ".join(text[slice(*event["evidence"]["outcome"])].split()) == (
        "The local area partnership is not taking effective action to address the areas "
        "for priority action identified at the full inspection."
    )
    assert [w["verdict"] for w in event["weaknesses"]] == [
        "effective",
        "ineffective",
        "ineffective",
    ]
    assert event["weaknesses"][0]["text"] == (
        "Leaders should agree how the partnership will measure the difference its work "
        "makes to children and young people with SEND."
    )
    assert (event["weaknesses_total"], event["weaknesses_sufficient"]) == (3, 1)
    previous = event_of(exchange, "previous_visit")
    assert (previous["visit_start"], previous["visit_end"]) == ("2023-02-27", "2023-03-03")


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("The local area partnership has made effective progress in addressing it.", "effective"),
        ("The partnership is taking effective action on this area.", "effective"),
        ("The partnership has not taken effective action in addressing this.", "ineffective"),
        ("The partnership is not yet taking effective action.", "ineffective"),
        ("The partnership has taken ineffective action.", "ineffective"),
        ("Inspectors looked at whether effective action was planned.", None),
    ],
)
def test_judgement_wordings(sentence, verdict):
    from sendwatch.readers.monitoring_report import judgement

    assert judgement(sentence) == verdict
