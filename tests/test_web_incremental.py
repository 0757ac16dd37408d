"""The site's cache kept current area by area: a change recomputes only the areas it
touches, the result equals a rebuild from scratch, stale pages are served while one
request rebuilds, and the cache is warmed at start-up in the background."""

from __future__ import annotations

import threading
import time

from sqlalchemy import update

from sendwatch import schema
from sendwatch.extraction import Event, Extraction
from sendwatch.official import import_official
from sendwatch.web.app import create_app
from sendwatch.web.cache import CURRENCY, NATIONAL, Cache
from sendwatch.web.data import Site
from tests.support.web import TestClient
from tests.support.web_documents import store_document, store_letter


def fresh(site: Site, key: object) -> bool:
    entry = site.cache.get(key)
    return entry is not None and not entry.stale


def store_older_letter(store) -> None:
    """A second letter about Barnet, dated before the first (the record's currency, the
    latest document's date, stays where it was)."""
    text = "A letter about Barnet, dated 1 March 2021."
    event = Event(local_area="Barnet", kind="wsoa_accepted")
    event.put("date", "2021-03-01", (text.index("1 March"), text.index("1 March") + 12))
    extraction = Extraction(
        source="older.txt",
        document_type="inspection_letter",
        document_date="2021-03-01",
        local_areas=["Barnet"],
        events=[event],
    )
    store_document(store, text, extraction, name="older.txt")


def test_a_new_document_recomputes_only_its_area(store) -> None:
    import_official(store)
    store_letter(store)
    site = Site(store, check_every=0)
    site.national()
    assert fresh(site, ("summary", "Barnet")) and fresh(site, ("summary", "Camden"))
    store_older_letter(store)  # Barnet only
    touched = site.refresh(full=False)  # the light look the background thread takes
    assert touched is not None and "Barnet" in touched and NATIONAL in touched
    assert "Camden" not in touched and CURRENCY not in touched
    assert not fresh(site, ("summary", "Barnet")) and not fresh(site, "national")
    assert fresh(site, ("summary", "Camden")) and fresh(site, ("timeline", "Camden"))
    # What the site then shows equals a rebuild from nothing.
    assert site.national() == Site(store, check_every=0).national()
    assert site.area("barnet") == Site(store, check_every=0).area("barnet")


def test_a_newer_document_moves_the_currency_of_every_status(store) -> None:
    import_official(store)
    site = Site(store, check_every=0)
    site.national()
    store_letter(store)  # the first document: the record's documents now reach April 2023
    touched = site.refresh(full=False)
    assert touched is not None and CURRENCY in touched
    assert not fresh(site, ("summary", "Camden"))  # its status says how current it is
    assert fresh(site, ("timeline", "Camden"))  # its history is untouched
    assert site.national() == Site(store, check_every=0).national()


def test_a_change_in_place_is_seen(store) -> None:
    """import-official updates rows in place: same ids, same counts, new values."""
    import_official(store)
    site = Site(store, check_every=0)
    site.national()
    with store.session() as session, session.begin():
        area_id = session.query(schema.Area.id).filter_by(name="Camden").scalar()
        first = session.query(schema.Event.id).filter_by(area_id=area_id).order_by("id").first()[0]
        session.execute(update(schema.Event).where(schema.Event.id == first).values(note="changed"))
    touched = site.refresh()
    assert touched is not None and "Camden" in touched and "Barnet" not in touched


def test_a_change_to_a_predecessor_reaches_its_successor(store) -> None:
    import_official(store)
    site = Site(store, check_every=0)
    site.refresh()
    with store.session() as session, session.begin():
        area_id = session.query(schema.Area.id).filter_by(name="Cumbria").scalar()
        session.add(schema.Event(area_id=area_id, kind="inspection", dataset="t", dataset_row=1))
    touched = site.refresh()
    assert touched is not None
    assert {"Cumbria", "Cumberland", "Westmorland and Furness"} <= touched


def test_a_stale_value_is_served_while_one_thread_rebuilds() -> None:
    cache = Cache(max_bytes=1_000_000)
    cache.fetch("k", lambda: "old")
    cache.invalidate({"x"})  # entries without deps go stale on any change
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return "new"

    builder = threading.Thread(target=lambda: cache.fetch("k", slow))
    builder.start()
    started.wait(5)
    assert cache.fetch("k", lambda: "never") == "old"  # not kept waiting
    release.set()
    builder.join(5)
    assert cache.fetch("k", lambda: "never") == "new"
    # Without serving stale values (the tests' setting), a caller waits for the new one.
    cache.invalidate(None)
    assert cache.fetch("k", lambda: "newer", serve_stale=False) == "newer"


def test_the_cache_is_warmed_in_the_background_at_start_up(store) -> None:
    import_official(store)
    store_letter(store)
    app = create_app(store, check_every=0.2)
    site = app.state.site
    with TestClient(app) as c:
        assert site.warm.wait(60), "the cache was not warmed"
        assert fresh(site, "national") and fresh(site, ("summary", "Barnet"))
        assert "Barnet" in c.get("/areas/barnet").text
        # A new claim is noticed, and its area rebuilt, without a request asking.
        before = site.cache.get(("summary", "Camden")).value["row"]["events"]
        with store.session() as session, session.begin():
            area_id = session.query(schema.Area.id).filter_by(name="Camden").scalar()
            session.add(
                schema.Event(
                    area_id=area_id,
                    kind="inspection",
                    framework="2023",
                    visit_start="2026-01-05",
                    dataset="t",
                    dataset_row=2,
                )
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            entry = site.cache.get(("summary", "Camden"))
            if entry is not None and not entry.stale and entry.value["row"]["events"] > before:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the change was not picked up in the background")
    assert site._thread is None  # stopped with the app
