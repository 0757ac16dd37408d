"""dataset keys: an imported row is identified by what it describes, not its row number

Revision ID: 0009
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dataset_key", sa.String(length=200), nullable=True))
        batch_op.drop_constraint("uq_events_dataset_row", type_="unique")
        batch_op.create_unique_constraint("uq_events_dataset_key", ["dataset", "dataset_key"])
    # Rows imported before keys existed get theirs on the next import, which matches them
    # by what they describe (sendwatch.official.row_key).


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_events_dataset_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_events_dataset_row", ["dataset", "dataset_row", "kind"]
        )
        batch_op.drop_column("dataset_key")
