"""people.chat_id instead of telegram_id; Signal addresses and numbered menus

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A person is reached on Telegram or on Signal; the domain only knows an opaque chat id.
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint("uq_people_telegram_id", type_="unique")
        batch_op.alter_column("telegram_id", new_column_name="chat_id")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_people_chat_id", ["chat_id"])
    op.create_table(
        "signal_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal_addresses")),
        sa.UniqueConstraint("address", name=op.f("uq_signal_addresses_address")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "signal_menus",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_ts", sa.BigInteger(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "message_ts", name=op.f("pk_signal_menus")),
    )


def downgrade() -> None:
    op.drop_table("signal_menus")
    op.drop_table("signal_addresses")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint("uq_people_chat_id", type_="unique")
        batch_op.alter_column("chat_id", new_column_name="telegram_id")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_people_telegram_id", ["telegram_id"])
