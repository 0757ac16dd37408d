"""The 2016-framework letter readers: outcome letters and revisit letters.

Synthetic letters in ``tests/documents`` (our own words, in the letters' form) are read
and compared, value by value, with what they state; the real revisit letter in ../shared
is compared with its gold record by the official scorer's own functions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendwatch.extraction import SCALAR_FIELDS, Extraction
from sendwatch.readers import choose, read
from sendwatch.readers.inspection_letter import InspectionLetterReader, inline_items
from sendwatch.readers.letters import item_text, letter_date
from sendwatch.readers.revisit_letter import RevisitLetterReader
from tests.support.scoring import folded, quoted_numbers, score_one, states_date

DOCUMENTS = Path(__file__).resolve().parent / "documents"

EXPECTED: dict[str, dict[str, Any]] = {
    "revisit_pdf_wrapped.txt": {
        "document_type": "revisit_letter",
        "document_date": "2022-04-21",
        "local_areas": ["Bath and North East Somerset"],
        "events": [
            {
                "local_area": "Bath and North East Somerset",
                "kind": "inspection",
                "framework": "2016",
                "published": "2020-01-10",
                "outcome": "wsoa_required",
                "weaknesses_total": 2,
            },
            {
                "local_area": "Bath and North East Somerset",
                "kind": "wsoa_accepted",
                "date": "2020-05-29",
            },
            {
                "local_area": "Bath and North East Somerset",
                "kind": "revisit",
                "framework": "2016",
                "visit_start": "2022-03-14",
                "visit_end": "2022-03-16",
                "published": "2022-04-21",
                "weaknesses_total": 2,
                "weaknesses_sufficient": 1,
                "weaknesses": [
                    {
                        "text": (
                            "The poor quality of education, health and care plans, which "
                            "too often leave out what children and young people want to "
                            "achieve"
                        ),
                        "verdict": "sufficient",
                    },
                    {
                        "text": (
                            "Weak oversight of how well children and young people with "
                            "SEND achieve, in school and beyond it."
                        ),
                        "verdict": "insufficient",
                    },
                ],
            },
        ],
    },
    "letter_closing_paragraph.txt": {
        "document_type": "inspection_letter",
        "document_date": "2016-12-20",
        "local_areas": ["Torbay"],
        "events": [
            {
                "local_area": "Torbay",
                "kind": "inspection",
                "framework": "2016",
                "visit_start": "2016-11-07",
                "visit_end": "2016-11-11",
                "published": "2016-12-20",
                "outcome": "wsoa_required",
                "weaknesses_total": 4,
                "weaknesses": [
                    {
                        "text": (
                            "the lack of strategic leadership of the reforms by the local"
                            " authority and the clinical commissioning group"
                        ),
                        "verdict": None,
                    },
                    {
                        "text": "the poor quality of education, health and care plans",
                        "verdict": None,
                    },
                    {"text": "weak joint commissioning", "verdict": None},
                    {
                        "text": "the inconsistent identification of needs in the early years",
                        "verdict": None,
                    },
                ],
                "main_findings": [
                    {
                        "text": (
                            "The area's leaders have not worked together to carry out the reforms."
                        )
                    }
                ],
            }
        ],
    },
    "letter_no_wsoa.txt": {
        "document_type": "inspection_letter",
        "document_date": "2017-07-12",
        "local_areas": ["Rutland"],
        "events": [
            {
                "local_area": "Rutland",
                "kind": "inspection",
                "framework": "2016",
                "visit_start": "2017-06-05",
                "visit_end": "2017-06-09",
                "published": "2017-07-12",
                "outcome": "no_wsoa",
                "weaknesses_total": 0,
                "strengths": [
                    {"text": "Nurseries and schools spot needs early."},
                    {"text": "Plans are finished on time."},
                    {"text": "Attendance of pupils with plans is high."},
                ],
                "areas_for_development": [
                    {"text": "Some older pupils wait too long for an assessment of autism."},
                    {"text": "Families find the local offer website hard to use."},
                    {"text": "Few young people with plans take up supported internships."},
                ],
                "main_findings": [
                    {
                        "text": (
                            "Leaders know the area's strengths and weaknesses well and act on them."
                        )
                    },
                    {
                        "text": (
                            "Families say that staff listen to them and that help arrives"
                            " when it is needed."
                        )
                    },
                ],
            }
        ],
    },
    "letter_pdf_furniture.txt": {
        "document_type": "inspection_letter",
        "document_date": "2018-10-02",
        "local_areas": ["Bury"],
        "events": [
            {
                "local_area": "Bury",
                "kind": "inspection",
                "framework": "2016",
                "visit_start": "2018-09-03",
                "visit_end": "2018-09-07",
                "published": "2018-10-02",
                "outcome": "wsoa_required",
                "weaknesses_total": 2,
                "weaknesses": [
                    {
                        "text": (
                            "the weak oversight of the reforms by leaders of the local "
                            "authority and the clinical commissioning group"
                        ),
                        "verdict": None,
                    },
                    {
                        "text": "the poor experience of families when plans are drawn up",
                        "verdict": None,
                    },
                ],
                "areas_for_development": [
                    {"text": "Waiting lists for speech and language therapy are long."}
                ],
                "main_findings": [
                    {
                        "text": (
                            "The local authority and the clinical commissioning group do "
                            "not share information about the children they serve."
                        )
                    }
                ],
            }
        ],
    },
    "letter_wsoa_bullets.txt": {
        "document_type": "inspection_letter",
        "document_date": "2019-03-04",
        "local_areas": ["Halton"],
        "events": [
            {
                "local_area": "Halton",
                "kind": "inspection",
                "framework": "2016",
                "visit_start": "2019-01-21",
                "visit_end": "2019-01-25",
                "published": "2019-03-04",
                "outcome": "wsoa_required",
                "weaknesses_total": 3,
                "weaknesses": [
                    {
                        "text": (
                            "the slow and uneven introduction of the reforms across "
                            "education, health and care"
                        ),
                        "verdict": None,
                    },
                    {
                        "text": (
                            "the late completion and poor quality of education, health "
                            "and care plans"
                        ),
                        "verdict": None,
                    },
                    {
                        "text": "the absence of a shared plan for commissioning services jointly",
                        "verdict": None,
                    },
                ],
                "strengths": [
                    {
                        "text": (
                            "Health visitors check the development of almost every young "
                            "child on time."
                        )
                    },
                    {"text": "Short breaks are well regarded by the families who use them."},
                    {"text": "The sensory support team gives schools timely and practical advice."},
                    {
                        "text": (
                            "Most young people move on to education, employment or "
                            "training after school."
                        )
                    },
                ],
                "areas_for_development": [
                    {"text": "Needs that emerge in secondary school are picked up late."},
                    {"text": "Health and social care staff rarely add to assessments."},
                    {"text": "Too many pupils with plans are excluded from school."},
                ],
                "main_findings": [
                    {
                        "text": (
                            "Leaders were slow to put the reforms in place and many "
                            "families have lost faith in them."
                        )
                    },
                    {
                        "text": (
                            "Plans written for children are often late and say little "
                            "about what each child needs."
                        )
                    },
                ],
            }
        ],
    },
    "revisit_all_sufficient.txt": {
        "document_type": "revisit_letter",
        "document_date": "2020-03-09",
        "local_areas": ["Calderdale"],
        "events": [
            {
                "local_area": "Calderdale",
                "kind": "inspection",
                "framework": "2016",
                "published": "2018-06-14",
                "outcome": "wsoa_required",
                "weaknesses_total": 3,
            },
            {"local_area": "Calderdale", "kind": "wsoa_accepted", "date": "2018-10-02"},
            {
                "local_area": "Calderdale",
                "kind": "revisit",
                "framework": "2016",
                "visit_start": "2020-02-03",
                "visit_end": "2020-02-05",
                "published": "2020-03-09",
                "weaknesses_total": 3,
                "weaknesses_sufficient": 3,
                "weaknesses": [
                    {
                        "text": (
                            "Leaders did not check well enough whether the reforms were "
                            "making a difference."
                        ),
                        "verdict": "sufficient",
                    },
                    {
                        "text": "Too few plans were finished within 20 weeks.",
                        "verdict": "sufficient",
                    },
                    {
                        "text": "Families were not involved in shaping services.",
                        "verdict": "sufficient",
                    },
                ],
            },
        ],
    },
    "revisit_counts_in_digits.txt": {
        "document_type": "revisit_letter",
        "document_date": "2022-05-18",
        "local_areas": ["North Somerset"],
        "events": [
            {
                "local_area": "North Somerset",
                "kind": "inspection",
                "framework": "2016",
                "published": "2019-02-06",
                "outcome": "wsoa_required",
                "weaknesses_total": 3,
            },
            {"local_area": "North Somerset", "kind": "wsoa_accepted", "date": "2019-06-21"},
            {
                "local_area": "North Somerset",
                "kind": "revisit",
                "framework": "2016",
                "visit_start": "2022-04-11",
                "visit_end": "2022-04-13",
                "published": "2022-05-18",
                "weaknesses_total": 3,
                "weaknesses_sufficient": 2,
                "weaknesses": [
                    {
                        "text": "the identification of needs in the early years was inconsistent.",
                        "verdict": "sufficient",
                    },
                    {
                        "text": "Families had to tell their story many times.",
                        "verdict": "insufficient",
                    },
                    {
                        "text": "Transitions to adult health services were poorly planned.",
                        "verdict": "sufficient",
                    },
                ],
            },
        ],
    },
    "revisit_counts_split.txt": {
        "document_type": "revisit_letter",
        "document_date": "2020-01-24",
        "local_areas": ["Isle of Wight"],
        "events": [
            {
                "local_area": "Isle of Wight",
                "kind": "inspection",
                "framework": "2016",
                "published": "2018-04-27",
                "outcome": "wsoa_required",
                "weaknesses_total": 4,
            },
            {"local_area": "Isle of Wight", "kind": "wsoa_accepted", "date": "2018-10-09"},
            {
                "local_area": "Isle of Wight",
                "kind": "revisit",
                "framework": "2016",
                "visit_start": "2019-12-02",
                "visit_end": "2019-12-04",
                "published": "2020-01-24",
                "weaknesses_total": 4,
                "weaknesses_sufficient": 2,
                "weaknesses": [
                    {
                        "text": "Leaders' understanding of the area's performance was poor.",
                        "verdict": "sufficient",
                    },
                    {"text": "Plans were of poor quality.", "verdict": "insufficient"},
                    {"text": "Waiting times for therapy were long.", "verdict": "insufficient"},
                    {"text": "The local offer was little known.", "verdict": "sufficient"},
                ],
            },
        ],
    },
    "revisit_none_sufficient.txt": {
        "document_type": "revisit_letter",
        "document_date": "2021-11-11",
        "local_areas": ["Southend-on-Sea"],
        "events": [
            {
                "local_area": "Southend-on-Sea",
                "kind": "inspection",
                "framework": "2016",
                "published": "2019-03-29",
                "outcome": "wsoa_required",
                "weaknesses_total": 2,
            },
            {"local_area": "Southend-on-Sea", "kind": "wsoa_accepted", "date": "2019-08-16"},
            {
                "local_area": "Southend-on-Sea",
                "kind": "revisit",
                "framework": "2016",
                "visit_start": "2021-10-04",
                "visit_end": "2021-10-06",
                "published": "2021-11-11",
                "weaknesses_total": 2,
                "weaknesses_sufficient": 0,
                "weaknesses": [
                    {
                        "text": "The joint commissioning of services was weak.",
                        "verdict": "insufficient",
                    },
                    {
                        "text": "Children's health needs were not written into their plans.",
                        "verdict": "insufficient",
                    },
                ],
            },
        ],
    },
}


def _plain(extraction: Extraction) -> dict[str, Any]:
    """The exchange object without evidence, nulls or the source: what a reader claims."""
    out = extraction.to_exchange()
    out.pop("evidence", None)
    out.pop("source")
    # Parties (the bodies and inspectors a letter names) have their own tests.
    out.pop("parties", None)
    for event in out["events"]:
        event.pop("evidence")
        for key in [k for k, v in event.items() if v is None]:
            del event[key]
        for key, value in event.items():
            if isinstance(value, list):
                event[key] = [
                    {k: v for k, v in item.items() if not k.endswith("evidence")} for item in value
                ]
    return out


def _letter(name: str) -> tuple[str, Extraction]:
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    return text, read(text, name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_synthetic_letter_is_read_exactly(name: str) -> None:
    _, extraction = _letter(name)
    assert _plain(extraction) == EXPECTED[name]


def _states(field: str, value: Any, quote: str, event: dict[str, Any]) -> bool:
    """Whether the quoted words state ``value`` of ``field``."""
    flat = folded(quote)
    if field in ("visit_start", "visit_end", "published", "date", "document_date"):
        return states_date(value, quote)
    if field == "framework":
        return bool(re.search(r"Joint (local )?area SEND (inspection|revisit)", flat))
    if field == "outcome":
        if value == "wsoa_required":
            return bool(
                re.search(r"statement of action (\(WSoA\) )?(is|was) required|revisit", flat, re.I)
            )
        return flat.startswith("Joint local area SEND inspection") or "not required" in flat
    if field in ("weaknesses_total", "weaknesses_sufficient"):
        words, numbers = quoted_numbers(quote)
        listed = [w["text"] for w in event.get("weaknesses", [])]
        return (
            value in numbers
            or sum(numbers) == value
            or ({"all", "any"} & set(words) and value in (0, event.get("weaknesses_total")))
            or (value == 0 and field == "weaknesses_total" and "Joint local area" in flat)
            or (len(listed) == value and all(folded(t) in flat for t in listed))
        )
    raise AssertionError(f"no check for field {field}")


def _assert_evidence_states_values(text: str, extraction: Extraction) -> None:
    exchange = extraction.to_exchange()
    if exchange["document_date"]:
        a, b = exchange["evidence"]["document_date"]
        assert _states("document_date", exchange["document_date"], text[a:b], {})
    for event in exchange["events"]:
        # A letter states no period to the next inspection: were one read, _states would
        # fail it, as it should.
        for field in SCALAR_FIELDS:
            if event[field] is None:
                continue
            assert field in event["evidence"], f"{event['kind']} {field} has no evidence"
            a, b = event["evidence"][field]
            assert _states(field, event[field], text[a:b], event), (field, text[a:b])
        for kind in ("weaknesses", "strengths", "areas_for_development", "main_findings"):
            for item in event.get(kind, []):
                a, b = item["evidence"]
                assert item_text(text, (a, b)) == item["text"]
                if item.get("verdict"):
                    va, vb = item["verdict_evidence"]
                    said_not = "not made sufficient progress" in text[va:vb]
                    assert said_not == (item["verdict"] == "insufficient")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_synthetic_value_is_stated_by_its_evidence(name: str) -> None:
    text, extraction = _letter(name)
    _assert_evidence_states_values(text, extraction)


def test_letters_go_to_their_own_reader() -> None:
    for name in EXPECTED:
        text = (DOCUMENTS / name).read_text(encoding="utf-8")
        expected = InspectionLetterReader if name.startswith("letter_") else RevisitLetterReader
        assert isinstance(choose(text), expected), name


PRESS_RELEASE = """Council welcomes progress on SEND

Posted 3 May 2022

Inspectors from Ofsted and the Care Quality Commission returned to the borough in
March for a joint area SEND revisit. They found that the area had made sufficient
progress in three of the four areas of weakness identified at the inspection in 2018.

The council's cabinet member said the result reflected the work of families and staff.
"""


@pytest.mark.parametrize("reader", [InspectionLetterReader(), RevisitLetterReader()])
def test_a_press_release_is_not_a_letter(reader: Any) -> None:
    assert reader.recognise(PRESS_RELEASE) < 0.3


@pytest.mark.parametrize("reader", [InspectionLetterReader(), RevisitLetterReader()])
def test_real_reports_and_press_releases_are_not_letters(reader: Any, shared: Path) -> None:
    others = [
        *sorted((shared / "corpus" / "area-send-2023").glob("*.txt"))[:5],
        *(p for p in sorted((shared / "seeds").glob("*.txt")) if not p.name.startswith("002_")),
    ]
    if not others:
        pytest.skip("no real reports or secondary sources as text in ../shared")
    for path in others:
        assert reader.recognise(path.read_text(encoding="utf-8")) < 0.3, path.name


REAL_LETTERS = [pytest.param("002_64d0be60fa525062", id="002-stockport-revisit")]


@pytest.mark.parametrize("stem", REAL_LETTERS)
def test_real_letter_matches_gold(stem: str, shared: Path) -> None:
    gold = json.loads((shared / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    text = (shared / "seeds" / gold["source"]).read_text(encoding="utf-8")
    predicted = read(text, gold["source"]).to_exchange()
    tally, evidence = score_one(gold, predicted, len(text))
    assert tally.errors == []
    assert (tally.fp, tally.fn) == (0, 0)
    assert evidence[0] == evidence[1] > 0


@pytest.mark.parametrize("stem", REAL_LETTERS)
def test_real_letter_evidence_states_every_value(stem: str, shared: Path) -> None:
    path = next((shared / "seeds").glob(f"{stem}*.txt"))
    text = path.read_text(encoding="utf-8")
    _assert_evidence_states_values(text, read(text, path.name))


def test_letter_date_is_the_dated_line_not_a_date_in_a_sentence() -> None:
    text = "Ofsted\n\nThe visit of 3 May 2019 was long.\n\n  7 June 2019\n\nDear Ms A\n"
    value, (a, b) = letter_date(text) or ("", (0, 0))
    assert value == "2019-06-07"
    assert text[a:b] == "7 June 2019"


def test_a_letter_without_a_dated_line_has_no_document_date() -> None:
    assert letter_date("Dear Ms A\n\nJoint local area SEND inspection in Bury\n") is None


@pytest.mark.parametrize(
    ("paragraph", "items"),
    [
        (
            "the late plans; weak joint commissioning; and the poor local offer.",
            ["the late plans", "weak joint commissioning", "the poor local offer"],
        ),
        (
            "weak leadership, the quality of education, health and care plans and "
            "the lack of a\nshared strategy.",
            [
                "weak leadership",
                "the quality of education, health and care plans",
                "the lack of a shared strategy",
            ],
        ),
    ],
)
def test_weaknesses_run_on_in_a_paragraph_are_split_into_items(
    paragraph: str, items: list[str]
) -> None:
    found = inline_items(paragraph, (0, len(paragraph)))
    assert [words for words, _ in found] == items
    for words, (a, b) in found:
        assert " ".join(paragraph[a:b].split()) == words


def test_a_revisit_letter_read_from_a_pdf_keeps_its_weaknesses_whole(tmp_path: Path) -> None:
    from sendwatch.sources import load
    from tests.support.files import pdf_with_text

    lines = (DOCUMENTS / "revisit_pdf_wrapped.txt").read_text(encoding="utf-8").splitlines()
    lines = [line.replace("■", "-") for line in lines if not line.startswith("Page ")]
    pages = [lines[i : i + 12] for i in range(0, len(lines), 12)]
    pages = [[*page, f"Page {n} of {len(pages)}"] for n, page in enumerate(pages, start=1)]
    path = tmp_path / "revisit.pdf"
    path.write_bytes(pdf_with_text(pages))
    document = load(path, 10_000_000)
    extraction = read(document.text, path.name)
    assert _plain(extraction) == EXPECTED["revisit_pdf_wrapped.txt"]
    _assert_evidence_states_values(document.text, extraction)
