"""Writing to and reading from the store: areas, documents with their extraction, claims.

Everything here works on a :class:`sendwatch.db.Store`; each write is one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
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
        document_id = session.execute(
            insert(schema.Document).returning(schema.Document.id),
            {
                "sha256": document.sha256,
                "source_name": document.name,
                "origin": document.path,
                "media_type": document.media_type,
                "size_bytes": document.size,
                "document_type": extraction.document_type,
                "document_date": extraction.document_date,
                "local_areas": json.dumps(extraction.local_areas),
                "text": document.text,
                "ingested_at": datetime.now(UTC),
            },
        ).scalar_one()
        _insert_extraction(session, document_id, document.name, extraction)
        return document_id


def _insert_extraction(
    session: Session, document_id: int, name: str, extraction: Extraction
) -> None:
    """Insert an extraction's parties, events, evidence and findings for a stored document:
    one statement per table (bulk), whatever the number of rows."""
    ids = area_ids(session)
    if extraction.parties:
        session.execute(
            insert(schema.Party),
            [
                {
                    "document_id": document_id,
                    "kind": party.kind,
                    "name": party.name,
                    "role": party.role,
                    "position": position,
                    "span_start": party.span[0] if party.span else None,
                    "span_end": party.span[1] if party.span else None,
                }
                for position, party in enumerate(extraction.parties)
            ],
        )
    if not extraction.events:
        return
    for event in extraction.events:
        if event.local_area not in ids:
            # A reader only names areas of the register; anything else is a bug upstream.
            raise ValueError(f"{name}: event names unknown area {event.local_area!r}")
    rows = [
        {"document_id": document_id, "area_id": ids[event.local_area], "kind": event.kind}
        | {field: event.values.get(field) for field in SCALAR_FIELDS}
        for event in extraction.events
    ]
    event_ids = session.scalars(
        insert(schema.Event).returning(schema.Event.id, sort_by_parameter_order=True), rows
    ).all()
    evidence, findings = [], []
    for event_id, event in zip(event_ids, extraction.events, strict=True):
        for field, (start, end) in event.evidence.items():
            evidence.append(
                {"event_id": event_id, "field": field, "span_start": start, "span_end": end}
            )
        for kind, items in event.findings.items():
            for position, item in enumerate(items):
                findings.append(
                    {
                        "event_id": event_id,
                        "kind": kind,
                        "position": position,
                        "text": item.text,
                        "verdict": item.verdict,
                        "span_start": item.span[0] if item.span else None,
                        "span_end": item.span[1] if item.span else None,
                        "verdict_start": item.verdict_span[0] if item.verdict_span else None,
                        "verdict_end": item.verdict_span[1] if item.verdict_span else None,
                    }
                )
    if evidence:
        session.execute(insert(schema.Evidence), evidence)
    if findings:
        session.execute(insert(schema.Finding), findings)


def document_ids(store: Store) -> list[int]:
    with store.session() as session:
        return list(session.scalars(select(schema.Document.id).order_by(schema.Document.id)))


def replace_extraction(
    store: Store, document_id: int, read: Callable[[str, str], Extraction]
) -> tuple[int, int] | None:
    """Read a stored document's text again and put the new extraction in place of the old,
    in one transaction. Returns (events before, events after), or None if it is gone."""
    d, e = schema.Document, schema.Event
    with store.session() as session, session.begin():
        found = session.execute(select(d.text, d.source_name).where(d.id == document_id)).first()
        if found is None:
            return None
        text, name = found
        extraction = read(text, name)
        before = session.scalar(select(func.count(e.id)).where(e.document_id == document_id))
        events = select(e.id).where(e.document_id == document_id).scalar_subquery()
        for child in (schema.Finding, schema.Evidence):
            session.execute(delete(child).where(child.event_id.in_(events)))
        session.execute(delete(e).where(e.document_id == document_id))
        session.execute(delete(schema.Party).where(schema.Party.document_id == document_id))
        session.execute(
            update(d)
            .where(d.id == document_id)
            .values(
                document_type=extraction.document_type,
                document_date=extraction.document_date,
                local_areas=json.dumps(extraction.local_areas),
            )
        )
        _insert_extraction(session, document_id, name, extraction)
        return before or 0, len(extraction.events)


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


#: Datasets whose rows are Ofsted's official statistics (the rest are compiled records).
OFFICIAL_DATASETS = {"ofsted_official_2016", "ofsted_mi_2023"}
#: The trust class of each dataset's rows (docs/decisions/0003-order-of-trust.md).
DATASET_TRUST = {
    **dict.fromkeys(OFFICIAL_DATASETS, "official_statistics"),
    "ofsted_scrape_2026_06": "peer_scrape",
}


def claims(store: Store, area_names: Iterable[str] | None = None) -> list[Claim]:
    """Every stored claim, or those about the named areas, with sources, quotes and findings.

    Read with three plain queries (events, evidence with its quote cut from the document's
    text by the database, findings) rather than ORM objects: at scale, building tens of
    thousands of objects was most of the cost of a national read.
    """
    e, a, d = schema.Event, schema.Area, schema.Document
    names = None if area_names is None else list(area_names)

    def scoped(query: Any) -> Any:
        return query if names is None else query.where(a.name.in_(names))

    columns = [getattr(e, n) for n in SCALAR_FIELDS]
    with store.session() as session:
        events = session.execute(
            scoped(
                select(
                    e.id,
                    a.name,
                    e.kind,
                    e.document_id,
                    e.dataset,
                    e.dataset_row,
                    e.source_url,
                    e.note,
                    d.source_name,
                    d.document_type,
                    d.ingested_at,
                    d.document_date,
                    *columns,
                )
                .join(a, a.id == e.area_id)
                .outerjoin(d, d.id == e.document_id)
            ).order_by(e.id)
        ).all()
        evidence: dict[int, list[tuple[str, int, int, str | None]]] = {}
        length = schema.Evidence.span_end - schema.Evidence.span_start
        for row in session.execute(
            scoped(
                select(
                    schema.Evidence.event_id,
                    schema.Evidence.field,
                    schema.Evidence.span_start,
                    schema.Evidence.span_end,
                    func.substr(d.text, schema.Evidence.span_start + 1, length),
                )
                .join(e, e.id == schema.Evidence.event_id)
                .join(a, a.id == e.area_id)
                .join(d, d.id == e.document_id)
            ).order_by(schema.Evidence.id)
        ):
            evidence.setdefault(row[0], []).append(tuple(row[1:]))
        findings: dict[int, list[Finding]] = {}
        f = schema.Finding
        for row in session.execute(
            scoped(
                select(
                    f.event_id, f.kind, f.text, f.verdict, f.span_start, f.span_end, e.document_id
                )
                .join(e, e.id == f.event_id)
                .join(a, a.id == e.area_id)
            ).order_by(f.event_id, f.position)
        ):
            start, end = row[4], row[5]
            findings.setdefault(row[0], []).append(
                Finding(
                    kind=row[1],
                    text=row[2],
                    verdict=row[3],
                    span=(start, end) if start is not None and end is not None else None,
                    document_id=row[6],
                )
            )
    out = []
    for row in events:
        (id_, area, kind, doc_id, dataset, dataset_row, url, note) = row[:8]
        spans: dict[str, tuple[int, int]] = {}
        quotes: dict[str, str] = {}
        for field, start, end, quote in evidence.get(id_, ()):
            spans[field] = (start, end)
            quotes[field] = quote or ""
        if dataset and note:
            quotes.setdefault("row", note)
        if doc_id is not None:
            ingested = row[10]
            source = Source(
                trust=TRUST_OF_DOCUMENT_TYPE.get(row[9], "other"),
                document_id=doc_id,
                document_name=row[8],
                document_type=row[9],
                ingested_at=ingested.isoformat() if ingested else None,
                document_date=row[11],
            )
        else:
            trust = DATASET_TRUST.get(dataset or "", "national_record")
            source = Source(trust=trust, dataset=dataset, dataset_row=dataset_row, url=url)
        values = {n: v for n, v in zip(SCALAR_FIELDS, row[12:], strict=True) if v is not None}
        out.append(
            Claim(
                area=area,
                kind=kind,
                values=values,
                source=source,
                quotes=quotes,
                spans=spans,
                findings=findings.get(id_, []),
                claim_id=id_,
            )
        )
    return out


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
