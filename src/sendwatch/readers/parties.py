"""The parties a document names: the local area partnership's bodies and the inspection team.

Two forms carry them:

- 2023-framework reports (full and monitoring) end with "Local area partnership details",
  a two-column block (local authority | integrated care board(s)) whose cells interleave
  line by line when the PDF is read as text, and "Inspection team", two columns (Ofsted |
  CQC) of "Name, role" entries.
- 2016-framework letters name the local authority in the address block, the clinical
  commissioning group(s) where the letter names them (address block, the "jointly
  responsible" sentence, the cc list), and the inspectors in the signature and the
  signatories' block.

Only what the document states is read, each party with the span that names it; a cell
that cannot be told apart from its neighbour is left out rather than guessed.
"""

from __future__ import annotations

import re

from sendwatch.extraction import Party, Span

# Parts of names ---------------------------------------------------------------------

_WORD = r"[A-Z][\w'’.\-]*"
#: A word of a person's name (not a role's initials that may follow it: "Jo Bloggs HMI").
_NAME_WORD = r"(?!(?:HMI|CQC|Ofsted)\b)" + _WORD
#: A person's name: an optional title, then two to four capitalised words.
_PERSON = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+)?" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r"){1,3}"
)

# 2023 reports -----------------------------------------------------------------------

_DETAILS_RX = re.compile(r"^[ \t]*Local\s+area\s+partnership\s+details[ \t]*$", re.I | re.M)
_TEAM_RX = re.compile(r"^[ \t]*Inspection\s+team[ \t]*$", re.I | re.M)
#: The details' column heads: "Local Authority Integrated Care Board(s)".
_DETAILS_HEAD_RX = re.compile(r"^[ \t]*Local\s+authorit(?:y|ies)\b[^\n]*$", re.I)
#: Labelled cells: "Name of authority:", "Name of ICB:", "Name of lead person:" ...
_LABEL_RX = re.compile(r"^[ \t]*Name\s+of\s+(?P<what>[^:\n]{1,40}):[ \t]*", re.I | re.M)
#: Where the bodies' names end: a leader, a web address, an address label.
_NAMES_END_RX = re.compile(r"(?:www\.|https?://|\.uk\b|Website:|Address:)", re.I)
_ICB_WORDS_RX = re.compile(r"\b(?:ICBs?|Integrated\s+Care|NHS)\b")
#: The names of two boards are joined by "and", "," or ";".
_ICB_SPLIT_RX = re.compile(r"(?:(?<=\bICB)|(?<=Board))[ \t]*(?:;|,|\band\b)[ \t]*", re.I)
#: A name cell goes on into the next line when it ends on a joining word or before "Board".
_OPEN_END_RX = re.compile(r"(?:\b(?:and|of|the|upon|on|NHS|Integrated|Care)|[,&\-])$", re.I)
_CONTINUES_RX = re.compile(r"^(?:Integrated\s+Care\s+Boards?|Care\s+Boards?|Boards?|ICBs?)\b")

#: An inspector's role: Ofsted/CQC/HMI with the words that qualify it.
_ROLE_WORD = (
    r"(?:Ofsted|CQC|HMI|[Ll]ead|[Ii]nspector|[Ss]ocial[ \t]+[Cc]are|\([Ss]ocial[ \t]+[Cc]are\)"
    r"|Children['’]s[ \t]+[Ss]ervices)"
)
#: A role opens with the inspectorate, "HMI", or the kind of inspector.
_ROLE_START = (
    r"(?:(?:Senior[ \t]+)?HMI|Ofsted|CQC"
    r"|(?:[Ll]ead[ \t]+)?(?:Children['’]s[ \t]+[Ss]ervices[ \t]+)?[Ii]nspector)"
)
_ROLE = _ROLE_START + r"(?:(?:,[ \t]*|[ \t]+|[ \t]*\n[ \t]*(?=[a-z]))" + _ROLE_WORD + r")*"
#: "Name, Ofsted Lead inspector", "Name, HMI, Ofsted inspector", "Name HMI, Ofsted ...".
_ENTRY_RX = re.compile(
    r"(?P<name>" + _PERSON + r")(?:[ \t]+(?=HMI\b)|[ \t]*,[ \t]*)(?P<role>" + _ROLE + r")"
)


def report_parties(text: str, area: str | None = None) -> list[Party]:
    """The bodies of "Local area partnership details" and the "Inspection team" of a
    2023-framework report (full or monitoring). ``area`` is the area the report's title
    names, used to tell the local authority's cell from the board's on a shared line."""
    parties: list[Party] = []
    # The two sections close the report: look for them from its last part only.
    details = _last(_DETAILS_RX, text)
    if details is not None:
        parties.extend(_bodies(text, details.end(), area))
    team = _last(_TEAM_RX, text)
    if team is not None:
        parties.extend(_team(text, team.end()))
    return parties


def _last(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for m in rx.finditer(text, max(0, len(text) - 20000)):
        found = m
    return found


def _lines(text: str, start: int, limit: int) -> list[Span]:
    """The non-blank lines of text[start:start+limit], as spans without their indent."""
    out = []
    for m in re.finditer(r"[^\n]+", text[: min(len(text), start + limit)]):
        if m.start() < start:
            continue
        lo, hi = m.span()
        while lo < hi and text[lo] in " \t":
            lo += 1
        while hi > lo and text[hi - 1] in " \t":
            hi -= 1
        if lo < hi:
            out.append((lo, hi))
    return out


def _bodies(text: str, start: int, area: str | None) -> list[Party]:
    lines = _lines(text, start, 1500)
    if lines and _DETAILS_HEAD_RX.match(text[lines[0][0] : lines[0][1]]):
        lines = lines[1:]
    if not lines:
        return []
    if _LABEL_RX.match(text, lines[0][0]):
        return _labelled_bodies(text, lines)
    la: list[Span] = []
    icb: list[Span] = []
    first = lines[0]
    cut = _split(text[first[0] : first[1]], area)
    if cut is None:
        board = _ICB_WORDS_RX.search(text, *first)
        if board is None:
            la.append(first)
        elif board.start() == first[0]:
            icb.append(first)
        else:
            return []  # both names on one line, and no telling where one ends
    else:
        left, right = _strip(text, first[0], first[0] + cut), _strip(text, first[0] + cut, first[1])
        if left[0] < left[1]:
            la.append(left)
        if right[0] < right[1]:
            icb.append(right)
    for line in lines[1:6]:
        words = text[line[0] : line[1]]
        if _NAMES_END_RX.search(words):
            break
        if la and not icb and _open(text, la[-1]) and not _ICB_WORDS_RX.search(words):
            la.append(line)
        elif _continues_board(text, icb, words) or (la and not icb and _ICB_WORDS_RX.search(words)):
            icb.append(line)
        else:
            break
    parties = []
    if la:
        parties.append(_party("local_authority", text, (la[0][0], la[-1][1])))
    if icb:
        whole = (icb[0][0], icb[-1][1])
        for piece in _pieces(text, whole, _ICB_SPLIT_RX):
            parties.append(_party("integrated_care_board", text, piece))
    return parties


def _continues_board(text: str, icb: list[Span], words: str) -> bool:
    """Whether a line goes on with the board's name (its cell wrapped)."""
    return bool(icb) and (_open(text, icb[-1]) or bool(_CONTINUES_RX.match(words)))


def _split(line: str, area: str | None) -> int | None:
    """Where the local authority's cell ends on a line that holds both names, if it can be
    told: after "Council", before "NHS", or after the area's own name."""
    m = re.search(r"\bCouncil\b", line)
    if m and line[m.end() :].strip():
        return m.end()
    m = re.search(r"(?<=\S)[ \t]+NHS\b", line)
    if m:
        return m.start()
    if area:
        m = re.search(r"\b" + r"\s+".join(map(re.escape, area.split())) + r"\b", line, re.I)
        if m and line[m.end() :].strip() and _ICB_WORDS_RX.search(line, m.end()):
            return m.end()
    return None


def _labelled_bodies(text: str, lines: list[Span]) -> list[Party]:
    """The labelled form: "Name of authority:" and "Name of ICB:", each cell running to the
    next label."""
    lo, hi = lines[0][0], lines[-1][1]
    labels = list(_LABEL_RX.finditer(text, lo, hi))
    parties = []
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else hi
        end = _NAMES_END_RX.search(text, m.end(), stop)
        cell = _strip(text, m.end(), end.start() if end else stop)
        if cell[0] >= cell[1]:
            continue
        what = m["what"].lower()
        if "authority" in what or "council" in what:
            parties.append(_party("local_authority", text, cell))
        elif re.search(r"\bicbs?\b|integrated\s+care", what) and "lead" not in what:
            for piece in _pieces(text, cell, _ICB_SPLIT_RX):
                parties.append(_party("integrated_care_board", text, piece))
    return parties


def _team(text: str, start: int) -> list[Party]:
    """Each "Name, role" entry of the inspection team, to the first line that holds none."""
    lines = _lines(text, start, 2000)
    if not lines:
        return []
    window = (lines[0][0], lines[-1][1])
    entries = list(_ENTRY_RX.finditer(text, *window))
    parties: list[Party] = []
    covered = 0
    for line in lines:
        if line[1] <= covered:
            continue  # the wrapped end of an entry's role
        inside = [m for m in entries if line[0] <= m.start() < line[1]]
        if not inside:
            if parties:
                break
            continue  # the column heads ("Ofsted Care Quality Commission")
        for m in inside:
            parties.append(
                Party("inspector", _clean(m["name"]), m.span(), _clean(m["role"]) or None)
            )
            covered = max(covered, m.end())
    return parties


# 2016 letters -----------------------------------------------------------------------

_DEAR_RX = re.compile(r"^[ \t]*Dear\b", re.M)
_SINCERELY_RX = re.compile(r"^[ \t]*Yours\s+(?:sincerely|faithfully)", re.I | re.M)
_CC_RX = re.compile(r"^[ \t]*cc\s*:", re.I | re.M)
_JOINTLY_RX = re.compile(r"jointly\s+responsible", re.I)
_NAME_CHAIN = _WORD + r"(?:[ \t]+(?:(?:and|of|upon|on|in)[ \t]+)?" + _WORD + r")*"
#: "NHS Stockport Clinical Commissioning Group", "NHS Bury CCG".
_CCG_RX = re.compile(
    r"(?P<name>" + _NAME_CHAIN + r"[ \t]+(?:Clinical[ \t]+Commissioning[ \t]+Groups?|CCGs?))\b"
)
#: A council named in full on a line of its own (the address block).
_LA_LINE_RX = re.compile(
    r"^[ \t]*(?P<name>" + _NAME_CHAIN + r"[ \t]+Council|(?:The[ \t]+)?(?:Royal[ \t]+|London"
    r"[ \t]+)?Borough[ \t]+of[ \t]+" + _NAME_CHAIN + r")[ \t]*,?[ \t]*$",
    re.M,
)
#: A council named in a sentence ("Stockport Metropolitan Borough Council and ...").
_LA_INLINE_RX = re.compile(r"(?P<name>" + _NAME_CHAIN + r"[ \t]+Council)\b")
#: The signature's role line, and the signatories' "<names> <role>" cells.
_SIGNED_ROLE_RX = re.compile(
    r"^[ \t]*(?P<role>(?:Her|His)\s+Majesty['’]s\s+Inspector|HMI(?:[ \t]+Lead[ \t]+Inspector)?"
    r"|Lead[ \t]+Inspector)[ \t]*$"
)
_SIGNATORY_RX = re.compile(
    r"(?P<names>(?:" + _WORD + r"[ \t]+){2,8}?)"
    r"(?P<role>HMI[ \t]+Lead[ \t]+Inspector|CQC[ \t]+(?:Lead[ \t]+)?Inspectors?"
    r"|CQC[ \t]+Children['’]s[ \t]+Services[ \t]+Inspectors?)\b"
)


def letter_parties(text: str) -> list[Party]:
    """The bodies and inspectors a 2016-framework letter (inspection or revisit) names."""
    parties: list[Party] = []
    dear = _DEAR_RX.search(text, 0, min(len(text), 4000))
    if dear:
        head = max(0, dear.start() - 1500)
        for m in _LA_LINE_RX.finditer(text, head, dear.start()):
            parties.append(_party("local_authority", text, m.span("name")))
        for m in _CCG_RX.finditer(text, head, dear.start()):
            parties.append(_named("clinical_commissioning_group", text, m.span("name")))
    for jointly in _JOINTLY_RX.finditer(text):
        lo, hi = _sentence(text, jointly.start())
        for m in _LA_INLINE_RX.finditer(text, lo, hi):
            parties.append(_named("local_authority", text, m.span("name")))
        for m in _CCG_RX.finditer(text, lo, hi):
            parties.append(_named("clinical_commissioning_group", text, m.span("name")))
    signed = _SINCERELY_RX.search(text)
    if signed:
        cc = _CC_RX.search(text, signed.end())
        end = cc.start() if cc else min(len(text), signed.end() + 1500)
        parties.extend(_signatories(text, signed.end(), end))
        parties.extend(_signature(text, signed.end()))
        if cc:
            for m in _CCG_RX.finditer(text, cc.end(), min(len(text), cc.end() + 600)):
                parties.append(_named("clinical_commissioning_group", text, m.span("name")))
    return _unique(parties)


def _signature(text: str, start: int) -> list[Party]:
    """The lead inspector who signs: the name line after "Yours sincerely" and, on the
    next line, the role ("Her Majesty's Inspector", "HMI")."""
    lines = _lines(text, start, 300)[:2]
    if len(lines) < 2:
        return []
    name, role = lines
    signed = re.fullmatch(r"(?P<person>" + _PERSON + r")(?:[ \t]+HMI)?", text[name[0] : name[1]])
    m = _SIGNED_ROLE_RX.match(text[role[0] : role[1]])
    if not signed or not m:
        return []
    return [Party("inspector", _clean(signed["person"]), (name[0], role[1]), m["role"])]


def _signatories(text: str, start: int, end: int) -> list[Party]:
    """Inspectors in the signatories' block: "<name> HMI Lead Inspector", "<name> <name>
    CQC Inspectors". Several names before one role are split only where it is certain:
    at "and" or commas, or four words that can only be two names."""
    parties = []
    for line in _lines(text, start, end - start):
        for cell in re.finditer(r"[^\t]+", text[line[0] : line[1]]):
            lo = line[0] + cell.start()
            for m in _SIGNATORY_RX.finditer(text, lo, line[0] + cell.end()):
                role = _clean(m["role"])
                spans = _names(text, m.span("names"), plural=role.endswith("s"))
                if len(spans) == 1:
                    # One name: its role is stated with it, and is part of the evidence.
                    spans = [(spans[0][0], m.end("role"))]
                for span in spans:
                    name = _clean(text[span[0] : span[1]]).removesuffix(role).strip()
                    # "CQC Inspectors" after two names is each one's role, in the singular.
                    parties.append(Party("inspector", name, span, role.removesuffix("s")))
    return parties


def _names(text: str, span: Span, plural: bool) -> list[Span]:
    pieces = _pieces(text, _strip(text, *span), re.compile(r"[ \t]*(?:,|\band\b)[ \t]*"))
    if len(pieces) > 1:
        return pieces
    words = list(re.finditer(r"\S+", text[span[0] : span[1]]))
    if not plural and 2 <= len(words) <= 4:
        return [_strip(text, *span)]
    if plural and len(words) == 4:
        return [
            (span[0] + words[0].start(), span[0] + words[1].end()),
            (span[0] + words[2].start(), span[0] + words[3].end()),
        ]
    return []


def _sentence(text: str, at: int) -> Span:
    lo = max(text.rfind(". ", 0, at), text.rfind("\n\n", 0, at), at - 600, 0)
    hi = text.find(".", at)
    return lo, (hi if hi != -1 else len(text))


# Helpers ----------------------------------------------------------------------------


def _clean(words: str) -> str:
    return " ".join(words.split())


def _strip(text: str, lo: int, hi: int) -> Span:
    while lo < hi and (text[lo].isspace() or text[lo] in ",;"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;"):
        hi -= 1
    return lo, hi


def _open(text: str, span: Span) -> bool:
    return bool(_OPEN_END_RX.search(text[span[0] : span[1]]))


def _pieces(text: str, span: Span, rx: re.Pattern[str]) -> list[Span]:
    """``span`` cut at each match of ``rx``, without empty pieces."""
    out = []
    lo = span[0]
    for m in rx.finditer(text, *span):
        out.append(_strip(text, lo, m.start()))
        lo = m.end()
    out.append(_strip(text, lo, span[1]))
    return [p for p in out if p[0] < p[1]]


def _party(kind: str, text: str, span: Span) -> Party:
    return Party(kind, _clean(text[span[0] : span[1]]), span)


#: Where a chain of capitalised words names two bodies ("Bury Council and NHS Bury CCG"),
#: the second starts after the first's last word, or at "NHS".
_JOIN_RX = re.compile(r"\b(?:Council|CCGs?|Groups?|Ofsted|CQC|HMCI)[ \t]+(?:and|in|of)[ \t]+")


def _named(kind: str, text: str, span: Span) -> Party:
    """A body named in running text: the last of the bodies a chain of names may hold."""
    lo, hi = span
    for m in _JOIN_RX.finditer(text, lo, hi):
        lo = m.end()
    nhs = re.search(r"\bNHS\b", text[lo:hi])
    if kind == "clinical_commissioning_group" and nhs:
        lo += nhs.start()
    return _party(kind, text, (lo, hi))


def _unique(parties: list[Party]) -> list[Party]:
    """One party per kind and name, the first found."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in parties:
        key = (p.kind, p.name.lower())
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
