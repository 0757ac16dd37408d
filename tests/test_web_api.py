"""The JSON API under /api/v1: areas, documents, search, the national table, errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from sendwatch.register import load_register
from sendwatch.web.app import NATIONAL_COLUMNS
from tests.support.web import TestClient, site
from tests.support.web_documents import HOSTILE, LETTER


@pytest.fixture
def client(store) -> Iterator[tuple[TestClient, int]]:
    with site(store) as pair:
        yield pair


def assert_error(response, status: int) -> dict:
    """The one error shape: {"error": {"status", "title", "detail"}}."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status
    assert body["error"]["title"] and body["error"]["detail"]
    return body["error"]


def test_areas_lists_every_current_area(client) -> None:
    c, _ = client
    body = c.get("/api/v1/areas").json()
    current = load_register().current
    assert body["count"] == len(current) == len(body["areas"])
    barnet = next(a for a in body["areas"] if a["slug"] == "barnet")
    assert barnet["latest_outcome"] == "inconsistent"
    assert barnet["category"] == "inconsistent"
    assert barnet["stage"]  # the lifecycle's stage code
    london = c.get("/api/v1/areas", params={"region": "london"}).json()
    assert 0 < london["count"] < body["count"]
    assert {a["region"] for a in london["areas"]} == {"London"}


def test_area_has_timeline_and_status(client) -> None:
    c, document_id = client
    body = c.get("/api/v1/areas/barnet").json()
    assert body["area"] == "Barnet"
    assert not any(k.startswith("_") for k in body)
    inspection = next(e for e in body["events"] if e["visit_start"] == "2023-03-06")
    assert inspection["outcome"] == "inconsistent"
    assert next(w["text"] for w in inspection["weaknesses"]).startswith("Families wait")
    sources = [s for s in inspection["sources"] if s.get("document_id") == document_id]
    assert sources and sources[0]["evidence"]["visit_start"]["quote"] == "6 March 2023"
    assert body["status"]["stage"]["code"].startswith("2023_")
    assert body["status"]["area"] == "Barnet"
    assert body["documents"] == [
        {
            "id": document_id,
            "name": f"barnet {HOSTILE}.txt",
            "title": "Barnet: inspection letter, 20 April 2023",
            "type": "inspection_letter",
            "type_label": "inspection letter",
        }
    ]


def test_documents_list_and_one_document(client) -> None:
    c, document_id = client
    listing = c.get("/api/v1/documents").json()
    assert listing["total"] == 1
    assert listing["documents"][0]["id"] == document_id
    assert "text" not in listing["documents"][0]
    assert c.get("/api/v1/documents", params={"offset": 1}).json()["documents"] == []
    doc = c.get(f"/api/v1/documents/{document_id}").json()
    assert doc["text"] == LETTER
    assert doc["areas"] == ["Barnet"]
    for start, end in doc["spans"]:
        assert 0 <= start < end <= len(LETTER)
    evidence = doc["events"][0]["evidence"]
    assert {e["field"]: e["quote"] for e in evidence}["visit_end"] == "10 March 2023"


def test_search(client) -> None:
    c, document_id = client
    body = c.get("/api/v1/search", params={"q": "autism assessment waiting times"}).json()
    assert body["total"] == 1
    hit = body["hits"][0]
    assert hit["slug"] == "barnet" and hit["document_id"] == document_id
    assert LETTER[hit["span_start"] : hit["span_end"]] == hit["text"]
    assert c.get("/api/v1/search", params={"q": "zzzzqqq"}).json()["total"] == 0


def test_national_table_and_csv_agree(client) -> None:
    c, _ = client
    national = c.get("/api/v1/national").json()
    assert national["counts"]["areas"] == len(national["areas"])
    assert sum(x["count"] for x in national["counts"]["by_category"]) == len(national["areas"])
    assert national["over_time"]["years"] == sorted(national["over_time"]["years"])
    response = c.get("/api/v1/national.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == NATIONAL_COLUMNS
    assert [r["area"] for r in rows] == [a["area"] for a in national["areas"]]
    barnet = next(r for r in rows if r["slug"] == "barnet")
    assert barnet["latest_outcome"] == "inconsistent"


def test_errors_have_one_shape(client) -> None:
    c, _ = client
    error = assert_error(c.get("/api/v1/areas/atlantis"), 404)
    assert "atlantis" in error["detail"]
    assert_error(c.get("/api/v1/documents/424242"), 404)
    assert_error(c.get("/api/v1/no-such-thing"), 404)
    error = assert_error(c.get("/api/v1/documents/abc"), 422)
    assert "document_id" in error["detail"]
    assert_error(c.get("/api/v1/documents/0"), 422)
    assert_error(c.get("/api/v1/search"), 422)
    assert_error(c.get("/api/v1/documents", params={"limit": 0}), 422)


def test_openapi_document_describes_the_api(client) -> None:
    c, _ = client
    spec = c.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {
        "/api/v1/areas",
        "/api/v1/areas/{slug}",
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/search",
        "/api/v1/national",
        "/api/v1/national.csv",
    } <= set(spec["paths"])
    # Only the API is described; pages and feeds are not part of it.
    assert all(p.startswith("/api/v1/") for p in spec["paths"])
    assert "Error" in spec["components"]["schemas"]
