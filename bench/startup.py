"""Item 6: a real `kept run` process: resident memory, and the time from start to the first tick.

The database holds `n` commitments due tomorrow and one probe commitment due now, so the first
tick (the catch-up tick serve() starts right away) sends exactly one nudge: the fake Bot API
sees it arrive, which marks the first tick from outside the process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import ROOT, TOKEN, FakeApiProcess, load

SETTLE = 2.0
TIMEOUT = 120.0


def rss_kib(pid: int) -> dict[str, int]:
    """Resident memory now (VmRSS) and at its peak (VmHWM), in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """This environment without Kept's settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(extra)
    env["PYTHONPATH"] = str(ROOT)
    return env


def kept_run(database_url: str, fake: FakeApiProcess, workdir: Path, label: str) -> dict[str, Any]:
    """Start `python -m bot run`; time to "Kept is running", to the first tick's nudge; RSS."""
    fake.configure()
    workdir.mkdir(parents=True, exist_ok=True)
    log_path = workdir / f"kept-{label}.log"
    log_path.unlink(missing_ok=True)
    env = child_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": fake.url,
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "INFO",
        }
    )
    with log_path.open("wb") as log:
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    ready = first_tick = None
    try:
        while time.time() - started < TIMEOUT:
            if process.poll() is not None:
                raise RuntimeError(f"kept exited {process.returncode}:\n{log_path.read_text()}")
            if ready is None and "Kept is running" in log_path.read_text(errors="replace"):
                ready = time.time() - started
            first = fake.stats()["first_send"]
            if first is not None:
                first_tick = first - started
                break
            time.sleep(0.02)
        if first_tick is None:
            raise RuntimeError(f"no first tick within {TIMEOUT}s:\n{log_path.read_text()}")
        time.sleep(SETTLE)
        memory = rss_kib(process.pid)
    finally:
        stopping = time.time()
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=30)
        stopped = time.time() - stopping
    return {
        "ready_s": round(ready, 3) if ready is not None else None,
        "first_tick_s": round(first_tick, 3),
        "rss_mib": round(memory["VmRSS"] / 1024, 1),
        "peak_rss_mib": round(memory["VmHWM"] / 1024, 1),
        "stop_s": round(stopped, 2),
        "exit_status": status,
        "load_average": load(),
    }
