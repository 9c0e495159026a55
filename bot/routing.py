"""One Messenger over both transports: each chat id belongs to Telegram or to Signal."""

from __future__ import annotations

from bot.domain.ports import DeliveryError, Messenger, Outgoing, Sent
from bot.signal.addresses import is_signal_chat


class RoutingMessenger:
    """Sends each message through the transport its chat belongs to (mixed couples use both)."""

    def __init__(self, telegram: Messenger | None, signal: Messenger | None) -> None:
        self._telegram = telegram
        self._signal = signal

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Send through the chat's transport."""
        return await self._for(chat_id).send(chat_id, message)

    async def edit(self, sent: Sent, message: Outgoing) -> None:
        """Edit through the chat's transport."""
        await self._for(sent.chat_id).edit(sent, message)

    async def send_photo(self, chat_id: int, png: bytes, caption: str) -> Sent:
        """Send an image through the chat's transport."""
        return await self._for(chat_id).send_photo(chat_id, png, caption)

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        """A Telegram person is never in a Signal group, nor the other way round."""
        messenger = self._serving(chat_id)
        if messenger is None or is_signal_chat(chat_id) != is_signal_chat(user_id):
            return False
        return await messenger.is_member(chat_id, user_id)

    def can_reach(self, chat_id: int, user_id: int) -> bool:
        """A person on one messenger can never read a chat on the other."""
        messenger = self._serving(chat_id)
        if messenger is None or is_signal_chat(chat_id) != is_signal_chat(user_id):
            return False
        return messenger.can_reach(chat_id, user_id)

    def choices_are_private(self, chat_id: int) -> bool:
        """Ask the chat's transport; a chat with no transport configured has no private choices."""
        messenger = self._serving(chat_id)
        return messenger is not None and messenger.choices_are_private(chat_id)

    def _serving(self, chat_id: int) -> Messenger | None:
        return self._signal if is_signal_chat(chat_id) else self._telegram

    def _for(self, chat_id: int) -> Messenger:
        messenger = self._serving(chat_id)
        if messenger is None:
            # The person came on a transport this instance does not serve (any more): fail this
            # message, but do not treat the person as gone; the operator may bring it back.
            kind = "Signal" if is_signal_chat(chat_id) else "Telegram"
            raise DeliveryError(f"{kind} is not configured")
        return messenger
