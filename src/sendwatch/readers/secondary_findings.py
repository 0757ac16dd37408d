"""The findings of a secondary page that are not dates: counts of weaknesses, bulleted
lists (weaknesses, strengths, improvements, verdicts), the 2016 and 2023 outcomes, and each
visit's framework."""

from __future__ import annotations

import bisect
import re

from sendwatch.extraction import Event, Item, Span
from sendwatch.readers.secondary_cues import (
    ACTION,
    ALL_COUNT,
    BULLET,
    COUNT,
    CUES_2016,
    CUES_2023,
    EFFECTIVE,
    ENOUGH,
    FOUND_AT_INSPECTION,
    INSPECTION,
    LIST_IMPROVE,
    LIST_STRENGTH,
    LIST_WEAKNESS,
    MAKE_IMPROVEMENTS,
    MONITORING,
    NEGATION,
    NO_PRIORITY_ACTIONS,
    NO_STATEMENT,
    NONE_COUNT,
    NONE_OF_THEM,
    NOT_EFFECTIVE,
    OUTCOMES_2023,
    PLAN_OF_ACTION,
    PROGRESS,
    REVISIT,
    STATEMENT_MADE,
    STATEMENT_REQUIRED,
    TO_TACKLE,
    TOTAL,
    VERDICT_LIST,
    WSOA,
)
from sendwatch.readers.secondary_page import Page, clause_text, number


def read_counts(page: Page) -> None:
    """'Four out of five areas', 'one of the five areas ... still to make progress'; then
    the number of weaknesses or areas for priority action each inspection found."""
    _progress_counts(page)
    _stated_totals(page)


def _progress_counts(page: Page) -> None:
    """The revisit's (or monitoring inspection's) counts: the first sentence giving them."""
    text = page.text
    for s, e in page.spans:
        sentence = text[s:e]
        for m in COUNT.finditer(text, s, e):
            if not PROGRESS.search(sentence):
                continue
            total = number(m["b"])
            a = total if m["a"].lower() == "all" else number(m["a"])
            if a > total:
                continue
            clause = clause_text(text, s, e, m.start(), m.end())
            sufficient = total - a if NEGATION.search(clause) else a
            _put_counts(page, total, sufficient, m.span(), sentence)
            return
        for m in NONE_COUNT.finditer(text, s, e):
            clause = clause_text(text, s, e, m.start(), m.end())
            negated = m["w"].lower() == "none" or NEGATION.search(clause)
            if PROGRESS.search(sentence) and negated:
                _put_counts(page, number(m["b"]), 0, m.span(), sentence)
                return
        # "has not made sufficient progress in addressing any of the significant
        # weaknesses": none of as many as the inspection found.
        none = NONE_OF_THEM.search(text, s, e)
        if none:
            _none_of_them(page, none)
            return
        for m in ALL_COUNT.finditer(text, s, e):
            if ENOUGH.search(sentence) and not NEGATION.search(sentence):
                total = number(m["b"])
                _put_counts(page, total, total, m.span(), sentence)
                return


def _stated_totals(page: Page) -> None:
    """Each inspection's number of weaknesses (or areas for priority action) as the page
    first states it: a 2023 inspection's and, beside it, the earlier one's, each once."""
    text = page.text
    done: set[int] = set()
    # The words a revisit's count was read from ("two of the four areas of significant
    # weakness") are the revisit's: the inspection has them already if the page named it.
    counted = [
        event.evidence["weaknesses_total"]
        for key in ("revisit", "monitoring")
        if (event := page.events.get(key)) is not None and "weaknesses_total" in event.evidence
    ]
    for s, e in page.spans:
        if any(a < e and s < b for a, b in counted):
            continue
        stated = TOTAL.search(text, s, e)
        if stated:
            count, span = number(stated["b"] or stated["c"]), stated.span()
        else:
            stated = NO_PRIORITY_ACTIONS.search(text, s, e)
            if not stated:
                continue
            count, span = 0, stated.span()
        inspection = _inspection_for_weaknesses(page, stated.group(0))
        if inspection is None or id(inspection) in done:
            continue
        done.add(id(inspection))
        if "weaknesses_total" not in inspection.values:
            inspection.put("weaknesses_total", count, span)


def _none_of_them(page: Page, none: re.Match[str]) -> None:
    """No weakness improved, of as many as the inspection found (or the page said before)."""
    found = page.events.get("earlier" if page.earlier else "inspection")
    total = found.get("weaknesses_total") if found is not None else None
    span = found.evidence.get("weaknesses_total") if found is not None else None
    if total is None:
        stated = list(TOTAL.finditer(page.text, 0, none.start()))
        if stated:
            last = stated[-1]
            total, span = number(last["b"] or last["c"]), last.span()
            if found is not None:
                found.put("weaknesses_total", total, span)
    revisit = page.event("revisit", "revisit")
    revisit.put("weaknesses_sufficient", 0, none.span())
    if total:
        revisit.put("weaknesses_total", total, span)


def _put_counts(page: Page, total: int, sufficient: int, span: Span, sentence: str) -> None:
    # On a page that tells only of a monitoring inspection, a count of areas is its own
    # even in words of its own ("reasonable steps had been taken on four of the five").
    monitoring_page = "monitoring" in page.events and "revisit" not in page.events
    if (ACTION.search(sentence) or monitoring_page) and not REVISIT.search(sentence):
        # A monitoring inspection's judgement on the areas for priority action of the
        # 2023-framework inspection before it.
        monitoring = page.event("monitoring", "monitoring_inspection")
        monitoring.put("weaknesses_total", total, span)
        monitoring.put("weaknesses_sufficient", sufficient, span)
        inspection = page.events.get("inspection")
        if inspection is not None and "weaknesses_total" not in inspection.values:
            inspection.put("weaknesses_total", total, span)
        return
    revisit = page.event("revisit", "revisit")
    revisit.put("weaknesses_total", total, span)
    revisit.put("weaknesses_sufficient", sufficient, span)
    # The revisit looks again at every area of significant weakness the inspection found.
    inspection = page.events.get("earlier" if page.earlier else "inspection")
    if inspection is not None and "weaknesses_total" not in inspection.values:
        inspection.put("weaknesses_total", total, span)


def _inspection_for_weaknesses(page: Page, words: str) -> Event | None:
    """The inspection a stated number of weaknesses belongs to: areas for priority action
    are a 2023-framework inspection's; areas of significant weakness a 2016 one's, which
    beside a 2023 outcome is the earlier inspection (if the page dates it)."""
    if page.earlier and not re.search(r"priority (?:action|improvement)", words, re.I):
        return page.events.get("earlier")
    return page.event("inspection", "inspection")


# --- listed weaknesses and strengths -------------------------------------------------


def read_lists(page: Page) -> None:
    """Bulleted lists after an introducing line: the weaknesses to tackle, the strengths."""
    text = page.text
    marks = _Marks(text)
    for intro in re.finditer(r"^[^\n]*:[ \t]*$", text, re.M):
        items = _bullets_after(text, intro.end())
        if not items:
            continue
        # Only the sentence that ends in the colon introduces the list, unless it says
        # nothing of what is listed ("... three areas for priority action. Leaders must:").
        line = re.split(r"(?<=[.!?])\s+", intro.group(0).strip())[-1]
        whole = intro.group(0)
        if not (
            LIST_WEAKNESS.search(line) or LIST_STRENGTH.search(line) or VERDICT_LIST.search(line)
        ):
            # "These areas were:" says nothing itself: the sentences before it do.
            line = whole
        # "- joint commissioning: sufficient progress": each bullet carries its own verdict.
        own = [_ITEM_VERDICT.match(text, sp[0], sp[1]) for _, sp in items]
        if REVISIT.search(text) and all(own):
            event = page.event("revisit", "revisit")
            for m in own:
                assert m is not None
                verdict = "insufficient" if NEGATION.search(m["v"]) else "sufficient"
                event.add("weaknesses", Item(m["t"], m.span("t"), verdict, m.span("v")))
            continue
        if REVISIT.search(text) and VERDICT_LIST.search(line) and not TO_TACKLE.search(line):
            # "The areas where we have not yet made enough progress are:" - the revisit's
            # verdict on each weakness listed.
            event = page.event("revisit", "revisit")
            verdict = "insufficient" if NEGATION.search(line) else "sufficient"
            for body, span in items:
                event.add("weaknesses", Item(body, span, verdict, intro.span()))
            continue
        if LIST_WEAKNESS.search(line) or (
            MAKE_IMPROVEMENTS.search(line) and not CUES_2023.search(text)
        ):
            kind = "weaknesses"
        elif LIST_STRENGTH.search(line):
            kind = "strengths"
        elif LIST_IMPROVE.search(line) and CUES_2023.search(text):
            kind = "improvements"
        else:
            continue
        event = _event_before(page, intro.start(), marks)
        if kind == "weaknesses" and FOUND_AT_INSPECTION.search(line):
            # "... the four areas of significant weakness identified in the original
            # inspection:" lists the inspection's, whatever visit the page spoke of last.
            event = page.event(page.inspection_key(None), "inspection")
        for body, span in items:
            event.add(kind, Item(body, span))
        if kind == "weaknesses" and event.get("weaknesses_total") is None:
            event.put("weaknesses_total", len(items), (intro.start(), items[-1][1][1]))


# A bullet that ends in its verdict: "the local offer: not sufficient progress", "joint
# commissioning - sufficient progress made", "EHC plans (insufficient progress)". ("Some
# progress" or "limited progress" says no verdict plainly enough to read.)
_ITEM_VERDICT = re.compile(
    r"(?P<t>[^\n]{3,300}?)\s*(?:[:–—-]|\()\s*(?P<v>(?:not\s+(?:yet\s+)?(?:made\s+)?|in)?"
    r"sufficient(?:\s+progress)?(?:\s+(?:made|achieved))?)\)?[ \t.;]*$",
    re.I,
)


def _bullets_after(text: str, pos: int) -> list[tuple[str, Span]]:
    """The bullets that follow ``pos``, blank lines between them allowed."""
    items = []
    while True:
        m = re.compile(r"\s*").match(text, pos)
        nxt = m.end() if m else pos
        b = BULLET.match(text, text.rfind("\n", 0, nxt) + 1 if nxt else 0)
        if not b or b.start("t") < pos:
            break
        raw = b["t"]
        body = re.sub(r"(?:[;,.]?\s*(?:and|or)?\s*[;,.]?\s*)$", "", raw)
        body = re.sub(r"[;,.\s]+$", "", body)
        items.append((body, (b.start("t"), b.start("t") + len(body))))
        pos = b.end()
    return items


class _Marks:
    """Where a page speaks of a revisit and of an inspection, found once per page (once
    per list was quadratic on a long page)."""

    def __init__(self, text: str):
        self.revisits = [m.span() for m in REVISIT.finditer(text)]
        self.inspections = [m.span() for m in INSPECTION.finditer(text)]

    @staticmethod
    def last_before(found: list[tuple[int, int]], pos: int) -> int | None:
        """The start of the last mark that ends by ``pos`` (the marks are in order)."""
        i = bisect.bisect_right(found, pos, key=lambda span: span[1])
        return found[i - 1][0] if i else None


def _event_before(page: Page, pos: int, marks: _Marks) -> Event:
    """The inspection or revisit the page last spoke of before ``pos``."""
    last = marks.last_before(marks.revisits, pos)
    inspection_last = marks.last_before(marks.inspections, pos)
    if last is not None and (inspection_last is None or last > inspection_last):
        return page.event("revisit", "revisit")
    return page.event("inspection", "inspection")


# --- outcomes and frameworks ---------------------------------------------------------


def read_outcomes(page: Page) -> None:
    """Whether the inspection required a written statement, or its 2023 outcome."""
    text = page.text
    for rx, outcome in OUTCOMES_2023:
        m = rx.search(text)
        if m:
            page.event("inspection", "inspection").put("outcome", outcome, m.span())
            break
    # "has taken effective action" / "is not taking effective action": the conclusion of
    # the monitoring inspection the page reports, not of the inspection before it.
    monitoring = page.events.get("monitoring")
    if monitoring is not None:
        m = NOT_EFFECTIVE.search(text) or EFFECTIVE.search(text)
        if m:
            failed = NOT_EFFECTIVE.match(m.group(0))
            verdict = "ineffective_action" if failed else "effective_action"
            monitoring.put("outcome", verdict, m.span())
    # A written statement belongs to a 2016-framework inspection: beside a 2023 outcome,
    # only to the earlier inspection the page dates.
    target = "earlier" if page.earlier else "inspection"
    if page.earlier and "earlier" not in page.events:
        return
    for s, e in page.spans:
        required = outcome_2016(text[s:e])
        if required:
            page.event(target, "inspection").put("outcome", required, (s, e))
            return


def outcome_2016(sentence: str) -> str | None:
    """'no_wsoa' or 'wsoa_required' when the sentence says whether a statement was required."""
    wsoa = WSOA.search(sentence)
    plan = PLAN_OF_ACTION.search(sentence)
    if not (wsoa or plan):
        return None
    if NO_STATEMENT.search(sentence):
        return "no_wsoa"
    if STATEMENT_REQUIRED.search(sentence) or (wsoa and STATEMENT_MADE.search(sentence)):
        return "wsoa_required"
    return None


def settle_frameworks(page: Page) -> None:
    """The framework of each visit: by its year, else by the words the page uses."""
    text = page.text
    revisit = page.events.get("revisit")
    if revisit is not None:
        cue = REVISIT.search(text) or PROGRESS.search(text)
        revisit.put("framework", "2016", cue.span() if cue else None)
    monitoring = page.events.get("monitoring")
    if monitoring is not None:
        # Monitoring inspections exist only in the 2023 framework.
        cue = MONITORING.search(text)
        monitoring.put("framework", "2023", cue.span() if cue else None)
    for key in ("earlier", "inspection"):
        inspection = page.events.get(key)
        if inspection is not None:
            _settle_framework(text, inspection)


def _settle_framework(text: str, inspection: Event) -> None:
    start = inspection.get("visit_start")
    if start:
        year = int(start[:4])
        # A written statement (required or not) is the 2016 framework's: said beside a
        # visit of 2023 or later it is of an earlier inspection the page does not date.
        if year >= 2023 and inspection.get("outcome") in ("wsoa_required", "no_wsoa"):
            del inspection.values["outcome"]
            inspection.evidence.pop("outcome", None)
        inspection.put(
            "framework", "2023" if year >= 2023 else "2016", inspection.evidence.get("visit_start")
        )
        return
    if inspection.get("outcome") in ("positive", "inconsistent", "systemic_failings"):
        inspection.put("framework", "2023", inspection.evidence.get("outcome"))
        return
    m16 = CUES_2016.search(text)
    m23 = CUES_2023.search(text)
    if m23 and not m16:
        inspection.put("framework", "2023", m23.span())
    elif m16 and not m23:
        inspection.put("framework", "2016", m16.span())
