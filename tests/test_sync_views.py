"""After a sync that brings a new report: the area's page, status, feeds and `areas` show it,
with the day the area was checked against Ofsted's site."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from bs4 import BeautifulSoup
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from sendwatch import views
from sendwatch.cli import app
from sendwatch.currency import record_currency
from sendwatch.db import Store
from sendwatch.official import import_official
from sendwatch.register import load_register
from sendwatch.sync import Fetcher, last_checked, sync
from sendwatch.web.app import create_app
from tests.support.ofsted_site import OfstedSite, build
from tests.support.web import TestClient


def after_code(store: Store) -> str:
    return views.area_status(store, "Rutland", date.today()).code


@pytest.fixture
def site() -> Iterator[OfstedSite]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    s = OfstedSite(server)
    build(s, None)
    yield s
    server.clear()
    server.stop()


def test_a_new_report_shows_everywhere_with_checked_on(store: Store, site: OfstedSite) -> None:
    import_official(store)
    today = date.today()
    before = views.area_status(store, "Rutland", today).to_json()
    with TestClient(create_app(store, check_every=0)) as client:
        page = BeautifulSoup(client.get("/areas/rutland").text, "lxml")
        assert "Not yet checked against Ofsted" in page.select_one("#ofsted-check").get_text()
        feed_before = client.get("/feeds/areas/rutland.atom").text

        with Fetcher(delay=0, sleep=lambda s: None) as fetcher:
            report = sync(
                store,
                areas=[load_register().resolve("Rutland")],
                base_url=site.base,
                fetcher=fetcher,
            )
        assert report.exit_code == 0
        (new,) = report.files("stored")
        assert report.areas[0].stage_change == (before["stage"]["code"], after_code(store))
        checked = last_checked(store)["rutland"]

        page = BeautifulSoup(client.get("/areas/rutland").text, "lxml")
        line = page.select_one("#ofsted-check").get_text()
        assert f"Checked against Ofsted's report site on {checked:%-d %B %Y}" in line
        assert page.select_one(f'a[href="/documents/{new.document_id}"]') is not None
        api = client.get("/api/v1/areas/rutland").json()
        assert api["checked_against_ofsted"] == checked.isoformat()
        row = next(r for r in client.get("/api/v1/areas").json()["areas"] if r["slug"] == "rutland")
        assert row["checked_against_ofsted"] == checked.isoformat()
        assert row["latest_date"].startswith("2024-02")
        overview = BeautifulSoup(client.get("/").text, "lxml").select_one("#ofsted-check")
        assert overview is not None and "1 of 153 areas" in overview.get_text()

        feed = client.get("/feeds/areas/rutland.atom").text
        assert (
            f"/documents/{new.document_id}" in feed
            and f"/documents/{new.document_id}" not in feed_before
        )
        assert feed.count("<entry>") > feed_before.count("<entry>")
        assert f"/documents/{new.document_id}" in client.get("/feeds/national.atom").text

        doc = client.get(f"/api/v1/documents/{new.document_id}").json()
        (source,) = doc["fetched_from"]
        assert source["link"] == site.file_url("1004")
        assert source["label"] == "Area SEND full inspection, pdf - 10 April 2024"
        assert "Where it came from" in client.get(f"/documents/{new.document_id}").text

    # The record's currency counts Rutland's record complete to the day it was checked.
    currency = record_currency(store, today)
    assert dict(currency.checked)["Rutland"] == checked.date()
    assert currency.complete_to("Rutland") == min(checked.date(), today)

    after = views.area_status(store, "Rutland", today).to_json()
    assert after["stage"]["code"] != before["stage"]["code"]

    result = CliRunner().invoke(app, ["--db", store.url, "areas", "--format", "json"])
    rutland = next(r for r in json.loads(result.stdout) if r["area"] == "Rutland")
    assert rutland["checked_against_ofsted"] == checked.isoformat()
    assert rutland["latest_date"].startswith("2024-02")
