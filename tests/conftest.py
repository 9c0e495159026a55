"""Fixtures shared by the Signal tests and the end-to-end stories, and the order of the run.

`make test` runs the tests side by side (pytest-xdist, ``--dist loadgroup``): the stories of
minutes go first so that none of them trails the run, and every test that uses the real
signal-cli goes to one worker, which starts the JVM once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.signal.real_daemon import RealDaemonMissing, RealSignalDaemon
from tests.sqldb import migrated_template

REAL_SIGNAL_CLI_GROUP = "real-signal-cli"


def pytest_itemcollected(item: pytest.Item) -> None:
    """The real daemon's users go to one xdist group (marked as collected, before xdist reads
    the groups)."""
    if "real_signal_daemon" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group(REAL_SIGNAL_CLI_GROUP))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long stories first, then the other end-to-end ones (waiting on clocks and networks while
    the rest keeps the cores busy)."""

    def rank(item: pytest.Item) -> int:
        if item.get_closest_marker("long"):
            return 0
        return 1 if item.get_closest_marker("e2e") else 2

    items.sort(key=rank)  # stable: the order within a rank stays the files' order


def pytest_collection_finish(session: pytest.Session) -> None:
    """Under ``--dist loadgroup``, stop at once if xdist did not take the groups: it would
    silently spread them (as pytest-xdist 3.8 does on pytest 9.2), the fuzz module's count
    would be skipped and every worker would start its own JVM."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    lost = [
        i.nodeid
        for i in session.items
        if i.get_closest_marker("xdist_group") and "@" not in i.nodeid
    ]
    if lost:
        raise RuntimeError(f"pytest-xdist ignored the xdist_group of {lost[0]} and others")


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


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test session (per xdist worker); tests copy it."""
    return migrated_template(tmp_path_factory.mktemp("template"))
