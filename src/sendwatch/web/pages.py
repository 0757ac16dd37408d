"""The site's pages for people: find an area, the lists, comparisons, glossary, accessibility.

:func:`register` adds them to the app :func:`sendwatch.web.app.create_app` builds, with
the helpers every template uses (how current the record is, document titles, the
"report a problem" link). The lists' data is built in :mod:`sendwatch.web.lists`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment
from sqlalchemy import func, select

from sendwatch import glossary, schema, settings, wording
from sendwatch.register import fold, load_register
from sendwatch.web import lists
from sendwatch.web.data import Site

CSV = "text/csv; charset=utf-8"
#: Pages that can be seen as they stood on a past date.
AS_OF_PAGES = re.compile(r"^/(areas(/[a-z0-9-]+)?|due|overdue|compare)?$")


def currency(site: Site, as_of: date | None) -> dict[str, str | None]:
    """How current the record is, for the banner on every page: the date the page is judged
    on, the date the record is complete to for every kind of event
    (:func:`sendwatch.currency.record_currency`), and when it was last checked against
    Ofsted (else when a document was last read)."""
    s = lists.site_on(site, as_of)

    def build() -> dict[str, str | None]:
        record = s.currency()
        checked = max((day for _, day in record.checked), default=None)
        if checked is None:
            with s.store.session() as session:
                read = session.scalar(select(func.max(schema.Document.ingested_at)))
            checked = read.date() if read else None
        trusted = record.trusted_to
        return {
            "judged_on": s.today().isoformat(),
            "record_to": trusted.isoformat() if trusted else None,
            "checked_on": checked.isoformat() if checked else None,
            "checked_against_ofsted": "yes" if record.checked else None,
        }

    return s.cached(("page_currency",), build)


def report_href(path: str) -> str:
    """The 'report a problem with this page' link, to the configured address."""
    address = settings.get("report_address")
    subject = f"Problem with sendwatch page {path}"
    if address.startswith(("http://", "https://")):
        return f"{address}{'&' if '?' in address else '?'}{urlencode({'page': path})}"
    return f"mailto:{address}?subject={quote(subject)}"


def safe_path(path: str) -> str:
    """A local page that can be shown as of a date, or '/' (never another site)."""
    parts = urlsplit(path or "/")
    if parts.scheme or parts.netloc or not AS_OF_PAGES.match(parts.path):
        return "/"
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "as_of"]
    return parts.path + (f"?{urlencode(query)}" if query else "")


def with_as_of(path: str, as_of: date | None) -> str:
    """``path`` with its as-of date set (or removed for today)."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "as_of"]
    if as_of:
        query.append(("as_of", as_of.isoformat()))
    return parts.path + (f"?{urlencode(query)}" if query else "")


def area_matches(q: str, limit: int = 8) -> list[dict[str, Any]]:
    """Areas whose name or any other name contains every word of ``q``, then near misses."""
    register = load_register()
    words = fold(q).split()
    found: list[dict[str, Any]] = []
    if words:
        for a in register.areas:
            for n in (a.name, *a.aliases):
                if all(w in fold(n) for w in words):
                    found.append({"name": a.name, "slug": a.slug, "matched": n, "area": a})
                    break
    if not found:
        for name in register.suggest(q, limit=3):
            a = register.by_name(name)
            found.append({"name": a.name, "slug": a.slug, "matched": a.name, "area": a})
    return found[:limit]


def areas_named(q: str) -> list[dict[str, str]]:
    """Local areas a search names: the whole query, or any run of its words, as an area.

    "Stockport" and "autism in stockport" both offer Stockport's page.
    """
    register = load_register()
    words = re.findall(r"[\w'&-]+", q)[:20]
    found: dict[str, dict[str, str]] = {}
    for size in range(min(len(words), 6), 0, -1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) < 3 or phrase.isdigit():  # not DfE codes ("301")
                continue
            area = register.find(phrase)
            if area is not None and area.slug not in found:
                found[area.slug] = {"name": area.name, "slug": area.slug}
    return list(found.values())[:4]


def register(app: FastAPI, site: Site, env: Environment, render: Callable[..., str]) -> None:
    """Add the pages and the templates' helpers to ``app``."""
    register_areas = load_register()

    def titles() -> dict[str, str]:
        return site.cached(
            ("pages", "titles"), lambda: {d["name"]: d["title"] for d in site.documents()}
        )

    def document_title(document_id: int | None, fallback: str = "the document") -> str:
        if document_id is None:
            return fallback
        for d in site.documents():
            if d["id"] == document_id:
                return str(d["title"])
        return fallback

    def without_file_names(text: str) -> str:
        """Messages that name a document by its file name name it by its title instead."""
        for name, title in titles().items():
            if name and name in text:
                text = text.replace(name, title)
        return text

    env.globals.update(
        glossary=glossary,
        stage_entry=glossary.stage,
        outcome_entry=glossary.outcome,
        event_entry=glossary.event,
        page_currency=lambda as_of=None: currency(site, as_of),
        report_href=report_href,
        document_title=document_title,
        areas_named=areas_named,
        as_of_query=lists.as_of_query,
        ofsted_url=lambda slug: lists.ofsted_url(
            getattr(register_areas.by_slug(slug), "ofsted_urn", None)
        ),
    )
    env.filters["app_date"] = wording.long_date
    env.filters["app_dates"] = wording.date_range
    env.filters["app_no_file_names"] = without_file_names

    def page(template: str, request: Request, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, request, **context))

    def as_of_of(request: Request) -> date | None:
        return lists.parse_as_of(request.query_params.get("as_of"), site.today())

    # Finding an area --------------------------------------------------------------------

    @app.get("/find", response_class=HTMLResponse, include_in_schema=False)
    def find_area(request: Request, q: str = Query("", max_length=200)) -> Response:
        """Straight to the area a name means; otherwise the nearest names to choose from."""
        as_of = as_of_of(request)
        area = register_areas.find(q) if q.strip() else None
        if area is not None:
            return RedirectResponse(f"/areas/{area.slug}{lists.as_of_query(as_of)}", 303)
        matches = area_matches(q) if q.strip() else []
        if len(matches) == 1 and len(fold(q)) >= 4:
            only = matches[0]["slug"]
            return RedirectResponse(f"/areas/{only}{lists.as_of_query(as_of)}", 303)
        title = f"Areas matching “{q}”" if q.strip() else "Find a local area"
        return page("find.html", request, title=title, q=q, matches=matches, as_of=as_of)

    @app.get("/api/v1/area-names", tags=["areas"])
    def area_names() -> JSONResponse:
        """Every name an area goes by (its own, its council's, aliases, old names), for
        the home page's autocomplete."""
        names = []
        for a in register_areas.areas:
            names.append({"name": a.name, "slug": a.slug, "current": a.current})
            for alias in a.aliases:
                names.append({"name": alias, "slug": a.slug, "area": a.name, "current": a.current})
        return JSONResponse({"names": names}, headers={"Cache-Control": "public, max-age=3600"})

    # Lists --------------------------------------------------------------------------------

    def list_query(request: Request) -> dict[str, str]:
        return {k: v for k, v in request.query_params.items() if k != "as_of"}

    @app.api_route("/areas", methods=["GET", "HEAD"], include_in_schema=False)
    def areas_page(request: Request) -> Response:
        as_of = as_of_of(request)
        s = lists.site_on(site, as_of)
        chosen = lists.read_filters(s, list_query(request))
        rows = lists.apply_filters(s, lists.area_rows(s), chosen)
        words = lists.describe_filters(s, chosen)
        query = urlencode({**chosen, **({"as_of": as_of.isoformat()} if as_of else {})})
        return page(
            "areas.html",
            request,
            title="Local areas"
            + ((" " if words.startswith("in ") else ": ") + words if words else ""),
            rows=rows,
            words=words,
            chosen=chosen,
            options=lists.filter_options(s),
            query=query,
            as_of=as_of,
        )

    @app.api_route("/areas.csv", methods=["GET", "HEAD"], include_in_schema=False)
    def areas_csv(request: Request) -> Response:
        as_of = as_of_of(request)
        s = lists.site_on(site, as_of)
        chosen = lists.read_filters(s, list_query(request))
        rows = lists.apply_filters(s, lists.area_rows(s), chosen)
        name = "-".join(["sendwatch-areas", *[v for v in chosen.values()]])
        name = re.sub(r"[^a-z0-9-]+", "-", name.lower()) + (f"-{as_of}" if as_of else "")
        return Response(
            lists.to_csv(rows, lists.AREA_COLUMNS),
            media_type=CSV,
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )

    @app.api_route("/areas.json", methods=["GET", "HEAD"], include_in_schema=False)
    def areas_json(request: Request) -> JSONResponse:
        as_of = as_of_of(request)
        s = lists.site_on(site, as_of)
        chosen = lists.read_filters(s, list_query(request))
        rows = lists.apply_filters(s, lists.area_rows(s), chosen)
        return JSONResponse(
            {
                "as_of": s.today().isoformat(),
                "filters": chosen,
                "count": len(rows),
                "areas": lists.public(rows),
            }
        )

    def steps_response(request: Request, which: str, kind: str, days: int) -> Response:
        as_of = as_of_of(request)
        s = lists.site_on(site, as_of)
        rows = lists.step_rows(s, which, days)
        if kind == "csv":
            return Response(
                lists.to_csv(rows, lists.STEP_COLUMNS),
                media_type=CSV,
                headers={"Content-Disposition": f'attachment; filename="sendwatch-{which}.csv"'},
            )
        if kind == "json":
            return JSONResponse({"as_of": s.today().isoformat(), "count": len(rows), which: rows})
        title = f"Due in the next {days} days" if which == "due" else "Overdue steps"
        query = urlencode(
            {
                **({"days": days} if which == "due" else {}),
                **({"as_of": str(as_of)} if as_of else {}),
            }
        )
        return page(
            "steps.html",
            request,
            title=title,
            which=which,
            rows=rows,
            days=days,
            choices=lists.DUE_CHOICES,
            query=query,
            as_of=as_of,
        )

    days_query = Query(90, ge=1, le=3650, description="How many days ahead.")

    for which in ("due", "overdue"):
        for kind, suffix in (("html", ""), ("csv", ".csv"), ("json", ".json")):

            def endpoint(
                request: Request, days: int = days_query, _w: str = which, _k: str = kind
            ) -> Response:
                return steps_response(request, _w, _k, days)

            app.add_api_route(
                f"/{which}{suffix}",
                endpoint,
                methods=["GET", "HEAD"],
                include_in_schema=False,
                name=f"{which}_{kind}",
            )

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, area: list[str] = Query([], max_length=100)) -> Response:
        as_of = as_of_of(request)
        s = lists.site_on(site, as_of)
        slugs = [a for a in area if a.strip()][: lists.COMPARE_MAX]
        error = None
        areas: list[dict[str, Any]] = []
        if len(slugs) >= lists.COMPARE_MIN:
            areas = lists.compare(s, list(dict.fromkeys(slugs)))
        elif area:
            error = f"Choose between {lists.COMPARE_MIN} and {lists.COMPARE_MAX} areas."
        names = wording.names([a["area"] for a in areas], most=4)
        return page(
            "compare.html",
            request,
            title=f"Compare {names}" if areas else "Compare areas",
            areas=areas,
            chosen=slugs,
            error=error,
            choices=[(a.slug, a.name) for a in register_areas.current],
            as_of=as_of,
            slots=range(lists.COMPARE_MAX),
            form_path="/compare" + (f"?{urlencode([('area', a) for a in slugs])}" if slugs else ""),
        )

    # As of a date ------------------------------------------------------------------------

    @app.get("/as-of", response_class=HTMLResponse, include_in_schema=False)
    def as_of_form(request: Request, path: str = Query("/", max_length=500)) -> Response:
        """The date form's target: to ``path`` as it stood on the date given."""
        target = safe_path(path)
        fields = {
            k: (request.query_params.get(f"as_of-{k}") or "").strip()
            for k in ("day", "month", "year")
        }
        if not any(fields.values()):
            return RedirectResponse(with_as_of(target, None), 303)
        error = None
        when = None
        try:
            when = date(int(fields["year"]), int(fields["month"]), int(fields["day"]))
        except ValueError:
            error = "Enter a real date, for example 1 6 2018"
        if when is not None and when < lists.FIRST_DAY:
            error = "The date must be 1 May 2016 or later: the record starts then"
        if error is None and when is not None:
            today = site.today()
            return RedirectResponse(with_as_of(target, when if when < today else None), 303)
        return HTMLResponse(
            render(
                "as_of.html",
                request,
                status=422,
                title="See a page as it stood on a date",
                path=target,
                fields=fields,
                error=error,
            ),
            status_code=422,
        )

    # About the site ----------------------------------------------------------------------

    @app.get("/glossary", response_class=HTMLResponse, include_in_schema=False)
    def glossary_page(request: Request) -> HTMLResponse:
        return page("glossary.html", request, title="Glossary: the words on this site")

    @app.get("/accessibility", response_class=HTMLResponse, include_in_schema=False)
    def accessibility_page(request: Request) -> HTMLResponse:
        return page("accessibility.html", request, title="Accessibility statement")
