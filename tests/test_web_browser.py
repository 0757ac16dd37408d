"""The site in a real browser: Debian's headless Chromium driven by Playwright.

uvicorn serves the app (with `sendwatch serve`'s HTTP protocol) on a free loopback port in
a thread, behind a strict Content-Security-Policy (no inline script or style), once for
the whole module. Every page
type is loaded once at each of 320, 768 and 1280 px: no sideways scrolling, axe-core at
WCAG 2.2 AA with zero violations, no CSP violation, and a screenshot kept in
test-artifacts/. Then the tasks people come for, done as they would do them.
"""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from sendwatch import schema
from sendwatch.official import import_official
from sendwatch.register import load_register
from sendwatch.web.app import STATIC, create_app
from sendwatch.web.server import HttpProtocol
from tests.support.web_documents import HOSTILE, LETTER, store_letter

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 768, 1280)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's Chromium is not at /usr/bin/chromium (make browser)"
    ),
    pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing (make setup)"),
    pytest.mark.skipif(
        not (STATIC / "govuk" / "govuk-frontend.min.css").exists(),
        reason="GOV.UK Frontend assets are not built (make setup)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_csp(app: Any) -> Any:
    """The app behind a Content-Security-Policy that forbids inline script and style."""

    async def wrapped(scope: dict, receive: Any, send: Any) -> None:
        async def send_with_header(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_header)

    return wrapped


@pytest.fixture(scope="module")
def site(_migrated) -> Iterator[tuple[str, int]]:
    """The app served on loopback, on the national record and one hostile letter (once)."""
    store = _migrated
    with store.engine.begin() as conn:
        for table in reversed(schema.Base.metadata.sorted_tables):
            conn.execute(table.delete())
    import_official(store)
    document_id = store_letter(store)
    port = free_port()
    app = with_csp(create_app(store, check_every=60))
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=HttpProtocol
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", document_id
    server.should_exit = True
    thread.join(timeout=10)


class Watched:
    """A page with its CSP violations and script errors collected."""

    def __init__(self, context: Any):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(m.text)
                if m.type == "error"
                and ("Content Security Policy" in m.text or "Refused" in m.text)
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))


def audit(page: Any, name: str) -> list[str]:
    """What is wrong with the page on screen: sideways scrolling and axe-core's violations.
    Takes its screenshot either way."""
    problems = []
    overflow = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth, "
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1 && getComputedStyle(e).position !== 'absolute')"
        ".slice(0, 3).map(e => e.tagName + '.' + e.className)]"
    )
    if overflow[0] > overflow[1]:
        problems.append(f"{name}: scrolls sideways ({overflow[0]} > {overflow[1]}): {overflow[2]}")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    problems += [
        f"{name}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:4]}"
        for v in result["violations"]
    ]
    if not result["passes"]:
        problems.append(f"{name}: axe ran no checks")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return problems


def page_types(document_id: int) -> list[tuple[str, str]]:
    """One address of every page type, with the name its screenshot takes."""
    return [
        ("home", "/"),
        ("home-as-of", "/?as_of=2019-01-01"),
        ("areas", "/areas"),
        ("areas-filtered", "/areas?region=North+West&outcome=systemic_failings"),
        ("area", "/areas/barnet"),
        ("area-long-history", "/areas/stockport"),
        ("area-as-of", "/areas/cheshire-east?as_of=2018-06-01"),
        ("document", f"/documents/{document_id}"),
        ("documents", "/documents"),
        ("search-form", "/search"),
        ("search-results", "/search?q=autism+assessment+waiting+times"),
        ("search-area", "/search?q=stockport"),
        ("find-suggestions", "/find?q=chesire"),
        ("due", "/due"),
        ("overdue", "/overdue"),
        ("compare", "/compare?area=stockport&area=cheshire-east&area=barnet&area=oldham"),
        ("compare-form", "/compare"),
        ("glossary", "/glossary"),
        ("accessibility", "/accessibility"),
        ("methodology", "/methodology"),
        ("statistics", "/statistics?framework=2016"),
        ("themes", "/themes"),
        ("themes-resolution", "/themes/resolution"),
        ("themes-findings", "/themes/findings?theme=neurodevelopmental"),
        ("context", "/context"),
        ("as-of-error", "/as-of?path=/areas/barnet&as_of-day=31&as_of-month=2&as_of-year=2019"),
        ("not-found", "/areas/nowhere"),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_fits_and_passes_axe(site, browser, width: int) -> None:
    base, document_id = site
    context = browser.new_context(viewport={"width": width, "height": 900})
    watched = Watched(context)
    problems = []
    for name, path in page_types(document_id):
        watched.page.goto(base + path)
        problems += audit(watched.page, f"{name}-{width}")
    context.close()
    problems += watched.problems
    assert problems == [], "\n".join(problems)


def test_map_tiles_are_at_least_24_px_at_every_width(site, browser) -> None:
    base, _ = site
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(base + "/")
        smallest = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('svg.app-map rect')]"
            ".map(r => r.getBoundingClientRect()).map(b => Math.min(b.width, b.height)))"
        )
        assert smallest >= 24, f"a map square is {smallest:.1f} px at {width} px"
        context.close()


def test_timeline_is_a_vertical_list_on_small_screens(site, browser) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(base + "/areas/stockport")
    assert not page.locator("svg.app-timeline").is_visible()
    items = page.locator(".app-timeline-list__item")
    assert items.count() >= 2
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 1
    context.close()


def test_area_page_evidence_link_opens_the_highlighted_passage(site, browser) -> None:
    base, document_id = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/areas/barnet")
    page.locator(f'main a[href^="/documents/{document_id}#span-"]:visible').first.click()
    page.wait_for_url(f"{base}/documents/{document_id}#span-*")
    target = page.locator("mark:target")
    assert target.count() == 1
    assert LETTER.count(target.inner_text()) >= 1
    # The hostile line is on screen as text, and never ran.
    assert HOSTILE in page.locator(".app-document-text").inner_text()
    assert page.evaluate("document.querySelectorAll('.app-document-text script').length") == 0
    context.close()


def test_following_the_feed_link(site, browser) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/areas/barnet")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert href == "/feeds/areas/barnet.atom"
    response = page.request.get(base + href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert '<feed xmlns="http://www.w3.org/2005/Atom">' in response.text()
    # The visible link says the same.
    assert page.get_by_role("link", name="Atom feed for Barnet").get_attribute("href") == href
    context.close()


def test_the_themes_form_filters_and_a_number_opens_its_findings(site, browser) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/themes")
    page.get_by_label("Framework").select_option("2023")
    page.get_by_role("button", name="Show themes").click()
    page.wait_for_url("**/themes?framework=2023*")
    assert audit(page, "themes-2023-1280") == []
    page.locator('td a[href^="/themes/findings"]').first.click()
    page.wait_for_url("**/themes/findings?*")
    assert page.locator(".app-search-hit mark").count() >= 1
    context.close()


# Tasks --------------------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_stockport_in_two_actions_from_the_home_page(site, browser, javascript: bool) -> None:
    """Type "stockport" (one action), press Enter (two): Stockport's page."""
    base, _ = site
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(base + "/")
    field = page.get_by_label("Find your local area")
    field.press_sequentially("stockport", delay=20)  # action 1: typing
    if javascript:
        # The suggestions come up, Stockport first.
        option = page.locator(".autocomplete__option").first
        option.wait_for()
        assert option.inner_text() == "Stockport"
        page.screenshot(path=str(ARTIFACTS / "task-stockport-suggestions.png"))
    field.press("Enter")  # action 2
    page.wait_for_url(base + "/areas/stockport")
    assert page.locator("h1").inner_text() == "Stockport"
    context.close()


def expected_north_west_systemic() -> set[str]:
    """North West areas whose latest full inspection found widespread or systemic failings,
    read straight from the bundled data (the compiled record and the 2026 scrape of
    Ofsted's reports), not through the site."""
    register = load_register()
    data = ROOT / "src" / "sendwatch" / "data"
    found: list[tuple[str, str, str]] = []  # (area, visit start, outcome)
    record = csv.DictReader(io.StringIO((data / "national_record.csv").read_text("utf-8")))
    for row in record:
        area = register.find(row["local_area"])
        if row["event"] == "inspection" and area is not None:
            found.append((area.name, row["visit_start"], row["outcome"]))
    scrape = data / "ofsted_2023_framework_latest_reports_2026-06.csv"
    for row in csv.DictReader(io.StringIO(scrape.read_text("utf-8"))):
        area = register.find(f"urn {row['ofsted_urn']}")
        if area is not None:
            found.append((area.name, row["visit_start"], row["outcome"]))
    latest: dict[str, tuple[str, str]] = {}
    for name, start, outcome in found:
        if start >= latest.get(name, ("", ""))[0]:
            latest[name] = (start, outcome)
    north_west = {a.name for a in register.current if a.region == "North West"}
    return {
        name
        for name, (_, outcome) in latest.items()
        if name in north_west and outcome.startswith("widespread")
    }


def test_north_west_systemic_failings_as_csv(site, browser) -> None:
    """From the home page: the North West's areas with widespread or systemic failings,
    downloaded as CSV."""
    base, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_role("link", name="see every local area in a list").click()
    page.get_by_label("Region").select_option("North West")
    page.get_by_label("Outcome of the latest full inspection").select_option(
        label="Widespread or systemic failings"
    )
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/areas?*region=North+West*")
    shown = {t.strip() for t in page.locator("tbody th a").all_inner_texts()}
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list (CSV)").click()
    body = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    expected = expected_north_west_systemic()
    assert len(expected) >= 3
    assert {r["area"] for r in rows} == expected == shown
    assert all(r["region"] == "North West" for r in rows)
    assert all(r["inspection_outcome"] == "systemic_failings" for r in rows)
    assert download.value.suggested_filename.endswith(".csv")
    context.close()


def test_cheshire_east_as_it_stood_on_1_june_2018(site, browser) -> None:
    base, _ = site
    context = browser.new_context(viewport={"width": 768, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    field = page.get_by_label("Find your local area")
    field.fill("Cheshire East")
    field.press("Enter")
    page.wait_for_url(base + "/areas/cheshire-east")
    page.get_by_text("See this page as it stood on a past date").click()
    page.get_by_role("textbox", name="Day").fill("1")
    page.get_by_role("textbox", name="Month").fill("6")
    page.get_by_role("textbox", name="Year").fill("2018")
    page.get_by_role("button", name="Show this page on that date").click()
    page.wait_for_url(base + "/areas/cheshire-east?as_of=2018-06-01")
    assert "as it stood on 1 June 2018" in page.locator(".app-currency").inner_text()
    status = page.locator(".app-status").inner_text()
    assert "Must write an action plan" in status
    history = page.locator(".app-timeline-list").inner_text()
    assert "2018" in history and "2021" not in history  # the 2021 revisit had not happened
    page.screenshot(path=str(ARTIFACTS / "task-cheshire-east-2018.png"), full_page=True)
    context.close()
