"""Evidence a person can read: each value's span is the words that state it, not a page.

Counts may be evidenced by the whole list they count; every other value by a sentence or
less.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sendwatch.extract import extract_paths
from tests.support.scoring import gold_documents

#: Values that a list can imply ("five areas for priority action" = the five rows).
COUNTS = {"weaknesses_total", "weaknesses_sufficient"}
LONGEST = 400


def test_every_value_is_evidenced_by_a_sentence_or_less(shared: Path) -> None:
    too_long = []
    for outcome in extract_paths(gold_documents(shared), 100_000_000):
        assert outcome.extraction is not None, outcome.error
        for event in outcome.extraction.events:
            for field, (start, end) in event.evidence.items():
                if field not in COUNTS and end - start > LONGEST:
                    too_long.append((Path(outcome.path).name, event.kind, field, end - start))
    assert not too_long, too_long


@pytest.mark.parametrize("field", ["outcome", "visit_start", "published", "date"])
def test_spans_start_and_end_on_words(shared: Path, field: str) -> None:
    for outcome in extract_paths(gold_documents(shared), 100_000_000):
        assert outcome.extraction is not None
        text = outcome.extraction.text
        for event in outcome.extraction.events:
            if field in event.evidence:
                start, end = event.evidence[field]
                quote = text[start:end]
                assert quote == quote.strip(), (outcome.path, field, quote)
                assert quote, (outcome.path, field)
