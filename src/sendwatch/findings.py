"""Every finding of the record with its themes and evidence; themes and resolution nationally.

A finding is what an inspection found (a 2016 significant weakness, a 2023 area for
priority action or for improvement, a concern, a strength) as the most trusted source of
its event words it. Each is themed by :mod:`sendwatch.themes`, and placed by its area's
region, its framework, its event's year and outcome. The national tables count findings
per theme; *resolution* counts, per theme, the 2016 weaknesses a revisit judged
(sufficient progress or not) and the 2023 priority actions a monitoring inspection judged
(effective action or not). Every count can be turned back into the findings behind it
(:func:`select`), each with the words that state it.

Findings are themed when read (a few thousand regular-expression scans); the site caches
the result per store version, so no table of themes can fall out of step with the cues.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sendwatch.register import load_register
from sendwatch.themes import THEMES, ThemeMatch, classify
from sendwatch.timeline import TimelineEvent

#: What a finding is, by framework, event and kind; the roles pages count.
ROLES = {
    ("2016", "inspection", "weaknesses"): "significant_weakness",
    ("2016", "revisit", "weaknesses"): "weakness_revisited",
    ("2023", "inspection", "weaknesses"): "priority_action",
    ("2023", "inspection", "improvements"): "improvement",
    ("2023", "inspection", "concerns"): "concern",
    ("2023", "inspection", "strengths"): "strength",
    ("2016", "inspection", "strengths"): "strength",
    ("2016", "inspection", "concerns"): "concern",
    ("2016", "inspection", "areas_for_development"): "area_for_development",
    ("2023", "monitoring_inspection", "weaknesses"): "priority_action_monitored",
}
ROLE_LABELS = {
    "significant_weakness": "Significant weaknesses (2016 framework)",
    "priority_action": "Areas for priority action (2023 framework)",
    "improvement": "Areas for improvement (2023 framework)",
    "area_for_development": "Areas for development (2016 framework)",
    "concern": "Concerns",
    "strength": "Strengths",
    "weakness_revisited": "Weaknesses judged at a revisit (2016 framework)",
    "priority_action_monitored": "Priority actions judged at monitoring (2023 framework)",
    "weakness": "Significant weaknesses and areas for priority action",
}
ROLE_SHORT = {
    "significant_weakness": "2016 weaknesses",
    "priority_action": "priority actions",
    "improvement": "improvements",
    "area_for_development": "areas for development",
    "concern": "concerns",
    "strength": "strengths",
    "weakness_revisited": "revisit verdicts",
    "priority_action_monitored": "monitoring verdicts",
    "weakness": "weaknesses and priority actions",
}
#: The roles the national theme table counts, in its column order.
COUNTED_ROLES = (
    "significant_weakness",
    "priority_action",
    "improvement",
    "area_for_development",
    "concern",
    "strength",
)
#: The framework a role belongs to (None: both).
ROLE_FRAMEWORK = {
    "significant_weakness": "2016",
    "priority_action": "2023",
    "improvement": "2023",
    "area_for_development": "2016",
}
#: What the role filter "weakness" stands for: what an inspection found most wrong.
WEAKNESS_ROLES = ("significant_weakness", "priority_action")
#: The dimensions findings can be broken down by.
DIMENSIONS = ("region", "year", "framework", "outcome")
#: The roles whose verdicts say whether a weakness was put right.
JUDGED_ROLES = ("weakness_revisited", "priority_action_monitored")
RESOLVED = {"sufficient", "effective"}
UNRESOLVED = {"insufficient", "ineffective"}


@dataclass
class ThemedFinding:
    """One finding with its themes, where it was found, and where its words are."""

    id: str
    area: str
    slug: str
    region: str
    framework: str
    event_kind: str
    role: str
    year: str | None
    date: str | None
    outcome: str | None
    text: str
    verdict: str | None
    themes: list[ThemeMatch] = field(default_factory=list)
    document_id: int | None = None
    span_start: int | None = None
    dataset: str | None = None
    dataset_row: int | None = None
    url: str | None = None

    @property
    def theme_codes(self) -> list[str]:
        return [m.theme for m in self.themes]

    @property
    def resolved(self) -> bool | None:
        """True or False when a verdict judges it put right or not; None otherwise."""
        if self.verdict in RESOLVED:
            return True
        if self.verdict in UNRESOLVED:
            return False
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "area": self.area,
            "slug": self.slug,
            "region": self.region,
            "framework": self.framework,
            "event": self.event_kind,
            "role": self.role,
            "year": self.year,
            "date": self.date,
            "outcome": self.outcome,
            "text": self.text,
            "verdict": self.verdict,
            "themes": [m.to_json() for m in self.themes],
            "evidence": {
                "document_id": self.document_id,
                "span_start": self.span_start,
                "dataset": self.dataset,
                "row": self.dataset_row,
                "url": self.url,
            },
        }


def themed_findings(timelines: dict[str, list[TimelineEvent]]) -> list[ThemedFinding]:
    """Every finding of every area's own events (not inherited ones), themed.

    A compiled record's summary of an event is a paraphrase, not the inspectors' findings
    (sendwatch.official keeps it whole), so it is not themed or counted here.
    """
    register = load_register()
    out: list[ThemedFinding] = []
    for name, events in timelines.items():
        area = register.by_name(name)
        for n, event in enumerate(events):
            if event.inherited_from or not event.framework:
                continue
            when = event.when
            for kind in (
                "weaknesses",
                "improvements",
                "areas_for_development",
                "concerns",
                "strengths",
            ):
                role = ROLES.get((event.framework, event.kind, kind))
                items = event.findings(kind) if role else []
                if not items:
                    continue
                giver = next(c for c in event.claims if any(f is items[0] for f in c.findings))
                for position, f in enumerate(items):
                    out.append(
                        ThemedFinding(
                            id=f"{area.slug}-{n}-{kind}-{position}",
                            area=area.name,
                            slug=area.slug,
                            region=area.region,
                            framework=event.framework,
                            event_kind=event.kind,
                            role=role or "",
                            year=when[:4] if when else None,
                            date=when,
                            outcome=event.get("outcome"),
                            text=f.text,
                            verdict=f.verdict,
                            themes=classify(f.text),
                            document_id=f.document_id,
                            span_start=f.span[0] if f.span else None,
                            dataset=giver.source.dataset,
                            dataset_row=giver.source.dataset_row,
                            url=giver.source.url,
                        )
                    )
    return out


@dataclass(frozen=True)
class Filters:
    """Which findings a table or list counts; None means any."""

    framework: str | None = None
    region: str | None = None
    outcome: str | None = None
    year: str | None = None
    role: str | None = None
    theme: str | None = None
    resolved: bool | None = None

    def keep(self, f: ThemedFinding) -> bool:
        return (
            (self.framework is None or f.framework == self.framework)
            and (self.region is None or f.region.lower() == self.region.lower())
            and (self.outcome is None or f.outcome == self.outcome)
            and (self.year is None or f.year == self.year)
            and (
                self.role is None
                or f.role == self.role
                or (self.role == "weakness" and f.role in WEAKNESS_ROLES)
            )
            and (self.theme is None or self.theme in f.theme_codes)
            and (self.resolved is None or f.resolved is self.resolved)
        )

    def query(self, **more: Any) -> dict[str, str]:
        """These filters (and ``more``) as query parameters, for links to the findings."""
        values = {
            "framework": self.framework,
            "region": self.region,
            "outcome": self.outcome,
            "year": self.year,
            "role": self.role,
            "theme": self.theme,
            "resolved": None if self.resolved is None else str(self.resolved).lower(),
        } | more
        return {k: str(v) for k, v in values.items() if v is not None}


def select(findings: Iterable[ThemedFinding], filters: Filters) -> list[ThemedFinding]:
    """The findings the filters keep, newest first."""
    kept = [f for f in findings if filters.keep(f)]
    return sorted(kept, key=lambda f: (f.date or "", f.area), reverse=True)


def theme_table(findings: list[ThemedFinding], filters: Filters) -> dict[str, Any]:
    """Findings per theme and role (2016 weaknesses, priority actions, improvements, ...)."""
    kept = [f for f in findings if filters.keep(f) and f.role in COUNTED_ROLES]
    roles = [
        r
        for r in COUNTED_ROLES
        if filters.role in (None, r)
        and (filters.framework is None or ROLE_FRAMEWORK.get(r) in (None, filters.framework))
    ]
    totals = Counter(f.role for f in kept)
    counts: dict[str, Counter] = {t.code: Counter() for t in THEMES}
    for f in kept:
        for code in f.theme_codes:
            counts[code][f.role] += 1
    rows = []
    for t in THEMES:
        cells = []
        for role in roles:
            n = counts[t.code][role]
            share = n / totals[role] if totals[role] else None
            cells.append({"role": role, "count": n, "share": share})
        rows.append({"theme": t.code, "label": t.label, "cells": cells})
    return {
        "filters": filters.query(),
        "roles": [
            {"code": r, "label": ROLE_LABELS[r], "short": ROLE_SHORT[r], "total": totals[r]}
            for r in roles
        ],
        "rows": rows,
        "unthemed": sum(1 for f in kept if not f.themes),
    }


def resolution_table(findings: list[ThemedFinding], filters: Filters) -> dict[str, Any]:
    """Per theme: judged weaknesses and priority actions, and the share put right."""
    kept = [
        f for f in findings if filters.keep(f) and f.role in JUDGED_ROLES and f.resolved is not None
    ]
    rows = []
    for t in THEMES:
        row: dict[str, Any] = {"theme": t.code, "label": t.label}
        for role in JUDGED_ROLES:
            judged = [f for f in kept if f.role == role and t.code in f.theme_codes]
            resolved = sum(1 for f in judged if f.resolved)
            row[role] = {
                "judged": len(judged),
                "resolved": resolved,
                "share": resolved / len(judged) if judged else None,
            }
        judged_all = sum(row[r]["judged"] for r in JUDGED_ROLES)
        resolved_all = sum(row[r]["resolved"] for r in JUDGED_ROLES)
        row["all"] = {
            "judged": judged_all,
            "resolved": resolved_all,
            "share": resolved_all / judged_all if judged_all else None,
        }
        rows.append(row)
    return {
        "filters": filters.query(),
        "roles": [{"code": r, "label": ROLE_LABELS[r]} for r in JUDGED_ROLES],
        "rows": rows,
        "judged": len(kept),
    }


def breakdown(findings: list[ThemedFinding], filters: Filters, by: str) -> dict[str, Any]:
    """Weaknesses and priority actions per theme, across the values of one dimension."""
    if by not in DIMENSIONS:
        raise ValueError(f"cannot break findings down by {by!r}; choose one of {DIMENSIONS}")
    chosen = Filters(**{**filters.__dict__, "role": "weakness"})
    kept = [f for f in findings if chosen.keep(f)]
    values = sorted({str(getattr(f, by)) for f in kept if getattr(f, by)})
    totals = Counter(str(getattr(f, by)) for f in kept)
    rows = []
    for t in THEMES:
        counts = Counter(str(getattr(f, by)) for f in kept if t.code in f.theme_codes)
        rows.append({"theme": t.code, "label": t.label, "counts": {v: counts[v] for v in values}})
    return {
        "by": by,
        "role": "weakness",
        "filters": chosen.query(),
        "values": [{"value": v, "total": totals[v]} for v in values],
        "rows": rows,
    }


def dimensions(findings: list[ThemedFinding]) -> dict[str, list[str]]:
    """The values each filter can take in the record (for forms and validation)."""
    return {
        "framework": sorted({f.framework for f in findings}),
        "region": sorted({f.region for f in findings}),
        "outcome": sorted({f.outcome for f in findings if f.outcome}),
        "year": sorted({f.year for f in findings if f.year}),
    }


#: The flat table's columns (CLI and API CSV): counts per role, then resolution.
FLAT_COLUMNS = [
    "theme",
    "label",
    *COUNTED_ROLES,
    "revisit_judged",
    "revisit_sufficient",
    "monitoring_judged",
    "monitoring_effective",
    "resolved_share",
]


def national(findings: list[ThemedFinding], filters: Filters) -> dict[str, Any]:
    """The national view: findings per theme and role, and what got put right per theme."""
    table = theme_table(findings, filters)
    resolution = resolution_table(findings, filters)
    flat = []
    for row, res in zip(table["rows"], resolution["rows"], strict=True):
        cells = {c["role"]: c["count"] for c in row["cells"]}
        share = res["all"]["share"]
        flat.append(
            {
                "theme": row["theme"],
                "label": row["label"],
                **{r: cells.get(r) for r in COUNTED_ROLES},
                "revisit_judged": res["weakness_revisited"]["judged"],
                "revisit_sufficient": res["weakness_revisited"]["resolved"],
                "monitoring_judged": res["priority_action_monitored"]["judged"],
                "monitoring_effective": res["priority_action_monitored"]["resolved"],
                "resolved_share": None if share is None else round(share, 3),
            }
        )
    return {
        "filters": filters.query(),
        "themes": table,
        "resolution": resolution,
        "rows": flat,
        "dimensions": dimensions(findings),
        "findings_counted": sum(r["total"] for r in table["roles"]),
    }
