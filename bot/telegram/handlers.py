"""Thin Telegram handlers: read the update, ask the conversation, render its replies."""

from __future__ import annotations

from collections.abc import Callable

from telegram import CallbackQuery, Message, Update, User
from telegram.constants import CallbackQueryLimit, ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.conversation import JOIN_PREFIX, Conversation, Document, Photo, Reply, Where
from bot.domain.people import Identity
from bot.domain.ports import Outgoing, Sent
from bot.telegram.keyboards import markup
from bot.wiring import Services

Context = ContextTypes.DEFAULT_TYPE


def identity(user: User) -> Identity:
    """The domain's view of a Telegram user."""
    return Identity(user.id, user.full_name or user.first_name or "", user.language_code)


def where(message: Message) -> Where:
    """The chat of a message.

    Telegram sends messages from private chats, groups and supergroups only; anything but a
    one-to-one chat counts as shared, so that private commands never answer there.
    """
    return Where(message.chat.id, group=message.chat.type != ChatType.PRIVATE)


class TelegramSurface:
    """Telegram's side of the conversation: invitations are deep links to the bot."""

    def __init__(self, bot_username: Callable[[], str]) -> None:
        self._bot_username = bot_username

    def invite_link(self, code: str) -> str | None:
        """The link that opens the bot with /start join-<code>."""
        return f"https://t.me/{self._bot_username()}?start={JOIN_PREFIX}{code}"

    def has_buttons(self) -> bool:
        """Telegram has buttons: nothing to explain."""
        return True


class TelegramHandlers:
    """Every command, text and button of Kept on Telegram."""

    def __init__(self, services: Services, bot_username: Callable[[], str]) -> None:
        self._conversation = Conversation(services)
        self._surface = TelegramSurface(bot_username)
        self._bot_username = bot_username

    async def command(self, update: Update, context: Context) -> None:
        """A command Kept has (the CommandHandler matched it, addressed to this bot if at all)."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        name = command_word(message).split("@")[0]
        replies = await self._conversation.command(
            identity(user),
            name,
            list(context.args or []),
            command_rest(message.text),
            where(message),
            self._surface,
        )
        await send_replies(message, replies)

    async def unknown_command(self, update: Update, _: Context) -> None:
        """A command Kept does not have: say so in private, or when addressed in a group."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        addressed = message.text.split()[0].lower().endswith("@" + self._bot_username().lower())
        if message.chat.type != ChatType.PRIVATE and not addressed:
            return
        # The whole word, "@bot" included: no command handler took it, so it stays unknown. Its
        # words still go along: in private they are read for crisis words like any other.
        replies = await self._conversation.command(
            identity(user),
            command_word(message),
            [],
            command_rest(message.text),
            where(message),
            self._surface,
        )
        await send_replies(message, replies)

    async def text_message(self, update: Update, _: Context) -> None:
        """Free text in private: the answer to whatever guided step is pending."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or message.text is None:
            return
        await send_replies(message, await self._conversation.text(identity(user), message.text))

    async def button(self, update: Update, _: Context) -> None:
        """Every button press: the conversation acts, Telegram shows the toast and the changes."""
        query = update.callback_query
        if query is None:
            return
        pressed = Sent(query.message.chat.id, query.message.message_id) if query.message else None
        result = await self._conversation.press(
            identity(query.from_user), query.data or "", pressed
        )
        await query.answer(fit_toast(result.toast))
        # Without the pressed message there is nothing to edit and no chat to write to.
        if pressed is None:
            return
        if result.edit is not None:
            await show_on_pressed(query, result.edit)
        for follow_up in result.send:
            await query.get_bot().send_message(
                pressed.chat_id, follow_up.text, reply_markup=markup(follow_up)
            )


async def send_replies(message: Message, replies: list[Reply]) -> None:
    """Answer a message with each reply in turn: texts with buttons, images, files."""
    for item in replies:
        if isinstance(item, Photo):
            await message.reply_photo(item.png, caption=item.caption)
        elif isinstance(item, Document):
            await message.reply_document(item.data, filename=item.filename, caption=item.caption)
        else:
            await message.reply_text(item.text, reply_markup=markup(item))


async def show_on_pressed(query: CallbackQuery, outgoing: Outgoing) -> None:
    """Edit the pressed message; after a double tap it may already show this very state."""
    try:
        await query.edit_message_text(outgoing.text, reply_markup=markup(outgoing))
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


def fit_toast(toast: str) -> str:
    """A button answer within Telegram's limit; longer ones are refused with 400."""
    limit = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
    return toast if len(toast) <= limit else toast[: limit - 1] + "…"


def command_word(message: Message) -> str:
    """The command as Telegram marked it, without the slash, in lower case ("help@kept_bot")."""
    assert message.text is not None and message.entities
    return message.text[1 : message.entities[0].length].lower()


def command_rest(words: str) -> str:
    """The text after the command word, with its original spacing."""
    _, _, rest = words.partition(" ")
    return rest
