"""Pictures made on the server as inline SVG: the tile map, the outcomes chart, a timeline.

Each function returns markup built only from escaped text, so an area's or a document's
words can never become markup. Every picture has a text alternative on its page (a table
or a list), and a title and description inside it.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from sendwatch.web.display import CATEGORY

#: Regions laid out roughly as they sit on a map of England, three by three.
REGION_GRID = [
    ["North West", "Yorkshire and the Humber", "North East"],
    ["West Midlands", "East Midlands", "East of England"],
    ["South West", "London", "South East"],
]
TILE, GAP, COLUMNS, LABEL = 44, 4, 6, 26

#: Labels short enough for the timeline picture.
SHORT_LABELS = {
    "inspection": "inspection",
    "revisit": "revisit",
    "monitoring_inspection": "monitoring",
    "wsoa_submitted": "statement submitted",
    "wsoa_accepted": "statement accepted",
    "app_agreed": "plan agreed",
    "next_visit_expected": "next visit due",
    "previous_visit": "earlier visit",
}


def _e(value: Any) -> str:
    return str(escape(str(value)))


def abbreviation(name: str) -> str:
    """Three letters for a tile: 'Barking and Dagenham' -> 'BaD', 'Barnet' -> 'Bar'."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in {"and", "of", "the"}]
    if len(words) == 1:
        return words[0][:3]
    if len(words) == 2:
        return words[0][:2] + words[1][:1].upper()
    return "".join(w[0].upper() for w in words[:3])


def tile_map(rows: list[dict[str, Any]], suffix: str = "") -> Markup:
    """Every area as a tile in its region's block, coloured by category, linking to its page.

    One picture per region, laid out by CSS as the regions sit on a map of England (three
    columns on wide screens, fewer on narrow ones), so a tile never shrinks below 24 px.
    ``suffix`` is added to each link (``?as_of=…``).
    """
    by_region: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: r["area"]):
        by_region.setdefault(row["region"], []).append(row)
    width = COLUMNS * (TILE + GAP) - GAP
    blocks = []
    for n, region in enumerate(region for grid_row in REGION_GRID for region in grid_row):
        areas = by_region.get(region, [])
        parts = []
        for i, row in enumerate(areas):
            cat = CATEGORY[row["category"]]
            x = (i % COLUMNS) * (TILE + GAP)
            ty = (i // COLUMNS) * (TILE + GAP)
            label = f"{row['area']}: {cat['label']}"
            parts.append(
                f'<a href="/areas/{_e(row["slug"])}{_e(suffix)}" class="app-map__tile">'
                f"<title>{_e(label)}</title>"
                f'<rect x="{x}" y="{ty}" width="{TILE}" height="{TILE}" '
                f'fill="{cat["fill"]}"/>'
                f'<text x="{x + TILE / 2}" y="{ty + TILE / 2 + 5}" fill="{cat["text"]}" '
                f'text-anchor="middle" aria-hidden="true">'
                f"{_e(abbreviation(row['area']))}</text></a>"
            )
        height = max(1, (len(areas) + COLUMNS - 1) // COLUMNS) * (TILE + GAP) - GAP
        blocks.append(
            f'<div class="app-map__region"><h3 class="govuk-heading-s" id="map-region-{n}">'
            f"{_e(region)}</h3>"
            f'<svg class="app-map" viewBox="0 0 {width} {height}" width="100%" role="group" '
            f'aria-labelledby="map-region-{n}">{"".join(parts)}</svg></div>'
        )
    return Markup(f'<div class="app-map__regions">{"".join(blocks)}</div>')


def outcomes_chart(over_time: dict[str, Any]) -> Markup:
    """A stacked bar chart of outcomes per year; its figures are also given as a table."""
    years = over_time["years"]
    series = over_time["series"]
    if not years:
        return Markup("")
    totals = [sum(s["counts"][i] for s in series) for i in range(len(years))]
    top = max(totals) or 1
    step = 10 if top > 40 else 5
    top = ((top + step - 1) // step) * step
    left, bottom, height, bar, gap, top_pad = 40, 30, 240, 36, 16, 12
    width = left + len(years) * (bar + gap) + gap
    parts = []
    for tick in range(0, top + 1, step):
        ty = top_pad + height - tick * height / top
        parts.append(
            f'<line x1="{left}" x2="{width}" y1="{ty:.1f}" y2="{ty:.1f}" class="app-chart__grid"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, year in enumerate(years):
        x = left + gap + i * (bar + gap)
        base = top_pad + height
        for s in series:
            count = s["counts"][i]
            if not count:
                continue
            h = count * height / top
            cat = CATEGORY[s["code"]]
            parts.append(
                f'<rect x="{x}" y="{base - h:.1f}" width="{bar}" height="{h:.1f}" '
                f'fill="{cat["fill"]}" stroke="#ffffff" stroke-width="1">'
                f"<title>{_e(year)}: {count} {_e(cat['label'])}</title></rect>"
            )
            base -= h
        parts.append(
            f'<text x="{x + bar / 2}" y="{top_pad + height + 18}" text-anchor="middle">'
            f"{_e(year)}</text>"
        )
    return Markup(
        f'<svg class="app-chart" viewBox="0 0 {width} {top_pad + height + bottom}" width="100%" '
        f'role="img" aria-labelledby="chart-title chart-desc">'
        f'<title id="chart-title">Outcomes of inspections and revisits by year</title>'
        f'<desc id="chart-desc">Stacked bars, one per year; the same figures are in the '
        f"table that follows.</desc>{''.join(parts)}</svg>"
    )


def timeline(display: list[dict[str, Any]], today: str) -> Markup:
    """An area's events on a line of years; the list of events below it says the same."""
    dated = [e for e in display if e["when"]]
    if not dated:
        return Markup("")
    first = int(min(e["when"][:4] for e in dated))
    last = max(int(today[:4]), int(max(e["when"][:4] for e in dated))) + 1
    left, right, width, mid = 20, 20, 900, 70
    span = max(last - first, 1)

    def x_of(when: str) -> float:
        parts = [int(p) for p in when[:10].split("-")]
        year = parts[0] + ((parts[1] - 1) / 12 if len(parts) > 1 else 0)
        year += (parts[2] - 1) / 365 if len(parts) > 2 else 0
        return left + (year - first) / span * (width - left - right)

    parts = [f'<line x1="{left}" x2="{width - right}" y1="{mid}" y2="{mid}" class="app-tl__axis"/>']
    for year in range(first, last + 1):
        x = x_of(str(year))
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{mid - 5}" y2="{mid + 5}" class="app-tl__axis"/>'
            f'<text x="{x:.1f}" y="{mid + 22}" text-anchor="middle">{year}</text>'
        )
    tx = x_of(today)
    parts.append(
        f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{mid - 30}" y2="{mid + 30}" class="app-tl__today"/>'
        f'<text x="{tx:.1f}" y="{mid + 44}" text-anchor="middle" class="app-tl__label">today</text>'
    )
    for n, event in enumerate(dated):
        x = x_of(event["when"])
        label = SHORT_LABELS.get(event["kind"], event["title"])
        # Keep labels inside the picture: anchor them at the start or end near its edges.
        anchor = "start" if x < 80 else "end" if x > width - 80 else "middle"
        cat = event["category"] or CATEGORY["none"]
        fill = cat["fill"] if cat["code"] != "none" else "#505a5f"
        up = n % 2 == 0
        label_y = mid - 20 if up else mid + 62
        parts.append(
            f'<circle cx="{x:.1f}" cy="{mid}" r="8" fill="{fill}" stroke="#0b0c0c"/>'
            f'<text x="{x:.1f}" y="{label_y}" text-anchor="{anchor}" class="app-tl__label">'
            f"{_e(label)}</text>"
        )
    return Markup(
        f'<svg class="app-timeline" viewBox="0 0 {width} 140" width="100%" aria-hidden="true" '
        f'focusable="false">{"".join(parts)}</svg>'
    )
