"""New releases of Ofsted's statistics (ODS, XLSX, CSV), read by their headings, and what
`import-official --file/--url` adds and changes. The files are written here with the same
libraries that read them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from typer.testing import CliRunner

from sendwatch import schema
from sendwatch.cli import app
from sendwatch.db import Store
from sendwatch.official import MI_2023, import_official
from sendwatch.releases import ReleaseError, find_columns, read_release
from sendwatch.spreadsheets import SpreadsheetError, read_rows

HEADINGS = [
    "Local area partnership",
    "Ofsted region",
    "Inspection type",
    "Inspection start date",
    "Inspection end date",
    "Publication date",
    "Inspection outcome",
    "Number of areas for priority action",
]
#: Cornwall as the bundled management information has it, but published on another day;
#: Kent and a monitoring inspection of Derbyshire are new; "Atlantis" is no local area.
ROWS: list[list[object]] = [
    [
        "Cornwall",
        "South West",
        "Full",
        date(2023, 2, 6),
        date(2023, 2, 10),
        date(2023, 5, 9),
        "Inconsistent experiences and outcomes",
        None,
    ],
    [
        "Kent",
        "South East",
        "Full",
        date(2025, 1, 13),
        date(2025, 1, 17),
        date(2025, 3, 20),
        "Widespread and/or systemic failings",
        4.0,
    ],
    [
        "Derbyshire",
        "East Midlands",
        "Monitoring",
        date(2025, 10, 6),
        date(2025, 10, 8),
        date(2025, 11, 20),
        "The local area partnership is taking effective action",
        None,
    ],
    [
        "Atlantis",
        "Nowhere",
        "Full",
        date(2025, 1, 1),
        date(2025, 1, 2),
        date(2025, 2, 1),
        "Inconsistent experiences and outcomes",
        None,
    ],
]
TITLE = ["Area SEND inspections: management information, to 31 December 2025"]


def write_xlsx(path: Path, rows: list[list[object]] = ROWS) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["This release covers inspections published to 31 December 2025."])
    sheet = book.create_sheet("Inspections")
    sheet.append(TITLE)
    sheet.append([])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append([datetime(v.year, v.month, v.day) if isinstance(v, date) else v for v in row])
    book.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]] = ROWS) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Inspections")
    for values in [TITLE, [], HEADINGS, *rows]:
        tr = TableRow()
        for v in values:
            if isinstance(v, date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
                cell.addElement(P(text=v.strftime("%d/%m/%Y")))
            elif isinstance(v, float):
                cell = TableCell(valuetype="float", value=str(v))
                cell.addElement(P(text=str(v)))
            else:
                cell = TableCell(valuetype="string")
                if v is not None:
                    cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_a_release_reads_the_same_as_xlsx_and_as_ods(tmp_path: Path) -> None:
    """Title rows above the table and a sheet of notes before it are passed over; dates and
    numbers come out the same from either format."""
    xlsx = read_release(write_xlsx(tmp_path / "r.xlsx", ROWS[:3]))
    ods = read_release(write_ods(tmp_path / "r.ods", ROWS[:3]))
    assert [(r.area, r.kind, r.values) for r in xlsx.rows] == [
        (r.area, r.kind, r.values) for r in ods.rows
    ]
    kent = next(r for r in xlsx.rows if r.area == "Kent")
    assert kent.values == {
        "framework": "2023",
        "visit_start": "2025-01-13",
        "visit_end": "2025-01-17",
        "published": "2025-03-20",
        "outcome": "systemic_failings",
        "weaknesses_total": 4,
    }


def test_a_broken_release_file_says_so(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(write_xlsx(tmp_path / "r.xlsx").read_bytes()[:500])
    with pytest.raises(SpreadsheetError):
        read_release(broken)


def test_columns_are_found_by_their_headings_in_any_wording() -> None:
    found = find_columns(
        [
            "Local.area.partnership",
            "Inspection.start.date",
            "Inspection.publication.date",
            "Inspection.outcome",
        ]
    )
    assert found == {
        "area": "Local.area.partnership",
        "start": "Inspection.start.date",
        "published": "Inspection.publication.date",
        "outcome": "Inspection.outcome",
    }
    revisit = find_columns(["Area name", "Inspection start date", "Revisit start date"])
    assert revisit["start"] == "Inspection start date"
    assert revisit["revisit_start"] == "Revisit start date"


DATA = Path(__file__).resolve().parents[1] / "src" / "sendwatch" / "data"


def _day(text: str) -> date:
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def newer_release(*extra: list[object]) -> list[list[object]]:
    """A newer management information release: the shipped one's rows, Cornwall's
    publication date corrected, and Kent's inspection and Derbyshire's monitoring added."""
    rows: list[list[object]] = []
    for r in read_rows(DATA / "area_send_mi_2023_jan_aug.csv"):
        area = r["Local.area.partnership"]
        published = _day(r["Inspection.publication.date"])
        if area == "Cornwall":
            published = date(2023, 5, 9)
        n = r["Number.of.areas.for.priority.action"]
        rows.append(
            [
                area,
                r["Ofsted.region"],
                "Full",
                _day(r["Inspection.start.date"]),
                None,
                published,
                r["Inspection.outcome"],
                None if n == "NA" else float(n),
            ]
        )
    return rows + ROWS[1:3] + list(extra)


def test_a_release_adds_and_changes_what_it_says(store: Store, tmp_path: Path) -> None:
    import_official(store)
    release = read_release(write_xlsx(tmp_path / "mi.xlsx", newer_release()))
    assert release.framework == "2023" and not release.problems
    report = import_official(store, release.rows)
    changes = sorted((c.what, c.area, c.kind) for c in report.changes)
    assert changes == [
        ("added", "Derbyshire", "monitoring_inspection"),
        ("added", "Kent", "inspection"),
        ("changed", "Cornwall", "inspection"),
    ]
    cornwall = next(c for c in report.changes if c.what == "changed")
    assert cornwall.fields == {"published": ("2023-05-05", "2023-05-09")}
    with store.session() as session:
        kent = session.scalars(
            select(schema.Event)
            .join(schema.Area)
            .where(schema.Area.name == "Kent", schema.Event.dataset == MI_2023)
        ).one()
        assert (kent.outcome, kent.weaknesses_total, kent.published) == (
            "systemic_failings",
            4,
            "2025-03-20",
        )
    # The same release again changes nothing.
    again = import_official(store, read_release(tmp_path / "mi.xlsx").rows)
    assert again.changes == [] and again.unchanged == 18


def test_the_bundled_statistics_read_as_a_release_change_nothing(store: Store) -> None:
    import_official(store)
    for name in ("area_send_2016_framework_official.csv", "area_send_mi_2023_jan_aug.csv"):
        release = read_release(DATA / name)
        report = import_official(store, release.rows)
        assert not release.problems and report.changes == [], (name, report.changes[:3])


def test_import_official_file_and_url_on_the_command_line(
    store: Store, tmp_path: Path, httpserver: HTTPServer
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--db", store.url, "import-official"]).exit_code == 0
    ods = write_ods(tmp_path / "mi.ods", newer_release())
    result = runner.invoke(app, ["--db", store.url, "import-official", "--file", str(ods)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "added Kent 2023 inspection (2025-01-13)" in out
    assert (
        "changed Cornwall 2023 inspection (2023-02-06): published: 2023-05-05 -> 2023-05-09" in out
    )
    assert "18 events read: 2 added, 1 changed, 15 unchanged, 0 removed" in out

    # A release with a row that names no area is not imported at all: it would remove claims.
    bad = write_xlsx(tmp_path / "mi.xlsx", newer_release(ROWS[3]))
    httpserver.expect_request("/mi.xlsx").respond_with_data(
        bad.read_bytes(), content_type="application/octet-stream"
    )
    result = runner.invoke(
        app, ["--db", store.url, "import-official", "--url", httpserver.url_for("/mi.xlsx")]
    )
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert "row 19: No local area is called 'Atlantis'" in said
    assert "nothing was imported" in said


def test_a_file_that_is_not_a_release_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("School,Phase\nA,Primary\nB,Secondary\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match="no column for area or local authority code"):
        read_release(path)


@pytest.mark.parametrize(
    ("cell", "iso"),
    [
        ("2023-03-27", "2023-03-27"),
        ("2023-03-27 00:00:00", "2023-03-27"),
        ("27/03/2023", "2023-03-27"),
        ("27 March 2023", "2023-03-27"),
        ("Not revisited yet", None),
        ("NA", None),
        ("", None),
    ],
)
def test_dates_are_read_in_every_form_releases_write_them(cell: str, iso: str | None) -> None:
    from sendwatch.releases import _date

    assert _date(cell) == iso
