"""privacy: check-ins outlive a couple, key check

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 13:22:24.905317
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_app_meta")),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.alter_column("couple_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.drop_constraint(batch_op.f("fk_checkins_couple_id_couples"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_checkins_couple_id_couples"),
            "couples",
            ["couple_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    # Check-ins of ended couples cannot exist under the old schema: they go, with their answers.
    op.execute(
        "DELETE FROM checkin_answers WHERE checkin_id IN "
        "(SELECT id FROM checkins WHERE couple_id IS NULL)"
    )
    op.execute("DELETE FROM checkins WHERE couple_id IS NULL")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_checkins_couple_id_couples"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_checkins_couple_id_couples"),
            "couples",
            ["couple_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.alter_column("couple_id", existing_type=sa.INTEGER(), nullable=False)

    op.drop_table("app_meta")
