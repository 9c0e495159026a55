"""The transport-neutral conversation over the in-memory fakes: routing, checks and replies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import Settings
from bot.conversation import (
    COMMANDS,
    Conversation,
    Document,
    Photo,
    Pressed,
    Reply,
    Where,
)
from bot.conversation.dispatch import PRESSES
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain import actions
from bot.domain.commitments import COMMIT_TIME, days_label, days_question
from bot.domain.models import Person
from bot.domain.people import Identity
from bot.domain.ports import Button, Outgoing, Sent
from bot.domain.privacy import EXPORT_FILE_NAME
from bot.domain.schedule import EVERY_DAY
from bot.texts import text
from bot.wiring import Services, build_services
from tests.fakes import FixedClock, RecordingCharts, RecordingMessenger
from tests.sqldb import CommittedRows, open_database
from tests.unit.conftest import START

ANA = Identity(101, "Ana", "en")
BEN = Identity(202, "Ben", "en")
STRANGER = Identity(303, "Sol", "es")
LUCIA = Identity(404, "Lucía", "es-AR")
GROUP_ID = -1005550000
PRIVATE_ANA = Where(ANA.chat_id, group=False)
GROUP = Where(GROUP_ID, group=True)
LINK = "https://example.invalid/join/"


class LinkSurface:
    """A transport with invitation links."""

    def invite_link(self, code: str) -> str | None:
        """A link carrying the code."""
        return LINK + code

    def has_buttons(self) -> bool:
        """Buttons say it all."""
        return True


class PlainSurface:
    """A transport without links (as Signal): the code is typed."""

    def invite_link(self, code: str) -> str | None:
        """No link."""
        return None

    def has_buttons(self) -> bool:
        """No buttons: people are told how to answer."""
        return False


@dataclass
class Chat:
    """A conversation over a fresh database, and ways to talk to it."""

    conversation: Conversation
    services: Services
    store: CommittedRows
    messenger: RecordingMessenger

    async def say(
        self,
        who: Identity,
        line: str,
        where: Where | None = None,
        surface: LinkSurface | PlainSurface | None = None,
    ) -> list[Reply]:
        """A command line such as "/commit 21:00 walk", split as the transports split it."""
        word, _, rest = line.partition(" ")
        return await self.conversation.command(
            who,
            word.removeprefix("/").lower(),
            line.split()[1:],
            rest,
            where or Where(who.chat_id, group=False),
            surface or LinkSurface(),
        )

    async def person(self, who: Identity) -> Person:
        """The stored person of an identity."""
        person = await self.services.people.find(who)
        assert person is not None
        return person


def texts(replies: list[Reply]) -> list[str]:
    """The texts of replies that are all plain messages."""
    assert all(isinstance(r, Outgoing) for r in replies), replies
    return [r.text for r in replies if isinstance(r, Outgoing)]


@pytest.fixture
async def chat(template_db: Path, tmp_path: Path) -> AsyncIterator[Chat]:
    """A conversation over a fresh copy of the database, at the unit tests' START."""
    engine, store = open_database(template_db, tmp_path)
    clock = FixedClock(START)
    messenger = RecordingMessenger()
    settings = Settings(
        telegram_token=None,
        telegram_api_url="http://offline.invalid",
        database_url="sqlite+aiosqlite:///unused.db",
        default_timezone="UTC",
        log_level="INFO",
    )
    uow = SqlUnitOfWorkFactory(engine)
    services = build_services(settings, uow, clock, messenger, RecordingCharts())
    yield Chat(Conversation(services), services, store, messenger)
    store.close()
    await engine.dispose()


async def test_commands_are_the_ones_kept_documents() -> None:
    assert {"start", "join", "pair", "link", "commit", "progress", "export", "forget"} <= COMMANDS
    assert all(name.islower() and not name.startswith("/") for name in COMMANDS)


async def test_start_greets_a_newcomer_once_and_then_welcomes_them_back(chat: Chat) -> None:
    first = texts(await chat.say(ANA, "/start"))
    again = texts(await chat.say(ANA, "/start"))

    assert first == [text("en", "welcome", name="Ana", timezone="UTC")]
    assert again == [text("en", "welcome_back", name="Ana")]


async def test_an_unknown_command_is_named_in_the_clients_language(chat: Chat) -> None:
    replies = await chat.say(STRANGER, "/dance")

    assert texts(replies) == [text("es", "unknown_command")]
    assert await chat.services.people.find(STRANGER) is None


async def test_a_stranger_is_asked_to_start_before_a_private_command(chat: Chat) -> None:
    assert texts(await chat.say(STRANGER, "/commitments")) == [text("es", "need_start")]


async def test_help_answers_anyone_anywhere(chat: Chat) -> None:
    assert texts(await chat.say(STRANGER, "/help", GROUP)) == [text("es", "help")]


async def test_about_gives_the_ideas_and_every_command_to_anyone_anywhere(chat: Chat) -> None:
    assert texts(await chat.say(STRANGER, "/about", GROUP)) == [text("es", "about")]
    assert texts(await chat.say(STRANGER, "/about")) == [text("es", "about")]


async def test_without_buttons_the_welcome_and_help_say_how_to_answer(chat: Chat) -> None:
    plain = PlainSurface()
    welcome = texts(await chat.say(STRANGER, "/start", surface=plain))
    again = texts(await chat.say(STRANGER, "/start", surface=plain))
    helped = texts(await chat.say(STRANGER, "/help", surface=plain))

    hint = text("es", "how_to_answer_typed")
    assert welcome == [text("es", "welcome", name="Sol", timezone="UTC") + "\n\n" + hint]
    assert helped == [text("es", "help") + "\n\n" + hint]
    assert again == [text("es", "welcome_back", name="Sol")], "once is enough on coming back"


async def test_where_is_checked_before_who(chat: Chat) -> None:
    # A stranger in a group is told the command is private, not that they must start first.
    assert texts(await chat.say(STRANGER, "/commit", GROUP)) == [text("es", "private_only")]
    assert texts(await chat.say(STRANGER, "/link")) == [text("es", "group_only")]


async def test_private_commands_refuse_a_group_and_change_nothing(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    replies = await chat.say(ANA, "/commit 21:00 Walk the dog", GROUP)

    assert texts(replies) == [text("en", "private_only")]
    assert chat.store.commitments == {}


async def test_start_in_a_group_is_refused_in_the_clients_language(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    await chat.say(ANA, "/language es")
    in_english_client = Identity(ANA.chat_id, ANA.name, "en")

    replies = await chat.say(in_english_client, "/start", GROUP)

    assert texts(replies) == [text("en", "private_only")]


async def test_a_domain_refusal_becomes_its_text(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    replies = await chat.say(ANA, "/timezone Mars/Olympus")

    assert texts(replies) == [text("en", "error_bad_timezone", name="Mars/Olympus")]
    assert (await chat.person(ANA)).timezone == "UTC"


async def test_pair_gives_a_link_when_the_transport_has_links(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    invitation, next_step = texts(await chat.say(ANA, "/pair", surface=LinkSurface()))

    [code] = chat.store.invites
    # Written to the partner, to be forwarded as it is; then a word for Ana alone.
    assert invitation == text("en", "pair_invite", inviter="Ana", link=LINK + code, code=code)
    assert invitation.startswith("💌 Ana invites you") and "Send your partner" not in invitation
    assert next_step == text("en", "pair_invite_next")


async def test_pair_gives_a_typed_code_when_the_transport_has_no_links(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    [invitation] = texts(await chat.say(ANA, "/pair", surface=PlainSurface()))

    [code] = chat.store.invites
    assert invitation == text("en", "pair_invite_code", code=code)
    assert LINK not in invitation


async def test_an_invitation_link_shows_who_invites_and_pairs_only_on_join(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    code = await _invite_code(chat, ANA)
    chat.messenger.sent.clear()

    greeting, offer = await chat.say(BEN, f"/start join-{code}")

    assert isinstance(greeting, Outgoing) and isinstance(offer, Outgoing)
    assert greeting.text == text("en", "welcome_invited", name="Ben")
    assert offer.text == text("en", "invite_offer", inviter="Ana")
    join, not_now = _buttons(offer)
    assert (join.label, not_now.label) == (text("en", "btn_join"), text("en", "btn_not_now"))
    assert chat.store.couples == {} and chat.messenger.sent == []

    pressed = await chat.conversation.press(BEN, join.action, Sent(BEN.chat_id, 7))

    ana, ben = await chat.person(ANA), await chat.person(BEN)
    assert ana.couple_id is not None and ana.couple_id == ben.couple_id
    assert pressed.edit is not None and pressed.send == ()
    assert pressed.edit.text.startswith(text("en", "paired_you", partner="Ana"))
    assert "Sunday at 19:00 (UTC)" in pressed.edit.text  # the weekly slot, said once
    [told] = chat.messenger.sent
    assert told.chat_id == ANA.chat_id and "Ben" in told.message.text


async def test_not_now_tells_the_inviter_nothing_and_twice_is_the_same(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    code = await _invite_code(chat, ANA)
    chat.messenger.sent.clear()
    _, offer = await chat.say(BEN, f"/start join-{code}")
    assert isinstance(offer, Outgoing)
    join, not_now = _buttons(offer)

    first = await chat.conversation.press(BEN, not_now.action, Sent(BEN.chat_id, 7))
    second = await chat.conversation.press(BEN, not_now.action, Sent(BEN.chat_id, 7))
    late_join = await chat.conversation.press(BEN, join.action, Sent(BEN.chat_id, 7))

    said = Pressed("", edit=Outgoing(text("en", "invite_not_now")))
    assert first == second == said
    assert late_join == Pressed(text("en", "error_invite_not_waiting"))
    assert chat.store.couples == {} and chat.messenger.sent == []
    assert chat.store.invites[code].used_at is None


async def test_an_invitation_link_in_spanish(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    code = await _invite_code(chat, ANA)

    greeting, offer = await chat.say(LUCIA, f"/start join-{code}")

    assert isinstance(greeting, Outgoing) and isinstance(offer, Outgoing)
    assert greeting.text == text("es", "welcome_invited", name="Lucía")
    assert offer.text == text("es", "invite_offer", inviter="Ana")
    join, _ = _buttons(offer)
    pressed = await chat.conversation.press(LUCIA, join.action, Sent(LUCIA.chat_id, 7))
    assert pressed.edit is not None
    assert "cada domingo a las 19:00 (UTC)" in pressed.edit.text


async def test_an_old_invitation_opened_after_the_couple_formed_is_refused(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    code = await _invite_code(chat, ANA)
    await chat.say(BEN, "/start")
    await chat.say(BEN, f"/join {code}")

    replies = texts(await chat.say(BEN, f"/start join-{code}"))

    assert replies == [
        text("en", "welcome_back", name="Ben"),
        text("en", "error_already_paired", partner="Ana"),
    ]


async def test_start_with_a_bad_invitation_greets_then_explains(chat: Chat) -> None:
    replies = texts(await chat.say(BEN, "/start join-NOPE2345"))

    assert len(replies) == 2
    assert replies[0] == text("en", "welcome", name="Ben", timezone="UTC")
    assert replies[1] != replies[0]
    assert (await chat.person(BEN)).couple_id is None


async def test_join_without_a_code_explains_how(chat: Chat) -> None:
    await chat.say(BEN, "/start")

    assert texts(await chat.say(BEN, "/join")) == [text("en", "join_usage")]


async def test_commit_reads_its_promise_from_the_rest_of_the_line(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    # The words as the transport split them, and the line as typed: the promise is the line.
    await chat.conversation.command(
        ANA, "commit", ["21:00", "Text"], "21:00 Text Ben when late", PRIVATE_ANA, LinkSurface()
    )

    [commitment] = chat.store.commitments.values()
    assert commitment.text == "Text Ben when late"
    assert commitment.local_time.strftime("%H:%M") == "21:00"


async def test_free_text_answers_each_pending_step_of_a_guided_commit(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    await chat.say(ANA, "/commit")

    what = await chat.conversation.text(ANA, "Walk the dog")
    days = await chat.conversation.press(
        ANA, actions.encode(actions.DAYS, "all"), Sent(ANA.chat_id, 3)
    )
    pending = (await chat.person(ANA)).pending
    time = await chat.conversation.text(ANA, "21:30")

    assert what == [days_question("en")]
    assert days.edit is not None and pending is not None and pending.kind == COMMIT_TIME
    [commitment] = chat.store.commitments.values()
    assert (commitment.text, commitment.local_time.strftime("%H:%M")) == ("Walk the dog", "21:30")
    added = text(
        "en", "commit_added", text="Walk the dog", days=days_label("en", EVERY_DAY), time="21:30"
    )
    assert texts(time) == [added]
    assert (await chat.person(ANA)).pending is None


async def test_free_text_without_a_step_is_not_understood(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    assert texts(await chat.conversation.text(ANA, "hello")) == [text("en", "unknown_text")]


async def test_free_text_from_a_stranger_asks_them_to_start(chat: Chat) -> None:
    assert texts(await chat.conversation.text(STRANGER, "hola")) == [text("es", "need_start")]


async def test_a_press_that_cannot_be_read_is_refused_politely(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    pressed = await chat.conversation.press(ANA, "not-ours", Sent(ANA.chat_id, 1))

    assert pressed == Pressed(text("en", "error_stale"))


async def test_a_strangers_press_on_a_nudge_is_refused(chat: Chat) -> None:
    pressed = await chat.conversation.press(
        STRANGER, actions.encode(actions.KEPT, 1), Sent(STRANGER.chat_id, 1)
    )

    assert pressed == Pressed(text("es", "error_not_yours"))


def test_every_button_verb_has_a_press_handler_and_the_table_names_no_other() -> None:
    # The verbs are the module's string constants; a verb without a handler would be answered
    # as a stale button.
    verbs = {
        value for name, value in vars(actions).items() if name.isupper() and isinstance(value, str)
    }

    assert set(PRESSES) == verbs


async def test_deleting_asks_first_and_a_foreign_commitment_is_refused(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    await chat.say(BEN, "/start")
    await chat.say(ANA, "/commit 21:00 Walk the dog")
    [commitment_id] = chat.store.commitments
    delete = actions.encode(actions.DELETE, commitment_id)

    asked = await chat.conversation.press(ANA, delete, Sent(ANA.chat_id, 5))
    foreign = await chat.conversation.press(BEN, delete, Sent(BEN.chat_id, 6))

    assert asked.toast == "" and asked.edit is not None
    assert actions.encode(actions.CONFIRM_DELETE, commitment_id) in [
        button.action for row in asked.edit.buttons for button in row
    ]
    assert foreign.edit is None and foreign.send == () and foreign.toast != ""
    assert chat.store.commitments[commitment_id].text == "Walk the dog"


async def test_checkin_in_the_group_answers_with_the_checkin_itself(chat: Chat) -> None:
    await _linked_couple(chat)

    in_group = await chat.say(ANA, "/checkin", GROUP)

    # The check-in is the answer: no second message saying where it is.
    assert in_group == []
    assert GROUP_ID in [message.chat_id for message in chat.messenger.sent]


async def test_checkin_in_private_says_where_it_is(chat: Chat) -> None:
    await _linked_couple(chat)

    assert texts(await chat.say(ANA, "/checkin")) == [text("en", "checkin_opened")]


async def test_a_private_checkin_answers_with_its_first_question_only(chat: Chat) -> None:
    await _linked_couple(chat)
    chat.messenger.make_choices_public(GROUP_ID)

    replies = await chat.say(ANA, "/checkin")

    # The question is the last message in Ana's chat, so a typed number answers it.
    assert replies == []
    last_to_ana = chat.messenger.to(ANA.chat_id)[-1].message
    assert [b.label for b in last_to_ana.buttons[0]] == ["1", "2", "3", "4", "5"]


async def test_progress_is_a_text_and_a_chart(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    replies = await chat.say(ANA, "/progress")

    assert [type(r) for r in replies] == [Outgoing, Photo]
    photo = replies[1]
    assert isinstance(photo, Photo) and photo.png and photo.caption


async def test_export_is_a_json_document(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    await chat.say(ANA, "/commit 21:00 Pasear al perro 🐕")

    [document] = await chat.say(ANA, "/export")

    assert isinstance(document, Document)
    assert document.filename == EXPORT_FILE_NAME
    assert document.caption == text("en", "export_caption")
    exported = json.loads(document.data.decode("utf-8"))
    assert exported["profile"]["name"] == "Ana"
    assert [c["text"] for c in exported["commitments"]] == ["Pasear al perro 🐕"]
    assert "Pasear al perro 🐕".encode() in document.data  # UTF-8 as it is, not \u escapes


async def test_export_is_refused_in_a_group(chat: Chat) -> None:
    await chat.say(ANA, "/start")

    assert texts(await chat.say(ANA, "/export", GROUP)) == [text("en", "private_only")]


def _buttons(offer: Outgoing) -> tuple[Button, ...]:
    [row] = offer.buttons
    return row


async def _invite_code(chat: Chat, who: Identity) -> str:
    await chat.say(who, "/pair", surface=PlainSurface())
    [code] = chat.store.invites
    return code


async def _linked_couple(chat: Chat) -> None:
    await chat.say(ANA, "/start")
    code = await _invite_code(chat, ANA)
    await chat.say(BEN, "/start")
    await chat.say(BEN, f"/join {code}")
    linked = texts(await chat.say(ANA, "/link", GROUP))
    assert linked == [text("en", "link_done", a="Ana", b="Ben")]
    chat.messenger.sent.clear()
