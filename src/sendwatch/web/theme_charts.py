"""Pictures for the themes and context pages, made on the server as inline SVG.

Like :mod:`sendwatch.web.svg`: markup built only from escaped text, a title and a
description inside each picture, and the same figures in a table beside it on the page.
Colours are SVG presentation attributes, never style attributes (the site's
Content-Security-Policy forbids inline style).
"""

from __future__ import annotations

import textwrap
from typing import Any

from markupsafe import Markup, escape

BLUE, DARK, GREY, RED, GREEN = "#1d70b8", "#0b0c0c", "#b1b4b6", "#d4351c", "#00703c"
#: Outcome columns of the outcome-against-timeliness chart, with their colours.
OUTCOME_COLOURS = {
    "positive": "#00703c",
    "inconsistent": "#594d00",
    "systemic_failings": "#d4351c",
    "no_wsoa": "#505a5f",
    "wsoa_required": "#b52e5a",
}


def _e(value: Any) -> str:
    return str(escape(str(value)))


def _frame(width: int, height: int, title_id: str, title: str, desc: str, body: str) -> Markup:
    return Markup(
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{title_id} {title_id}-desc">'
        f'<title id="{title_id}">{_e(title)}</title>'
        f'<desc id="{title_id}-desc">{_e(desc)}</desc>{body}</svg>'
    )


def bars(
    rows: list[dict[str, Any]], *, title_id: str, title: str, desc: str, percent: bool = False
) -> Markup:
    """Horizontal bars, one per row ({'label', 'value', 'note'?, 'href'?})."""
    if not rows:
        return Markup("")
    label_w, bar_w, row_h, top = 420, 360, 26, 10
    top_value = 1.0 if percent else max((r["value"] or 0) for r in rows) or 1
    parts = []
    for i, r in enumerate(rows):
        y = top + i * row_h
        value = r["value"]
        w = 0 if value is None else bar_w * value / top_value
        shown = "no verdicts" if value is None else f"{value:.0%}" if percent else f"{value:g}"
        note = f" ({r['note']})" if r.get("note") else ""
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{_e(r["label"])}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{BLUE}">'
            f"<title>{_e(r['label'])}: {_e(shown)}{_e(note)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}">{_e(shown)}{_e(note)}</text>'
        )
    height = top + len(rows) * row_h + 10
    return _frame(label_w + bar_w + 160, height, title_id, title, desc, "".join(parts))


def rate_chart(
    years: list[dict[str, Any]],
    indicator: str,
    *,
    series_break: int,
    marks: list[dict[str, Any]],
    title_id: str,
    title: str,
) -> Markup:
    """A small line chart of a percentage by year, with inspection years and the series break."""
    points = [
        (r["year"], r[indicator]["value"])
        for r in years
        if r.get(indicator) and r[indicator]["value"] is not None
    ]
    if not points:
        return Markup("")
    first = min([p[0] for p in points] + [m["year"] for m in marks if m["year"]])
    last = max([p[0] for p in points] + [m["year"] for m in marks if m["year"]])
    left, right, top, height = 44, 20, 14, 160
    width = 640
    span = max(last - first, 1)

    def x(year: float) -> float:
        return left + (year - first) / span * (width - left - right)

    def y(value: float) -> float:
        return top + height - value / 100 * height

    parts = []
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GREY}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}%</text>'
        )
    for year in range(first, last + 1):
        parts.append(
            f'<text x="{x(year):.1f}" y="{top + height + 18}" text-anchor="middle">{year}</text>'
        )
    if first < series_break <= last + 1:
        bx = x(series_break - 0.5)
        parts.append(
            f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{top}" y2="{top + height}" stroke="{DARK}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{bx + 4:.1f}" y="{top + 12}">series break</text>'
        )
    for m in marks:
        if m["year"] and first <= m["year"] <= last:
            mx = x(m["year"])
            parts.append(
                f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top}" y2="{top + height}" '
                f'stroke="{RED}" stroke-width="2"><title>{_e(m["label"])}</title></line>'
            )
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{x(yr):.1f},{y(v):.1f}" for i, (yr, v) in enumerate(points)
    )
    parts.append(f'<path d="{path}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
    for yr, v in points:
        parts.append(
            f'<circle cx="{x(yr):.1f}" cy="{y(v):.1f}" r="4" fill="{BLUE}">'
            f"<title>{yr}: {v:g}%</title></circle>"
        )
    desc = (
        "A line by year, with red lines at inspection years and a dashed line at the series "
        "break; the same figures are in the table that follows."
    )
    return _frame(width, top + height + 30, title_id, title, desc, "".join(parts))


def outcome_strip(
    points: list[dict[str, Any]], outcomes: list[tuple[str, str]], *, title_id: str
) -> Markup:
    """Each inspected area as a dot: its outcome across, its 20-week rate up."""
    if not points:
        return Markup("")
    left, top, height, col = 50, 14, 260, 150
    width = left + col * len(outcomes) + 10
    parts = []
    for tick in (0, 25, 50, 75, 100):
        ty = top + height - tick / 100 * height
        parts.append(
            f'<line x1="{left}" x2="{width}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{GREY}"/>'
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick}%</text>'
        )
    for i, (code, label) in enumerate(outcomes):
        cx = left + col * i + col / 2
        mine = [p for p in points if p["outcome"] == code]
        for n, line in enumerate(textwrap.wrap(label, 18)[:3]):
            if line:
                parts.append(
                    f'<text x="{cx:.1f}" y="{top + height + 18 + n * 15}" '
                    f'text-anchor="middle">{_e(line)}</text>'
                )
        # Dots in bins of 4 points side by side, centred on the column (a simple swarm).
        bins: dict[int, list[dict[str, Any]]] = {}
        for p in sorted(mine, key=lambda p: p["rate"]):
            bins.setdefault(int(p["rate"] // 4), []).append(p)
        placed = [
            (p, (j - (len(group) - 1) / 2) * 9)
            for group in bins.values()
            for j, p in enumerate(group)
        ]
        for p, jitter in placed:
            py = top + height - p["rate"] / 100 * height
            parts.append(
                f'<circle cx="{cx + jitter:.1f}" cy="{py:.1f}" '
                f'r="5" fill="{OUTCOME_COLOURS.get(code, BLUE)}" fill-opacity="0.8">'
                f"<title>{_e(p['area'])}: {p['rate']:g}% in {p['rate_year']} "
                f"({_e(label)}, {p['inspected']})</title></circle>"
            )
    return _frame(
        width,
        top + height + 65,
        title_id,
        "Inspection outcome against EHC plans issued within 20 weeks",
        "One dot per inspected area in its outcome's column, placed by the share of new EHC "
        "plans issued within 20 weeks; the same figures are in the table that follows.",
        "".join(parts),
    )
