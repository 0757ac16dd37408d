"""The data behind each page, built once per change of the store and kept until the next.

Every page and API response is a rendering of one dict made here (datasette's renderer
pattern). The national timelines are the expensive part (every claim reconciled), so
:class:`Site` builds them once per *store version* — a cheap reading of the largest ids
and row counts of documents and events — and serves every page from that until the
version moves. The version itself is read at most once per ``check_every`` seconds, so a
busy site runs one tiny query a second, not one per request. See
docs/decisions/0002-web.md.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from sendwatch import feeds, glossary, schema, views, wording
from sendwatch import status as lifecycle
from sendwatch import store as store_ops
from sendwatch.currency import RecordCurrency, record_currency
from sendwatch.db import Store
from sendwatch.extraction import FINDING_KINDS
from sendwatch.history import all_timelines
from sendwatch.register import LocalArea, load_register
from sendwatch.timeline import QUOTE_ORDER, TimelineEvent

log = logging.getLogger(__name__)
T = TypeVar("T")

#: What colours an area on the map: its latest outcome, or its revisit's verdict.
#: (code, label, fill, text colour) — each fill has at least 4.5:1 contrast with its text.
CATEGORIES = [
    ("positive", "Positive experiences and outcomes", "#00703c", "#ffffff"),
    ("no_wsoa", "No written statement of action", "#85994b", "#0b0c0c"),
    ("effective_action", "Effective action (monitoring)", "#1d70b8", "#ffffff"),
    ("revisit_sufficient", "Revisit: sufficient progress on every weakness", "#28a197", "#0b0c0c"),
    ("inconsistent", "Inconsistent experiences and outcomes", "#ffdd00", "#0b0c0c"),
    ("wsoa_required", "Written statement of action required", "#f47738", "#0b0c0c"),
    (
        "revisit_insufficient",
        "Revisit: sufficient progress on some weaknesses, not all",
        "#d53880",
        "#ffffff",
    ),
    (
        "revisit_none",
        "Revisit: sufficient progress on none of the weaknesses",
        "#942514",
        "#ffffff",
    ),
    ("ineffective_action", "Ineffective action (monitoring)", "#4c2c92", "#ffffff"),
    ("systemic_failings", "Widespread and/or systemic failings", "#d4351c", "#ffffff"),
    ("none", "No inspection on record", "#f3f2f1", "#0b0c0c"),
]
CATEGORY = {c[0]: {"code": c[0], "label": c[1], "fill": c[2], "text": c[3]} for c in CATEGORIES}

FINDING_LABELS = {
    "weaknesses": "Significant weaknesses and areas for priority action",
    "strengths": "Strengths",
    "concerns": "Concerns",
    "improvements": "Areas for improvement",
    "areas_for_development": "Areas for development",
    "main_findings": "Main findings",
}
OUTCOME_ORDER = [c for c in views.OUTCOME_LABELS]


def stage_label(code: str | None) -> str:
    """A stage code in plain words (:data:`sendwatch.glossary.STAGES`)."""
    return glossary.stage(code).label


def _stage_order(item: tuple[str, int]) -> tuple[int, str]:
    """Stages in the glossary's order (the order an area moves through them)."""
    order = list(glossary.STAGES)
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


def category(events: list[TimelineEvent]) -> str:
    """The map category of an area's history: its latest outcome or revisit verdict."""
    for event in reversed(events):
        outcome = views.event_outcome(event)
        if outcome in _REVISIT_CATEGORY:
            return _REVISIT_CATEGORY[outcome]
        if outcome:
            return outcome
    return "none"


#: A revisit's verdict to its map category.
_REVISIT_CATEGORY = {
    "sufficient_all": "revisit_sufficient",
    "sufficient_some": "revisit_insufficient",
    "sufficient_none": "revisit_none",
}


def status_json(
    area: LocalArea,
    events: list[TimelineEvent],
    as_of: date,
    currency: RecordCurrency | None = None,
) -> dict | None:
    """The area's status (stage, open items, next step, reasons, problems, the record's
    currency) on ``as_of``."""
    try:
        return lifecycle.status(
            area.name, events, as_of, register=area, currency=currency
        ).to_json()
    except Exception:
        # status() turns bad data into problems; anything raised is a bug, and it must not
        # take the area's history down with it.
        log.exception("status of %s could not be computed", area.name)
        return None


class Site:
    """The site's data for one store, cached per store version."""

    def __init__(
        self, store: Store, check_every: float = 1.0, today: Callable[[], date] = date.today
    ):
        self.store = store
        self.check_every = check_every
        self.today = today
        self._lock = threading.RLock()
        self._version: tuple | None = None
        self._checked = 0.0
        self._cache: dict[Any, Any] = {}

    # The cache ------------------------------------------------------------------------

    def read_version(self) -> tuple:
        """The store version: largest ids and row counts of documents and events, today."""
        with self.store.session() as session:
            row = session.execute(
                select(
                    select(func.max(schema.Event.id)).scalar_subquery(),
                    select(func.count()).select_from(schema.Event).scalar_subquery(),
                    select(func.max(schema.Document.id)).scalar_subquery(),
                    select(func.count()).select_from(schema.Document).scalar_subquery(),
                    # Imported context figures (issue 15) change the area pages too.
                    select(func.max(schema.ContextFigure.imported_at)).scalar_subquery(),
                )
            ).one()
        # Today's date is part of it: statuses ("overdue by n days") move with the calendar.
        return (*tuple(row), self.today().isoformat())

    def version(self) -> tuple:
        """The current store version, read again once ``check_every`` seconds have passed."""
        now = time.monotonic()
        if self._version is None or now - self._checked >= self.check_every:
            version = self.read_version()
            with self._lock:
                if version != self._version:
                    self._cache = {}
                    self._version = version
                self._checked = now
        assert self._version is not None
        return self._version

    def cached(self, key: Any, build: Callable[[], T]) -> T:
        """The value for ``key`` at the current version, built once."""
        self.version()
        cache = self._cache
        if key in cache:
            return cache[key]
        with self._lock:
            if key not in cache:
                cache[key] = build()
            return cache[key]

    def peek(self, key: Any) -> Any:
        """The value for ``key`` at the current version if it is built, else None."""
        self.version()
        return self._cache.get(key)

    def timelines(self) -> dict[str, list[TimelineEvent]]:
        return self.cached("timelines", lambda: all_timelines(self.store))

    def currency(self) -> RecordCurrency:
        """How current the record is, judged today."""
        return self.cached("currency", lambda: record_currency(self.store, self.today()))

    # National -------------------------------------------------------------------------

    def national(self) -> dict[str, Any]:
        """The national overview: the table, counts by stage and outcome, regions, years."""
        return self.cached("national", self._national)

    def _national(self) -> dict[str, Any]:
        timelines = self.timelines()
        register = load_register()
        today = self.today()
        rows = []
        for row in views.areas_table(self.store, timelines=timelines):
            area = register.by_name(row["area"])
            events = timelines.get(area.name, [])
            status = status_json(area, events, today, self.currency())
            code = category([e for e in events if e.kind != "next_visit_expected"])
            rows.append(
                row
                | {
                    "category": code,
                    "category_label": CATEGORY[code]["label"],
                    "stage": (status or {}).get("stage", {}).get("code"),
                    "stage_sentence": (status or {}).get("stage", {}).get("sentence"),
                    "next_due_by": ((status or {}).get("next") or {}).get("due_by"),
                }
            )
        by_category = Counter(r["category"] for r in rows)
        by_stage = Counter(r["stage"] for r in rows if r["stage"])
        by_outcome = Counter(r["latest_outcome"] or "none" for r in rows)
        regions: dict[str, dict[str, Any]] = {}
        for r in rows:
            region = regions.setdefault(
                r["region"],
                {"region": r["region"], "areas": 0, "inspected_2023": 0, "categories": Counter()},
            )
            region["areas"] += 1
            region["categories"][r["category"]] += 1
            if any(
                e.framework == "2023" and e.kind == "inspection"
                for e in timelines.get(r["area"], [])
            ):
                region["inspected_2023"] += 1
        return {
            "as_of": today.isoformat(),
            "areas": rows,
            "counts": {
                "areas": len(rows),
                "by_category": [
                    {"code": code, "label": CATEGORY[code]["label"], "count": by_category[code]}
                    for code in CATEGORY
                ],
                "by_outcome": [
                    {
                        "code": code,
                        "label": views.OUTCOME_LABELS.get(code, "no outcome on record"),
                        "count": by_outcome[code],
                    }
                    for code in [*OUTCOME_ORDER, "none"]
                    if by_outcome[code]
                ],
                "by_stage": [
                    {"code": code, "label": stage_label(code), "count": count}
                    for code, count in sorted(by_stage.items(), key=_stage_order)
                ],
            },
            "regions": [
                {
                    "region": r["region"],
                    "areas": r["areas"],
                    "inspected_2023": r["inspected_2023"],
                    "categories": {code: r["categories"][code] for code in CATEGORY},
                }
                for r in sorted(regions.values(), key=lambda r: r["region"])
            ],
            "over_time": self._over_time(timelines),
        }

    @staticmethod
    def _over_time(timelines: dict[str, list[TimelineEvent]]) -> dict[str, Any]:
        """Outcomes of inspections, revisits and monitoring by year (each event counted once)."""
        counts: dict[str, Counter] = {}
        for events in timelines.values():
            for event in events:
                if event.inherited_from or not event.when:
                    continue
                code = category([event]) if event.kind != "next_visit_expected" else "none"
                if code == "none":
                    continue
                counts.setdefault(event.when[:4], Counter())[code] += 1
        years = sorted(counts)
        return {
            "years": years,
            "series": [
                {
                    "code": code,
                    "label": CATEGORY[code]["label"],
                    "counts": [counts[y][code] for y in years],
                }
                for code in CATEGORY
                if code != "none" and any(counts[y][code] for y in years)
            ],
        }

    # Areas ----------------------------------------------------------------------------

    def area(self, slug: str) -> dict[str, Any] | None:
        """One area's page: status, events with sources, findings and conflicts."""
        area = load_register().by_slug(slug)
        if area is None:
            return None
        return self.cached(("area", slug), lambda: self._area(area))

    def _area(self, area: LocalArea) -> dict[str, Any]:
        register = load_register()
        events = self.timelines().get(area.name, [])
        status = status_json(area, events, self.today(), self.currency())
        documents: dict[int, dict[str, Any]] = {}
        display = []
        titles = {d["id"]: d["title"] for d in self.documents()}
        for event in events:
            for claim in event.claims:
                s = claim.source
                if s.document_id is not None:
                    documents[s.document_id] = {
                        "id": s.document_id,
                        "name": s.document_name,
                        "title": titles.get(s.document_id, wording.document_kind(None)),
                        "type": s.document_type,
                        "type_label": wording.document_kind(s.document_type),
                    }
            display.append(_event_display(event, titles))
        return {
            "area": area.name,
            "slug": area.slug,
            "region": area.region,
            "gss_code": area.gss_code,
            "la_type": area.la_type,
            "current": area.current,
            "predecessors": [{"name": p.name, "slug": p.slug} for p in register.predecessors(area)],
            "successors": [{"name": s.name, "slug": s.slug} for s in register.successors(area)],
            "status": status,
            "bodies": self._bodies(events),
            "category": CATEGORY[category([e for e in events if e.kind != "next_visit_expected"])],
            "events": [e.to_json() for e in events],
            "documents": sorted(documents.values(), key=lambda d: d["id"]),
            "_display": display,
            "_timeline": events,
        }

    def _bodies(self, events: list[TimelineEvent]) -> dict[str, Any] | None:
        """The partnership's bodies as the latest inspectorate document names them."""
        for event in reversed(events):
            for claim in event.claims:
                s = claim.source
                if s.document_id is None or s.trust != "inspectorate_document":
                    continue
                found = store_ops.parties(self.store, s.document_id, BODY_LABELS)
                if found:
                    return {
                        "document_id": s.document_id,
                        "document": s.document_name,
                        "items": [
                            {"label": BODY_LABELS[p.kind], "name": p.name, "span": p.span_start}
                            for p in found
                        ],
                    }
        return None

    # Documents ------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """Every stored document's description (no text), oldest first."""
        return self.cached("documents", self._documents)

    def _documents(self) -> list[dict[str, Any]]:
        with self.store.session() as session:
            rows = session.scalars(
                select(schema.Document)
                .options(selectinload(schema.Document.events).selectinload(schema.Event.area))
                .order_by(schema.Document.id)
            )
            return [views.document_summary(d) for d in rows]

    def document(self, document_id: int) -> dict[str, Any] | None:
        """One document: its text, and the spans of it that state each value and finding."""
        return self.cached(
            ("document", document_id), lambda: views.document_view(self.store, document_id)
        )

    # Feeds ----------------------------------------------------------------------------

    def national_feed(self, base: str) -> feeds.Feed:
        def build() -> feeds.Feed:
            entries = []
            for area in load_register().areas:
                own = [e for e in self.timelines().get(area.name, []) if not e.inherited_from]
                entries += feeds.area_entries(area.name, area.slug, own, base)
            entries += [self._document_entry(d, base) for d in self.documents()]
            return feeds.Feed(
                id=f"{feeds.TAG}national",
                title="sendwatch: local area SEND inspections in England",
                subtitle="New documents and changes of stage in every local area.",
                self_link=f"{base}/feeds/national.atom",
                alternate_link=f"{base}/",
                entries=entries,
            )

        return self.cached(("national_feed", base), build)

    def area_feed(self, slug: str, base: str) -> feeds.Feed | None:
        view = self.area(slug)
        if view is None:
            return None

        def build() -> feeds.Feed:
            assert view is not None
            entries = feeds.area_entries(view["area"], slug, view["_timeline"], base)
            ids = {d["id"] for d in view["documents"]}
            entries += [self._document_entry(d, base) for d in self.documents() if d["id"] in ids]
            return feeds.Feed(
                id=f"{feeds.TAG}area/{slug}",
                title=f"sendwatch: {view['area']}",
                subtitle=f"New documents and changes of stage in {view['area']}.",
                self_link=f"{base}/feeds/areas/{slug}.atom",
                alternate_link=f"{base}/areas/{slug}",
                entries=entries,
            )

        return self.cached(("area_feed", slug, base), build)

    @staticmethod
    def _document_entry(d: dict[str, Any], base: str) -> feeds.Entry:
        return feeds.document_entry(
            d["id"], d["sha256"], d["title"], d["type"], d["areas"], d["_ingested_at"], base
        )


#: The partnership's bodies, as the area page names them.
BODY_LABELS = {
    "local_authority": "Local authority",
    "integrated_care_board": "Integrated care board",
    "clinical_commissioning_group": "Clinical commissioning group",
}


def source_label(source: Any, titles: dict[int, str]) -> str:
    """A claim's source in words: its document's title, or the dataset and row."""
    if source.document_id is not None:
        return titles.get(source.document_id, wording.document_kind(source.document_type))
    if source.dataset:
        return wording.dataset_label(source.dataset, source.dataset_row)
    return "unknown source"


def _event_display(event: TimelineEvent, titles: dict[int, str]) -> dict[str, Any]:
    """What the area page shows of one event (documents named by ``titles``)."""
    findings = []
    for kind in FINDING_KINDS:
        items = event.findings(kind)
        if items:
            # The claim the items come from: its own words, or a dataset's summaries.
            giver = next(c for c in event.claims if any(f is items[0] for f in c.findings))
            findings.append(
                {
                    "kind": kind,
                    "label": FINDING_LABELS.get(kind, kind),
                    "source": source_label(giver.source, titles),
                    "summarised": giver.source.document_id is None,
                    "items": [
                        {
                            "text": f.text,
                            "verdict": f.verdict,
                            "document_id": f.document_id,
                            "span_start": f.span[0] if f.span else None,
                        }
                        for f in items
                    ],
                }
            )
    summary = event.findings("summary")
    paraphrase = None
    if summary:
        # A compiled record's summary: shown whole, as a paraphrase, never as items.
        giver = next(c for c in event.claims if any(f is summary[0] for f in c.findings))
        paraphrase = {"text": summary[0].text, "source": source_label(giver.source, titles)}
    sources = []
    for claim in event.claims:
        data = claim.to_json()
        sources.append(
            {
                "label": source_label(claim.source, titles),
                "trust": claim.source.trust,
                "trust_label": glossary.SOURCES[claim.source.trust].label
                if claim.source.trust in glossary.SOURCES
                else claim.source.trust.replace("_", " "),
                "document_id": claim.source.document_id,
                "url": claim.source.url,
                "quote": " ".join((data.get("quote") or "").split()),
                "span_start": _main_span(claim.spans),
            }
        )
    return {
        "kind": event.kind,
        "title": views.EVENT_LABELS.get(event.kind, event.kind),
        "description": wording.describe(event),
        "dates": wording.event_dates(event),
        "when": event.when,
        "framework": event.framework,
        "category": CATEGORY[category([event])] if event.kind != "next_visit_expected" else None,
        "inherited_from": event.inherited_from,
        "sources": sources,
        "conflicts": [
            {
                "field": c.field.replace("_", " "),
                "chosen": c.chosen,
                "values": [
                    {"value": v, "source": source_label(s, titles), "document_id": s.document_id}
                    for v, s in c.values
                ],
            }
            for c in event.conflicts
        ],
        "findings": findings,
        "paraphrase": paraphrase,
    }


def _main_span(spans: dict[str, tuple[int, int]]) -> int | None:
    for name in QUOTE_ORDER:
        if name in spans:
            return spans[name][0]
    return min((s[0] for s in spans.values()), default=None)
