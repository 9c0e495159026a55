"""Turn the domain's buttons into Telegram inline keyboards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.ports import Outgoing


def markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    """The inline keyboard of a message, or None when it has no buttons."""
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(button.label, url=button.url)
                if button.url
                else InlineKeyboardButton(button.label, callback_data=button.action)
                for button in row
            ]
            for row in message.buttons
        ]
    )
