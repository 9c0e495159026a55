"""Signal fan-out: one real `kept run` on Signal only, N people whose nudges fall due in the
same minute, against the fake signal-cli daemon of the tests (no rate limit of its own).

    .venv/bin/python -m bench.signal_fanout [N]     # default 300; about 2 minutes

Each person types /start and `/commit HH:MM …` through the daemon's event stream (answered by
the real router), then the nudges go out at the minute. Prints one JSON line: how fast the
incoming messages were answered, and how soon after the due minute the first and the last
nudge left. Signal's own server limits are not modelled: real throughput depends on them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.signal.fake_daemon import FakeSignalDaemon

BOT = "+15550001111"
KEPT = Path(sys.executable).with_name("kept")


def wait(condition: Callable[[], bool], seconds: float) -> None:
    """Poll until the condition holds; fail loudly when it does not in time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise TimeoutError(f"not reached within {seconds} s")


def next_due_minute() -> datetime:
    """A whole minute far enough ahead for every person to set up their promise."""
    now = datetime.now(UTC)
    return now.replace(second=0, microsecond=0) + timedelta(minutes=2 if now.second > 20 else 1)


def measure(people: int) -> dict[str, object]:
    """Run the fan-out once and return its figures."""
    folder = Path(tempfile.mkdtemp(prefix="kept-signal-bench-"))
    log = folder / "kept.log"
    with FakeSignalDaemon(BOT, keepalive=1.0) as daemon:
        env = dict(os.environ, SIGNAL_CLI_URL=daemon.url, SIGNAL_ACCOUNT=BOT)
        env["DATABASE_URL"] = f"sqlite+aiosqlite:///{folder / 'kept.db'}"
        env.pop("TELEGRAM_BOT_TOKEN", None)
        with log.open("w") as stderr:
            kept = subprocess.Popen([str(KEPT), "run"], env=env, stderr=stderr)
        try:
            wait(lambda: "event stream connected" in log.read_text(), 60)
            due = next_due_minute()
            started = time.monotonic()
            for n in range(people):
                number = f"+1666{n:07d}"
                daemon.push_message(number, "/start", source_name="P")
                daemon.push_message(number, f"/commit {due:%H:%M} call when late", source_name="P")
            wait(lambda: len(daemon.sent()) >= 2 * people, 300)
            setup = time.monotonic() - started
            before = len(daemon.sent())
            wait(lambda: len(daemon.sent()) >= before + people, 600)
            nudges = daemon.sent()[before:]
        finally:
            kept.terminate()
            exit_status = kept.wait(20)
    due_ms = due.timestamp() * 1000
    spread = (nudges[-1].timestamp - nudges[0].timestamp) / 1000
    return {
        "people": people,
        "incoming_answered_per_s": round(2 * people / setup, 1),
        "nudges": len(nudges),
        "distinct_recipients": len({m.recipients for m in nudges}),
        "first_after_due_s": round((nudges[0].timestamp - due_ms) / 1000, 2),
        "last_after_due_s": round((nudges[-1].timestamp - due_ms) / 1000, 2),
        "nudges_per_s": round(len(nudges) / max(spread, 0.001), 1),
        "exit_status": exit_status,
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 300)))
