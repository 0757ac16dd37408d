"""How the site shows an area's record: map categories, labels and one event's display.

The words and colours every page and API body shares; :class:`sendwatch.web.data.Site`
builds its cached dicts from these.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sendwatch import glossary, views, wording
from sendwatch.extraction import FINDING_KINDS
from sendwatch.timeline import QUOTE_ORDER, TimelineEvent

#: What colours an area on the map: its latest outcome, or its revisit's verdict.
#: (code, label, fill, text colour) — each fill has at least 4.5:1 contrast with its text.
CATEGORIES = [
    ("positive", "Positive experiences and outcomes", "#00703c", "#ffffff"),
    ("no_wsoa", "No written statement of action", "#85994b", "#0b0c0c"),
    ("effective_action", "Effective action (monitoring)", "#1d70b8", "#ffffff"),
    ("revisit_sufficient", "Revisit: sufficient progress on every weakness", "#28a197", "#0b0c0c"),
    ("inconsistent", "Inconsistent experiences and outcomes", "#ffdd00", "#0b0c0c"),
    ("wsoa_required", "Written statement of action required", "#f47738", "#0b0c0c"),
    (
        "revisit_insufficient",
        "Revisit: sufficient progress on some weaknesses, not all",
        "#d53880",
        "#ffffff",
    ),
    (
        "revisit_none",
        "Revisit: sufficient progress on none of the weaknesses",
        "#942514",
        "#ffffff",
    ),
    ("ineffective_action", "Ineffective action (monitoring)", "#4c2c92", "#ffffff"),
    ("systemic_failings", "Widespread and/or systemic failings", "#d4351c", "#ffffff"),
    ("none", "No inspection on record", "#f3f2f1", "#0b0c0c"),
]
CATEGORY = {c[0]: {"code": c[0], "label": c[1], "fill": c[2], "text": c[3]} for c in CATEGORIES}

FINDING_LABELS = {
    "weaknesses": "Significant weaknesses and areas for priority action",
    "strengths": "Strengths",
    "concerns": "Concerns",
    "improvements": "Areas for improvement",
    "areas_for_development": "Areas for development",
    "main_findings": "Main findings",
}
OUTCOME_ORDER = [c for c in views.OUTCOME_LABELS]


def stage_label(code: str | None) -> str:
    """A stage code in plain words (:data:`sendwatch.glossary.STAGES`)."""
    return glossary.stage(code).label


def stage_order(item: tuple[str, int]) -> tuple[int, str]:
    """Stages in the glossary's order (the order an area moves through them)."""
    order = list(glossary.STAGES)
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


def category(events: list[TimelineEvent]) -> str:
    """The map category of an area's history: its latest outcome or revisit verdict."""
    for event in reversed(events):
        outcome = views.event_outcome(event)
        if outcome in _REVISIT_CATEGORY:
            return _REVISIT_CATEGORY[outcome]
        if outcome:
            return outcome
    return "none"


#: A revisit's verdict to its map category.
_REVISIT_CATEGORY = {
    "sufficient_all": "revisit_sufficient",
    "sufficient_some": "revisit_insufficient",
    "sufficient_none": "revisit_none",
}


#: The partnership's bodies, as the area page names them.
BODY_LABELS = {
    "local_authority": "Local authority",
    "integrated_care_board": "Integrated care board",
    "clinical_commissioning_group": "Clinical commissioning group",
}


def source_label(source: Any, titles: dict[int, str]) -> str:
    """A claim's source in words: its document's title, or the dataset and row."""
    if source.document_id is not None:
        return titles.get(source.document_id, wording.document_kind(source.document_type))
    if source.dataset:
        return wording.dataset_label(source.dataset, source.dataset_row)
    return "unknown source"


def event_display(event: TimelineEvent, titles: dict[int, str]) -> dict[str, Any]:
    """What the area page shows of one event (documents named by ``titles``)."""
    findings = []
    for kind in FINDING_KINDS:
        items = event.findings(kind)
        if items:
            # The claim the items come from: its own words, or a dataset's summaries.
            giver = next(c for c in event.claims if any(f is items[0] for f in c.findings))
            findings.append(
                {
                    "kind": kind,
                    "label": FINDING_LABELS.get(kind, kind),
                    "source": source_label(giver.source, titles),
                    "summarised": giver.source.document_id is None,
                    "items": [
                        {
                            "text": f.text,
                            "verdict": f.verdict,
                            "document_id": f.document_id,
                            "span_start": f.span[0] if f.span else None,
                        }
                        for f in items
                    ],
                }
            )
    summary = event.findings("summary")
    paraphrase = None
    if summary:
        # A compiled record's summary: shown whole, as a paraphrase, never as items.
        giver = next(c for c in event.claims if any(f is summary[0] for f in c.findings))
        paraphrase = {"text": summary[0].text, "source": source_label(giver.source, titles)}
    sources = []
    for claim in event.claims:
        data = claim.to_json()
        sources.append(
            {
                "label": source_label(claim.source, titles),
                "trust": claim.source.trust,
                "trust_label": glossary.SOURCES[claim.source.trust].label
                if claim.source.trust in glossary.SOURCES
                else claim.source.trust.replace("_", " "),
                "document_id": claim.source.document_id,
                "url": claim.source.url,
                "quote": " ".join((data.get("quote") or "").split()),
                "span_start": _main_span(claim.spans),
            }
        )
    return {
        "kind": event.kind,
        "title": views.EVENT_LABELS.get(event.kind, event.kind),
        "description": wording.describe(event),
        "dates": wording.event_dates(event),
        "when": event.when,
        "framework": event.framework,
        "category": CATEGORY[category([event])] if event.kind != "next_visit_expected" else None,
        "inherited_from": event.inherited_from,
        "sources": sources,
        "conflicts": [
            {
                "field": c.field.replace("_", " "),
                "chosen": c.chosen,
                "values": [
                    {"value": v, "source": source_label(s, titles), "document_id": s.document_id}
                    for v, s in c.values
                ],
            }
            for c in event.conflicts
        ],
        "findings": findings,
        "paraphrase": paraphrase,
    }


def over_time(counts: dict[str, Counter]) -> dict[str, Any]:
    """Outcomes of inspections, revisits and monitoring by year (each event counted once)."""
    years = sorted(counts)
    return {
        "years": years,
        "series": [
            {
                "code": code,
                "label": CATEGORY[code]["label"],
                "counts": [counts[y][code] for y in years],
            }
            for code in CATEGORY
            if code != "none" and any(counts[y][code] for y in years)
        ],
    }


def _main_span(spans: dict[str, tuple[int, int]]) -> int | None:
    for name in QUOTE_ORDER:
        if name in spans:
            return spans[name][0]
    return min((s[0] for s in spans.values()), default=None)
