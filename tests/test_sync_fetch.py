"""The polite fetcher on its own, against a real HTTP server (robots.txt, pacing, limits),
and the labels of the report site's publications as a property.

Waits are recorded, not slept: the fetcher is given its own ``sleep`` and ``clock``.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from sendwatch.sync.fetch import USER_AGENT, Fetcher, FetchError
from sendwatch.sync.pages import parse_label


class Clock:
    """A clock that moves only when the fetcher sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def test_requests_name_sendwatch_and_are_paced(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/a", headers={"User-Agent": USER_AGENT}).respond_with_data("a")
    clock = Clock()
    with Fetcher(delay=1.0, sleep=clock.sleep, clock=clock) as fetcher:
        for _ in range(3):
            assert fetcher.get(httpserver.url_for("/a")).content == b"a"
    # robots.txt, then three pages: each a second after the one before.
    assert clock.slept == [1.0, 1.0, 1.0]
    assert fetcher.requests == 4


def test_crawl_delay_in_robots_txt_slows_sendwatch_down(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: sendwatch\nCrawl-delay: 5\n"
    )
    httpserver.expect_request("/a").respond_with_data("a")
    clock = Clock()
    with Fetcher(delay=1.0, sleep=clock.sleep, clock=clock) as fetcher:
        fetcher.get(httpserver.url_for("/a"))
        fetcher.get(httpserver.url_for("/a"))
    assert clock.slept == [5.0, 5.0]


def test_no_robots_txt_allows_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/a").respond_with_data("a")
    with Fetcher(delay=0) as fetcher:
        assert fetcher.get(httpserver.url_for("/a")).content == b"a"


def test_a_robots_txt_that_cannot_be_read_stops_everything(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=503)
    httpserver.expect_request("/a").respond_with_data("a")
    clock = Clock()
    fetcher = Fetcher(delay=0, retries=1, sleep=clock.sleep, clock=clock)
    with fetcher, pytest.raises(FetchError, match=r"robots.txt could not be read \(the server"):
        fetcher.get(httpserver.url_for("/a"))
    assert [request.path for request, _ in httpserver.log] == ["/robots.txt", "/robots.txt"]


def test_a_body_over_the_limit_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    fetcher = Fetcher(delay=0, max_bytes=1000, obey_robots=False)
    with fetcher, pytest.raises(FetchError, match="over the limit of 1,000 bytes"):
        fetcher.get(httpserver.url_for("/big"))


def test_a_conditional_request_gets_304(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'}
    )
    with Fetcher(delay=0, obey_robots=False) as fetcher:
        answer = fetcher.get(httpserver.url_for("/p"), etag='"v1"')
    assert answer.not_modified and answer.etag == '"v1"'


@given(
    title=st.sampled_from(
        ["Area SEND full inspection", "Area SEND revisit", "Monitoring inspection", "Focused visit"]
    ),
    fmt=st.sampled_from(["pdf", "PDF", "docx"]),
    day=st.dates(min_value=date(2016, 1, 1), max_value=date(2035, 12, 31)),
    dash=st.sampled_from([" - ", " – ", "-", " —  "]),
)
def test_every_label_gives_back_its_title_and_date(
    title: str, fmt: str, day: date, dash: str
) -> None:
    label = f"{title}, {fmt}{dash}{day.day} {day:%B} {day.year}"
    assert parse_label(label) == (title, day.isoformat())
    assert parse_label(f"  {label}\n") == (title, day.isoformat())
