"""What a status says: the stage, open items, steps, reasons, problems and the record's currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sendwatch.status.stages import STAGE_MEANINGS, STAGE_ORDER


@dataclass(frozen=True)
class Step:
    """Something that is due: what, from when, by when, and how late it is on the as-of date.

    ``tracked`` says whether the record has an event that would show the step done; for a
    step it cannot show (a DfE progress review), lateness is not computed.
    """

    what: str
    due_from: date | None
    due_by: date | None
    overdue_days: int | None
    rule: str
    approximate: bool = False
    tracked: bool = True
    #: Due before the as-of date but after the date the record is complete to: whether it
    #: happened is not known, so it is not called overdue.
    beyond_record: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "due_from": self.due_from.isoformat() if self.due_from else None,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "overdue_days": self.overdue_days,
            "approximate": self.approximate,
            "tracked": self.tracked,
            "rule": self.rule,
            "beyond_record": self.beyond_record,
        }


@dataclass(frozen=True)
class EventRef:
    """An event as a reason cites it: kind, date and the labels of its sources."""

    kind: str
    date: str | None
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date, "sources": list(self.sources)}


@dataclass(frozen=True)
class Reason:
    """One rule that shaped the status, with its source and the events it was applied to."""

    rule: str
    source: str
    events: tuple[EventRef, ...] = ()
    #: False where no primary source (statute, Ofsted and CQC's own texts, DfE's guidance)
    #: stating the rule could be read, so ``source`` is a secondary one (docs/rules.md).
    primary: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "source_is_primary": self.primary,
            "events": [e.to_json() for e in self.events],
        }


@dataclass(frozen=True)
class Problem:
    """Something wrong or missing in the data, said in a sentence naming area, event, source."""

    message: str
    event: EventRef | None = None

    def to_json(self) -> dict[str, Any]:
        return {"message": self.message, "event": self.event.to_json() if self.event else None}


@dataclass(frozen=True)
class OpenItems:
    """The weaknesses or areas for priority action still open, from findings or from counts.

    ``basis`` is "findings" (the items are listed), "counts" (only numbers are known) or
    "unknown"; ``count`` is None when not even the number is known.
    """

    kind: str
    count: int | None
    of: int | None
    items: tuple[dict[str, Any], ...] = ()
    basis: str = "unknown"
    #: A compiled record's summary of the items, in its own words (not a list of them).
    paraphrase: str | None = None
    #: Where to read the items when only their count is known: the sources' names or URLs.
    read_at: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "of": self.of,
            "basis": self.basis,
            "items": list(self.items),
            "paraphrase": self.paraphrase,
            "read_at": list(self.read_at),
        }


NO_OPEN_ITEMS = OpenItems(kind="none", count=0, of=None, basis="counts")


@dataclass(frozen=True)
class RecordNote:
    """How current the record is for this status: the date judged on, the date the record
    is complete to for the area, and the date of the latest news of it in the record."""

    judged_on: date
    complete_to: date | None
    latest_news: date | None
    note: str | None

    @property
    def beyond(self) -> bool:
        """Whether the date judged on is past what the record can know."""
        return self.complete_to is not None and self.judged_on > self.complete_to

    def to_json(self) -> dict[str, Any]:
        return {
            "judged_on": self.judged_on.isoformat(),
            "complete_to": self.complete_to.isoformat() if self.complete_to else None,
            "latest_news": self.latest_news.isoformat() if self.latest_news else None,
            "beyond_record": self.beyond,
            "note": self.note,
        }


@dataclass(frozen=True)
class Status:
    """Where an area stands on ``as_of``: stage, open items, next step, reasons, problems."""

    area: str
    as_of: date
    code: str
    sentence: str
    open_items: OpenItems | None
    next: Step | None
    then: tuple[Step, ...]
    because: tuple[Reason, ...]
    problems: tuple[Problem, ...]
    unknown: tuple[str, ...]
    inspections_known: int
    record: RecordNote | None = None

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step still due, the soonest first."""
        return ((self.next,) if self.next else ()) + self.then

    @property
    def progress(self) -> tuple[int, int]:
        """A key that never falls as the as-of date moves forward along one history."""
        return (self.inspections_known, STAGE_ORDER[self.code])

    def to_json(self) -> dict[str, Any]:
        """The status as a JSON-ready dict (one source for every rendering)."""
        return {
            "area": self.area,
            "as_of": self.as_of.isoformat(),
            "stage": {"code": self.code, "sentence": self.sentence},
            "open_items": self.open_items.to_json() if self.open_items else None,
            "next": self.next.to_json() if self.next else None,
            "then": [s.to_json() for s in self.then],
            "because": [r.to_json() for r in self.because],
            "problems": [p.to_json() for p in self.problems],
            "unknown": list(self.unknown),
            "stage_meaning": STAGE_MEANINGS.get(self.code),
            "record": self.record.to_json() if self.record else None,
        }
