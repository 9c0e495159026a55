"""The Messenger port on Telegram: send and edit through python-telegram-bot's Bot."""

from __future__ import annotations

from telegram import Bot, ChatMember
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.domain.ports import DeliveryError, Outgoing, RecipientBlocked, Sent, TryLater
from bot.telegram.keyboards import markup

MEMBER_STATUSES = {ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER}


def _delivery_error(error: TelegramError) -> DeliveryError:
    """Map Telegram's errors onto what the domain needs to decide: retry or give up."""
    if isinstance(error, Forbidden):
        return RecipientBlocked(type(error).__name__)
    if isinstance(error, RetryAfter):
        after = error.retry_after
        seconds = after.total_seconds() if hasattr(after, "total_seconds") else float(after)
        return TryLater(seconds)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return TryLater(None)
    return DeliveryError(type(error).__name__)


class TelegramMessenger:
    """Sends messages with inline keyboards and maps failures to domain errors."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: int, message: Outgoing) -> Sent:
        """Send a text message with its buttons."""
        try:
            sent = await self._bot.send_message(chat_id, message.text, reply_markup=markup(message))
        except TelegramError as error:
            raise _delivery_error(error) from error
        return Sent(sent.chat_id, sent.message_id)

    async def edit(self, sent: Sent, message: Outgoing) -> None:
        """Replace a message's text and buttons; an unchanged message is fine."""
        try:
            await self._bot.edit_message_text(
                message.text,
                chat_id=sent.chat_id,
                message_id=sent.message_id,
                reply_markup=markup(message),
            )
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                raise DeliveryError("BadRequest") from error
        except TelegramError as error:
            raise _delivery_error(error) from error

    async def send_photo(self, chat_id: int, png: bytes, caption: str) -> Sent:
        """Send a PNG image with a caption."""
        try:
            sent = await self._bot.send_photo(chat_id, png, caption=caption[:1024])
        except TelegramError as error:
            raise _delivery_error(error) from error
        return Sent(sent.chat_id, sent.message_id)

    def can_reach(self, chat_id: int, user_id: int) -> bool:
        """Any Telegram user can be added to a Telegram group."""
        return True

    async def is_member(self, chat_id: int, user_id: int) -> bool:
        """Whether a user is in a group chat."""
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramError:
            return False
        return member.status in MEMBER_STATUSES or getattr(member, "is_member", False) is True

    def choices_are_private(self, chat_id: int) -> bool:
        """A button press under a message is seen by the bot only, even in a group."""
        return True
