"""people, couples, invites, commitments and the nudge ledger

Revision ID: 0001
Revises:
Create Date: 2026-11-25 12:55:14.714233
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=True),
        sa.Column("pending_kind", sa.String(length=32), nullable=True),
        sa.Column("pending_data", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("telegram_id", name=op.f("uq_people_telegram_id")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_people_couple_id"), ["couple_id"], unique=False)

    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=400), nullable=False),
        sa.Column("weekdays", sa.Integer(), nullable=False),
        sa.Column("local_time", sa.Time(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_local_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_commitments_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
    )
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitments_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_commitments_state_next_due_at", ["state", "next_due_at"], unique=False
        )

    op.create_table(
        "couples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_a_id", sa.Integer(), nullable=False),
        sa.Column("partner_b_id", sa.Integer(), nullable=False),
        sa.Column("group_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_a_id"],
            ["people.id"],
            name=op.f("fk_couples_partner_a_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_b_id"],
            ["people.id"],
            name=op.f("fk_couples_partner_b_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_couples")),
        sa.UniqueConstraint("group_chat_id", name=op.f("uq_couples_group_chat_id")),
    )
    op.create_table(
        "invites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("inviter_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["people.id"],
            name=op.f("fk_invites_inviter_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by"], ["people.id"], name=op.f("fk_invites_used_by_people"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_invites")),
    )
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invites_inviter_id"), ["inviter_id"], unique=False)

    op.create_table(
        "nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reflection", sa.Text(), nullable=True),
        sa.Column("partner_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("partner_message_id", sa.BigInteger(), nullable=True),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_nudges_commitment_id_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_nudges_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudges")),
        sa.UniqueConstraint(
            "commitment_id", "local_date", name="uq_nudges_commitment_id_local_date"
        ),
    )
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.create_index(
            "ix_nudges_chat_id_message_id", ["chat_id", "message_id"], unique=False
        )
        batch_op.create_index(
            "ix_nudges_person_id_local_date", ["person_id", "local_date"], unique=False
        )
        batch_op.create_index("ix_nudges_status_due_at", ["status", "due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("nudges", schema=None) as batch_op:
        batch_op.drop_index("ix_nudges_status_due_at")
        batch_op.drop_index("ix_nudges_person_id_local_date")
        batch_op.drop_index("ix_nudges_chat_id_message_id")

    op.drop_table("nudges")
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invites_inviter_id"))

    op.drop_table("invites")
    op.drop_table("couples")
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index("ix_commitments_state_next_due_at")
        batch_op.drop_index(batch_op.f("ix_commitments_person_id"))

    op.drop_table("commitments")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_couple_id"))

    op.drop_table("people")
