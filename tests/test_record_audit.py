"""`check` finds what is planted in the record; imports identify rows by what they describe."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from typer.testing import CliRunner

from sendwatch import schema
from sendwatch.check import check
from sendwatch.cli import app
from sendwatch.currency import record_currency
from sendwatch.db import Store
from sendwatch.official import SCRAPE_2026, all_rows, import_official

TODAY = date(2026, 11, 30)


def plant(store: Store, area: str, **values: object) -> None:
    with store.session() as session, session.begin():
        area_id = session.scalar(select(schema.Area.id).where(schema.Area.name == area))
        session.add(schema.Event(area_id=area_id, dataset="planted", dataset_key="x", **values))


def test_check_finds_a_planted_duplicate(store: Store) -> None:
    import_official(store)
    assert not [i for i in check(store, TODAY) if i.severity == "error"]
    # Greenwich's 2023 inspection told again five weeks out: too far to be joined, too
    # near to be another inspection.
    plant(store, "Greenwich", kind="inspection", framework="2023", visit_start="2023-06-19",
          published="2023-08-30", outcome="positive")  # fmt: skip
    errors = [i for i in check(store, TODAY) if i.severity == "error"]
    assert [(i.area, i.kind) for i in errors] == [("Greenwich", "duplicate")]


def test_check_finds_a_planted_count_mismatch(store: Store) -> None:
    import_official(store)
    plant(store, "Stockport", kind="revisit", framework="2016", visit_start="2022-09-27",
          weaknesses_total=5, weaknesses_sufficient=7)  # fmt: skip
    errors = [i for i in check(store, TODAY) if i.severity == "error"]
    assert ("Stockport", "counts") in {(i.area, i.kind) for i in errors}


def test_check_command_exits_1_on_an_error(store: Store) -> None:
    import_official(store)
    runner = CliRunner()
    url = str(store.engine.url.render_as_string(hide_password=False))
    ok = runner.invoke(app, ["--db", url, "check", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["errors"] == 0
    plant(store, "Stockport", kind="revisit", framework="2016", visit_start="2022-09-27",
          weaknesses_total=5, weaknesses_sufficient=7)  # fmt: skip
    bad = runner.invoke(app, ["--db", url, "check", "--format", "json"])
    assert bad.exit_code == 1


def ids_by_key(store: Store) -> dict[tuple[str, str], tuple[int, str | None]]:
    with store.session() as session:
        return {
            (str(e.dataset), str(e.dataset_key)): (e.id, e.outcome)
            for e in session.scalars(select(schema.Event).where(schema.Event.dataset.is_not(None)))
        }


def test_import_a_changed_release_updates_exactly_what_changed(store: Store) -> None:
    import_official(store)
    before = ids_by_key(store)
    rows = list(all_rows())
    scrape = [i for i, r in enumerate(rows) if r.dataset == SCRAPE_2026]
    removed, changed = rows[scrape[3]], rows[scrape[10]]
    release = [r for r in rows if r is not removed]
    # A new release: one row gone, one outcome corrected, every row renumbered.
    release = [
        replace(r, row=n, values={**r.values, "outcome": "positive"} if r is changed else r.values)
        for n, r in enumerate(reversed(release), start=1)
    ]
    report = import_official(store, release)
    assert (report.added, report.removed, report.updated) == (0, 1, 1)
    after = ids_by_key(store)
    assert set(before) - set(after) == {
        k for k in before if k[0] == SCRAPE_2026 and k[1].startswith(removed.area + "|")
    }
    for key, (event_id, outcome) in after.items():
        assert before[key][0] == event_id  # nothing else was replaced
        if key[1].startswith(changed.area + "|") and key[0] == SCRAPE_2026:
            assert outcome == "positive"
        else:
            assert outcome == before[key][1]


def test_currency_knows_each_source(store: Store) -> None:
    import_official(store)
    currency = record_currency(store, TODAY)
    by_name = {s.name: s for s in currency.sources}
    assert by_name["ofsted_official_2016"].complete_to == date(2022, 8, 31)
    assert by_name["national_record"].complete_to == date(2025, 11, 6)
    assert by_name[SCRAPE_2026].complete_to == date(2026, 6, 26)
    assert currency.trusted_to == date(2025, 11, 6)
    assert currency.complete_to("Plymouth", "inspection") == date(2026, 6, 26)
    data = currency.to_json()
    assert data["trusted_to"] == "2025-11-06" and len(data["sources"]) == 4
