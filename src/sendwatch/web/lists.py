"""The lists behind the numbers: every area with filters, due and overdue steps, comparisons.

``/areas`` filters every current area by region, framework, outcome, stage, latest result,
steps due within a number of days, and overdue steps, and gives the same list as CSV and
JSON (``/areas.csv``, ``/areas.json``, same query). ``/due`` and ``/overdue`` list steps;
``/compare`` puts two to four areas side by side. Every page here, and the overview and
area pages, can be seen as it stood on a past date with ``?as_of=YYYY-MM-DD``: a
:class:`PastSite` builds the same dicts from only what was public on that date.
"""

from __future__ import annotations

import csv
import io
import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

from starlette.exceptions import HTTPException

from sendwatch import glossary, wording
from sendwatch import status as lifecycle
from sendwatch.history import all_timelines
from sendwatch.register import LocalArea, load_register
from sendwatch.timeline import TimelineEvent
from sendwatch.web.data import Site
from sendwatch.web.display import CATEGORY

OFSTED_PROVIDER = "https://reports.ofsted.gov.uk/provider/44/{urn}"
#: The columns of /areas.csv, in order.
AREA_COLUMNS = [
    "area",
    "slug",
    "region",
    "gss_code",
    "stage",
    "stage_label",
    "category",
    "category_label",
    "inspection_framework",
    "inspection_start",
    "inspection_published",
    "inspection_outcome",
    "inspection_outcome_label",
    "next_step",
    "next_due_by",
    "overdue_days",
    "ofsted_url",
]
STEP_COLUMNS = ["area", "slug", "region", "stage", "stage_label", "what", "due_from", "due_by"]
STEP_COLUMNS += ["approximate", "overdue_days", "rule"]
DUE_CHOICES = (30, 90, 180, 365)
FIRST_DAY = date(2016, 5, 1)  # the 2016 framework's first inspections


def ofsted_url(urn: str | None) -> str | None:
    """The area's page on Ofsted's reports site, from the register's URN."""
    return OFSTED_PROVIDER.format(urn=urn) if urn else None


# As of a past date ----------------------------------------------------------------------


class PastSite(Site):
    """The site's data as it stood on ``as_of``: only claims public by then count.

    It is built for one state of the store and never looks at it again (:func:`site_on`
    builds a new one when the store moves), with a small cache of its own.
    """

    def __init__(self, live: Site, as_of: date):
        super().__init__(live.store, check_every=0.0, today=lambda: as_of, max_bytes=PAST_BYTES)

    def _refresh_if_due(self) -> None:
        return None

    def timelines(self) -> dict[str, list[TimelineEvent]]:
        return self.cached("timelines", lambda: all_timelines(self.store, self.today()))

    def timeline(self, area: LocalArea) -> list[TimelineEvent]:
        return self.timelines().get(area.name, [])


_PAST: OrderedDict[tuple, PastSite] = OrderedDict()
_PAST_LOCK = threading.Lock()
#: How many past dates are kept built at once, and the bytes each may cache.
PAST_KEPT = 6
PAST_BYTES = 16 * 1024 * 1024


def site_on(site: Site, as_of: date | None) -> Site:
    """The live site, or the site as it stood on ``as_of`` (a past date)."""
    if as_of is None or as_of >= site.today():
        return site
    key = (id(site), site.quick_version(), as_of)
    with _PAST_LOCK:
        past = _PAST.get(key)
        if past is None:
            past = _PAST[key] = PastSite(site, as_of)
            while len(_PAST) > PAST_KEPT:
                _PAST.popitem(last=False)
        _PAST.move_to_end(key)
        return past


def parse_as_of(value: str | None, today: date) -> date | None:
    """``?as_of=2018-06-01`` as a date; None for today or later; a 422 for anything else."""
    if not value:
        return None
    try:
        when = date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(
            422, f"as_of: {value!r} is not a date; give it as YYYY-MM-DD, like 2018-06-01."
        ) from None
    if when < FIRST_DAY:
        raise HTTPException(
            422, f"as_of: the record starts in May 2016; {value} is before it."
        ) from None
    return None if when >= today else when


def as_of_query(as_of: date | None) -> str:
    """The query string that keeps a page's as-of date on its links ('' for today)."""
    return f"?as_of={as_of.isoformat()}" if as_of else ""


# Rows -----------------------------------------------------------------------------------


def statuses(s: Site) -> dict[str, lifecycle.Status]:
    """Every current area's status on the site's date, by area name."""

    def build() -> dict[str, lifecycle.Status]:
        timelines, today = s.timelines(), s.today()
        return {
            a.name: lifecycle.status(a.name, timelines.get(a.name, []), today)
            for a in load_register().current
        }

    return s.cached(("lists", "statuses"), build)


def _latest_inspection(events: list[TimelineEvent]) -> TimelineEvent | None:
    for event in reversed(events):
        if event.kind == "inspection" and event.get("framework"):
            return event
    return None


def area_rows(s: Site) -> list[dict[str, Any]]:
    """Every current area as one flat row: stage, latest result, latest inspection, next step."""

    def build() -> list[dict[str, Any]]:
        register, timelines, found = load_register(), s.timelines(), statuses(s)
        rows = []
        for row in s.national()["areas"]:
            area = register.by_name(row["area"])
            status = found.get(area.name)
            inspection = _latest_inspection(timelines.get(area.name, []))
            steps = status.steps if status else ()
            nxt = steps[0] if steps else None
            late = max((st.overdue_days or 0 for st in steps), default=0)
            outcome = inspection.get("outcome") if inspection else None
            rows.append(
                {
                    "area": area.name,
                    "slug": area.slug,
                    "region": area.region,
                    "gss_code": area.gss_code,
                    "stage": status.code if status else None,
                    "stage_label": glossary.stage(status.code).label if status else None,
                    "category": row["category"],
                    "category_label": glossary.outcome(row["category"]).label,
                    "inspection_framework": inspection.get("framework") if inspection else None,
                    "inspection_start": inspection.when if inspection else None,
                    "inspection_published": inspection.get("published") if inspection else None,
                    "inspection_outcome": outcome,
                    "inspection_outcome_label": glossary.outcome(outcome).label
                    if outcome
                    else None,
                    "next_step": nxt.what if nxt else None,
                    "next_due_by": nxt.due_by.isoformat() if nxt and nxt.due_by else None,
                    "next_approximate": bool(nxt and nxt.approximate),
                    "overdue_days": late or None,
                    "ofsted_url": ofsted_url(area.ofsted_urn),
                    "_steps": steps,
                }
            )
        return rows

    return s.cached(("lists", "rows"), build)


def step_rows(s: Site, which: str, days: int = 90) -> list[dict[str, Any]]:
    """Steps due within ``days`` of the site's date (``which="due"``), or overdue ones."""

    def build() -> list[dict[str, Any]]:
        found = statuses(s)
        if which == "due":
            pairs = lifecycle.due_within(found.values(), days, s.today())
        else:
            pairs = lifecycle.overdue(found.values())
        register = load_register()
        out = []
        for status, step in pairs:
            area = register.by_name(status.area)
            out.append(
                {
                    "area": area.name,
                    "slug": area.slug,
                    "region": area.region,
                    "stage": status.code,
                    "stage_label": glossary.stage(status.code).label,
                    "what": step.what,
                    "due_from": step.due_from.isoformat() if step.due_from else None,
                    "due_by": step.due_by.isoformat() if step.due_by else None,
                    "approximate": step.approximate,
                    "overdue_days": step.overdue_days,
                    "rule": step.rule,
                }
            )
        return out

    return s.cached(("lists", which, days), build)


# Filters --------------------------------------------------------------------------------


def filter_options(s: Site) -> dict[str, list[tuple[str, str]]]:
    """Every filter's choices as (value, label), for the form and for checking a query."""
    rows = area_rows(s)
    stages = sorted({r["stage"] for r in rows if r["stage"]}, key=list(glossary.STAGES).index)
    outcomes = [c for c in glossary.OUTCOMES if any(r["inspection_outcome"] == c for r in rows)]
    return {
        "region": [(r, r) for r in sorted({r["region"] for r in rows})],
        "framework": [
            ("2023", "2023 framework"),
            ("2016", "2016 framework"),
            ("none", "Not inspected"),
        ],
        "outcome": [(c, glossary.outcome(c).label) for c in outcomes] + [("none", "Not inspected")],
        "stage": [(c, glossary.stage(c).label) for c in stages],
        "category": [(c, glossary.outcome(c).label) for c in CATEGORY],
        "due": [(str(d), f"Within {d} days") for d in DUE_CHOICES],
        "overdue": [("yes", "Only areas with an overdue step")],
    }


def read_filters(s: Site, query: dict[str, str]) -> dict[str, str]:
    """The filters a query asks for, each checked against its choices (a 422 otherwise)."""
    options = filter_options(s)
    chosen = {}
    for name, choices in options.items():
        value = (query.get(name) or "").strip()
        if not value:
            continue
        allowed = {v.lower(): v for v, _ in choices}
        if value.lower() not in allowed:
            listed = ", ".join(v for v, _ in choices)
            raise HTTPException(422, f"{name}: {value!r} is not one of: {listed}.")
        chosen[name] = allowed[value.lower()]
    return chosen


def apply_filters(s: Site, rows: list[dict[str, Any]], chosen: dict[str, str]) -> list[dict]:
    """The rows that match every chosen filter."""
    out = []
    until = s.today() + timedelta(days=int(chosen.get("due", 0)))
    for r in rows:
        if "region" in chosen and r["region"] != chosen["region"]:
            continue
        if "framework" in chosen and (r["inspection_framework"] or "none") != chosen["framework"]:
            continue
        if "outcome" in chosen and (r["inspection_outcome"] or "none") != chosen["outcome"]:
            continue
        if "stage" in chosen and r["stage"] != chosen["stage"]:
            continue
        if "category" in chosen and r["category"] != chosen["category"]:
            continue
        if "due" in chosen and not any(
            st.due_by and s.today() <= st.due_by <= until for st in r["_steps"]
        ):
            continue
        if "overdue" in chosen and not r["overdue_days"]:
            continue
        out.append(r)
    return out


def describe_filters(s: Site, chosen: dict[str, str]) -> str:
    """The chosen filters in words, for the page's heading and the CSV's name."""
    options = filter_options(s)
    words = []
    for name, value in chosen.items():
        if name != "region":
            label = dict(options[name]).get(value, value)
            words.append(label[:1].lower() + label[1:])
    where = f"in {chosen['region']}" if "region" in chosen else ""
    return f"{where}: {'; '.join(words)}" if where and words else where or "; ".join(words)


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def public(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without the keys meant only for HTML (those starting with _)."""
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


# Comparing areas ------------------------------------------------------------------------

COMPARE_MIN, COMPARE_MAX = 2, 4


def compare(s: Site, slugs: list[str]) -> list[dict[str, Any]]:
    """Two to four areas' rows with their histories, in the order asked."""
    register = load_register()
    by_slug = {r["slug"]: r for r in area_rows(s)}
    timelines = s.timelines()
    out = []
    for slug in slugs:
        area = register.by_slug(slug.lower())
        if area is None or area.slug not in by_slug:
            raise HTTPException(422, f"area: no current local area has the address {slug!r}.")
        status = statuses(s).get(area.name)
        events = [e for e in timelines.get(area.name, []) if e.kind != "next_visit_expected"]
        out.append(
            by_slug[area.slug]
            | {
                "sentence": status.sentence if status else None,
                "open_items": status.open_items.to_json() if status and status.open_items else None,
                "events": [{"when": e.when, "description": wording.describe(e)} for e in events],
            }
        )
    return out
