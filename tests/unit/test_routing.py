"""One messenger over both transports: every chat goes to the transport it belongs to."""

from __future__ import annotations

import pytest

from bot.domain.ports import DeliveryError, Outgoing, Sent
from bot.routing import RoutingMessenger
from bot.signal.addresses import SIGNAL_BASE
from tests.fakes import RecordingMessenger

TELEGRAM_PERSON, TELEGRAM_GROUP = 4242, -100777
SIGNAL_PERSON, SIGNAL_GROUP = SIGNAL_BASE + 1, SIGNAL_BASE + 2


async def test_each_chat_reaches_its_own_transport() -> None:
    telegram, signal = RecordingMessenger(), RecordingMessenger()
    routing = RoutingMessenger(telegram, signal)

    to_signal = await routing.send(SIGNAL_PERSON, Outgoing("hello Signal"))
    await routing.send(TELEGRAM_PERSON, Outgoing("hello Telegram"))
    await routing.edit(to_signal, Outgoing("edited"))
    await routing.send_photo(TELEGRAM_GROUP, b"\x89PNG", "chart")

    assert [m.chat_id for m in signal.sent] == [SIGNAL_PERSON]
    assert [m.chat_id for m in telegram.sent] == [TELEGRAM_PERSON]
    assert signal.current(to_signal).text == "edited"
    assert [p.chat_id for p in telegram.photos] == [TELEGRAM_GROUP]


async def test_nobody_is_a_member_of_a_group_on_the_other_transport() -> None:
    telegram, signal = RecordingMessenger(), RecordingMessenger()
    routing = RoutingMessenger(telegram, signal)

    assert await routing.is_member(SIGNAL_GROUP, SIGNAL_PERSON)
    assert await routing.is_member(TELEGRAM_GROUP, TELEGRAM_PERSON)
    assert not await routing.is_member(SIGNAL_GROUP, TELEGRAM_PERSON)
    assert not await routing.is_member(TELEGRAM_GROUP, SIGNAL_PERSON)


async def test_nobody_can_be_reached_in_a_chat_of_the_other_messenger() -> None:
    routing = RoutingMessenger(RecordingMessenger(), RecordingMessenger())

    assert routing.can_reach(TELEGRAM_GROUP, TELEGRAM_PERSON)
    assert routing.can_reach(SIGNAL_GROUP, SIGNAL_PERSON)
    assert not routing.can_reach(SIGNAL_GROUP, TELEGRAM_PERSON)
    assert not routing.can_reach(TELEGRAM_GROUP, SIGNAL_PERSON)
    assert not RoutingMessenger(RecordingMessenger(), None).can_reach(SIGNAL_GROUP, SIGNAL_PERSON)


async def test_choices_follow_the_transport_of_the_chat() -> None:
    telegram, signal = RecordingMessenger(), RecordingMessenger()
    signal.make_choices_public(SIGNAL_GROUP)
    routing = RoutingMessenger(telegram, signal)

    assert routing.choices_are_private(TELEGRAM_GROUP)
    assert not routing.choices_are_private(SIGNAL_GROUP)


async def test_a_chat_on_a_transport_not_served_fails_without_touching_the_other() -> None:
    telegram = RecordingMessenger()
    routing = RoutingMessenger(telegram, None)

    with pytest.raises(DeliveryError):
        await routing.send(SIGNAL_PERSON, Outgoing("lost"))
    with pytest.raises(DeliveryError):
        await routing.edit(Sent(SIGNAL_PERSON, 1), Outgoing("lost"))
    assert not await routing.is_member(SIGNAL_GROUP, SIGNAL_PERSON)
    assert not routing.choices_are_private(SIGNAL_GROUP)
    assert telegram.sent == []
