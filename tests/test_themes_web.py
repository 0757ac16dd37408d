"""The themes and context pages and API: well formed, every number leads to the findings
behind it, CSV and JSON say the same, and an area page shows its context figures."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.theme_documents import store_theme_documents
from tests.support.web import TestClient, site
from tests.support.web_documents import HOSTILE, LETTER
from tests.test_web_pages import check_page

PAGES = [
    "/themes",
    "/themes?framework=2016",
    "/themes?framework=2023&region=London",
    "/themes/resolution",
    "/themes/resolution?region=North+West",
    "/themes/findings?theme=leadership",
    "/themes/findings?theme=neurodevelopmental&role=priority_action",
    "/context",
]


@pytest.fixture
def client(store) -> Iterator[tuple[TestClient, int]]:
    """The site on the national record, the Barnet letter, and the themes documents (an
    inspection letter, its revisit with verdicts, a monitoring report with verdicts)."""
    with site(store) as pair:
        store_theme_documents(store)
        yield pair


def soup_of(c: TestClient, path: str) -> BeautifulSoup:
    response = c.get(path)
    assert response.status_code == 200, path
    return check_page(response.text)


def test_every_page_is_well_formed(client) -> None:
    c, _ = client
    titles = {p: soup_of(c, p).title.get_text(strip=True) for p in PAGES}
    distinct = ["/themes", "/themes/resolution", "/themes/findings?theme=leadership", "/context"]
    assert len({titles[p] for p in distinct}) == len(distinct)
    assert soup_of(c, "/themes").select_one('svg.app-chart[role="img"] title') is not None


def test_a_form_with_empty_choices_is_all_of_them(client) -> None:
    c, _ = client
    empty = soup_of(c, "/themes?framework=&region=&outcome=&year=&by=")
    assert empty.get_text() == soup_of(c, "/themes").get_text()
    soup_of(c, "/themes/resolution?region=&year=")
    for bad in ("/themes?framework=1999", "/themes?year=20x4", "/themes?by=colour"):
        response = c.get(bad)
        assert response.status_code == 422, bad
        assert "should be" in check_page(response.text).get_text()


def findings_total(c: TestClient, href: str) -> int:
    text = soup_of(c, href).select_one("main p.govuk-body").get_text(" ", strip=True)
    return int(re.match(r"(\d+) finding", text).group(1))


@pytest.mark.parametrize(
    "page", ["/themes", "/themes?by=year&framework=2016", "/themes/resolution"]
)
def test_every_number_leads_to_that_many_findings(client, page: str) -> None:
    c, _ = client
    links = soup_of(c, page).select('td a[href^="/themes/findings"]')
    assert len(links) >= 4
    for a in links:
        number = int(re.match(r"\d+", a.get_text(strip=True)).group())
        assert findings_total(c, a["href"]) == number, a["href"]


def test_the_findings_page_marks_the_words_and_links_the_evidence(client) -> None:
    c, document_id = client
    soup = soup_of(c, "/themes/findings?theme=neurodevelopmental&region=London")
    hit = next(h for h in soup.select(".app-search-hit") if "Barnet" in h.get_text())
    assert [m.get_text() for m in hit.select("mark")][:1] == ["autism"]
    assert "Neurodevelopmental pathways" in hit.get_text()
    start = LETTER.index("Families wait too long")
    assert hit.select_one(f'a[href="/documents/{document_id}#span-{start}"]') is not None
    # A verdict at a revisit links to the words of the revisit letter.
    revisit = soup_of(c, "/themes/findings?role=weakness_revisited&resolved=false")
    assert "2 findings" in revisit.get_text()
    assert revisit.select('a[href*="#span-"]') and "insufficient" in revisit.get_text()


def test_hostile_text_stays_text(client) -> None:
    c, _ = client
    response = c.get("/themes/findings?role=strength")
    assert HOSTILE in check_page(response.text).get_text()
    assert "<script>alert(1)" not in response.text


def test_csv_and_json_say_the_same(client) -> None:
    c, _ = client
    for query in ("", "?framework=2023", "?region=South+West"):
        data = c.get(f"/api/v1/themes{query}").json()
        rows = list(csv.DictReader(io.StringIO(c.get(f"/api/v1/themes.csv{query}").text)))
        assert [r["theme"] for r in rows] == [r["theme"] for r in data["rows"]]
        for r, j in zip(rows, data["rows"], strict=True):
            for column in ("significant_weakness", "priority_action", "revisit_judged"):
                # A role outside the chosen framework is empty in CSV and null in JSON.
                assert (int(r[column]) if r[column] else None) == j[column]
    resolution = c.get("/api/v1/resolution").json()
    rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/resolution.csv").text)))
    for r, j in zip(rows, resolution["rows"], strict=True):
        assert int(r["revisit_judged"]) == j["weakness_revisited"]["judged"]


def test_the_breakdown_sums_to_the_theme_counts(client) -> None:
    c, _ = client
    themes = {r["theme"]: r for r in c.get("/api/v1/themes").json()["rows"]}
    for by in ("region", "year", "framework", "outcome"):
        data = c.get(f"/api/v1/themes/breakdown?by={by}").json()
        for row in data["rows"]:
            whole = themes[row["theme"]]
            expected = whole["significant_weakness"] + whole["priority_action"]
            assert sum(row["counts"].values()) == expected, (by, row["theme"])
        rows = list(
            csv.DictReader(io.StringIO(c.get(f"/api/v1/themes/breakdown.csv?by={by}").text))
        )
        assert [r["theme"] for r in rows] == [r["theme"] for r in data["rows"]]
    assert c.get("/api/v1/themes/breakdown?by=colour").status_code == 422


def test_the_api_lists_the_findings_behind_a_number(client) -> None:
    c, _ = client
    data = c.get("/api/v1/themes").json()
    href = data["findings_href"]["leadership"]
    found = c.get(href + "&role=significant_weakness&limit=1000").json()
    row = next(r for r in data["rows"] if r["theme"] == "leadership")
    assert found["total"] == row["significant_weakness"]
    first = found["findings"][0]
    assert any(t["theme"] == "leadership" and t["words"] for t in first["themes"])
    assert first["evidence"]["dataset"] or first["evidence"]["document_id"]
    assert c.get("/api/v1/findings?theme=nothing").status_code == 422
    assert c.get("/api/v1/themes?year=20x4").status_code == 422


def test_resolution_counts_verdicts_of_revisits(client) -> None:
    c, _ = client
    data = c.get("/api/v1/resolution").json()
    assert data["judged"] > 0
    rows = {r["theme"]: r for r in data["rows"]}
    assert rows["leadership"]["weakness_revisited"] == {"judged": 1, "resolved": 1, "share": 1.0}
    assert rows["ehc_timeliness"]["weakness_revisited"]["resolved"] == 0
    assert rows["neurodevelopmental"]["priority_action_monitored"]["resolved"] == 1
    assert rows["ehc_quality"]["priority_action_monitored"] == {
        "judged": 1,
        "resolved": 0,
        "share": 0.0,
    }
    assert rows["transitions"]["all"]["share"] is None
    unresolved = c.get("/api/v1/findings?role=weakness_revisited&resolved=false").json()
    assert unresolved["total"] == 2
    assert {f["verdict"] for f in unresolved["findings"]} == {"insufficient"}


@pytest.mark.shared
def test_stockport_page_shows_its_20_week_rates_as_published(client, shared: Path) -> None:
    c, _ = client
    with (shared / "data/context/sen2_ehc_plans_2014_2022.csv").open(encoding="utf-8") as f:
        published = {
            r["time_period"]: float(r["inc_exc_20week_rate"])
            for r in csv.DictReader(f)
            if r["la_name"] == "Stockport"
        }
    soup = soup_of(c, "/areas/stockport")
    table = soup.select_one("#context-heading ~ div table")
    shown = {
        tr.th.get_text(strip=True): float(tr.td.get_text(strip=True))
        for tr in table.select("tbody tr")
        if tr.th is not None
    }
    assert shown == published
    assert soup.select_one("#context-heading ~ figure svg title") is not None
    api = c.get("/api/v1/areas/stockport/context").json()
    assert {str(r["year"]): r["ehc_20week_rate"]["value"] for r in api["years"]} == published


def test_the_national_chart_has_a_table_of_every_dot(client) -> None:
    c, _ = client
    soup = soup_of(c, "/context")
    dots = soup.select("svg.app-chart circle")
    rows = soup.select("details table tbody tr")
    assert len(dots) == len(rows) > 100
    data = c.get("/api/v1/context").json()
    assert len(data["points"]) == len(rows)
    assert {p["outcome"] for p in data["points"]} >= {"wsoa_required", "no_wsoa", "positive"}
    csv_rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/context.csv").text)))
    assert len(csv_rows) == len(rows)
