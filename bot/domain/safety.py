"""Safety in the words people write: notice words of violence, threat or self-harm.

Such words are never passed on to the partner automatically: the author is answered privately
with crisis resources and asked whether they want to share. The lists are deliberately broad;
a false alarm costs a kind message, a missed one could cost much more.
"""

from __future__ import annotations

import re
import unicodedata

# Whole words and phrases; a trailing * marks a stem ("kill*" also finds "killed").
# Accents and case are ignored.
CRISIS_EN = (
    "kill*",
    "suicid*",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "self harm",
    "self-harm",
    "cut myself",
    "end my life",
    "end it all",
    "want to die",
    "better off dead",
    "overdos*",
    "hit me",
    "hits me",
    "hitting me",
    "beat me",
    "beats me",
    "chok*",
    "strangl*",
    "threat*",
    "weapon*",
    "gun",
    "guns",
    "knife",
    "knives",
    "rape",
    "abus*",
    "afraid for my life",
    "scared for my life",
)
CRISIS_ES = (
    "matar*",
    "mato",
    "mata",
    "suicid",
    "hacerme dano",
    "autolesi*",
    "cortarme",
    "quitarme la vida",
    "no quiero vivir",
    "quiero morir",
    "me pega",
    "me pego",
    "pegarme",
    "golpe*",
    "me golpea",
    "ahorc*",
    "estrangul*",
    "amenaz*",
    "arma",
    "armas",
    "pistola",
    "cuchillo",
    "violacion",
    "violar*",
    "maltrat*",
    "abuso",
    "miedo por mi vida",
)


def _regex(entry: str) -> str:
    if entry.endswith("*"):
        return re.escape(entry[:-1])
    return re.escape(entry) + r"\b"


_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(_regex(w) for w in sorted({*CRISIS_EN, *CRISIS_ES}, key=len, reverse=True))
    + ")"
)


def clean_words(words: str, limit: int) -> str:
    """Free text as stored: control characters (NUL included, which PostgreSQL refuses) dropped,
    line breaks and tabs kept, trimmed to `limit` characters."""
    kept = "".join(ch for ch in words if ch in "\n\t" or ch.isprintable())
    return kept.strip()[:limit]


def _plain(words: str) -> str:
    """Lower case without accents, so 'Amenazó' and 'amenazo' read the same."""
    decomposed = unicodedata.normalize("NFKD", words.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # The phrases are written with one space; "hit\nme" or "hit  me" must be found too.
    return " ".join(plain.split())


def has_crisis_words(words: str | None) -> bool:
    """Whether free text contains words of violence, threat or self-harm (English or Spanish)."""
    return bool(words) and _PATTERN.search(_plain(words or "")) is not None
