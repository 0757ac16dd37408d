"""stored search vector for findings on PostgreSQL

PostgreSQL: findings.search_vector, a stored generated tsvector (to_tsvector('english',
text)), with a GIN index, in place of migration 0002's expression index: ranking reads the
stored vector instead of computing to_tsvector again for every matching row.
SQLite: nothing (FTS5 keeps its own index).
The column and index live outside the SQLAlchemy models, as the other search objects do
(sendwatch.db.SEARCH_OBJECT_PREFIXES).

Revision ID: 0014
Revises: 0015
"""

from alembic import op

revision = "0014"
down_revision = "0015"
branch_labels = None
depends_on = None

POSTGRES_UP = [
    "ALTER TABLE findings ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_findings_search_vector ON findings USING gin (search_vector)",
    "DROP INDEX IF EXISTS ix_findings_text_search",
]
POSTGRES_DOWN = [
    "CREATE INDEX IF NOT EXISTS ix_findings_text_search ON findings "
    "USING gin (to_tsvector('english', text))",
    "DROP INDEX IF EXISTS ix_findings_search_vector",
    "ALTER TABLE findings DROP COLUMN IF EXISTS search_vector",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
