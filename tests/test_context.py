"""Context figures: read from the publications' own files, mapped through old codes,
imported by path or URL, and shown by the CLI beside the inspections."""

from __future__ import annotations

import csv
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sendwatch import context as ctx
from sendwatch.cli import app
from sendwatch.db import Store
from sendwatch.register import load_register
from sendwatch.spreadsheets import SpreadsheetError, read_grid, read_rows

runner = CliRunner()
SEN2 = "data/context/sen2_ehc_plans_2014_2022.csv"
MOJ = "data/context/send_tribunal_appeal_rates_2022.ods"
HEADER = "time_period,time_identifier,geographic_level,new_la_code,old_la_code,la_name,"
HEADER += "inc_exc_20week_rate,no_exc_20week_rate,new_all_ehc,inreq_ehc"


def run(store: Store, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", store.url, *args])
    return result.exit_code, result.stdout, result.stderr


def sen2_csv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


# Stockport as the CSV has it ---------------------------------------------------------------


@pytest.mark.shared
def test_stockport_20_week_rates_are_as_the_csv_has_them(store: Store, shared: Path) -> None:
    with (shared / SEN2).open(encoding="utf-8") as f:
        published = {
            int(r["time_period"]): float(r["inc_exc_20week_rate"])
            for r in csv.DictReader(f)
            if r["la_name"] == "Stockport"
        }
    assert sorted(published) == list(range(2014, 2023))
    code, out, _ = run(store, "context", "Stockport", "--format", "json")
    assert code == 0
    shown = {r["year"]: r["ehc_20week_rate"]["value"] for r in json.loads(out)["years"]}
    assert shown == published
    # Named as councils name themselves, the same.
    code, out2, _ = run(store, "context", "Stockport Metropolitan Borough Council", "-f", "json")
    assert code == 0 and json.loads(out2) == json.loads(out)


@pytest.mark.shared
def test_the_shipped_copy_is_what_the_publications_say(shared: Path) -> None:
    register = load_register()
    _, sen2, unmapped_sen2 = ctx.read_release(shared / SEN2, register)
    _, moj, unmapped_moj = ctx.read_release(shared / MOJ, register)
    assert unmapped_sen2 == [] and unmapped_moj == []
    assert set(ctx.shipped()) == set(sen2) | set(moj)


@pytest.mark.shared
def test_the_moj_table_is_read_by_name_and_year(shared: Path) -> None:
    _, figures, _ = ctx.read_release(shared / MOJ)
    stockport = {(f.indicator, f.year): f.value for f in figures if f.area == "Stockport"}
    assert stockport[("tribunal_appeals", 2022)] == "50"
    assert stockport[("appealable_decisions", 2022)] == "2,924"
    assert stockport[("tribunal_appeal_rate", 2022)] == "1.7%"
    # "Dorset6", "Kingston Upon Hull, City of", "St. Helens" all land on their areas.
    areas = {f.area for f in figures}
    assert {"Dorset", "Kingston upon Hull", "St Helens", "North Northamptonshire"} <= areas


# Codes that changed ---------------------------------------------------------------------------


def test_an_old_county_code_maps_to_the_area_it_became(tmp_path: Path) -> None:
    path = sen2_csv(
        tmp_path / "release.csv",
        "2018,Calendar year,Local authority,E10000023,815,North Yorkshire,84.2,85.5,400,700",
        "2018,Calendar year,Local authority,E10000009,835,Dorset,70.1,71.0,300,500",
        # A row with only DfE's code, and one with only a name.
        "2019,Calendar year,Local authority,,838,,66.0,66.0,250,450",
        "2020,Calendar year,Local authority,,,Kingston Upon Hull City of,50.0,51.0,1,2",
        "2020,Calendar year,National,E92000001,,England,58.0,59.9,1,2",
    )
    dataset, figures, unmapped = ctx.read_release(path)
    assert dataset == ctx.SEN2 and unmapped == []
    rates = {(f.area, f.year): f.value for f in figures if f.indicator == "ehc_20week_rate"}
    assert rates == {
        ("North Yorkshire", 2018): "84.2",
        ("Dorset", 2018): "70.1",
        ("Dorset", 2019): "66",
        ("Kingston upon Hull", 2020): "50",
    }


def test_figures_under_an_old_code_say_so() -> None:
    dorset = ctx.area_context(None, load_register().resolve("Dorset"))
    (older,) = dorset["older_codes"]
    assert (older["code"], older["from"], older["to"]) == ("E10000009", 2014, 2018)
    assert "2014 to 2018" in older["note"]
    years = [r["year"] for r in dorset["years"] if r["ehc_20week_rate"]]
    assert years == list(range(2015, 2023))  # 2014 is published as "z" (not applicable)


def test_a_reorganised_area_starts_when_it_was_formed() -> None:
    bcp = ctx.area_context(None, load_register().resolve("BCP"))
    assert min(r["year"] for r in bcp["years"] if r["ehc_20week_rate"]) == 2019
    poole = ctx.area_context(None, load_register().resolve("Poole"))
    assert max(r["year"] for r in poole["years"] if r["ehc_20week_rate"]) == 2018


# Newer releases -------------------------------------------------------------------------------


def test_importing_a_newer_release_adds_it_after_the_series_break(
    store: Store, tmp_path: Path
) -> None:
    path = sen2_csv(
        tmp_path / "ehcp_2024.csv",
        "2023,Calendar year,Local authority,E08000007,356,Stockport,61.5,62.0,600,800",
        "2022,Calendar year,Local authority,E08000007,356,Stockport,49.5,49.9,531,705",
        "2023,Calendar year,Local authority,E99999999,999,Atlantis,10,10,1,1",
    )
    code, out, _ = run(store, "import-context", str(path))
    assert code == 0, out
    assert "8 figures added" in out and "Atlantis" in out
    code, out, _ = run(store, "import-context", str(path))
    assert "0 figures added, 0 updated, 8 unchanged" in out
    data = json.loads(run(store, "context", "Stockport", "--format", "json")[1])
    by_year = {r["year"]: r for r in data["years"]}
    assert by_year[2023]["ehc_20week_rate"]["text"] == "61.5"
    assert by_year[2023]["after_series_break"] and not by_year[2022]["after_series_break"]
    # A later release revises 2022: the stored figure replaces the shipped one.
    assert by_year[2022]["ehc_20week_rate"]["value"] == 49.5
    assert by_year[2021]["ehc_20week_rate"]["value"] == 94.1
    table = run(store, "context", "Stockport")[1]
    assert "2023 *" in table and "not directly comparable" in table


def test_a_file_that_is_no_release_is_refused_clearly(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "minutes.csv"
    path.write_text("meeting,date\nschools forum,2024-01-01\n", encoding="utf-8")
    code, _, err = run(store, "import-context", str(path))
    assert code == 2
    assert "minutes.csv" in err and "neither" in err
    code, _, err = run(store, "import-context", str(tmp_path / "missing.csv"))
    assert code == 2 and "No file at" in err


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on loopback serving tmp_path."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_importing_a_release_by_url(store: Store, tmp_path: Path, served: str) -> None:
    sen2_csv(
        tmp_path / "ehcp.csv",
        "2024,Calendar year,Local authority,E08000007,356,Stockport,70.2,70.9,610,820",
    )
    code, out, _ = run(store, "import-context", f"{served}/ehcp.csv")
    assert code == 0 and "4 figures added" in out
    code, _, err = run(store, "import-context", f"{served}/nothing.csv")
    assert code == 2 and "Cannot fetch" in err


def test_an_unknown_area_suggests_names(store: Store) -> None:
    code, _, err = run(store, "context", "Stockprot")
    assert code == 2 and "Stockport" in err


# The spreadsheet reader ----------------------------------------------------------------------


def test_xlsx_and_csv_read_the_same_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Table 1"
    ws.append(["A title line"])
    ws.append([])
    ws.append(["Local Authority", "Appeals", "Rate"])
    ws.append(["Stockport", 50, "1.7%"])
    ws.append(["Trafford", 12.0, None])
    wb.save(tmp_path / "t.xlsx")
    rows = read_rows(tmp_path / "t.xlsx", "Table 1")
    assert rows == [
        {"Local Authority": "Stockport", "Appeals": "50", "Rate": "1.7%"},
        {"Local Authority": "Trafford", "Appeals": "12", "Rate": ""},
    ]
    with pytest.raises(SpreadsheetError, match="no sheet 'Table 9'"):
        read_rows(tmp_path / "t.xlsx", "Table 9")
    (tmp_path / "t.csv").write_text("Local Authority,Appeals,Rate\nStockport,50,1.7%\n")
    assert read_rows(tmp_path / "t.csv") == rows[:1]


def test_a_damaged_spreadsheet_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.ods"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SpreadsheetError, match=r"broken\.ods"):
        read_grid(path)


cell = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(str.strip)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6))
def test_a_csv_round_trips(tmp_path_factory, rows: list[list[str]]) -> None:
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    header = ["a", "b", "c"]
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    expected = [dict(zip(header, r, strict=True)) for r in rows if any(c.strip() for c in r)]
    assert read_rows(path) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("94.100000000000", 94.1),
        (" 49.409", 49.409),
        (" 2,533 ", 2533),
        ("1.3%", 1.3),
        (" - ", 0.0),
        ("z", None),
        ("..", None),
        ("c", None),
    ],
)
def test_numbers_as_published(text: str, value) -> None:
    assert ctx.number(text) == value
