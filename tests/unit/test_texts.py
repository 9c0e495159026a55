"""The message catalogue: both languages have every key, the same placeholders, and every key
the code asks for; dates and weekdays read naturally in each language."""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest

from bot.domain import errors
from bot.domain.commitments import days_label
from bot.domain.helplines import load_all
from bot.domain.models import PROGRESS_CHOICES
from bot.domain.people import clean_name
from bot.domain.schedule import EVERY_DAY, WEEKDAYS
from bot.telegram.app import MENU
from bot.texts import (
    CATALOGUES,
    day_name,
    day_names,
    language_for,
    language_named,
    names_together,
    short_date,
    text,
)
from tests.weekdays import mask_of

EN = CATALOGUES["en"]
ES = CATALOGUES["es"]

BOT = Path(__file__).resolve().parents[2] / "bot"
# f-string keys the scan below cannot read, with every value their placeholder can take.
KNOWN_FORMS = {
    "commands_{}": [f"commands_{name}" for name in MENU],
    "progress_{}": [f"progress_{choice}" for choice in PROGRESS_CHOICES],
}


def placeholders(template: str) -> set[str]:
    """The named fields of a template ('{name}' -> 'name')."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


# -- parity ---------------------------------------------------------------------------------


def test_every_english_key_has_a_spanish_text() -> None:
    assert sorted(set(EN) - set(ES)) == []


def test_every_spanish_key_exists_in_english() -> None:
    assert sorted(set(ES) - set(EN)) == []


@pytest.mark.parametrize("key", sorted(EN))
def test_placeholders_are_the_same_in_both_languages(key: str) -> None:
    assert placeholders(ES.get(key, "")) == placeholders(EN[key]), key


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_text_formats_and_none_is_empty(language: str) -> None:
    for key, template in CATALOGUES[language].items():
        filled = template.format(**{name: "x" for name in placeholders(template)})
        assert filled.strip(), key


def test_spanish_buttons_are_spanish() -> None:
    assert text("es", "btn_kept") == "✅ Cumplido"
    assert text("es", "btn_missed") == "❌ No cumplido"
    assert text("es", "btn_noticed") == "🤝 Lo veo"


# Spanish for Spain and Latin America alike: "tú" to one person, and to the couple a third
# person ("las dos personas"), never "vosotros", which reads as Spain only.
VOSOTROS = re.compile(r"\b(os|vosotr[oa]s|vuestr[oa]s?|\w+(?:áis|éis))\b", re.IGNORECASE)
# English that leaked into Spanish messages; commands (/checkin) and the name Kept stay.
ENGLISH_IN_SPANISH = re.compile(r"(?<!/)\b(check-?in|nudge|streak|partner)\b", re.IGNORECASE)


def prose(template: str) -> str:
    """A text as people read it, without its placeholders ({partner} is a name, not a word)."""
    return re.sub(r"\{\w+\}", "", template)


def test_spanish_never_addresses_the_couple_as_vosotros() -> None:
    found = {key: VOSOTROS.findall(prose(value)) for key, value in CATALOGUES["es"].items()}
    assert {key: words for key, words in found.items() if words} == {}


def test_spanish_carries_no_english_words() -> None:
    found = {
        key: ENGLISH_IN_SPANISH.findall(prose(value)) for key, value in CATALOGUES["es"].items()
    }
    assert {key: words for key, words in found.items() if words} == {}


def test_the_neutrality_checks_catch_what_they_look_for() -> None:
    assert VOSOTROS.findall("Os he preguntado en vuestro chat; ¿habéis respondido?") == [
        "Os",
        "vuestro",
        "habéis",
    ]
    assert ENGLISH_IN_SPANISH.findall("El check-in semanal; /checkin abre") == ["check-in"]


def test_the_english_buttons_keep_the_contract_words() -> None:
    assert "Kept" in EN["btn_kept"] and "Missed" in EN["btn_missed"]
    assert "I noticed" in EN["btn_noticed"]


def test_no_text_carries_a_helpline_number() -> None:
    # Crisis numbers live in bot/domain/helplines/, each with its source: a number typed into a
    # message could go stale unseen, and a wrong crisis number is worse than none.
    numbers = {line.number for country in load_all().values() for line in country.lines}
    assert "016" in numbers and "988" in numbers
    for catalogue in (EN, ES):
        for key, template in catalogue.items():
            digits = re.sub(r"[^0-9*]+", " ", template).split()
            assert not [n for n in numbers if n.replace(" ", "") in digits], key
    for key in ("crisis_found", "safety_low", "sos"):
        assert "{resources}" in EN[key] and "{resources}" in ES[key], key


def test_spanish_about_says_where_to_find_a_couples_therapist() -> None:
    assert "terapeuta de pareja" in ES["about"]
    assert "Colegio Oficial de la Psicología" in ES["about"]


# -- every key the code asks for exists -----------------------------------------------------


class KeyScan:
    """Reads bot/ and finds the catalogue keys passed to text(), as far as they can be resolved."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.patterns: set[str] = set()
        self.unresolved: list[str] = []

    def run(self) -> None:
        for path in sorted(BOT.rglob("*.py")):
            if path.parent.name == "texts":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {
                child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "text"
                    and len(node.args) >= 2
                ):
                    where = f"{path.relative_to(BOT.parent)}:{node.lineno}"
                    self._resolve(node.args[1], tree, parents, node, where)

    def _resolve(
        self,
        expr: ast.expr,
        tree: ast.Module,
        parents: dict[ast.AST, ast.AST],
        at: ast.AST,
        where: str,
    ) -> None:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            self.keys.add(expr.value)
        elif isinstance(expr, ast.IfExp):
            self._resolve(expr.body, tree, parents, at, where)
            self._resolve(expr.orelse, tree, parents, at, where)
        elif isinstance(expr, ast.JoinedStr):
            form = "".join(
                str(part.value) if isinstance(part, ast.Constant) else "{}" for part in expr.values
            )
            self.patterns.add(form)
        elif isinstance(expr, ast.Attribute) and expr.attr == "key":
            # error.key: the key of every domain error.
            self.keys.update(_error_keys())
        elif isinstance(expr, ast.Name):
            self._resolve_name(expr.id, tree, parents, at, where)
        elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):
            mapping = _module_dict(tree, expr.value.id)
            if mapping is None:
                self.unresolved.append(where)
            for value in mapping or []:
                self._resolve(value, tree, parents, at, where)
        elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            returns = _returns_of(tree, expr.func.id)
            if not returns:
                self.unresolved.append(where)
            for value in returns:
                self._resolve(value, tree, parents, at, where)
        else:
            self.unresolved.append(where)

    def _resolve_name(
        self, name: str, tree: ast.Module, parents: dict[ast.AST, ast.AST], at: ast.AST, where: str
    ) -> None:
        function = _enclosing_function(parents, at)
        if function is None:
            self.unresolved.append(where)
            return
        assigned = [
            node.value
            for node in ast.walk(function)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        ]
        assigned += _loop_values(function, name)
        for value in assigned:
            self._resolve(value, tree, parents, at, where)
        if assigned:
            return
        arguments = _arguments_for(tree, function, name)
        if not arguments:
            self.unresolved.append(where)
        for value in arguments:
            self._resolve(value, tree, parents, at, where)


def _error_keys() -> set[str]:
    """The reply keys of every domain error."""
    found: set[str] = set()
    waiting: list[type[errors.KeptError]] = [errors.KeptError]
    while waiting:
        cls = waiting.pop()
        found.add(cls.key)
        waiting += cls.__subclasses__()
    return found


def _loop_values(function: ast.AST, name: str) -> list[ast.expr]:
    """The values a loop variable takes in `for name in (...)` or `for x, name in ((..), ..)`."""
    found: list[ast.expr] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.For) or not isinstance(node.iter, ast.Tuple | ast.List):
            continue
        if isinstance(node.target, ast.Name) and node.target.id == name:
            found += node.iter.elts
        elif isinstance(node.target, ast.Tuple):
            slots = [isinstance(t, ast.Name) and t.id == name for t in node.target.elts]
            if any(slots):
                index = slots.index(True)
                found += [
                    item.elts[index]
                    for item in node.iter.elts
                    if isinstance(item, ast.Tuple) and len(item.elts) > index
                ]
    return found


def _module_dict(tree: ast.Module, name: str) -> list[ast.expr] | None:
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return list(node.value.values)
    return None


def _returns_of(tree: ast.Module, name: str) -> list[ast.expr]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value]
    return []


def _enclosing_function(
    parents: dict[ast.AST, ast.AST], node: ast.AST
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return None


def _arguments_for(
    tree: ast.Module, function: ast.FunctionDef | ast.AsyncFunctionDef, parameter: str
) -> list[ast.expr]:
    """What callers in the same module pass for one parameter of a function."""
    names = [a.arg for a in function.args.args]
    if parameter not in names:
        return []
    index = names.index(parameter)
    method = bool(names) and names[0] in ("self", "cls")
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if isinstance(called, ast.Name) and called.id == function.name:
            position = index
        elif isinstance(called, ast.Attribute) and called.attr == function.name:
            position = index - 1 if method else index
        else:
            continue
        found += [k.value for k in node.keywords if k.arg == parameter]
        if 0 <= position < len(node.args):
            found.append(node.args[position])
    return found


@pytest.fixture(scope="module")
def scan() -> KeyScan:
    found = KeyScan()
    found.run()
    return found


def test_the_scan_finds_the_keys_of_the_code(scan: KeyScan) -> None:
    # A sanity check of the scan itself: literals, conditionals, error keys, helper arguments.
    assert {"welcome", "nudge_line_kept", "error_bad_time", "days_weekends"} <= scan.keys
    assert {"error_not_yours", "partner_paused", "q_trust"} <= scan.keys


def test_every_key_the_code_uses_exists_in_both_languages(scan: KeyScan) -> None:
    for language, catalogue in CATALOGUES.items():
        assert sorted(scan.keys - set(catalogue)) == [], language


def test_every_text_call_is_understood_by_the_scan(scan: KeyScan) -> None:
    assert scan.unresolved == []


def test_every_formatted_key_is_known_and_complete(scan: KeyScan) -> None:
    assert scan.patterns <= set(KNOWN_FORMS), scan.patterns - set(KNOWN_FORMS)
    for form in scan.patterns:
        regex = re.compile("^" + re.escape(form).replace(r"\{\}", ".+") + "$")
        for key in KNOWN_FORMS[form]:
            assert regex.match(key)
            for language, catalogue in CATALOGUES.items():
                assert key in catalogue, (language, key)


# -- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("es", "es"),
        ("es-ES", "es"),
        ("es-MX", "es"),
        ("es-419", "es"),
        ("ES", "es"),
        ("en", "en"),
        ("en-GB", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_language_comes_from_the_client_code(code: str | None, language: str) -> None:
    assert language_for(code) == language


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("es", "es"),
        (" ES ", "es"),
        ("es-MX", "es"),
        ("español", "es"),
        ("Espanol", "es"),
        ("en", "en"),
        ("English", "en"),
        ("inglés", "en"),
        ("fr", None),
        ("klingon", None),
        ("", None),
    ],
)
def test_a_language_asked_for_by_name_or_code(word: str, language: str | None) -> None:
    assert language_named(word) == language


# -- dates and weekdays ---------------------------------------------------------------------


def test_short_dates_in_english_and_spanish() -> None:
    assert short_date("en", date(2026, 6, 10)) == "Wed 10 Jun"
    assert short_date("es", date(2026, 6, 10)) == "mié 10 jun"
    assert short_date("en", date(2026, 6, 5)) == "Fri 5 Jun"
    assert short_date("es", date(2026, 8, 1)) == "sáb 1 ago"
    assert short_date("xx", date(2026, 6, 10)) == "Wed 10 Jun"


def test_weekday_names_start_on_monday() -> None:
    assert day_names("en") == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert day_names("es") == ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")
    assert day_name("es", 6, wide=True) == "domingo"
    assert day_name("en", 2, wide=True) == "Wednesday"


def test_days_labels_are_localised() -> None:
    assert days_label("es", EVERY_DAY) == "Todos los días"
    assert days_label("es", WEEKDAYS) == "De lunes a viernes"
    assert days_label("es", mask_of([0, 2, 5])) == "lun, mié, sáb"
    assert days_label("en", mask_of([0, 2, 5])) == "Mon, Wed, Sat"


def test_names_are_joined_as_each_language_says_them() -> None:
    assert names_together("en", ["Ana", "Ben"]) == "Ana and Ben"
    assert names_together("es", ["Ana", "Ben"]) == "Ana y Ben"
    assert names_together("es", ["Ana"]) == "Ana"


def test_a_missing_name_falls_back_in_the_persons_language() -> None:
    assert clean_name("\u200b \n", "es") == text("es", "name_fallback")
    assert clean_name("\u200b \n", "en") == "Friend"
    assert clean_name(" Ana\u0007 ", "es") == "Ana"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_bot_descriptions_fit_telegrams_limits(language: str) -> None:
    assert 0 < len(text(language, "bot_description")) <= 512
    assert 0 < len(text(language, "bot_short_description")) <= 120


@pytest.mark.parametrize("language", ["en", "es"])
def test_help_is_short_and_points_to_sos_and_about(language: str) -> None:
    help_text = text(language, "help")
    assert len(help_text) <= 1000
    assert "/sos" in help_text and "/about" in help_text
    # The nine ideas and every command live in /about.
    assert "9." not in help_text and "9." in text(language, "about")
    assert all(f"/{name} " in text(language, "about") for name in MENU)
