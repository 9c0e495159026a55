"""What Kept answers to each command, free text and button press, whatever the transport.

A transport turns what it received into a call here and renders the replies; the checks that
do not depend on the transport (who is speaking, where a command may run, the domain's
refusals) live here so that Telegram and Signal answer alike. `dispatch` holds the tables that
route commands and presses; the handlers live by feature, beside it.
"""

from bot.conversation.dispatch import COMMANDS, Conversation
from bot.conversation.people import JOIN_PREFIX, WORDS_PREFIX
from bot.conversation.replies import Document, Photo, Pressed, Reply, Request, Surface, Where

__all__ = [
    "COMMANDS",
    "JOIN_PREFIX",
    "WORDS_PREFIX",
    "Conversation",
    "Document",
    "Photo",
    "Pressed",
    "Reply",
    "Request",
    "Surface",
    "Where",
]
