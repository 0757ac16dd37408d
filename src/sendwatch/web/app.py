"""The web application: HTML pages, the JSON API under /api/v1, and Atom feeds.

:func:`create_app` builds a FastAPI app for one store. Pages are rendered on the server with
Jinja and the GOV.UK Design System's macros (govuk-frontend-jinja) and work without
JavaScript. Every page, API response and feed renders a dict built in
:mod:`sendwatch.web.data`, cached per store version.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from sendwatch import feeds, settings, views, wording
from sendwatch import search as find
from sendwatch.db import Store
from sendwatch.official import MI_2023_URL, OFFICIAL_2016_URL
from sendwatch.register import load_register
from sendwatch.timeline import TRUST
from sendwatch.web import lists, pages, svg
from sendwatch.web import themes as themes_pages
from sendwatch.web.cache import DOCUMENTS, NATIONAL
from sendwatch.web.data import Site, area_deps
from sendwatch.web.display import CATEGORY, FINDING_LABELS
from sendwatch.web.responses import COMPRESS_FROM, Hardening, Rendered, Routes, respond

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
JSON = "application/json"
#: Documents on one page of /documents.
PER_PAGE = 100
MAX_ID = 2**31 - 1
API = "/api/v1"

#: The national table's CSV: the CLI's columns, with the site's slug, category and stage.
NATIONAL_COLUMNS = [
    "area",
    "slug",
    *views.AREA_COLUMNS[1:],
    "category",
    "stage",
    "next_due_by",
]


#: Error pages' headings, in the GOV.UK Design System's words.
PAGE_TITLES = {
    404: "Page not found",
    422: "There is a problem with the address",
    500: "Sorry, there is a problem with the service",
}


class ErrorBody(BaseModel):
    status: int
    title: str
    detail: str


class Error(BaseModel):
    """Every API error has this shape."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Successful response",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    404: {"model": Error, "description": "Not found"},
    422: {"model": Error, "description": "The request's parameters are not valid"},
}


def environment() -> Environment:
    """Jinja with our templates first and govuk-frontend-jinja's under their own prefix."""
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("sendwatch.web", "templates"),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(("html", "svg", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["app_nav_item"] = nav_item
    env.filters["app_split_words"] = split_words
    env.filters["app_date"] = wording.long_date
    env.filters["app_sentence"] = lambda text: text[:1].upper() + text[1:] if text else ""
    env.globals.update(
        outcome_labels=views.OUTCOME_LABELS,
        event_labels=views.EVENT_LABELS,
        categories=CATEGORY,
        finding_labels=FINDING_LABELS,
    )
    return env


def nav_item(item: tuple[str, str], path: str) -> dict[str, Any]:
    """A service navigation item, marked active on its own page and the pages under it."""
    href, text = item
    active = path == href or (href != "/" and path.startswith(href + "/"))
    return {"href": href, "text": text, "active": active, "current": path == href}


def split_words(text: str) -> list[str]:
    """Text cut into words and what lies between them (to highlight search terms)."""
    return [p for p in re.split(r"(\w+)", text) if p]


def segments(text: str, spans: list[list[int]]) -> list[dict[str, Any]]:
    """The text cut at every span boundary: each piece marked or not, with an id at each start.

    Overlapping spans are split rather than nested, so every span's start begins a piece
    and ``#span-START`` always finds it.
    """
    starts = {s for s, _ in spans}
    cuts = sorted({0, len(text), *(p for span in spans for p in span)})
    out = []
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        marked = any(s <= a and b <= e for s, e in spans)
        out.append(
            {
                "text": printable(text[a:b]),
                "mark": marked,
                "id": f"span-{a}" if a in starts else None,
            }
        )
    return out


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def encode(data: Any) -> bytes:
    """Compact UTF-8 JSON, without the keys meant only for HTML (those starting with _)."""
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if not k.startswith("_")}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def printable(text: str) -> str:
    """Text without control characters (PDF page breaks become line breaks)."""
    return _CONTROL.sub("", text.replace("\x0c", "\n"))


def create_app(
    store: Store,
    *,
    check_every: float = 1.0,
    base_url: str | None = None,
    cache_bytes: int | None = None,
) -> FastAPI:
    """The site for ``store``.

    ``check_every`` is how often (seconds) to look for changes (0: at every request, and
    never serve a stale page: for tests); ``base_url`` is the site's canonical address for
    links and feeds (default: the ``base_url`` setting; never the request's Host header);
    ``cache_bytes`` bounds the response cache (default: the ``cache_bytes`` setting).
    """
    site = Site(
        store,
        check_every=check_every,
        max_bytes=cache_bytes if cache_bytes is not None else settings.cache_bytes(),
    )
    canonical = (base_url or settings.get("base_url")).rstrip("/")
    env = environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        site.start()  # warms the cache and watches the store in the background
        try:
            yield
        finally:
            site.stop()

    app = FastAPI(
        lifespan=lifespan,
        redirect_slashes=False,
        title="sendwatch",
        version="1",
        description=(
            "The public record of England's local area SEND inspections: every area's "
            "history, status, documents and findings. Errors have one shape: "
            '`{"error": {"status", "title", "detail"}}`.'
        ),
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.site = site
    app.state.env = env  # one Jinja environment, with the pages' helpers (web.pages)
    app.state.base_url = canonical
    routes = Routes()

    def lookup(path: str, query: bytes) -> Rendered | None:
        """A cached page for a path and query answered before, if it is current."""
        key = routes.key(path, query)
        return None if key is None else site.peek(key)

    app.add_middleware(GZipMiddleware, minimum_size=COMPRESS_FROM)
    app.add_middleware(Hardening, lookup=lookup)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.mount(
        "/assets",
        StaticFiles(directory=STATIC / "govuk" / "assets", check_dir=False),
        name="assets",
    )

    def render(template: str, request: Request, status: int = 200, **context: Any) -> str:
        context.setdefault("feed", {"href": "/feeds/national.atom", "title": "All areas"})
        return env.get_template(template).render(
            request_path=request.url.path, status=status, **context
        )

    async def cached(key: Any, build: Callable[[], Any], deps: Iterable[str] | None = None) -> Any:
        """A cached value; building it (database work) runs in a worker thread, once.
        ``deps``: the areas' names (or tags) it is built from; None: everything."""
        value = site.peek(key)
        if value is None:
            value = await run_in_threadpool(site.cached, key, build, deps)
        return value

    async def html(
        key: Any, build: Callable[[], str], deps: Iterable[str] | None = None
    ) -> Response:
        """A page rendered once per change it depends on; 304 and gzip as the client asks."""
        page = await cached(("html", key), lambda: Rendered.of(build(), HTML), deps)
        routes.remember(("html", key))
        return respond(page)

    async def json_body(
        key: Any, build: Callable[[], Any], deps: Iterable[str] | None = None
    ) -> Response:
        """JSON encoded once per change: the API's hot paths only copy bytes."""
        body = await cached(("json", key), lambda: Rendered.of(encode(build()), JSON), deps)
        routes.remember(("json", key))
        return respond(body)

    # Errors ---------------------------------------------------------------------------

    def error_response(request: Request, status: int, detail: str) -> Response:
        title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"status": status, "title": title, "detail": detail}},
                status_code=status,
            )
        title = PAGE_TITLES.get(status, title)
        page = render("error.html", request, status=status, title=title, detail=detail)
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is nothing at {request.url.path}."
        response = error_response(request, exc.status_code, detail)
        response.headers.update(exc.headers or {})  # Allow on 405
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path"))
            problems.append(f"{where}: {e.get('msg')}")
        return error_response(request, 422, "; ".join(problems) or "The request is not valid.")

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, what)

    # Pages ----------------------------------------------------------------------------

    pages.register(app, site, env, render)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def overview(request: Request, as_of: str | None = Query(None)) -> Response:
        past = lists.parse_as_of(as_of, site.today())
        s = lists.site_on(site, past)

        def build() -> str:
            data = s.national()
            return render(
                "overview.html",
                request,
                title="Local area SEND inspections in England",
                data=data,
                map=svg.tile_map(data["areas"], lists.as_of_query(past)),
                chart=svg.outcomes_chart(data["over_time"]),
                as_of=past,
            )

        if past is not None:  # kept with the past site, a bounded number of dates
            return HTMLResponse(await run_in_threadpool(s.cached, ("html", "/"), build))
        return await html("/", build, {NATIONAL})

    @app.get("/areas/{slug}", response_class=HTMLResponse, include_in_schema=False)
    async def area_page(request: Request, slug: str, as_of: str | None = Query(None)) -> Response:
        area = load_register().by_slug(slug)
        if area is None:
            # "/areas/Stockport", "/areas/stockport-council": to the area's own address.
            named = load_register().find(slug.replace("-", " "))
            if named is None:
                raise not_found(f"No local area has the address {slug!r}.")
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"/areas/{named.slug}{query}", 308)
        past = lists.parse_as_of(as_of, site.today())
        s = lists.site_on(site, past)

        def build() -> str:
            view = s.area(slug)
            assert view is not None
            return render(
                "area.html",
                request,
                title=f"{view['area']}: SEND inspections",
                view=view,
                timeline=svg.timeline(view["_display"], s.today().isoformat()),
                feed={"href": f"/feeds/areas/{slug}.atom", "title": view["area"]},
                as_of=past,
            )

        if past is not None:
            return HTMLResponse(await run_in_threadpool(s.cached, ("html", "area", slug), build))
        return await html(("area", slug), build, area_deps(area))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    async def documents_page(request: Request, page: int = Query(1, ge=1, le=MAX_ID)) -> Response:
        def build() -> str:
            data = site.documents_page(page, PER_PAGE)
            title = "Documents read" + (f", page {page}" if page > 1 else "")
            return render("documents.html", request, title=title, **data)

        return await html(("/documents", page), build, {DOCUMENTS})

    @app.get("/documents/{document_id:int}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: int) -> Response:
        if document_id > MAX_ID or (doc := site.document(document_id)) is None:
            raise not_found(f"No document has the number {document_id}.")

        def build() -> Rendered:
            page = render(
                "document.html",
                request,
                title=doc["title"],
                doc=doc,
                segments=segments(doc["text"], doc["spans"]),
            )
            return Rendered.of(page, HTML)

        key = ("html", "document", document_id)
        page = site.cached(key, build, {DOCUMENTS})
        routes.remember(key)
        return respond(page)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request, q: str = Query("", max_length=500), page: int = Query(1, ge=1, le=1000)
    ) -> HTMLResponse:
        per_page = 20
        results = find.search(store, q, limit=per_page, offset=(page - 1) * per_page)
        pages = (results.total + per_page - 1) // per_page
        words = [w.lower() for w in re.findall(r"\w+", q)]
        title = f"Search results for “{q}”" if q.strip() else "Search findings"
        if q.strip() and page > 1:
            title += f", page {page}"
        return HTMLResponse(
            render(
                "search.html",
                request,
                title=title,
                q=q,
                results=results,
                page=page,
                pages=pages,
                words=words,
                stems=[w[:4] for w in words if len(w) > 3],
            )
        )

    @app.get("/methodology", response_class=HTMLResponse, include_in_schema=False)
    async def methodology(request: Request) -> Response:
        def build() -> str:
            return render(
                "methodology.html",
                request,
                title="How sendwatch works",
                trust=sorted(TRUST, key=TRUST.__getitem__),
                official_2016_url=OFFICIAL_2016_URL,
                mi_2023_url=MI_2023_URL,
            )

        return await html("/methodology", build, ())

    # Feeds (links to the canonical base URL, never the request's Host) ------------------

    @app.get("/feeds/national.atom", include_in_schema=False)
    def national_feed() -> Response:
        body = site.cached(
            ("atom", "national"),
            lambda: Rendered.of(feeds.render(site.national_feed(canonical)), ATOM),
            {NATIONAL, DOCUMENTS},
        )
        routes.remember(("atom", "national"))
        return respond(body)

    @app.get("/feeds/areas/{slug}.atom", include_in_schema=False)
    def area_feed(slug: str) -> Response:
        area = load_register().by_slug(slug)
        feed = site.area_feed(slug, canonical)
        if area is None or feed is None:
            raise not_found(f"No local area has the address {slug!r}.")
        body = site.cached(
            ("atom", slug),
            lambda: Rendered.of(feeds.render(feed), ATOM),
            {*area_deps(area), DOCUMENTS},
        )
        routes.remember(("atom", slug))
        return respond(body)

    # API ------------------------------------------------------------------------------

    def public(data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if not k.startswith("_")}

    @app.get(f"{API}/areas", tags=["areas"], responses=ERRORS)
    async def api_areas(region: str | None = Query(None, max_length=100)) -> Response:
        """Every current local area: its latest event, category and stage, with links to its
        page (``href``) and its full record (``api``)."""

        def build() -> dict[str, Any]:
            rows = site.national()["areas"]
            if region:
                rows = [r for r in rows if r["region"].lower() == region.lower()]
            return {"count": len(rows), "areas": rows}

        key = "areas" if region is None else ("areas", region.lower())
        return await json_body(key, build, {NATIONAL})

    @app.get(f"{API}/areas/{{slug}}", tags=["areas"], responses=ERRORS)
    async def api_area(slug: str = PathParam(max_length=100)) -> Response:
        """One area's reconciled timeline (every source and conflict) and its status."""
        area = load_register().by_slug(slug)
        if area is None:
            raise not_found(f"No local area has the slug {slug!r}; see {API}/areas.")
        return await json_body(("area", slug), lambda: site.area(slug), area_deps(area))

    @app.get(f"{API}/documents", tags=["documents"], responses=ERRORS)
    def api_documents(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_ID)
    ) -> dict[str, Any]:
        """Stored documents (without their text), oldest first, a page at a time."""
        docs = site.documents()
        following = offset + limit < len(docs)
        return {
            "total": len(docs),
            "limit": limit,
            "offset": offset,
            "next": f"{API}/documents?limit={limit}&offset={offset + limit}" if following else None,
            "documents": [
                public(d) | {"href": f"{API}/documents/{d['id']}"}
                for d in docs[offset : offset + limit]
            ],
        }

    @app.get(f"{API}/documents/{{document_id}}", tags=["documents"], responses=ERRORS)
    def api_document(document_id: int = PathParam(ge=1, le=MAX_ID)) -> dict[str, Any]:
        """One document: its text, and the spans that state each value and finding."""
        doc = site.document(document_id)
        if doc is None:
            raise not_found(f"No document has the id {document_id}; see {API}/documents.")
        return public(doc)

    @app.get(f"{API}/search", tags=["findings"], responses=ERRORS)
    def api_search(
        q: str = Query(..., max_length=500, description="Words; a phrase in double quotes."),
        limit: int = Query(20, ge=1, le=find.MAX_LIMIT),
        offset: int = Query(0, ge=0, le=100_000),
    ) -> dict[str, Any]:
        """Findings matching every word of ``q``, best first."""
        return find.search(store, q, limit=limit, offset=offset).to_json()

    @app.get(f"{API}/national", tags=["national"], responses=ERRORS)
    async def api_national() -> Response:
        """The national table with counts by category, stage and outcome, regions and years."""
        return await json_body("national", site.national, {NATIONAL})

    @app.get(
        f"{API}/national.csv",
        tags=["national"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "The national table"}},
    )
    def api_national_csv() -> Response:
        """The national table as CSV, one row per current local area."""

        def build() -> str:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, NATIONAL_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(site.national()["areas"])
            return buffer.getvalue()

        return Response(
            site.cached("csv", build, {NATIONAL}),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="sendwatch-national.csv"'},
        )

    # The record's statistics and currency (sendwatch.web.record).
    from sendwatch.web import record

    record.add_routes(app)
    themes_pages.add_routes(app, store, env)  # issue 15: themes and context
    return app
