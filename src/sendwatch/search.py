"""Full-text search over findings: SQLite FTS5 by default, PostgreSQL full-text search there.

The index is built by migration 0002 (``findings_fts`` on SQLite, a GIN index on
``to_tsvector('english', text)`` on PostgreSQL). Both stem English words, so a search for
"autism assessment waiting times" finds "waits for autism assessments". Every word must
appear; a phrase in double quotes must appear as written.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text

from sendwatch.db import Store

#: The most hits one search returns at once.
MAX_LIMIT = 100

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

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
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


def fts5_query(query: str) -> str:
    """A safe FTS5 MATCH expression: each term quoted, so no user text is FTS5 syntax."""
    return " ".join('"' + t.replace('"', "") + '"' for t in terms(query))


def postgres_query(query: str) -> str:
    """The query in websearch_to_tsquery's syntax (which accepts any text without error)."""
    return " ".join(f'"{t}"' if " " in t else t for t in terms(query))


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> Results:
    """Findings matching every term of ``query``, best first."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if not terms(query):
        return Results(query, 0, [], limit, offset)
    params: dict[str, Any] = {"limit": limit, "offset": offset}
    if store.dialect == "sqlite":
        params["q"] = fts5_query(query)
        where = "findings_fts MATCH :q"
        source = "findings_fts JOIN findings f ON f.id = findings_fts.rowid"
        order = "bm25(findings_fts), f.id"
    elif store.dialect == "postgresql":
        params["q"] = postgres_query(query)
        vector = "to_tsvector('english', f.text)"
        where = f"{vector} @@ websearch_to_tsquery('english', :q)"
        source = "findings f"
        order = f"ts_rank({vector}, websearch_to_tsquery('english', :q)) DESC, f.id"
    else:
        # Any other database: every term as a substring, without ranking.
        clauses = []
        for i, term in enumerate(terms(query)):
            params[f"t{i}"] = f"%{term.lower()}%"
            clauses.append(f"LOWER(f.text) LIKE :t{i}")
        where, source, order = " AND ".join(clauses), "findings f", "f.id"
    with store.session() as session:
        total = session.execute(
            text(f"SELECT COUNT(*) FROM {source} {_JOINS} WHERE {where}"), params
        ).scalar_one()
        rows = session.execute(
            text(
                f"SELECT {_COLUMNS} FROM {source} {_JOINS} WHERE {where} "
                f"ORDER BY {order} LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    return Results(query, int(total), [Hit(*row) for row in rows], limit, offset)
