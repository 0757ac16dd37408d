"""Where a local area stands, and what happens next, as known on a given date.

:func:`status` reads an area's merged history (:class:`~sendwatch.timeline.TimelineEvent`)
and the rules of both frameworks (:mod:`sendwatch.rules`) and says: the stage the area is
at, its open weaknesses or areas for priority action, the next step with its due date, the
rules and events that led there, and any problem in the data. It is pure: only the events
known on ``as_of`` count, the calendar is passed in, and bad data becomes a problem message
rather than an exception or a silent guess.

The package keeps each stage's rule small and on its own: :mod:`.stages` (every stage
code with its meaning), :mod:`.known` (events as known on the date, and their checks),
:mod:`.builder`, :mod:`.chapter2016` and :mod:`.chapter2023` (one function per stage),
:mod:`.model` (the result).

An event is known on ``as_of`` in parts: its visit once the visit has started, its outcome,
counts and findings once its letter or report is published. A partial date ("2022-10",
"2023") counts as reached only when the whole month or year has passed, so an as-of view
never uses what might still lie in its future.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sendwatch.rules.calendar import ENGLAND, Calendar
from sendwatch.status.builder import Builder, latest
from sendwatch.status.chapter2016 import chapter_2016
from sendwatch.status.chapter2023 import chapter_2023
from sendwatch.status.known import DATE_FIELDS, Known, bounds, check_event, fmt, known_part, say
from sendwatch.status.model import (
    NO_OPEN_ITEMS,
    EventRef,
    OpenItems,
    Problem,
    Reason,
    RecordNote,
    Status,
    Step,
)
from sendwatch.status.stages import STAGE_MEANINGS, STAGE_ORDER, STAGES
from sendwatch.timeline import TimelineEvent

if TYPE_CHECKING:
    from sendwatch.currency import RecordCurrency
    from sendwatch.register import LocalArea

__all__ = [
    "NO_OPEN_ITEMS",
    "STAGES",
    "STAGE_MEANINGS",
    "STAGE_ORDER",
    "EventRef",
    "OpenItems",
    "Problem",
    "Reason",
    "RecordNote",
    "Status",
    "Step",
    "due_within",
    "overdue",
    "status",
]


def status(
    area: str,
    events: list[TimelineEvent],
    as_of: date,
    calendar: Calendar = ENGLAND,
    *,
    register: LocalArea | None = None,
    currency: RecordCurrency | None = None,
) -> Status:
    """Where ``area`` stands on ``as_of``, from the events of its history known by then.

    Events of other areas are ignored; events not yet public on ``as_of`` are not used
    (a visit counts once it has started, its outcome once published). Never raises on bad
    data: each inconsistency is a :class:`Problem` naming the area, event and source.

    ``register`` (the area's entry in the register) makes an abolished area's status say
    when it ended and who succeeded it, with no next steps. ``currency`` (the record's
    currency, :func:`sendwatch.currency.record_currency`) makes the status say how current
    the record is, and keeps a step due after that date from being called overdue.
    """
    problems: list[Problem] = []
    known: list[Known] = []
    for event in events:
        if event.area != area:
            continue
        k = known_part(area, event, as_of, problems)
        if k is None:
            continue
        check_event(area, k, problems)
        known.append(k)

    complete = (lambda kind: currency.complete_to(area, kind)) if currency else None
    b = Builder(area, as_of, calendar, complete)
    inspections = [k for k in known if k.kind == "inspection"]
    last = latest(inspections, "inspection")
    if last is not None and last.framework is None:
        b.unknown.append(f"The framework of {area}'s latest inspection is not on record.")
    in_2023 = (last is not None and last.framework == "2023") or (
        last is None and any(k.kind == "monitoring_inspection" for k in known)
    )
    ended = _ended(register, as_of)
    opened: OpenItems | None = None
    if ended is not None:
        code, sentence, opened = ended
    elif (
        register is not None
        and register.active_from
        and as_of.isoformat() < register.active_from
        and not known
    ):
        code, sentence = (
            "not_yet_formed",
            (
                f"{area} did not exist yet on {fmt(as_of)}: it was formed on "
                f"{say(register.active_from)}."
            ),
        )
    elif not known:
        code = "unknown"
        sentence = (
            f"No inspection of {area} is on record as of {fmt(as_of)}; its history is unknown."
        )
        b.unknown.append(f"No event of {area}'s history is known on {as_of.isoformat()}.")
    elif in_2023:
        code, sentence, opened = chapter_2023(b, known, problems)
    else:
        code, sentence, opened = chapter_2016(b, known, problems)

    steps = sorted(b.steps, key=lambda s: (s.due_by is None, s.due_by or date.max))
    if code == "abolished":
        steps, b.because = [], []
    return Status(
        area=area,
        as_of=as_of,
        code=code,
        sentence=sentence,
        open_items=opened,
        next=steps[0] if steps else None,
        then=tuple(steps[1:]),
        because=tuple(b.because),
        problems=tuple(dict.fromkeys(problems)),
        unknown=tuple(dict.fromkeys(b.unknown)),
        inspections_known=len(inspections),
        record=_record_note(area, known, as_of, currency),
    )


def _ended(register: LocalArea | None, as_of: date) -> tuple[str, str, None] | None:
    """An abolished area's status: when it ended and who carries its history on."""
    if register is None or not register.active_to or as_of.isoformat() <= register.active_to:
        return None
    successors = list(register.successors)
    names = " and ".join(
        [", ".join(successors[:-1]), successors[-1]] if len(successors) > 1 else successors
    )
    follow = f"; its successors are {names}, whose statuses carry its history on" if names else ""
    return (
        "abolished",
        f"{register.name} was abolished on {say(register.active_to)} in a reorganisation of "
        f"local government{follow}. No next steps fall to it.",
        None,
    )


def latest_news(known: list[Known]) -> date | None:
    """The latest date any source gives of the area's events known on the date."""
    days = [
        parsed[0]
        for k in known
        for name in DATE_FIELDS
        if getattr(k, "day" if name == "date" else name, None) is not None
        and (parsed := bounds(k.event.get(name))) is not None
    ]
    return max(days, default=None)


def _record_note(
    area: str, known: list[Known], as_of: date, currency: RecordCurrency | None
) -> RecordNote | None:
    """How current the record is for this area, said in a sentence where it matters."""
    if currency is None:
        return None
    complete = currency.complete_to(area, None)
    news = latest_news(known)
    note = None
    if complete is not None and as_of > complete:
        since = f"; no news of {area} in the record since {fmt(news)}" if news else ""
        if news is not None and news > complete:
            # Some sources (the 2026 scrape, a sync) reach past the date the whole record is
            # complete to: their news is real, but other kinds of event may be missing.
            since = (
                f"; a source covering only some kinds of event has news of {area} of {fmt(news)}"
            )
        note = (
            f"Judged on {fmt(as_of)}, but the record is complete only to {fmt(complete)}"
            f"{since}. What happened after that is not known: a step is called overdue only "
            "where the record is complete past its due date."
        )
    return RecordNote(judged_on=as_of, complete_to=complete, latest_news=news, note=note)


# Across areas ---------------------------------------------------------------------------


def due_within(statuses: Iterable[Status], days: int, as_of: date) -> list[tuple[Status, Step]]:
    """Every step due between ``as_of`` and ``days`` days later, soonest first."""
    until = as_of + timedelta(days=days)
    found = [
        (s, step)
        for s in statuses
        for step in s.steps
        if step.due_by is not None and as_of <= step.due_by <= until
    ]
    return sorted(found, key=lambda pair: (pair[1].due_by or date.max, pair[0].area))


def overdue(statuses: Iterable[Status]) -> list[tuple[Status, Step]]:
    """Every tracked step past its due date with no event on record, most overdue first."""
    found = [(s, step) for s in statuses for step in s.steps if (step.overdue_days or 0) > 0]
    return sorted(found, key=lambda pair: (-(pair[1].overdue_days or 0), pair[0].area))
