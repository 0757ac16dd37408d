"""full-text search over findings

SQLite: an FTS5 table over findings.text (external content, kept in step by triggers).
PostgreSQL: a GIN index on to_tsvector('english', text).
The search objects live outside the SQLAlchemy models (sendwatch.search reads them), so
the model comparison in tests/test_migrations.py leaves them out by name (``findings_fts``,
``ix_findings_text_search``).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Porter stemming so "waiting" finds "wait"; diacritics folded so "naïve" finds "naive".
SQLITE_UP = [
    "CREATE VIRTUAL TABLE findings_fts USING fts5(text, content='findings', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER findings_fts_insert AFTER INSERT ON findings BEGIN "
    "INSERT INTO findings_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER findings_fts_delete AFTER DELETE ON findings BEGIN "
    "INSERT INTO findings_fts(findings_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "END",
    "CREATE TRIGGER findings_fts_update AFTER UPDATE OF text ON findings BEGIN "
    "INSERT INTO findings_fts(findings_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO findings_fts(rowid, text) VALUES (new.id, new.text); END",
    # Index whatever findings are already stored.
    "INSERT INTO findings_fts(findings_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS findings_fts_update",
    "DROP TRIGGER IF EXISTS findings_fts_delete",
    "DROP TRIGGER IF EXISTS findings_fts_insert",
    "DROP TABLE IF EXISTS findings_fts",
]
POSTGRES_UP = [
    "CREATE INDEX ix_findings_text_search ON findings USING gin (to_tsvector('english', text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_findings_text_search"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(POSTGRES_DOWN)
