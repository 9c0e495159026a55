"""The daily loop on Telegram: the nudge, Kept / Missed, I noticed, reflections and /today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.models import NudgeStatus
from bot.domain.nudging import REFLECTION
from tests.telegram.conftest import ANA, BEN, CARL, GROUP, Kept, TgUser
from tests.telegram.offline import Call

DUE = datetime(2026, 6, 10, 21, 0, tzinfo=UTC)
ANSWERED = DUE + timedelta(minutes=5)
STALE = "This choice is no longer open. /today shows what's open now."
NOT_YOURS = "This choice belongs to someone else, so I've left it as it is."


async def nudged(kept: Kept, *, group: bool = True) -> tuple[Call, int]:
    """Ana and Ben paired (and linked), Ana's 21:00 promise nudged: the message and nudge id."""
    if group:
        await kept.linked(ANA, BEN)
    else:
        await kept.paired(ANA, BEN)
    await kept.send(ANA, "/commit 21:00 Do the dishes")
    kept.clock.set(DUE)
    [message] = kept.sent(await kept.tick())
    [nudge] = await kept.nudges(ANA)
    kept.clock.set(ANSWERED)
    return message, nudge.id


async def test_the_nudge_comes_at_the_due_time_with_kept_and_missed(kept: Kept) -> None:
    await kept.linked(ANA, BEN)
    await kept.send(ANA, "/commit 21:00 Do the dishes")
    kept.clock.set(DUE - timedelta(minutes=1))
    assert await kept.tick() == []
    assert await kept.nudges(ANA) == []

    kept.clock.set(DUE)
    calls = await kept.tick()

    [nudge] = await kept.nudges(ANA)
    message = kept.only_reply(calls, ANA.id)
    assert message.text == (
        "Good evening, Ana. Did you keep your promise today (Wed 10 Jun)?\n\n• Do the dishes"
    )
    assert message.labels == ["✅ Kept", "❌ Missed", "⏰ Ask again in 1 h"]
    assert message.callback_data == [f"k:{nudge.id}", f"m:{nudge.id}", f"z:{nudge.id}"]
    assert nudge.status == NudgeStatus.SENT and nudge.local_date == date(2026, 6, 10)
    assert (nudge.chat_id, nudge.message_id) == (ANA.id, message.message_id)
    assert nudge.sent_at == DUE and not nudge.late
    assert await kept.tick() == []


async def test_kept_updates_the_nudge_and_the_partner_notices(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)

    pressed = await kept.press(ANA, f"k:{nudge_id}", message)

    assert kept.toasts(pressed) == ["✅ Kept. Well done."]
    [edit] = kept.edits(pressed)
    assert (edit.chat_id, edit.params["message_id"]) == (ANA.id, message.message_id)
    assert edit.text.endswith("• Do the dishes — ✅ Kept (Wed 10 Jun, 21:05)")
    assert edit.buttons == []
    [told] = kept.sent(pressed)
    assert told.chat_id == GROUP
    assert told.text == "✅ Ana kept a promise today: “Do the dishes” (Wed 10 Jun)"
    assert told.labels == ["🤝 I noticed"] and told.callback_data == [f"n:{nudge_id}"]
    nudge = await kept.nudge(nudge_id)
    assert nudge.status == NudgeStatus.KEPT and nudge.answered_at == ANSWERED
    assert (nudge.partner_chat_id, nudge.partner_message_id) == (GROUP, told.message_id)
    assert nudge.noticed_at is None

    kept.clock.advance(timedelta(minutes=30))
    noticed = await kept.press(BEN, f"n:{nudge_id}", told)

    assert kept.toasts(noticed) == ["Thank you. Ana will see that you noticed."]
    [group_edit] = kept.edits(noticed)
    assert (group_edit.chat_id, group_edit.params["message_id"]) == (GROUP, told.message_id)
    assert group_edit.text == told.text + "\n🤝 Ben noticed."
    assert group_edit.buttons == []
    [to_owner] = kept.sent(noticed)
    assert to_owner.chat_id == ANA.id
    assert to_owner.text == "🤝 Ben noticed: “Do the dishes” (Wed 10 Jun)."
    assert (await kept.nudge(nudge_id)).noticed_at == ANSWERED + timedelta(minutes=30)


async def test_noticing_twice_or_by_the_wrong_person_is_refused(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    await kept.start(CARL)
    [told] = kept.sent(await kept.press(ANA, f"k:{nudge_id}", message))
    await kept.press(BEN, f"n:{nudge_id}", told)
    before = await kept.snapshot(ANA, BEN, CARL)

    again = kept.only_toast(await kept.press(BEN, f"n:{nudge_id}", told))
    own = kept.only_toast(await kept.press(ANA, f"n:{nudge_id}", told))
    stranger = kept.only_toast(await kept.press(CARL, f"n:{nudge_id}", told))

    assert again == "You already answered this one: 🤝."
    assert own == NOT_YOURS
    assert stranger == "Sorry, only the two partners of this couple can do that."
    assert await kept.snapshot(ANA, BEN, CARL) == before


async def test_i_noticed_before_any_answer_is_refused(kept: Kept) -> None:
    _, nudge_id = await nudged(kept)
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(BEN, f"n:{nudge_id}", chat_id=GROUP, message_id=9))

    assert toast == STALE
    assert await kept.snapshot(ANA, BEN) == before


async def test_without_a_linked_group_the_partner_is_told_privately(kept: Kept) -> None:
    message, nudge_id = await nudged(kept, group=False)

    pressed = await kept.press(ANA, f"k:{nudge_id}", message)

    [told] = kept.sent(pressed)
    assert told.chat_id == BEN.id
    assert told.text.startswith("✅ Ana kept a promise today")
    assert (await kept.nudge(nudge_id)).partner_chat_id == BEN.id


@pytest.mark.parametrize("second", ["k", "m"])
async def test_answering_twice_is_politely_refused(kept: Kept, second: str) -> None:
    message, nudge_id = await nudged(kept)
    await kept.press(ANA, f"k:{nudge_id}", message)
    before = await kept.snapshot(ANA, BEN)

    kept.clock.advance(timedelta(minutes=1))
    toast = kept.only_toast(await kept.press(ANA, f"{second}:{nudge_id}", message))

    assert toast == "You already answered this one: ✅ Kept."
    assert await kept.snapshot(ANA, BEN) == before


async def test_the_partner_cannot_answer_the_owners_nudge(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    before = await kept.snapshot(ANA, BEN)

    for verb in ("k", "m"):
        toast = kept.only_toast(await kept.press(BEN, f"{verb}:{nudge_id}", message))
        assert toast == NOT_YOURS

    assert await kept.snapshot(ANA, BEN) == before
    assert (await kept.nudge(nudge_id)).status == NudgeStatus.SENT


@pytest.mark.parametrize(
    "data",
    [
        "k:999999",
        "m:999999",
        "n:999999",
        "k:999999999999999999",
        "zz:1",
        "k:abc",
        "k:-1",
        "k:1.0",
        "k:１",
        "k",
        "",
        "k:" + "1" * 198,
        "x" * 200,
        "d:everyday",
        "dp:9",
    ],
)
async def test_forged_callback_data_is_refused_and_changes_nothing(kept: Kept, data: str) -> None:
    message, _ = await nudged(kept)
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(ANA, data, message))

    assert toast == STALE
    assert await kept.snapshot(ANA, BEN) == before


async def test_a_press_from_someone_who_never_started_is_refused(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    stranger = TgUser(9999, "Eve")
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(stranger, f"k:{nudge_id}", message))

    assert toast == "This choice belongs to someone else, so I've left it as it is."
    assert await kept.snapshot(ANA, BEN) == before
    assert await kept.person(stranger) is None


async def test_the_nudge_of_a_deleted_commitment_is_refused(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    [commitment] = await kept.commitments(ANA)
    await kept.press(ANA, f"cd:{commitment.id}")
    await kept.press(ANA, f"cy:{commitment.id}")
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(ANA, f"k:{nudge_id}", message))

    assert toast == STALE
    assert await kept.snapshot(ANA, BEN) == before
    assert (await kept.nudge(nudge_id)).status == NudgeStatus.SENT


async def test_a_nudge_two_days_old_can_no_longer_be_answered(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    kept.clock.set(datetime(2026, 6, 12, 0, 1, tzinfo=UTC))
    before = await kept.snapshot(ANA, BEN)

    toast = kept.only_toast(await kept.press(ANA, f"k:{nudge_id}", message))

    assert toast == STALE
    assert await kept.snapshot(ANA, BEN) == before


async def test_yesterdays_nudge_can_still_be_answered(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    kept.clock.set(datetime(2026, 6, 11, 9, 0, tzinfo=UTC))

    pressed = await kept.press(ANA, f"k:{nudge_id}", message)

    assert kept.toasts(pressed) == ["✅ Kept. Well done."]
    nudge = await kept.nudge(nudge_id)
    assert nudge.status == NudgeStatus.KEPT and nudge.local_date == date(2026, 6, 10)


async def test_missed_asks_for_a_private_reflection_and_keeps_it(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)

    pressed = await kept.press(ANA, f"m:{nudge_id}", message)

    assert kept.toasts(pressed) == ["❌ Missed: noted."]
    [edit] = kept.edits(pressed)
    assert edit.params["message_id"] == message.message_id
    assert edit.text.endswith("• Do the dishes — ❌ Missed (Wed 10 Jun, 21:05)")
    [to_group] = kept.sent(pressed, GROUP)
    # Plain and kind to the partner, with the button that fits a miss.
    assert to_group.text == "❌ Ana let you know they missed “Do the dishes” (Wed 10 Jun)."
    assert to_group.callback_data == [f"n:{nudge_id}"]
    assert [b["text"] for row in to_group.buttons for b in row] == ["🤝 Thanks for telling me"]
    [prompt] = kept.sent(pressed, ANA.id)
    assert prompt.text.startswith("Thank you for being honest about “Do the dishes”.")
    # Ana is thanked once: in the prompt, not again in the toast or the edited nudge.
    said = [*kept.toasts(pressed), edit.text, prompt.text]
    assert sum(("thank" in words.lower() or "honest" in words.lower()) for words in said) == 1
    assert "/skip" in prompt.text
    assert await kept.pending(ANA) == REFLECTION
    assert (await kept.nudge(nudge_id)).status == NudgeStatus.MISSED

    words = "I stayed late at work; I'll set a reminder at 20:30."
    reply = kept.only_reply(await kept.send(ANA, words), ANA.id)

    assert reply.text.startswith("Saved, privately: only you can see it.")
    assert reply.labels == ["🤝 Share with my partner"]
    assert (await kept.nudge(nudge_id)).reflection == words
    assert (await kept.nudge(nudge_id)).reflection_shared_at is None
    assert (await kept.must(ANA)).pending is None
    assert all(words not in call.text for call in kept.api.calls if call.chat_id != ANA.id)


async def test_a_long_reflection_is_kept_shortened(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    await kept.press(ANA, f"m:{nudge_id}", message)

    kept.only_reply(await kept.send(ANA, "r" * 10_000), ANA.id)

    assert (await kept.nudge(nudge_id)).reflection == "r" * 2000


async def test_skip_leaves_the_reflection_unwritten(kept: Kept) -> None:
    message, nudge_id = await nudged(kept)
    await kept.press(ANA, f"m:{nudge_id}", message)

    reply = kept.only_reply(await kept.send(ANA, "/skip"), ANA.id)

    assert reply.text == "That's fine. Tomorrow is a new day 🌱"
    assert (await kept.must(ANA)).pending is None
    assert (await kept.nudge(nudge_id)).reflection is None
    later = kept.only_reply(await kept.send(ANA, "one more thing"), ANA.id)
    assert later.text.startswith("I'm not sure what you mean.")
    assert (await kept.nudge(nudge_id)).reflection is None


async def test_skip_with_nothing_to_skip(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/skip"), ANA.id)

    assert reply.text.startswith("I'm not sure what you mean.")


# -- /today ----------------------------------------------------------------------------------


async def test_today_with_nothing(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/today"), ANA.id)

    assert reply.text == "Nothing for today. /commit adds a promise."


async def test_today_before_the_nudge_shows_what_is_coming(kept: Kept) -> None:
    await kept.start(ANA)
    await kept.send(ANA, "/commit 21:00 Do the dishes")

    reply = kept.only_reply(await kept.send(ANA, "/today"), ANA.id)

    assert reply.text == "Today (Wed 10 Jun):\n• Do the dishes — later today at 21:00"
    assert reply.buttons == []


async def test_today_lists_todays_and_yesterdays_open_nudges(kept: Kept) -> None:
    first_message, first = await nudged(kept)
    kept.clock.set(DUE + timedelta(days=1))
    [second_message] = kept.sent(await kept.tick())
    second = max(n.id for n in await kept.nudges(ANA))
    assert second != first
    kept.clock.advance(timedelta(minutes=1))

    listing = kept.only_reply(await kept.send(ANA, "/today"), ANA.id)

    assert listing.text == (
        "Today (Thu 11 Jun):\n"
        "• Do the dishes\n"
        "\n"
        "Still open from yesterday (Wed 10 Jun):\n"
        "• Do the dishes"
    )
    assert listing.callback_data == [
        f"k:{second}",
        f"m:{second}",
        f"z:{second}",
        f"k:{first}",
        f"m:{first}",
        f"z:{first}",
    ]
    assert listing.labels[0] == "✅ Kept · Do the dishes"
    assert kept.only_reply(await kept.send(BEN, "/today"), BEN.id).text.startswith("Nothing")

    pressed = await kept.press(ANA, f"k:{first}", listing)

    edited = {c.params["message_id"]: c for c in kept.edits(pressed)}
    assert set(edited) == {first_message.message_id, listing.message_id}
    assert edited[first_message.message_id].text.endswith("— ✅ Kept (Thu 11 Jun, 21:01)")
    refreshed = edited[listing.message_id]
    assert refreshed.callback_data == [f"k:{second}", f"m:{second}", f"z:{second}"]
    assert "Still open from yesterday" not in refreshed.text
    assert (await kept.nudge(first)).status == NudgeStatus.KEPT
    assert (await kept.nudge(second)).status == NudgeStatus.SENT
    assert second_message.message_id not in edited
