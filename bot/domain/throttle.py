"""A per-person rate limit: a sliding window over a clock the caller passes in."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

COMMANDS_PER_MINUTE = 20
WINDOW = timedelta(seconds=60)


class Verdict(Enum):
    """What to do with one more request from a person."""

    ALLOW = "allow"
    # Over the limit for the first time in this window: say "slow down" once, do nothing else.
    WARN_ONCE = "warn_once"
    DROP = "drop"


@dataclass
class _Window:
    seen: datetime
    allowed: deque[datetime] = field(default_factory=deque)
    warned_at: datetime | None = None


class Throttle:
    """At most `limit` requests per key in any `window`; one over it warns, the rest drop.

    Only allowed requests fill the window, so someone who keeps sending is served again as soon
    as their oldest allowed request is `window` old. A key is warned at most once per `window`,
    however often it brushes the limit. Keys with nothing left in their window are forgotten,
    so memory follows the people active in the last window, not everyone ever seen.
    """

    def __init__(self, limit: int = COMMANDS_PER_MINUTE, window: timedelta = WINDOW) -> None:
        if limit < 1 or window <= timedelta(0):
            raise ValueError("a throttle needs a positive limit and window")
        self._limit = limit
        self._window = window
        # Ordered by each key's last allowed or warned request, oldest first: idle keys in front.
        self._keys: OrderedDict[Hashable, _Window] = OrderedDict()

    def allow(self, key: Hashable, now: datetime) -> Verdict:
        """Count one request of `key` at `now` and say whether to serve it."""
        horizon = now - self._window
        self._forget_idle(horizon)
        state = self._keys.get(key)
        if state is None:
            state = self._keys[key] = _Window(now)
        while state.allowed and state.allowed[0] <= horizon:
            state.allowed.popleft()
        if len(state.allowed) < self._limit:
            state.allowed.append(now)
            verdict = Verdict.ALLOW
        elif state.warned_at is not None and state.warned_at > horizon:
            # Dropped requests leave no trace, so pressing on does not extend the pause.
            return Verdict.DROP
        else:
            state.warned_at = now
            verdict = Verdict.WARN_ONCE
        state.seen = now
        self._keys.move_to_end(key)
        return verdict

    def __len__(self) -> int:
        """How many keys are remembered."""
        return len(self._keys)

    def _forget_idle(self, horizon: datetime) -> None:
        while self._keys:
            key, state = next(iter(self._keys.items()))
            # Once its last allowed or warned request is a window old, a key's state is moot.
            if state.seen > horizon:
                return
            del self._keys[key]
