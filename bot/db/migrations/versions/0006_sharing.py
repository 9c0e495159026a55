"""words shared only by choice

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reflection_shared_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("words_shared", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_column("words_shared")
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.drop_column("reflection_shared_at")
