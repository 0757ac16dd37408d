"""Full-text search over findings: SQLite FTS5 by default, PostgreSQL full-text search there.

The index is ``findings_fts`` on SQLite (migration 0002) and a stored ``search_vector``
column with a GIN index on PostgreSQL (migration 0014). Both stem English words, so a
search for "autism assessment waiting times" finds "waits for autism assessments"; words
the stemmers leave apart but people use alike ("autistic" and "autism") are joined by
:data:`WORD_FAMILIES`. Every word must appear; a phrase in double quotes must appear as
written.

Work per search is bounded whatever the number of matches: hits are ranked among the first
:data:`RANK_WINDOW` matches (or as many as the page asked for needs), and the count stops
at :data:`COUNT_CAP` (``Results.capped`` says so).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text

from sendwatch.db import Store

#: The most hits one search returns at once.
MAX_LIMIT = 100
#: Matches ranked to choose a page of hits (more when the page asked for lies further).
RANK_WINDOW = 1000
#: Matches counted; beyond it a search says "more than".
COUNT_CAP = 1000

#: Words the English stemmers (Porter on SQLite, Snowball on PostgreSQL) do not bring to one
#: stem but a reader means alike: a search for any one finds all of them.
WORD_FAMILIES = [
    ("autism", "autistic"),
    ("child", "children"),
    ("person", "people"),
]
_FAMILY = {word: family for family in WORD_FAMILIES for word in family}

_TERMS = re.compile(r'"([^"]+)"|(\w+)')

_COLUMNS = """
    f.id, f.kind, f.text, f.verdict, f.span_start, f.span_end,
    e.kind, e.framework, COALESCE(e.visit_start, e.date, e.published), e.document_id,
    a.name, a.slug, d.source_name
"""
_JOINS = """
    JOIN events e ON e.id = f.event_id
    JOIN areas a ON a.id = e.area_id
    LEFT JOIN documents d ON d.id = e.document_id
"""


@dataclass(frozen=True)
class Hit:
    """One finding that matches a search, with where it comes from."""

    finding_id: int
    kind: str
    text: str
    verdict: str | None
    span_start: int | None
    span_end: int | None
    event_kind: str
    framework: str | None
    event_date: str | None
    document_id: int | None
    area: str
    slug: str
    document: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Results:
    """A page of hits and how many there are in all."""

    query: str
    total: int
    hits: list[Hit]
    limit: int
    offset: int
    #: True when there are more matches than ``total`` (the count stopped at COUNT_CAP).
    capped: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_capped": self.capped,
            "limit": self.limit,
            "offset": self.offset,
            "hits": [h.to_json() for h in self.hits],
        }


def terms(query: str) -> list[str]:
    """The words and quoted phrases of a query, in order ('"waiting times" autism')."""
    out = []
    for phrase, word in _TERMS.findall(query):
        words = re.findall(r"\w+", phrase) if phrase else [word]
        if words:
            out.append(" ".join(words))
    return out


def alternatives(term: str) -> tuple[str, ...]:
    """A term and the words of its family (a phrase stands alone)."""
    return _FAMILY.get(term.lower(), (term,))


def fts5_query(query: str) -> str:
    """A safe FTS5 MATCH expression: each term quoted, so no user text is FTS5 syntax;
    a word with a family matches any of it."""
    out = []
    for term in terms(query):
        quoted = ['"' + t.replace('"', "") + '"' for t in alternatives(term)]
        out.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(out)


def postgres_query(params: dict[str, Any], query: str) -> str:
    """A tsquery expression for every term (ANDed), each alternative a bound parameter read
    by websearch_to_tsquery (which accepts any text without error)."""
    parts = []
    for i, term in enumerate(terms(query)):
        options = []
        for j, word in enumerate(alternatives(term)):
            params[f"q{i}_{j}"] = f'"{word}"' if " " in word else word
            options.append(f"websearch_to_tsquery('english', :q{i}_{j})")
        parts.append("(" + " || ".join(options) + ")")
    return " && ".join(parts)


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> Results:
    """Findings matching every term of ``query``, best first (ranked among the first
    RANK_WINDOW matches, or as many as the page needs)."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if not terms(query):
        return Results(query, 0, [], limit, offset)
    window = max(RANK_WINDOW, offset + limit)
    params: dict[str, Any] = {"limit": limit, "offset": offset, "window": window}
    if store.dialect == "sqlite":
        params["q"] = fts5_query(query)
        matches = "SELECT rowid AS id FROM findings_fts WHERE findings_fts MATCH :q"
        ranked = (
            "SELECT rowid AS id, bm25(findings_fts) AS score FROM findings_fts "
            "WHERE findings_fts MATCH :q LIMIT :window"
        )
        order = "m.score, f.id"
    elif store.dialect == "postgresql":
        tsquery = postgres_query(params, query)
        matches = f"SELECT id FROM findings WHERE search_vector @@ ({tsquery})"
        ranked = (
            f"SELECT id, ts_rank(search_vector, ({tsquery})) AS score FROM findings "
            f"WHERE search_vector @@ ({tsquery}) LIMIT :window"
        )
        order = "m.score DESC, f.id"
    else:
        # Any other database: every term as a substring, without ranking.
        clauses = []
        for i, term in enumerate(terms(query)):
            params[f"t{i}"] = f"%{term.lower()}%"
            clauses.append(f"LOWER(text) LIKE :t{i}")
        matches = f"SELECT id FROM findings WHERE {' AND '.join(clauses)}"
        ranked = f"SELECT id, 0 AS score FROM findings WHERE {' AND '.join(clauses)}"
        ranked += " LIMIT :window"
        order = "f.id"
    with store.session() as session:
        counted = session.execute(
            text(f"SELECT COUNT(*) FROM ({matches} LIMIT :cap) AS c"),
            params | {"cap": COUNT_CAP + 1},
        ).scalar_one()
        rows = session.execute(
            text(
                f"SELECT {_COLUMNS} FROM ({ranked}) AS m JOIN findings f ON f.id = m.id "
                f"{_JOINS} ORDER BY {order} LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    capped = counted > COUNT_CAP
    total = max(min(int(counted), COUNT_CAP), offset + len(rows))
    return Results(query, total, [Hit(*row) for row in rows], limit, offset, capped)
