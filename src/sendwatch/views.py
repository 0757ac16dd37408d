"""The data behind every view: one function builds a dict, and the CLI, HTML, JSON, CSV and
Atom renderings are made from it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from sendwatch import schema, wording
from sendwatch.currency import record_currency
from sendwatch.db import Store
from sendwatch.history import all_timelines, area_timeline
from sendwatch.register import LocalArea, load_register
from sendwatch.rules.framework2016 import revisit_verdict
from sendwatch.status import Status, Step, status
from sendwatch.sync.record import last_checked
from sendwatch.timeline import TimelineEvent

EVENT_LABELS = {
    "inspection": "inspection",
    "revisit": "revisit",
    "monitoring_inspection": "monitoring inspection",
    "wsoa_submitted": "written statement of action submitted",
    "wsoa_accepted": "written statement of action declared fit for purpose",
    "app_agreed": "accelerated progress plan agreed",
    "next_visit_expected": "next visit expected",
    "previous_visit": "previous inspection",
}

PARTY_LABELS = {
    "local_authority": "local authority",
    "integrated_care_board": "integrated care board",
    "clinical_commissioning_group": "clinical commissioning group",
    "inspector": "inspector",
}

OUTCOME_LABELS = {
    "wsoa_required": "written statement of action required",
    "no_wsoa": "no written statement of action",
    "positive": "positive experiences and outcomes",
    "inconsistent": "inconsistent experiences and outcomes",
    "systemic_failings": "widespread and/or systemic failings",
    "effective_action": "effective action",
    "ineffective_action": "ineffective action",
    "sufficient_all": "sufficient progress on all significant weaknesses",
    "sufficient_some": "sufficient progress on some significant weaknesses",
    "sufficient_none": "sufficient progress on none of the significant weaknesses",
}


def event_outcome(event: TimelineEvent) -> str | None:
    """An event's outcome; for a revisit, its verdict (sufficient_all / _some / _none) from
    its counts where no source states it."""
    stated = event.get("outcome")
    if stated or event.kind != "revisit":
        return str(stated) if stated else None
    verdict = revisit_verdict(event.get("weaknesses_total"), event.get("weaknesses_sufficient"))
    return f"sufficient_{verdict}" if verdict else None


def describe(event: TimelineEvent) -> str:
    """A short plain-English line for an event."""
    parts = []
    if event.framework:
        parts.append(f"{event.framework} framework")
    parts.append(EVENT_LABELS.get(event.kind, event.kind))
    outcome = event_outcome(event)
    if outcome:
        parts.append(f"— {OUTCOME_LABELS.get(outcome, outcome)}")
    total, sufficient = event.get("weaknesses_total"), event.get("weaknesses_sufficient")
    if sufficient is not None and total is not None:
        word = (
            "effective action" if event.kind == "monitoring_inspection" else "sufficient progress"
        )
        parts.append(f"({sufficient} of {total} with {word})")
    elif total:
        noun = (
            "areas for priority action" if event.framework == "2023" else "significant weaknesses"
        )
        parts.append(f"({total} {noun})")
    return " ".join(parts)


def event_dates(event: TimelineEvent) -> str:
    start, end = event.get("visit_start"), event.get("visit_end")
    if start and end:
        return f"{start} to {end}"
    return str(start or event.get("date") or event.get("published") or "date unknown")


#: The columns of the national table, as CSV gives them.
AREA_COLUMNS = [
    "area",
    "region",
    "gss_code",
    "events",
    "latest_kind",
    "latest_framework",
    "latest_date",
    "latest_published",
    "latest_outcome",
    "checked_against_ofsted",
]


def areas_table(
    store: Store,
    region: str | None = None,
    timelines: dict[str, list[TimelineEvent]] | None = None,
) -> list[dict[str, Any]]:
    """Every current area with its latest event (the national table).

    ``timelines`` (from :func:`all_timelines`) saves reading them again when the caller has.
    """
    if timelines is None:
        timelines = all_timelines(store)
    checked = {slug: moment.isoformat() for slug, moment in last_checked(store).items()}
    return [
        area_row(area, timelines.get(area.name, []))
        | {"checked_against_ofsted": checked.get(area.slug)}
        for area in load_register().current
        if not region or area.region.lower() == region.lower()
    ]


def area_row(area: LocalArea, timeline: list[TimelineEvent]) -> dict[str, Any]:
    """One area's row of the national table: its latest event (not counting expected visits)."""
    events = [e for e in timeline if e.kind != "next_visit_expected"]
    latest = events[-1] if events else None
    return {
        "area": area.name,
        "slug": area.slug,
        "region": area.region,
        "gss_code": area.gss_code,
        "events": len(events),
        "latest_kind": latest.kind if latest else None,
        "latest_framework": latest.framework if latest else None,
        "latest_date": latest.when if latest else None,
        "latest_published": latest.get("published") if latest else None,
        "latest_outcome": event_outcome(latest) if latest else None,
        "latest": latest.to_json() if latest else None,
    }


def area_view(store: Store, name: str, as_of: date | None = None) -> dict[str, Any]:
    """One area's reconciled history with sources and conflicts."""
    area = load_register().resolve(name)
    events = area_timeline(store, area, as_of)
    currency = record_currency(store, as_of or date.today())
    complete = currency.complete_to(area.name)
    return {
        "area": area.name,
        "slug": area.slug,
        "region": area.region,
        "gss_code": area.gss_code,
        "as_of": as_of.isoformat() if as_of else None,
        "predecessors": [p.name for p in load_register().predecessors(area)],
        "events": [e.to_json() for e in events],
        "record": {
            "judged_on": currency.as_of.isoformat(),
            "complete_to": complete.isoformat() if complete else None,
        },
        "_events": events,
    }


def area_status(store: Store, name: str, as_of: date) -> Status:
    """Where one area stands on ``as_of`` (its predecessors' history included), with how
    current the record is."""
    area = load_register().resolve(name)
    currency = record_currency(store, as_of)
    events = area_timeline(store, area, as_of)
    return status(area.name, events, as_of, register=area, currency=currency)


def all_statuses(store: Store, as_of: date, current_only: bool = True) -> list[Status]:
    """Every area's status on ``as_of``, in the register's order: the areas that existed
    on that date (or every area of the register, abolished ones included)."""
    timelines = all_timelines(store, as_of)
    register = load_register()
    areas = register.on(as_of) if current_only else list(register.areas)
    currency = record_currency(store, as_of)
    return [
        status(a.name, timelines.get(a.name, []), as_of, register=a, currency=currency)
        for a in areas
    ]


def step_row(s: Status, step: Step) -> dict[str, Any]:
    """One due or overdue step as a flat row (tables and CSV)."""
    return {
        "area": s.area,
        "stage": s.code,
        "what": step.what,
        "due_from": step.due_from.isoformat() if step.due_from else None,
        "due_by": step.due_by.isoformat() if step.due_by else None,
        "overdue_days": step.overdue_days,
        "approximate": step.approximate,
        "rule": step.rule,
    }


def document_summary(doc: schema.Document) -> dict[str, Any]:
    """What lists show of a stored document (its events must be loaded; not its text)."""
    return _summary(
        doc.id,
        doc.source_name,
        doc.document_type,
        doc.document_date,
        {ev.area.name for ev in doc.events},
        doc.media_type,
        doc.size_bytes,
        doc.sha256,
        doc.ingested_at,
    )


def document_summaries(store: Store) -> list[dict[str, Any]]:
    """Every stored document's :func:`document_summary`, oldest first, in two plain queries
    (never loading a document's text)."""
    d, e = schema.Document, schema.Event
    with store.session() as session:
        areas: dict[int, set[str]] = {}
        for doc_id, name in session.execute(
            select(e.document_id, schema.Area.name)
            .join(schema.Area, schema.Area.id == e.area_id)
            .where(e.document_id.is_not(None))
            .distinct()
        ):
            areas.setdefault(doc_id or 0, set()).add(name)
        rows = session.execute(
            select(
                d.id,
                d.source_name,
                d.document_type,
                d.document_date,
                d.media_type,
                d.size_bytes,
                d.sha256,
                d.ingested_at,
            ).order_by(d.id)
        ).all()
    return [
        _summary(id_, name, kind, when, areas.get(id_, set()), media, size, sha, ingested)
        for id_, name, kind, when, media, size, sha, ingested in rows
    ]


def _summary(
    id_: int,
    name: str,
    kind: str,
    when: str | None,
    area_names: set[str],
    media_type: str,
    size: int,
    sha256: str,
    ingested_at: datetime | None,
) -> dict[str, Any]:
    register = load_register()
    areas = sorted(area_names)
    return {
        "id": id_,
        "name": name,
        "title": wording.document_title(areas, kind, when),
        "type": kind,
        "type_label": wording.document_kind(kind),
        "date": when,
        "areas": areas,
        "area_links": [{"name": a, "slug": register.by_name(a).slug} for a in areas],
        "media_type": media_type,
        "size_bytes": size,
        "sha256": sha256,
        "ingested_at": ingested_at.isoformat() if ingested_at else None,
        "_ingested_at": ingested_at,
    }


def document_view(store: Store, document_id: int) -> dict[str, Any] | None:
    """One document: its text, what was read from it, and every span that states a value."""
    with store.session() as session:
        doc = session.scalar(
            select(schema.Document)
            .where(schema.Document.id == document_id)
            .options(
                selectinload(schema.Document.events).selectinload(schema.Event.evidence),
                selectinload(schema.Document.events).selectinload(schema.Event.findings),
                selectinload(schema.Document.events).selectinload(schema.Event.area),
                selectinload(schema.Document.parties),
            )
        )
        if doc is None:
            return None
        text = doc.text
        spans: list[tuple[int, int]] = []
        events = []
        for ev in doc.events:
            evidence: list[dict[str, Any]] = []
            for e in sorted(ev.evidence, key=lambda e: e.span_start):
                evidence.append(
                    {"field": e.field, "value": getattr(ev, e.field, None)}
                    | {"start": e.span_start, "end": e.span_end}
                    | {"quote": text[e.span_start : e.span_end]}
                )
                spans.append((e.span_start, e.span_end))
            findings: list[dict[str, Any]] = []
            for f in ev.findings:
                findings.append(
                    {"kind": f.kind, "text": f.text, "verdict": f.verdict}
                    | {"start": f.span_start, "end": f.span_end}
                )
                if f.span_start is not None and f.span_end is not None:
                    spans.append((f.span_start, f.span_end))
                if f.verdict_start is not None and f.verdict_end is not None:
                    spans.append((f.verdict_start, f.verdict_end))
            events.append(
                {
                    "area": ev.area.name,
                    "slug": ev.area.slug,
                    "kind": ev.kind,
                    "label": EVENT_LABELS.get(ev.kind, ev.kind),
                    "evidence": evidence,
                    "findings": findings,
                }
            )
        parties: list[dict[str, Any]] = []
        for p in doc.parties:
            parties.append(
                {"kind": p.kind, "label": PARTY_LABELS.get(p.kind, p.kind), "name": p.name}
                | {"role": p.role, "start": p.span_start, "end": p.span_end}
            )
            if p.span_start is not None and p.span_end is not None:
                spans.append((p.span_start, p.span_end))
        return document_summary(doc) | {
            "text": text,
            "spans": [list(s) for s in sorted(set(spans)) if 0 <= s[0] < s[1] <= len(text)],
            "events": events,
            "parties": parties,
        }
