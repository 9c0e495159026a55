"""The Signal router over a real client, the fake daemon and a real SQLite store.

The domain runs on the in-memory fakes; what is under test is how typed words, numbers, quotes
and reactions become the same use cases as Telegram's buttons.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.conversation import Conversation
from bot.db.engine import make_engine
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import Person
from bot.domain.people import Identity
from bot.signal.addresses import Address
from bot.signal.client import SignalClient
from bot.signal.messenger import SignalMessenger
from bot.signal.router import SignalReceiver, SignalRouter
from bot.signal.store import SqlSignalStore
from bot.texts import text
from bot.wiring import Services, build_services
from tests.fakes import FixedClock, RecordingCharts
from tests.signal.fake_daemon import FakeSignalDaemon, SentMessage, signal_uuid
from tests.sqldb import fresh_copy
from tests.unit.conftest import START

BOT = "+15550001111"
ANA = "+15550002222"
GROUP_ID = "Q291cGxlR3JvdXA="


@dataclass
class World:
    """The router and what it talks to."""

    router: SignalRouter
    services: Services
    daemon: FakeSignalDaemon
    store: SqlSignalStore
    stamp: int = 1_700_000_000_000

    async def say(
        self, number: str, words: str, *, group: bool = False, quote: int | None = None
    ) -> list[SentMessage]:
        """One incoming message; returns what the bot sent in answer."""
        data: dict[str, Any] = {"timestamp": self._next(), "message": words}
        if group:
            data["groupInfo"] = {"groupId": GROUP_ID, "type": "DELIVER"}
        if quote is not None:
            data["quote"] = {"id": quote, "authorNumber": BOT, "text": ""}
        return await self._receive(number, data)

    async def react(self, number: str, emoji: str, target: int) -> list[SentMessage]:
        """One incoming reaction to a message of the bot."""
        reaction = {
            "emoji": emoji,
            "targetAuthorNumber": BOT,
            "targetSentTimestamp": target,
            "isRemove": False,
        }
        return await self._receive(
            number, {"timestamp": self._next(), "message": None, "reaction": reaction}
        )

    async def person(self, number: str) -> Person:
        chat_id = await self.store.chat_id_for(Address(recipient=signal_uuid(number)))
        person = await self.services.people.find(Identity(chat_id, "", None))
        assert person is not None
        return person

    async def _receive(self, number: str, data: dict[str, Any]) -> list[SentMessage]:
        before = len(self.daemon.sent())
        envelope = {
            "sourceNumber": number,
            "sourceUuid": signal_uuid(number),
            "sourceName": "Ana",
            "dataMessage": data,
        }
        await self.router.handle({"account": BOT, "envelope": envelope})
        return self.daemon.sent()[before:]

    def _next(self) -> int:
        self.stamp += 1
        return self.stamp


@pytest.fixture
def daemon() -> Iterator[FakeSignalDaemon]:
    with FakeSignalDaemon(BOT) as running:
        yield running


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{fresh_copy(template_db, tmp_path)}"


@pytest.fixture
async def world(daemon: FakeSignalDaemon, db_url: str) -> AsyncIterator[World]:
    url = db_url
    engine = make_engine(url)
    client = SignalClient(daemon.url, BOT, attempts=2, max_delay=0.01)
    store = SqlSignalStore(engine)
    messenger = SignalMessenger(client, store)
    clock = FixedClock(START)
    settings = Settings(None, "http://offline.invalid", url, "UTC", "INFO")
    uow = SqlUnitOfWorkFactory(engine)
    services = build_services(settings, uow, clock, messenger, RecordingCharts())
    try:
        yield World(
            SignalRouter(Conversation(services), services, messenger, store),
            services,
            daemon,
            store,
        )
    finally:
        await client.aclose()
        await engine.dispose()


def only(sent: list[SentMessage]) -> str:
    assert len(sent) == 1, [m.message for m in sent]
    return sent[0].message


async def test_numbers_pick_choices_and_a_waiting_question_takes_a_number_as_words(
    world: World,
) -> None:
    await world.say(ANA, "/start")
    await world.say(ANA, "/commit 21:00 call when late")
    await world.say(ANA, "/commit 22:00 read together")
    listing = (await world.say(ANA, "/commitments"))[-1]
    assert "6 🗑 Delete 2" in listing.message
    await world.say(ANA, "/commit")
    days = (await world.say(ANA, "walk the dog"))[-1]
    assert "1 Every day" in days.message

    # "1" is the first choice of the days question: every day; the time is asked next.
    time_question = (await world.say(ANA, "1"))[-1]
    # A question now waits for words: "5" is a (wrong) time, not choice 5 of the older list.
    wrong_time = only(await world.say(ANA, "5"))
    added = only(await world.say(ANA, "07:30"))

    assert time_question.edit_timestamp == days.timestamp
    assert "HH:MM" in wrong_time
    assert "walk the dog" in added
    listed = await world.services.commitments.listing(await world.person(ANA))
    assert [(c.text, c.local_time.strftime("%H:%M")) for c in listed] == [
        ("call when late", "21:00"),
        ("read together", "22:00"),
        ("walk the dog", "07:30"),
    ]


async def test_a_number_beyond_the_choices_is_answered_kindly_and_changes_nothing(
    world: World,
) -> None:
    await world.say(ANA, "/start")
    await world.say(ANA, "/commit 21:00 call when late")
    listing = await world.say(ANA, "/commitments")
    assert listing[-1].message.rstrip().endswith("3 🗑 Delete 1")

    answer = only(await world.say(ANA, "7"))

    assert answer == text("en", "no_such_choice")
    (commitment,) = await world.services.commitments.listing(await world.person(ANA))
    assert commitment.local_time.hour == 21


async def test_a_quoted_message_is_the_one_a_number_answers(world: World) -> None:
    await world.say(ANA, "/start")
    await world.say(ANA, "/commit 21:00 call when late")
    listing = (await world.say(ANA, "/commitments"))[-1]
    await world.say(ANA, "/help")  # a later message without choices

    await world.say(ANA, "1", quote=listing.timestamp)  # 1 = pause the first promise

    (commitment,) = await world.services.commitments.listing(await world.person(ANA))
    assert commitment.state.value == "paused"


async def test_feelings_are_not_answers(world: World) -> None:
    await world.say(ANA, "/start")
    listing = (await world.say(ANA, "/commit 21:00 call when late"))[-1]

    assert await world.react(ANA, "😂", listing.timestamp) == []
    assert await world.react(ANA, "👍", listing.timestamp) == []  # a message without choices
    assert await world.react(ANA, "👍", 12345) == []  # a message the bot never sent


async def test_the_couples_group_talk_is_theirs(world: World) -> None:
    await world.say(ANA, "/start")

    assert await world.say(ANA, "we should talk tonight", group=True) == []
    assert await world.say(ANA, "/weather", group=True) == []
    assert await world.say(ANA, "2", group=True) == []
    unknown = only(await world.say(ANA, "/weather"))
    assert unknown == text("en", "unknown_command")


async def test_a_stranger_answering_a_word_is_asked_to_start(world: World) -> None:
    answer = only(await world.say(ANA, "kept"))

    assert answer == text("en", "need_start")


async def test_a_flood_gets_one_slow_down_and_is_otherwise_ignored(world: World) -> None:
    await world.say(ANA, "/start")
    answered = [await world.say(ANA, "/help") for _ in range(25)]

    slow_downs = [
        m.message for sent in answered for m in sent if m.message == text("en", "slow_down")
    ]
    assert len(slow_downs) == 1
    # /start and 19 /help are served; the 21st command is refused once, the rest in silence.
    assert [len(sent) for sent in answered] == [1] * 19 + [1] + [0] * 5


async def test_the_receiver_keeps_each_senders_order_and_forgets_senders_once_answered(
    world: World,
) -> None:
    receiver = SignalReceiver(world.router)
    numbers = [f"+1555010{n:04d}" for n in range(40)]
    before = len(world.daemon.sent())
    for number in numbers:
        for words in ("/help", "/about"):
            envelope = {
                "sourceNumber": number,
                "sourceUuid": signal_uuid(number),
                "sourceName": "Ana",
                "dataMessage": {"timestamp": world._next(), "message": words},
            }
            receiver.take({"account": BOT, "envelope": envelope})
    assert receiver.senders_in_hand == len(numbers)

    await receiver.drain(30)

    assert receiver.senders_in_hand == 0
    sent = world.daemon.sent()[before:]
    help_start = text("en", "help").splitlines()[0]
    for number in numbers:
        mine = [m.message for m in sent if {number, signal_uuid(number)} & set(m.recipients)]
        assert len(mine) == 2 and mine[0].startswith(help_start), number
        assert not mine[1].startswith(help_start)
