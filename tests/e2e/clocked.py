"""`kept run` with its clock moved by KEPT_TEST_CLOCK_OFFSET seconds, for end-to-end stories
that cross dates (a daylight-saving change) in minutes: `python -m tests.e2e.clocked run`.

Test-only: the product reads no such variable. Everything else is the real process; only the
Clock the services and jobs are given answers the moved instant (the scheduler still fires on
the real clock's minutes, which the tests keep aligned by moving it by whole minutes).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta

import bot.__main__ as kept

OFFSET = timedelta(seconds=float(os.environ["KEPT_TEST_CLOCK_OFFSET"]))


class MovedClock:
    """The real clock, moved by OFFSET."""

    def now(self) -> datetime:
        """The moved instant, in UTC."""
        return datetime.now(UTC) + OFFSET


kept.SystemClock = MovedClock  # type: ignore[misc,assignment]

if __name__ == "__main__":
    sys.exit(kept.main())
