"""Reading what people type or react on Signal, where there are no buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import actions
from bot.texts import without_accents

# Typed answers to a nudge, English and Spanish, compared without accents or case.
KEPT_WORDS = frozenset(
    {"kept", "keep", "done", "yes", "y", "hecho", "hecha", "cumplido", "cumplida", "si", "✅"}
)
MISSED_WORDS = frozenset(
    {
        "missed",
        "miss",
        "no",
        "n",
        "not kept",
        "falle",
        "fallado",
        "fallada",
        "no cumplido",
        "no cumplida",
        "❌",
    }
)
KEPT_EMOJI = frozenset({"👍", "✅", "❤", "💪", "🙌", "👌"})
MISSED_EMOJI = frozenset({"👎", "❌"})
# Skin tones and the emoji presentation selector do not change what a reaction means.
_EMOJI_MODIFIERS = {chr(c) for c in range(0x1F3FB, 0x1F400)} | {"\ufe0f"}
MAX_CHOICE = 99
# Signal tells no language; a number from a Spanish-speaking country is the best first guess
# (everyone can change it with /language).
SPANISH_CALLING_CODES = (
    "+34",
    "+51",
    "+52",
    "+53",
    "+54",
    "+56",
    "+57",
    "+58",
    "+240",
    "+502",
    "+503",
    "+504",
    "+505",
    "+506",
    "+507",
    "+591",
    "+593",
    "+595",
    "+598",
)


# On Signal commands are typed, so the Spanish name of the weekly check-in works as a command too.
COMMAND_ALIASES = {"repaso": "checkin"}

# Typed without a slash in a private chat, these mean /sos: someone in fear may not remember it.
SOS_WORDS = frozenset({"sos", "ayuda urgente", "urgent help", "socorro"})


def is_sos(message: str) -> bool:
    """Whether a private message asks for crisis lines in words ("sos", "ayuda urgente")."""
    return " ".join(without_accents(message.lower()).strip(" .!¡?¿").split()) in SOS_WORDS


@dataclass(frozen=True)
class Command:
    """A typed command: its name (no slash, lower case), its words, and the rest as typed."""

    name: str
    args: list[str]
    rest: str


def parse_command(message: str) -> Command | None:
    """A command when the message starts with a slash, else None."""
    if not message.startswith("/") or len(message) < 2:
        return None
    word, _, rest = message[1:].partition(" ")
    name = without_accents(word.split("@", 1)[0].lower())
    return Command(COMMAND_ALIASES.get(name, name), rest.split(), rest.strip())


def answer_verb(message: str) -> str | None:
    """KEPT or MISSED when the message is one of the answer words."""
    word = without_accents(message.strip().lower().rstrip(".!¡ "))
    if word in KEPT_WORDS:
        return actions.KEPT
    if word in MISSED_WORDS:
        return actions.MISSED
    return None


def reaction_verb(emoji: str) -> str | None:
    """KEPT for a thumbs up (and a few kin), MISSED for a thumbs down, else None."""
    bare = "".join(ch for ch in emoji if ch not in _EMOJI_MODIFIERS)
    if bare in KEPT_EMOJI:
        return actions.KEPT
    if bare in MISSED_EMOJI:
        return actions.MISSED
    return None


def choice_number(message: str) -> int | None:
    """The number of a numbered choice ("2", "2."), or None."""
    word = message.strip().rstrip(".)")
    if word.isascii() and word.isdigit() and 0 < int(word) <= MAX_CHOICE:
        return int(word)
    return None


def language_of_number(number: str | None) -> str | None:
    """A language code guessed from a phone number's country, or None."""
    if number and number.startswith(SPANISH_CALLING_CODES):
        return "es"
    return None
