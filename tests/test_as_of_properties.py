"""As-of views on random histories: no claim is used before it could have been known, and
an area's stage never goes backwards as the date moves on (no store: claims built here)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sendwatch.status import status
from sendwatch.timeline import Claim, Finding, Source, as_of_claims, reconcile

AREA = "Stockport"
OFFICIAL = Source(trust="official_statistics", dataset="ofsted_official_2016", dataset_row=1)
RECORD = Source(trust="national_record", dataset="national_record", dataset_row=2)
LETTER = Source(trust="inspectorate_document", document_id=1, document_name="letter.pdf")
UNDATED = Source(
    trust="council", document_id=2, document_name="page.html", ingested_at="2024-01-05T10:00:00"
)
SOURCES = [OFFICIAL, RECORD, LETTER, UNDATED]
OUTCOME_KEYS = {"outcome", "weaknesses_total", "weaknesses_sufficient", "published"}


def iso(d: date) -> str:
    return d.isoformat()


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Claim], date]:
    """An inspection (and perhaps a revisit), each told by a few sources in their ways, and
    the day its visit started (as-of dates are drawn around the history's own dates)."""
    start = draw(st.dates(date(2016, 5, 1), date(2019, 12, 1)))
    letter = start + timedelta(days=draw(st.integers(40, 90)))
    wsoa = draw(st.booleans())
    total = draw(st.integers(1, 9)) if wsoa else 0
    events: list[tuple[str, dict[str, Any]]] = [
        (
            "inspection",
            {
                "framework": "2016",
                "visit_start": iso(start),
                "visit_end": iso(start + timedelta(days=4)),
                "published": iso(letter),
                "outcome": "wsoa_required" if wsoa else "no_wsoa",
                "weaknesses_total": total,
            },
        )
    ]
    if wsoa and draw(st.booleans()):
        rstart = letter + timedelta(days=draw(st.integers(300, 900)))
        events.append(
            (
                "revisit",
                {
                    "framework": "2016",
                    "visit_start": iso(rstart),
                    "visit_end": iso(rstart + timedelta(days=3)),
                    "published": iso(rstart + timedelta(days=draw(st.integers(20, 60)))),
                    "weaknesses_total": total,
                    "weaknesses_sufficient": draw(st.integers(0, total)),
                },
            )
        )
    claims = []
    for kind, values in events:
        for source in draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=3, unique=True)):
            told = dict(values)
            if source is UNDATED or draw(st.booleans()):
                told.pop("published")  # many sources do not say when the letter came out
            if draw(st.booleans()):
                told["visit_start"] = told["visit_start"][:7]  # known only to the month
                told.pop("visit_end")
            findings = [Finding("weaknesses", f"weakness {i}") for i in range(total)]
            claims.append(Claim(AREA, kind, told, source, findings=findings if told else []))
    return claims, start


def _stated_publication(claims: list[Claim], kind: str) -> str | None:
    found = [c.values["published"] for c in claims if c.kind == kind and c.values.get("published")]
    return min(found) if found else None


#: As-of dates from a month before the first visit to well after the last letter.
OFFSETS = st.integers(-30, 1200)


@settings(max_examples=250, deadline=None)
@given(histories(), OFFSETS)
def test_no_claim_is_used_before_it_could_have_been_known(
    history: tuple[list[Claim], date], offset: int
) -> None:
    claims, start = history
    as_of = (start + timedelta(days=offset)).isoformat()
    for claim in as_of_claims(claims, as_of):
        start = str(claim.values.get("visit_start") or "")
        # Its visit had started (a month-only date: the month is over).
        assert start and (start <= as_of if len(start) == 10 else start < as_of[:7])
        if OUTCOME_KEYS & claim.values.keys() or claim.findings:
            # Its outcome was public: published by a stated date, or (date of writing
            # unknown) held since the day recorded for it.
            assert claim.known_from is not None and claim.known_from <= as_of
            published = _stated_publication(claims, claim.kind)
            if published is not None:
                assert published <= as_of


@settings(max_examples=250, deadline=None)
@given(histories(), OFFSETS, st.integers(1, 400))
def test_the_stage_never_goes_backwards(
    history: tuple[list[Claim], date], offset: int, step: int
) -> None:
    claims, start = history
    day = start + timedelta(days=offset)
    later = day + timedelta(days=step)
    before = status(AREA, reconcile(as_of_claims(claims, day.isoformat())), day)
    after = status(AREA, reconcile(as_of_claims(claims, later.isoformat())), later)
    assert before.progress <= after.progress, (before.code, after.code)
