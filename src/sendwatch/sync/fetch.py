"""Fetching from a web site politely: a User-Agent that names sendwatch, robots.txt obeyed, at
most one request per ``delay`` seconds, timeouts, and retries with back-off on time-outs,
5xx answers and 429 (honouring Retry-After).

Every failure is a :class:`FetchError` whose ``reason`` is one line a person can act on.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from sendwatch import __version__

USER_AGENT = (
    f"sendwatch/{__version__} (+https://sendwatch.org; the public record of local area SEND "
    "inspections; one request a second at most)"
)
#: The name robots.txt rules are matched against.
ROBOT_NAME = "sendwatch"


class FetchError(Exception):
    """A URL that could not be fetched, with the reason in one line."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Answer:
    """A successful answer: 200 with its body, or 304 (``not_modified``) without one."""

    url: str
    status: int
    content: bytes
    headers: dict[str, str]

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Fetcher:
    """A polite HTTP client; counts the requests it makes and the bytes it receives (bodies,
    as they come over the wire).

    ``sleep`` and ``clock`` are the waiting and the time it uses (the tests pass their own,
    so that honouring a Retry-After of minutes takes no time).
    """

    delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 2.0
    #: The longest wait sendwatch accepts from a Retry-After, in seconds.
    max_wait: float = 300.0
    max_bytes: int = 50 * 1024 * 1024
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    bytes: int = 0
    waits: list[float] = field(default_factory=list)
    _last: float | None = None
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _robots_error: dict[str, str] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent},
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Politeness -------------------------------------------------------------------------

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waits.append(seconds)
            self.sleep(seconds)

    def _pace(self, host: str) -> None:
        """Wait until ``delay`` seconds (or ``host``'s robots.txt Crawl-delay, if longer) have
        passed since the last request. One pace for every host: Ofsted's report site and its
        file server are one publisher, and sync asks them one thing at a time."""
        robots = self._robots.get(host)
        delay = max(self.delay, float((robots.crawl_delay(ROBOT_NAME) or 0) if robots else 0))
        last = self._last
        if last is not None and delay > 0:
            self._wait(delay - (self.clock() - last))
        self._last = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets sendwatch fetch ``url`` (read once per host).

        As RFC 9309 says: no robots.txt (4xx) allows everything; one that cannot be read
        (5xx, no answer) allows nothing until it can be.
        """
        if not self.obey_robots:
            return True
        host = origin(url)
        if host not in self._robots:
            robots_url = f"{host}/robots.txt"
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(
                robots_url
            )
            try:
                answer = self._request(robots_url, {})
                assert parser is not None
                parser.parse(answer.content.decode("utf-8", "replace").splitlines())
            except FetchError as e:
                if e.status is not None and 400 <= e.status < 500:
                    parser = None  # no robots.txt: everything is allowed
                else:
                    parser = urllib.robotparser.RobotFileParser(robots_url)
                    parser.parse(["User-agent: *", "Disallow: /"])
                    self._robots_error[host] = e.reason
            self._robots[host] = parser
        robots = self._robots[host]
        return robots is None or robots.can_fetch(ROBOT_NAME, url)

    def refusal(self, url: str) -> str:
        """Why robots.txt keeps sendwatch from ``url``."""
        problem = self._robots_error.get(origin(url))
        if problem:
            return (
                f"{urlsplit(url).netloc}/robots.txt could not be read ({problem}); "
                "sendwatch fetches nothing from a site whose rules it cannot read"
            )
        return "robots.txt does not allow sendwatch to fetch it"

    # Requests ---------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Answer:
        """GET ``url`` (conditionally when ``etag`` or ``last_modified`` is given).

        Raises FetchError for robots.txt refusals, 4xx answers, bodies over ``max_bytes``,
        and time-outs, 5xx and 429 answers that outlast the retries.
        """
        if not self.allowed(url):
            raise FetchError(url, self.refusal(url))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers)

    def _request(self, url: str, headers: dict[str, str]) -> Answer:
        host = origin(url)
        attempts = self.retries + 1
        reason = ""
        for attempt in range(1, attempts + 1):
            self._pace(host)
            self.requests += 1
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                answer = self._once(url, headers)
            except httpx.TimeoutException:
                reason = f"no answer within {self.timeout:g} s"
            except httpx.TransportError as e:
                reason = f"the connection failed ({type(e).__name__}: {e})"
            else:
                status = answer.status
                if status in (200, 304):
                    return answer
                if status == 429 or status >= 500:
                    reason = f"the server answered {status} {_phrase(status)}"
                    after = retry_after(answer.headers.get("retry-after"))
                    if after is not None:
                        if after > self.max_wait:
                            raise FetchError(
                                url,
                                f"{reason} and asked sendwatch to wait {after:.0f} s, more than "
                                f"the {self.max_wait:.0f} s it waits; try again later",
                                status,
                            )
                        wait = after
                        reason += f" (Retry-After {after:g} s)"
                else:
                    raise FetchError(url, f"the server answered {status} {_phrase(status)}", status)
            if attempt < attempts:
                self._wait(wait)
        raise FetchError(url, f"{reason}; gave up after {attempts} attempts")

    def _once(self, url: str, headers: dict[str, str]) -> Answer:
        with self.client().stream("GET", url, headers=headers) as response:
            chunks = []
            size = 0
            if response.status_code == 200:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        self.bytes += response.num_bytes_downloaded
                        raise FetchError(
                            url,
                            f"is over the limit of {self.max_bytes:,} bytes; raise --max-bytes "
                            "if it is a real report",
                        )
                    chunks.append(chunk)
            else:
                response.read()
            # Bytes as they came over the wire (compressed, if the server compressed them).
            self.bytes += response.num_bytes_downloaded
            return Answer(
                str(response.url),
                response.status_code,
                b"".join(chunks),
                {k.lower(): v for k, v in response.headers.items()},
            )


def origin(url: str) -> str:
    """'https://host:port' of a URL: what robots.txt and the rate limit apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
