"""The national record: Ofsted's official statistics and our compiled record, as claims.

Three datasets ship with sendwatch (``sendwatch/data``; Ofsted's figures are Crown
copyright under the Open Government Licence v3.0):

- ``ofsted_official_2016``: "Area SEND inspections and outcomes", Ofsted, 17 November 2022;
  every 2016-framework inspection and revisit carried out by 31 August 2022 (149 areas).
- ``ofsted_mi_2023``: Ofsted management information, 2023-framework inspections January
  to August 2023.
- ``national_record``: sendwatch's compiled record of every known event 2016 to November
  2025, each row naming its source.

Each row becomes one claim per event, keyed by (dataset, row, kind), so importing twice
changes nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from sqlalchemy import select

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.register import load_register
from sendwatch.store import area_ids, sync_areas

OFFICIAL_2016 = "ofsted_official_2016"
MI_2023 = "ofsted_mi_2023"
NATIONAL_RECORD = "national_record"

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
    weaknesses: list[str] = field(default_factory=list)


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
            yield Row(
                OFFICIAL_2016,
                i,
                area,
                "revisit",
                {
                    "framework": "2016",
                    "visit_start": _day(r["Revisit start date"]),
                    "published": _day(r["Revisit publication date"]),
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
        summaries = [s.strip() for s in r["weakness_summaries"].split(";") if s.strip()]
        yield Row(
            NATIONAL_RECORD,
            i,
            area.name,
            kind,
            values,
            r["source_url"] or None,
            r["notes"] or _quote(r),
            summaries,
        )


def all_rows() -> Iterator[Row]:
    yield from official_2016_rows()
    yield from mi_2023_rows()
    yield from national_record_rows()


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    by_dataset: dict[str, int] = field(default_factory=dict)


def import_official(store: Store) -> ImportReport:
    """Load every dataset's events into the store, in one transaction; idempotent."""
    sync_areas(store)
    report = ImportReport()
    with store.session() as session, session.begin():
        ids = area_ids(session)
        existing = {
            (e.dataset, e.dataset_row, e.kind): e
            for e in session.scalars(select(schema.Event).where(schema.Event.dataset.is_not(None)))
        }
        for row in all_rows():
            report.by_dataset[row.dataset] = report.by_dataset.get(row.dataset, 0) + 1
            ev = existing.get((row.dataset, row.row, row.kind))
            if ev is None:
                ev = schema.Event(dataset=row.dataset, dataset_row=row.row, kind=row.kind)
                session.add(ev)
                report.added += 1
                changed = True
            else:
                changed = False
            changed = bool(_apply(ev, row, ids)) or changed
            if ev.id is not None:
                if changed:
                    report.updated += 1
                else:
                    report.unchanged += 1
    return report


def _apply(ev: schema.Event, row: Row, ids: dict[str, int]) -> list[str]:
    """Make an event say what a dataset row says; returns the names of the fields changed."""
    wanted: dict[str, Any] = {
        "area_id": ids[row.area],
        "source_url": row.source_url,
        "note": row.note,
        **row.values,
    }
    changed = []
    for k, v in wanted.items():
        if getattr(ev, k) != v:
            setattr(ev, k, v)
            changed.append(k)
    texts = [f.text for f in ev.findings]
    if texts != row.weaknesses:
        ev.findings.clear()
        for position, text in enumerate(row.weaknesses):
            ev.findings.append(schema.Finding(kind="weaknesses", position=position, text=text))
        changed.append("weaknesses")
    return changed


@dataclass
class Change:
    """What one row of a new release adds to or changes in the record."""

    area: str
    kind: str
    framework: str | None
    visit_start: str | None
    #: {field: (before, after)}; empty for a row the record did not have.
    fields: dict[str, tuple[Any, Any]]


@dataclass
class ReleaseReport:
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0


#: Fields a release's reader reports as changed (not the row's quote or link).
_REPORTED = (
    "outcome",
    "published",
    "visit_start",
    "visit_end",
    "weaknesses_total",
    "weaknesses_sufficient",
    "framework",
)


def import_rows(store: Store, rows: list[Row]) -> ReleaseReport:
    """Import a new release's rows in one transaction, each matched to the claim of the same
    dataset about the same event (area, kind, first day of the visit), and say what each
    adds or changes. A row the record does not have gets the dataset's next row number."""
    sync_areas(store)
    report = ReleaseReport()
    with store.session() as session, session.begin():
        ids = area_ids(session)
        datasets = {r.dataset for r in rows}
        events = list(
            session.scalars(select(schema.Event).where(schema.Event.dataset.in_(datasets)))
        )
        by_event = {(e.dataset, e.area_id, e.kind, e.visit_start): e for e in events}
        next_row = {
            d: max((e.dataset_row or 0 for e in events if e.dataset == d), default=0)
            for d in datasets
        }
        numbers: dict[tuple[str, int], int] = {}
        for row in rows:
            key = (row.dataset, ids[row.area], row.kind, row.values.get("visit_start"))
            ev = by_event.get(key)
            change = Change(
                row.area, row.kind, row.values.get("framework"), row.values.get("visit_start"), {}
            )
            if ev is None:
                if (row.dataset, row.row) not in numbers:
                    next_row[row.dataset] += 1
                    numbers[(row.dataset, row.row)] = next_row[row.dataset]
                ev = schema.Event(
                    dataset=row.dataset, dataset_row=numbers[(row.dataset, row.row)], kind=row.kind
                )
                session.add(ev)
                _apply(ev, row, ids)
                by_event[key] = ev
                report.added.append(change)
                continue
            before = {k: getattr(ev, k) for k in _REPORTED}
            _apply(ev, row, ids)
            change.fields = {
                k: (before[k], getattr(ev, k)) for k in _REPORTED if before[k] != getattr(ev, k)
            }
            if change.fields:
                report.changed.append(change)
            else:
                report.unchanged += 1
    return report
