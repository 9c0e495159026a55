"""weekly check-ins

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:05:54.137662
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("iso_year", sa.Integer(), nullable=False),
        sa.Column("iso_week", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_checkins_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("couple_id", "iso_year", "iso_week", name="uq_checkins_couple_week"),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(
            "ix_checkins_closed_at_opened_at", ["closed_at", "opened_at"], unique=False
        )

    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("trust", sa.Integer(), nullable=True),
        sa.Column("progress", sa.String(length=16), nullable=True),
        sa.Column("safety", sa.Integer(), nullable=True),
        sa.Column("appreciated", sa.Text(), nullable=True),
        sa.Column("differently", sa.Text(), nullable=True),
        sa.Column("words_done", sa.Boolean(), nullable=False),
        sa.Column("words_asked", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["checkins.id"],
            name=op.f("fk_checkin_answers_checkin_id_checkins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_checkin_answers_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        sa.UniqueConstraint("checkin_id", "person_id", name="uq_checkin_answers_checkin_person"),
    )
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_answers_person_id"), ["person_id"], unique=False
        )

    with op.batch_alter_table("couples", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("checkin_weekday", sa.Integer(), server_default="6", nullable=False)
        )
        batch_op.add_column(
            sa.Column("checkin_time", sa.Time(), server_default="19:00:00", nullable=False)
        )
        batch_op.add_column(sa.Column("checkin_timezone", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("checkin_next_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("therapy_suggested_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_couples_checkin_next_at"), ["checkin_next_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("couples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_couples_checkin_next_at"))
        batch_op.drop_column("therapy_suggested_on")
        batch_op.drop_column("checkin_next_at")
        batch_op.drop_column("checkin_timezone")
        batch_op.drop_column("checkin_time")
        batch_op.drop_column("checkin_weekday")

    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_answers_person_id"))

    op.drop_table("checkin_answers")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index("ix_checkins_closed_at_opened_at")

    op.drop_table("checkins")
