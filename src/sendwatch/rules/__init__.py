"""The statutory and published rules of local area SEND inspection, one module per framework.

Every rule is a small pure function: dates in, dates or decisions out, with the working-day
calendar passed in where a count is in working days. Each carries the source it comes from
(``rule.source``, set by :func:`cited`), so that a status can say which rule and which
source led to it. The first source is the primary one wherever one could be read: the
statute or regulations, Ofsted and CQC's framework, handbook, guidance and their own
letters and reports, or DfE's guidance. A rule for which no primary source could be read
says so (``cited(..., primary=False)``) and keeps its secondary sources. The paragraph or
section each rule relies on is named in its docstring and in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def cited(*sources: str, primary: bool = True) -> Callable[[F], F]:
    """Mark a rule with the URL(s) of the source(s) that state it, the primary one first.

    ``primary=False`` records that no primary source stating the rule could be read, so the
    first URL is a secondary one (news, a council or parent forum page, a parliamentary
    answer as mirrored by a third party).
    """
    if not sources:
        raise ValueError("a cited rule needs at least one source URL")

    def mark(rule: F) -> F:
        rule.sources = tuple(sources)  # type: ignore[attr-defined]
        rule.source = sources[0]  # type: ignore[attr-defined]
        rule.primary = primary  # type: ignore[attr-defined]
        return rule

    return mark


def rule_name(rule: Callable[..., Any]) -> str:
    """A rule's stable name: ``framework2016.wsoa_due``."""
    module = rule.__module__.rpartition(".")[2]
    return f"{module}.{rule.__name__}"


def rule_source(rule: Callable[..., Any]) -> str:
    """The first source URL a rule carries ('' for a function that is not a cited rule)."""
    return str(getattr(rule, "source", ""))


@dataclass(frozen=True)
class Pause:
    """A period when an inspectorate stopped a kind of visit, which stops the clock on it.

    ``end`` is the first day the visits could take place again.
    """

    name: str
    start: date
    end: date

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in the pause."""
        return self.start <= day < self.end

    def extend(self, clock_start: date, due: date, as_of: date) -> date | None:
        """A due date with the clock stopped for the pause, as known on ``as_of``.

        We stop the clock: the days of the pause that fall between the clock's start and the
        due date are added to the due date. A due date that fell before the pause is left
        alone, and so is any due date seen before the pause was announced (``as_of`` before
        its start), because nobody could know of it then. While the pause lasts and its end
        is not yet known, the due date is unknown (None).
        """
        if as_of < self.start or due < self.start:
            return due
        if as_of < self.end:
            return None
        stopped_from = max(self.start, clock_start)
        lost = max(0, (self.end - stopped_from).days)
        return date.fromordinal(due.toordinal() + lost)
