"""What a finding is about: the theme taxonomy and the cue words that assign themes.

The taxonomy (docs/themes.md gives each theme's definition and examples) covers the 2016
framework's significant weaknesses and the 2023 framework's areas for priority action and
for improvement, and reads as well on strengths and concerns. A finding gets every theme
whose cue words it contains; each theme comes with the words that decided it, so a reader
can see why — and see when it is wrong.

Cues are regular expressions in ``data/theme_cues.tsv`` (one theme, kind and cue a line),
not code paths. A strong cue gives its theme wherever it stands; a weak one only where the
finding leads with it (:func:`classify`). The table's rows with theme ``-`` say where a
mention is only in passing. The choice of cue lists over a trained model was made by
measurement: see docs/decisions/0015-themes.md and tests/test_themes.py.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    definition: str


#: The taxonomy, in the order pages list it. Definitions are short; docs/themes.md is fuller.
THEMES: tuple[Theme, ...] = (
    Theme(
        "ehc_timeliness",
        "EHC plan timeliness",
        "Needs assessments, new plans, annual reviews and amendments done within the time "
        "the law allows.",
    ),
    Theme(
        "ehc_quality",
        "EHC plan quality",
        "Whether plans describe needs and provision precisely, with outcomes that can be "
        "measured, contributions from every service, and are kept up to date.",
    ),
    Theme(
        "coproduction",
        "Co-production and communication with families",
        "Working with parents, carers, children and young people as partners: their voice, "
        "trust, information about their own case, complaints.",
    ),
    Theme(
        "joint_commissioning",
        "Joint commissioning and sufficiency",
        "Education, health and care commissioning services together from a shared view of "
        "need, and enough local specialist places.",
    ),
    Theme(
        "leadership",
        "Leadership, strategy and shared accountability",
        "A shared strategy, governance, partners holding each other to account, and "
        "leaders' grip on the area's weaknesses.",
    ),
    Theme(
        "local_offer",
        "The local offer and information",
        "The published local offer and information, advice and support services: what "
        "families can find out about help that exists.",
    ),
    Theme(
        "health_waits",
        "Health services and waiting times",
        "Therapies, mental health, community paediatrics and other health services: access, "
        "waits and health's contribution.",
    ),
    Theme(
        "neurodevelopmental",
        "Neurodevelopmental pathways",
        "Assessment, diagnosis and support for autism, ADHD and other neurodevelopmental needs.",
    ),
    Theme(
        "identification",
        "Identification and SEN support",
        "Identifying needs early and accurately, and meeting needs without a plan: SEN "
        "support, the graduated approach, training and outreach for schools and settings.",
    ),
    Theme(
        "preparation_for_adulthood",
        "Preparation for adulthood",
        "Further education, employment, independent living, and moving from children's "
        "to adult services.",
    ),
    Theme(
        "inclusion",
        "Inclusion, attendance, exclusions and alternative provision",
        "Whether children with SEND are in school and learning: exclusions, absence, "
        "part-time timetables, alternative provision, achievement.",
    ),
    Theme(
        "social_care",
        "Social care",
        "Children's social care for disabled children: assessments, short breaks, early "
        "help, children in care, personal budgets.",
    ),
    Theme(
        "quality_assurance_data",
        "Quality assurance and use of data",
        "Knowing what works: data, performance monitoring, quality assurance, evaluating "
        "impact and sharing information between services.",
    ),
    Theme(
        "complex_needs",
        "Complex needs, learning disability and crisis support",
        "Children with the most complex needs, learning disability or at risk: the dynamic "
        "support register, avoiding hospital admission, safeguarding, youth justice, "
        "residential placements.",
    ),
    Theme(
        "community",
        "Leisure, social opportunities and transport",
        "Clubs, activities and social life outside school, and home-to-school transport.",
    ),
    Theme(
        "transitions",
        "Transitions between settings and phases",
        "Moves between early years, primary and secondary school, between schools and "
        "into the area, and the sharing of plans when children move.",
    ),
)
THEME_BY_CODE = {t.code: t for t in THEMES}


@dataclass(frozen=True)
class Cue:
    theme: str
    pattern: re.Pattern[str]
    #: A strong cue gives its theme wherever it stands; a weak one (a word also used in
    #: passing: "strategy", "transition", "complex needs") only where the finding leads
    #: with it — see :func:`classify`.
    strong: bool = True


@dataclass(frozen=True)
class ThemeMatch:
    """One theme of a text, with the words that decided it (spans into the text)."""

    theme: str
    words: tuple[tuple[int, int, str], ...]

    @property
    def label(self) -> str:
        return THEME_BY_CODE[self.theme].label

    def to_json(self) -> dict[str, object]:
        return {
            "theme": self.theme,
            "label": self.label,
            "words": [{"start": s, "end": e, "text": w} for s, e, w in self.words],
        }


@cache
def cues() -> tuple[Cue, ...]:
    """The cue table shipped with sendwatch (``sendwatch/data/theme_cues.tsv``)."""
    out = []
    for row in _table():
        if row["theme"] == "-":
            continue
        if row["theme"] not in THEME_BY_CODE:
            raise ValueError(f"theme_cues.tsv names an unknown theme {row['theme']!r}")
        if row["kind"] not in ("strong", "weak"):
            raise ValueError(f"theme_cues.tsv: a cue is strong or weak, not {row['kind']!r}")
        out.append(Cue(row["theme"], re.compile(row["cue"], re.I), row["kind"] == "strong"))
    return tuple(out)


@cache
def contexts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Where a weak cue is only a passing mention: the table's rows with theme ``-``.

    ``aside``: a subordinate phrase ("including at transition points", "such as ...",
    "so that ..."), from its first word to the end of its clause. ``aware``: a sentence
    about who knows of the problem ("Leaders are aware of this and ..."), not the problem.
    """
    out = []
    for row in _table():
        if row["theme"] != "-":
            continue
        if row["kind"] not in ("aside", "aware"):
            raise ValueError(f"theme_cues.tsv: a context is aside or aware, not {row['kind']!r}")
        out.append((row["kind"], re.compile(row["cue"])))
    return tuple(out)


@cache
def _table() -> tuple[dict[str, str], ...]:
    text = resources.files("sendwatch.data").joinpath("theme_cues.tsv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _normal(text: str) -> str:
    """Curly quotes and dashes as plain ones, keeping every offset."""
    return text.translate(str.maketrans("’‘‐‑–", "''---"))


@cache
def _theme_patterns(flags: int = 0) -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """Each theme's strong and weak cues as two alternations: two scans per theme, not one
    per cue.

    Where two cues overlap, the words shown are the first one's. Cues are written in lower
    case and matched against the lower-cased text (twice as fast as matching with
    IGNORECASE).
    """
    by_theme: dict[tuple[str, bool], list[str]] = {}
    for cue in cues():
        by_theme.setdefault((cue.theme, cue.strong), []).append(f"(?:{cue.pattern.pattern})")
    return tuple(
        (t.code, strong, re.compile("|".join(by_theme[t.code, strong]), flags))
        for t in THEMES
        for strong in (True, False)
        if (t.code, strong) in by_theme
    )


#: Where one sentence ends and the next begins (full stop, then a capital or an opening
#: quote); abbreviations inside a finding are rare enough not to matter.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'\"(])")


def _passing(plain: str, lower: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Where each sentence ends, and the spans where a mention is only in passing.

    Sentences are found in ``plain`` (their capitals), contexts in ``lower``.
    """
    breaks = list(_SENTENCE_END.finditer(plain))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(plain)]
    spans = []
    for kind, pattern in contexts():
        if kind == "aside":
            spans += [(m.start(), m.end()) for m in pattern.finditer(lower)]
        else:
            for start, end in zip(starts, ends, strict=True):
                if pattern.match(lower, start, end):
                    spans.append((start, end))
    return ends, spans


def classify(text: str) -> list[ThemeMatch]:
    """Every theme ``text`` is about, in taxonomy order, with the words that decided it.

    A strong cue gives its theme wherever it stands. A weak cue — a word that long
    findings also use in passing — counts only outside a subordinate aside ("...,
    including at transition points") and outside a sentence about who knows of the
    problem ("Leaders are aware of this and ..."), and then only in the finding's first
    sentence, or where the theme's weak cues come again in a second sentence. A finding of
    one sentence leads with everything it says, so only asides change it.
    """
    return list(_classify(text))


@lru_cache(maxsize=50_000)
def _classify(text: str) -> tuple[ThemeMatch, ...]:
    # Cached by text: the site themes the whole record again whenever the store changes,
    # and almost every finding is one it has seen before.
    plain = _normal(text)
    lower = plain.lower()
    # A few characters change length when lower-cased; offsets must stay the text's.
    patterns = _theme_patterns() if len(lower) == len(plain) else _theme_patterns(re.I)
    if len(lower) != len(plain):
        lower = plain
    ends, passing = _passing(plain, lower)

    def sentence(start: int) -> int:
        return next(i for i, end in enumerate(ends) if start < end)

    def aside(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in passing)

    found: list[tuple[str, bool, int, int]] = [
        (code, strong, m.start(), m.end())
        for code, strong, pattern in patterns
        for m in pattern.finditer(lower)
        if m.end() > m.start()
    ]
    mentioned: dict[str, set[int]] = {}
    for code, strong, a, b in found:
        if not strong and not aside(a, b):
            mentioned.setdefault(code, set()).add(sentence(a))

    def counts(code: str, strong: bool, start: int, end: int) -> bool:
        if strong:
            return True
        if aside(start, end):
            return False
        # In the lead sentence, or said again in another sentence: more than in passing.
        return sentence(start) == 0 or len(mentioned[code]) >= 2

    words: dict[str, list[tuple[int, int, str]]] = {t.code: [] for t in THEMES}
    for code, strong, a, b in found:
        # Strong cues are scanned first: a weak one inside the same words adds nothing.
        if counts(code, strong, a, b) and not any(x < b and a < y for x, y, _ in words[code]):
            words[code].append((a, b, text[a:b]))
    return tuple(ThemeMatch(code, tuple(sorted(w))) for code, w in words.items() if w)


def theme_codes(text: str) -> list[str]:
    """The codes of ``text``'s themes."""
    return [m.theme for m in classify(text)]
