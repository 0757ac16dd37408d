"""Reconciliation: claims from many sources become one history, disagreements kept."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sendwatch.timeline import Claim, Source, compatible, known_by, known_claims, reconcile

OFFICIAL = Source(trust="official_statistics", dataset="ofsted_official_2016", dataset_row=1)
LETTER = Source(trust="inspectorate_document", document_id=1, document_name="letter.pdf")
COUNCIL = Source(trust="council", document_id=2, document_name="council.html")
NEWS = Source(trust="news", document_id=3, document_name="news.html")


def claim(kind: str, source: Source, area: str = "Stockport", **values: Any) -> Claim:
    return Claim(area=area, kind=kind, values=values, source=source)


def test_month_and_day_claims_that_agree_merge_to_the_day() -> None:
    events = reconcile(
        [
            claim("revisit", COUNCIL, framework="2016", visit_start="2022-09"),
            claim("revisit", LETTER, framework="2016", visit_start="2022-09-27"),
            claim("revisit", NEWS, framework="2016", weaknesses_total=5, weaknesses_sufficient=4),
        ]
    )
    assert len(events) == 1
    event = events[0]
    assert event.get("visit_start") == "2022-09-27"
    assert event.conflicts == []
    assert {s.document_name for s in event.sources} == {"letter.pdf", "council.html", "news.html"}


def test_a_real_disagreement_is_a_conflict_settled_by_trust() -> None:
    events = reconcile(
        [
            claim(
                "inspection",
                COUNCIL,
                area="Cheshire East",
                framework="2016",
                published="2018-05-10",
            ),
            claim(
                "inspection",
                OFFICIAL,
                area="Cheshire East",
                framework="2016",
                published="2018-05-16",
            ),
        ]
    )
    assert len(events) == 1
    (conflict,) = events[0].conflicts
    assert conflict.field == "published"
    assert conflict.chosen == "2018-05-16"
    assert {v for v, _ in conflict.values} == {"2018-05-10", "2018-05-16"}


def test_counts_that_cannot_both_be_true_conflict() -> None:
    events = reconcile(
        [
            claim("revisit", LETTER, framework="2016", weaknesses_total=5, weaknesses_sufficient=4),
            claim("revisit", NEWS, framework="2016", weaknesses_total=5, weaknesses_sufficient=3),
        ]
    )
    assert [c.field for c in events[0].conflicts] == ["weaknesses_sufficient"]
    assert events[0].get("weaknesses_sufficient") == 4


def test_different_2023_inspections_stay_apart() -> None:
    events = reconcile(
        [
            claim("inspection", OFFICIAL, framework="2023", visit_start="2023-06-26"),
            claim("inspection", LETTER, framework="2023", visit_start="2026-06-01"),
            claim("inspection", OFFICIAL, framework="2016", visit_start="2016-10-10"),
        ]
    )
    assert len(events) == 3


def test_a_previous_visit_joins_the_inspection_it_names() -> None:
    events = reconcile(
        [
            claim("inspection", OFFICIAL, framework="2016", visit_start="2016-10-10"),
            claim("previous_visit", LETTER, visit_start="2016-10-10", visit_end="2016-10-14"),
        ]
    )
    assert len(events) == 1
    assert events[0].kind == "inspection"
    assert events[0].get("visit_end") == "2016-10-14"


POOL = [
    claim(
        "inspection", OFFICIAL, framework="2016", visit_start="2018-09-24", published="2018-11-22"
    ),
    claim("inspection", NEWS, framework="2016", visit_start="2018", outcome="wsoa_required"),
    claim("inspection", COUNCIL, framework="2016", published="2018-11-20"),
    claim("revisit", LETTER, framework="2016", visit_start="2022-09-27", weaknesses_sufficient=4),
    claim("revisit", NEWS, framework="2016", weaknesses_sufficient=3, weaknesses_total=5),
    claim("revisit", COUNCIL, framework="2016", visit_start="2022-09"),
    claim("wsoa_accepted", LETTER, date="2019-04-26"),
    claim("wsoa_submitted", COUNCIL, date="2019-01"),
    claim("previous_visit", LETTER, visit_start="2018-09-24", visit_end="2018-09-28"),
    claim("next_visit_expected", COUNCIL, date="2023"),
    claim("inspection", OFFICIAL, framework="2023", visit_start="2024-03-04"),
    claim("inspection", LETTER, area="Wigan", framework="2016", visit_start="2017-01-09"),
]


def render(claims: list[Claim]) -> list[dict[str, Any]]:
    return [e.to_json() for e in reconcile(claims)]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(range(len(POOL))), unique=True, min_size=1), st.randoms())
def test_reconciliation_ignores_the_order_of_claims(indices: list[int], rnd) -> None:
    chosen = [POOL[i] for i in indices]
    shuffled = list(chosen)
    rnd.shuffle(shuffled)
    assert render(chosen) == render(shuffled)


@settings(max_examples=40)
@given(st.lists(st.sampled_from(range(len(POOL))), unique=True, min_size=1))
def test_reconciliation_is_idempotent(indices: list[int]) -> None:
    """Adding the same claims again (a document ingested twice) changes no value."""
    chosen = [POOL[i] for i in indices]
    once = reconcile(chosen)
    twice = reconcile(chosen + [Claim(c.area, c.kind, dict(c.values), c.source) for c in chosen])
    assert [(e.kind, e.values) for e in once] == [(e.kind, e.values) for e in twice]
    assert [len(e.conflicts) for e in once] == [len(e.conflicts) for e in twice]


@given(st.dates().map(lambda d: d.isoformat()))
def test_a_date_is_compatible_with_its_own_month_and_year(day: str) -> None:
    assert compatible(day, day[:7]) and compatible(day[:4], day)
    assert not compatible(day, "1066-01-01")


def test_known_by_respects_precision() -> None:
    c = claim("revisit", COUNCIL, visit_start="2022-09")
    assert not known_by(c, "2022-08-31")
    assert known_by(c, "2022-09-15")
    published = claim("revisit", LETTER, visit_start="2022-09-27", published="2022-10-13")
    assert not known_by(published, "2022-10-01")
    assert known_by(published, "2022-10-13")


def test_a_forecast_is_known_when_its_document_was_written() -> None:
    page = Source(trust="council", document_id=9, document_name="page.html")
    claims = [
        claim("app_agreed", page, area="Staffordshire", date="2022-04-08"),
        claim("next_visit_expected", page, area="Staffordshire", date="2023"),
    ]
    assert known_claims(claims, "2022-03-01") == []
    assert [c.kind for c in known_claims(claims, "2022-05-01")] == [
        "app_agreed",
        "next_visit_expected",
    ]
