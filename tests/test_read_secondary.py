"""The secondary-source reader: council press releases, news articles and council pages.

Synthetic pages (tests/documents/press_*, news_*, council_*, written for these tests) are
read exactly; the real seeds in ../shared are compared with their gold records by the
official scorer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sendwatch.readers import choose, read
from sendwatch.readers.secondary import SecondaryReader
from sendwatch.readers.secondary_form import classify, dateline
from sendwatch.sources import load
from tests.support.scoring import SHARED, score_one, scorer

DOCUMENTS = Path(__file__).resolve().parent / "documents"

INSPECTION = "inspection"
REVISIT = "revisit"


def _events(*events: dict[str, Any]) -> list[dict[str, Any]]:
    return list(events)


# Each synthetic page with everything the reader must take from it: document type and
# date, areas, and every event with its non-null values and findings (text, verdict).
EXPECTED: dict[str, dict[str, Any]] = {
    "press_wirral_revisit.txt": {
        "document_type": "press_release",
        "document_date": "2021-03-14",
        "local_areas": ["Wirral"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2016",
                "visit_start": "2018-10",
                "outcome": "wsoa_required",
                "weaknesses_total": 7,
            },
            {"kind": "wsoa_accepted", "date": "2019-06"},
            {
                "kind": REVISIT,
                "framework": "2016",
                "visit_start": "2021-01",
                "published": "2021-03-14",
                "weaknesses_total": 7,
                "weaknesses_sufficient": 3,
                "weaknesses": [
                    ("the timeliness of education, health and care plans", "insufficient"),
                    ("joint commissioning between the council and health partners", "insufficient"),
                    ("the quality of the local offer", "insufficient"),
                    ("support for young people moving into adulthood", "insufficient"),
                ],
            },
            {"kind": "app_agreed", "date": "2021-03-03"},
            {"kind": "next_visit_expected", "date": "2022"},
        ),
    },
    "news_lincolnshire_2023.txt": {
        "document_type": "news_article",
        "document_date": None,
        "local_areas": ["Lincolnshire"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2023",
                "visit_start": "2024-02",
                "outcome": "systemic_failings",
                "weaknesses_total": 3,
                # "A monitoring inspection is expected within 18 months" (FORMAT.md).
                "next_monitoring_within_months": 18,
            },
        ),
    },
    "news_somerset_2023.txt": {
        "document_type": "news_article",
        "document_date": None,
        "local_areas": ["Somerset"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2016",
                "visit_start": "2022",
                "outcome": "wsoa_required",
            },
            {
                "kind": INSPECTION,
                "framework": "2023",
                "visit_start": "2024-03",
                "outcome": "systemic_failings",
            },
        ),
    },
    "council_kent_page.txt": {
        "document_type": "council_page",
        "document_date": None,
        "local_areas": ["Kent"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2016",
                "visit_start": "2019-01",
                "published": "2019-05-09",
                "outcome": "wsoa_required",
                "weaknesses_total": 5,
            },
            {"kind": "wsoa_accepted", "date": "2019-08"},
            {
                "kind": REVISIT,
                "framework": "2016",
                "visit_start": "2021-06-07",
                "visit_end": "2021-06-11",
                "weaknesses_total": 5,
                "weaknesses_sufficient": 5,
            },
            {"kind": "next_visit_expected", "date": "2024"},
        ),
    },
    "press_rutland_no_wsoa.txt": {
        "document_type": "press_release",
        "document_date": "2017-08-03",
        "local_areas": ["Rutland"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2016",
                "visit_start": "2017-06-19",
                "visit_end": "2017-06-23",
                "published": "2017-08-03",
                "outcome": "no_wsoa",
                "strengths": [
                    "Families are listened to and their views shape services",
                    "Health visitors identify needs early",
                    "Young people are well prepared for adult life",
                ],
            },
        ),
    },
    "news_bury_revisit.txt": {
        "document_type": "news_article",
        "document_date": None,
        "local_areas": ["Bury"],
        "events": _events(
            {"kind": INSPECTION, "framework": "2016", "weaknesses_total": 6},
            {
                "kind": REVISIT,
                "framework": "2016",
                "visit_start": "2022-11",
                "weaknesses_total": 6,
                "weaknesses_sufficient": 4,
                "weaknesses": [
                    ("joint commissioning arrangements with health", "insufficient"),
                    ("the quality of education, health and care plans", "insufficient"),
                ],
            },
            {"kind": "next_visit_expected", "date": "2024"},
        ),
    },
    "press_hampshire_submitted.txt": {
        "document_type": "press_release",
        "document_date": "2018-09-20",
        "local_areas": ["Hampshire"],
        "events": _events(
            {
                "kind": INSPECTION,
                "framework": "2016",
                "visit_start": "2018-06-04",
                "visit_end": "2018-06-08",
                # "The letter was published on 1 August 2018": stated, so read.
                "published": "2018-08-01",
                "outcome": "wsoa_required",
                "weaknesses_total": 3,
                "weaknesses": [
                    ("The variable quality of education, health and care plans", None),
                    ("Long waits for speech and language therapy", None),
                    ("Weak joint commissioning across education, health and care", None),
                ],
            },
            {"kind": "wsoa_submitted", "date": "2018-09-12"},
        ),
    },
}


def _simplify(exchange: dict[str, Any]) -> dict[str, Any]:
    """The exchange object without evidence and nulls, findings as (text, verdict)."""
    events = []
    for e in exchange["events"]:
        out: dict[str, Any] = {"kind": e["kind"]}
        for k, v in e.items():
            if k in ("local_area", "kind", "evidence") or v is None:
                continue
            if k == "weaknesses":
                out[k] = [(i["text"], i["verdict"]) for i in v]
            elif isinstance(v, list):
                out[k] = [i["text"] for i in v]
            else:
                out[k] = v
        events.append(out)
    return {
        "document_type": exchange["document_type"],
        "document_date": exchange["document_date"],
        "local_areas": exchange["local_areas"],
        "events": events,
    }


def _read(path: Path):
    text = load(path, 10_000_000).text
    return text, read(text, path.name)


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".txt"))
def test_synthetic_page_is_read_exactly(name: str) -> None:
    path = DOCUMENTS / name
    text, extraction = _read(path)
    assert isinstance(choose(text), SecondaryReader)
    assert _simplify(extraction.to_exchange()) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".txt"))
def test_every_value_quotes_its_evidence(name: str) -> None:
    """Each value's span is in the text, and dates and counts are stated inside it."""
    text, extraction = _read(DOCUMENTS / name)
    if extraction.document_date:
        assert extraction.document_date_span is not None
        quoted = extraction.quote(extraction.document_date_span) or ""
        assert quoted.strip()
    for event in extraction.events:
        for field, value in event.values.items():
            assert field in event.evidence, f"{event.kind}.{field} has no evidence"
            start, end = event.evidence[field]
            assert 0 <= start < end <= len(text)
            if field in ("visit_start", "visit_end", "date") and len(value) == 4:
                assert value in text[start:end]
        for items in event.findings.values():
            for item in items:
                assert item.span is not None
                assert text[item.span[0] : item.span[1]] == item.text


def test_recognises_only_secondary_pages() -> None:
    reader = SecondaryReader()
    page = (DOCUMENTS / "press_wirral_revisit.txt").read_text()
    assert reader.recognise(page) >= 0.5
    letter = (
        "Joint local area SEND inspection in Wirral\n\nBetween 1 and 5 October 2018, Ofsted and "
        "the Care Quality Commission (CQC) conducted a joint inspection of the local area of "
        "Wirral.\n"
    )
    assert reader.recognise(letter) < 0.3
    assert reader.recognise("Wirral Council opens a new library in Birkenhead.") == 0.0
    # A school's own report is read only for its date and area: a page of no kind read here.
    school = "Ofsted rated our primary school good in May 2019; SEND pupils do well here."
    assert reader.recognise(school) < 0.5
    read_school = reader.read(school, "school.txt")
    assert (read_school.document_type, read_school.events) == ("other", [])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Ofsted visited our SEND services.\n\nREAD MORE: other news\n\n'Fine,' said Coun Ray.",
            "news_article",
        ),
        (
            "Our SEND inspection\n\nWhat is next?\n\nWe will keep you posted.\n\nBack to top\n",
            "council_page",
        ),
        ("5 June 2019\n\nThe SEND inspection letter was published today.", "press_release"),
    ],
    ids=["news-furniture", "page-headings", "release-dateline"],
)
def test_form_decides_the_type(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_dateline_is_only_a_date_on_its_own_line_near_the_top() -> None:
    assert dateline("Title\n\nPublished: 3 August 2017\n\nBody.")[0] == "2017-08-03"  # type: ignore[index]
    assert dateline("Title\n\nThe inspection on 3 August 2017 went well.\n") is None


# --- the real seeds against their gold records ---------------------------------------

SEEDS = {
    "000": "press release, revisit counts and the one weakness",
    "001": "news article, plan of action and revisit verdict",
    "003": "press release on publication day",
    "004": "council page, statement, plan and next visit",
}


@pytest.mark.parametrize("prefix", sorted(SEEDS), ids=lambda p: f"{p}-{SEEDS[p]}")
def test_real_seed_matches_gold(prefix: str) -> None:
    scorer()  # skips when the scorer is not beside the clone
    seed = next((SHARED / "seeds").glob(f"{prefix}_*.txt"))
    gold = json.loads((SHARED / "gold" / seed.name.replace(".txt", ".json")).read_text())
    text, extraction = _read(seed)
    tally, evidence = score_one(gold, extraction.to_exchange(), len(text))
    _, _, f1 = tally.prf()
    assert f1 >= 0.9, tally.errors
    assert evidence[0] == evidence[1], "a scored value lacks evidence"


def _events(text: str, name: str = "story.txt") -> dict[str, dict]:
    from sendwatch.readers import read

    out = read(text, name).to_exchange()
    return {e["kind"]: e for e in out["events"]}


def test_a_news_story_reports_a_monitoring_inspections_outcome_and_counts() -> None:
    text = (
        "Riverton Gazette\n\n14 October 2025\n\n"
        "Inspectors say Wigan is taking effective action on SEND\n\n"
        "Ofsted and the Care Quality Commission carried out a monitoring inspection of "
        "special educational needs services in Wigan last month. Their report says the "
        "local area partnership has taken effective action, with reasonable steps taken on "
        "three of the four areas for priority action.\n\n"
        '"We are pleased," said a council spokesperson.\n'
    )
    monitoring = _events(text)["monitoring_inspection"]
    assert monitoring["outcome"] == "effective_action"
    assert (monitoring["weaknesses_total"], monitoring["weaknesses_sufficient"]) == (4, 3)


def test_published_yesterday_counts_back_from_the_pages_date() -> None:
    text = (
        "Press release: 18 July 2018\n\n"
        "Wigan Council responds to SEND inspection\n\n"
        "The letter setting out the findings of the joint local area SEND inspection by "
        "Ofsted and the Care Quality Commission in Wigan was published yesterday. "
        "The local area must produce a written statement of action.\n\n"
        'Our cabinet member said: "We will work with families on every point."\n'
    )
    inspection = _events(text)["inspection"]
    assert inspection["published"] == "2018-07-17"


def test_a_standing_page_with_a_report_published_line() -> None:
    text = (
        "Wigan Council\nHome > Children > SEND\n\nArea SEND inspection 2024\n\n"
        "Inspection dates: 11 to 15 March 2024\nReport published: 8 May 2024\n\n"
        "The report found that the local area partnership's arrangements lead to "
        "inconsistent experiences and outcomes for children and young people with SEND.\n\n"
        "What happens next?\nThe next full inspection will be within approximately three "
        "years.\n"
    )
    inspection = _events(text, "page.html")["inspection"]
    assert (inspection["visit_start"], inspection["visit_end"]) == ("2024-03-11", "2024-03-15")
    assert inspection["published"] == "2024-05-08"
    assert inspection["outcome"] == "inconsistent"


def test_no_progress_in_any_of_the_areas_is_a_count_not_an_item() -> None:
    text = (
        "Riverton Echo\nNews\n\nCouncil apologises after SEND revisit\n\n"
        "Posted: Friday 9 December 2022\n\n"
        "Ofsted's revisit letter, published on Tuesday, found that Wigan had not made "
        "sufficient progress in any of the three areas identified in 2019.\n\n"
        "Inspectors visited the area last month.\n"
    )
    revisit = _events(text)["revisit"]
    assert (revisit["weaknesses_total"], revisit["weaknesses_sufficient"]) == (3, 0)
    assert revisit["published"] == "2022-12-06"
    assert not revisit.get("weaknesses")


# --- forms held-out round heldout_real_2 showed, in other words than its pages -----------


def test_what_is_true_of_areas_nationally_dates_no_visit() -> None:
    text = (
        "Wigan Council\n\nSEND inspection letter published\n\n4 July 2019\n\n"
        "The letter on Wigan's joint local area SEND inspection was published today. "
        "Inspectors visited the borough in May. Nationally, around half of the local areas "
        "inspected since 2016 have had to write a written statement of action.\n"
    )
    inspection = _events(text)["inspection"]
    assert inspection["visit_start"] == "2019-05"
    assert inspection.get("outcome") is None


def test_a_modal_addressed_to_the_reader_still_asserts() -> None:
    text = (
        "Riverside Primary School\nNewsletter - Friday 10 May 2024\n\nDear families,\n\n"
        "As you may have read, the report on the Wigan area SEND inspection was published "
        "on Tuesday 7 May. Inspectors found inconsistent experiences and outcomes for "
        "children and young people with SEND.\n"
    )
    out = read(text, "newsletter.txt").to_exchange()
    assert (out["document_type"], out["document_date"]) == ("other", "2024-05-10")
    (inspection,) = out["events"]
    assert (inspection["published"], inspection["outcome"]) == ("2024-05-07", "inconsistent")


def test_minutes_headed_in_capitals_are_dated_by_their_meeting() -> None:
    text = (
        "WIGAN COUNCIL\n\nCHILDREN'S SCRUTINY COMMITTEE\n\n"
        "MINUTES OF THE MEETING HELD ON MONDAY 6 JUNE 2022 AT THE TOWN HALL\n\n"
        "Present: Cllr A Brown (Chair), Cllr B Green\n\nApologies\nCllr C White.\n\n"
        "4 SEND revisit\nThe Committee noted that Ofsted and the CQC had revisited the area "
        "from 9 to 11 May 2022 and found sufficient progress in three of the four areas.\n"
    )
    out = read(text, "minutes.txt").to_exchange()
    assert (out["document_type"], out["document_date"]) == ("other", "2022-06-06")
    assert out["local_areas"] == ["Wigan"]
    (revisit,) = out["events"]
    assert (revisit["visit_start"], revisit["weaknesses_sufficient"]) == ("2022-05-09", 3)


def test_two_months_of_one_year_start_in_the_first() -> None:
    text = (
        "Wigan Council\n\nOur SEND inspection\n\nOfsted and the CQC inspected the local area in "
        "June and July 2019 and required a written statement of action.\n\nBack to top\n"
    )
    assert _events(text, "page.txt")["inspection"]["visit_start"] == "2019-06"


def test_a_page_on_another_kind_of_inspection_gives_only_its_date_and_area() -> None:
    text = (
        "Wigan children's homes praised\n\nPublished: 3 March 2025\n\nOfsted inspectors rated "
        "two of Wigan Council's children's homes good this week. Services for children with "
        "special educational needs and disabilities are inspected separately, under a separate "
        "framework, by Ofsted and the CQC.\n"
    )
    out = read(text, "news.txt").to_exchange()
    assert (out["document_type"], out["document_date"]) == ("other", "2025-03-03")
    assert (out["local_areas"], out["events"]) == (["Wigan"], [])


def test_a_letter_agreeing_the_plan_is_its_date() -> None:
    text = (
        "Department for Education\n\n12 May 2022\n\nDear colleagues,\n\n"
        "Wigan: accelerated progress plan\n\nFollowing Ofsted and the CQC's SEND revisit, we have "
        "reviewed your plan with NHS England. I can confirm that your accelerated progress plan "
        "is agreed. We will review your progress after six months, and we would ask you to "
        "publish the plan on our shared Local Offer.\n\nYours sincerely,\n\nA Official\n"
    )
    out = read(text, "letter.txt").to_exchange()
    assert out["document_type"] == "other"
    agreed = [e for e in out["events"] if e["kind"] == "app_agreed"]
    assert [e["date"] for e in agreed] == ["2022-05-12"]


# --- forms heldout_real_3 showed, in other constructions and about other areas ---------


def test_dates_in_figures_day_first_give_a_visit_and_its_publication() -> None:
    page = (
        "Rochdale Borough Council\n\nNews\n\n14 March 2024\n\n"
        "The council welcomes the area SEND inspection report published on 12/03/2024. "
        "Ofsted and the CQC inspected the Rochdale local area partnership from 15/01/2024 "
        "until 19/01/2024 and found that its arrangements lead to inconsistent experiences "
        "and outcomes for children and young people with SEND.\n"
    )
    inspection = _events(page)["inspection"]
    assert (inspection["visit_start"], inspection["visit_end"]) == ("2024-01-15", "2024-01-19")
    assert inspection["published"] == "2024-03-12"


def test_an_answer_s_labelled_date_and_an_issue_line_with_a_season_date_the_page() -> None:
    assert dateline("Wigan Council\n\nOur ref: 123\nDate of reply: 02/09/2025\n\nDear X")[0] == (
        "2025-09-02"
    )
    assert dateline("Wigan Parents Together\n\nAutumn bulletin, October 2025\n\nHello")[0] == (
        "2025-10"
    )


def test_a_byline_with_a_role_before_its_date_dates_the_post() -> None:
    page = (
        "Our news\n\nA big week\n\nPriya Shah, Director of Education · Friday 7 March 2025\n\nText."
    )
    assert dateline(page)[0] == "2025-03-07"


def test_a_roundup_reads_each_area_under_its_own_heading_and_run_in_name() -> None:
    page = (
        "Regional news: SEND inspections\n\nPublished 3 March 2025\n\n"
        "Here is how the areas in our region did at their last area SEND inspection.\n\n"
        "Salford\n\nInspected in May 2024; arrangements lead to inconsistent experiences and "
        "outcomes.\n\n"
        "Wigan. Inspected in January 2025. Inspectors found widespread and/or systemic "
        "failings.\n\nBolton\n\nThe report of June 2024 found arrangements typically lead to "
        "positive experiences and outcomes.\n"
    )
    exchange = read(page, "roundup.txt").to_exchange()
    got = {(e["local_area"], e["kind"]): e for e in exchange["events"]}
    assert got[("Salford", "inspection")]["outcome"] == "inconsistent"
    assert got[("Wigan", "inspection")]["outcome"] == "systemic_failings"
    assert got[("Wigan", "inspection")]["visit_start"] == "2025-01"
    assert got[("Bolton", "inspection")]["outcome"] == "positive"
    assert set(exchange["local_areas"]) == {"Salford", "Wigan", "Bolton"}


def test_what_follows_an_outcome_for_any_area_is_no_visit_of_this_one() -> None:
    page = (
        "Stockton-on-Tees Borough Council\n\nNews\n\n2 May 2024\n\n"
        "The area SEND inspection of the Stockton-on-Tees local area partnership, published "
        "today, found widespread and/or systemic failings. Partnerships given the lowest of "
        "the outcomes usually have a monitoring inspection within about 18 months. A full "
        "reinspection normally follows within three years.\n"
    )
    assert "monitoring_inspection" not in _events(page)


def test_a_trust_s_own_school_inspected_dates_nothing_of_the_area() -> None:
    page = (
        "Northfield Schools Trust\n\nUpdate for families\n\nIssued 20 July 2024\n\n"
        "The area SEND inspection of the Kirklees local area partnership found inconsistent "
        "experiences and outcomes for children and young people with SEND.\n\n"
        "Ofsted inspected Millbrook Junior, one of our schools, on 2 and 3 July 2024 and "
        "judged it good.\n"
    )
    inspection = _events(page)["inspection"]
    assert inspection["visit_start"] is None


def test_today_in_one_of_several_dated_posts_is_that_post_s_day() -> None:
    page = (
        "Wigan Local Offer\n\nLatest news\n\nPosted 9 September 2024\n\nNew sensory room open."
        "\n\nPosted 12 July 2024\n\nThe report of our area SEND inspection was published "
        "today. It found that the partnership's arrangements lead to inconsistent "
        "experiences and outcomes for children and young people with SEND.\n"
    )
    assert _events(page)["inspection"]["published"] == "2024-07-12"


def test_regime_wide_sentences_and_a_council_s_creation_date_no_visit() -> None:
    page = (
        "West Northamptonshire Council\n\nOur SEND inspection\n\n"
        "The area SEND inspection of the West Northamptonshire local area partnership found "
        "widespread and/or systemic failings. The council was created in 2021, so this was "
        "its first inspection. Revisits under the old framework stopped when the new one "
        "began.\n"
    )
    events = _events(page)
    assert "revisit" not in events
    assert events["inspection"]["visit_start"] is None
