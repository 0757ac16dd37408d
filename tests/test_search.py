"""Full-text search over findings, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from sendwatch.extraction import Event, Extraction, Item
from sendwatch.search import fts5_query, search, terms
from sendwatch.store import delete_document
from tests.support.web_documents import store_document, store_letter


def test_terms_keep_words_and_quoted_phrases() -> None:
    assert terms('"waiting times" autism (assessment*') == ["waiting times", "autism", "assessment"]
    assert terms('"" ;; ') == []


def test_fts5_query_quotes_every_term() -> None:
    # Operators typed by a user are words, never FTS5 syntax.
    # A word with a family matches any of it ('autism' or 'autistic').
    assert fts5_query("autism OR NEAR(wait)") == (
        '("autism" OR "autistic") AND "OR" AND "NEAR" AND "wait"'
    )


def test_finds_a_finding_by_stemmed_words(store) -> None:
    document_id = store_letter(store)
    results = search(store, "autism assessment waiting times")
    assert results.total == 1
    hit = results.hits[0]
    assert hit.text.startswith("Families wait too long for autism assessments")
    assert hit.area == "Barnet" and hit.slug == "barnet"
    assert hit.kind == "weaknesses"
    assert hit.document_id == document_id
    assert hit.span_start is not None and hit.span_end is not None


def test_every_word_must_match(store) -> None:
    store_letter(store)
    assert search(store, "autism therapy").total == 0
    assert search(store, "wait").total == 2


def test_quoted_phrase_matches_only_in_order(store) -> None:
    store_letter(store)
    assert search(store, '"language therapy"').total == 1
    assert search(store, '"therapy language"').total == 0


@pytest.mark.parametrize(
    "query", ['"', "AND", "NOT autism", "a:b", "*", "(", "'; DROP TABLE findings; --", "ü"]
)
def test_any_text_is_a_valid_query(store, query: str) -> None:
    store_letter(store)
    results = search(store, query)
    assert results.total >= 0
    assert search(store, "autism").total == 1  # the index survives


def test_limit_and_offset_page_through_hits(store) -> None:
    store_letter(store)
    first = search(store, "wait", limit=1)
    second = search(store, "wait", limit=1, offset=1)
    assert first.total == second.total == 2
    assert first.hits[0].finding_id != second.hits[0].finding_id


def test_deleted_documents_leave_the_index(store) -> None:
    document_id = store_letter(store)
    assert search(store, "autism").total == 1
    delete_document(store, document_id)
    assert search(store, "autism").total == 0


def store_findings(store, *phrases: str) -> None:
    """One letter whose weaknesses are ``phrases`` (each quoted from its text)."""
    text = "Letter.\n" + "\n".join(phrases) + "\n"
    event = Event(local_area="Barnet", kind="inspection")
    for phrase in phrases:
        start = text.index(phrase)
        event.add("weaknesses", Item(phrase, (start, start + len(phrase))))
    extraction = Extraction(
        source="families.txt",
        document_type="inspection_letter",
        local_areas=["Barnet"],
        events=[event],
    )
    store_document(store, text, extraction, name=f"families-{len(text)}.txt")


@pytest.mark.parametrize(
    ("word", "other"),
    [("autistic", "autism"), ("plans", "plan"), ("children", "child"), ("people", "person")],
)
def test_search_understands_word_families(store, word: str, other: str) -> None:
    """'autistic' finds what 'autism' finds, 'plans' what 'plan' finds, and back."""
    store_findings(
        store,
        f"Too few services for {word} pupils exist.",
        f"The {other} pathway is unclear to families.",
        "Nothing in common here.",
    )
    first, second = search(store, word), search(store, other)
    assert first.total == second.total == 2
    assert {h.finding_id for h in first.hits} == {h.finding_id for h in second.hits}


def test_counting_stops_at_the_cap_and_says_so(store, monkeypatch) -> None:
    import sendwatch.search as module

    store_findings(store, *(f"Plan number {i} was late." for i in range(7)))
    monkeypatch.setattr(module, "COUNT_CAP", 5)
    monkeypatch.setattr(module, "RANK_WINDOW", 3)
    results = search(store, "plan late", limit=2, offset=2)
    assert results.capped and results.total == 5
    assert len(results.hits) == 2
    assert results.to_json()["total_capped"] is True
    everything = {h.finding_id for h in search(store, "plan late", limit=7).hits}
    assert len(everything) == 7  # the ranking window grows with the page asked for
