"""Tables from spreadsheet files: OpenDocument (.ods), Excel (.xlsx) and CSV, as text.

Official statistics come as all three. Every cell is read as the text a person sees in
it (``"2,533"``, ``"1.3%"``, ``"-"``), as a CSV export would give it, so one parser per
publication reads any of its formats. ODS is read with odfpy and XLSX with openpyxl
(docs/decisions/0016-spreadsheets.md).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Repeated empty rows or columns beyond this are the sheet's unused remainder.
_MAX_REPEAT = 200


class SpreadsheetError(ValueError):
    """A file that is not a readable spreadsheet, or has no such sheet."""


def kind_of(path: Path) -> str:
    """'ods', 'xlsx' or 'csv', by the file's first bytes (a zip) and then its name."""
    head = path.read_bytes()[:4] if path.is_file() else b""
    suffix = path.suffix.lower().lstrip(".")
    if head.startswith(b"PK"):
        if suffix in ("ods", "xlsx"):
            return suffix
        import zipfile

        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
        if "content.xml" in names:
            return "ods"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise SpreadsheetError(f"{path.name} is a zip file but neither ODS nor XLSX")
    return "csv"


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets (a CSV file has one, its file name)."""
    kind = kind_of(path)
    if kind == "ods":
        from odf.table import Table

        return [
            str(t.getAttribute("name")) for t in _ods(path).spreadsheet.getElementsByType(Table)
        ]
    if kind == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            return list(wb.sheetnames)
        finally:
            wb.close()
    return [path.stem]


def read_grid(path: str | Path, sheet: str | None = None) -> list[list[str]]:
    """Every row of one sheet (the first when ``sheet`` is None) as a list of cell texts."""
    path = Path(path)
    kind = kind_of(path)
    try:
        if kind == "ods":
            rows = _ods_rows(path, sheet)
        elif kind == "xlsx":
            rows = _xlsx_rows(path, sheet)
        else:
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            rows = [list(r) for r in csv.reader(io.StringIO(text))]
    except SpreadsheetError:
        raise
    except Exception as e:  # a damaged zip or XML: say which file
        raise SpreadsheetError(f"{path.name} could not be read as {kind.upper()}: {e}") from e
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def read_rows(path: str | Path, sheet: str | None = None) -> list[dict[str, str]]:
    """One sheet's rows as dicts keyed by its header row.

    A CSV file's header is its first row. A spreadsheet's is the first row with at least
    half as many filled cells as its fullest row (title lines above a table are skipped).
    """
    grid = read_grid(path, sheet)
    if not grid:
        return []
    if kind_of(Path(path)) == "csv":
        start = 0
    else:
        filled = [sum(1 for c in r if c.strip()) for r in grid]
        widest = max(filled)
        start = next(i for i, n in enumerate(filled) if n >= max(2, widest / 2) or n == widest)
    header = [h.strip() for h in grid[start]]
    out = []
    for row in grid[start + 1 :]:
        if not any(c.strip() for c in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        out.append({h: cells[i] for i, h in enumerate(header) if h})
    return out


def _ods_rows(path: Path, sheet: str | None) -> list[list[str]]:
    from odf import teletype
    from odf.namespaces import TABLENS
    from odf.table import Table

    tables = _ods(path).spreadsheet.getElementsByType(Table)
    if not tables:
        raise SpreadsheetError(f"{path.name} has no sheets")
    table = (
        tables[0]
        if sheet is None
        else next((t for t in tables if t.getAttribute("name") == sheet), None)
    )
    if table is None:
        names = ", ".join(str(t.getAttribute("name")) for t in tables)
        raise SpreadsheetError(f"{path.name} has no sheet {sheet!r}; its sheets: {names}")
    rows: list[list[str]] = []
    for row in table.getElementsByType(_row_type()):
        cells: list[str] = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), 1))
            text = "\n".join(teletype.extractText(p) for p in cell.childNodes if p.qname[1] == "p")
            cells.extend([text] * (min(repeat, _MAX_REPEAT) if not text else repeat))
        while cells and not cells[-1].strip():
            cells.pop()
        repeat_rows = int(row.attributes.get((TABLENS, "number-rows-repeated"), 1))
        rows.extend([cells] * (1 if not cells else min(repeat_rows, _MAX_REPEAT)))
    return rows


def _ods(path: Path) -> Any:
    """The parsed document, kept while the file is unchanged (parsing is the slow part)."""
    stat = path.stat()
    return _ods_document(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _ods_document(path: str, mtime_ns: int, size: int) -> Any:
    from odf.opendocument import load

    return load(path)


def _row_type() -> type:
    from odf.table import TableRow

    return TableRow


def _xlsx_rows(path: Path, sheet: str | None) -> list[list[str]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise SpreadsheetError(
                f"{path.name} has no sheet {sheet!r}; its sheets: {', '.join(wb.sheetnames)}"
            )
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows = []
        for values in ws.iter_rows(values_only=True):
            cells = ["" if v is None else _xlsx_text(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            rows.append(cells)
        return rows
    finally:
        wb.close()


def _xlsx_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
