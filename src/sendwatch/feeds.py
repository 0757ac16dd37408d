"""Atom feeds (RFC 4287) of new documents and changes of stage, nationally and per area.

:func:`area_entries` and :func:`document_entries` build the entries from the core's data;
:func:`render` writes any feed as Atom XML with every piece of text escaped, and with
characters XML cannot hold (form feeds from PDFs, other control characters) removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from sendwatch import glossary
from sendwatch.timeline import TimelineEvent
from sendwatch.wording import describe, document_kind, event_dates

#: The namespace of tag URIs (RFC 4151) that identify sendwatch's feeds and entries.
TAG = "tag:sendwatch.org,2016:"
#: Events that do not move an area from one stage to another.
NOT_A_CHANGE = {"next_visit_expected", "previous_visit"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """One feed entry: something new about an area."""

    id: str
    title: str
    updated: datetime
    link: str
    summary: str = ""
    category: str = ""


@dataclass(frozen=True)
class Feed:
    """A feed: its identity, where it lives, and its entries (newest first once rendered)."""

    id: str
    title: str
    self_link: str
    alternate_link: str
    entries: list[Entry]
    subtitle: str = ""


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub(" ", text)


def _text(text: str) -> str:
    return escape(clean(text))


def _attr(text: str) -> str:
    return quoteattr(clean(text))


def when(value: str | None) -> datetime | None:
    """A datetime (UTC midnight) from an ISO date of any precision: '2023', '2023-03', …"""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime(numbers[0], numbers[1], numbers[2], tzinfo=UTC)
    except (ValueError, IndexError):
        return None


def iso(moment: datetime) -> str:
    """An RFC 3339 timestamp as Atom wants it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def area_entries(area: str, slug: str, events: Iterable[TimelineEvent], base: str) -> list[Entry]:
    """One entry per change of stage in an area's history (inspections, revisits, …)."""
    out = []
    for event in events:
        if event.kind in NOT_A_CHANGE:
            continue
        moment = when(event.get("published")) or when(event.when)
        if moment is None:
            continue
        key = f"{slug}/{event.kind}/{event.framework or '-'}/{event.when or '-'}"
        summary = f"{area}: {describe(event)}, {event_dates(event)}."
        if event.inherited_from:
            summary += f" (history of {event.inherited_from})"
        out.append(
            Entry(
                id=f"{TAG}event/{key}",
                title=f"{area}: {glossary.event(event.kind).label.lower()}",
                updated=moment,
                link=f"{base}/areas/{slug}",
                summary=summary,
                category=event.kind,
            )
        )
    return out


def document_entry(
    document_id: int,
    sha256: str,
    title: str,
    document_type: str,
    areas: list[str],
    ingested_at: datetime | None,
    base: str,
) -> Entry:
    """The entry announcing a newly stored document, titled by what it is (never its file
    name: see :func:`sendwatch.wording.document_title`)."""
    where = ", ".join(areas) if areas else "no named area"
    if ingested_at is not None and ingested_at.tzinfo is None:
        # SQLite hands timestamps back without their zone; they were stored in UTC.
        ingested_at = ingested_at.replace(tzinfo=UTC)
    return Entry(
        id=f"{TAG}document/{sha256}",
        title=f"New document: {title}",
        updated=ingested_at or EPOCH,
        link=f"{base}/documents/{document_id}",
        summary=f"A {document_kind(document_type)} about {where} was read into the record.",
        category="document",
    )


def render(feed: Feed, limit: int = 100) -> str:
    """The feed as an Atom document: newest ``limit`` entries, every text escaped."""
    entries = sorted(feed.entries, key=lambda e: (e.updated, e.id), reverse=True)[:limit]
    updated = max((e.updated for e in entries), default=EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{_text(feed.id)}</id>",
        f"  <title>{_text(feed.title)}</title>",
    ]
    if feed.subtitle:
        lines.append(f"  <subtitle>{_text(feed.subtitle)}</subtitle>")
    lines += [
        f"  <updated>{iso(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(feed.self_link)}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(feed.alternate_link)}/>',
        "  <author><name>sendwatch</name></author>",
        "  <generator>sendwatch</generator>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{_text(e.id)}</id>",
            f"    <title>{_text(e.title)}</title>",
            f"    <updated>{iso(e.updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href={_attr(e.link)}/>',
        ]
        if e.category:
            lines.append(f"    <category term={_attr(e.category)}/>")
        if e.summary:
            lines.append(f'    <summary type="text">{_text(e.summary)}</summary>')
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
