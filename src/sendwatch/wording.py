"""How sendwatch says dates, documents and sources in words, for pages and feeds alike.

Dates read "8 July 2024" (the GOV.UK style), never ISO; a document is titled by what it is
("Stockport: revisit letter, 13 October 2022"), never by its file name, which is often a
hash; a source is named in words ("Ofsted's official statistics (2016 framework)").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sendwatch import glossary
from sendwatch.glossary import DATASETS, DOCUMENTS


def long_date(value: Any) -> str:
    """'2023-03-06' -> '6 March 2023'; '2023-03' -> 'March 2023'; '2023' stays; else as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%-d %B %Y")
    parts = str(value)[:10].split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2])).strftime("%-d %B %Y")
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    except ValueError:
        pass
    return str(value)


def date_range(start: Any, end: Any) -> str:
    """'6 to 10 March 2023', '27 February to 3 March 2023', or one date when that is all."""
    if not start or not end or str(start) == str(end):
        return long_date(start or end)
    a, b = long_date(start), long_date(end)
    a_parts, b_parts = a.split(" "), b.split(" ")
    if len(a_parts) == 3 and len(b_parts) == 3:
        if a_parts[1:] == b_parts[1:]:
            return f"{a_parts[0]} to {b}"
        if a_parts[2] == b_parts[2]:
            return f"{a_parts[0]} {a_parts[1]} to {b}"
    return f"{a} to {b}"


def event_dates(values: Any) -> str:
    """An event's dates in words: its visit, else its date, else when it was published."""
    start, end = values.get("visit_start"), values.get("visit_end")
    if start and end:
        return date_range(start, end)
    when = start or values.get("date") or values.get("published")
    return long_date(when) if when else "date unknown"


def names(items: list[str], most: int = 3) -> str:
    """'Bury', 'Bury and Oldham', 'Bury, Oldham and Rochdale', 'Bury, Oldham and 3 others'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) > most:
        rest = len(items) - (most - 1)
        return f"{', '.join(items[: most - 1])} and {rest} other areas"
    return f"{', '.join(items[:-1])} and {items[-1]}"


def document_kind(document_type: str | None) -> str:
    """'revisit_letter' -> 'revisit letter'."""
    return DOCUMENTS.get(document_type or "other", (document_type or "document").replace("_", " "))


def document_title(areas: list[str], document_type: str | None, dated: Any = None) -> str:
    """What a document is: 'Stockport: revisit letter, 13 October 2022'.

    Without a named area it is 'Revisit letter, …'; without a date, the kind alone.
    """
    kind = document_kind(document_type)
    when = long_date(dated)
    title = f"{kind}, {when}" if when else kind
    if areas:
        return f"{names(sorted(areas))}: {title}"
    return title[:1].upper() + title[1:]


def dataset_label(dataset: str | None, row: int | None = None) -> str:
    """'ofsted_official_2016', 24 -> "Ofsted's official statistics (2016 framework), row 24"."""
    name = DATASETS.get(dataset or "", (dataset or "a dataset").replace("_", " "))
    return f"{name}, row {row}" if row is not None else name


def describe(values: Any) -> str:
    """An event in plain words: 'Revisit: enough progress on 2 of 2 weaknesses'.

    ``values`` is anything with ``kind`` and ``get`` (a timeline event).
    """
    kind, framework = values.kind, values.get("framework")
    head = glossary.event(kind).label
    if kind == "inspection" and framework:
        head += f" ({framework} framework)"
    parts = []
    if values.get("outcome"):
        parts.append(glossary.outcome(values.get("outcome")).label.lower())
    total, sufficient = values.get("weaknesses_total"), values.get("weaknesses_sufficient")
    noun = "areas for priority action" if framework == "2023" else "significant weaknesses"
    if total is not None and sufficient is not None:
        word = "effective action" if kind == "monitoring_inspection" else "enough progress"
        short = f" (not on {total - sufficient})" if 0 < sufficient < total else ""
        parts.append(f"{word} on {sufficient} of {total} {noun}{short}")
    elif total:
        parts.append(
            f"{total} {noun}"
            if total != 1
            else f"1 {noun.replace('areas', 'area').replace('weaknesses', 'weakness')}"
        )
    return f"{head}: {', '.join(parts)}" if parts else head
