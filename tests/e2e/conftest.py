"""Fixtures shared by the end-to-end stories; a story file that needs other people overrides one.

Nothing here is shared between tests: each gets its own fake server on a free loopback port and
its own SQLite file in its tmp_path, so the stories run side by side (pytest-xdist) unharmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.signal_story import signal_daemon
from tests.e2e.story import fake_api, running_bot
from tests.signal.fake_daemon import FakeSignalDaemon


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with Alex, Sam, a stranger and their group."""
    with fake_api() as fake:
        yield fake


@pytest.fixture
def kept(api: FakeBotApi, tmp_path: Path) -> Iterator[KeptProcess]:
    """The real bot process, pointed at the fake API and a fresh SQLite file."""
    with running_bot(api, tmp_path) as process:
        yield process


@pytest.fixture
def daemon() -> Iterator[FakeSignalDaemon]:
    """A fake signal-cli daemon for the bot's number, with Alex and Sam's group."""
    with signal_daemon() as fake:
        yield fake
