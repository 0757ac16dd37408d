"""Sentences that assert nothing yield nothing.

Every explanatory and hypothetical form issue 12 lists, written here in our own words on a
short page about a real area: an explanation of the regime, a possibility, a plan, a thing
still to be published, another kind of inspection, the dates of the framework or of the
law, a verdict the page does not give, conditional and future speech. The page is read
whole (``readers.read``), as any page is; what it must not yield is asserted.
"""

from __future__ import annotations

import pytest

from sendwatch.readers import read
from sendwatch.readers.claims import NOT_ASSERTED, judge

#: A page's opening: who speaks and of what, stating no event.
HEAD = "Barnsley Council: SEND news for families\n\n"

#: (what the form is, the page's words after its opening, the fields it must not yield;
#: an empty set means no event at all).
FORMS = [
    (
        "the three 2023 outcomes explained",
        "Under the area SEND framework there are three possible outcomes. An inspection can "
        "find that arrangements typically lead to positive experiences and outcomes, that "
        "they lead to inconsistent experiences and outcomes, or that there are widespread "
        "and/or systemic failings. Local areas with the best outcome are inspected again "
        "within five years.",
        set(),
    ),
    (
        "the three outcomes listed, each with its next inspection",
        "What can an inspection find?\n\n"
        "- The arrangements typically lead to positive experiences and outcomes. The next "
        "full inspection is within about five years.\n"
        "- The arrangements lead to inconsistent experiences and outcomes. The next full "
        "inspection is within about three years.\n"
        "- There are widespread and/or systemic failings. A priority action plan is needed.",
        set(),
    ),
    (
        "the best and the worst outcome in one sentence",
        "The best result is that arrangements typically lead to positive experiences and "
        "outcomes; the worst is that there are widespread and/or systemic failings.",
        set(),
    ),
    (
        "a monitoring inspection's possible conclusions",
        "A monitoring inspection of any local area will conclude either that the partnership "
        "is taking effective action or that it is not taking effective action.",
        set(),
    ),
    (
        "a report still to be published",
        "Ofsted and the CQC inspected SEND services in Barnsley last month. The report "
        "will be published shortly and will say when the next inspection is due.",
        {"outcome", "published", "next_full_within_years", "next_monitoring_within_months"},
    ),
    (
        "a children's services (ILACS) inspection",
        "Ofsted rated Barnsley's children's services department 'good' in a separate "
        "inspection in March 2024. The inspection of local authority children's services "
        "looked at help and protection.",
        set(),
    ),
    (
        "a school's inspection",
        "A special school in Barnsley had its school inspection by Ofsted in May 2023 and "
        "was rated 'outstanding'.",
        set(),
    ),
    (
        "the start of the inspection programme",
        "The inspection framework began on 1 April 2016 and Ofsted and the CQC inspect "
        "local area SEND arrangements in every area.",
        set(),
    ),
    (
        "the year of the law, not of a statement",
        "Our written statement of action follows the Children Act 2004 (Joint Area Reviews) "
        "Regulations 2015 and the SEND Code of Practice.",
        {"date"},
    ),
    (
        "a verdict the page does not give",
        "Ofsted and the CQC revisited Barnsley in May 2022 to decide whether sufficient "
        "progress had been made in each of the four areas of significant weakness. The area "
        "was still not doing well enough, and the minister issued an improvement notice.",
        {"weaknesses_sufficient"},
    ),
    (
        "a revisit announced without a result",
        "Inspectors will revisit Barnsley from 27 to 29 September 2022 to check whether the "
        "area has made sufficient progress in each of the five areas of weakness.",
        {"weaknesses_sufficient"},
    ),
    (
        "a possibility",
        "If inspectors find serious weaknesses, the area may be asked to write a written "
        "statement of action, and this could lead to intervention by the Secretary of State.",
        set(),
    ),
    (
        "a plan",
        "The partnership plans to submit its written statement of action to Ofsted in March 2020.",
        set(),
    ),
    (
        "reported speech about the future",
        "The council said it would publish its priority action plan in June 2025 and "
        "expected the inspectors to find widespread and/or systemic failings.",
        set(),
    ),
    (
        "what follows any inspection",
        "Following any inspection, regardless of the outcome, the partnership must update "
        "its strategic plan within 50 working days.",
        set(),
    ),
]


@pytest.mark.parametrize(("form", "words", "forbidden"), FORMS, ids=[f[0] for f in FORMS])
def test_a_sentence_that_asserts_nothing_yields_nothing(
    form: str, words: str, forbidden: set[str]
) -> None:
    extraction = read(HEAD + words, "page.txt")
    if not forbidden:
        assert extraction.events == [], f"{form}: {extraction.to_exchange()['events']}"
        return
    for event in extraction.events:
        stated = set(event.values) & forbidden
        assert not stated, f"{form}: {event.kind} {stated}"
    if "date" in forbidden:
        assert not [e for e in extraction.events if e.kind == "wsoa_submitted"], form


def test_every_reason_has_its_cues_and_plain_facts_pass() -> None:
    assert set(NOT_ASSERTED) == {"explanation", "hypothetical", "pending", "other_inspection"}
    assert all(NOT_ASSERTED.values())
    fact = "Ofsted and the CQC inspected Barnsley's local area in May 2019."
    assert judge(fact) is None
    assert judge("The report will be published shortly.") == "pending"
    assert judge("This could lead to intervention.") == "hypothetical"


def test_a_fact_beside_a_possibility_is_still_read() -> None:
    """Blanking is by sentence: the page's fact survives its neighbour's 'could'."""
    page = (
        HEAD + "Ofsted and the CQC carried out a joint inspection of SEND services in Barnsley "
        "between 12 and 16 November 2018. The findings could affect funding."
    )
    events = read(page, "page.txt").events
    inspection = next(e for e in events if e.kind == "inspection")
    assert inspection.get("visit_start") == "2018-11-12"
    assert inspection.get("visit_end") == "2018-11-16"


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("between January 2022 and 1 February 2022", "2022-01", "2022-02-01"),
        ("between the 16th and the 20th of June", "2022-06-16", "2022-06-20"),
        ("from Tuesday 14 June to Thursday 16 June", "2022-06-14", "2022-06-16"),
    ],
)
def test_a_range_is_read_from_its_first_end(words: str, start: str, end: str) -> None:
    """The wrong end of a range (issue 12): the first day named is the visit's first."""
    page = (
        "Barnsley Council news\n\n1 July 2022\n\n"
        f"Ofsted and the CQC revisited Barnsley's local area for SEND {words} to look at its "
        "progress."
    )
    revisit = next(e for e in read(page, "page.txt").events if e.kind == "revisit")
    assert (revisit.get("visit_start"), revisit.get("visit_end")) == (start, end)


def test_a_date_before_the_first_inspections_is_no_visit() -> None:
    page = HEAD + "The joint SEND inspections of Barnsley's local area began on 4 April 2016."
    assert all(e.get("visit_start") is None for e in read(page, "page.txt").events)
