"""Safety in the words people write: notice words of violence, threat or self-harm.

Such words are never passed on to the partner automatically: the author is answered privately
with crisis resources and asked whether they want to share. A false alarm costs a kind message,
a missed cry could cost much more, so when a phrase is ambiguous the detector leans to catching.

How it reads, in English and Spanish:

1. `normalise` turns chat into plain words: case, accents, emoji and punctuation go; letters
   stretched for emphasis ("quieroooo") shrink; chat spellings ("q", "xq", "kms", "im", "wanna")
   become the words they stand for. Stretched letters shrink,
   each run to one or two letters, whichever spells a word the patterns know ("killlll" is
   "kill", "quieroooo" is "quiero").
2. Idioms ("dying to", "me muero de risa", "golpe de suerte", "my feet are killing me") are
   blotted out phrase by phrase, so a stem like "kill" or "golpe" still counts everywhere else.
3. Families of patterns look for what matters: wishes to die, active or passive; self-harm;
   pills and overdoses; blows to a person (a violence verb counts when it has a person for object,
   "he hit me", "me pegó", not "hit the gym" or "pegar la foto"); sexual violence; threats and
   weapons; fear of the partner and not feeling safe at home.

Everything is a regular expression compiled once at import (about a fifth of a second); a chat
line costs some 25 microseconds and a 10 kB message a few milliseconds, and nothing leaves the
process. No message text is ever logged.
"""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from bot.domain.crisis_common import CHAT
from bot.domain.crisis_en import EN, EN_IDIOMS
from bot.domain.crisis_es import ES, ES_IDIOMS


def clean_words(words: str, limit: int) -> str:
    """Free text as stored: control characters (NUL included, which PostgreSQL refuses) dropped,
    line breaks and tabs kept, trimmed to `limit` characters."""
    kept = "".join(ch for ch in words if ch in "\n\t" or ch.isprintable())
    return kept.strip()[:limit]


# -- normalising ----------------------------------------------------------------------------


_CHAT_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, CHAT), key=len, reverse=True)) + r")\b"
)

# Digits standing for letters inside a word ("k1ll", "su1c1de").
_LEET = str.maketrans("0134578@$", "oieastbas")
_LEET_WORD = re.compile(r"\S*[a-z]\S*")
_HAS_LEET = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")

# Laughter, so that "me muero jajaja" and "i'm dead 😂" can be told from the same words alone.
_LAUGH_EMOJI = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f639\U0001f480\U0001f60f]")
_LAUGH_WORD = re.compile(
    r"\b(?:j[aeiou]*(?:j[aeiou]+)+j?|a?(?:ha){2,}h?|(?:he){2,}|lol+|lmf?ao+|rofl|xd+|jsjs\w*)\b"
)

# Sentence ends (and any emoji or symbol) become " . ", so patterns can ask for a clause that
# ends: "no puedo mas." is a cry, "no puedo mas con este calor" is weather.
_CLAUSE_END = re.compile(
    r"[.!?;:,()\[\]{}\u2026\u00bf\u00a1]|[^\w\s'\u2019`´\"“”«»\-_/\\*#&+=|~^<>%]"
)
_OTHER_MARKS = re.compile(r"['\u2019`´\"“”«»\-_/\\*#&+=|~^<>%]")
_RUN3 = re.compile(r"([a-z])\1{2,}")
_STRETCHED = re.compile(r"\w*([a-z])\1{2,}\w*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(words: str) -> str:
    """Plain words of a message: no case, accents, emoji, punctuation, stretching or chat spelling."""
    decomposed = unicodedata.normalize("NFKD", words.casefold())
    plain = _LAUGH_EMOJI.sub(" jaja ", _COMBINING.sub("", decomposed))
    if _HAS_LEET.search(plain):
        plain = _LEET_WORD.sub(lambda m: _unleet(m.group()), plain)
    plain = _OTHER_MARKS.sub(" ", _CLAUSE_END.sub(" . ", plain))
    if _RUN3.search(plain):
        plain = _STRETCHED.sub(lambda m: _unstretch(m.group()), plain)
    plain = _LAUGH_WORD.sub(
        "jaja", _CHAT_WORD.sub(lambda m: CHAT[m.group()], " ".join(plain.split()))
    )
    return re.sub(r"(?: \.)+", " .", re.sub(r"^(?:\. )+", "", plain)).strip()


def _unstretch(word: str) -> str:
    # "killlll" is "kill" but "quieroooo" is "quiero": each run of three or more letters becomes
    # one or two, whichever makes a word the patterns know; two when none does ("yesss").
    runs = list(_RUN3.finditer(word))
    if not runs:
        return word
    if len(runs) <= 4:
        for sizes in itertools.product((1, 2), repeat=len(runs)):
            candidate, at = [], 0
            for size, run in zip(sizes, runs, strict=True):
                candidate.append(word[at : run.start()] + run.group(1) * size)
                at = run.end()
            known = "".join(candidate) + word[at:]
            if known in _KNOWN_WORDS:
                return known
    return _RUN3.sub(lambda m: m.group(1) * 2, word)


def _unleet(word: str) -> str:
    return word.translate(_LEET) if _HAS_LEET.search(word) else word


# -- idioms ---------------------------------------------------------------------------------


# -- what counts ----------------------------------------------------------------------------


# -- matching -------------------------------------------------------------------------------

# Every pattern starts at the start of a word. Trying some hundred and fifty alternatives at each
# of the two thousand words of a 10 kB message is slow in `re`, so each pattern is filed under the
# letters it can start with and a word tries only the few filed under its first letter.
_STARTS = "abcdefghijklmnopqrstuvwxyz0123456789"
_WORD_START = re.compile(r"\b\w")


def _first_letters(pattern: str) -> frozenset[str]:
    # The parser is private, so anything it says that is not understood files the pattern under
    # every letter: slower, never wrong.
    try:
        parser = importlib.import_module("re._parser")
        letters, can_be_empty = _sequence_starts(parser.parse(pattern))
    except Exception:
        return frozenset(_STARTS)
    if letters is None or can_be_empty:
        return frozenset(_STARTS)
    return frozenset(letters) & frozenset(_STARTS)


def _sequence_starts(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            return found | {chr(av)}, False
        if name == "IN":
            for item_op, item in av:
                if str(item_op) == "LITERAL":
                    found.add(chr(item))
                elif str(item_op) == "RANGE":
                    found.update(chr(c) for c in range(item[0], item[1] + 1))
                else:
                    return None, False
            return found, False
        if name == "BRANCH":
            parts = [_sequence_starts(alt) for alt in av[1]]
        elif name == "SUBPATTERN":
            parts = [_sequence_starts(av[3])]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            letters, empty = _sequence_starts(av[2])
            parts = [(letters, empty or av[0] == 0)]
        else:
            return None, False
        for letters, _ in parts:
            if letters is None:
                return None, False
            found |= letters
        if not any(empty for _, empty in parts):
            return found, False
    return found, True


def _by_first_letter(patterns: Iterable[str]) -> dict[str, re.Pattern[str]]:
    filed: dict[str, list[str]] = {}
    for pattern in patterns:
        for letter in _first_letters(pattern):
            filed.setdefault(letter, []).append(pattern)
    return {letter: re.compile("|".join(f"(?:{p})" for p in ps)) for letter, ps in filed.items()}


_IDIOMS = _by_first_letter((*EN_IDIOMS, *ES_IDIOMS))
_PATTERNS = _by_first_letter((*EN, *ES))


def _blot_idioms(plain: str) -> str:
    # Like re.sub: leftmost idiom first, no overlaps; blotted with "~" so no clause seems to end.
    kept, at = [], 0
    for start in _WORD_START.finditer(plain):
        i = start.start()
        idioms = _IDIOMS.get(plain[i]) if i >= at else None
        found = idioms.match(plain, i) if idioms else None
        if found:
            kept.append(plain[at:i] + " ~ ")
            at = found.end()
    return "".join(kept) + plain[at:]


def _has_pattern(plain: str) -> bool:
    for start in _WORD_START.finditer(plain):
        patterns = _PATTERNS.get(start.group())
        if patterns and patterns.match(plain, start.start()):
            return True
    return False


# Every word the patterns and idioms spell out, to tell stretched letters from doubled ones.
_KNOWN_WORDS = frozenset(
    re.findall(r"[a-z]+", " ".join((*EN, *ES, *EN_IDIOMS, *ES_IDIOMS, *CHAT, *CHAT.values())))
)


def has_crisis_words(words: str | None) -> bool:
    """Whether free text contains words of violence, threat or self-harm (English or Spanish)."""
    if not words:
        return False
    return _has_pattern(_blot_idioms(normalise(words)))
