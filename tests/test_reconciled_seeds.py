"""The seeds and the national record, ingested together, make one history per area."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendwatch.db import Store
from sendwatch.history import area_timeline
from sendwatch.ingest import ingest
from sendwatch.official import import_official
from sendwatch.register import resolve


@pytest.fixture
def seeded(store: Store, shared: Path) -> Store:
    import_official(store)
    report = ingest(store, [shared / "seeds"], 10_000_000)
    assert not report.failed, report.failed
    return store


def documents_of(event) -> set[str]:
    return {s.document_name for s in event.sources if s.document_name}


def test_stockport_has_one_inspection_and_one_revisit_with_all_their_sources(seeded: Store) -> None:
    events = area_timeline(seeded, resolve("Stockport"))
    inspections = [e for e in events if e.kind == "inspection"]
    revisits = [e for e in events if e.kind == "revisit"]
    assert len(inspections) == 1 and len(revisits) == 1
    assert {"000_42a85afa31cba260.txt", "001_2c1fe78cb6a30b5f.txt", "002_64d0be60fa525062.txt"} <= (
        documents_of(revisits[0])
    )
    assert "002_64d0be60fa525062.txt" in documents_of(inspections[0])
    assert any(s.dataset == "ofsted_official_2016" for s in inspections[0].sources)
    revisit = revisits[0]
    assert (revisit.get("visit_start"), revisit.get("visit_end")) == ("2022-09-27", "2022-09-30")
    assert (revisit.get("weaknesses_sufficient"), revisit.get("weaknesses_total")) == (4, 5)
    assert revisit.conflicts == []


def test_cheshire_east_publication_date_shows_the_conflict(seeded: Store) -> None:
    events = area_timeline(seeded, resolve("Cheshire East"))
    inspection = next(e for e in events if e.kind == "inspection" and e.framework == "2016")
    conflict = next(c for c in inspection.conflicts if c.field == "published")
    assert conflict.chosen == "2018-05-16"
    by_value: dict[str, set[str]] = {}
    for value, source in conflict.values:
        by_value.setdefault(value, set()).add(source.document_name or source.trust)
    assert by_value["2018-05-10"] == {"003_1439f5fa5a80015b.txt"}
    assert "official_statistics" in by_value["2018-05-16"]


def test_staffordshire_timeline(seeded: Store) -> None:
    events = area_timeline(seeded, resolve("Staffordshire"))
    by_kind = {e.kind: e for e in events}
    assert by_kind["wsoa_submitted"].get("date") == "2019-04"
    revisit = by_kind["revisit"]
    assert (revisit.get("visit_start"), revisit.get("visit_end")) == ("2022-01-18", "2022-01-20")
    assert (revisit.get("weaknesses_sufficient"), revisit.get("weaknesses_total")) == (6, 8)
    assert by_kind["app_agreed"].get("date") == "2022-04-08"
    assert by_kind["next_visit_expected"].get("date") == "2023"


def test_ingesting_again_or_in_another_order_gives_the_same_timeline(
    store: Store, shared: Path
) -> None:
    def render(s: Store) -> list[dict]:
        out = []
        for e in area_timeline(s, resolve("Stockport")):
            j = e.to_json()
            for src in j["sources"]:
                src.pop("document_id", None)
            out.append(j)
        return out

    import_official(store)
    seeds = sorted((shared / "seeds").iterdir())
    ingest(store, seeds, 10_000_000)
    first = render(store)
    ingest(store, seeds, 10_000_000)
    assert render(store) == first
    from sendwatch import schema

    with store.engine.begin() as conn:
        conn.execute(schema.Document.__table__.delete())
    ingest(store, list(reversed(seeds)), 10_000_000)
    assert render(store) == first
