"""What a finding is about: the theme taxonomy and the cue words that assign themes.

The taxonomy (docs/themes.md gives each theme's definition and examples) covers the 2016
framework's significant weaknesses and the 2023 framework's areas for priority action and
for improvement, and reads as well on strengths and concerns. A finding gets every theme
whose cue words it contains; each theme comes with the words that decided it, so a reader
can see why — and see when it is wrong.

Cues are regular expressions in ``data/theme_cues.tsv`` (one theme and cue a line), not
code paths. The choice of cue lists over a trained model was made by measurement: see
docs/decisions/0015-themes.md and tests/test_themes.py.
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
    text = resources.files("sendwatch.data").joinpath("theme_cues.tsv").read_text("utf-8")
    out = []
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["theme"] not in THEME_BY_CODE:
            raise ValueError(f"theme_cues.tsv names an unknown theme {row['theme']!r}")
        out.append(Cue(row["theme"], re.compile(row["cue"], re.IGNORECASE)))
    return tuple(out)


def _normal(text: str) -> str:
    """Curly quotes and dashes as plain ones, keeping every offset."""
    return text.translate(str.maketrans("’‘‐‑–", "''---"))


@cache
def _theme_patterns(flags: int = 0) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each theme's cues as one alternation: one scan per theme, not one per cue.

    A theme is found exactly when one of its cues is; where two cues overlap, the words
    shown are the first one's. Cues are written in lower case and matched against the
    lower-cased text (twice as fast as matching with IGNORECASE).
    """
    by_theme: dict[str, list[str]] = {}
    for cue in cues():
        by_theme.setdefault(cue.theme, []).append(f"(?:{cue.pattern.pattern})")
    return tuple(
        (t.code, re.compile("|".join(by_theme[t.code]), flags))
        for t in THEMES
        if t.code in by_theme
    )


def classify(text: str) -> list[ThemeMatch]:
    """Every theme whose cues occur in ``text``, in taxonomy order, with their words."""
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
    out = []
    for code, pattern in patterns:
        words = tuple(
            (m.start(), m.end(), text[m.start() : m.end()])
            for m in pattern.finditer(lower)
            if m.end() > m.start()
        )
        if words:
            out.append(ThemeMatch(code, words))
    return tuple(out)


def theme_codes(text: str) -> list[str]:
    """The codes of ``text``'s themes."""
    return [m.theme for m in classify(text)]
