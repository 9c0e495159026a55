"""Item 7: the usual design, for comparison: one python-telegram-bot JobQueue.run_daily job per
commitment (APScheduler's in-memory job store), with PicklePersistence as PTB offers it.

Run as its own process: `python -m bench.usual --db FILE --api URL --state FILE [--schedule]`.
With --schedule it creates a daily job for every active commitment in the SQLite file (what
/commit handlers would have done one by one; after a restart, the only way to get them back);
without it, it creates none, as a restarted bot whose jobs were made by handlers. It prints
`READY <unix time> <jobs> <bot_data>` once the jobs are scheduled and polling runs, and stops on
SIGTERM. The driver below measures it like `kept run`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.harness import TOKEN, FakeApiProcess, load
from bench.startup import SETTLE, child_env, rss_kib


async def nudge(context: Any) -> None:
    """The job: send the day's nudge (never reached in the benchmark)."""
    await context.bot.send_message(context.job.chat_id, f"Did you keep promise {context.job.data}?")


def _ptb_days(weekdays: int) -> tuple[int, ...]:
    # Kept's bit d is date.weekday() d (Monday 0); PTB counts from Sunday 0.
    return tuple(sorted((d + 1) % 7 for d in range(7) if weekdays & (1 << d)))


def schedule_all(application: Any, db: Path) -> int:
    """A run_daily job per active commitment, at its local time in its owner's zone."""
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT c.id, p.telegram_id, c.local_time, c.weekdays, p.timezone FROM commitments c "
        "JOIN people p ON p.id = c.person_id WHERE c.state = 'active'"
    )
    zones: dict[str, ZoneInfo] = {}
    count = 0
    for commitment_id, chat_id, local_time, weekdays, zone_name in rows:
        zone = zones.get(zone_name) or zones.setdefault(zone_name, ZoneInfo(zone_name))
        at = clock_time.fromisoformat(local_time).replace(tzinfo=zone)
        application.job_queue.run_daily(
            nudge,
            at,
            days=_ptb_days(weekdays),
            data=commitment_id,
            chat_id=chat_id,
            name=f"nudge-{commitment_id}",
        )
        count += 1
    connection.close()
    return count


async def run(db: Path, api: str, state: Path, schedule: bool) -> None:
    """Build, schedule, start, print READY, serve until SIGTERM."""
    from telegram.ext import AIORateLimiter, Application, PicklePersistence

    application = (
        Application.builder()
        .token(TOKEN)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter())
        .persistence(PicklePersistence(state))
        .build()
    )
    await application.initialize()
    if schedule:
        application.bot_data["scheduled"] = schedule_all(application, db)
    await application.start()
    assert application.updater is not None and application.job_queue is not None
    await application.updater.start_polling(timeout=10)
    jobs = len(application.job_queue.jobs())
    print(f"READY {time.time()} {jobs} {json.dumps(dict(application.bot_data))}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


def measure(db: Path, fake: FakeApiProcess, state: Path, schedule: bool) -> dict[str, Any]:
    """Start the usual-design bot; time until it is ready, jobs it holds, RSS."""
    fake.configure()
    args = [sys.executable, "-m", "bench.usual", "--db", str(db), "--api", fake.url]
    args += ["--state", str(state)] + (["--schedule"] if schedule else [])
    started = time.time()
    process = subprocess.Popen(args, env=child_env({}), stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode().split(maxsplit=3)
        if not line or line[0] != "READY":
            raise RuntimeError(f"the usual-design bot did not start: {line}")
        ready = float(line[1]) - started
        time.sleep(SETTLE)
        memory = rss_kib(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=120)
    return {
        "ready_s": round(ready, 3),
        "jobs": int(line[2]),
        "persisted_bot_data": json.loads(line[3]),
        "rss_mib": round(memory["VmRSS"] / 1024, 1),
        "peak_rss_mib": round(memory["VmHWM"] / 1024, 1),
        "exit_status": status,
        "load_average": load(),
    }


def main() -> None:
    """Command line entry."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--schedule", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args.db, args.api, args.state, args.schedule))


if __name__ == "__main__":
    main()
