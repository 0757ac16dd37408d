"""Pages and API for what inspectors find nationally (themes, what gets put right) and the
context figures beside each area. :func:`add_routes` registers them on the site's app.

Every page renders one dict built from :mod:`sendwatch.findings` and
:mod:`sendwatch.context`, cached per store version like the rest of the site; HTML, JSON
and CSV are renderings of it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from sendwatch import context as ctx
from sendwatch import views
from sendwatch.db import Store
from sendwatch.findings import (
    DIMENSIONS,
    FLAT_COLUMNS,
    ROLE_LABELS,
    ROLE_SHORT,
    Filters,
    ThemedFinding,
    breakdown,
    national,
    select,
    themed_findings,
)
from sendwatch.register import load_register
from sendwatch.themes import THEME_BY_CODE, THEMES
from sendwatch.web import theme_charts

API = "/api/v1"
PER_PAGE = 50


class Framework(StrEnum):
    f2016 = "2016"
    f2023 = "2023"


Dimension = StrEnum("Dimension", {d: d for d in DIMENSIONS})  # type: ignore[misc]
Role = StrEnum("Role", {r: r for r in ROLE_LABELS})  # type: ignore[misc]
ThemeCode = StrEnum("ThemeCode", {t.code: t.code for t in THEMES})  # type: ignore[misc]
Outcome = StrEnum("Outcome", {o: o for o in views.OUTCOME_LABELS})  # type: ignore[misc]
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found"},
    422: {"description": "The request's parameters are not valid"},
}


def filters_of(**given: Any) -> Filters:
    """Filters from query parameters: enums as their values, an empty string as no filter."""
    values = {}
    for name, value in given.items():
        if isinstance(value, StrEnum):
            value = value.value
        values[name] = value if isinstance(value, bool) or value else None
    return Filters(**values)


def area_filters(
    framework: Framework | None = Query(None),
    region: str | None = Query(None, max_length=100),
    outcome: Outcome | None = Query(None),
    year: str | None = Query(None, pattern=r"^\d{4}$"),
) -> Filters:
    """The API's filters on areas (framework, region, outcome, year), from the query."""
    return filters_of(framework=framework, region=region, outcome=outcome, year=year)


def choice(name: str, value: str | None, allowed: type[StrEnum] | None) -> str | None:
    """A page's query value checked against its choices (a year when ``allowed`` is None);
    an empty value is no choice."""
    if not value:
        return None
    if allowed is None:
        if re.fullmatch(r"\d{4}", value):
            return value
        raise HTTPException(422, f"{name}: should be a year such as 2024, not {value!r}")
    if value in {m.value for m in allowed}:
        return value
    options = ", ".join(m.value for m in allowed)
    raise HTTPException(422, f"{name}: should be one of {options}, not {value!r}")


def highlight(f: ThemedFinding) -> Markup:
    """The finding's text with the words that decided its themes marked."""
    spans = sorted({(s, e) for m in f.themes for s, e, _ in m.words})
    out, at = [], 0
    for s, e in spans:
        if s < at:
            s = at
        if e <= s:
            continue
        out.append(str(escape(f.text[at:s])) + f"<mark>{escape(f.text[s:e])}</mark>")
        at = e
    out.append(str(escape(f.text[at:])))
    return Markup("".join(out))


def add_routes(app: FastAPI, store: Store, env: Environment) -> None:
    """Register the themes and context pages and API on ``app`` (the site's)."""
    site = app.state.site

    def findings() -> list[ThemedFinding]:
        return site.cached("themed_findings", lambda: themed_findings(site.timelines()))

    def contexts() -> dict[str, dict[str, Any]]:
        return site.cached("context_tables", lambda: ctx.all_context(store))

    def render(template: str, request: Request, **context: Any) -> HTMLResponse:
        context.setdefault("feed", {"href": "/feeds/national.atom", "title": "All areas"})
        html = env.get_template(template).render(
            request_path=request.url.path, status=200, **context
        )
        return HTMLResponse(html)

    def csv_response(rows: list[dict[str, Any]], columns: list[str], name: str) -> Response:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return Response(
            buffer.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def json_response(data: Any) -> Response:
        return Response(
            json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str),
            media_type="application/json",
        )

    def link(path: str, filters: Filters, **more: Any) -> str:
        query = filters.query(**more)
        return path + ("?" + urlencode(query) if query else "")

    def area_context(slug: str) -> dict[str, Any] | None:
        """The context partial's data for an area page: table, chart, inspection years."""
        area = load_register().by_slug(slug)
        if area is None:
            return None

        def build() -> dict[str, Any]:
            table = contexts()[area.name]
            marks = [
                {
                    "year": int(e.when[:4]),
                    "label": f"{e.when}: {views.describe(e)}",
                }
                for e in site.timelines().get(area.name, [])
                if e.kind in ("inspection", "revisit", "monitoring_inspection") and e.when
            ]
            chart = theme_charts.rate_chart(
                table["years"],
                "ehc_20week_rate",
                series_break=table["series_break"]["year"],
                marks=marks,
                title_id="context-chart-title",
                title=f"{area.name}: new EHC plans issued within 20 weeks, by year",
            )
            return {"table": table, "chart": chart, "marks": marks}

        return site.cached(("context_partial", slug), build)

    env.globals["area_context"] = area_context
    env.globals["theme_labels"] = {t.code: t.label for t in THEMES}
    env.globals["theme_definitions"] = {t.code: t.definition for t in THEMES}
    env.globals["role_labels"] = ROLE_LABELS

    # Pages --------------------------------------------------------------------------------

    # A form submits its empty choices as empty strings ("framework="): pages take them as
    # text and check them here, where the API's parameters are strict.

    @app.get("/themes", response_class=HTMLResponse, include_in_schema=False)
    def themes_page(
        request: Request,
        framework: str | None = Query(None, max_length=10),
        region: str | None = Query(None, max_length=100),
        outcome: str | None = Query(None, max_length=40),
        year: str | None = Query(None, max_length=10),
        by: str | None = Query(None, max_length=20),
    ) -> HTMLResponse:
        filters = filters_of(
            framework=choice("framework", framework, Framework),
            region=region,
            outcome=choice("outcome", outcome, Outcome),
            year=choice("year", year, None),
        )
        data = national(findings(), filters)
        cross = breakdown(findings(), filters, choice("by", by, Dimension) or "region")
        weakness_rows = [
            {
                "label": r["label"],
                "value": (r["significant_weakness"] or 0) + (r["priority_action"] or 0),
            }
            for r in data["rows"]
        ]
        chart = theme_charts.bars(
            weakness_rows,
            title_id="themes-chart-title",
            title="Significant weaknesses and areas for priority action by theme",
            desc="One bar per theme; the same figures are in the table that follows.",
        )
        return render(
            "themes/national.html",
            request,
            title="What inspectors find: themes",
            data=data,
            cross=cross,
            dimensions=DIMENSIONS,
            chart=chart,
            filters=filters,
            link=link,
            regions=sorted({a.region for a in load_register().current}),
            outcomes=views.OUTCOME_LABELS,
        )

    @app.get("/themes/resolution", response_class=HTMLResponse, include_in_schema=False)
    def resolution_page(
        request: Request,
        region: str | None = Query(None, max_length=100),
        year: str | None = Query(None, max_length=10),
    ) -> HTMLResponse:
        filters = filters_of(region=region, year=choice("year", year, None))
        data = national(findings(), filters)
        chart = theme_charts.bars(
            [
                {
                    "label": r["label"],
                    "value": r["resolved_share"],
                    "note": f"{r['revisit_sufficient'] + r['monitoring_effective']} of "
                    f"{r['revisit_judged'] + r['monitoring_judged']}",
                }
                for r in data["rows"]
                if r["revisit_judged"] + r["monitoring_judged"]
            ],
            title_id="resolution-chart-title",
            title="Share of judged weaknesses and priority actions put right, by theme",
            desc="One bar per theme with any verdicts; the same figures are in the table "
            "that follows.",
            percent=True,
        )
        return render(
            "themes/resolution.html",
            request,
            title="What gets put right: themes",
            data=data,
            chart=chart,
            filters=filters,
            link=link,
            regions=sorted({a.region for a in load_register().current}),
        )

    @app.get("/themes/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_page(
        request: Request,
        theme: ThemeCode | None = Query(None),
        role: Role | None = Query(None),
        framework: Framework | None = Query(None),
        region: str | None = Query(None, max_length=100),
        outcome: Outcome | None = Query(None),
        year: str | None = Query(None, pattern=r"^\d{4}$"),
        resolved: bool | None = Query(None),
        page: int = Query(1, ge=1, le=1000),
    ) -> HTMLResponse:
        filters = filters_of(
            framework=framework,
            region=region,
            outcome=outcome,
            year=year,
            role=role,
            theme=theme,
            resolved=resolved,
        )
        kept = select(findings(), filters)
        pages = max(1, (len(kept) + PER_PAGE - 1) // PER_PAGE)
        shown = kept[(page - 1) * PER_PAGE : page * PER_PAGE]
        title = "Findings"
        if theme:
            title += f": {THEME_BY_CODE[theme.value].label}"
        if page > 1:
            title += f", page {page}"
        return render(
            "themes/findings.html",
            request,
            title=title,
            theme=theme and THEME_BY_CODE[theme.value],
            filters=filters,
            total=len(kept),
            findings=[{"f": f, "html": highlight(f)} for f in shown],
            page=page,
            pages=pages,
            link=link,
            role_short=ROLE_SHORT,
        )

    @app.get("/context", response_class=HTMLResponse, include_in_schema=False)
    def context_page(request: Request) -> HTMLResponse:
        data = national_context()
        chart = theme_charts.outcome_strip(
            data["points"],
            [(o, views.OUTCOME_LABELS[o]) for o in ctx.CHART_OUTCOMES],
            title_id="outcome-chart-title",
        )
        return render(
            "themes/context.html",
            request,
            title="Inspection outcomes and EHC plan timeliness",
            data=data,
            chart=chart,
        )

    def national_context() -> dict[str, Any]:
        def build() -> dict[str, Any]:
            points = ctx.outcome_points(site.timelines(), contexts())
            return {
                "points": points,
                "summary": ctx.outcome_summary(points),
                "sources": [
                    {"dataset": d, **ctx.SOURCES[d], "licence": ctx.LICENCE} for d in ctx.SOURCES
                ],
                "note": "Each inspection with an outcome beside the share of new EHC plans the "
                "area issued within 20 weeks (including exceptions) in the last calendar year "
                "before the inspection's year.",
            }

        return site.cached("national_context", build)

    # API ------------------------------------------------------------------------------------

    @app.get(f"{API}/themes", tags=["themes"], responses=ERRORS)
    def api_themes(
        filters: Filters = Depends(area_filters),
    ) -> Response:
        """Findings per theme and kind, and per theme the share of judged ones put right."""
        data = national(findings(), filters)
        data["findings_href"] = {
            r["theme"]: link("/api/v1/findings", filters, theme=r["theme"]) for r in data["rows"]
        }
        return json_response(data)

    @app.get(
        f"{API}/themes.csv",
        tags=["themes"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "Findings by theme"}},
    )
    def api_themes_csv(
        filters: Filters = Depends(area_filters),
    ) -> Response:
        """Findings per theme and kind, and resolution per theme, one row per theme."""
        return csv_response(
            national(findings(), filters)["rows"], FLAT_COLUMNS, "sendwatch-themes.csv"
        )

    @app.get(f"{API}/themes/breakdown", tags=["themes"], responses=ERRORS)
    def api_breakdown(
        by: Dimension = Query(Dimension.region),
        filters: Filters = Depends(area_filters),
    ) -> Response:
        """Weaknesses and priority actions per theme across regions, years, frameworks or
        outcomes."""
        return json_response(breakdown(findings(), filters, by.value))

    @app.get(
        f"{API}/themes/breakdown.csv",
        tags=["themes"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "Themes by a dimension"}},
    )
    def api_breakdown_csv(
        by: Dimension = Query(Dimension.region),
        filters: Filters = Depends(area_filters),
    ) -> Response:
        """The breakdown as CSV: one row per theme, one column per value."""
        data = breakdown(findings(), filters, by.value)
        values = [v["value"] for v in data["values"]]
        rows = [{"theme": r["theme"], "label": r["label"], **r["counts"]} for r in data["rows"]]
        return csv_response(rows, ["theme", "label", *values], f"sendwatch-themes-by-{by}.csv")

    @app.get(f"{API}/resolution", tags=["themes"], responses=ERRORS)
    def api_resolution(
        region: str | None = Query(None, max_length=100),
        year: str | None = Query(None, pattern=r"^\d{4}$"),
    ) -> Response:
        """Per theme: weaknesses judged at revisits and priority actions judged at monitoring
        inspections, and how many were put right."""
        data = national(findings(), filters_of(region=region, year=year))
        return json_response({"filters": data["filters"], **data["resolution"]})

    @app.get(
        f"{API}/resolution.csv",
        tags=["themes"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "Resolution by theme"}},
    )
    def api_resolution_csv(
        region: str | None = Query(None, max_length=100),
        year: str | None = Query(None, pattern=r"^\d{4}$"),
    ) -> Response:
        """Resolution per theme as CSV, one row per theme."""
        rows = national(findings(), filters_of(region=region, year=year))["rows"]
        columns = [
            "theme",
            "label",
            *[c for c in FLAT_COLUMNS if c.startswith(("revisit", "monitoring", "resolved"))],
        ]
        return csv_response(rows, columns, "sendwatch-resolution.csv")

    @app.get(f"{API}/findings", tags=["themes"], responses=ERRORS)
    def api_findings(
        theme: ThemeCode | None = Query(None),
        role: Role | None = Query(None),
        framework: Framework | None = Query(None),
        region: str | None = Query(None, max_length=100),
        outcome: Outcome | None = Query(None),
        year: str | None = Query(None, pattern=r"^\d{4}$"),
        resolved: bool | None = Query(None),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> Response:
        """The findings behind a number: each with its themes, the words that decided them,
        and where its words are (a document span or a dataset row)."""
        filters = filters_of(
            framework=framework,
            region=region,
            outcome=outcome,
            year=year,
            role=role,
            theme=theme,
            resolved=resolved,
        )
        kept = select(findings(), filters)
        return json_response(
            {
                "filters": filters.query(),
                "total": len(kept),
                "limit": limit,
                "offset": offset,
                "findings": [f.to_json() for f in kept[offset : offset + limit]],
            }
        )

    @app.get(f"{API}/areas/{{slug}}/context", tags=["context"], responses=ERRORS)
    def api_area_context(slug: str = PathParam(max_length=100)) -> Response:
        """An area's EHC plan timeliness and tribunal appeals by year, as published."""
        area = load_register().by_slug(slug)
        if area is None:
            raise HTTPException(404, f"No local area has the slug {slug!r}; see {API}/areas.")
        return json_response(contexts()[area.name])

    @app.get(f"{API}/context", tags=["context"], responses=ERRORS)
    def api_context() -> Response:
        """Every inspection with an outcome beside the area's 20-week rate before it."""
        return json_response(national_context())

    @app.get(
        f"{API}/context.csv",
        tags=["context"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}, "description": "Outcome and timeliness"}},
    )
    def api_context_csv() -> Response:
        """Every inspection with an outcome beside the area's 20-week rate before it (CSV)."""
        columns = ["area", "framework", "outcome", "inspected", "rate_year", "rate"]
        return csv_response(national_context()["points"], columns, "sendwatch-context.csv")
