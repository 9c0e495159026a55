"""Button actions: short opaque strings (well under Telegram's 64 bytes) and their parsing."""

from __future__ import annotations

from dataclasses import dataclass

KEPT = "k"
MISSED = "m"
NOTICED = "n"
PAUSE = "cp"
RESUME = "cr"
CHANGE_TIME = "ct"
DELETE = "cd"
CONFIRM_DELETE = "cy"
CANCEL_DELETE = "cx"
DAYS = "d"
PICK_DAY = "dp"
CHECKIN = "q"
SNOOZE = "z"
FEWER_DAYS = "sd"
SHARE_REFLECTION = "sr"
SHARE_WORDS = "sw"
KEEP_WORDS = "kw"
SMALLER = "st"
FORGET = "fy"
KEEP_DATA = "fx"
# An invitation opened by its link: join, or not now; the argument is the inviter's id.
JOIN = "jy"
NOT_NOW = "jn"
# /unpair: end the couple, or stay paired; the argument is the couple's id.
UNPAIR = "uy"
KEEP_COUPLE = "ux"
# The chore plan: add, assignee, days, swap a day and its answer.
CHORE_ADD = "ha"
CHORE_SWAP = "hs"
CHORE_WHO = "hw"
CHORE_DAYS = "hd"
CHORE_PICK_DAY = "hp"
SWAP_DAY = "hq"
SWAP_ACCEPT = "hk"
SWAP_DECLINE = "hn"
# /sharing: as it happens ("live"), one summary a day ("sum"), or the summary's time (HHMM).
SHARING = "sh"
CHORE_VERBS = frozenset(
    {
        CHORE_ADD,
        CHORE_SWAP,
        CHORE_WHO,
        CHORE_DAYS,
        CHORE_PICK_DAY,
        SWAP_DAY,
        SWAP_ACCEPT,
        SWAP_DECLINE,
    }
)

_WITH_ID = {
    JOIN,
    NOT_NOW,
    CHORE_ADD,
    CHORE_SWAP,
    CHORE_WHO,
    SWAP_DAY,
    SWAP_ACCEPT,
    SWAP_DECLINE,
    SNOOZE,
    SHARE_REFLECTION,
    SHARE_WORDS,
    KEEP_WORDS,
    FEWER_DAYS,
    SMALLER,
    KEPT,
    MISSED,
    NOTICED,
    PAUSE,
    RESUME,
    CHANGE_TIME,
    DELETE,
    CONFIRM_DELETE,
    CANCEL_DELETE,
    FORGET,
    KEEP_DATA,
    UNPAIR,
    KEEP_COUPLE,
}
DAY_PRESETS = ("all", "wk", "we", "pick")


@dataclass(frozen=True)
class Action:
    """A parsed button press: a verb and its argument."""

    verb: str
    arg: int | str


def encode(verb: str, arg: int | str) -> str:
    """The callback data of an action."""
    return f"{verb}:{arg}"


def decode(data: str | None) -> Action | None:
    """The action a callback carries, or None when it is not one of ours or is malformed."""
    if not data or len(data) > 64 or ":" not in data:
        return None
    verb, _, arg = data.partition(":")
    if verb in _WITH_ID:
        return Action(verb, int(arg)) if arg.isascii() and arg.isdigit() and len(arg) < 19 else None
    if verb == DAYS and arg in DAY_PRESETS:
        return Action(verb, arg)
    if verb == CHORE_DAYS and arg in DAY_PRESETS:
        return Action(verb, arg)
    if verb == CHORE_PICK_DAY and (arg == "ok" or (arg in "0123456" and len(arg) == 1)):
        return Action(verb, arg)
    if verb == SHARING and (
        arg in ("live", "sum") or (len(arg) == 4 and arg.isascii() and arg.isdigit())
    ):
        return Action(verb, arg)
    if verb == CHECKIN and 0 < len(arg) <= 32 and arg.isascii():
        return Action(verb, arg)
    if verb == PICK_DAY and (arg == "ok" or (arg.isascii() and arg.isdigit() and int(arg) < 7)):
        return Action(verb, arg)
    return None
