"""Settings, built once from the environment in __main__ and passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/kept.db"
DEFAULT_API_URL = "https://api.telegram.org"
# Kept talks to its database with these asyncio drivers.
DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
BARE_DATABASE_URLS = {
    "sqlite://": "sqlite+aiosqlite://",
    "postgres://": "postgresql+asyncpg://",
    "postgresql://": "postgresql+asyncpg://",
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# What Telegram accepts as a webhook secret_token.
WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


class ConfigError(Exception):
    """A setting is missing or wrong; the message tells the operator what to do."""


@dataclass(frozen=True)
class Settings:
    """Everything the process needs to know about its environment."""

    telegram_token: str | None
    telegram_api_url: str
    database_url: str
    default_timezone: str
    log_level: str
    max_active_commitments: int = 3
    send_concurrency: int = 1
    signal_cli_url: str | None = None
    signal_account: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    data_key: str | None = None

    @property
    def has_transport(self) -> bool:
        """Whether at least one messenger is configured."""
        return bool(self.telegram_token) or self.has_signal

    @property
    def has_signal(self) -> bool:
        """Whether Signal is configured (load_settings refuses half of it)."""
        return bool(self.signal_cli_url and self.signal_account)


SIGNAL_NUMBER_RE = re.compile(r"\+[1-9][0-9]{6,14}")


def _clean(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = _clean(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}.") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}.")
    return value


def _timezone(env: Mapping[str, str]) -> str:
    name = _clean(env, "DEFAULT_TIMEZONE") or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"DEFAULT_TIMEZONE={name!r} is not an IANA time zone; use a name such as "
            "Europe/Madrid, America/New_York or UTC."
        ) from None
    return name


def _log_level(env: Mapping[str, str]) -> str:
    level = (_clean(env, "LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}.")
    return level


def _database_url(env: Mapping[str, str]) -> str:
    url = _clean(env, "DATABASE_URL") or DEFAULT_DATABASE_URL
    # A URL without a driver (as hosting panels and SQLAlchemy's docs print them) means the
    # database, on the asyncio driver Kept runs on.
    for bare, ours in BARE_DATABASE_URLS.items():
        if url.startswith(bare):
            url = ours + url.removeprefix(bare)
    try:
        driver = make_url(url).drivername
    except ArgumentError:
        driver = None
    if driver not in DATABASE_DRIVERS:
        raise ConfigError(
            "DATABASE_URL must be a SQLite file, sqlite+aiosqlite:///data/kept.db, or a "
            "PostgreSQL database, postgresql+asyncpg://user:password@host:5432/kept."
        )
    return url


def _webhook_secret(env: Mapping[str, str]) -> str | None:
    secret = _clean(env, "WEBHOOK_SECRET")
    if _clean(env, "WEBHOOK_URL") and secret is None:
        raise ConfigError(
            "WEBHOOK_URL is set but WEBHOOK_SECRET is not. Without a secret, anyone who finds "
            "the webhook address can send the bot made-up messages. Set WEBHOOK_SECRET to a "
            f"long random value, for example the output of:\n  {MAKE_SECRET}"
        )
    if secret is not None and not WEBHOOK_SECRET_RE.fullmatch(secret):
        raise ConfigError(
            "WEBHOOK_SECRET may only hold 1 to 256 letters, digits, '_' and '-' (Telegram's "
            f"rule). Make one with:\n  {MAKE_SECRET}"
        )
    return secret


def _signal_url(env: Mapping[str, str]) -> str | None:
    url = _clean(env, "SIGNAL_CLI_URL")
    if url is None and _clean(env, "SIGNAL_ACCOUNT"):
        raise ConfigError(
            "SIGNAL_ACCOUNT is set but SIGNAL_CLI_URL is not. Start the signal-cli daemon with "
            "`signal-cli daemon --http 127.0.0.1:8080` and set SIGNAL_CLI_URL=http://127.0.0.1:8080."
        )
    if url is not None and not url.startswith(("http://", "https://")):
        raise ConfigError(
            f"SIGNAL_CLI_URL must be the daemon's http:// address, such as "
            f"http://127.0.0.1:8080; got {url!r}."
        )
    return url.rstrip("/") if url else None


def _signal_account(env: Mapping[str, str]) -> str | None:
    account = _clean(env, "SIGNAL_ACCOUNT")
    if account is None and _clean(env, "SIGNAL_CLI_URL"):
        raise ConfigError(
            "SIGNAL_CLI_URL is set but SIGNAL_ACCOUNT is not. Set SIGNAL_ACCOUNT to the bot's "
            "Signal number in international form, such as +34600000000."
        )
    if account is not None and not SIGNAL_NUMBER_RE.fullmatch(account):
        raise ConfigError(
            f"SIGNAL_ACCOUNT must be a phone number in international form, such as "
            f"+34600000000; got {account!r}."
        )
    return account


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and validate the settings; raise ConfigError with advice when one is wrong."""
    env = os.environ if env is None else env
    return Settings(
        telegram_token=_clean(env, "TELEGRAM_BOT_TOKEN"),
        telegram_api_url=(_clean(env, "TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
        database_url=_database_url(env),
        default_timezone=_timezone(env),
        log_level=_log_level(env),
        max_active_commitments=_int(env, "MAX_ACTIVE_COMMITMENTS", 3),
        send_concurrency=_int(env, "SEND_CONCURRENCY", 1),
        signal_cli_url=_signal_url(env),
        signal_account=_signal_account(env),
        webhook_url=_clean(env, "WEBHOOK_URL"),
        webhook_secret=_webhook_secret(env),
        webhook_listen=_clean(env, "WEBHOOK_LISTEN") or "0.0.0.0",
        webhook_port=_int(env, "WEBHOOK_PORT", 8443),
        data_key=_clean(env, "DATA_KEY"),
    )
