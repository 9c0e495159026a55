"""Apply Alembic migrations programmatically (`kept migrate`, and at `kept run` start-up)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from bot.db.engine import ensure_sqlite_dir

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration pointing at our migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database schema up to the given revision (call outside a running event loop)."""
    ensure_sqlite_dir(database_url)
    command.upgrade(alembic_config(database_url), revision)
