"""Signal recipients behind the domain's integer chat ids.

The domain knows a chat only as an opaque integer. Telegram's ids have at most 52 significant bits,
so every id from SIGNAL_BASE up (2**62) is free for Signal: SIGNAL_BASE + the row id of the
recipient's address in the signal_addresses table. A person's address is their Signal service id
(UUID) or, when Signal does not tell it, their number; a group's is its base64 group id.
"""

from __future__ import annotations

from dataclasses import dataclass

SIGNAL_BASE = 1 << 62
_PERSON_UUID = "u:"
_PERSON_NUMBER = "n:"
_GROUP = "g:"


def is_signal_chat(chat_id: int) -> bool:
    """Whether a domain chat id belongs to Signal."""
    return chat_id >= SIGNAL_BASE


@dataclass(frozen=True)
class Address:
    """Where a Signal message goes: one person (recipient) or one group (group_id)."""

    recipient: str | None = None
    group_id: str | None = None

    @property
    def is_group(self) -> bool:
        """Whether this is a group."""
        return self.group_id is not None

    def key(self) -> str:
        """The stored form, unique per recipient."""
        if self.group_id is not None:
            return _GROUP + self.group_id
        assert self.recipient is not None
        prefix = _PERSON_NUMBER if self.recipient.startswith("+") else _PERSON_UUID
        return prefix + self.recipient

    @staticmethod
    def from_key(key: str) -> Address:
        """The address of a stored key."""
        if key.startswith(_GROUP):
            return Address(group_id=key[len(_GROUP) :])
        return Address(recipient=key[2:])

    def matches(self, member: dict[str, object]) -> bool:
        """Whether a group member (as listGroups describes one) is this person."""
        return self.recipient is not None and self.recipient in (
            member.get("uuid"),
            member.get("number"),
        )
