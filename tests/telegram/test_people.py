"""/start, /timezone, /help, unknown commands and stray text, on the real Application."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.telegram.app import GROUP_MENU, MENU, PRIVATE_MENU, build_application, publish_profile
from bot.texts import CATALOGUES, text
from tests.telegram.conftest import ANA, BEN, GROUP, GROUP_CHAT, Kept, TgUser, offline_api
from tests.telegram.offline import Call, OfflineRequest


@pytest.mark.parametrize(
    ("language_code", "language"),
    [
        ("en-GB", "en"),
        (None, "en"),
        ("es", "es" if "es" in CATALOGUES else "en"),
        ("zz-ZZ", "en"),
    ],
)
async def test_start_creates_the_person_in_their_language(
    kept: Kept, language_code: str | None, language: str
) -> None:
    user = TgUser(2001, "Lucía", language_code)
    assert await kept.person(user) is None

    reply = kept.only_reply(await kept.send(user, "/start"), user.id)

    person = await kept.must(user)
    assert (person.name, person.language, person.timezone) == ("Lucía", language, "UTC")
    assert person.couple_id is None and person.pending is None
    if language == "en":
        assert reply.text.startswith("Hello Lucía")
        assert "Your time zone is now UTC." in reply.text
    assert "/pair" in reply.text and "/commit" in reply.text
    assert reply.buttons == []


async def test_start_again_welcomes_back_the_same_person(kept: Kept) -> None:
    await kept.send(ANA, "/start")
    first = await kept.must(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/start"), ANA.id)

    assert reply.text.startswith("Welcome back, Ana.")
    assert await kept.must(ANA) == first


async def test_timezone_sets_an_iana_zone(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/timezone Europe/Madrid"), ANA.id)

    assert reply.text.startswith("Done: your time zone is Europe/Madrid.")
    assert (await kept.must(ANA)).timezone == "Europe/Madrid"


async def test_unknown_timezone_gets_a_clear_error_and_changes_nothing(kept: Kept) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/timezone Mars/Olympus"), ANA.id)

    assert "I don't know the time zone “Mars/Olympus”" in reply.text
    for example in ("Europe/Madrid", "America/New_York", "Asia/Tokyo"):
        assert example in reply.text
    assert await kept.snapshot(ANA) == before
    assert (await kept.must(ANA)).timezone == "UTC"


async def test_timezone_alone_shows_how_to_use_it(kept: Kept) -> None:
    await kept.start(ANA)
    await kept.send(ANA, "/timezone America/New_York")

    reply = kept.only_reply(await kept.send(ANA, "/timezone"), ANA.id)

    assert reply.text.startswith("Tell me your time zone like this: /timezone Europe/Madrid")
    assert "Yours is America/New_York now." in reply.text
    assert (await kept.must(ANA)).timezone == "America/New_York"


@pytest.mark.parametrize("command", ["/timezone Europe/Madrid", "/pair", "/commitments", "/today"])
async def test_commands_before_start_ask_for_start_and_create_nobody(
    kept: Kept, command: str
) -> None:
    reply = kept.only_reply(await kept.send(ANA, command), ANA.id)

    assert reply.text == "Please send /start first, so I can set things up for you."
    assert await kept.person(ANA) is None


async def test_about_lists_the_commands(kept: Kept) -> None:
    reply = kept.only_reply(await kept.send(BEN, "/about"), BEN.id)

    for command in ("/timezone", "/pair", "/join", "/link", "/commit", "/commitments", "/today"):
        assert command in reply.text
    assert "couples therapist" in reply.text
    assert await kept.person(BEN) is None


async def test_unknown_command_in_private_gets_a_friendly_reply(kept: Kept) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/frobnicate now"), ANA.id)

    assert reply.text == "I don't know that command. /help lists what I can do."
    assert await kept.snapshot(ANA) == before


async def test_unknown_command_in_a_group_is_answered_only_when_addressed(kept: Kept) -> None:
    await kept.start(ANA)

    assert await kept.send(ANA, "/frobnicate", GROUP_CHAT) == []
    reply = kept.only_reply(await kept.send(ANA, "/frobnicate@kept_test_bot", GROUP_CHAT), GROUP)
    assert reply.text.startswith("I don't know that command.")


async def test_free_text_with_nothing_pending_gets_a_friendly_reply(kept: Kept) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, "hello? are you there"), ANA.id)

    assert reply.text.startswith("I'm not sure what you mean.")
    assert await kept.snapshot(ANA) == before


async def test_chatter_in_the_group_is_left_alone(kept: Kept) -> None:
    await kept.start(ANA)

    assert await kept.send(ANA, "see you at dinner", GROUP_CHAT) == []


async def test_a_very_long_message_gets_a_short_reply(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "x" * 10_000), ANA.id)

    assert reply.text.startswith("I'm not sure what you mean.")


async def publish(api: OfflineRequest, settings: Settings) -> list[Call]:
    """Run the start-up profile step once; return the calls it made."""
    before = len(api.calls)
    application = build_application(settings, request=api)
    try:
        await application.initialize()
        await publish_profile(application)
    finally:
        await application.shutdown()
    return [c for c in api.calls[before:] if c.method != "getMe"]


async def test_each_kind_of_chat_gets_its_own_menu_in_each_language(settings: Settings) -> None:
    api = offline_api(settings)
    calls = await publish(api, settings)

    menus = {
        (c.params["scope"]["type"], c.params.get("language_code")): c.params["commands"]
        for c in calls
        if c.method == "setMyCommands"
    }
    assert set(menus) == {
        ("all_private_chats", None),
        ("all_group_chats", None),
        ("all_private_chats", "es"),
        ("all_group_chats", "es"),
    }
    for (scope, _), commands in menus.items():
        expected = PRIVATE_MENU if scope == "all_private_chats" else GROUP_MENU
        assert [c["command"] for c in commands] == list(expected)
        assert all(c["description"] for c in commands)
    # A cry for help typed in the group would be read by the partner: /sos is offered in private.
    assert "sos" in PRIVATE_MENU and "sos" not in GROUP_MENU and "link" not in PRIVATE_MENU
    assert set(PRIVATE_MENU) | set(GROUP_MENU) == set(MENU)
    assert menus[("all_private_chats", "es")][0]["description"] == "Bienvenida y configuración"


async def test_the_descriptions_are_sent_only_when_they_changed(settings: Settings) -> None:
    api = offline_api(settings)
    first = await publish(api, settings)
    sets = [c for c in first if c.method.startswith("setMy") and "Description" in c.method]
    assert len(sets) == 4  # description and short description, in English and in Spanish
    assert api.descriptions[("description", "es")] == text("es", "bot_description")
    assert api.descriptions[("short_description", "")] == text("en", "bot_short_description")

    again = await publish(api, settings)
    assert [c.method for c in again if "Description" in c.method] == [
        "getMyDescription",
        "getMyShortDescription",
    ] * 2

    api.descriptions[("description", "es")] = "an older text"
    changed = await publish(api, settings)
    [resent] = [c for c in changed if c.method == "setMyDescription"]
    assert resent.params == {"description": text("es", "bot_description"), "language_code": "es"}
    assert api.initialized and api.shut_down
