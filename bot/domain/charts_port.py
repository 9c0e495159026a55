"""The chart port: the domain says what to draw, an adapter draws it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PersonSeries:
    """One partner's weekly trust ratings (1-5) and kept rates (0-1); None where unknown."""

    name: str
    trust: Sequence[int | None]
    kept_rate: Sequence[float | None]


class ChartMaker(Protocol):
    """Draws the trend chart as PNG bytes."""

    def __call__(
        self,
        title: str,
        week_labels: Sequence[str],
        people: Sequence[PersonSeries],
        *,
        trust_label: str,
        kept_label: str,
    ) -> bytes: ...
