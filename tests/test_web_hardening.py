"""Web hardening (issue 10) and lean responses (issue 14): security headers on every
response, a policy with no 'unsafe-inline', links that never come from the Host header,
Allow on 405, ETag/Last-Modified with 304, gzip, and a cache bounded in bytes."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator

import pytest

from sendwatch.web.app import STATIC
from sendwatch.web.cache import Cache
from sendwatch.web.display import CATEGORIES
from sendwatch.web.responses import SECURITY_HEADERS, script_hash
from tests.support.web import BASE_URL, TestClient, site

PAGES = ["/", "/areas/barnet", "/documents", "/search?q=autism", "/methodology", "/statistics"]


@pytest.fixture
def client(store) -> Iterator[tuple[TestClient, int]]:
    with site(store) as pair:
        yield pair


def every_kind_of_response(c: TestClient, document_id: int) -> list:
    return [
        *(c.get(p) for p in PAGES),
        c.get("/areas/barnet"),  # answered from the cache, before the app
        c.get(f"/documents/{document_id}"),
        c.get("/feeds/national.atom"),
        c.get("/api/v1/areas"),
        c.get("/api/v1/areas/barnet"),
        c.get("/api/v1/search?q=autism"),
        c.get("/api/v1/openapi.json"),
        c.get("/static/app.css"),
        c.get("/no/such/page"),
        c.get("/api/v1/areas/nowhere"),
        c.get("/api/v1/documents?limit=0"),
        c.post("/"),
        c.head("/"),
        c.get("/", headers={"If-None-Match": c.get("/").headers["etag"]}),
    ]


def test_every_response_carries_the_security_headers(client) -> None:
    c, document_id = client
    responses = every_kind_of_response(c, document_id)
    assert {r.status_code for r in responses} >= {200, 304, 404, 405, 422}
    for response in responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
        assert "server" not in response.headers
    policy = SECURITY_HEADERS["content-security-policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_pages_have_no_inline_style_and_only_the_hashed_script(client) -> None:
    c, document_id = client
    policy = SECURITY_HEADERS["content-security-policy"]
    for path in [*PAGES, f"/documents/{document_id}"]:
        page = c.get(path).text
        assert " style=" not in page and "<style" not in page, path
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S):
            if script.strip():
                assert script_hash(script) in policy, (path, script[:80])


def test_category_colours_live_in_the_stylesheet() -> None:
    css = (STATIC / "categories.css").read_text()
    for code, _label, fill, _text in CATEGORIES:
        assert f".app-swatch.app-category--{code} {{ background-color: {fill}; }}" in css
        assert f".app-event.app-category--{code} {{ border-left-color: {fill}; }}" in css


def test_405_says_what_is_allowed(client) -> None:
    c, _ = client
    response = c.post("/areas/barnet")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_feeds_link_to_the_configured_address_never_the_host_header(client) -> None:
    c, _ = client
    for path in ("/feeds/national.atom", "/feeds/areas/barnet.atom"):
        body = c.get(path, headers={"Host": "evil.example"}).text
        assert "evil.example" not in body
        assert f"{BASE_URL}/" in body


def test_etag_and_last_modified_answer_304(client) -> None:
    c, _ = client
    for path in ("/areas/barnet", "/api/v1/areas/barnet", "/feeds/national.atom"):
        first = c.get(path)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert c.get(path, headers={"If-None-Match": etag}).status_code == 304
        assert c.get(path, headers={"If-Modified-Since": modified}).status_code == 304
        assert c.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
        assert c.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).content


def test_cached_responses_are_compressed_for_clients_that_take_gzip(client) -> None:
    c, _ = client
    plain = c.get("/api/v1/areas", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    packed = c.get("/api/v1/areas", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == plain.content  # the client decodes it
    assert int(packed.headers["content-length"]) < len(plain.content) / 3
    assert gzip.decompress(gzip.compress(plain.content)) == plain.content


def test_area_list_is_summaries_with_links(client) -> None:
    c, _ = client
    data = c.get("/api/v1/areas").json()
    row = next(r for r in data["areas"] if r["slug"] == "barnet")
    assert row["href"] == "/areas/barnet" and row["api"] == "/api/v1/areas/barnet"
    assert "latest" not in row  # the area's own record has the sources and quotes
    assert c.get(row["api"]).status_code == 200


def test_documents_are_paged_in_the_api(client) -> None:
    c, document_id = client
    page = c.get("/api/v1/documents?limit=1").json()
    assert page["total"] == 1 and page["next"] is None
    assert page["documents"][0]["href"] == f"/api/v1/documents/{document_id}"


def test_the_cache_is_bounded_in_bytes() -> None:
    cache = Cache(max_bytes=10_000)
    for i in range(100):
        cache.put(i, "x" * 1000, None, cache.generation, 1_100)
    assert cache.bytes <= 10_000 and len(cache) == 9
    assert cache.get(99) is not None and cache.get(0) is None  # the oldest go first
