"""The record's own pages and API: Ofsted's statistics reproduced, and how current the
record is. Registered from :func:`sendwatch.web.app.create_app` by :func:`add_routes`."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from sendwatch.stats import statistics
from sendwatch.web.app import API, ERRORS, encode
from sendwatch.web.data import Site

#: Ofsted's published tables the defaults reproduce.
DEFAULT_AS_AT = {"2016": date(2022, 8, 31), "2023": date(2024, 12, 31)}


def add_routes(app: FastAPI) -> None:
    """The statistics page, ``/api/v1/statistics`` and ``/api/v1/currency``."""
    site: Site = app.state.site
    env = app.state.env  # the app's own: base.html needs the helpers web.pages adds

    def stats_json(framework: str, as_at: date | None) -> dict[str, Any]:
        day = as_at or DEFAULT_AS_AT[framework]
        return site.cached(
            ("statistics", framework, day),
            lambda: statistics(site.store, day, framework).to_json(),
        )

    @app.get(f"{API}/statistics", tags=["national"], responses=ERRORS)
    async def api_statistics(
        framework: Literal["2016", "2023"] = Query("2023", description="2016 or 2023."),
        as_at: date | None = Query(
            None, description="Count inspections carried out by this date (YYYY-MM-DD)."
        ),
    ) -> Response:
        """Ofsted's official statistics reproduced: inspections carried out by the date,
        with their outcome as later published (2023: counts by outcome; 2016: per area)."""
        data = await run_in_threadpool(stats_json, framework, as_at)
        return Response(encode(data), media_type="application/json")

    @app.get(f"{API}/currency", tags=["national"], responses=ERRORS)
    async def api_currency() -> Response:
        """How current the record is: per source, the date it is complete to."""
        data = await run_in_threadpool(lambda: site.currency().to_json())
        return Response(encode(data), media_type="application/json")

    @app.get("/statistics", response_class=HTMLResponse, include_in_schema=False)
    async def statistics_page(
        request: Request,
        framework: Literal["2016", "2023"] = Query("2023"),
        as_at: date | None = Query(None),
    ) -> HTMLResponse:
        data = await run_in_threadpool(stats_json, framework, as_at)
        currency = await run_in_threadpool(lambda: site.currency().to_json())
        page = env.get_template("statistics.html").render(
            request_path=request.url.path,
            status=200,
            title=f"Ofsted's statistics, reproduced: {framework} framework",
            data=data,
            currency=currency,
            feed={"href": "/feeds/national.atom", "title": "All areas"},
        )
        return HTMLResponse(page)
