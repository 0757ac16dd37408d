"""Writing to and reading from the store: areas, documents with their extraction, claims.

Everything here works on a :class:`sendwatch.db.Store`; each write is one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.extraction import SCALAR_FIELDS, Extraction
from sendwatch.register import LocalArea, load_register
from sendwatch.sources import LoadedDocument
from sendwatch.timeline import TRUST_OF_DOCUMENT_TYPE, Claim, Finding, Source


def sync_areas(store: Store) -> int:
    """Make the areas table match the register; returns how many rows were added."""
    register = load_register()
    added = 0
    with store.session() as session, session.begin():
        existing = {a.name: a for a in session.scalars(select(schema.Area))}
        for area in register.areas:
            row = existing.get(area.name)
            if row is None:
                row = schema.Area(name=area.name)
                session.add(row)
                added += 1
            _fill_area(row, area)
    return added


def _fill_area(row: schema.Area, area: LocalArea) -> None:
    row.slug = area.slug
    row.gss_code = area.gss_code
    row.previous_gss_codes = ";".join(area.previous_gss_codes)
    row.ofsted_urn = area.ofsted_urn
    row.dfe_la_code = area.dfe_la_code
    row.region = area.region
    row.la_type = area.la_type
    row.aliases = ";".join(area.aliases)
    row.active_from = area.active_from
    row.active_to = area.active_to
    row.successors = ";".join(area.successors)


def area_ids(session: Session) -> dict[str, int]:
    return {name: id_ for id_, name in session.execute(select(schema.Area.id, schema.Area.name))}


def find_document(session: Session, sha256: str) -> schema.Document | None:
    return session.scalar(select(schema.Document).where(schema.Document.sha256 == sha256))


def save_document(store: Store, document: LoadedDocument, extraction: Extraction) -> int | None:
    """Store a document and its extraction in one transaction.

    Returns the new document's id, or None when the same bytes were stored before.
    """
    with store.session() as session, session.begin():
        if find_document(session, document.sha256) is not None:
            return None
        row = schema.Document(
            sha256=document.sha256,
            source_name=document.name,
            origin=document.path,
            media_type=document.media_type,
            size_bytes=document.size,
            document_type=extraction.document_type,
            document_date=extraction.document_date,
            local_areas=json.dumps(extraction.local_areas),
            text=document.text,
            ingested_at=datetime.now(UTC),
        )
        session.add(row)
        _add_events(row, extraction, area_ids(session))
        session.flush()
        return row.id


def _add_events(row: schema.Document, extraction: Extraction, ids: dict[str, int]) -> None:
    """Attach an extraction's events, evidence and findings, and the parties it names, to a
    document row."""
    for position, party in enumerate(extraction.parties):
        row.parties.append(
            schema.Party(
                kind=party.kind,
                name=party.name,
                role=party.role,
                position=position,
                span_start=party.span[0] if party.span else None,
                span_end=party.span[1] if party.span else None,
            )
        )
    for event in extraction.events:
        if event.local_area not in ids:
            # A reader only names areas of the register; anything else is a bug upstream.
            raise ValueError(f"{row.source_name}: event names unknown area {event.local_area!r}")
        ev = schema.Event(area_id=ids[event.local_area], kind=event.kind)
        for name in SCALAR_FIELDS:
            setattr(ev, name, event.values.get(name))
        for name, (start, end) in event.evidence.items():
            ev.evidence.append(schema.Evidence(field=name, span_start=start, span_end=end))
        for kind, items in event.findings.items():
            for position, item in enumerate(items):
                ev.findings.append(
                    schema.Finding(
                        kind=kind,
                        position=position,
                        text=item.text,
                        verdict=item.verdict,
                        span_start=item.span[0] if item.span else None,
                        span_end=item.span[1] if item.span else None,
                        verdict_start=item.verdict_span[0] if item.verdict_span else None,
                        verdict_end=item.verdict_span[1] if item.verdict_span else None,
                    )
                )
        row.events.append(ev)


def document_ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(schema.Document.id).order_by(schema.Document.id)))


def replace_extraction(
    store: Store, document_id: int, read: Callable[[str, str], Extraction]
) -> tuple[int, int] | None:
    """Read a stored document's text again and put the new extraction in place of the old,
    in one transaction. Returns (events before, events after), or None if it is gone."""
    with store.session() as session, session.begin():
        row = session.get(schema.Document, document_id)
        if row is None:
            return None
        extraction = read(row.text, row.source_name)
        before = len(row.events)
        row.events.clear()
        row.parties.clear()
        session.flush()
        row.document_type = extraction.document_type
        row.document_date = extraction.document_date
        row.local_areas = json.dumps(extraction.local_areas)
        _add_events(row, extraction, area_ids(session))
        return before, len(extraction.events)


def delete_document(store: Store, document_id: int) -> None:
    with store.session() as session, session.begin():
        session.execute(delete(schema.Document).where(schema.Document.id == document_id))


def counts(store: Store) -> dict[str, int]:
    """How many rows each table holds."""
    with store.session() as session:
        return {
            table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in (
                schema.Area,
                schema.Document,
                schema.Event,
                schema.Finding,
                schema.Evidence,
                schema.Party,
            )
        }


def _source_of(ev: schema.Event) -> Source:
    if ev.document is not None:
        doc = ev.document
        return Source(
            trust=TRUST_OF_DOCUMENT_TYPE.get(doc.document_type, "other"),
            document_id=doc.id,
            document_name=doc.source_name,
            document_type=doc.document_type,
            ingested_at=doc.ingested_at.isoformat() if doc.ingested_at else None,
            document_date=doc.document_date,
        )
    trust = DATASET_TRUST.get(ev.dataset or "", "national_record")
    return Source(trust=trust, dataset=ev.dataset, dataset_row=ev.dataset_row, url=ev.source_url)


#: Datasets whose rows are Ofsted's official statistics (the rest are compiled records).
OFFICIAL_DATASETS = {"ofsted_official_2016", "ofsted_mi_2023"}
#: The trust class of each dataset's rows (docs/decisions/0003-order-of-trust.md).
DATASET_TRUST = {
    **dict.fromkeys(OFFICIAL_DATASETS, "official_statistics"),
    "ofsted_scrape_2026_06": "peer_scrape",
}


def claims(store: Store, area_names: Iterable[str] | None = None) -> list[Claim]:
    """Every stored claim, or those about the named areas, with sources, quotes and findings."""
    with store.session() as session:
        query = (
            select(schema.Event)
            .join(schema.Area)
            .options(
                selectinload(schema.Event.findings),
                selectinload(schema.Event.evidence),
                selectinload(schema.Event.area),
                selectinload(schema.Event.document).defer(schema.Document.text),
            )
            .order_by(schema.Event.id)
        )
        if area_names is not None:
            query = query.where(schema.Area.name.in_(list(area_names)))
        events = list(session.scalars(query))
        texts = _texts(session, {e.document_id for e in events if e.document_id})
        out = []
        for ev in events:
            text = texts.get(ev.document_id or -1, "")
            spans = {e.field: (e.span_start, e.span_end) for e in ev.evidence}
            quotes = {f: text[s:e] for f, (s, e) in spans.items() if text}
            if ev.dataset and ev.note:
                quotes.setdefault("row", ev.note)
            out.append(
                Claim(
                    area=ev.area.name,
                    kind=ev.kind,
                    values={n: getattr(ev, n) for n in SCALAR_FIELDS if getattr(ev, n) is not None},
                    source=_source_of(ev),
                    quotes=quotes,
                    spans=spans,
                    findings=[
                        Finding(
                            kind=f.kind,
                            text=f.text,
                            verdict=f.verdict,
                            span=(f.span_start, f.span_end)
                            if f.span_start is not None and f.span_end is not None
                            else None,
                            document_id=ev.document_id,
                        )
                        for f in ev.findings
                    ],
                    claim_id=ev.id,
                )
            )
        return out


def _texts(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(schema.Document.id, schema.Document.text).where(schema.Document.id.in_(ids))
    )
    return {id_: text for id_, text in rows}


def documents(store: Store) -> list[schema.Document]:
    """Every stored document (without its text loaded)."""
    with store.session() as session:
        query = (
            select(schema.Document)
            .options(selectinload(schema.Document.events))
            .order_by(schema.Document.id)
        )
        return list(session.scalars(query))


def document(store: Store, document_id: int) -> schema.Document | None:
    with store.session() as session:
        return session.get(schema.Document, document_id)


def parties(
    store: Store, document_id: int, kinds: Iterable[str] | None = None
) -> list[schema.Party]:
    """The parties one document names (all, or those of the given kinds), in its order."""
    with store.session() as session:
        query = select(schema.Party).where(schema.Party.document_id == document_id)
        if kinds is not None:
            query = query.where(schema.Party.kind.in_(list(kinds)))
        return list(session.scalars(query.order_by(schema.Party.position)))
