"""Message catalogue: every text a person reads, by language and key, and localised dates."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, get_day_names
from babel.lists import format_list
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


def load_catalogue(language: str) -> dict[str, str]:
    """One language's gettext catalogue (locales/<language>/LC_MESSAGES/kept.po) as key -> text."""
    with (LOCALES / language / "LC_MESSAGES" / "kept.po").open("rb") as po:
        catalogue = read_po(po, locale=language)
    return {str(message.id): str(message.string) for message in catalogue if message.id}


# Read once at import: the catalogues are small and never change while the bot runs.
CATALOGUES: dict[str, dict[str, str]] = {
    language: load_catalogue(language) for language in LANGUAGES
}
# Words a person may type to /language, besides the codes themselves (accents optional).
LANGUAGE_WORDS = {
    "english": "en",
    "ingles": "en",
    "spanish": "es",
    "espanol": "es",
    "castellano": "es",
}


def language_for(code: str | None) -> str:
    """The catalogue language closest to a client's language code (e.g. 'es-MX' -> 'es')."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    return base if base in CATALOGUES else DEFAULT_LANGUAGE


def language_named(word: str) -> str | None:
    """The catalogue language a person asked for ('es', 'es-MX', 'español'…), or None."""
    plain = without_accents(word.strip().lower())
    base = plain.replace("_", "-").split("-")[0]
    if base in CATALOGUES:
        return base
    return LANGUAGE_WORDS.get(plain)


def without_accents(word: str) -> str:
    """The word with its accents dropped ('miércoles' -> 'miercoles')."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def text(language: str, key: str, **params: object) -> str:
    """The text for a key in a language, with its placeholders filled."""
    catalogue = CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])
    template = catalogue.get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return template.format(**params) if params else template


def names_together(language: str, names: list[str]) -> str:
    """Names joined as the language says them: 'Ana and Ben', 'Ana y Ben'."""
    return format_list(names, locale=_locale(language))


def _locale(language: str) -> str:
    return language if language in CATALOGUES else DEFAULT_LANGUAGE


@lru_cache(maxsize=8)
def day_names(language: str, wide: bool = False) -> tuple[str, ...]:
    """Weekday names, Monday first: 'Mon'… or 'lun'… ('Monday'… or 'lunes'… when wide)."""
    names = get_day_names("wide" if wide else "abbreviated", "format", _locale(language))
    return tuple(names[day] for day in range(7))


def day_name(language: str, weekday: int, wide: bool = False) -> str:
    """One weekday's name (0 = Monday)."""
    return day_names(language, wide)[weekday]


def week_label(language: str, year: int, week: int) -> str:
    """An ISO week named by its Monday, as people know weeks: '2 Nov', '2 nov'."""
    return format_date(date.fromisocalendar(year, week, 1), "d MMM", locale=_locale(language))


def short_date(language: str, day: date) -> str:
    """A compact date such as 'Wed 10 Jun' or 'mié 10 jun'."""
    return format_date(day, "EEE d MMM", locale=_locale(language))
