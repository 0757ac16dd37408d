"""Reading a table from a spreadsheet: ODS (odfpy), XLSX (openpyxl) or CSV, as rows of text.

Official releases put notes, titles and blank lines above the table, spread one release over
several sheets, and write numbers and dates as cell values. :func:`read_rows` finds the
table's heading row (the first row with most of its cells filled in), and gives every row
below it as ``{heading: text}``: numbers without a spurious ".0", dates as ISO
(YYYY-MM-DD), empty cells as "".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path


class SpreadsheetError(Exception):
    """A file that cannot be read as a table, with what to do about it."""

    def __init__(self, path: Path | str, reason: str, hint: str = ""):
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.path}: {reason}" + (f" ({hint})" if hint else ""))


def read_rows(path: Path | str, sheet: str | None = None) -> list[dict[str, str]]:
    """The rows of the table in ``path`` (the named sheet, or the sheet with the largest
    table), each as {heading: text}."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(path, "does not exist", "check the path")
    sheets = _sheets(path)
    if sheet is not None:
        if sheet not in sheets:
            raise SpreadsheetError(
                path, f"has no sheet called {sheet!r}", f"its sheets are: {', '.join(sheets)}"
            )
        chosen = [sheets[sheet]]
    else:
        chosen = list(sheets.values())
    # Without a sheet named, the largest table: releases put an index or notes first.
    rows = max((table(cells) for cells in chosen), key=len, default=[])
    if rows:
        return rows
    raise SpreadsheetError(path, "holds no table (no heading row with rows below it)")


def sheet_names(path: Path | str) -> list[str]:
    return list(_sheets(Path(path)))


def table(cells: list[list[str]]) -> list[dict[str, str]]:
    """Rows below the heading row, as dicts; rows with no value at all are left out."""
    widths = [sum(1 for c in row if c.strip()) for row in cells]
    if not widths or max(widths) < 2:
        return []
    widest = max(widths)
    # The heading row: the first with at least half the cells of the widest row.
    head = next(i for i, w in enumerate(widths) if w >= max(2, widest // 2))
    headings = [" ".join(c.split()) for c in cells[head]]
    seen: dict[str, int] = {}
    for i, h in enumerate(headings):
        key = h or f"column {i + 1}"
        if key in seen:
            seen[key] += 1
            key = f"{key} ({seen[key]})"
        else:
            seen[key] = 1
        headings[i] = key
    out = []
    for row in cells[head + 1 :]:
        if not any(c.strip() for c in row):
            continue
        padded = list(row) + [""] * (len(headings) - len(row))
        out.append({h: padded[i].strip() for i, h in enumerate(headings)})
    return out


def text(value: object) -> str:
    """A cell's value as text: 3.0 -> '3', dates as ISO, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheets(path: Path) -> dict[str, list[list[str]]]:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in data[:200]:
            return _ods(path)
        return _xlsx(path)
    if suffix in (".ods", ".xlsx", ".xlsm"):
        raise SpreadsheetError(path, f"is not a readable {suffix} file", "it may be truncated")
    if suffix == ".xls":
        raise SpreadsheetError(path, "is an old Excel (.xls) file", "save it as XLSX or ODS")
    return {"csv": _csv(path, data)}


def _csv(path: Path, data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            decoded = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise SpreadsheetError(path, "is not UTF-8 or Windows-1252 text")
    return [row for row in csv.reader(io.StringIO(decoded))]


def _xlsx(path: Path) -> dict[str, list[list[str]]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise SpreadsheetError(
            path, f"is not a readable XLSX file ({e})", "open and re-save it"
        ) from e
    try:
        return {
            ws.title: [[text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
        }
    finally:
        book.close()


def _ods(path: Path) -> dict[str, list[list[str]]]:
    from odf import opendocument
    from odf import table as odf_table
    from odf.namespaces import OFFICENS, TABLENS

    try:
        document = opendocument.load(str(path))
    except Exception as e:  # odfpy raises many kinds for a broken package
        raise SpreadsheetError(
            path, f"is not a readable ODS file ({e})", "open and re-save it"
        ) from e
    out: dict[str, list[list[str]]] = {}
    for sheet in document.spreadsheet.getElementsByType(odf_table.Table):
        rows: list[list[str]] = []
        for row in sheet.getElementsByType(odf_table.TableRow):
            repeat_rows = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            cells: list[str] = []
            for cell in _cells(row):
                repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                value = _ods_value(cell, OFFICENS)
                cells.extend([value] * min(repeat, 1000))
            while cells and not cells[-1]:
                cells.pop()
            # Trailing blank rows are repeated thousands of times; one is enough.
            rows.extend([cells] * (min(repeat_rows, 1000) if cells else 1))
        out[str(sheet.getAttrNS(TABLENS, "name"))] = rows
    return out


def _cells(row) -> Iterable:
    from odf.namespaces import TABLENS

    for node in row.childNodes:
        if node.qname in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
            yield node


def _ods_value(cell, officens: str) -> str:
    kind = cell.getAttrNS(officens, "value-type")
    if kind == "date":
        return str(cell.getAttrNS(officens, "date-value"))[:10]
    if kind in ("float", "percentage", "currency"):
        return text(float(cell.getAttrNS(officens, "value")))
    if kind == "boolean":
        return str(cell.getAttrNS(officens, "boolean-value")).upper()
    from odf import teletype

    return "\n".join(teletype.extractText(p) for p in cell.childNodes if p.qname[1] == "p").strip()
