"""The layers keep their arrows one way: the same services serve Telegram and Signal, storage
knows no messenger, and only the wiring sees everything."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSPORTS = ("telegram", "bot.telegram", "bot.signal", "httpx", "aiohttp")
STORAGE = ("sqlalchemy", "bot.db")
# What only the wiring puts together: the handling of updates, the routing between messengers.
WIRING_MODULES = ("bot.conversation", "bot.routing", "bot.wiring", "bot.__main__")
# Where everything meets: the process's entry point and the messenger that routes between both.
WIRING = ("bot/__main__.py", "bot/routing.py")
# Modules every layer may use: settings, logging, texts, the chart drawing behind its port.
SHARED = ("bot/__init__.py", "bot/config.py", "bot/logs.py", "bot/charts.py", "bot/wiring.py")


@dataclass(frozen=True)
class Layer:
    """A folder of the code and what its files may not import."""

    name: str
    folder: str
    forbidden: tuple[str, ...]
    # Whether reading the environment is forbidden too: settings are built once in __main__.
    no_environment: bool = False

    def files(self) -> list[Path]:
        return sorted((ROOT / self.folder).rglob("*.py"))


LAYERS = (
    Layer("domain", "bot/domain", TRANSPORTS + STORAGE + WIRING_MODULES + ("signal",), True),
    Layer("views", "bot/views", TRANSPORTS + STORAGE + WIRING_MODULES, True),
    Layer("texts", "bot/texts", TRANSPORTS + STORAGE + WIRING_MODULES, True),
    Layer("storage", "bot/db", (*TRANSPORTS, "bot.conversation", "bot.routing", "bot.wiring")),
    Layer("jobs", "jobs", (*TRANSPORTS, "bot.conversation", "bot.routing")),
    Layer("conversation", "bot/conversation", TRANSPORTS + STORAGE + ("bot.routing",)),
    Layer("telegram", "bot/telegram", ("bot.signal", "bot.routing")),
    Layer("signal", "bot/signal", ("telegram", "bot.telegram", "bot.routing")),
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


def breaks(source: str, forbidden: tuple[str, ...]) -> set[str]:
    """The imports of a source that a layer forbids."""
    return {
        module
        for module in imported_modules(source)
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    }


def reads_environment(source: str) -> bool:
    return "os.environ" in source or "getenv" in source


def placed(path: Path) -> bool:
    """Whether a file belongs to a layer, to the wiring or to what all layers share."""
    relative = path.relative_to(ROOT).as_posix()
    in_layer = any(relative.startswith(layer.folder + "/") for layer in LAYERS)
    return in_layer or relative in WIRING + SHARED


CASES = [(layer, path) for layer in LAYERS for path in layer.files()]


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_every_layer_has_files_to_check(layer: Layer) -> None:
    assert layer.files(), layer.folder


@pytest.mark.parametrize(
    ("layer", "path"), CASES, ids=[f"{c[0].name}:{c[1].relative_to(ROOT)}" for c in CASES]
)
def test_each_file_imports_only_what_its_layer_allows(layer: Layer, path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert breaks(source, layer.forbidden) == set()
    assert not (layer.no_environment and reads_environment(source))


def test_every_module_has_a_place_in_the_layers() -> None:
    code = [*(ROOT / "bot").rglob("*.py"), *(ROOT / "jobs").rglob("*.py")]
    assert [p.relative_to(ROOT).as_posix() for p in code if not placed(p)] == []


def test_only_the_wiring_imports_both_transports() -> None:
    both = ("bot.telegram", "bot.signal")
    meeting = []
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "jobs").rglob("*.py")]:
        found = breaks(path.read_text(encoding="utf-8"), both)
        if {m.split(".")[1] for m in found} == {"telegram", "signal"}:
            meeting.append(path.relative_to(ROOT).as_posix())
    assert set(meeting) <= set(WIRING) and "bot/__main__.py" in meeting


# -- the checks themselves catch what they are for ------------------------------------------


def layer(name: str) -> Layer:
    return next(layer for layer in LAYERS if layer.name == name)


@pytest.mark.parametrize(
    ("name", "leaky", "caught"),
    [
        (
            "domain",
            "from telegram import Bot\nimport bot.signal.client\n",
            {"telegram", "bot.signal.client"},
        ),
        (
            "domain",
            "from bot.db import models\nfrom bot.conversation import COMMANDS\n",
            {"bot.db", "bot.conversation"},
        ),
        ("views", "from sqlalchemy import select\n", {"sqlalchemy"}),
        ("storage", "from bot.signal.addresses import Address\n", {"bot.signal.addresses"}),
        (
            "jobs",
            "import httpx\nfrom bot.telegram.app import build\n",
            {"httpx", "bot.telegram.app"},
        ),
        ("conversation", "from bot.db.uow import SqlUnitOfWorkFactory\n", {"bot.db.uow"}),
        ("telegram", "from bot.signal.router import SignalRouter\n", {"bot.signal.router"}),
        ("signal", "from telegram.ext import Application\n", {"telegram.ext"}),
    ],
)
def test_the_check_catches_an_import_its_layer_forbids(
    name: str, leaky: str, caught: set[str]
) -> None:
    assert breaks(leaky, layer(name).forbidden) == caught


def test_the_check_lets_through_what_a_layer_may_use() -> None:
    allowed = "from bot.domain.ports import Outgoing\nimport signals_of_trust\nfrom bot.texts import text\n"
    for each in LAYERS:
        assert breaks(allowed, each.forbidden) == set()
    assert breaks("from bot.db.models import PersonRow\n", layer("signal").forbidden) == set()


def test_the_check_catches_the_environment_read_in_the_domain() -> None:
    assert reads_environment("import os\nTOKEN = os.environ['TELEGRAM_BOT_TOKEN']\n")
    assert reads_environment("from os import getenv\n")
    assert not reads_environment("from bot.domain.ports import Clock\n")


def test_a_module_outside_every_layer_is_caught() -> None:
    assert not placed(ROOT / "bot" / "shortcut.py")
    assert placed(ROOT / "bot" / "domain" / "anything.py") and placed(ROOT / "bot" / "routing.py")
