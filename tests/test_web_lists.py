"""The pages people use to find areas and the lists behind the numbers, through the app.

Finding an area by any name, /areas with its filters as HTML, CSV and JSON, due and
overdue steps, comparisons, any page as of a past date, and no file name on any page or
feed. Runs on SQLite and PostgreSQL (the ``store`` fixture).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from sendwatch.register import load_register
from tests.support.web import TestClient, site
from tests.test_web_pages import check_page


@pytest.fixture
def client(store) -> Iterator[TestClient]:
    with site(store) as (c, _):
        yield c


def rows_of(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body)))


def test_find_goes_straight_to_the_area_by_any_name(client) -> None:
    for name in (
        "stockport",
        "Stockport Metropolitan Borough Council",
        "STOCKPORT",
        "Kingston upon Hull City Council",
    ):
        response = client.get("/find", params={"q": name}, follow_redirects=False)
        assert response.status_code == 303, name
        area = load_register().find(name)
        assert area is not None and response.headers["location"] == f"/areas/{area.slug}"
    # An old name still has its page.
    old = next(a for a in load_register().areas if not a.current)
    response = client.get("/find", params={"q": old.name}, follow_redirects=False)
    assert response.headers["location"] == f"/areas/{old.slug}"


def test_find_suggests_names_for_a_typo_and_parts_of_names(client) -> None:
    soup = check_page(client.get("/find", params={"q": "chesire"}).text)
    offered = [a.get_text(strip=True) for a in soup.select(".app-find-matches a")]
    assert "Cheshire East" in offered and "Cheshire West and Chester" in offered
    # One area containing every word goes straight there.
    response = client.get("/find", params={"q": "hull"}, follow_redirects=False)
    assert response.headers["location"] == "/areas/kingston-upon-hull"
    nothing = check_page(client.get("/find", params={"q": "zzzzqqq"}).text)
    assert "No local area has a name like" in nothing.get_text()


def test_area_names_for_the_autocomplete_cover_aliases(client) -> None:
    names = client.get("/api/v1/area-names").json()["names"]
    slugs = {n["slug"] for n in names}
    assert slugs == {a.slug for a in load_register().areas}
    aliases = [n for n in names if "area" in n]
    assert aliases and all(load_register().find(n["name"]) is not None for n in aliases)


def test_slugs_in_any_case_reach_the_area(client) -> None:
    for path in ("/areas/Stockport", "/areas/STOCKPORT", "/areas/Stockport?as_of=2019-01-01"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 308
        assert response.headers["location"].startswith("/areas/stockport")
    assert client.get("/areas/Stockport").status_code == 200
    assert client.get("/areas/Nowhere-At-All").status_code == 404


def test_areas_lists_every_current_area(client) -> None:
    soup = check_page(client.get("/areas").text)
    links = {a["href"] for a in soup.select("tbody th a")}
    assert links == {f"/areas/{a.slug}" for a in load_register().current}
    body = client.get("/areas.csv").text
    assert len(rows_of(body)) == len(load_register().current)
    data = client.get("/areas.json").json()
    assert data["count"] == len(data["areas"]) == len(load_register().current)
    assert all(not k.startswith("_") for k in data["areas"][0])


def test_filters_agree_across_html_csv_and_json(client) -> None:
    query = {"region": "North West", "outcome": "systemic_failings"}
    rows = rows_of(client.get("/areas.csv", params=query).text)
    assert rows and all(r["region"] == "North West" for r in rows)
    assert all(r["inspection_outcome"] == "systemic_failings" for r in rows)
    data = client.get("/areas.json", params=query).json()
    assert [r["area"] for r in data["areas"]] == [r["area"] for r in rows]
    soup = check_page(client.get("/areas", params=query).text)
    assert [a.get_text(strip=True) for a in soup.select("tbody th a")] == [r["area"] for r in rows]
    # The page's download link carries the same filters.
    link = soup.find("a", string="Download this list (CSV)")
    assert "region=North+West" in link["href"] and "outcome=systemic_failings" in link["href"]
    # Filters narrow: every area of a region is in one of its stages.
    everyone = rows_of(client.get("/areas.csv", params={"region": "North West"}).text)
    stages = {r["stage"] for r in everyone}
    by_stage = sum(
        len(rows_of(client.get("/areas.csv", params={"region": "North West", "stage": s}).text))
        for s in stages
    )
    assert by_stage == len(everyone)


def test_overdue_and_due_filters_match_the_due_and_overdue_pages(client) -> None:
    overdue = rows_of(client.get("/overdue.csv").text)
    assert overdue and all(int(r["overdue_days"]) > 0 for r in overdue)
    flagged = rows_of(client.get("/areas.csv", params={"overdue": "yes"}).text)
    assert {r["area"] for r in flagged} == {r["area"] for r in overdue}
    due = client.get("/due.json", params={"days": 365}).json()
    listed = rows_of(client.get("/areas.csv", params={"due": "365"}).text)
    assert {r["area"] for r in listed} == {r["area"] for r in due["due"]}
    soup = check_page(client.get("/due", params={"days": 365}).text)
    assert len(soup.select("tbody tr")) == due["count"]


def test_bad_filters_say_what_is_allowed(client) -> None:
    response = client.get("/areas", params={"region": "Atlantis"})
    assert response.status_code == 422
    assert "North West" in response.text
    assert client.get("/areas.csv", params={"stage": "nonsense"}).status_code == 422
    assert client.get("/areas", params={"as_of": "yesterday"}).status_code == 422
    assert client.get("/areas", params={"as_of": "2010-01-01"}).status_code == 422


def test_head_on_the_csvs(client) -> None:
    for path in ("/areas.csv", "/api/v1/national.csv", "/due.csv", "/overdue.csv"):
        response = client.head(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/csv")
        assert response.content == b""


def test_compare_two_to_four_areas(client) -> None:
    soup = check_page(client.get("/compare?area=stockport&area=cheshire-east").text)
    assert [h.get_text(strip=True) for h in soup.select(".app-compare__area h2")] == [
        "Stockport",
        "Cheshire East",
    ]
    too_few = check_page(client.get("/compare?area=stockport").text)
    assert "Choose between 2 and 4 areas" in too_few.get_text()
    assert client.get("/compare?area=stockport&area=atlantis").status_code == 422


def test_cheshire_east_as_it_stood_on_1_june_2018(client) -> None:
    then = check_page(client.get("/areas/cheshire-east?as_of=2018-06-01").text)
    assert "as it stood on 1 June 2018" in then.select_one(".app-currency").get_text()
    assert "Must write an action plan" in then.select_one(".app-status").get_text()
    history = then.select_one(".app-timeline-list").get_text()
    assert "2021" not in history
    now = check_page(client.get("/areas/cheshire-east").text)
    assert "2021" in now.select_one(".app-timeline-list").get_text()
    # Links on a past page stay in the past.
    assert then.select_one('a[href="/areas?as_of=2018-06-01"]') is not None


def test_the_date_form_goes_to_the_page_on_that_date(client) -> None:
    response = client.get(
        "/as-of",
        params={
            "path": "/areas?region=North+West",
            "as_of-day": "1",
            "as_of-month": "6",
            "as_of-year": "2018",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/areas?region=North+West&as_of=2018-06-01"
    bad = client.get(
        "/as-of",
        params={"path": "/", "as_of-day": "31", "as_of-month": "2", "as_of-year": "2019"},
    )
    assert bad.status_code == 422 and "Enter a real date" in bad.text
    # Never to another site.
    away = client.get(
        "/as-of",
        params={"path": "//evil.example/", "as_of-day": "1", "as_of-month": "6"}
        | {"as_of-year": "2018"},
        follow_redirects=False,
    )
    assert away.headers["location"] == "/?as_of=2018-06-01"


def test_the_overview_as_of_a_date_counts_only_what_was_known(client) -> None:
    then = check_page(client.get("/?as_of=2017-01-01").text)
    now = check_page(client.get("/").text)

    def counted(soup) -> dict[str, int]:
        out = {}
        for item in soup.select(".app-counts__link"):
            code = item["href"].split("category=")[1].split("&")[0]
            out[code] = int(item.select_one(".app-counts__number").get_text())
        return out

    assert "systemic_failings" not in counted(then)  # the 2023 framework had not begun
    assert counted(then).get("none", 0) > counted(now).get("none", 0)


def test_search_offers_the_area_a_query_names(client) -> None:
    soup = check_page(client.get("/search", params={"q": "stockport"}).text)
    offer = soup.select_one(".app-area-offer a")
    assert offer is not None and offer["href"] == "/areas/stockport"
    soup = check_page(client.get("/search", params={"q": "autism in Cheshire East"}).text)
    assert soup.select_one('.app-area-offer a[href="/areas/cheshire-east"]') is not None
    assert (
        check_page(client.get("/search", params={"q": "waiting"}).text).select_one(
            ".app-area-offer"
        )
        is None
    )


def test_every_page_says_how_current_it_is_and_links_to_report_a_problem(
    client, monkeypatch
) -> None:
    monkeypatch.setenv("SENDWATCH_REPORT_ADDRESS", "errors@example.org")
    for path in ("/", "/areas", "/areas/stockport", "/glossary", "/due", "/nowhere"):
        soup = check_page(client.get(path).text)
        currency = soup.select_one(".app-currency").get_text(" ", strip=True)
        assert re.search(r"Judged on \d{1,2} \w+ \d{4}", currency), path
        report = soup.find("a", string=re.compile("Report a problem with this page"))
        assert report["href"].startswith("mailto:errors@example.org?subject="), path
        assert unquote(report["href"]).endswith(f"page {path}"), path
        assert "Crown copyright" not in soup.get_text()
        assert "Open Government Licence" in soup.select_one("footer").get_text()


def test_area_page_links_to_ofsted_and_explains_its_words(client) -> None:
    soup = check_page(client.get("/areas/stockport").text)
    area = load_register().by_slug("stockport")
    assert area is not None
    link = soup.select_one(f'a[href="https://reports.ofsted.gov.uk/provider/44/{area.ofsted_urn}"]')
    assert link is not None
    assert soup.select("details .app-terms dt"), "inline explanations"
    assert soup.select_one('a[href^="/glossary#stage-"]') is not None
    # The compiled record's summaries are marked as such.
    assert "not the inspectors'" in soup.select_one(".app-paraphrase-note").get_text()


def test_no_file_name_on_any_page_or_feed(store, shared) -> None:
    """Real documents named by hashes ("000_42a85afa31cba260.txt") are titled by what they
    are everywhere a person reads them."""
    from sendwatch.ingest import ingest
    from sendwatch.official import import_official
    from sendwatch.web.app import create_app

    import_official(store)
    seeds = sorted((shared / "seeds").iterdir())
    ingest(store, seeds, 10**8)
    names = [p.name for p in seeds]
    stems = [p.stem for p in seeds]
    with TestClient(create_app(store, check_every=0)) as c:
        documents = c.get("/api/v1/documents").json()["documents"]
        assert len(documents) == len(seeds)
        paths = ["/", "/documents", "/feeds/national.atom", "/search?q=autism"]
        for d in documents:
            paths.append(f"/documents/{d['id']}")
            for area in d["area_links"]:
                paths += [f"/areas/{area['slug']}", f"/feeds/areas/{area['slug']}.atom"]
        for path in dict.fromkeys(paths):
            body = c.get(path).text
            leaked = [n for n in stems if n in body]
            assert leaked == [], f"{path} shows {leaked}"
        titles = [d["title"] for d in documents]
        assert all(not any(n in t for n in names) for t in titles)
        assert all(re.search(r"^[A-Z][^:]*: [a-z ]+(, \d{1,2} \w+ \d{4})?$", t) for t in titles), (
            titles
        )
