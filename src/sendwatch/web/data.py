"""The data behind each page, built once and kept current area by area.

Every page and API response is a rendering of one dict made here (datasette's renderer
pattern). Each area's reconciled timeline, its summary (its row of the national table and
its counts by year) and its page are cached, tagged with the area; the national views are
added up from the summaries. :meth:`Site.refresh` reads a fingerprint of every area's
claims (a few milliseconds), and a change marks stale only what depends on the areas it
touched (an area's successors included). A background thread warms the cache at start-up
and rebuilds touched areas as changes land; stale values are served until their successors
are ready. See docs/decisions/0008-speed.md.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from sendwatch import feeds, views, wording
from sendwatch import status as lifecycle
from sendwatch import store as store_ops
from sendwatch.currency import RecordCurrency, record_currency
from sendwatch.db import Store
from sendwatch.history import all_timelines, area_timeline
from sendwatch.register import LocalArea, load_register
from sendwatch.sync import last_checked, sources_of
from sendwatch.timeline import TimelineEvent
from sendwatch.web import changes
from sendwatch.web.cache import CONTEXT, CURRENCY, DEFAULT_SIZE, DOCUMENTS, NATIONAL, Cache
from sendwatch.web.display import (
    BODY_LABELS,
    CATEGORY,
    OUTCOME_ORDER,
    category,
    event_display,
    over_time,
    stage_label,
    stage_order,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


def area_deps(area: LocalArea) -> set[str]:
    """What an area's summary, page and API body depend on: its claims (and its
    predecessors'), how current the record is, and the imported context figures."""
    return {area.name, CURRENCY, CONTEXT}


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


#: Every how many looks at the store the full fingerprint is read even when the quick
#: check saw nothing (in-place updates keep counts and ids).
FULL_LOOK_EVERY = 15


class Site:
    """The site's data for one store, cached and kept current area by area.

    ``check_every`` is how often (seconds) the store is looked at for changes; 0 looks at
    every request and never serves a stale value (tests). :meth:`start` runs the looking,
    and the warming of the cache, in a background thread instead of the requests.
    """

    def __init__(
        self,
        store: Store,
        check_every: float = 1.0,
        today: Callable[[], date] = date.today,
        max_bytes: int = 64 * 1024 * 1024,
    ):
        self.store = store
        self.check_every = check_every
        self.today = today
        self.cache = Cache(max_bytes)
        self._refresh_lock = threading.Lock()
        self._local = threading.local()
        #: The last light (False) and full (True) fingerprints read.
        self._signatures: dict[bool, dict[str, int]] = {}
        self._quick: tuple | None = None
        self._checked = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Set once the background thread has built every area and the national view.
        self.warm = threading.Event()
        self._dependents = changes.dependents()

    # Knowing what changed -------------------------------------------------------------

    def signatures(self, full: bool = False) -> dict[str, int]:
        return changes.fingerprints(self.store, self.today(), full)

    def quick_version(self) -> tuple:
        return changes.quick_version(self.store, self.today())

    def refresh(self, full: bool = True) -> set[str] | None:
        """Look at the store; mark stale what its changes touch. Returns the areas and tags
        touched (None: everything, e.g. a new day). ``full=False`` reads the light
        fingerprint, and only when :meth:`quick_version` moved; updates in place wait for
        a full look (the background thread takes one every FULL_LOOK_EVERY looks)."""
        with self._refresh_lock:
            quick = self.quick_version()
            if not full and quick == self._quick and self._signatures:
                return set()
            self._quick = quick
            self._checked = time.monotonic()
            changed: set[str] = set()
            kinds = (False, True) if full or not self._signatures else (False,)
            for kind in kinds:
                now = self.signatures(full=kind)
                before = self._signatures.get(kind)
                self._signatures[kind] = now
                if before is None:
                    continue
                if before.get("*today") != now["*today"]:
                    self.cache.invalidate(None)
                    return None
                changed |= {k for k in before.keys() | now.keys() if before.get(k) != now.get(k)}
            touched = set()
            for name in changed:
                touched |= self._dependents.get(name, {name})
            if touched and self._currency_moved():
                touched.add(CURRENCY)  # every status says how current the record is
            if touched - {DOCUMENTS}:
                touched.add(NATIONAL)
            if touched:
                self.cache.invalidate(touched)
            return touched

    def _refresh_if_due(self) -> None:
        if self._thread is not None and self._signatures:
            return  # the background thread looks
        if not self._signatures or time.monotonic() - self._checked >= self.check_every:
            self.refresh()

    def cached(self, key: Any, build: Callable[[], T], deps: Iterable[str] | None = None) -> T:
        """The value for ``key``, built once and kept until a change it ``deps`` on (areas'
        names or tags; None: any change)."""
        depth = getattr(self._local, "depth", 0)
        if depth == 0:  # what a build reads inside is read at the same version
            self._refresh_if_due()
        self._local.depth = depth + 1
        try:
            # A build never uses a stale value inside it (it would store it as current).
            serve_stale = self.check_every > 0 and depth == 0
            return self.cache.fetch(key, build, deps, serve_stale=serve_stale)
        finally:
            self._local.depth = depth

    def peek(self, key: Any) -> Any:
        """The value for ``key`` if it is built, else None. A stale value is given while it
        is being rebuilt, or while the background thread is running (it rebuilds every
        stale value promptly); never when ``check_every`` is 0."""
        self._refresh_if_due()
        entry = self.cache.get(key)
        if entry is None or (entry.stale and self.check_every <= 0):
            return None
        if entry.stale and self._thread is None and not self.cache.builder(key).locked():
            return None  # let the caller rebuild it
        return entry.value

    # The background thread ------------------------------------------------------------

    def start(self) -> None:
        """Warm the cache and watch the store in a background thread."""
        if self._thread is None and self.check_every > 0:
            self._thread = threading.Thread(target=self._watch, name="sendwatch-site", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _watch(self) -> None:
        try:
            self.refresh()
            self._warm(None)
            # The cache's objects live until a change: leave them out of the collector's
            # full passes, whose pauses would otherwise land on requests.
            gc.collect()
            gc.freeze()
            self.warm.set()
            looks = 0
            while not self._stop.wait(self.check_every):
                looks += 1
                touched = self.refresh(full=looks % FULL_LOOK_EVERY == 0)
                if touched is None or touched:
                    self._warm(touched)
                    self._rebuild_stale()
        except Exception:  # the requests still build what they need
            log.exception("the site's background thread stopped")
            self._thread = None

    def _rebuild_stale(self) -> None:
        """Build every stale page and body again, in the background, a little at a time:
        requests are answered from the stale ones meanwhile and never wait for a rebuild."""
        for key, entry in self.cache.stale():
            if self._stop.is_set():
                return
            try:
                self.cache.rebuild(key, entry)
            except Exception:  # e.g. a document deleted since: rebuilt on demand, or 404
                log.debug("could not rebuild %r", key, exc_info=True)
                self.cache.discard(key)
            time.sleep(0.001)  # let the event loop answer requests between rebuilds

    def _warm(self, touched: set[str] | None) -> None:
        """Build the data of the touched areas (None: all) and the national view."""
        register = load_register()
        names = [a.name for a in register.areas if touched is None or a.name in touched]
        self._prefetch(names)
        for name in names:
            if self._stop.is_set():
                return
            self.summary(register.by_name(name))
        self.national()

    def _prefetch(self, names: list[str]) -> None:
        """Read the timelines of many areas in one pass rather than one query each."""
        missing = []
        for name in names:
            entry = self.cache.get(("timeline", name))
            if entry is None or entry.stale:
                missing.append(name)
        if len(missing) <= 20:
            return
        generation = self.cache.generation
        found = all_timelines(self.store)
        for name in missing:
            self.cache.put(
                ("timeline", name), found.get(name, []), {name}, generation, DEFAULT_SIZE
            )

    def currency(self) -> RecordCurrency:
        """How current the record is, judged today."""
        return self.cached(
            "currency", lambda: record_currency(self.store, self.today()), {CURRENCY}
        )

    def _currency_moved(self) -> bool:
        """Read the record's currency again; whether it differs from the cached one."""
        before = self.cache.get("currency")
        now = record_currency(self.store, self.today())
        self.cache.put("currency", now, {CURRENCY}, self.cache.generation, DEFAULT_SIZE)
        return before is None or before.value != now

    # National -------------------------------------------------------------------------

    def timeline(self, area: LocalArea) -> list[TimelineEvent]:
        """The area's reconciled events, its predecessors' included."""
        return self.cached(
            ("timeline", area.name), lambda: area_timeline(self.store, area), {area.name}
        )

    def timelines(self) -> dict[str, list[TimelineEvent]]:
        areas = load_register().areas
        self._prefetch([a.name for a in areas])
        return {a.name: self.timeline(a) for a in areas}

    def summary(self, area: LocalArea) -> dict[str, Any]:
        """What the national views need of one area: its row, and its counts by year."""
        return self.cached(("summary", area.name), lambda: self._summary(area), area_deps(area))

    def _summary(self, area: LocalArea) -> dict[str, Any]:
        events = self.timeline(area)
        status = status_json(area, events, self.today(), self.currency())
        code = category([e for e in events if e.kind != "next_visit_expected"])
        row = views.area_row(area, events)
        row.pop("latest", None)
        row |= {
            "category": code,
            "category_label": CATEGORY[code]["label"],
            "stage": (status or {}).get("stage", {}).get("code"),
            "stage_sentence": (status or {}).get("stage", {}).get("sentence"),
            "next_due_by": ((status or {}).get("next") or {}).get("due_by"),
            "href": f"/areas/{area.slug}",
            "api": f"/api/v1/areas/{area.slug}",
        }
        years: dict[str, Counter] = {}
        for event in events:
            if event.inherited_from or not event.when or event.kind == "next_visit_expected":
                continue
            code = category([event])
            if code != "none":
                years.setdefault(event.when[:4], Counter())[code] += 1
        return {
            "row": row,
            "current": area.current,
            "inspected_2023": any(e.framework == "2023" and e.kind == "inspection" for e in events),
            "years": years,
        }

    def national(self) -> dict[str, Any]:
        """The national overview: the table, counts by stage and outcome, regions, years."""
        return self.cached("national", self._national, {NATIONAL})

    def _national(self) -> dict[str, Any]:
        """The national view, added up from the areas' summaries."""
        register = load_register()
        self._prefetch([a.name for a in register.areas])
        summaries = [self.summary(a) for a in register.areas]
        checked = {slug: moment.isoformat() for slug, moment in last_checked(self.store).items()}
        rows = [
            s["row"] | {"checked_against_ofsted": checked.get(s["row"]["slug"])}
            for s in summaries
            if s["current"]
        ]
        by_category = Counter(r["category"] for r in rows)
        by_stage = Counter(r["stage"] for r in rows if r["stage"])
        by_outcome = Counter(r["latest_outcome"] or "none" for r in rows)
        regions: dict[str, dict[str, Any]] = {}
        for s in summaries:
            if not s["current"]:
                continue
            r = s["row"]
            region = regions.setdefault(
                r["region"],
                {"region": r["region"], "areas": 0, "inspected_2023": 0, "categories": Counter()},
            )
            region["areas"] += 1
            region["categories"][r["category"]] += 1
            region["inspected_2023"] += s["inspected_2023"]
        counts: dict[str, Counter] = {}
        for s in summaries:
            for year, by_code in s["years"].items():
                counts.setdefault(year, Counter()).update(by_code)
        latest_checks = [r["checked_against_ofsted"] for r in rows if r["checked_against_ofsted"]]
        return {
            "as_of": self.today().isoformat(),
            "checked_against_ofsted": {
                "areas": len(latest_checks),
                "oldest": min(latest_checks, default=None),
                "latest": max(latest_checks, default=None),
            },
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
                    for code, count in sorted(by_stage.items(), key=stage_order)
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
            "over_time": over_time(counts),
        }

    # Areas ----------------------------------------------------------------------------

    def area(self, slug: str) -> dict[str, Any] | None:
        """One area's page: status, events with sources, findings and conflicts."""
        area = load_register().by_slug(slug)
        if area is None:
            return None
        return self.cached(("area", slug), lambda: self._area(area), area_deps(area))

    def _area(self, area: LocalArea) -> dict[str, Any]:
        register = load_register()
        events = self.timeline(area)
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
            display.append(event_display(event, titles))
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
            "checked_against_ofsted": _iso(last_checked(self.store).get(area.slug)),
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
        return self.cached("documents", lambda: views.document_summaries(self.store), {DOCUMENTS})

    def documents_page(self, page: int, per_page: int) -> dict[str, Any]:
        """One page of :meth:`documents`, with the count and the number of pages."""
        docs = self.documents()
        pages = max(1, -(-len(docs) // per_page))
        start = (page - 1) * per_page
        return {
            "total": len(docs),
            "page": page,
            "pages": pages,
            "per_page": per_page,
            "documents": docs[start : start + per_page],
        }

    def document(self, document_id: int) -> dict[str, Any] | None:
        """One document: its text, and the spans of it that state each value and finding."""

        def build() -> dict[str, Any] | None:
            view = views.document_view(self.store, document_id)
            if view is not None:
                view["fetched_from"] = sources_of(self.store, document_id)
            return view

        return self.cached(("document", document_id), build, {DOCUMENTS})

    # Feeds ----------------------------------------------------------------------------

    def national_feed(self, base: str) -> feeds.Feed:
        def build() -> feeds.Feed:
            entries = []
            for area in load_register().areas:
                own = [e for e in self.timeline(area) if not e.inherited_from]
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

        return self.cached(("national_feed", base), build, {NATIONAL, DOCUMENTS})

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

        return self.cached(("area_feed", slug, base), build, {view["area"], DOCUMENTS})

    @staticmethod
    def _document_entry(d: dict[str, Any], base: str) -> feeds.Entry:
        return feeds.document_entry(
            d["id"], d["sha256"], d["title"], d["type"], d["areas"], d["_ingested_at"], base
        )


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None
