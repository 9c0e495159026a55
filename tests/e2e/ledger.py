"""Read and nudge the bot's SQLite file from end-to-end tests (while the bot is stopped).

Moving a commitment's next nudge to "now" stands in for waiting until its minute comes: the
bot's catch-up tick at start-up then delivers it at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


def _instant(moment: datetime) -> str:
    """How the bot's UtcDateTime column stores an instant in SQLite (naive UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


class Ledger:
    """The bot's database file, opened briefly for each question."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as db:
            db.row_factory = sqlite3.Row
            with db:
                yield db

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        """Run a query; rows as dicts."""
        with self._db() as db:
            return [dict(row) for row in db.execute(sql, params)]

    def nudges_of(self, chat_id: int) -> list[dict[str, Any]]:
        """A person's ledger rows, oldest first."""
        return self.rows(
            "SELECT n.* FROM nudges n JOIN people p ON p.id = n.person_id "
            "WHERE p.chat_id = ? ORDER BY n.id",
            chat_id,
        )

    def statuses(self) -> dict[str, int]:
        """How many ledger rows are in each status."""
        found = self.rows("SELECT status, COUNT(*) AS n FROM nudges GROUP BY status")
        return {row["status"]: row["n"] for row in found}

    def person(self, chat_id: int) -> dict[str, Any]:
        """A person's row."""
        (row,) = self.rows("SELECT * FROM people WHERE chat_id = ?", chat_id)
        return row

    def due_now(self, *chat_ids: int, day: date | None = None) -> None:
        """Make these people's active commitments due now (on `day`, default their today)."""
        now = datetime.now(UTC)
        with self._db() as db:
            for chat_id in chat_ids:
                (zone,) = db.execute(
                    "SELECT timezone FROM people WHERE chat_id = ?", (chat_id,)
                ).fetchone()
                local_date = day or now.astimezone(ZoneInfo(zone)).date()
                changed = db.execute(
                    "UPDATE commitments SET next_due_at = ?, next_local_date = ? "
                    "WHERE state = 'active' AND person_id = "
                    "(SELECT id FROM people WHERE chat_id = ?)",
                    (_instant(now), local_date.isoformat(), chat_id),
                ).rowcount
                assert changed, f"{chat_id} has no active commitment"

    def due_next_time(self, *chat_ids: int) -> None:
        """Make their next planned nudge (already on a later date) due now: 'the next time'."""
        with self._db() as db:
            for chat_id in chat_ids:
                changed = db.execute(
                    "UPDATE commitments SET next_due_at = ? WHERE state = 'active' "
                    "AND next_local_date IS NOT NULL AND person_id = "
                    "(SELECT id FROM people WHERE chat_id = ?)",
                    (_instant(datetime.now(UTC)), chat_id),
                ).rowcount
                assert changed, f"{chat_id} has no planned nudge"

    def set_next(self, chat_id: int, local_date: date, due_at: datetime) -> None:
        """Put a person's (single) commitment's next nudge at a given date and instant."""
        with self._db() as db:
            changed = db.execute(
                "UPDATE commitments SET next_due_at = ?, next_local_date = ? "
                "WHERE state = 'active' AND person_id = "
                "(SELECT id FROM people WHERE chat_id = ?)",
                (_instant(due_at), local_date.isoformat(), chat_id),
            ).rowcount
            assert changed == 1, f"{chat_id} should have one active commitment"

    def summary_due_now(self, chat_id: int) -> None:
        """Make this person's next daily summary due now (they chose one with /sharing)."""
        with self._db() as db:
            changed = db.execute(
                "UPDATE people SET summary_next_at = ? WHERE chat_id = ? AND sharing = 'summary'",
                (_instant(datetime.now(UTC)), chat_id),
            ).rowcount
            assert changed == 1, f"{chat_id} has no daily summary"
