"""context_figures: official statistics beside the inspections (EHC plan timeliness, appeals)

Revision ID: 0015
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "context_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=20), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("area_id", "dataset", "indicator", "year", name="uq_context_figure"),
    )
    with op.batch_alter_table("context_figures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_context_figures_area_id"), ["area_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("context_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_context_figures_area_id"))
    op.drop_table("context_figures")
