"""Fixtures shared by the Signal tests and the end-to-end stories, and the order of the run.

`make test` runs the tests side by side (pytest-xdist, ``--dist loadgroup``): the stories of
minutes go first so that none of them trails the run, and every test that uses the real
signal-cli goes to one worker, which starts the JVM once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.signal.real_daemon import RealDaemonMissing, RealSignalDaemon

REAL_SIGNAL_CLI_GROUP = "real-signal-cli"


@pytest.hookimpl(tryfirst=True)  # before xdist names the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long stories first, then the other end-to-end ones (waiting on clocks and networks while
    the rest keeps the cores busy); the real daemon's users in one xdist group."""
    for item in items:
        if "real_signal_daemon" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(REAL_SIGNAL_CLI_GROUP))

    def rank(item: pytest.Item) -> int:
        if item.get_closest_marker("long"):
            return 0
        return 1 if item.get_closest_marker("e2e") else 2

    items.sort(key=rank)  # stable: the order within a rank stays the files' order


@pytest.fixture(scope="session")
def real_signal_daemon() -> Iterator[RealSignalDaemon]:
    """The real signal-cli daemon, started once. Skipped when signal-cli or Java is missing,
    except under CI=true, where it fails: CI must not pass by skipping the real daemon."""
    try:
        daemon = RealSignalDaemon()
    except RealDaemonMissing as missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the real signal-cli is required when CI=true: {missing}")
        pytest.skip(str(missing))
    with daemon:
        yield daemon
