"""The store's tables (SQLAlchemy 2). Alembic migrations in ``sendwatch/migrations`` build them.

Events are stored as *claims*: one row per event per source (a document or a row of an
official dataset). The timeline merges them when it is read, so ingesting a document again
or in another order cannot change what is stored about any other source.
Dates are ISO strings at the precision the source gives ("2018-11", "2022-09-27").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Area(Base):
    """A local area of the register."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    gss_code: Mapped[str] = mapped_column(String(12))
    previous_gss_codes: Mapped[str] = mapped_column(String(100), default="")
    ofsted_urn: Mapped[str] = mapped_column(String(12), default="")
    dfe_la_code: Mapped[str] = mapped_column(String(6), default="")
    region: Mapped[str] = mapped_column(String(60))
    la_type: Mapped[str] = mapped_column(String(60))
    aliases: Mapped[str] = mapped_column(Text, default="")
    active_from: Mapped[str | None] = mapped_column(String(10))
    active_to: Mapped[str | None] = mapped_column(String(10))
    successors: Mapped[str] = mapped_column(Text, default="")


class Document(Base):
    """A document read into the store, once per content hash."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_name: Mapped[str] = mapped_column(String(300))
    origin: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    document_type: Mapped[str] = mapped_column(String(40), index=True)
    document_date: Mapped[str | None] = mapped_column(String(10))
    local_areas: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    events: Mapped[list[Event]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    parties: Mapped[list[Party]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Party.position"
    )


class Event(Base):
    """One event as one source states it (a claim)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("dataset", "dataset_key", name="uq_events_dataset_key"),
        Index("ix_events_area_kind", "area_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    framework: Mapped[str | None] = mapped_column(String(4))
    visit_start: Mapped[str | None] = mapped_column(String(10))
    visit_end: Mapped[str | None] = mapped_column(String(10))
    published: Mapped[str | None] = mapped_column(String(10))
    date: Mapped[str | None] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(String(30))
    weaknesses_total: Mapped[int | None] = mapped_column(Integer)
    weaknesses_sufficient: Mapped[int | None] = mapped_column(Integer)
    next_monitoring_within_months: Mapped[int | None] = mapped_column(Integer)
    next_full_within_years: Mapped[int | None] = mapped_column(Integer)
    # Exactly one of document_id and dataset says where the claim comes from.
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    dataset: Mapped[str | None] = mapped_column(String(60))
    dataset_row: Mapped[int | None] = mapped_column(Integer)
    #: What the row describes (area, event, framework, dates): the identity of an imported
    #: row across releases, whatever its position (migration 0009).
    dataset_key: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document | None] = relationship(back_populates="events")
    area: Mapped[Area] = relationship()
    findings: Mapped[list[Finding]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Finding.position"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class Finding(Base):
    """A weakness or priority action (with its verdict), strength, concern or improvement."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(String(20))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    verdict_start: Mapped[int | None] = mapped_column(Integer)
    verdict_end: Mapped[int | None] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="findings")


class Evidence(Base):
    """The span of a document's text that states one value of an event."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)

    event: Mapped[Event] = relationship(back_populates="evidence")


class Party(Base):
    """A body of the local area partnership, or an inspector, as one document names it."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="parties")


class SyncPage(Base):
    """A page of Ofsted's report site that ``sync`` reads (an area's provider page), with
    what it needs to ask again cheaply and when it was last checked in full."""

    __tablename__ = "sync_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    #: How many publications the page listed when it was last read in full.
    publications: Mapped[int] = mapped_column(Integer, default=0)
    #: The last check that read every area SEND publication on the page without a failure.
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)


class SyncSource(Base):
    """One file ``sync`` found on a page, where it came from, and what became of it."""

    __tablename__ = "sync_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_url: Mapped[str] = mapped_column(String(1000), unique=True)
    file_id: Mapped[str] = mapped_column(String(200))
    page_url: Mapped[str] = mapped_column(String(1000))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    label: Mapped[str] = mapped_column(Text)
    #: The publication date the label gives (ISO).
    label_date: Mapped[str | None] = mapped_column(String(10))
    #: "stored", "duplicate" (same bytes as another file), "skipped" (not an area SEND
    #: document) or "failed" (asked for again by the next sync).
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    sha256: Mapped[str | None] = mapped_column(String(64))
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ContextFigure(Base):
    """One figure of an official statistic beside the inspections (issue 15): an area's
    EHC plan timeliness or tribunal appeals in one year, from an imported release."""

    __tablename__ = "context_figures"
    __table_args__ = (
        UniqueConstraint("area_id", "dataset", "indicator", "year", name="uq_context_figure"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    dataset: Mapped[str] = mapped_column(String(20))
    indicator: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(20), default="")
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
