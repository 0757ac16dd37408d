"""A reproduction of Ofsted's report site on a real HTTP server (pytest-httpserver), for the
sync tests and the sync benchmark: the search listing of local authorities with paging, a
provider page per authority mixing area SEND publications with its other inspections, and
the file server, with ETags and 304s as a well-run site gives them.

Faults are queued per path (:meth:`OfstedSite.fault`) or set for good
(:meth:`OfstedSite.always`): a status (404, 500), 429 with a Retry-After, a slow answer, a
truncated body. The site's files are documents written for the tests (made into PDFs here)
and, when ../shared is beside the clone, the real area SEND reports it holds.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sendwatch.register import load_register
from tests.support.files import pdf_with_text

DOCUMENTS = Path(__file__).resolve().parents[1] / "documents"
PDF = "application/pdf"


def text_pdf(text: str, width: int = 95, lines_per_page: int = 55) -> bytes:
    """A real PDF carrying ``text`` (wrapped as a PDF's lines are) in its text layer."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines += textwrap.wrap(paragraph, width) or [""]
    lines = [line.encode("latin-1", "replace").decode("latin-1") for line in lines]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return pdf_with_text(pages or [[""]])


def label(title: str, day: str, fmt: str = "pdf") -> str:
    """A publication's label as Ofsted writes it: 'Area SEND full inspection, pdf - 15 July
    2024' from a title and an ISO date."""
    y, m, d = (int(p) for p in day.split("-"))
    months = "January February March April May June July August September October November"
    name = (months + " December").split()[m - 1]
    return f"{title}, {fmt} - {d} {name} {y}"


@dataclass
class Fault:
    status: int = 200
    retry_after: str | None = None
    slow: float = 0.0
    truncate: bool = False


@dataclass
class OfstedSite:
    server: HTTPServer
    #: URN -> (file id, label) newest first, as provider pages list them.
    pages: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    robots: str = "User-agent: *\nDisallow: /private/\n"
    changed_layout: set[str] = field(default_factory=set)
    #: Whether answers carry ETags (and 304s): a site without them costs a full page each time.
    etags: bool = True
    requests: list[tuple[str, int]] = field(default_factory=list)
    #: Called with the path of each request before it is answered (the kill -9 test waits here).
    on_request: object = None
    _queued: dict[str, list[Fault]] = field(default_factory=dict)
    _always: dict[str, Fault] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server.expect_request(re.compile(".*")).respond_with_handler(self.handle)
        for area in load_register().current:
            if area.ofsted_urn:
                self.pages.setdefault(area.ofsted_urn, [])
                self.names[area.ofsted_urn] = area.name

    @property
    def base(self) -> str:
        return self.server.url_for("/").rstrip("/")

    # Building the site ----------------------------------------------------------------

    def publish(self, area: str, file_id: str, title: str, day: str, content: bytes) -> str:
        """Put a file on an area's page (newest first) and on the file server."""
        urn = load_register().resolve(area).ofsted_urn
        self.files[file_id] = (content, PDF)
        entries = self.pages[urn]
        entries.append((file_id, label(title, day)))
        entries.sort(key=lambda e: _label_day(e[1]), reverse=True)
        return self.file_url(file_id)

    def list_again(self, area: str, file_id: str, title: str, day: str) -> None:
        """List a file already on the server under another area's page or label."""
        urn = load_register().resolve(area).ofsted_urn
        self.pages[urn].append((file_id, label(title, day)))

    def file_url(self, file_id: str) -> str:
        return f"{self.base}/v1/file/{file_id}"

    def page_path(self, area: str) -> str:
        return f"/provider/44/{load_register().resolve(area).ofsted_urn}"

    def fault(self, path: str, *faults: Fault) -> None:
        """The next requests to ``path`` meet these faults, in order."""
        self._queued.setdefault(path, []).extend(faults)

    def always(self, path: str, fault: Fault) -> None:
        self._always[path] = fault

    def heal(self, path: str) -> None:
        self._always.pop(path, None)
        self._queued.pop(path, None)

    def count(self, prefix: str = "") -> int:
        return sum(1 for p, _ in self.requests if p.startswith(prefix))

    def per_path(self) -> Counter[str]:
        return Counter(p for p, _ in self.requests)

    # Serving ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = request.path
        if callable(self.on_request):
            self.on_request(path)
        with self._lock:
            queue = self._queued.get(path)
            fault = queue.pop(0) if queue else self._always.get(path, Fault())
        if fault.slow:
            time.sleep(fault.slow)
        if fault.status != 200:
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            return self._log(request, Response("fault", fault.status, headers=headers))
        body, media = self._body(request)
        if body is None:
            return self._log(request, Response("Not found", 404))
        if fault.truncate:
            body = body[: len(body) // 2]
        if not self.etags:
            return self._log(request, Response(body, 200, content_type=media))
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if request.headers.get("If-None-Match") == etag:
            return self._log(request, Response(status=304, headers={"ETag": etag}))
        return self._log(request, Response(body, 200, content_type=media, headers={"ETag": etag}))

    def _log(self, request: Request, response: Response) -> Response:
        """Log the request by its path and query (each page of the listing is a page)."""
        where = request.full_path.rstrip("?")
        with self._lock:
            self.requests.append((where, response.status_code))
        return response

    def _body(self, request: Request) -> tuple[bytes | None, str]:
        path = request.path
        if path == "/robots.txt":
            return self.robots.encode(), "text/plain"
        if path == "/search":
            query = parse_qs(request.query_string.decode())
            start = int(query.get("start", ["0"])[0])
            rows = int(query.get("rows", ["10"])[0])
            return self._search(start, rows).encode(), "text/html; charset=utf-8"
        m = re.fullmatch(r"/provider/44/(\d+)", path)
        if m and m[1] in self.pages:
            return self._provider(m[1]).encode(), "text/html; charset=utf-8"
        m = re.fullmatch(r"/v1/file/(\w+)", path)
        if m and m[1] in self.files:
            return self.files[m[1]]
        return None, ""

    def _search(self, start: int, rows: int) -> str:
        urns = sorted(self.pages, key=lambda u: self.names[u])
        items = "".join(
            f'<li class="search-result"><h3><a href="/provider/44/{u}">'
            f"{escape(self.names[u])}</a></h3><p>Local authority</p></li>"
            for u in urns[start : start + rows]
        )
        return (
            f"<html><body><h1>Search results</h1><p>{len(urns)} results</p>"
            f'<ul class="results-list">{items}</ul></body></html>'
        )

    def _provider(self, urn: str) -> str:
        items = []
        for file_id, text in self.pages[urn]:
            href = self.file_url(file_id)
            if urn in self.changed_layout:
                items.append(
                    f'<li><a class="report-download" href="{href}">{escape(text)}</a></li>'
                )
            else:
                items.append(
                    f'<li><a class="publication-link" href="{href}">'
                    f'<span class="title">{escape(text.split(",")[0])}</span>'
                    f'<span class="nonvisual">{escape(text)}</span></a></li>'
                )
        return (
            f"<html><head><title>{escape(self.names[urn])}</title></head><body>"
            f"<h1>{escape(self.names[urn])}</h1><h2>Reports</h2>"
            f'<ul class="publications">{"".join(items)}</ul></body></html>'
        )


def _label_day(text: str) -> str:
    from sendwatch.sync.pages import parse_label

    return parse_label(text)[1] or ""


# The documents written for the tests, each with the area, label title and date it is
# published under.
WRITTEN = [
    ("Halton", "letter_wsoa_bullets.txt", "Area SEND inspection", "2019-03-04"),
    ("Calderdale", "revisit_all_sufficient.txt", "Area SEND revisit", "2020-03-09"),
    ("North Somerset", "monitoring_mixed.txt", "Monitoring inspection", "2025-11-14"),
    ("Rutland", "area_report_variants.txt", "Area SEND full inspection", "2024-04-10"),
]
#: Other publications of the same authorities, never fetched by their labels.
OTHERS = [
    ("Halton", "Children's services inspection", "2022-06-01", "ilacs_letter.txt"),
    ("Calderdale", "Focused visit", "2021-11-20", "ilacs_letter.txt"),
    ("Rutland", "Joint targeted area inspection", "2019-02-01", "ilacs_letter.txt"),
]


def written(name: str) -> bytes:
    path = DOCUMENTS / name
    if not path.exists():
        path = DOCUMENTS / "heldout" / "other" / name
    return text_pdf(path.read_text(encoding="utf-8"))


def build(site: OfstedSite, shared: Path | None, limit: int | None = None) -> list[str]:
    """Fill the site: the written documents, the other publications, an ILACS monitoring
    visit under a label not known, and (with ../shared) the real 2023-framework reports.
    Returns the file ids of the area SEND documents the site holds."""
    send: list[str] = []
    n = 1000
    for area, name, title, day in WRITTEN:
        n += 1
        site.publish(area, str(n), title, day, written(name))
        send.append(str(n))
    for area, title, day, name in OTHERS:
        n += 1
        site.publish(area, str(n), title, day, written(name))
    n += 1
    # A label not known whose content is not area SEND: fetched once, judged, not stored.
    site.publish("Halton", str(n), "Monitoring visit", "2023-01-15", written("ilacs_letter.txt"))
    if shared is not None:
        reports = sorted((shared / "corpus" / "area-send-2023").glob("*.pdf"))[:limit]
        for path in reports:
            m = re.fullmatch(r"(.+)-(\d{4}-\d{2}-\d{2})", path.stem)
            assert m, path
            n += 1
            area = m[1].replace("-", " ")
            site.publish(area, str(n), "Area SEND full inspection", m[2], path.read_bytes())
            send.append(str(n))
    return send
