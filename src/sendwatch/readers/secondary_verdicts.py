"""A revisit's verdicts on named weaknesses as pages tell them: in sentences ("not made
sufficient progress in X"), in tables of yes and no, and the counts they imply."""

from __future__ import annotations

import re

from sendwatch.extraction import Item, Span
from sendwatch.readers.secondary_cues import (
    ADDRESSED,
    INSUFFICIENT_IN,
    MORE_WORK,
    NEGATION,
    NOT_PROGRESS_IN,
    NUM,
    ONE_AREA_NOT,
    SUFFICIENT_IN,
    TOO_SLOW,
)
from sendwatch.readers.secondary_page import Page, clause_text


def _clean_item(text: str, start: int) -> tuple[str, Span]:
    """An item's words without quotes, possessives before it or a trailing clause."""
    raw = text
    cut = re.search(
        r",\s*(?:and|which|who|but|so|as|with|where)\b|\s[-–—]\s|[”\"]|"
        r",\s*(?:[\w’']+\s+){0,3}?(?:said|says|found|added|noted|concluded|reported)\b",
        raw,
    )
    if cut:
        raw = raw[: cut.start()]
    lead = re.match(r"\s*(?:[‘'“\"]\s*)?(?:(?:our|its|their|the\s+council[’']s)\s+)?[‘'“\"]?", raw)
    offset = lead.end() if lead else 0
    body = raw[offset:]
    body = re.sub(r"[\s’'”\".,;:]+$", "", body)
    return body, (start + offset, start + offset + len(body))


def _followed_up(page: Page) -> tuple[str, str]:
    """The key and kind of the visit that judged progress: the revisit, or on a page that
    tells only of a monitoring inspection, that."""
    if "monitoring" in page.events and "revisit" not in page.events:
        return "monitoring", "monitoring_inspection"
    return "revisit", "revisit"


def _named_items(x: str, start: int) -> list[tuple[str, Span]]:
    """The weaknesses a verdict phrase names: "X", "X and in Y", or after a count, the one
    named beside it ("in one of the four areas, the identification of needs")."""
    one = re.match(
        rf"\s*(?:only\s+)?one\s+of\s+(?:the\s+|its\s+|our\s+)?{NUM}\s+[^,]{{0,40}},\s*", x, re.I
    )
    if one:
        x, start = x[one.end() :], start + one.end()
    elif re.match(
        rf"\s*(?:{NUM}|all|any|each|either|both|none)\s+(?:out\s+)?of\b|\s*all\b|"
        rf"\s*{NUM}\s+(?:\w+\s+)?(?:areas?|weakness)",
        x,
        re.I,
    ):
        # A count ("in one area, ..."), not a named weakness.
        return []
    # "in tackling X": the weakness is X (but "in reducing waits" keeps its verb).
    lead = re.match(r"\s*(?:tackling|addressing|dealing\s+with|resolving)\s+", x, re.I)
    if lead:
        x, start = x[lead.end() :], start + lead.end()
    out = []
    pos = 0
    # "in A and in B", "in A, or in B": a second preposition starts a second weakness, as
    # does "A and the B" (a second article: "the quality of plans and the lack of ...").
    for i, part in enumerate(re.split(_SECOND_ITEM, x)):
        if i % 2:  # the separator split() keeps
            pos += len(part)
            continue
        body, span = _clean_item(part, start + pos)
        pos += len(part)
        if len(body.split()) >= 2:
            out.append((body, span))
    return out


_SECOND_ITEM = re.compile(
    r"(,?\s+(?:and|or)\s+(?:in|on|with)\s+|,\s+(?:in|on|with)\s+(?=(?:the|its|their|our)\s)|"
    r"(?<=\w{3})\s+and\s+(?=(?:the|its|their|our)\s+\w+\s+\w+))",
    re.I,
)


def read_verdicts(page: Page) -> None:
    """Weaknesses the page names with their verdict at the revisit."""
    text = page.text
    key, kind = _followed_up(page)
    revisit = page.events.get(key)
    found: list[Item] = []
    for rx in (ONE_AREA_NOT, NOT_PROGRESS_IN, INSUFFICIENT_IN, TOO_SLOW):
        for m in rx.finditer(text):
            for body, span in _named_items(m["x"], m.start("x")):
                found.append(Item(body, span, "insufficient", _sentence_span(page, m.start())))
    limit = None
    if revisit is not None and revisit.get("weaknesses_total") is not None:
        limit = revisit.get("weaknesses_total") - revisit.get("weaknesses_sufficient")
    for m in MORE_WORK.finditer(text):
        body, span = _clean_item(m["x"], m.start("x"))
        parts = _split_items(body, span, 2 if m["both"] else limit, both=bool(m["both"]))
        for part, pspan in parts:
            found.append(Item(part, pspan, "insufficient", _sentence_span(page, m.start())))
    for m in SUFFICIENT_IN.finditer(text):
        x = "x" if m["x"] is not None else "y"
        stop = m.start(x)
        if NEGATION.search(clause_text(text, *_sentence_span(page, m.start()), m.start(), stop)):
            continue
        for body, span in _named_items(m[x], m.start(x)):
            found.append(Item(body, span, "sufficient", _sentence_span(page, m.start())))
    for m in ADDRESSED.finditer(text):
        body, span = _clean_item(m["x"], m.start("x"))
        if len(body.split()) >= 2:
            found.append(Item(body, span, "sufficient", _sentence_span(page, m.start())))
    if not found:
        return
    found.sort(key=lambda i: i.span or (0, 0))
    revisit = page.event(key, kind)
    insufficient = [i for i in found if i.verdict == "insufficient"]
    sufficient = [i for i in found if i.verdict == "sufficient"]
    # Pages repeat themselves (the finding, then a quote saying it again): when the
    # counts say how many weaknesses fell short, the first that many are the ones.
    if limit is not None:
        insufficient = insufficient[: max(limit, 0)]
        sufficient = sufficient[: max(revisit.get("weaknesses_sufficient"), 0)]
    for item in sorted(insufficient + sufficient, key=lambda i: i.span or (0, 0)):
        revisit.add("weaknesses", item)


# A table row of a weakness and its verdict, its cells split by a tab.
_VERDICT_ROW = re.compile(
    r"^(?P<t>[^\t\n]{3,300}?)\t+(?P<v>(?:not\s+(?:yet\s+)?(?:made\s+)?|in)?sufficient\s+progress"
    r"(?:\s+made)?)[ \t.]*$",
    re.M | re.I,
)


# A column head naming the weaknesses, beside one for the verdict; a row that only names
# the columns is a head, not a weakness.
_HEAD_CELL = re.compile(
    r"^\s*(?:(?:the\s+)?areas?\s+(?:of|for)\s+(?:significant\s+)?(?:weakness(?:es)?|"
    r"priority action)|(?:significant\s+)?weakness(?:es)?|areas?|issues?)\s*:?\s*$",
    re.I,
)


_CELL_BREAK = r"(?:\t+|[ \u00a0]{2,}|[ \t]*\|[ \t]*)"


# "Area of significant weakness | Sufficient progress (made)?": the head of a Yes/No table.
_YES_NO_HEAD = re.compile(
    # (cells are bounded, so that a long line without cells fails at once)
    r"^[ \t|]*(?P<t>[^\t\n|]{0,120}\bweakness(?:es)?\b[^\t\n|]{0,120}?)"
    + _CELL_BREAK
    + r"(?P<v>[^\t\n|]{0,60}\b(?:progress|met|achieved|addressed)\b[^\t\n|]{0,60}?)[ \t|]*$",
    re.M | re.I,
)


# One row under it: the weakness, then Yes or No in the last cell.
_YES_NO_ROW = re.compile(
    r"^[ \t|]*(?P<t>[^\t\n|]{3,300}?)(?:"
    + _CELL_BREAK
    + r"|[ \t]+)(?P<v>yes|no|not\s+yet|partly|partially)\b[ \t.|]*$",
    re.M | re.I,
)


def _yes_no_rows(text: str) -> list[tuple[re.Match[str], bool]]:
    """Rows of weaknesses under a Yes/No head, with whether each made sufficient progress."""
    out: list[tuple[re.Match[str], bool]] = []
    for head in _YES_NO_HEAD.finditer(text):
        pos = head.end()
        for line in re.finditer(r"[^\n]*\n?", text[pos:]):
            body = line.group(0).rstrip("\n")
            if not body.strip() or re.fullmatch(r"[ \t|:-]+", body):
                # Blank lines between rows, and a text table's rule under its head.
                if not line.group(0):
                    break
                continue
            row = _YES_NO_ROW.match(text, pos + line.start(), pos + line.start() + len(body))
            if row is None:
                break
            out.append((row, row["v"].lower() == "yes"))
    return out


def read_verdict_table(page: Page) -> None:
    """A table of each weakness and whether the revisit found sufficient progress."""
    rows = [m for m in _VERDICT_ROW.finditer(page.text) if not _HEAD_CELL.match(m["t"])]
    yes_no = _yes_no_rows(page.text)
    if yes_no and len(yes_no) >= len(rows):
        _put_table(page, yes_no)
        return
    if not rows:
        return
    revisit = page.event("revisit", "revisit")
    if revisit.findings.get("weaknesses"):
        return
    sufficient = 0
    for m in rows:
        good = not re.match(r"not|in", m["v"], re.I)
        sufficient += good
        verdict = "sufficient" if good else "insufficient"
        revisit.add("weaknesses", Item(m["t"].strip(), m.span("t"), verdict, m.span("v")))
    # The table itself states how many there were and how many were met.
    span = (rows[0].start(), rows[-1].end())
    if revisit.get("weaknesses_total") is None:
        revisit.put("weaknesses_total", len(rows), span)
        revisit.put("weaknesses_sufficient", sufficient, span)


def _put_table(page: Page, rows: list[tuple[re.Match[str], bool]]) -> None:
    """The weaknesses of a Yes/No table, each with its verdict, and the counts it states."""
    revisit = page.event("revisit", "revisit")
    if revisit.findings.get("weaknesses"):
        return
    for m, good in rows:
        verdict = "sufficient" if good else "insufficient"
        revisit.add("weaknesses", Item(m["t"].strip(), m.span("t"), verdict, m.span("v")))
    span = (rows[0][0].start(), rows[-1][0].end())
    if revisit.get("weaknesses_total") is None:
        revisit.put("weaknesses_total", len(rows), span)
        revisit.put("weaknesses_sufficient", sum(good for _, good in rows), span)


def count_verdicts(page: Page) -> None:
    """The counts a page implies by its verdicts when it states no number: every weakness
    named with its verdict, some met and some not (or as many as the inspection found)."""
    key, _ = _followed_up(page)
    revisit = page.events.get(key)
    if revisit is None or revisit.get("weaknesses_total") is not None:
        return
    items = revisit.findings.get("weaknesses") or []
    verdicts = [i.verdict for i in items]
    if not items or None in verdicts:
        return
    good = verdicts.count("sufficient")
    inspection = page.events.get("earlier" if page.earlier else "inspection")
    found = inspection.get("weaknesses_total") if inspection is not None else None
    spans = [s for i in items for s in (i.span, i.verdict_span) if s is not None]
    span = (min(s[0] for s in spans), max(s[1] for s in spans))
    total_span = span
    if found == len(items) and inspection is not None:
        # The inspection's stated number, which the verdicts account for one by one.
        total_span = inspection.evidence["weaknesses_total"]
    elif found is not None or not 0 < good < len(items):
        # One verdict only: the page may name just the weaknesses it fell short on.
        return
    revisit.put("weaknesses_total", len(items), total_span)
    revisit.put("weaknesses_sufficient", good, span)


def _split_items(
    body: str, span: Span, want: int | None, both: bool = False
) -> list[tuple[str, Span]]:
    """'A and B' into two items when the page says 'both' or the counts ask for two."""
    if not want or want < 2:
        return [(body, span)]
    # "A, B and C": commas and the last "and"; "both A and B": the first "and" (B may
    # hold an "and" of its own, as in "education, health and care plans").
    commas = list(re.finditer(r",\s*(?:and\s+)?", body))
    ands = list(re.finditer(r"\s+and\s+", body))
    if both:
        cuts = ands[:1]
    else:
        cuts = list(commas)
        if ands and (not commas or ands[-1].start() >= commas[-1].end()):
            cuts.append(ands[-1])
    if len(cuts) + 1 != want:
        return [(body, span)]
    out, pos = [], 0
    for m in [*cuts, None]:
        end = m.start() if m else len(body)
        out.append((body[pos:end], (span[0] + pos, span[0] + end)))
        pos = m.end() if m else end
    return out


def _sentence_span(page: Page, pos: int) -> Span:
    return page.sentence_of(pos)
