"""Run the real `kept run` process for end-to-end tests, with its logs kept in a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[2]


class KeptProcess:
    """`python -m bot run` as a child process with a controlled environment."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        log_name: str = "kept.log",
        *,
        clock_offset: float | None = None,
    ) -> None:
        self.env = env
        self.workdir = workdir
        # Seconds the process's clock is moved by (tests/e2e/clocked.py); None: the real clock.
        self.clock_offset = clock_offset
        self.log_path = workdir / log_name
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> KeptProcess:
        """Start the process; its stdout and stderr go to the log file."""
        clean = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "SIGNAL_", "DATABASE_"))
        }
        clean.update(self.env)
        clean["PYTHONPATH"] = str(ROOT)
        module = "bot"
        if self.clock_offset is not None:
            module = "tests.e2e.clocked"
            clean["KEPT_TEST_CLOCK_OFFSET"] = repr(self.clock_offset)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", module, "run"],
                cwd=self.workdir,
                env=clean,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self) -> int:
        """The child's process id."""
        assert self._process is not None
        return self._process.pid

    def poll(self) -> int | None:
        """The exit status, or None while it runs."""
        assert self._process is not None
        return self._process.poll()

    def terminate(self, timeout: float = 15.0) -> int:
        """Send SIGTERM and wait for the exit status."""
        assert self._process is not None
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
        return self._process.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL: the crash the ledger must survive."""
        assert self._process is not None
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)

    def logs(self) -> str:
        """Everything the process wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, needle: str, timeout: float = 30.0) -> None:
        """Wait until the log contains a line, failing early if the process dies."""
        self._wait(lambda: needle in self.logs(), timeout, f"log line {needle!r}")

    def wait_for_log_count(self, needle: str, count: int, timeout: float = 30.0) -> None:
        """Wait until the log holds a line at least `count` times (earlier runs included)."""
        self._wait(lambda: self.logs().count(needle) >= count, timeout, f"{count}× {needle!r}")

    def _wait(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.poll() is not None:
                raise AssertionError(f"kept exited ({self.poll()}) before {what}:\n{self.logs()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self.logs()}")
            time.sleep(0.05)

    def __enter__(self) -> KeptProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()
