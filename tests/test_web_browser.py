"""The site in a real browser: Debian's headless Chromium driven by Playwright.

uvicorn serves the app on a free loopback port in a thread. Each page type is checked with
axe-core at WCAG 2.2 AA (zero violations) and photographed into test-artifacts/.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from sendwatch.official import import_official
from sendwatch.web.app import STATIC, create_app
from tests.support.web_documents import HOSTILE, LETTER, store_letter

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
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
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def site(store) -> Iterator[tuple[str, int]]:
    """The app served on loopback, on the national record and one hostile letter."""
    import_official(store)
    document_id = store_letter(store)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store, check_every=0), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", document_id
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser):
    # axe-core is injected as an inline script, which the site's Content-Security-Policy
    # refuses (tests/test_web_csp_browser.py checks the policy in an ordinary context).
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def check(page, name: str) -> None:
    """Zero axe-core violations at WCAG 2.2 AA, and a screenshot as a test artefact."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert problems == [], "\n".join(problems)
    assert result["passes"], "axe ran its checks"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_map_leads_to_an_area(site, page) -> None:
    base, _ = site
    page.goto(base + "/")
    assert page.title() == "Local area SEND inspections in England – sendwatch"
    check(page, "overview")
    page.locator('svg.app-map a[href="/areas/barnet"]').click()
    page.wait_for_url(base + "/areas/barnet")
    assert page.locator("h1").inner_text() == "Barnet"


def test_area_page_evidence_link_opens_the_highlighted_passage(site, page) -> None:
    base, document_id = site
    page.goto(base + "/areas/barnet")
    check(page, "area")
    page.locator(f'a[href^="/documents/{document_id}#span-"]').first.click()
    page.wait_for_url(f"{base}/documents/{document_id}#span-*")
    target = page.locator("mark:target")
    assert target.count() == 1
    assert LETTER.count(target.inner_text()) >= 1
    check(page, "document")
    # The hostile line is on screen as text, and never ran.
    assert HOSTILE in page.locator(".app-document-text").inner_text()
    assert page.evaluate("document.querySelectorAll('.app-document-text script').length") == 0


def test_search_from_the_form(site, page) -> None:
    base, _ = site
    page.goto(base + "/search")
    check(page, "search-form")
    page.get_by_label("Words to find in inspectors' findings").fill(
        "autism assessment waiting times"
    )
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=*")
    hits = page.locator(".app-search-hit")
    assert hits.count() >= 1
    assert "Barnet" in hits.first.inner_text()
    check(page, "search-results")


def test_following_the_feed_link(site, page) -> None:
    base, _ = site
    page.goto(base + "/areas/barnet")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    assert href == "/feeds/areas/barnet.atom"
    response = page.request.get(base + href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert '<feed xmlns="http://www.w3.org/2005/Atom">' in response.text()
    # The visible link says the same.
    visible = page.get_by_role("link", name="Atom feed for Barnet")
    assert visible.get_attribute("href") == href


def test_the_themes_form_filters_and_a_number_opens_its_findings(site, page) -> None:
    base, _ = site
    page.goto(base + "/themes")
    page.get_by_label("Framework").select_option("2023")
    page.get_by_role("button", name="Show themes").click()
    page.wait_for_url("**/themes?framework=2023*")
    check(page, "themes-2023")
    page.locator('td a[href^="/themes/findings"]').first.click()
    page.wait_for_url("**/themes/findings?*")
    assert page.locator(".app-search-hit mark").count() >= 1


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/methodology", "methodology"),
        ("/documents", "documents"),
        ("/areas/nowhere", "not-found"),
        ("/themes", "themes"),
        ("/themes/resolution", "themes-resolution"),
        ("/themes/findings?theme=neurodevelopmental", "themes-findings"),
        ("/context", "context"),
        ("/areas/stockport", "area-context"),
    ],
)
def test_other_pages_are_accessible(site, page, path: str, name: str) -> None:
    base, _ = site
    page.goto(base + path)
    check(page, name)
