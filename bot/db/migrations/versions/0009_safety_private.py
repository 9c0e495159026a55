"""the safety answer encrypted like the words; a person's country for crisis resources

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The safety answer is stored as text so that DATA_KEY can encrypt it; the answers written
    # before read as plain digits, as reflections written before a key was set do.
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.alter_column(
            "safety",
            existing_type=sa.Integer(),
            type_=sa.Text(),
            existing_nullable=True,
            postgresql_using="safety::text",
        )
    # The country of a person's Signal number, where crisis resources are looked up first.
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("country")
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.alter_column(
            "safety",
            existing_type=sa.Text(),
            type_=sa.Integer(),
            existing_nullable=True,
            postgresql_using="safety::integer",
        )
