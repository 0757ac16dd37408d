"""Every page of the site parsed and checked the same way: one title, unique ids, escaping.

Runs on SQLite and PostgreSQL (the ``store`` fixture). A document whose text, name and
findings carry ``<script>alert(1)</script>`` must show it as text everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from sendwatch.register import load_register
from sendwatch.web.app import create_app, segments
from tests.support.web import TestClient, site
from tests.support.web_documents import HOSTILE, LETTER, store_letter


@pytest.fixture
def client(store) -> Iterator[tuple[TestClient, int]]:
    """The site on the national record and one hostile inspection letter for Barnet."""
    with site(store) as pair:
        yield pair


def check_page(html: str) -> BeautifulSoup:
    """The checks every page passes; returns the parsed page for more."""
    soup = BeautifulSoup(html, "lxml")
    assert soup.html is not None and soup.html.get("lang") == "en"
    titles = soup.find_all("title")
    # SVG pictures carry their own <title> elements; the document has exactly one.
    page_titles = [t for t in titles if t.find_parent("svg") is None]
    assert len(page_titles) == 1 and page_titles[0].get_text(strip=True)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert len(soup.find_all("h1")) == 1
    assert soup.find("main", id="main-content") is not None
    feeds = soup.select('link[rel="alternate"][type="application/atom+xml"]')
    assert len(feeds) == 1 and feeds[0]["href"].endswith(".atom")
    for script in soup.find_all("script"):
        assert "alert(" not in script.get_text(), "document text became a script"
    # No inline script, style or event handler: a Content-Security-Policy can forbid them.
    sources = [s.get("src") for s in soup.find_all("script")]
    assert sources[-1] == "/static/app.js" and all(
        src and src.startswith("/static/") for src in sources
    ), sources
    assert not soup.find_all("style") and not soup.select("[style]")
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    return soup


def pages(document_id: int) -> list[str]:
    return [
        "/",
        "/areas/barnet",
        "/areas/west-northamptonshire",
        "/areas/northamptonshire",
        "/documents",
        f"/documents/{document_id}",
        "/search",
        "/search?q=autism+waiting+times",
        "/search?q=%3Cscript%3E",
        "/methodology",
        "/areas",
        "/areas?region=North+West&outcome=systemic_failings",
        "/areas?as_of=2018-06-01",
        "/due",
        "/overdue",
        "/compare?area=stockport&area=cheshire-east&area=barnet",
        "/compare",
        "/find?q=stokport",
        "/glossary",
        "/accessibility",
        "/statistics",
        "/themes",
        "/context",
        "/statistics?framework=2016",
        "/areas/cheshire-east?as_of=2018-06-01",
        "/?as_of=2019-01-01",
    ]


def test_every_page_is_well_formed_with_a_unique_title(client) -> None:
    c, document_id = client
    titles = []
    for path in pages(document_id):
        response = c.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        soup = check_page(response.text)
        titles.append(soup.title.get_text(strip=True))
    assert len(set(titles)) == len(titles), titles


@pytest.mark.parametrize("path", ["/documents/{id}", "/areas/barnet", "/search?q=website"])
def test_hostile_text_is_shown_as_text(client, path: str) -> None:
    c, document_id = client
    response = c.get(path.format(id=document_id))
    soup = check_page(response.text)
    assert HOSTILE in soup.get_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text
    assert soup.find("b") is None  # "<b>clear</b>" in the letter stays text


def test_document_page_marks_every_evidence_span(client) -> None:
    c, document_id = client
    soup = check_page(c.get(f"/documents/{document_id}").text)
    text = soup.select_one(".app-document-text")
    assert text is not None
    # The whole text is there, in order, with nothing added.
    assert text.get_text() == LETTER
    marks = {m["id"]: m.get_text() for m in text.select("mark[id]")}
    start = LETTER.index("6 March 2023")
    assert marks[f"span-{start}"] == "6 March 2023"
    weakness = LETTER.index("Families wait too long")
    assert marks[f"span-{weakness}"].startswith("Families wait too long")
    # Each evidence link on the page points at a mark that exists.
    for link in soup.select('a[href^="#span-"]'):
        assert soup.find(id=link["href"][1:]) is not None


def test_area_page_shows_status_findings_and_evidence_links(client) -> None:
    c, document_id = client
    soup = check_page(c.get("/areas/barnet").text)
    assert soup.h1.get_text(strip=True) == "Barnet"
    status = soup.select_one(".app-status")
    assert status is not None and "Barnet" in status.get_text()
    headings = [h.get_text(" ", strip=True) for h in soup.select(".app-timeline-list__item h4")]
    assert any(
        h.startswith("Significant weaknesses and areas for priority action (2)") for h in headings
    )
    assert any(h.startswith("Strengths (1)") for h in headings)
    links = [a["href"] for a in soup.select(f'a[href^="/documents/{document_id}#span-"]')]
    weakness = LETTER.index("Families wait too long")
    assert f"/documents/{document_id}#span-{weakness}" in links
    document = check_page(c.get(f"/documents/{document_id}").text)
    for href in links:
        assert document.find(id=href.split("#")[1]) is not None, href
    assert soup.select_one('link[rel="alternate"]')["href"] == "/feeds/areas/barnet.atom"
    assert soup.select_one("svg.app-timeline") is not None


def test_area_page_links_predecessors(client) -> None:
    c, _ = client
    soup = check_page(c.get("/areas/west-northamptonshire").text)
    assert soup.select_one('a[href="/areas/northamptonshire"]') is not None
    back = check_page(c.get("/areas/northamptonshire").text)
    assert back.select_one('a[href="/areas/west-northamptonshire"]') is not None


def test_overview_has_counts_map_chart_and_regions(client) -> None:
    c, _ = client
    soup = check_page(c.get("/").text)
    current = [a for a in load_register().current]
    tiles = soup.select("svg.app-map a")
    assert len(tiles) == len(current)
    assert {a["href"] for a in tiles} == {f"/areas/{a.slug}" for a in current}
    # Each tile is named by its <title>: the area and its category.
    assert all(a.title and a.title.get_text().split(":")[0] for a in tiles)
    counts = [int(n.get_text()) for n in soup.select(".app-counts__number")]
    assert sum(counts) == len(current)
    assert soup.select_one('svg.app-chart[role="img"]') is not None
    regions = soup.select("#regions-heading ~ table tbody tr")
    assert len(regions) == len({a.region for a in current})
    # Every count links to the list of the areas it counts.
    links = [a["href"] for a in soup.select(".app-counts a")]
    assert len(links) == len(counts) and all(h.startswith("/areas?category=") for h in links)
    for row in regions:
        region = row.th.get_text(strip=True)
        assert row.th.a["href"] == "/areas?region=" + region.replace(" ", "%20")
        for link in row.select(".app-region-results a"):
            listed = c.get(link["href"]).text
            number = int(link.get_text(" ", strip=True).split()[0])
            assert f'<h2 class="govuk-heading-m" id="results-heading">{number} area' in listed
    stages = soup.select('#stages ~ table a[href^="/areas?stage="]')
    assert stages and all(int(a.get_text(" ", strip=True).split()[0]) > 0 for a in stages)
    assert soup.select_one('a[href="/areas.csv"]') is not None


def test_search_page_finds_and_links_to_the_evidence(client) -> None:
    c, document_id = client
    soup = check_page(c.get("/search", params={"q": "autism assessment waiting times"}).text)
    hits = soup.select(".app-search-hit")
    assert len(hits) >= 1
    first = hits[0]
    assert "Barnet" in first.get_text()
    assert first.select("mark"), "query words are highlighted"
    start = LETTER.index("Families wait too long")
    assert first.select_one(f'a[href="/documents/{document_id}#span-{start}"]') is not None
    empty = check_page(c.get("/search").text)
    assert not empty.select(".app-search-hit")
    assert empty.select_one('input[name="q"]') is not None


def test_html_errors_are_gov_uk_pages(client) -> None:
    c, _ = client
    for path in ("/areas/atlantis", "/documents/999999", "/no/such/page", "/documents/99999999999"):
        response = c.get(path)
        assert response.status_code == 404, path
        soup = check_page(response.text)
        assert soup.title.get_text().startswith("Error: Page not found")
        assert soup.h1.get_text(strip=True) == "Page not found"
    response = c.get("/search", params={"page": "0"})
    assert response.status_code == 422
    check_page(response.text)


def test_pages_follow_the_store(store) -> None:
    app = create_app(store, check_every=0)
    with TestClient(app) as c:
        assert "No inspection of Barnet is on record yet." in c.get("/areas/barnet").text
        store_letter(store)
        page = c.get("/areas/barnet").text
        assert "No inspection of Barnet is on record yet." not in page
        assert "Families wait too long" in page


def test_segments_split_overlapping_spans_so_each_start_has_an_anchor() -> None:
    pieces = segments("abcdefgh", [[1, 5], [3, 7]])
    assert "".join(p["text"] for p in pieces) == "abcdefgh"
    assert [p["id"] for p in pieces if p["id"]] == ["span-1", "span-3"]
    assert [p["text"] for p in pieces if p["mark"]] == ["bc", "de", "fg"]
    assert re.sub(r"\s", "", segments("a\x0cb\x01c", [])[0]["text"]) == "abc"


def test_area_page_names_the_partnership_bodies(store, shared) -> None:
    """The bodies the latest report names are on the area page, linked to their words."""
    from sendwatch.ingest import ingest
    from sendwatch.official import import_official
    from sendwatch.web.app import create_app
    from tests.support.web import TestClient

    import_official(store)
    ingest(store, [shared / "corpus" / "area-send-2023" / "plymouth-2023-08-22.pdf"], 10**8)
    html = TestClient(create_app(store)).get("/areas/plymouth").text
    soup = check_page(html)
    keys = [dt.get_text(strip=True) for dt in soup.select(".govuk-summary-list__key")]
    assert "Local authority" in keys and "Integrated care board" in keys
    link = soup.select_one('.govuk-summary-list__value a[href^="/documents/"]')
    assert link is not None and link.get_text(strip=True) == "Plymouth City Council"


def test_area_page_says_which_rules_rest_on_a_secondary_source(client) -> None:
    c, _ = client
    soup = check_page(c.get("/areas/stockport").text)
    reasons = {
        li.get_text(" ", strip=True).split(" ")[0]: li.get_text(" ", strip=True)
        for li in soup.select("li")
        if li.get_text(strip=True).startswith("framework20")
    }
    assert "secondary source" not in reasons["framework2016.wsoa_required"]
    assert "secondary source" in reasons["framework2016.revisit_due"]
