"""Collecting a status as the rules are applied: reasons cited, steps due, unknowns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sendwatch.rules import framework2016 as f16
from sendwatch.rules import framework2023 as f23
from sendwatch.rules import rule_name, rule_source
from sendwatch.rules.calendar import Calendar
from sendwatch.status.known import Known
from sendwatch.status.model import Reason, Step
from sendwatch.timeline import Finding

#: The kind of event that would show a step done, by the rule that makes it due: how far
#: the record is complete for that kind decides whether "overdue" can be said as fact.
SHOWN_BY = {
    rule_name(f16.wsoa_due): "wsoa_submitted",
    rule_name(f16.revisit_due): "revisit",
    rule_name(f23.first_inspection_due_by): "inspection",
    rule_name(f23.next_full_inspection_due): "inspection",
    rule_name(f23.monitoring_inspection_due): "monitoring_inspection",
}

#: For an event kind, the date the record is complete to for this area (None: unknown).
CompleteTo = Callable[[str | None], date | None]


class Builder:
    """Collects the reasons, steps and unknowns of one status as the rules are applied."""

    def __init__(
        self, area: str, as_of: date, calendar: Calendar, complete_to: CompleteTo | None = None
    ) -> None:
        self.area = area
        self.as_of = as_of
        self.calendar = calendar
        self.complete_to = complete_to
        self.because: list[Reason] = []
        self.steps: list[Step] = []
        self.unknown: list[str] = []

    def cite(self, rule: Callable[..., Any], *events: Known | None) -> None:
        refs = tuple(e.ref() for e in events if e is not None)
        reason = Reason(rule_name(rule), rule_source(rule), refs, getattr(rule, "primary", True))
        if reason not in self.because:
            self.because.append(reason)

    def step(
        self,
        what: str,
        rule: Callable[..., Any],
        due_by: date | None,
        due_from: date | None = None,
        *,
        approximate: bool = False,
        tracked: bool = True,
    ) -> None:
        overdue = None
        beyond = False
        if tracked and due_by is not None:
            overdue = max(0, (self.as_of - due_by).days)
            complete = self.complete_to(SHOWN_BY.get(rule_name(rule))) if self.complete_to else None
            if overdue and complete is not None and due_by > complete:
                # The record cannot know whether it happened: not stated as overdue.
                overdue, beyond = None, True
        self.steps.append(
            Step(what, due_from, due_by, overdue, rule_name(rule), approximate, tracked, beyond)
        )

    def first_2023_inspection(self) -> None:
        """Once the 2023 framework has started, an area last inspected under the 2016 one
        awaits its first full inspection under it, by the end of the cycle."""
        if self.as_of >= f23.FRAMEWORK_STARTED:
            self.cite(f23.first_inspection_due_by)
            self.step(
                "A full inspection under the 2023 area SEND framework",
                f23.first_inspection_due_by,
                f23.first_inspection_due_by(),
                f23.FRAMEWORK_STARTED,
            )


def latest(events: Iterable[Known], kind: str, framework: str | None = None) -> Known | None:
    found = [
        e for e in events if e.kind == kind and (framework is None or e.framework == framework)
    ]
    return max(found, key=lambda e: e.when or date.min, default=None)


def weakness_items(findings: list[Finding], only_open: bool) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"text": f.text, "verdict": f.verdict}
        for f in findings
        if not only_open or f.verdict not in ("sufficient", "effective")
    )
