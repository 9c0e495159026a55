"""The domain stays pure: the same services serve Telegram and Signal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
# Transports, storage and the environment belong to the adapters and to __main__.
FORBIDDEN = (
    "telegram",
    "bot.telegram",
    "signal",
    "bot.signal",
    "httpx",
    "sqlalchemy",
    "bot.db",
    "bot.routing",
    "bot.conversation",
    "aiohttp",
)


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


DOMAIN_FILES = sorted(DOMAIN.glob("*.py"))


def test_the_domain_has_files_to_check() -> None:
    assert len(DOMAIN_FILES) > 10


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: p.name)
def test_the_domain_imports_no_transport_storage_or_environment(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert {m for m in imported_modules(source) if is_forbidden(m)} == set()
    assert "os.environ" not in source and "getenv" not in source


def test_the_check_itself_catches_a_transport_import() -> None:
    leaky = "from telegram import Bot\nimport bot.signal.client\nfrom bot.db import models\n"
    assert {m for m in imported_modules(leaky) if is_forbidden(m)} == {
        "telegram",
        "bot.signal.client",
        "bot.db",
    }
    assert not is_forbidden("bot.domain.ports")
    assert not is_forbidden("signals_of_trust")
