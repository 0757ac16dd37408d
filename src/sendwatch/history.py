"""An area's reconciled history from the store, with its predecessors', as of a date."""

from __future__ import annotations

from datetime import date

from sendwatch.db import Store
from sendwatch.register import LocalArea, load_register
from sendwatch.store import claims
from sendwatch.timeline import TimelineEvent, as_of_claims, reconcile


def lineage(area: LocalArea) -> list[LocalArea]:
    """The area and every area it was formed from, nearest first."""
    register = load_register()
    out, todo = [area], [area]
    while todo:
        for pred in register.predecessors(todo.pop()):
            if pred not in out:
                out.append(pred)
                todo.append(pred)
    return out


def area_timeline(store: Store, area: LocalArea, as_of: date | None = None) -> list[TimelineEvent]:
    """The reconciled events of an area and its predecessors, known by ``as_of`` if given."""
    family = lineage(area)
    found = claims(store, [a.name for a in family])
    if as_of is not None:
        found = as_of_claims(found, as_of.isoformat())
    events = reconcile(found)
    for event in events:
        if event.area != area.name:
            event.inherited_from = event.area
            event.area = area.name
    events.sort(key=lambda e: (e.when or "9999", e.kind))
    return events


def all_timelines(store: Store, as_of: date | None = None) -> dict[str, list[TimelineEvent]]:
    """Every area's reconciled events (predecessors' included), in one read."""
    register = load_register()
    found = claims(store)
    if as_of is not None:
        found = as_of_claims(found, as_of.isoformat())
    by_area: dict[str, list[TimelineEvent]] = {}
    for event in reconcile(found):
        by_area.setdefault(event.area, []).append(event)
    out: dict[str, list[TimelineEvent]] = {}
    for area in register.areas:
        events: list[TimelineEvent] = []
        for member in lineage(area):
            for event in by_area.get(member.name, []):
                if member is not area:
                    event = TimelineEvent(
                        area=area.name,
                        kind=event.kind,
                        values=event.values,
                        claims=event.claims,
                        conflicts=event.conflicts,
                        inherited_from=member.name,
                    )
                events.append(event)
        events.sort(key=lambda e: (e.when or "9999", e.kind))
        out[area.name] = events
    return out
