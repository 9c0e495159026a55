"""Reading typed answers, reactions and numbers on Signal; showing buttons as numbers."""

from __future__ import annotations

import pytest

from bot.domain import actions
from bot.domain.ports import Button, Outgoing
from bot.signal.addresses import SIGNAL_BASE, Address, is_signal_chat
from bot.signal.messenger import numbered
from bot.signal.words import (
    answer_verb,
    choice_number,
    language_of_number,
    parse_command,
    reaction_verb,
)


@pytest.mark.parametrize(
    ("typed", "verb"),
    [
        ("kept", actions.KEPT),
        ("Kept!", actions.KEPT),
        (" done ", actions.KEPT),
        ("Hecho", actions.KEPT),
        ("cumplida", actions.KEPT),
        ("sí", actions.KEPT),
        ("missed", actions.MISSED),
        ("No.", actions.MISSED),
        ("Fallé", actions.MISSED),
        ("no cumplido", actions.MISSED),
        ("I kept it", None),
        ("nope, today was hard", None),
        ("", None),
    ],
)
def test_answer_words_in_english_and_spanish(typed: str, verb: str | None) -> None:
    assert answer_verb(typed) == verb


@pytest.mark.parametrize(
    ("emoji", "verb"),
    [
        ("👍", actions.KEPT),
        ("👍🏽", actions.KEPT),
        ("❤️", actions.KEPT),
        ("👎", actions.MISSED),
        ("👎🏿", actions.MISSED),
        ("😂", None),
        ("", None),
    ],
)
def test_reactions_with_any_skin_tone(emoji: str, verb: str | None) -> None:
    assert reaction_verb(emoji) == verb


@pytest.mark.parametrize(
    ("typed", "number"),
    [("1", 1), (" 2. ", 2), ("3)", 3), ("0", None), ("100", None), ("²", None), ("1 2", None)],
)
def test_choice_numbers(typed: str, number: int | None) -> None:
    assert choice_number(typed) == number


def test_commands_keep_their_words_and_the_rest_as_typed() -> None:
    command = parse_command("/Commit 21:00  call  mum")
    assert command is not None
    assert (command.name, command.args, command.rest) == (
        "commit",
        ["21:00", "call", "mum"],
        "21:00  call  mum",
    )
    assert parse_command("/checkin@kept sun 19:00") is not None
    assert parse_command("hello") is None
    assert parse_command("/") is None


def test_the_weekly_check_in_has_its_spanish_name_as_a_command() -> None:
    command = parse_command("/Repaso dom 19:00")
    assert command is not None
    assert (command.name, command.args) == ("checkin", ["dom", "19:00"])
    other = parse_command("/repasar")
    assert other is not None and other.name == "repasar"


def test_buttons_become_numbered_lines_in_order_and_links_stay_links() -> None:
    message = Outgoing(
        "Today: call when late",
        (
            (Button("✅ Kept", "k:7"), Button("❌ Missed", "m:7")),
            (Button("⏰ Later", "z:7"),),
            (Button("Open", "", url="https://example.org"),),
        ),
    )
    body, choices = numbered(message)
    assert (
        body
        == "Today: call when late\n\n1 ✅ Kept\n2 ❌ Missed\n3 ⏰ Later\nOpen: https://example.org"
    )
    assert choices == ["k:7", "m:7", "z:7"]


def test_a_scale_is_one_line_and_no_buttons_is_just_the_text() -> None:
    scale = Outgoing("How much?", (tuple(Button(str(n), f"q:{n}") for n in range(1, 6)),))
    assert numbered(scale) == ("How much?\n\n1 · 2 · 3 · 4 · 5", [f"q:{n}" for n in range(1, 6)])
    assert numbered(Outgoing("Plain")) == ("Plain", [])


def test_signal_chat_ids_never_meet_telegrams() -> None:
    telegram_user, telegram_supergroup = (1 << 52) - 1, -1001234567890
    assert not is_signal_chat(telegram_user)
    assert not is_signal_chat(telegram_supergroup)
    assert is_signal_chat(SIGNAL_BASE + 1)


def test_addresses_round_trip_through_their_stored_keys() -> None:
    for address in (
        Address(recipient="+34600000001"),
        Address(recipient="0b7c5f7e-1111-4c3b-9a55-aaaaaaaaaaaa"),
        Address(group_id="R3JvdXA="),
    ):
        assert Address.from_key(address.key()) == address
    assert Address(recipient="+34600000001").matches({"number": "+34600000001", "uuid": "x"})
    assert not Address(group_id="R3JvdXA=").matches({"number": None, "uuid": None})


@pytest.mark.parametrize(
    ("number", "language"),
    [
        ("+34600000001", "es"),
        ("+5215550001111", "es"),
        ("+59170000000", "es"),
        ("+15550001111", None),
        ("+4915100000000", None),
        ("+35312345678", None),
        (None, None),
    ],
)
def test_a_first_language_guessed_from_the_country_of_the_number(
    number: str | None, language: str | None
) -> None:
    assert language_of_number(number) == language
