"""Weekday masks as tests write them: a list of weekday numbers (0 = Monday)."""

from __future__ import annotations


def mask_of(days: list[int]) -> int:
    """The weekday mask of these weekdays, as the commitments store them."""
    mask = 0
    for day in days:
        mask |= 1 << day
    return mask
