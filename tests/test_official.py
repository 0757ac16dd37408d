"""The national record: every area of Ofsted's official table carries its official events."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from sendwatch import store as store_ops
from sendwatch.db import Store
from sendwatch.history import all_timelines
from sendwatch.official import import_official
from sendwatch.register import load_register


def official_rows() -> list[dict[str, str]]:
    text = resources.files("sendwatch.data").joinpath("area_send_2016_framework_official.csv")
    return list(csv.DictReader(text.read_text("utf-8").splitlines()))


@pytest.fixture
def imported(store: Store) -> Store:
    import_official(store)
    return store


def test_importing_twice_changes_nothing(imported: Store) -> None:
    before = store_ops.counts(imported)
    report = import_official(imported)
    assert report.added == 0 and report.updated == 0
    assert store_ops.counts(imported) == before


def test_149_official_areas_carry_their_inspections_and_revisits(imported: Store) -> None:
    timelines = all_timelines(imported)
    register = load_register()
    rows = official_rows()
    assert len(rows) == 149
    for row in rows:
        area = register.resolve(row["Local authority code"])
        events = timelines[area.name]
        inspections = [e for e in events if e.kind == "inspection" and e.framework == "2016"]
        assert len(inspections) == 1, area.name
        inspection = inspections[0]
        assert inspection.get("visit_start") == row["Inspection start date"], area.name
        assert inspection.get("published") == row["Inspection publication date"], area.name
        wsoa = row["Inspection outcome: written statement of action required?"] == "Yes"
        assert inspection.get("outcome") == ("wsoa_required" if wsoa else "no_wsoa"), area.name
        if wsoa:
            expected = int(
                float(
                    row["Number significant weaknesses identified in written statement of action"]
                )
            )
            assert inspection.get("weaknesses_total") == expected, area.name
        revisits = [e for e in events if e.kind == "revisit"]
        if row["Revisit start date"][:1].isdigit():
            assert revisits, area.name
            revisit = revisits[0]
            assert revisit.get("visit_start") == row["Revisit start date"][:10], area.name
            assert revisit.get("published") == row["Revisit publication date"], area.name
            made = int(
                float(row["Number significant weaknesses where sufficient progress has been made"])
            )
            assert revisit.get("weaknesses_sufficient") == made, area.name


def test_every_current_area_is_listed_and_reorganised_areas_inherit(imported: Store) -> None:
    timelines = all_timelines(imported)
    assert len(timelines) == 157
    north = [e for e in timelines["North Northamptonshire"] if e.kind == "inspection"]
    assert any(e.inherited_from == "Northamptonshire" and e.framework == "2016" for e in north)
    cumberland = timelines["Cumberland"]
    assert any(e.inherited_from == "Cumbria" for e in cumberland)
    assert all(e.inherited_from is None for e in timelines["Stockport"])
