"""the couple's chore plan: chores, chore swaps, commitments.chore_id

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_chores_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chores")),
    )
    with op.batch_alter_table("chores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chores_couple_id"), ["couple_id"], unique=False)

    op.create_table(
        "chore_swaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chore_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chore_id"],
            ["chores.id"],
            name=op.f("fk_chore_swaps_chore_id_chores"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["people.id"],
            name=op.f("fk_chore_swaps_requester_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chore_swaps")),
    )
    with op.batch_alter_table("chore_swaps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chore_swaps_chore_id"), ["chore_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_chore_swaps_requester_id"), ["requester_id"], unique=False
        )

    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chore_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_commitments_chore_id"), ["chore_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_commitments_chore_id_chores"),
            "chores",
            ["chore_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_commitments_chore_id_chores"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_commitments_chore_id"))
        batch_op.drop_column("chore_id")

    with op.batch_alter_table("chore_swaps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chore_swaps_requester_id"))
        batch_op.drop_index(batch_op.f("ix_chore_swaps_chore_id"))
    op.drop_table("chore_swaps")

    with op.batch_alter_table("chores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chores_couple_id"))
    op.drop_table("chores")
