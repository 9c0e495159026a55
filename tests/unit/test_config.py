"""DATABASE_URL: the asyncio drivers Kept runs on, and a clear refusal of anything else."""

from __future__ import annotations

import re

import pytest

from bot.config import DEFAULT_DATABASE_URL, ConfigError, load_settings


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("", DEFAULT_DATABASE_URL),
        ("sqlite+aiosqlite:////srv/kept.db", "sqlite+aiosqlite:////srv/kept.db"),
        ("postgresql+asyncpg://kept:pw@db:5432/kept", "postgresql+asyncpg://kept:pw@db:5432/kept"),
        ("postgresql://kept:pw@db/kept", "postgresql+asyncpg://kept:pw@db/kept"),
        ("postgres://kept:pw@db/kept", "postgresql+asyncpg://kept:pw@db/kept"),
        ("sqlite:///data/kept.db", "sqlite+aiosqlite:///data/kept.db"),
    ],
)
def test_database_url_names_an_asyncio_driver(given: str, used: str) -> None:
    assert load_settings({"DATABASE_URL": given}).database_url == used


@pytest.mark.parametrize(
    "given",
    ["sqlite+pysqlite:///data/kept.db", "postgresql+psycopg2://db/kept", "mysql://db/kept", "kept"],
)
def test_other_database_urls_are_refused_with_the_two_forms(given: str) -> None:
    with pytest.raises(ConfigError, match=r"sqlite\+aiosqlite:///.*postgresql\+asyncpg://"):
        load_settings({"DATABASE_URL": given})


def test_signal_needs_both_the_daemon_and_the_number() -> None:
    settings = load_settings(
        {"SIGNAL_CLI_URL": "http://127.0.0.1:8080/", "SIGNAL_ACCOUNT": "+34600000000"}
    )
    assert settings.has_signal and settings.has_transport
    assert settings.signal_cli_url == "http://127.0.0.1:8080"
    assert not load_settings({}).has_signal


@pytest.mark.parametrize(
    ("env", "advice"),
    [
        ({"SIGNAL_CLI_URL": "http://127.0.0.1:8080"}, "SIGNAL_ACCOUNT"),
        ({"SIGNAL_ACCOUNT": "+34600000000"}, "daemon --http"),
        ({"SIGNAL_CLI_URL": "127.0.0.1:8080", "SIGNAL_ACCOUNT": "+34600000000"}, "http://"),
        (
            {"SIGNAL_CLI_URL": "http://127.0.0.1:8080", "SIGNAL_ACCOUNT": "600000000"},
            "+34600000000",
        ),
    ],
)
def test_half_a_signal_setting_is_refused_with_advice(env: dict[str, str], advice: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(advice)):
        load_settings(env)
