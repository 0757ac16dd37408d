"""sync: the pages of Ofsted's report site sync reads, and where each file came from

Revision ID: 0011
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("publications", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("sync_pages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_pages_area_id"), ["area_id"], unique=False)
    op.create_table(
        "sync_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_url", sa.String(length=1000), nullable=False),
        sa.Column("file_id", sa.String(length=200), nullable=False),
        sa.Column("page_url", sa.String(length=1000), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("label_date", sa.String(length=10), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file_url"),
    )
    with op.batch_alter_table("sync_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_sources_area_id"), ["area_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_sync_sources_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_sources_document_id"))
        batch_op.drop_index(batch_op.f("ix_sync_sources_area_id"))
    op.drop_table("sync_sources")
    with op.batch_alter_table("sync_pages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_pages_area_id"))
    op.drop_table("sync_pages")
