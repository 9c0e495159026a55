"""Fixtures shared by the Signal tests and the end-to-end stories."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.signal.real_daemon import RealDaemonMissing, RealSignalDaemon


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
