"""What changed in the store, area by area (for the site's cache, :mod:`sendwatch.web.data`).

A fingerprint per area of its claims, a quick version of the whole store that says whether
a fingerprint is worth reading, and which areas' timelines each area's claims reach (its
own, and its successors', which inherit its history).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from sendwatch import schema
from sendwatch.db import Store
from sendwatch.extraction import SCALAR_FIELDS
from sendwatch.history import lineage
from sendwatch.register import load_register
from sendwatch.web.cache import CONTEXT, DOCUMENTS


def dependents() -> dict[str, set[str]]:
    """Each area's name to the names of the areas whose timelines include its claims."""
    out: dict[str, set[str]] = {}
    for area in load_register().areas:
        for member in lineage(area):
            out.setdefault(member.name, set()).add(area.name)
    return out


def fingerprints(store: Store, today: date, full: bool = False) -> dict[str, int]:
    """A fingerprint of each area's claims (and of the documents list and the date).

    The light one (a few milliseconds at 16 times the bundled documents) is counts and
    sums of ids of each area's events and findings, read by the database: any insert or
    delete moves it. The full one hashes every event row's values as well, so updates
    in place (``import-official``) move it too.
    """
    e, f, d, c = schema.Event, schema.Finding, schema.Document, schema.ContextFigure
    sums: dict[str, int] = {}
    with store.session() as session:
        names = dict(session.execute(select(schema.Area.id, schema.Area.name)).all())
        for area_id, *values in session.execute(
            select(e.area_id, func.count(e.id), func.max(e.id), func.sum(e.id)).group_by(e.area_id)
        ):
            sums[names.get(area_id, "")] = hash(tuple(values))
        for area_id, *values in session.execute(
            select(e.area_id, func.count(f.id), func.max(f.id), func.sum(f.id))
            .join(f, f.event_id == e.id)
            .group_by(e.area_id)
        ):
            name = names.get(area_id, "")
            sums[name] = hash((sums.get(name, 0), *values))
        if full:
            columns = [e.id, e.kind, e.document_id, e.note]
            columns += [getattr(e, n) for n in SCALAR_FIELDS]
            for area_id, *values in session.execute(select(e.area_id, *columns)):
                name = names.get(area_id, "")
                sums[name] = (sums.get(name, 0) + hash(tuple(values))) & 0xFFFFFFFFFFFF
        # An area checked against Ofsted's site (sync) shows the day on its page.
        for area_id, checked in session.execute(
            select(schema.SyncPage.area_id, func.max(schema.SyncPage.checked_at)).group_by(
                schema.SyncPage.area_id
            )
        ):
            name = names.get(area_id, "")
            sums[name] = hash((sums.get(name, 0), str(checked)))
        documents = session.execute(select(func.count(d.id), func.max(d.id))).one()
        # Imported context figures (issue 15) change the area pages too.
        context = session.execute(select(func.count(c.id), func.max(c.imported_at))).one()
    sums[DOCUMENTS] = hash(tuple(documents))
    sums[CONTEXT] = hash(tuple(context))
    sums["*today"] = hash(today.isoformat())
    return sums


def quick_version(store: Store, today: date) -> tuple:
    """Counts and largest ids of events, findings, documents and context figures, and the
    date: a check
    of a millisecond that tells whether a fingerprint is worth reading."""
    e, f, d = schema.Event, schema.Finding, schema.Document
    with store.session() as session:
        row = session.execute(
            select(
                *(
                    select(aggregate(t.id)).scalar_subquery()
                    for t in (e, f, d, schema.ContextFigure)
                    for aggregate in (func.max, func.count)
                ),
                select(func.max(schema.SyncPage.checked_at)).scalar_subquery(),
            )
        ).one()
    return (*row, today.isoformat())
