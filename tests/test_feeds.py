"""Atom feeds: valid against RFC 4287's required elements, text escaped, linked from pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from lxml import etree

from sendwatch import feeds
from tests.support.web import BASE_URL, TestClient, site
from tests.support.web_documents import HOSTILE

A = "{http://www.w3.org/2005/Atom}"


def check_atom(body: bytes) -> etree._Element:
    """The feed's required elements (RFC 4287 4.1.1 and 4.1.2); returns the root."""
    root = etree.fromstring(body)
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert root.find(f"{A}author/{A}name") is not None  # or one per entry
    assert root.find(f'{A}link[@rel="self"]') is not None
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert entry.find(f'{A}link[@rel="alternate"]').get("href").startswith("http")
        datetime.fromisoformat(entry.findtext(f"{A}updated").replace("Z", "+00:00"))
    ids = [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    updated = [e.findtext(f"{A}updated") for e in root.findall(f"{A}entry")]
    assert updated == sorted(updated, reverse=True), "newest first"
    if updated:
        assert root.findtext(f"{A}updated") == updated[0]
    return root


@pytest.fixture
def client(store) -> Iterator[tuple[TestClient, int]]:
    with site(store) as pair:
        yield pair


def test_national_feed_has_documents_and_changes_of_stage(client) -> None:
    c, document_id = client
    response = c.get("/feeds/national.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = check_atom(response.content)
    entries = root.findall(f"{A}entry")
    assert 0 < len(entries) <= 100
    titles = [e.findtext(f"{A}title") for e in entries]
    # A document is titled by what it is, never by its file name (here a hostile one).
    assert "New document: Barnet: inspection letter, 20 April 2023" in titles
    assert HOSTILE not in response.text and "alert(1)" not in response.text
    assert root.find(f".//{A}title/*") is None
    links = [e.find(f"{A}link").get("href") for e in entries]
    assert f"{BASE_URL}/documents/{document_id}" in links
    assert "inspection" in {e.find(f"{A}category").get("term") for e in entries}


def test_area_feed_and_its_link_from_the_page(client) -> None:
    c, _ = client
    page = c.get("/areas/barnet").text
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/feeds/areas/barnet.atom"' in page
    )
    root = check_atom(c.get("/feeds/areas/barnet.atom").content)
    assert root.findtext(f"{A}id") == f"{feeds.TAG}area/barnet"
    kinds = [e.find(f"{A}category").get("term") for e in root.findall(f"{A}entry")]
    assert "document" in kinds and "inspection" in kinds
    summaries = " ".join(e.findtext(f"{A}summary") for e in root.findall(f"{A}entry"))
    assert "Barnet" in summaries
    assert c.get("/feeds/areas/atlantis.atom").status_code == 404


def test_render_escapes_text_and_drops_characters_xml_cannot_hold() -> None:
    nasty = 'A & B <script>alert("x")</script> \x0c\x01 ]]>'
    feed = feeds.Feed(
        id=f"{feeds.TAG}test",
        title=nasty,
        self_link='http://example.org/feed?a=1&b="2"',
        alternate_link="http://example.org/",
        entries=[
            feeds.Entry(
                id=f"{feeds.TAG}e1",
                title=nasty,
                updated=datetime(2024, 5, 1, tzinfo=UTC),
                link="http://example.org/e?x=<y>",
                summary=nasty,
            )
        ],
    )
    root = check_atom(feeds.render(feed).encode())
    expected = 'A & B <script>alert("x")</script>    ]]>'
    assert root.findtext(f"{A}title") == expected
    assert root.findtext(f"{A}entry/{A}summary") == expected
    assert root.find(f'{A}link[@rel="self"]').get("href") == 'http://example.org/feed?a=1&b="2"'
    assert root.findtext(f"{A}updated") == "2024-05-01T00:00:00Z"


def test_empty_feed_is_still_valid() -> None:
    feed = feeds.Feed(
        id=f"{feeds.TAG}empty",
        title="t",
        self_link="http://x/",
        alternate_link="http://x/",
        entries=[],
    )
    root = check_atom(feeds.render(feed).encode())
    assert root.findall(f"{A}entry") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-06", "2023-03-06"),
        ("2023-03", "2023-03-01"),
        ("2023", "2023-01-01"),
        ("soon", None),
        (None, None),
    ],
)
def test_when_reads_dates_of_any_precision(value, expected) -> None:
    moment = feeds.when(value)
    assert (moment.date().isoformat() if moment else None) == expected
