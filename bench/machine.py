"""The machine the benchmarks ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import asyncpg

from bench.seed import PG_ADMIN

LIBRARIES = (
    "python-telegram-bot",
    "SQLAlchemy",
    "aiosqlite",
    "asyncpg",
    "APScheduler",
    "httpx",
    "aiohttp",
    "aiolimiter",
)


def _cpuinfo() -> dict[str, Any]:
    text = Path("/proc/cpuinfo").read_text()
    models = [line.split(":", 1)[1].strip() for line in text.splitlines() if "model name" in line]
    mhz = [line.split(":", 1)[1].strip() for line in text.splitlines() if "cpu MHz" in line]
    return {"cpu_model": models[0] if models else platform.processor(), "cpu_mhz": mhz[:1]}


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


async def describe() -> dict[str, Any]:
    """CPU, cores, memory, OS, Python, SQLite, PostgreSQL and library versions."""
    connection = await asyncpg.connect(PG_ADMIN)
    try:
        postgres = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    return {
        **_cpuinfo(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres,
        "libraries": {name: version(name) for name in LIBRARIES},
    }
