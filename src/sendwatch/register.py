"""The register of England's local areas, and turning the names documents use into one of them.

The register is the project's copy of ``local_areas.csv`` (Ofsted and ONS codes as
collected by data-to-insight's public lookup, with reorganisations from official
notices; see ``data/README.md``). Documents name an area in many ways: "Stockport
Metropolitan Borough Council", "London Borough of Enfield", "Brighton and Hove Local
Area Partnership", "Kingston Upon Hull, City of", "County Durham". :func:`resolve`
turns each of those into the canonical name, and an unknown name into an error that
suggests the nearest areas.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class LocalArea:
    """One local area: a local authority's footprint and the partnership that serves it."""

    name: str
    slug: str
    gss_code: str
    previous_gss_codes: tuple[str, ...]
    ofsted_urn: str
    dfe_la_code: str
    region: str
    la_type: str
    aliases: tuple[str, ...]
    active_from: str | None
    active_to: str | None
    successors: tuple[str, ...]

    @property
    def current(self) -> bool:
        return self.active_to is None

    def existed_on(self, day: date) -> bool:
        """Whether the area existed on ``day`` (formed by then, not yet abolished)."""
        iso = day.isoformat()
        return (self.active_from is None or self.active_from <= iso) and (
            self.active_to is None or iso <= self.active_to
        )


class UnknownAreaError(LookupError):
    """A name that matches no local area in the register."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"No local area is called {name!r}.{hint} "
            "Run `sendwatch areas` to list every area by its canonical name."
        )


def slugify(name: str) -> str:
    """'Kingston upon Hull' -> 'kingston-upon-hull'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def fold(text: str) -> str:
    """Lower case, accents removed, '&' read as 'and', punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


# Words that councils and partnerships put around an area's name. Order matters: the
# longer phrases are removed before their parts.
_AFFIXES = [
    r"^the ",
    r"^london borough of ",
    r"^royal borough of ",
    r"^city of ",
    r"^county of ",
    r"^council of the ",
    r" local area partnership$",
    r" local area$",
    r" metropolitan borough council$",
    r" borough council$",
    r" city council$",
    r" county council$",
    r" district council$",
    r" council$",
    r" city of$",
    r" metropolitan borough$",
    r" borough$",
    r" county$",
    r" city$",
    r" area$",
]


def _strip_affixes(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for pattern in _AFFIXES:
            new = re.sub(pattern, "", key).strip()
            if new != key and new:
                key, changed = new, True
    return key


@dataclass(frozen=True)
class Register:
    areas: tuple[LocalArea, ...]

    @property
    def current(self) -> list[LocalArea]:
        return [a for a in self.areas if a.current]

    def on(self, day: date) -> list[LocalArea]:
        """The areas that existed on ``day``: Cumbria before 1 April 2023, Cumberland and
        Westmorland and Furness from then."""
        return [a for a in self.areas if a.existed_on(day)]

    def by_name(self, name: str) -> LocalArea:
        """The area with this canonical name (exact)."""
        for a in self.areas:
            if a.name == name:
                return a
        raise UnknownAreaError(name, self.suggest(name))

    def by_slug(self, slug: str) -> LocalArea | None:
        return self._slugs().get(slug)

    @cache  # noqa: B019 - the register is immutable and lives for the process
    def _slugs(self) -> dict[str, LocalArea]:
        return {a.slug: a for a in self.areas}

    @cache  # noqa: B019
    def _keys(self) -> dict[str, LocalArea]:
        keys: dict[str, LocalArea] = {}
        for a in self.areas:
            names = [a.name, *a.aliases]
            for n in names:
                keys.setdefault(fold(n), a)
                keys.setdefault(_strip_affixes(fold(n)), a)
            keys.setdefault(a.gss_code.lower(), a)
            for code in a.previous_gss_codes:
                keys.setdefault(code.lower(), a)
            keys.setdefault(a.slug.replace("-", " "), a)
            if a.ofsted_urn:
                keys.setdefault(f"urn {a.ofsted_urn}", a)
            if a.dfe_la_code:
                keys.setdefault(a.dfe_la_code, a)
        return keys

    def find(self, name: str) -> LocalArea | None:
        """The area a name, alias, code or council name refers to, or None."""
        key = fold(name)
        if not key:
            return None
        keys = self._keys()
        if key in keys:
            return keys[key]
        stripped = _strip_affixes(key)
        if stripped in keys:
            return keys[stripped]
        # "Kingston Upon Hull, City of" and other inverted forms.
        if "," in name:
            head, _, tail = name.partition(",")
            inverted = fold(f"{tail} {head}")
            for k in (inverted, _strip_affixes(inverted), fold(head)):
                if k in keys:
                    return keys[k]
        return None

    def resolve(self, name: str) -> LocalArea:
        """Like :meth:`find`, but an unknown name raises UnknownAreaError with suggestions."""
        area = self.find(name)
        if area is None:
            raise UnknownAreaError(name, self.suggest(name))
        return area

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The canonical names nearest to ``name``."""
        choices = {a.name: _strip_affixes(fold(a.name)) for a in self.areas}
        query = _strip_affixes(fold(name)) or fold(name)
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [key for _, _, key in found]

    def predecessors(self, area: LocalArea) -> list[LocalArea]:
        """Areas abolished into this one (Northamptonshire for West Northamptonshire)."""
        return [a for a in self.areas if area.name in a.successors]

    def successors(self, area: LocalArea) -> list[LocalArea]:
        return [self.by_name(n) for n in area.successors]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


@cache
def load_register() -> Register:
    """The register shipped with sendwatch (``sendwatch/data/local_areas.csv``)."""
    text = resources.files("sendwatch.data").joinpath("local_areas.csv").read_text("utf-8")
    areas = []
    for row in csv.DictReader(text.splitlines()):
        areas.append(
            LocalArea(
                name=row["name"],
                slug=slugify(row["name"]),
                gss_code=row["gss_code"],
                previous_gss_codes=_split(row["previous_gss_codes"]),
                ofsted_urn=row["ofsted_urn"],
                dfe_la_code=row["dfe_la_code"],
                region=row["region"],
                la_type=row["la_type"],
                aliases=_split(row["aliases"]),
                active_from=row["active_from"] or None,
                active_to=row["active_to"] or None,
                successors=_split(row["successors"]),
            )
        )
    return Register(tuple(areas))


def resolve(name: str) -> LocalArea:
    """Resolve a name as documents and people write it to a local area of the register."""
    return load_register().resolve(name)
