"""The layout of 2023-framework area SEND reports, read from their text: sections, bullets, tables.

A report's text (see :mod:`sendwatch.textclean`) keeps the PDF's line breaks: a bullet or
a paragraph is a run of wrapped lines, and the two-column table of areas for priority
action comes out one column block after the other, row by row. These helpers turn those
lines back into items, each with the span of the document's text that holds it. They know
nothing of any one area: only the shape of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sendwatch.extraction import Span
from sendwatch.textclean import BULLET_RX


@dataclass(frozen=True)
class Line:
    """One line of the document: its stripped words and where they are."""

    start: int
    end: int
    text: str


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-empty lines of text[start:end], stripped, with their offsets."""
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        s = start + m.start() + lead
        out.append(Line(s, s + len(stripped), stripped))
    return out


#: The running header of a report page, when it is left in the text (plain-text copies,
#: or a header that the PDF cleaning could not tell apart): "Area SEND inspection report:
#: <Area> Local Area Partnership, <dates> <page>", possibly with the dates on a line of
#: their own.
RUNNING_HEADER_RX = re.compile(
    r"^(?:Area SEND |Monitoring )?inspection report:.{0,120}Local Area Partnership\b.*$"
    r"|^\d{1,2}(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?\s+to\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+\d{1,3}$",
    re.I,
)


def is_running_header(line: Line) -> bool:
    """Whether a line is a report's running page header rather than its words."""
    return bool(RUNNING_HEADER_RX.match(line.text))


_SENTENCE_END = re.compile(r"[.!?][’'\")\]]*$")

#: Words that open a sentence carrying on the one before: a sentence that starts with one
#: does not start a new recommendation.
_CONTINUING = re.compile(
    r"(?:This|These|That|Those|They|Their|Them|It|Its|There|However|In addition|Also|"
    r"As a result|Consequently|For example|For instance|In particular|Further|Furthermore|"
    r"Additionally|Similarly|Such|Where|When|While|Although|Until)\b"
)


def ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text))


def starts_sentence(line: Line) -> bool:
    first = line.text[:1]
    return first.isupper() or first.isdigit()


def line_width(lines: list[Line]) -> int:
    """The number of characters a full line of the body holds (near the longest line).

    The longest lines can be two printed lines that the PDF text layer joined at a
    hyphen, so the width is taken just below the top of the distribution.
    """
    lengths = sorted(len(x.text) for x in lines)
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.99))]


def bullet_of(line: Line) -> str | None:
    m = BULLET_RX.match(line.text)
    return m.group(0).strip() if m else None


def without_bullet(line: Line) -> Line:
    """The line without its opening bullet mark or list number."""
    m = BULLET_RX.match(line.text)
    if not m:
        return line
    rest = line.text[m.end() :]
    lead = len(rest) - len(rest.lstrip())
    text = rest.strip()
    start = line.start + m.end() + lead
    return Line(start, start + len(text), text)


def join_words(lines: list[Line]) -> str:
    """The lines' words as one run of text (a word split with a hyphen at a line end rejoins)."""
    out = ""
    for line in lines:
        if not line.text:
            continue
        if out and re.search(r"[A-Za-z]-$", out) and line.text[:1].islower():
            out += line.text
        else:
            out = f"{out} {line.text}" if out else line.text
    return " ".join(out.split())


@dataclass
class Block:
    """An item of a list: one bullet, one paragraph, or one row of a table."""

    lines: list[Line]
    #: Starts of lines that open with what looks like a list number but is a wrapped
    #: word of the text ("aged over" / "16."): their words are kept whole.
    plain: frozenset[int] = frozenset()

    @property
    def span(self) -> Span:
        return (self.lines[0].start, self.lines[-1].end)

    @property
    def text(self) -> str:
        return join_words([x if x.start in self.plain else without_bullet(x) for x in self.lines])


def paragraph_break(prev: Line, line: Line, width: int) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev``, in text that has no blank lines.

    A paragraph ends with a sentence. A line that starts a sentence after one that ends a
    sentence opens a new paragraph when the line before clearly had room for its first
    word (so the break was not a wrap), or when the sentence does not read as carrying on
    the one before ("This ...", "They ...").
    """
    if not (ends_sentence(prev) and starts_sentence(line)):
        return False
    first = line.text.split()[0]
    if len(prev.text) + 1 + len(first) <= 0.85 * width:
        return True
    return not _CONTINUING.match(line.text)


def _wrapped_number(mark: str, prev: Line | None, number: int) -> bool:
    """Whether a line's opening "16." is a number wrapped from the line before ("aged over"
    / "16."), not a list number: it carries on a sentence and is not the next number of
    the list."""
    if not mark[:1].isdigit() or prev is None:
        return False
    if ends_sentence(prev) or prev.text.endswith((":", ";")):
        return False
    return int(mark.rstrip(".)")) != number + 1


def list_items(lines: list[Line], width: int) -> list[Block]:
    """The items of a section: bullets, or paragraphs, with any sub-list kept in its item.

    A bullet opens an item, unless it follows a line ending in a colon (it opens a
    sub-list of the item) or carries on such a sub-list. Unbulleted text opens an item
    at a paragraph break (see :func:`paragraph_break`). Running page headers left in the
    text are skipped, so an item cut by a page break reads on.
    """
    items: list[Block] = []
    current: list[Line] = []
    plain: set[int] = set()
    sub_mark: str | None = None
    top_bulleted = False
    number = 0  # the last list number that opened an item
    for line in lines:
        if is_running_header(line):
            continue
        mark = bullet_of(line)
        prev = current[-1] if current else None
        if mark is not None and _wrapped_number(mark, prev, number):
            plain.add(line.start)
            mark = None
        elif mark is not None and not without_bullet(line).text:
            continue  # a bullet with no words
        if mark is not None and mark[:1].isdigit():
            number = int(mark.rstrip(".)"))
        if mark is not None:
            if prev is not None and prev.text.endswith(":"):
                sub_mark = mark
                current.append(line)
                continue
            if prev is not None and sub_mark == mark and not ends_sentence(prev):
                current.append(line)
                continue
            if current:
                items.append(Block(current, frozenset(plain)))
            current, sub_mark, top_bulleted = [line], None, True
            continue
        if prev is None:
            current, sub_mark, top_bulleted = [line], None, False
            continue
        if (sub_mark is not None or not top_bulleted) and paragraph_break(prev, line, width):
            items.append(Block(current, frozenset(plain)))
            current, sub_mark, top_bulleted = [line], None, False
            continue
        current.append(line)
    if current:
        items.append(Block(current, frozenset(plain)))
    return items


@dataclass
class Row:
    """A row of the table of areas for priority action: who is responsible, and the action."""

    body: list[Line]
    action: list[Line]

    @property
    def block(self) -> Block:
        return Block(self.action)


def _split_wide(line: Line, body_width: int, action_width: int) -> tuple[Line | None, Line]:
    """A line holding both columns, cut where the action column begins.

    The action starts with a capitalised word; the body column is filled as far as it
    goes, so the longest prefix that fits it is taken.
    """
    best = None
    for m in re.finditer(r" (?=[A-Z])", line.text):
        prefix, suffix = line.text[: m.start()], line.text[m.end() :]
        if len(prefix) <= body_width and len(suffix) <= action_width:
            best = m
    if best is None:
        return None, line
    body = Line(line.start, line.start + best.start(), line.text[: best.start()].rstrip())
    s = line.start + best.end()
    return body, Line(s, line.end, line.text[best.end() :])


def table_rows(lines: list[Line], width: int) -> list[Row]:
    """Rows of a two-column table of responsible body and area for priority action.

    The narrow left column (the responsible body) comes out as a run of short lines
    before the wide right column of its row. A new row starts where, after an action
    ends its sentence, a run of short unbulleted lines is followed by the opening line of
    the next action; or where one line holds both columns (it is wider than the action
    column can be).
    """
    lines = [x for x in lines if not is_running_header(x)]
    rows = _rows(lines, int(0.42 * width), int(0.7 * width))
    # A first reading finds the columns' real widths, which place the cut in a line that
    # holds both columns; the second reading uses them.
    whole = set(lines)  # lines not cut in two by the first reading
    body = [len(x.text) for r in rows for x in r.body if x in whole]
    action = [len(x.text) for r in rows for x in r.action if len(x.text) <= 0.7 * width]
    if body and action:
        rows = _rows(lines, max(body) + 2, max(action) + 2)
    return rows


def _rows(lines: list[Line], body_width: int, action_width: int) -> list[Row]:
    rows: list[Row] = []

    def short(x: Line) -> bool:
        return len(x.text) <= body_width and bullet_of(x) is None

    def opens_row(i: int) -> bool:
        j = i
        while j < len(lines) and short(lines[j]):
            j += 1
        if j == i or j >= len(lines):
            return False
        nxt = lines[j]
        return bullet_of(nxt) is None and starts_sentence(nxt)

    def opens_action(i: int) -> bool:
        # A short line that a wide lower-case line carries on is the action's first line
        # (its next word was too long for the line), not more of the narrow body column:
        # the body column's own lines are never followed by a line wider than the column
        # that continues their words.
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        return (
            nxt is not None
            and starts_sentence(lines[i])
            and not short(nxt)
            and nxt.text[:1].islower()
            and bullet_of(nxt) is None
        )

    mode = "body"
    for i, line in enumerate(lines):
        starting = not rows or (
            mode == "action" and ends_sentence(rows[-1].action[-1] if rows[-1].action else line)
        )
        if starting and len(line.text) > action_width and starts_sentence(line):
            body, action = _split_wide(line, body_width, action_width)
            rows.append(Row([body] if body else [], [action]))
            mode = "action"
            continue
        if starting and short(line) and (not rows or opens_row(i)):
            rows.append(Row([line], []))
            mode = "body"
            continue
        if not rows:
            rows.append(Row([], []))
        row = rows[-1]
        if mode == "body" and short(line) and not (row.body and opens_action(i)):
            row.body.append(line)
            continue
        if mode == "body" and len(line.text) > action_width:
            body, action = _split_wide(line, body_width, action_width)
            if body:
                row.body.append(body)
            row.action.append(action)
        else:
            row.action.append(line)
        mode = "action"
    return [r for r in rows if r.action]
