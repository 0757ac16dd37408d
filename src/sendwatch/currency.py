"""How current the record is: per source, how far it is complete, and the date it can be
trusted to.

A status judged on a date past what the record can know must say so, and must not call a
step "overdue" when the record could not show it done (docs/decisions/0007-record-currency.md).
Each source of the record is complete to some date, for some kinds of event:

- Ofsted's official statistics: 2016-framework inspections and revisits "as at" 31 August
  2022; the management information: 2023-framework inspections to 31 August 2023;
- the compiled national record: every kind of event, to its latest dated entry;
- the peer's scrape of Ofsted's pages: 2023-framework full inspections to 26 June 2026;
- documents: by their latest date (they cover no kind completely);
- per area, "checked against Ofsted on" a date, from any provider in :data:`AREA_CHECKS`
  (the sync of Ofsted's site adds one: a function from a session to {area: date}).

:func:`record_currency` reads them from the store. Adding a source is one entry in
:data:`DATASETS` (or :data:`AREA_CHECKS` for a per-area check).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sendwatch import schema
from sendwatch.db import Store

#: The kinds of event a national source can be complete for.
KINDS = ("inspection", "revisit", "monitoring_inspection")


@dataclass(frozen=True)
class Dataset:
    """What one imported dataset is complete for: a declared date, or its latest entry."""

    label: str
    basis: str
    covers: tuple[str, ...]
    complete_to: date | None = None


#: Every dataset the record imports, by its name in the store (official.py's names).
DATASETS: dict[str, Dataset] = {
    "ofsted_official_2016": Dataset(
        "Ofsted official statistics (2016 framework)",
        "as at",
        ("inspection", "revisit"),
        date(2022, 8, 31),
    ),
    "ofsted_mi_2023": Dataset(
        "Ofsted management information (2023 framework)", "to", ("inspection",), date(2023, 8, 31)
    ),
    "national_record": Dataset("sendwatch's compiled national record", "to", KINDS),
    "ofsted_scrape_2026_06": Dataset(
        "data-to-insight's scrape of Ofsted's reports (2023 framework)",
        "to",
        ("inspection",),
        date(2026, 6, 26),
    ),
}

#: Providers of per-area "checked against Ofsted on" dates: session -> {area name: date}.
AREA_CHECKS: list[Callable[[Session], dict[str, date]]] = []


@dataclass(frozen=True)
class SourceCurrency:
    """How far one source is complete, and for which kinds of event."""

    name: str
    label: str
    basis: str
    complete_to: date | None
    covers: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "basis": self.basis,
            "complete_to": self.complete_to.isoformat() if self.complete_to else None,
            "covers": list(self.covers),
        }


@dataclass(frozen=True)
class RecordCurrency:
    """The record's currency as judged on ``as_of``."""

    as_of: date
    sources: tuple[SourceCurrency, ...]
    #: (area, date) pairs: the area's record checked against Ofsted's site on that date.
    checked: tuple[tuple[str, date], ...] = ()

    def _for_kind(self, kind: str) -> date | None:
        found = [s.complete_to for s in self.sources if kind in s.covers and s.complete_to]
        return max(found, default=None)

    @property
    def trusted_to(self) -> date | None:
        """The date the record is complete to for every kind of event (the earliest of the
        kinds' dates), never past the date judged on."""
        per_kind = [self._for_kind(k) for k in KINDS]
        if any(d is None for d in per_kind):
            return None
        return min(min(d for d in per_kind if d is not None), self.as_of)

    def complete_to(self, area: str, kind: str | None = None) -> date | None:
        """How far the record is complete for ``area``: for one kind of event, or for all
        (``kind`` None); an area checked against Ofsted later counts from that check."""
        if kind in KINDS:
            found = self._for_kind(kind)
            overall = min(found, self.as_of) if found else None
        else:
            overall = self.trusted_to
        checked = dict(self.checked).get(area)
        if checked is not None and (overall is None or checked > overall):
            return min(checked, self.as_of)
        return overall

    def to_json(self) -> dict[str, Any]:
        trusted = self.trusted_to
        return {
            "as_of": self.as_of.isoformat(),
            "trusted_to": trusted.isoformat() if trusted else None,
            "sources": [s.to_json() for s in self.sources],
            "checked_against_ofsted": {a: d.isoformat() for a, d in self.checked},
        }


def _latest_day(values: list[str | None]) -> date | None:
    days = []
    for v in values:
        if v and len(v) >= 10:
            try:
                days.append(date.fromisoformat(v[:10]))
            except ValueError:
                continue
    return max(days, default=None)


def _dataset_latest(session: Session, dataset: str) -> date | None:
    rows = session.execute(
        select(
            func.max(schema.Event.published),
            func.max(schema.Event.visit_end),
            func.max(schema.Event.visit_start),
        ).where(schema.Event.dataset == dataset)
    ).one()
    return _latest_day(list(rows))


def record_currency(store: Store, as_of: date) -> RecordCurrency:
    """How far each source in the store is complete, judged on ``as_of``."""
    sources: list[SourceCurrency] = []
    checked: dict[str, date] = {}
    with store.session() as session:
        present = set(
            session.scalars(select(schema.Event.dataset).where(schema.Event.dataset.is_not(None)))
        )
        for name, ds in DATASETS.items():
            if name not in present:
                continue
            to = ds.complete_to or _dataset_latest(session, name)
            sources.append(SourceCurrency(name, ds.label, ds.basis, to, ds.covers))
        for other in sorted(str(n) for n in present - set(DATASETS)):
            to = _dataset_latest(session, other)
            sources.append(SourceCurrency(other, other, "to", to, ()))
        doc_dates = list(session.scalars(select(schema.Document.document_date)))
        latest_doc = _latest_day([d for d in doc_dates if d and d <= as_of.isoformat()])
        if doc_dates:
            sources.append(
                SourceCurrency("documents", "documents read", "latest dated", latest_doc, ())
            )
        for provider in AREA_CHECKS:
            for area, day in provider(session).items():
                if area not in checked or day > checked[area]:
                    checked[area] = day
    return RecordCurrency(as_of, tuple(sources), tuple(sorted(checked.items())))
