"""Run every benchmark and write bench/results/latest.json (also printed).

    .venv/bin/python -m bench            # the full run (make bench), about 12 minutes
    .venv/bin/python -m bench --quick    # a small smoke run of the same code, about 2 minutes

What is measured, and the model of Telegram's limits, is described in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import usual
from bench.fanout import cpu_per_nudge, send_rate
from bench.harness import FakeApiProcess, load, log_to
from bench.machine import describe
from bench.presses import presses
from bench.seed import drop_pg, seed_pg, seed_sqlite, this_minute
from bench.startup import kept_run

RESULTS = Path(__file__).resolve().parent / "results"
PG_DATABASE = "kept_bench"

FULL = {
    "fanout_commitments": 100_000,
    "deliver_seconds": 20.0,
    "press_burst": 1000,
    "press_paced": 200,
    "press_shipped": 90,
    "rate_30_seconds": 15.0,
    "rate_1000_seconds": 10.0,
    "memory_sizes": (0, 100_000, 1_000_000),
}
QUICK = {
    "fanout_commitments": 5_000,
    "deliver_seconds": 4.0,
    "press_burst": 100,
    "press_paced": 40,
    "press_shipped": 30,
    "rate_30_seconds": 4.0,
    "rate_1000_seconds": 3.0,
    "memory_sizes": (0, 10_000, 50_000),
}
# (rate limiter, limit per s, SEND_CONCURRENCY, simulated network latency in s, fake's model).
# "kept" is the Application as bot.telegram.app builds it; "ptb" python-telegram-bot's
# AIORateLimiter at the limit (its default at 30/s); "smooth" one message every 1/29 s.
RATE_RUNS = {
    "sqlite": (
        ("kept", 30, 1, 0.0, "window"),
        ("kept", 30, 8, 0.0, "window"),
        ("kept", 30, 1, 0.05, "window"),
        ("kept", 30, 8, 0.05, "window"),
        ("ptb", 30, 1, 0.0, "window"),
        ("ptb", 30, 1, 0.0, "bucket"),
        ("ptb", 30, 8, 0.05, "bucket"),
        ("smooth", 29, 1, 0.0, "window"),
        ("smooth", 29, 8, 0.05, "window"),
        ("ptb", 1000, 1, 0.0, "window"),
        ("ptb", 1000, 8, 0.0, "window"),
    ),
    "postgresql": (
        ("kept", 30, 1, 0.0, "window"),
        ("kept", 30, 8, 0.05, "window"),
        ("ptb", 1000, 1, 0.0, "window"),
        ("ptb", 1000, 8, 0.0, "window"),
    ),
}

_T0 = time.monotonic()


def say(message: str) -> None:
    """Progress on stderr; stdout gets the JSON at the end."""
    print(f"[{time.monotonic() - _T0:6.0f}s] {message}", file=sys.stderr, flush=True)


def wait_for_quiet(limit: float, patience: float) -> float:
    """Wait (at most `patience` s) until the load average falls below `limit`; the load."""
    deadline = time.monotonic() + patience
    while load() >= limit and time.monotonic() < deadline:
        say(f"waiting for a quieter machine (load average {load():.2f})")
        time.sleep(15)
    return load()


async def fanout_and_presses(
    db: str, url: str, seeded_s: float, fake: FakeApiProcess, cfg: dict[str, Any]
) -> dict[str, Any]:
    """Items 4 and 5 on one database."""
    result: dict[str, Any] = {"seed_s": round(seeded_s, 1)}
    say(f"{db}: (a) planning {cfg['fanout_commitments']} due commitments, then delivering")
    result["cpu"] = await cpu_per_nudge(url, fake, cfg["deliver_seconds"])
    say(f"{db}: presses through the Application (limiter lifted)")
    result["presses"] = await presses(
        url, fake, burst=cfg["press_burst"], paced=cfg["press_paced"], limiter="none"
    )
    if db == "sqlite":
        say(f"{db}: presses with the Application's own rate limiter")
        result["presses_with_limiter"] = await presses(
            url, fake, burst=cfg["press_shipped"], paced=20, limiter="kept"
        )
    runs = []
    for limiter, rate, concurrency, latency, model in RATE_RUNS[db]:
        limit = 1000 if rate == 1000 else 30
        seconds = cfg["rate_1000_seconds"] if limit == 1000 else cfg["rate_30_seconds"]
        pacing = "as built by Kept" if limiter == "kept" else f"{limiter} {rate}/s"
        say(
            f"{db}: (b) limit {limit}/s, limiter {pacing}, concurrency {concurrency}, "
            f"latency {latency * 1000:.0f} ms, fake {model}, {seconds:.0f}s"
        )
        run = await send_rate(
            url,
            fake,
            limit=limit,
            concurrency=concurrency,
            seconds=seconds,
            latency=latency,
            model=model,
            limiter=limiter,
            rate=rate,
        )
        runs.append(run)
    result["send_rate"] = runs
    return result


def scheduled(path: Path) -> int:
    """Active commitments with a next due instant: the schedule, as rows."""
    with sqlite3.connect(path) as db:
        return int(
            db.execute(
                "SELECT count(*) FROM commitments WHERE state='active' AND next_due_at IS NOT NULL"
            ).fetchone()[0]
        )


async def memory_and_usual(
    work: Path, fake: FakeApiProcess, cfg: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Items 6 and 7."""
    ours: dict[str, Any] = {}
    files: dict[int, Path] = {}
    for n in cfg["memory_sizes"]:
        path = work / f"memory-{n}.db"
        say(f"memory: seeding {n} commitments (due tomorrow, one probe due now)")
        seeded = await asyncio.to_thread(seed_sqlite, path, n, this_minute(), due_now=False)
        say(f"memory: kept run with {n} commitments")
        run = await asyncio.to_thread(kept_run, seeded.url, fake, work / "run", str(n))
        run["seed_s"] = round(seeded.seconds, 1)
        run["scheduled_after_restart"] = scheduled(path)
        ours[str(n)] = run
        files[n] = path
    small, middle, large = cfg["memory_sizes"]
    base = ours[str(small)]["rss_mib"]
    ours["growth_mib_per_100k"] = {
        f"at {middle}": round((ours[str(middle)]["rss_mib"] - base) * 100_000 / middle, 1),
        f"at {large}": round((ours[str(large)]["rss_mib"] - base) * 100_000 / large, 1),
    }
    state = work / "usual.pickle"
    say(f"usual design: {middle} run_daily jobs")
    with_jobs = await asyncio.to_thread(usual.measure, files[middle], fake, state, True)
    say("usual design: restarted (jobs were made by handlers; PicklePersistence on)")
    restarted = await asyncio.to_thread(usual.measure, files[middle], fake, state, False)
    ours_mid = ours[str(middle)]
    growth_usual = with_jobs["rss_mib"] - restarted["rss_mib"]
    growth_ours = ours_mid["rss_mib"] - base
    theirs = {
        "commitments": middle,
        "with_jobs": with_jobs,
        "after_restart": restarted,
        "ratios_usual_over_ours": {
            "rss": round(with_jobs["rss_mib"] / ours_mid["rss_mib"], 2),
            "rss_growth_for_these_commitments": (
                round(growth_usual / growth_ours, 1) if growth_ours > 1 else None
            ),
            "start_to_ready": round(with_jobs["ready_s"] / ours_mid["ready_s"], 1),
        },
        "rss_growth_mib": {"usual": round(growth_usual, 1), "ours": round(growth_ours, 1)},
    }
    return ours, theirs


def goals(results: dict[str, Any]) -> dict[str, Any]:
    """Each goal of the issue, the figure that answers it, and whether it is met."""
    sqlite_runs = results["fanout"]["sqlite"]["send_rate"]
    default = next(
        r
        for r in sqlite_runs
        if r["limiter"] == "kept" and r["concurrency"] == 1 and not r["simulated_latency_ms"]
    )
    cpu = {
        db: results["fanout"][db]["cpu"]["cpu_ms_per_nudge"]["total"]
        for db in ("sqlite", "postgresql")
    }
    press = results["fanout"]["sqlite"]["presses"]
    memory = results["memory_startup"]
    large = str(max(int(k) for k in memory if k.isdigit()))
    growth = max(memory["growth_mib_per_100k"].values())
    return {
        "send_rate_95pct_no_429": {
            "figure": f"{default['fraction_of_limit']:.1%} of 30/s, {default['http_429']} × 429 "
            f"(Kept's limiter: {default['limiter_pacing']}; SEND_CONCURRENCY=1; strict window)",
            "met": default["fraction_of_limit"] >= 0.95 and default["http_429"] == 0,
        },
        "cpu_le_0.5ms_per_nudge": {
            "figure": f"SQLite {cpu['sqlite']} ms, PostgreSQL {cpu['postgresql']} ms",
            "met": max(cpu.values()) <= 0.5,
        },
        "presses_ge_1000_per_s_p99_le_20ms_sqlite": {
            "figure": f"{press['presses_per_s']}/s, p99 {press['paced']['latency_ms']['p99']} ms",
            "met": press["presses_per_s"] >= 1000 and press["paced"]["latency_ms"]["p99"] <= 20,
        },
        "memory_le_10mib_per_100k": {
            "figure": f"{growth} MiB per 100,000",
            "met": growth <= 10,
        },
        "startup_le_2s_at_1m": {
            "figure": f"{memory[large]['first_tick_s']} s to the first tick with {large}",
            "met": memory[large]["first_tick_s"] <= 2,
        },
    }


async def main(quick: bool) -> dict[str, Any]:
    """Everything, in one run."""
    cfg = QUICK if quick else FULL
    RESULTS.mkdir(parents=True, exist_ok=True)
    loads = {"start": wait_for_quiet(1.0, 0 if quick else 120)}
    log_to(RESULTS / "bench.log")
    work = Path(tempfile.mkdtemp(prefix="kept-bench-"))
    results: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "config": {k: list(v) if isinstance(v, tuple) else v for k, v in cfg.items()},
        "machine": await describe(),
    }
    try:
        with FakeApiProcess(RESULTS / "fakeapi.log") as fake:
            n = cfg["fanout_commitments"]
            say(f"sqlite: seeding {n} commitments of {n // 2} couples, all due this minute")
            seeded = await asyncio.to_thread(seed_sqlite, work / "fanout.db", n, this_minute())
            sqlite = await fanout_and_presses("sqlite", seeded.url, seeded.seconds, fake, cfg)
            say(f"postgresql: seeding {n} commitments into a fresh database")
            seeded = await seed_pg(PG_DATABASE, n, this_minute())
            postgres = await fanout_and_presses("postgresql", seeded.url, seeded.seconds, fake, cfg)
            results["fanout"] = {"sqlite": sqlite, "postgresql": postgres}
            loads["after_fanout_and_presses"] = load()
            ours, theirs = await memory_and_usual(work, fake, cfg)
            results["memory_startup"] = ours
            results["usual_design"] = theirs
    finally:
        await drop_pg(PG_DATABASE)
        shutil.rmtree(work, ignore_errors=True)
    loads["end"] = load()
    results["load_average_1min"] = loads
    results["goals"] = goals(results)
    results["total_seconds"] = round(time.monotonic() - _T0)
    return results


def run() -> None:
    """Command line entry: run, write latest.json, print it."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    args = parser.parse_args()
    results = asyncio.run(main(args.quick))
    text = json.dumps(results, indent=2, ensure_ascii=False)
    name = "quick.json" if args.quick else "latest.json"
    (RESULTS / name).write_text(text + "\n", encoding="utf-8")
    print(text)
    say(f"written to {RESULTS / name}")


if __name__ == "__main__":
    run()
