"""The national record: Ofsted's official statistics and our compiled record, as claims.

Three datasets ship with sendwatch (``sendwatch/data``; Ofsted's figures are Crown
copyright under the Open Government Licence v3.0):

- ``ofsted_official_2016``: "Area SEND inspections and outcomes", Ofsted, 17 November 2022;
  every 2016-framework inspection and revisit carried out by 31 August 2022 (149 areas).
- ``ofsted_mi_2023``: Ofsted management information, 2023-framework inspections January
  to August 2023.
- ``national_record``: sendwatch's compiled record of every known event 2016 to November
  2025, each row naming its source.
- ``ofsted_scrape_2026_06``: the latest 2023-framework report of each of 96 areas as
  published on Ofsted's report site up to 26 June 2026, as scraped by data-to-insight's
  ofsted-send-scrape-tool (MIT); trusted below Ofsted's own documents and statistics and
  below our compiled record (it reads the reports' fields at about 0.88 accuracy).

Each row becomes one claim per event, identified by what it describes (:func:`row_key`:
area, event, framework and date), never by its position: importing twice changes nothing,
and a new release with a row changed or removed updates or removes exactly that claim.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sqlalchemy import select

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.register import load_register
from sendwatch.rules.framework2016 import revisit_verdict
from sendwatch.store import area_ids, sync_areas
from sendwatch.timeline import ONCE_PER_FRAMEWORK

OFFICIAL_2016 = "ofsted_official_2016"
MI_2023 = "ofsted_mi_2023"
NATIONAL_RECORD = "national_record"
SCRAPE_2026 = "ofsted_scrape_2026_06"
SCRAPE_2026_FILE = "ofsted_2023_framework_latest_reports_2026-06.csv"

OFFICIAL_2016_URL = (
    "https://www.gov.uk/government/statistics/area-send-inspections-and-outcomes-in-england-"
    "as-at-31-august-2022"
)
MI_2023_URL = "https://www.gov.uk/government/statistical-data-sets/area-send-inspections-2023"


@dataclass
class Row:
    """One event of a dataset row, ready to store."""

    dataset: str
    row: int
    area: str
    kind: str
    values: dict[str, Any]
    source_url: str | None
    note: str
    #: A compiled record's summary of the findings, kept whole as a paraphrase: it is
    #: never split into items (its punctuation does not separate weaknesses).
    summary: str | None = None


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("sendwatch.data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _int(value: str) -> int | None:
    value = value.strip()
    if not value or value == "NA":
        return None
    return int(float(value))


def _day(value: str) -> str | None:
    value = value.strip()
    # "Not revisited yet" and "NA" mean no date.
    if not re.match(r"\d", value):
        return None
    if "/" in value:
        d, m, y = value.split("/")
        return f"{y}-{int(m):02d}-{int(d):02d}"
    return value[:10]


def _quote(row: dict[str, str]) -> str:
    """A row as a readable quote: 'column: value; ...' for the non-empty columns."""
    return "; ".join(f"{k}: {v}" for k, v in row.items() if k and v and k.strip('"'))


def official_2016_rows() -> Iterator[Row]:
    """Ofsted's official statistics of the 2016 framework, one inspection and maybe a revisit."""
    register = load_register()
    for i, r in enumerate(_read("area_send_2016_framework_official.csv"), start=1):
        area = register.resolve(r["Local authority code"] or r["Area name"]).name
        wsoa = r["Inspection outcome: written statement of action required?"] == "Yes"
        total = _int(r["Number significant weaknesses identified in written statement of action"])
        note = _quote(r)
        yield Row(
            OFFICIAL_2016,
            i,
            area,
            "inspection",
            {
                "framework": "2016",
                "visit_start": _day(r["Inspection start date"]),
                "published": _day(r["Inspection publication date"]),
                "outcome": "wsoa_required" if wsoa else "no_wsoa",
                "weaknesses_total": total if wsoa else 0,
            },
            OFFICIAL_2016_URL,
            note,
        )
        if _day(r["Revisit start date"]):
            sufficient = _int(
                r["Number significant weaknesses where sufficient progress has been made"]
            )
            insufficient = _int(
                r["Number significant weaknesses where sufficient progress has not been made"]
            )
            revisit_total = (
                sufficient + insufficient
                if sufficient is not None and insufficient is not None
                else total
            )
            verdict = revisit_verdict(revisit_total, sufficient)
            yield Row(
                OFFICIAL_2016,
                i,
                area,
                "revisit",
                {
                    "framework": "2016",
                    "visit_start": _day(r["Revisit start date"]),
                    "published": _day(r["Revisit publication date"]),
                    "outcome": f"sufficient_{verdict}" if verdict else None,
                    "weaknesses_total": revisit_total,
                    "weaknesses_sufficient": sufficient,
                },
                OFFICIAL_2016_URL,
                note,
            )


_MI_OUTCOMES = {
    "typically positive experiences and outcomes": "positive",
    "inconsistent experiences and outcomes": "inconsistent",
    "widespread and/or systemic failings": "systemic_failings",
}


def mi_2023_rows() -> Iterator[Row]:
    """Ofsted's management information on 2023-framework inspections, January to August 2023."""
    register = load_register()
    for i, r in enumerate(_read("area_send_mi_2023_jan_aug.csv"), start=1):
        area = register.resolve(r["Local.area.partnership"]).name
        outcome = _MI_OUTCOMES[r["Inspection.outcome"].strip().lower()]
        n = _int(r["Number.of.areas.for.priority.action"])
        yield Row(
            MI_2023,
            i,
            area,
            "inspection",
            {
                "framework": "2023",
                "visit_start": _day(r["Inspection.start.date"]),
                "published": _day(r["Inspection.publication.date"]),
                "outcome": outcome,
                "weaknesses_total": n if n is not None else 0,
            },
            MI_2023_URL,
            _quote(r),
        )


_NR_KINDS = {
    "inspection": "inspection",
    "revisit": "revisit",
    "monitoring": "monitoring_inspection",
}
_NR_OUTCOMES = {
    "wsoa_required": "wsoa_required",
    "no_wsoa": "no_wsoa",
    "positive": "positive",
    "inconsistent": "inconsistent",
    "widespread_systemic_failings": "systemic_failings",
    "effective_action": "effective_action",
    "ineffective_action": "ineffective_action",
    "sufficient_all": "sufficient_all",
    "sufficient_some": "sufficient_some",
    "sufficient_none": "sufficient_none",
}


def national_record_rows() -> Iterator[Row]:
    """sendwatch's compiled national record, one event a row."""
    register = load_register()
    for i, r in enumerate(_read("national_record.csv"), start=1):
        area = register.find(r["gss_code"]) or register.resolve(r["local_area"])
        kind = _NR_KINDS[r["event"]]
        values: dict[str, Any] = {
            "framework": r["framework"],
            "visit_start": r["visit_start"] or None,
            "visit_end": r["visit_end"] or None,
            "published": r["published"] or None,
            "outcome": _NR_OUTCOMES.get(r["outcome"]),
            "weaknesses_total": _int(r["n_weaknesses"]),
            "weaknesses_sufficient": _int(r["n_sufficient"]),
        }
        if kind == "revisit" and values["weaknesses_sufficient"] is None:
            # The record's roll-up says as much as a count where it is "all" or "none".
            if r["outcome"] == "sufficient_all":
                values["weaknesses_sufficient"] = values["weaknesses_total"]
            elif r["outcome"] == "sufficient_none":
                values["weaknesses_sufficient"] = 0
        summary = " ".join(r["weakness_summaries"].split()) or None
        yield Row(
            NATIONAL_RECORD,
            i,
            area.name,
            kind,
            values,
            r["source_url"] or None,
            r["notes"] or _quote(r),
            summary,
        )


def scrape_2026_rows() -> Iterator[Row]:
    """The peer's scrape of Ofsted's 2023-framework reports to June 2026, one per area.

    Only the fields it reads reliably are taken (dates, outcome); its next-inspection
    interval (for failings, the monitoring interval) and previous-inspection dates are not.
    """
    register = load_register()
    for i, r in enumerate(_read(SCRAPE_2026_FILE), start=1):
        area = (
            register.find(r["new_la_code"])
            or register.find(f"urn {r['ofsted_urn']}")
            or register.resolve(r["local_authority_as_scraped"])
        )
        yield Row(
            SCRAPE_2026,
            i,
            area.name,
            "inspection",
            {
                "framework": "2023",
                "visit_start": _day(r["visit_start"]),
                "visit_end": _day(r["visit_end"]),
                "published": _day(r["published"]),
                "outcome": _NR_OUTCOMES.get(r["outcome"].strip()),
            },
            r["report_url"] or None,
            _quote(r),
        )


def all_rows() -> Iterator[Row]:
    yield from official_2016_rows()
    yield from mi_2023_rows()
    yield from national_record_rows()
    yield from scrape_2026_rows()


def row_key(area: str, kind: str, values: dict[str, Any]) -> str:
    """What a row describes, as its identity across releases: area, event, framework and,
    for events that can happen more than once, the month of the visit (or publication).

    A 2016-framework inspection or revisit happens once per area, so a corrected date
    updates the same claim; a 2023-framework event is told apart by its month.
    """
    framework = str(values.get("framework") or "")
    key = f"{area}|{kind}|{framework}"
    if (kind, framework) not in ONCE_PER_FRAMEWORK:
        when = values.get("visit_start") or values.get("published") or values.get("visit_end")
        key += f"|{str(when or '')[:7]}"
    return key


@dataclass
class Change:
    """What importing one row did to the record: added, changed (with each field's value
    before and after) or removed (a claim the release no longer has)."""

    what: str  # "added", "changed" or "removed"
    area: str
    kind: str
    framework: str | None
    visit_start: str | None
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    by_dataset: dict[str, int] = field(default_factory=dict)
    #: Each event added, changed in what it says (see _REPORTED) or removed.
    changes: list[Change] = field(default_factory=list)


#: The fields whose change a release's import reports (not its quote or link).
_REPORTED = (
    "framework",
    "visit_start",
    "visit_end",
    "published",
    "outcome",
    "weaknesses_total",
    "weaknesses_sufficient",
)


_STORED = ("visit_start", "visit_end", "published", "framework")


def import_official(store: Store, rows: Iterable[Row] | None = None) -> ImportReport:
    """Load every dataset's events into the store, in one transaction; idempotent.

    Rows are matched to stored claims by :func:`row_key`, so a release with a row changed
    updates that claim, one with a row removed removes that claim, and nothing else moves.
    ``rows`` replaces the shipped datasets (tests give a changed release this way); only
    the datasets present in ``rows`` are touched.
    """
    sync_areas(store)
    report = ImportReport()
    release = list(all_rows() if rows is None else rows)
    datasets = {r.dataset for r in release}
    with store.session() as session, session.begin():
        ids = area_ids(session)
        names = {v: k for k, v in ids.items()}
        existing: dict[tuple[str, str], schema.Event] = {}
        for e in session.scalars(select(schema.Event).where(schema.Event.dataset.in_(datasets))):
            values = {n: getattr(e, n) for n in _STORED}
            key = e.dataset_key or row_key(names[e.area_id], e.kind, values)
            existing.setdefault((str(e.dataset), key), e)
        seen: set[tuple[str, str]] = set()
        for row in release:
            report.by_dataset[row.dataset] = report.by_dataset.get(row.dataset, 0) + 1
            base = row_key(row.area, row.kind, row.values)
            key, n = base, 1
            while (row.dataset, key) in seen:
                n += 1
                key = f"{base}#{n}"
            seen.add((row.dataset, key))
            ev = existing.get((row.dataset, key))
            change = Change("added", row.area, row.kind, row.values.get("framework"), None)
            if ev is None:
                ev = schema.Event(dataset=row.dataset, kind=row.kind)
                session.add(ev)
                report.added += 1
                report.changes.append(change)
            before = {k: getattr(ev, k) for k in _REPORTED}
            changed = _fill(ev, row, key, ids)
            change.visit_start = ev.visit_start
            if ev.id is not None:
                if changed:
                    report.updated += 1
                else:
                    report.unchanged += 1
                change.fields = {
                    k: (before[k], getattr(ev, k)) for k in _REPORTED if before[k] != getattr(ev, k)
                }
                if change.fields:
                    change.what = "changed"
                    report.changes.append(change)
        for identity, ev in existing.items():
            if identity not in seen:
                session.delete(ev)
                report.removed += 1
                report.changes.append(
                    Change("removed", names[ev.area_id], ev.kind, ev.framework, ev.visit_start)
                )
    return report


def _fill(ev: schema.Event, row: Row, key: str, ids: dict[str, int]) -> bool:
    """Make a stored claim say what its row says; whether anything changed."""
    changed = False
    wanted: dict[str, Any] = {
        "area_id": ids[row.area],
        "dataset_key": key,
        "dataset_row": row.row,
        "source_url": row.source_url,
        "note": row.note,
        **row.values,
    }
    for k, v in wanted.items():
        if getattr(ev, k) != v:
            setattr(ev, k, v)
            changed = changed or k != "dataset_row"
    texts = [(f.kind, f.text) for f in ev.findings]
    if texts != ([("summary", row.summary)] if row.summary else []):
        ev.findings.clear()
        if row.summary:
            ev.findings.append(schema.Finding(kind="summary", position=0, text=row.summary))
        changed = True
    return changed
