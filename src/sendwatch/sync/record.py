"""What sync keeps in the store: each page's state and each file's provenance.

Each write is one short transaction, made only after the work it records is done, so that a
sync killed at any moment leaves nothing half-stored and the next sync picks up where it
stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sendwatch import currency, schema
from sendwatch.db import Store

#: Outcomes of a file that the next sync does not ask for again.
SETTLED = {"stored", "duplicate", "skipped"}


@dataclass(frozen=True)
class PageState:
    url: str
    etag: str | None
    last_modified: str | None
    publications: int
    checked_at: datetime | None


@dataclass(frozen=True)
class KnownFile:
    outcome: str
    etag: str | None
    last_modified: str | None
    document_id: int | None


def utc(moment: datetime | None) -> datetime | None:
    """A stored timestamp with its zone (SQLite hands them back without it; they are UTC)."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def page_state(store: Store, url: str) -> PageState | None:
    with store.session() as session:
        row = session.scalar(select(schema.SyncPage).where(schema.SyncPage.url == url))
        if row is None:
            return None
        return PageState(
            row.url, row.etag, row.last_modified, row.publications, utc(row.checked_at)
        )


def known_files(store: Store) -> dict[str, KnownFile]:
    """Every file sync has met (on any page: a file can move between pages), by URL."""
    with store.session() as session:
        rows = session.scalars(select(schema.SyncSource))
        return {
            r.file_url: KnownFile(r.outcome, r.etag, r.last_modified, r.document_id) for r in rows
        }


def _page_row(session, url: str, area_id: int | None) -> schema.SyncPage:
    row = session.scalar(select(schema.SyncPage).where(schema.SyncPage.url == url))
    if row is None:
        row = schema.SyncPage(url=url, area_id=area_id, publications=0)
        session.add(row)
    row.area_id = area_id
    return row


def page_checked(
    store: Store,
    url: str,
    area_id: int | None,
    *,
    etag: str | None,
    last_modified: str | None,
    publications: int | None,
    when: datetime,
) -> None:
    """A page read in full without a failure (or answered 304: nothing changed)."""
    with store.session() as session, session.begin():
        row = _page_row(session, url, area_id)
        row.etag = etag
        row.last_modified = last_modified
        if publications is not None:
            row.publications = publications
        row.checked_at = when
        row.attempted_at = when
        row.error = None


def page_failed(store: Store, url: str, area_id: int | None, error: str, when: datetime) -> None:
    """A page that failed, or was read with failures: asked for in full next time."""
    with store.session() as session, session.begin():
        row = _page_row(session, url, area_id)
        row.etag = None
        row.last_modified = None
        row.attempted_at = when
        row.error = error


def document_of(store: Store, sha256: str) -> tuple[int, str, bool] | None:
    """(id, origin, whether another file already points to it) of the stored document with
    these bytes, or None."""
    with store.session() as session:
        doc = session.scalar(select(schema.Document).where(schema.Document.sha256 == sha256))
        if doc is None:
            return None
        pointed = session.scalar(
            select(schema.SyncSource.id).where(schema.SyncSource.document_id == doc.id).limit(1)
        )
        return doc.id, doc.origin, pointed is not None


@dataclass(frozen=True)
class Found:
    """Where a file was found: its link, the page that lists it, and the label there."""

    file_url: str
    file_id: str
    page_url: str
    area_id: int | None
    label: str
    label_date: str | None


def record_file(
    store: Store,
    found: Found,
    *,
    outcome: str,
    reason: str | None,
    document_id: int | None,
    sha256: str | None,
    etag: str | None,
    last_modified: str | None,
    when: datetime,
    origin: str | None = None,
) -> None:
    """Where one file came from and what became of it; ``origin`` names the stored
    document's origin (its URL) when sync stored it."""
    try:
        with store.session() as session, session.begin():
            row = session.scalar(
                select(schema.SyncSource).where(schema.SyncSource.file_url == found.file_url)
            )
            if row is None:
                row = schema.SyncSource(file_url=found.file_url)
                session.add(row)
            row.file_id = found.file_id
            row.page_url = found.page_url
            row.area_id = found.area_id
            row.label = found.label
            row.label_date = found.label_date
            row.outcome = outcome
            row.reason = reason
            row.document_id = document_id
            row.sha256 = sha256
            row.etag = etag
            row.last_modified = last_modified
            row.fetched_at = when
            if origin is not None and document_id is not None:
                doc = session.get(schema.Document, document_id)
                if doc is not None:
                    doc.origin = origin
    except IntegrityError:
        # Another sync recorded the same file at the same moment: its record stands.
        pass


def area_pages(store: Store) -> dict[str, str]:
    """Each area's page as the search listing last gave it (by area name): a page that moved
    to a new URN is found there even when only some areas are synced."""
    with store.session() as session:
        rows = session.execute(
            select(schema.Area.name, schema.SyncPage.url)
            .join(schema.Area, schema.Area.id == schema.SyncPage.area_id)
            .order_by(schema.SyncPage.attempted_at)
        )
        return {name: url for name, url in rows}


def last_checked(store: Store) -> dict[str, datetime]:
    """The last successful check against Ofsted's site of each area, by the area's slug."""
    with store.session() as session:
        rows = session.execute(
            select(schema.Area.slug, schema.SyncPage.checked_at)
            .join(schema.Area, schema.Area.id == schema.SyncPage.area_id)
            .where(schema.SyncPage.checked_at.is_not(None))
        )
        out: dict[str, datetime] = {}
        for slug, checked in rows:
            moment = utc(checked)
            assert moment is not None
            if slug not in out or moment > out[slug]:
                out[slug] = moment
        return out


def checked_days(session: Session) -> dict[str, date]:
    """The day of each area's last successful check, by the area's name: the record's
    currency counts an area's record complete to that day (``currency.AREA_CHECKS``)."""
    rows = session.execute(
        select(schema.Area.name, func.max(schema.SyncPage.checked_at))
        .join(schema.Area, schema.Area.id == schema.SyncPage.area_id)
        .where(schema.SyncPage.checked_at.is_not(None))
        .group_by(schema.Area.name)
    )
    return {name: utc(moment).date() for name, moment in rows if moment is not None}  # type: ignore[union-attr]


currency.AREA_CHECKS.append(checked_days)


def sources_of(store: Store, document_id: int) -> list[dict[str, object]]:
    """Where sync found a stored document: each page, link, label and date, and when."""
    with store.session() as session:
        rows = session.scalars(
            select(schema.SyncSource)
            .where(schema.SyncSource.document_id == document_id)
            .order_by(schema.SyncSource.id)
        )
        return [
            {
                "page": r.page_url,
                "link": r.file_url,
                "label": r.label,
                "label_date": r.label_date,
                "fetched_at": r.fetched_at.replace(tzinfo=r.fetched_at.tzinfo or UTC).isoformat(),
            }
            for r in rows
        ]
