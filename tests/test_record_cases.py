"""Issue 9's cases, each named after it, on the bundled record loaded as `make load` does
(the national record, the 2026-06 scrape, ../shared's seeds and corpus), on both databases.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendwatch import schema, views
from sendwatch.check import check
from sendwatch.cli import app
from sendwatch.db import Store
from sendwatch.history import area_timeline
from sendwatch.ingest import ingest
from sendwatch.official import import_official
from sendwatch.register import load_register, resolve
from sendwatch.stats import statistics
from sendwatch.web.app import create_app
from tests.support.web import TestClient

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def loaded(_migrated: Store, shared: Path) -> Iterator[Store]:
    with _migrated.engine.begin() as conn:
        for table in reversed(schema.Base.metadata.sorted_tables):
            conn.execute(table.delete())
    import_official(_migrated)
    report = ingest(_migrated, [shared / "seeds", shared / "corpus"], 10_000_000)
    assert not report.failed, report.failed
    yield _migrated


def events(store: Store, area: str, kind: str, framework: str | None = None) -> list:
    return [
        e
        for e in area_timeline(store, resolve(area))
        if e.kind == kind and (framework is None or e.framework == framework)
    ]


# Duplicates ------------------------------------------------------------------------------


@pytest.mark.parametrize("area", ["Greenwich", "Oxfordshire"])
def test_duplicates_one_2023_inspection_when_report_and_spreadsheet_dates_differ(
    loaded: Store, area: str
) -> None:
    found = events(loaded, area, "inspection", "2023")
    assert len(found) == 1
    (inspection,) = found
    datasets = {s.dataset for s in inspection.sources if s.dataset}
    assert {"ofsted_mi_2023", "national_record"} <= datasets
    # The disagreement stays visible, with every source.
    conflict = next(c for c in inspection.conflicts if c.field == "visit_start")
    assert len({v for v, _ in conflict.values}) == 2


def test_duplicates_overview_counts_one_inspection_each(loaded: Store) -> None:
    rows = {r["area"]: r for r in views.areas_table(loaded)}
    assert rows["Greenwich"]["events"] == 2
    assert rows["Oxfordshire"]["events"] == 4


def test_duplicates_brighton_previous_inspection_joins_its_inspection(loaded: Store) -> None:
    timeline = area_timeline(loaded, resolve("Brighton and Hove"))
    assert not [e for e in timeline if e.kind == "previous_visit"]
    (inspection,) = [e for e in timeline if e.kind == "inspection" and e.framework == "2016"]
    assert inspection.get("visit_start") == "2016-05-23"
    assert any(s.document_name for s in inspection.sources)
    assert any(c.field == "visit_start" for c in inspection.conflicts)


# Outcomes --------------------------------------------------------------------------------


@pytest.mark.parametrize("area", ["Sefton", "Kent", "Devon"])
def test_outcomes_sufficient_progress_on_none(loaded: Store, area: str) -> None:
    # Judged before any 2023-framework inspection of them (Sefton's came in 2023).
    s = views.area_status(loaded, area, date(2022, 12, 31))
    assert s.code == "2016_revisit_sufficient_none"
    assert "sufficient progress on none of the" in s.sentence
    assert "none significant" not in s.sentence
    rows = {r["area"]: r for r in views.areas_table(loaded)}
    if rows[area]["latest_kind"] == "revisit":
        assert rows[area]["latest_outcome"] == "sufficient_none"


def test_outcomes_csv_latest_outcome_for_every_revisit(loaded: Store) -> None:
    revisits = [r for r in views.areas_table(loaded) if r["latest_kind"] == "revisit"]
    assert revisits
    assert all(
        r["latest_outcome"] in ("sufficient_all", "sufficient_some", "sufficient_none")
        for r in revisits
    )


# Findings --------------------------------------------------------------------------------


def test_findings_staffordshire_summary_is_a_paraphrase_not_items(loaded: Store) -> None:
    s = views.area_status(loaded, "Staffordshire", TODAY)
    assert s.open_items is not None
    texts = [i["text"] for i in s.open_items.items]
    assert "six of eight sufficient" not in texts
    assert not any(t.startswith("not sufficient:") for t in texts)
    assert s.open_items.paraphrase and "six of eight sufficient" in s.open_items.paraphrase


def test_findings_staffordshire_count_and_list_disagree_is_a_problem(loaded: Store) -> None:
    s = views.area_status(loaded, "Staffordshire", TODAY)
    assert s.open_items is not None
    assert (s.open_items.count, s.open_items.of) == (2, 8)
    listed = len(s.open_items.items)
    if listed and listed != 8:
        assert any("counts 8" in p.message for p in s.problems)


def test_findings_stockport_2018_items_are_not_the_records_paraphrase(loaded: Store) -> None:
    (inspection,) = events(loaded, "Stockport", "inspection", "2016")
    record_texts = {f.text for c in inspection.claims if c.source.dataset for f in c.findings}
    assert all(
        f.kind == "summary" for c in inspection.claims if c.source.dataset for f in c.findings
    )
    assert not record_texts & {f.text for f in inspection.findings("weaknesses")}


# As of a date -----------------------------------------------------------------------------


def test_as_of_plymouth_before_its_report(loaded: Store) -> None:
    s = views.area_status(loaded, "Plymouth", date(2023, 7, 15))
    assert s.code == "2023_inspected_awaiting_report"
    assert "26 June 2023" in s.sentence
    assert "failings" not in s.sentence


def test_as_of_stockport_before_its_revisit_letter(loaded: Store) -> None:
    s = views.area_status(loaded, "Stockport", date(2022, 10, 1))
    assert s.code == "2016_revisit_awaiting_letter"
    assert "4 of 5" not in s.sentence
    assert "1 September" not in s.sentence
    assert "27 to 30 September 2022" in s.sentence


def test_as_of_stockport_a_week_after_its_visit(loaded: Store) -> None:
    s = views.area_status(loaded, "Stockport", date(2018, 10, 1))
    assert s.code == "2016_inspected_awaiting_letter"
    assert "24" in s.sentence and "September 2018" in s.sentence
    assert "letter awaited" in s.sentence


def test_as_of_a_month_only_date_keeps_its_precision(loaded: Store) -> None:
    # Cumbria's revisit is known only to the month (December 2022) from a council page.
    s = views.area_status(loaded, "Cumbria", date(2023, 2, 1))
    assert "1 December 2022" not in s.sentence
    assert "December 2022" in s.sentence


def test_as_of_2022_08_31_lists_cumbria(loaded: Store) -> None:
    names = {s.area for s in views.all_statuses(loaded, date(2022, 8, 31))}
    assert {"Cumbria"} <= names
    assert not {"Cumberland", "Westmorland and Furness", "Northamptonshire"} & names
    later = {s.area for s in views.all_statuses(loaded, date(2023, 6, 1))}
    assert {"Cumberland", "Westmorland and Furness"} <= later and "Cumbria" not in later


# Abolished areas --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "ended", "successor"),
    [
        ("Cumbria", "31 March 2023", "Cumberland"),
        ("Northamptonshire", "31 March 2021", "West Northamptonshire"),
    ],
)
def test_abolished_area_ends_with_no_next_steps(
    loaded: Store, area: str, ended: str, successor: str
) -> None:
    s = views.area_status(loaded, area, TODAY)
    assert s.code == "abolished"
    assert ended in s.sentence and successor in s.sentence
    assert s.next is None and not s.then


# Currency --------------------------------------------------------------------------------


def test_currency_plymouth_not_overdue_beyond_the_record(loaded: Store) -> None:
    s = views.area_status(loaded, "Plymouth", TODAY)
    assert s.record is not None and s.record.note
    assert "no news of Plymouth in the record since 22 August 2023" in s.record.note
    assert all(
        not step.overdue_days for step in s.steps if step.due_by and step.due_by > date(2025, 11, 6)
    )
    monitoring = next(step for step in s.steps if "monitoring" in step.what)
    assert monitoring.overdue_days is None and monitoring.beyond_record


def test_currency_areas_inspected_to_mid_2026_are_in_their_new_stage(loaded: Store) -> None:
    s = views.area_status(loaded, "Cornwall", TODAY)
    latest = max(
        (e for e in events(loaded, "Cornwall", "inspection", "2023")),
        key=lambda e: e.when or "",
    )
    assert latest.get("visit_start") == "2026-03-23"
    assert s.code == "2023_inconsistent"
    assert "27 May 2026" in s.sentence
    moved = [
        a.name
        for a in load_register().current
        if any(
            (e.get("visit_start") or "") >= "2025-09"
            for e in events(loaded, a.name, "inspection", "2023")
        )
    ]
    assert len(moved) >= 20


# Ofsted's statistics reproduced, and the audit --------------------------------------------


def test_stats_2016_reproduces_ofsteds_table(loaded: Store, shared: Path) -> None:
    result = statistics(loaded, date(2022, 8, 31), "2016")
    mine = {r["area"]: r for r in result.rows}
    with (shared / "data" / "area_send_2016_framework_official.csv").open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert len(mine) == len(table) == 149
    register = load_register()

    def number(v: str) -> int | None:
        return int(float(v)) if v.strip() and v[0].isdigit() else None

    for r in table:
        row = mine[register.resolve(r["Local authority code"] or r["Area name"]).name]
        wsoa = r["Inspection outcome: written statement of action required?"]
        assert row["wsoa_required"] == wsoa
        assert row["inspection_start"] == r["Inspection start date"][:10]
        if wsoa == "Yes":
            assert row["weaknesses"] == number(
                r["Number significant weaknesses identified in written statement of action"]
            )
        revisited = r["Revisit start date"][:1].isdigit()
        assert bool(row["revisit_start"]) == revisited
        if revisited:
            assert row["weaknesses_sufficient"] == number(
                r["Number significant weaknesses where sufficient progress has been made"]
            )


def test_stats_2023_as_at_end_of_2024(loaded: Store) -> None:
    data = statistics(loaded, date(2024, 12, 31), "2023").to_json()
    assert data["inspections"] == 54
    assert data["outcomes"] == {
        "positive": 14,
        "inconsistent": 26,
        "widespread_systemic_failings": 14,
    }


def test_check_bundled_record_has_no_errors(loaded: Store) -> None:
    issues = check(loaded, TODAY)
    assert not [i for i in issues if i.severity == "error"], [
        i.message for i in issues if i.severity == "error"
    ]


def test_currency_and_statistics_on_the_site_and_api(loaded: Store) -> None:
    client = TestClient(create_app(loaded, check_every=0))
    api = client.get("/api/v1/statistics", params={"framework": "2023", "as_at": "2024-12-31"})
    assert api.status_code == 200
    assert api.json()["outcomes"] == {
        "positive": 14,
        "inconsistent": 26,
        "widespread_systemic_failings": 14,
    }
    page = client.get("/statistics", params={"framework": "2016"})
    assert page.status_code == 200 and "149 inspections" in page.text
    currency = client.get("/api/v1/currency").json()
    assert {s["name"] for s in currency["sources"]} >= {"national_record", "ofsted_scrape_2026_06"}
    area = client.get("/areas/staffordshire").text
    assert "Summary in the compiled record" in area
    if date.today() > date(2025, 11, 6):
        assert "no news of Plymouth in the record since" in client.get("/areas/plymouth").text


def test_stats_command_in_every_format(loaded: Store) -> None:
    runner = CliRunner()
    url = loaded.engine.url.render_as_string(hide_password=False)
    out = runner.invoke(app, ["--db", url, "stats", "--as-at", "2024-12-31", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["as_at"], data["framework"], data["inspections"]) == ("2024-12-31", "2023", 54)
    csv_out = runner.invoke(
        app, ["--db", url, "stats", "--as-at", "2022-08-31", "--framework", "2016", "-f", "csv"]
    )
    assert csv_out.exit_code == 0 and len(csv_out.output.strip().splitlines()) == 150
    table = runner.invoke(app, ["--db", url, "stats", "--as-at", "2024-12-31"])
    assert "positive: 14" in table.output and "inconsistent: 26" in table.output
    bad = runner.invoke(app, ["--db", url, "stats", "--as-at", "31/12/2024"])
    assert bad.exit_code == 2
