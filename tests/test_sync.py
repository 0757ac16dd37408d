"""`sync` against a reproduction of Ofsted's report site on a real HTTP server.

Nothing here leaves the machine: the site is tests/support/ofsted_site.py on a loopback
port. The rate limit is off (delay 0) and back-off waits are recorded, not slept, so that a
Retry-After of minutes costs nothing; a slow answer is a real one, against a short timeout.
"""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.register import load_register
from sendwatch.sync import Fetcher, last_checked, sources_of, sync
from sendwatch.sync.fetch import retry_after
from sendwatch.sync.pages import AREA_SEND, OTHER, UNKNOWN, classify, parse_label
from tests.conftest import SHARED
from tests.support.ofsted_site import WRITTEN, Fault, OfstedSite, build, written

SEND_AREAS = [w[0] for w in WRITTEN]


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    if s.is_running():
        s.stop()


@pytest.fixture
def site(server: HTTPServer) -> OfstedSite:
    """The site with the documents written for the tests (no real ones)."""
    s = OfstedSite(server)
    build(s, None)
    return s


def fetcher(**options) -> Fetcher:
    waits: list[float] = []
    defaults = {"delay": 0.0, "timeout": 2.0, "retries": 2, "backoff": 0.5}
    return Fetcher(**(defaults | options), sleep=waits.append)


def areas(*names: str):
    return [load_register().resolve(n) for n in names]


def run(store: Store, site: OfstedSite, *names: str, **options):
    chosen = areas(*names) if names else None
    with fetcher(**options) as f:
        return sync(store, areas=chosen, base_url=site.base, fetcher=f)


def stored(store: Store) -> dict[str, str]:
    """sha256 -> document type of every stored document."""
    with store.session() as session:
        rows = session.execute(select(schema.Document.sha256, schema.Document.document_type))
        return {sha: kind for sha, kind in rows}


def snapshot(store: Store) -> dict[str, object]:
    """The store's content without timestamps and ids: what two runs must agree on."""
    with store.session() as session:
        docs = sorted(
            (d.sha256, d.document_type, d.document_date, d.source_name, d.origin, len(d.events))
            for d in session.scalars(select(schema.Document))
        )
        sources = sorted(
            (s.file_url, s.page_url, s.label, s.label_date, s.outcome, s.sha256, s.reason)
            for s in session.scalars(select(schema.SyncSource))
        )
        pages = sorted(
            (p.url, p.etag, p.publications, p.checked_at is not None, p.error)
            for p in session.scalars(select(schema.SyncPage))
        )
        events = session.query(schema.Event).count()
        findings = session.query(schema.Finding).count()
    return {"documents": docs, "sources": sources, "pages": pages, "counts": (events, findings)}


# Reading the pages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind", "day"),
    [
        ("Area SEND full inspection, pdf - 15 July 2024", AREA_SEND, "2024-07-15"),
        ("Joint local area SEND inspection, pdf - 4 March 2019", AREA_SEND, "2019-03-04"),
        ("Area SEND revisit, PDF – 9 March 2020", AREA_SEND, "2020-03-09"),
        ("Children's services inspection, pdf - 1 June 2022", OTHER, "2022-06-01"),
        ("Focused visit, pdf - 20 November 2021", OTHER, "2021-11-20"),
        ("Joint targeted area inspection, pdf - 1 February 2019", OTHER, "2019-02-01"),
        ("Monitoring inspection, pdf - 14 November 2025", UNKNOWN, "2025-11-14"),
        ("Something new", UNKNOWN, None),
    ],
)
def test_labels_sort_publications_and_give_their_dates(label: str, kind: str, day) -> None:
    title, published = parse_label(label)
    assert published == day
    assert classify(title) == kind


def test_retry_after_reads_seconds_and_dates() -> None:
    from datetime import UTC, datetime

    assert retry_after("120") == 120.0
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after("Thu, 01 Jan 2026 12:01:30 GMT", now) == 90.0
    assert retry_after("soon") is None


# A first and a second sync ----------------------------------------------------------------


def test_first_sync_stores_every_area_send_document_and_nothing_else(
    store: Store, server: HTTPServer
) -> None:
    # With ../shared the site also serves its 20 real reports; without it, only ours.
    site = OfstedSite(server)
    send = build(site, SHARED if (SHARED / "corpus").is_dir() else None)
    assert len(send) >= 4
    report = run(store, site)
    assert report.exit_code == 0, report.to_json()
    assert len(report.areas) == 153
    expected = {hashlib.sha256(site.files[i][0]).hexdigest() for i in send}
    assert set(stored(store)) == expected
    assert set(stored(store).values()) <= {
        "inspection_letter",
        "revisit_letter",
        "area_send_report",
        "monitoring_report",
    }
    # Every document says where it came from: page, link, label and its date.
    with store.session() as session:
        for doc in session.scalars(select(schema.Document)):
            (source,) = sources_of(store, doc.id)
            assert source["link"] == doc.origin
            assert source["link"].startswith(site.base + "/v1/file/")
            assert source["page"].startswith(site.base + "/provider/44/")
            assert source["label"] and source["label_date"]
    # Other inspections were never fetched; the label not known was fetched once and judged.
    per_path = site.per_path()
    for file_id in ("1005", "1006", "1007"):
        assert per_path[f"/v1/file/{file_id}"] == 0
    assert per_path["/v1/file/1008"] == 1
    assert len(last_checked(store)) == 153

    # The second sync downloads nothing and makes at most one request per page.
    site.requests.clear()
    again = run(store, site)
    assert again.exit_code == 0
    assert site.count("/v1/file/") == 0
    assert max(site.per_path().values()) == 1
    assert {a.status for a in again.areas} == {"unchanged"}
    assert again.requests == site.count() == 153 + 2 + 1  # pages, the listing, robots.txt


def test_sync_of_named_areas_visits_only_their_pages(store: Store, site: OfstedSite) -> None:
    report = run(store, site, "Halton", "Calderdale")
    assert [a.status for a in report.areas] == ["checked", "checked"]
    assert site.count("/search") == 0
    assert site.count("/provider/") == 2
    assert {f.status for a in report.areas for f in a.files} == {"stored", "skipped"}
    assert sorted(stored(store).values()) == ["inspection_letter", "revisit_letter"]
    skipped = report.files("skipped")[0]
    assert skipped.label.startswith("Monitoring visit") and "not an area SEND" in skipped.reason


def test_dry_run_lists_what_it_would_fetch_and_stores_nothing(
    store: Store, site: OfstedSite
) -> None:
    report = run_dry(store, site)
    assert len(report.files("would_fetch")) == 3  # Halton's letter, its monitoring visit, Rutland
    assert site.count("/v1/file/") == 0
    assert stored(store) == {}
    assert last_checked(store) == {}


def run_dry(store: Store, site: OfstedSite):
    with fetcher() as f:
        return sync(
            store, areas=areas("Halton", "Rutland"), base_url=site.base, fetcher=f, dry_run=True
        )


# Faults ------------------------------------------------------------------------------------


def test_a_page_not_found_is_reported_and_the_others_go_on(store: Store, site: OfstedSite) -> None:
    site.always(site.page_path("Halton"), Fault(status=404))
    report = run(store, site, "Halton", "Rutland")
    halton, rutland = report.areas
    assert halton.status == "failed" and "404 Not Found" in (halton.reason or "")
    assert rutland.status == "checked"
    assert report.exit_code == 1
    assert set(last_checked(store)) == {"rutland"}


def test_a_server_error_is_retried_with_back_off(store: Store, site: OfstedSite) -> None:
    site.fault(site.page_path("Halton"), Fault(status=500), Fault(status=503))
    with fetcher(retries=2, backoff=0.5) as f:
        report = sync(store, areas=areas("Halton"), base_url=site.base, fetcher=f)
        assert f.waits == [0.5, 1.0]
    assert report.exit_code == 0
    assert "halton" in last_checked(store)


def test_a_server_error_that_lasts_gives_up_with_a_clear_line(
    store: Store, site: OfstedSite
) -> None:
    site.always(site.page_path("Halton"), Fault(status=500))
    report = run(store, site, "Halton", retries=2)
    (halton,) = report.areas
    assert halton.status == "failed"
    assert "500 Internal Server Error; gave up after 3 attempts" in (halton.reason or "")
    assert stored(store) == {} and last_checked(store) == {}


def test_429_waits_as_long_as_retry_after_says(store: Store, site: OfstedSite) -> None:
    site.fault(site.page_path("Rutland"), Fault(status=429, retry_after="7"))
    with fetcher() as f:
        report = sync(store, areas=areas("Rutland"), base_url=site.base, fetcher=f)
        assert f.waits == [7.0]
    assert report.exit_code == 0 and len(stored(store)) == 1


def test_429_asking_too_long_a_wait_is_reported_not_waited(store: Store, site: OfstedSite) -> None:
    site.always(site.page_path("Rutland"), Fault(status=429, retry_after="86400"))
    report = run(store, site, "Rutland")
    assert "asked sendwatch to wait 86400 s" in (report.areas[0].reason or "")
    assert report.exit_code == 1


def test_a_slow_answer_times_out_and_is_asked_again(store: Store, site: OfstedSite) -> None:
    site.fault(site.page_path("Rutland"), Fault(slow=0.6))
    report = run(store, site, "Rutland", timeout=0.2, backoff=0.0)
    assert report.exit_code == 0 and len(stored(store)) == 1
    assert report.requests == 4  # robots.txt, the page timed out, the page again, the report


def test_an_answer_that_never_comes_fails_that_area_only(store: Store, site: OfstedSite) -> None:
    site.always(site.page_path("Rutland"), Fault(slow=0.5))
    report = run(store, site, "Rutland", "Halton", timeout=0.15, retries=1, backoff=0.0)
    rutland, halton = report.areas
    assert rutland.status == "failed" and "no answer within 0.15 s" in (rutland.reason or "")
    assert halton.status == "checked"


def test_a_truncated_pdf_is_reported_stored_nowhere_and_fetched_again(
    store: Store, site: OfstedSite
) -> None:
    site.always("/v1/file/1004", Fault(truncate=True))  # Rutland's report
    report = run(store, site, "Rutland")
    (failed,) = report.files("failed")
    assert "truncated PDF" in (failed.reason or "")
    assert report.exit_code == 1
    assert stored(store) == {} and last_checked(store) == {}
    site.heal("/v1/file/1004")
    again = run(store, site, "Rutland")
    assert again.exit_code == 0 and len(again.files("stored")) == 1
    assert "rutland" in last_checked(store)


def test_a_page_that_stops_listing_publications_is_a_loud_warning(
    store: Store, site: OfstedSite
) -> None:
    run(store, site, "Rutland")
    before = last_checked(store)["rutland"]
    site.changed_layout.add(load_register().resolve("Rutland").ofsted_urn)
    report = run(store, site, "Rutland")
    (rutland,) = report.areas
    assert rutland.status == "warning"
    assert "now yields none" in (rutland.reason or "") and "layout" in (rutland.reason or "")
    assert report.exit_code == 3
    assert last_checked(store)["rutland"] == before


def test_the_same_file_under_two_ids_is_stored_once(store: Store, site: OfstedSite) -> None:
    site.files["2001"] = site.files["1004"]
    site.list_again("Rutland", "2001", "Area SEND full inspection", "2024-04-11")
    report = run(store, site, "Rutland")
    assert sorted(f.status for f in report.areas[0].files) == ["duplicate", "stored"]
    assert len(stored(store)) == 1
    document_id = report.files("stored")[0].document_id
    assert document_id is not None
    assert len(sources_of(store, document_id)) == 2


def test_robots_txt_is_obeyed(store: Store, site: OfstedSite) -> None:
    site.robots = f"User-agent: *\nDisallow: {site.page_path('Halton')}\n"
    report = run(store, site, "Halton", "Rutland")
    assert "robots.txt does not allow" in (report.areas[0].reason or "")
    assert site.count(site.page_path("Halton")) == 0
    assert report.areas[1].status == "checked"


def test_a_file_that_is_area_send_by_label_but_not_by_content_is_not_stored(
    store: Store, site: OfstedSite
) -> None:
    site.publish(
        "Rutland", "2002", "Area SEND full inspection", "2025-01-02", written("ilacs_letter.txt")
    )
    report = run(store, site, "Rutland")
    (skipped,) = report.files("skipped")
    assert "its label says area SEND but it reads as other" in (skipped.reason or "")
    assert len(stored(store)) == 1


# Resuming ------------------------------------------------------------------------------------


def test_sync_again_after_a_partial_sync_equals_one_uninterrupted_run(
    store: Store, site: OfstedSite
) -> None:
    run(store, site, *SEND_AREAS)
    whole = snapshot(store)
    _empty(store)
    # Stopped part-way: Rutland's report and North Somerset's page never arrived.
    site.always("/v1/file/1004", Fault(status=503))
    site.always(site.page_path("North Somerset"), Fault(status=503))
    first = run(store, site, *SEND_AREAS, retries=0)
    assert first.exit_code == 1
    site.heal("/v1/file/1004")
    site.heal(site.page_path("North Somerset"))
    assert run(store, site, *SEND_AREAS).exit_code == 0
    assert snapshot(store) == whole


def _empty(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(schema.Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.mark.parametrize("moment", ["downloading", "reading"])
def test_kill_9_during_a_sync_then_sync_again_equals_an_uninterrupted_run(
    store: Store, site: OfstedSite, moment: str
) -> None:
    run(store, site, *SEND_AREAS)
    whole = snapshot(store)
    _empty(store)
    # The third file asked for: held back until the process is killed ("downloading"), or
    # served and the process killed a moment later, while it reads and stores it.
    asked, release = threading.Event(), threading.Event()
    seen: list[str] = []

    def hook(path: str) -> None:
        if path.startswith("/v1/file/"):
            seen.append(path)
            if len(seen) == 3:
                asked.set()
                if moment == "downloading":
                    release.wait(30)

    site.on_request = hook
    command = [
        sys.executable,
        "-c",
        "from sendwatch.cli import main; main()",
        "--db",
        store.url,
        "sync",
        "--base-url",
        site.base,
        "--delay",
        "0",
        *[arg for name in SEND_AREAS for arg in ("--area", name)],
    ]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        try:
            assert asked.wait(120), "the sync never asked for its third file"
            if moment == "reading":
                threading.Event().wait(0.05)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        finally:
            release.set()
            site.on_request = None
            if process.poll() is None:
                process.kill()
    assert process.returncode == -signal.SIGKILL
    partial = snapshot(store)
    assert len(partial["documents"]) < len(whole["documents"])  # type: ignore[arg-type]
    assert run(store, site, *SEND_AREAS).exit_code == 0
    assert snapshot(store) == whole


# The command --------------------------------------------------------------------------------


def test_the_sync_command_says_what_happened_and_exits_with_it(
    store: Store, site: OfstedSite
) -> None:
    from typer.testing import CliRunner

    from sendwatch.cli import app

    runner = CliRunner()
    base = ["--db", store.url, "sync", "--base-url", site.base, "--delay", "0"]
    dry = runner.invoke(app, [*base, "--area", "Rutland", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would fetch Rutland: Area SEND full inspection, pdf - 10 April 2024" in " ".join(
        dry.stdout.split() + dry.stderr.split()
    )
    assert stored(store) == {}

    site.always(site.page_path("Halton"), Fault(status=404))
    result = runner.invoke(app, [*base, "--area", "Rutland", "--area", "Halton", "--retries", "0"])
    said = " ".join(result.stdout.split() + result.stderr.split())
    assert result.exit_code == 1
    assert "new Rutland: area send report, Area SEND full inspection, pdf - 10 April 2024" in said
    assert "failed Halton: its page" in said and "404 Not Found" in said
    assert "2 areas: 1 checked (0 unchanged), 1 failed" in said

    site.heal(site.page_path("Halton"))
    site.always("/search", Fault(status=500))
    result = runner.invoke(app, [*base, "--format", "json", "--retries", "0"])
    report = json.loads(result.stdout)
    assert result.exit_code == report["exit_code"] == 0
    assert any("search listing failed" in note for note in report["notes"])
    assert len(report["areas"]) == 153
    assert {f["status"] for a in report["areas"] for f in a["files"]} == {"stored", "skipped"}


def test_a_site_that_is_down_fails_every_area_in_one_clear_line_each(store: Store) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    with fetcher() as f:
        report = sync(
            store, areas=areas("Halton", "Rutland"), base_url=f"http://127.0.0.1:{port}", fetcher=f
        )
    assert [a.status for a in report.areas] == ["failed", "failed"]
    for area in report.areas:
        assert "robots.txt could not be read (the connection failed" in (area.reason or "")
    assert report.exit_code == 1 and stored(store) == {} and last_checked(store) == {}


def test_a_document_ingested_from_a_file_gets_its_source_and_is_not_stored_twice(
    store: Store, site: OfstedSite, tmp_path
) -> None:
    from sendwatch.ingest import ingest

    path = tmp_path / "rutland-report.pdf"
    path.write_bytes(site.files["1004"][0])
    assert ingest(store, [path], 10**7).count("stored") == 1
    report = run(store, site, "Rutland")
    (held,) = report.files("stored")
    assert len(stored(store)) == 1
    with store.session() as session:
        doc = session.get(schema.Document, held.document_id)
        assert doc is not None and doc.origin == str(path)  # where it was first read from
    assert sources_of(store, held.document_id)[0]["link"] == site.file_url("1004")


def test_a_page_that_moved_to_a_new_urn_is_found_through_the_listing(
    store: Store, site: OfstedSite
) -> None:
    old = load_register().resolve("Rutland").ofsted_urn
    site.pages["9999999"] = site.pages.pop(old)
    site.names["9999999"] = site.names.pop(old)
    report = run(store, site)
    rutland = next(a for a in report.areas if a.area == "Rutland")
    assert rutland.page.endswith("/provider/44/9999999") and rutland.status == "checked"
    assert site.count(f"/provider/44/{old}") == 0
    site.requests.clear()
    again = run(store, site, "Rutland")
    assert again.areas[0].status == "unchanged"
    assert site.count("/provider/44/9999999") == 1 and site.count(f"/provider/44/{old}") == 0
