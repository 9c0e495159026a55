"""The per-person rate limit: the pure sliding window, then through the real Application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.throttle import Throttle, Verdict
from bot.texts import text
from tests.telegram.conftest import ANA, BEN, DANA, GROUP_CHAT, Kept

T0 = datetime(2026, 6, 10, 18, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
SLOW_DOWN = text("en", "slow_down")

# -- the window (pure domain; it lives here because tests/unit belongs to another team) ------


def test_twenty_pass_the_21st_warns_once_the_rest_are_silent() -> None:
    throttle = Throttle()

    verdicts = [throttle.allow("ana", T0) for _ in range(30)]

    assert verdicts[:20] == [Verdict.ALLOW] * 20
    assert verdicts[20] == Verdict.WARN_ONCE
    assert verdicts[21:] == [Verdict.DROP] * 9


def test_allowed_again_once_the_minute_has_passed() -> None:
    throttle = Throttle()
    for _ in range(22):
        throttle.allow("ana", T0)

    assert throttle.allow("ana", T0 + 59 * SECOND) == Verdict.DROP
    assert throttle.allow("ana", T0 + 60 * SECOND) == Verdict.ALLOW


def test_the_window_slides_one_request_at_a_time() -> None:
    throttle = Throttle()
    for i in range(20):
        assert throttle.allow("ana", T0 + i * SECOND) == Verdict.ALLOW
    assert throttle.allow("ana", T0 + 59 * SECOND) == Verdict.WARN_ONCE

    # The request at T0 leaves the window at T0+60s: exactly one slot frees, then the next.
    assert throttle.allow("ana", T0 + 60 * SECOND) == Verdict.ALLOW
    assert throttle.allow("ana", T0 + 60.5 * SECOND) == Verdict.DROP
    assert throttle.allow("ana", T0 + 61 * SECOND) == Verdict.ALLOW


def test_one_warning_per_minute_even_when_brushing_the_limit() -> None:
    throttle = Throttle()
    for i in range(20):
        throttle.allow("ana", T0 + 3 * i * SECOND)
    verdicts = []
    for i in range(20, 40):
        moment = T0 + 3 * i * SECOND
        verdicts.append(throttle.allow("ana", moment))  # a slot has just freed: served
        verdicts.append(throttle.allow("ana", moment + SECOND / 2))  # over the limit again

    assert verdicts.count(Verdict.ALLOW) == 20
    assert verdicts.count(Verdict.WARN_ONCE) == 1
    assert verdicts[1] == Verdict.WARN_ONCE


def test_dropped_requests_do_not_extend_the_pause() -> None:
    throttle = Throttle()
    for _ in range(21):
        throttle.allow("ana", T0)
    for i in range(60):
        assert throttle.allow("ana", T0 + i * SECOND) == Verdict.DROP

    assert throttle.allow("ana", T0 + 60 * SECOND) == Verdict.ALLOW


def test_people_are_counted_apart() -> None:
    throttle = Throttle()
    for _ in range(21):
        throttle.allow("ana", T0)

    assert throttle.allow("ben", T0) == Verdict.ALLOW
    assert throttle.allow("ana", T0) == Verdict.DROP


def test_idle_people_are_forgotten() -> None:
    throttle = Throttle()
    for i in range(1000):
        throttle.allow(i, T0 + i * SECOND / 100)
    for _ in range(20):
        throttle.allow("spammer", T0 + 10 * SECOND)
    assert throttle.allow("spammer", T0 + 30 * SECOND) == Verdict.WARN_ONCE
    assert len(throttle) == 1001

    throttle.allow("ana", T0 + 70 * SECOND)

    assert len(throttle) == 2  # the spammer's warning is still fresh, so it is kept
    assert throttle.allow("spammer", T0 + 69 * SECOND) == Verdict.DROP
    throttle.allow("ana", T0 + 91 * SECOND)
    assert len(throttle) == 1


def test_a_limit_and_a_window_are_required() -> None:
    with pytest.raises(ValueError):
        Throttle(limit=0)
    with pytest.raises(ValueError):
        Throttle(window=timedelta(0))


# -- through the Application ----------------------------------------------------------------


async def test_a_flood_of_commands_gets_one_slow_down_and_nothing_else(kept: Kept) -> None:
    await kept.start(ANA)
    for _ in range(19):
        kept.only_reply(await kept.send(ANA, "/help"), ANA.id)
    before = await kept.rows()

    warned = await kept.send(ANA, "/pair")
    silent = [await kept.send(ANA, words) for words in ("/pair", "/commit 21:00 Tea", "hello")]

    assert kept.only_reply(warned, ANA.id).text == SLOW_DOWN
    assert silent == [[], [], []]
    assert await kept.rows() == before


async def test_served_again_after_a_minute(kept: Kept) -> None:
    await kept.start(ANA)
    for _ in range(21):
        await kept.send(ANA, "/help")

    kept.clock.advance(timedelta(seconds=59))
    assert await kept.send(ANA, "/help") == []
    kept.clock.advance(timedelta(seconds=1))
    reply = kept.only_reply(await kept.send(ANA, "/help"), ANA.id)

    assert reply.text.startswith("Kept helps you keep")


async def test_private_text_counts_group_chatter_and_presses_do_not(kept: Kept) -> None:
    await kept.paired(ANA, BEN)  # Ben: /start and /join
    for _ in range(30):
        assert await kept.send(BEN, "just chatting", GROUP_CHAT) == []
        await kept.press(BEN, "k:999")
    for _ in range(18):
        kept.only_reply(await kept.send(BEN, "hello"), BEN.id)

    assert kept.only_reply(await kept.send(BEN, "hello"), BEN.id).text == SLOW_DOWN
    assert kept.toasts(await kept.press(BEN, "k:999")) == [text("en", "error_stale")]


async def test_strangers_are_limited_too_and_each_person_apart(kept: Kept) -> None:
    for _ in range(20):
        await kept.send(DANA, "/today")
    await kept.start(ANA)

    warned = kept.only_reply(await kept.send(DANA, "/start"), DANA.id)

    assert warned.text == SLOW_DOWN
    assert await kept.person(DANA) is None
    kept.only_reply(await kept.send(ANA, "/help"), ANA.id)
