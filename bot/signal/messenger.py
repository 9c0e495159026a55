"""The Messenger port on Signal: buttons become numbered choices, edits use editTimestamp."""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence

from bot.domain.ports import (
    Button,
    DeliveryError,
    Outgoing,
    RecipientBlocked,
    Sent,
    TryLater,
)
from bot.signal.addresses import Address
from bot.signal.client import (
    SignalClient,
    SignalError,
    SignalRecipientUnreachable,
    SignalUnavailable,
)
from bot.signal.store import SqlSignalStore

log = logging.getLogger(__name__)


def numbered(outgoing: Outgoing) -> tuple[str, list[str]]:
    """The message as Signal shows it, and the action data of each number in order.

    Signal has no buttons: each choice gets a number to reply with. Links stay links.
    """
    choices = [b for row in outgoing.buttons for b in row if b.action and not b.url]
    links = [b for row in outgoing.buttons for b in row if b.url]
    lines = _choice_lines(choices) + [f"{b.label}: {b.url}" for b in links]
    body = outgoing.text if not lines else outgoing.text + "\n\n" + "\n".join(lines)
    return body, [b.action for b in choices]


def _choice_lines(choices: Sequence[Button]) -> list[str]:
    if not choices:
        return []
    if all(b.label == str(n) for n, b in enumerate(choices, 1)):
        # A scale (1–5): one line says it all.
        return [" · ".join(b.label for b in choices)]
    return [f"{n} {b.label}" for n, b in enumerate(choices, 1)]


def png_attachment(png: bytes, name: str) -> str:
    """An image as signal-cli's data-URI attachment."""
    return data_uri("image/png", name, png)


def data_uri(mime: str, filename: str, data: bytes) -> str:
    """A file as signal-cli's data-URI attachment."""
    return f"data:{mime};filename={filename};base64,{base64.b64encode(data).decode('ascii')}"


class SignalMessenger:
    """Sends through signal-cli and remembers each message's numbered choices."""

    def __init__(self, client: SignalClient, store: SqlSignalStore) -> None:
        self._client = client
        self._store = store

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Send text with numbered choices; the timestamp Signal returns is the message id."""
        body, actions = numbered(message)
        timestamp = await self._send(chat_id, body)
        await self._store.save_menu(chat_id, timestamp, actions)
        return Sent(chat_id, timestamp)

    async def edit(self, sent: Sent, message: Outgoing) -> None:
        """Replace an earlier message of the bot (Signal shows it as edited)."""
        body, actions = numbered(message)
        await self._send(sent.chat_id, body, edit_timestamp=sent.message_id)
        # Choices keep the original timestamp: replies and reactions name that one.
        await self._store.save_menu(sent.chat_id, sent.message_id, actions)

    async def send_photo(self, chat_id: int, png: bytes, caption: str) -> Sent:
        """Send a PNG image with a caption."""
        return await self._send_file(chat_id, caption, png_attachment(png, "kept-chart.png"))

    async def send_document(self, chat_id: int, data: bytes, filename: str, caption: str) -> Sent:
        """Send a file with a caption."""
        mime = "application/json" if filename.endswith(".json") else "application/octet-stream"
        return await self._send_file(chat_id, caption, data_uri(mime, filename, data))

    async def _send_file(self, chat_id: int, caption: str, attachment: str) -> Sent:
        timestamp = await self._send(chat_id, caption, [attachment])
        # No choices: a number typed next looks past this message.
        await self._store.save_menu(chat_id, timestamp, [])
        return Sent(chat_id, timestamp)

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        """Whether a person is in a Signal group."""
        group, person = await self._store.address_of(chat_id), await self._store.address_of(user_id)
        if group is None or person is None or not group.is_group or person.is_group:
            return False
        try:
            groups = await self._client.list_groups()
        except SignalError as error:
            log.warning("could not list Signal groups: %s", type(error).__name__)
            return False
        for found in groups:
            if found.get("id") == group.group_id:
                return any(person.matches(m) for m in found.get("members") or [])
        return False

    def can_reach(self, chat_id: int, user_id: int) -> bool:
        """Any Signal user can be added to a Signal group."""
        return True

    def choices_are_private(self, chat_id: int) -> bool:
        """A choice on Signal is a typed reply, which everyone in a group reads."""
        return False

    async def _send(
        self,
        chat_id: int,
        body: str,
        attachments: list[str] | None = None,
        edit_timestamp: int | None = None,
    ) -> int:
        address = await self._address(chat_id)
        try:
            return await self._client.send(
                recipient=address.recipient,
                group_id=address.group_id,
                message=body,
                attachments=attachments,
                edit_timestamp=edit_timestamp,
            )
        except SignalRecipientUnreachable as error:
            raise RecipientBlocked(type(error).__name__) from error
        except SignalUnavailable as error:
            raise TryLater(None) from error
        except SignalError as error:
            raise DeliveryError(type(error).__name__) from error

    async def _address(self, chat_id: int) -> Address:
        address = await self._store.address_of(chat_id)
        if address is None:
            raise RecipientBlocked("unknown Signal chat")
        return address
