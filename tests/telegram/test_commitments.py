"""/commit (one line and guided), /commitments and their buttons, through the real Application."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.domain.commitments import COMMIT_DAYS, COMMIT_TIME, COMMIT_WHAT, MAX_TEXT
from bot.domain.models import CommitmentState
from bot.domain.schedule import EVERY_DAY, WEEKDAYS, WEEKENDS
from tests.telegram.conftest import ANA, BEN, Kept
from tests.telegram.offline import Call

DAYS_DATA = ["d:all", "d:wk", "d:we", "d:pick"]


async def test_commit_in_one_line_adds_a_daily_commitment(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/commit 21:00 Do the dishes"), ANA.id)

    assert reply.text.startswith("Promise noted: “Do the dishes”\nEvery day at 21:00.")
    assert "gentle thought" not in reply.text
    [commitment] = await kept.commitments(ANA)
    assert commitment.text == "Do the dishes"
    assert commitment.weekdays == EVERY_DAY
    assert commitment.local_time == time(21, 0)
    assert commitment.state == CommitmentState.ACTIVE
    assert commitment.next_local_date == date(2026, 6, 10)
    assert commitment.next_due_at == datetime(2026, 6, 10, 21, 0, tzinfo=UTC)


async def test_commit_follows_the_persons_time_zone(kept: Kept) -> None:
    await kept.start(ANA)
    await kept.send(ANA, "/timezone Europe/Madrid")

    await kept.send(ANA, "/commit 21:00 Do the dishes")

    [commitment] = await kept.commitments(ANA)
    assert commitment.next_due_at == datetime(2026, 6, 10, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize("words", ["/commit 25:99 x", "/commit 9pm Do the dishes", "/commit x"])
async def test_commit_with_a_bad_time_is_refused(kept: Kept, words: str) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, words), ANA.id)

    bad = words.split()[1]
    assert reply.text.startswith(f"“{bad}” isn't a time I understand.")
    assert "HH:MM" in reply.text
    assert await kept.snapshot(ANA) == before
    assert await kept.commitments(ANA) == []


async def test_commit_without_words_asks_for_them(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/commit 21:00"), ANA.id)

    assert reply.text.startswith("Please write what you'll do")
    assert await kept.commitments(ANA) == []


async def test_commit_with_a_10000_character_text_is_refused(kept: Kept) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/commit 21:00 " + "a" * 10_000), ANA.id)

    assert reply.text.startswith("That's a long promise. Please keep it under 200 characters")
    assert len(reply.text) < 300
    assert await kept.snapshot(ANA) == before


async def test_a_fourth_active_commitment_is_refused(kept: Kept) -> None:
    await kept.start(ANA)
    for hour in (7, 12, 21):
        await kept.send(ANA, f"/commit {hour}:00 Promise at {hour}")
    before = await kept.snapshot(ANA)

    one_line = kept.only_reply(await kept.send(ANA, "/commit 22:00 One more"), ANA.id)
    guided = kept.only_reply(await kept.send(ANA, "/commit"), ANA.id)

    for reply in (one_line, guided):
        assert reply.text.startswith("You already have 3 active commitments.")
    assert await kept.snapshot(ANA) == before
    assert [c.text for c in await kept.commitments(ANA)] == [
        "Promise at 7",
        "Promise at 12",
        "Promise at 21",
    ]


async def test_a_paused_commitment_frees_a_place(kept: Kept) -> None:
    await kept.start(ANA)
    for hour in (7, 12, 21):
        await kept.send(ANA, f"/commit {hour}:00 Promise at {hour}")
    first = (await kept.commitments(ANA))[0]
    await kept.press(ANA, f"cp:{first.id}")

    reply = kept.only_reply(await kept.send(ANA, "/commit 22:00 One more"), ANA.id)

    assert reply.text.startswith("Promise noted: “One more”")
    resumed = await kept.press(ANA, f"cr:{first.id}")
    assert kept.only_toast(resumed).startswith("You already have 3 active commitments.")
    assert (await kept.commitments(ANA))[0].state == CommitmentState.PAUSED


async def test_a_vague_promise_gets_a_gentle_hint(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/commit 21:00 I will always call"), ANA.id)

    assert reply.text.startswith("Promise noted: “I will always call”")
    assert "A gentle thought: words like “always”" in reply.text
    [commitment] = await kept.commitments(ANA)
    assert commitment.text == "I will always call"


# -- guided /commit ------------------------------------------------------------------------------


async def ask_days(kept: Kept, words: str = "Call my mother") -> Call:
    """Start the guided /commit and answer what; the 'which days?' message."""
    ask = kept.only_reply(await kept.send(ANA, "/commit"), ANA.id)
    assert ask.text.startswith("What will you do?")
    assert await kept.pending(ANA) == COMMIT_WHAT
    days = kept.only_reply(await kept.send(ANA, words), ANA.id)
    assert days.text == "On which days?"
    assert days.callback_data == DAYS_DATA
    assert days.labels == ["Every day", "Weekdays", "Weekends", "Pick days"]
    return days


@pytest.mark.parametrize(
    ("choice", "mask", "label"),
    [
        ("d:all", EVERY_DAY, "Every day"),
        ("d:wk", WEEKDAYS, "Weekdays"),
        ("d:we", WEEKENDS, "Weekends"),
    ],
)
async def test_guided_commit_with_a_day_preset(
    kept: Kept, choice: str, mask: int, label: str
) -> None:
    await kept.start(ANA)
    days = await ask_days(kept)

    pressed = await kept.press(ANA, choice, days)

    [edit] = kept.edits(pressed)
    assert (edit.chat_id, edit.params["message_id"]) == (ANA.id, days.message_id)
    assert edit.text.startswith("At what time should I ask you about it?")
    assert "(your time zone: UTC)" in edit.text
    assert edit.buttons == []
    assert kept.toasts(pressed) == [""]
    assert await kept.pending(ANA) == COMMIT_TIME
    assert await kept.commitments(ANA) == []

    reply = kept.only_reply(await kept.send(ANA, "08:15"), ANA.id)

    assert reply.text.startswith(f"Promise noted: “Call my mother”\n{label} at 08:15.")
    [commitment] = await kept.commitments(ANA)
    assert (commitment.text, commitment.weekdays, commitment.local_time) == (
        "Call my mother",
        mask,
        time(8, 15),
    )
    assert (await kept.must(ANA)).pending is None


async def test_guided_commit_with_picked_days(kept: Kept) -> None:
    await kept.start(ANA)
    days = await ask_days(kept, "Walk the dog")

    [picker] = kept.edits(await kept.press(ANA, "d:pick", days))
    assert picker.text == "Choose the days, then Done. Chosen: —"
    assert picker.callback_data == [f"dp:{d}" for d in range(7)] + ["dp:ok"]
    assert picker.labels[:7] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    for day in (0, 2, 4, 2):
        [picker] = kept.edits(await kept.press(ANA, f"dp:{day}", days))
    assert picker.text == "Choose the days, then Done. Chosen: Mon, Fri"
    assert picker.labels[:7] == ["✔️ Mon", "Tue", "Wed", "Thu", "✔️ Fri", "Sat", "Sun"]
    assert await kept.commitments(ANA) == []

    [ask_time] = kept.edits(await kept.press(ANA, "dp:ok", days))
    assert ask_time.text.startswith("At what time")

    reply = kept.only_reply(await kept.send(ANA, "7:05"), ANA.id)

    assert reply.text.startswith("Promise noted: “Walk the dog”\nMon, Fri at 07:05.")
    [commitment] = await kept.commitments(ANA)
    assert commitment.weekdays == 0b0010001
    assert commitment.local_time == time(7, 5)
    # The first nudge is the next Friday (10 June 2026 is a Wednesday).
    assert commitment.next_local_date == date(2026, 6, 12)


async def test_done_with_no_day_picked_is_refused(kept: Kept) -> None:
    await kept.start(ANA)
    days = await ask_days(kept)
    await kept.press(ANA, "d:pick", days)
    before = await kept.snapshot(ANA)

    toast = kept.only_toast(await kept.press(ANA, "dp:ok", days))

    assert toast == "Please choose at least one day."
    assert await kept.snapshot(ANA) == before
    assert await kept.pending(ANA) == COMMIT_DAYS


async def test_text_while_days_are_asked_repeats_the_question(kept: Kept) -> None:
    await kept.start(ANA)
    await ask_days(kept)

    reply = kept.only_reply(await kept.send(ANA, "every day please"), ANA.id)

    assert reply.text == "On which days?" and reply.callback_data == DAYS_DATA
    assert await kept.commitments(ANA) == []


async def test_a_bad_time_in_the_guided_step_can_be_corrected(kept: Kept) -> None:
    await kept.start(ANA)
    await kept.press(ANA, "d:all", await ask_days(kept))

    error = kept.only_reply(await kept.send(ANA, "25:00"), ANA.id)
    assert error.text.startswith("“25:00” isn't a time I understand.")
    assert await kept.pending(ANA) == COMMIT_TIME
    assert await kept.commitments(ANA) == []

    reply = kept.only_reply(await kept.send(ANA, "21.30"), ANA.id)

    assert reply.text.startswith("Promise noted: “Call my mother”\nEvery day at 21:30.")
    assert len(await kept.commitments(ANA)) == 1


async def test_a_too_long_answer_in_the_guided_step_is_refused(kept: Kept) -> None:
    await kept.send(ANA, "/start")
    await kept.send(ANA, "/commit")

    reply = kept.only_reply(await kept.send(ANA, "b" * 10_000), ANA.id)

    assert reply.text.startswith("That's a long promise.")
    assert await kept.pending(ANA) == COMMIT_WHAT


async def test_cancel_leaves_the_guided_commit(kept: Kept) -> None:
    await kept.start(ANA)
    days = await ask_days(kept)

    reply = kept.only_reply(await kept.send(ANA, "/cancel"), ANA.id)

    assert reply.text == "Okay, nothing was added."
    assert (await kept.must(ANA)).pending is None
    toast = kept.only_toast(await kept.press(ANA, "d:all", days))
    assert toast.startswith("This choice is no longer open.")
    assert await kept.commitments(ANA) == []


async def test_a_day_button_with_nothing_pending_is_refused(kept: Kept) -> None:
    await kept.start(ANA)
    before = await kept.snapshot(ANA)

    toast = kept.only_toast(await kept.press(ANA, "d:wk"))

    assert toast.startswith("This choice is no longer open.")
    assert await kept.snapshot(ANA) == before


# -- /commitments ----------------------------------------------------------------------------


async def test_commitments_when_there_are_none(kept: Kept) -> None:
    await kept.start(ANA)

    reply = kept.only_reply(await kept.send(ANA, "/commitments"), ANA.id)

    assert reply.text == "You have no commitments yet. /commit adds one."
    assert reply.buttons == []


async def listing(kept: Kept) -> tuple[Call, list[int]]:
    """Two commitments and the /commitments message listing them."""
    await kept.start(ANA)
    await kept.send(ANA, "/commit 21:00 Do the dishes")
    await kept.send(ANA, "/commit 08:00 Say good morning")
    ids = [c.id for c in await kept.commitments(ANA)]
    message = kept.only_reply(await kept.send(ANA, "/commitments"), ANA.id)
    return message, ids


async def test_commitments_lists_each_with_its_buttons(kept: Kept) -> None:
    message, (first, second) = await listing(kept)

    assert message.text == (
        "Your commitments:\n"
        "1. Do the dishes — Every day at 21:00\n"
        "2. Say good morning — Every day at 08:00"
    )
    assert message.callback_data == [
        f"cp:{first}",
        f"ct:{first}",
        f"cd:{first}",
        f"cp:{second}",
        f"ct:{second}",
        f"cd:{second}",
    ]
    assert message.labels[:3] == ["⏸ Pause 1", "🕘 Time 1", "🗑 Delete 1"]


async def test_pause_then_resume(kept: Kept) -> None:
    message, (first, second) = await listing(kept)

    paused = await kept.press(ANA, f"cp:{first}", message)

    assert kept.toasts(paused) == ["Paused: “Do the dishes”. No nudges until you resume it."]
    [edit] = kept.edits(paused)
    assert edit.params["message_id"] == message.message_id
    assert "1. Do the dishes — Every day at 21:00 (paused)" in edit.text
    assert edit.callback_data[0] == f"cr:{first}" and edit.labels[0] == "▶️ Resume 1"
    stored = {c.id: c for c in await kept.commitments(ANA)}
    assert stored[first].state == CommitmentState.PAUSED and stored[first].next_due_at is None
    assert stored[second].state == CommitmentState.ACTIVE

    resumed = await kept.press(ANA, f"cr:{first}", message)

    assert kept.toasts(resumed) == ["Resumed: “Do the dishes”. Next nudge Wed 10 Jun 21:00."]
    [edit] = kept.edits(resumed)
    assert "(paused)" not in edit.text and edit.callback_data[0] == f"cp:{first}"
    again = {c.id: c for c in await kept.commitments(ANA)}
    assert again[first].state == CommitmentState.ACTIVE
    assert again[first].next_due_at == datetime(2026, 6, 10, 21, 0, tzinfo=UTC)


async def test_change_time(kept: Kept) -> None:
    message, (first, _) = await listing(kept)

    pressed = await kept.press(ANA, f"ct:{first}", message)

    assert kept.toasts(pressed) == [""]
    [ask] = kept.sent(pressed, ANA.id)
    assert ask.text == "New time for “Do the dishes”? Send HH:MM, for example 07:30."
    assert kept.edits(pressed) == []

    reply = kept.only_reply(await kept.send(ANA, "07:30"), ANA.id)

    assert reply.text == "Changed: “Do the dishes” now at 07:30."
    changed = (await kept.commitments(ANA))[0]
    assert changed.local_time == time(7, 30)
    assert changed.next_due_at == datetime(2026, 6, 11, 7, 30, tzinfo=UTC)
    assert (await kept.must(ANA)).pending is None


async def test_change_time_with_a_bad_time_keeps_asking(kept: Kept) -> None:
    message, (first, _) = await listing(kept)
    await kept.press(ANA, f"ct:{first}", message)

    reply = kept.only_reply(await kept.send(ANA, "half past seven"), ANA.id)

    assert reply.text.startswith("“half past seven” isn't a time I understand.")
    assert (await kept.commitments(ANA))[0].local_time == time(21, 0)


async def test_delete_asks_first_and_can_be_called_off(kept: Kept) -> None:
    message, (first, _) = await listing(kept)

    [confirm] = kept.edits(await kept.press(ANA, f"cd:{first}", message))

    assert confirm.text == "Delete “Do the dishes”? Its past answers stay in your history."
    assert confirm.callback_data == [f"cy:{first}", f"cx:{first}"]
    assert (await kept.commitments(ANA))[0].state == CommitmentState.ACTIVE

    kept_it = await kept.press(ANA, f"cx:{first}", message)

    assert kept.toasts(kept_it) == ["Kept as it is."]
    assert kept.edits(kept_it)[0].text.startswith("Your commitments:\n1. Do the dishes")
    assert (await kept.commitments(ANA))[0].state == CommitmentState.ACTIVE


async def test_delete_confirmed(kept: Kept) -> None:
    message, (first, second) = await listing(kept)
    await kept.press(ANA, f"cd:{first}", message)

    deleted = await kept.press(ANA, f"cy:{first}", message)

    assert kept.toasts(deleted) == ["Deleted: “Do the dishes”. Its history stays in your progress."]
    [edit] = kept.edits(deleted)
    assert edit.text == "Your commitments:\n1. Say good morning — Every day at 08:00"
    stored = {c.id: c for c in await kept.commitments(ANA)}
    assert stored[first].state == CommitmentState.DELETED and stored[first].next_due_at is None
    assert stored[second].state == CommitmentState.ACTIVE

    for data in (f"cp:{first}", f"cr:{first}", f"ct:{first}", f"cd:{first}", f"cy:{first}"):
        before = await kept.snapshot(ANA)
        toast = kept.only_toast(await kept.press(ANA, data, message))
        assert toast == "I can't find that commitment. /commitments lists yours.", data
        assert await kept.snapshot(ANA) == before


async def test_someone_elses_commitment_buttons_are_refused(kept: Kept) -> None:
    message, (first, _) = await listing(kept)
    await kept.start(BEN)
    before = await kept.snapshot(ANA, BEN)

    for data in (f"cp:{first}", f"ct:{first}", f"cd:{first}", f"cy:{first}"):
        toast = kept.only_toast(await kept.press(BEN, data, message))
        assert toast == "I can't find that commitment. /commitments lists yours.", data

    assert await kept.snapshot(ANA, BEN) == before
    assert (await kept.must(BEN)).pending is None


async def test_a_full_length_commitment_still_fits_every_toast(kept: Kept) -> None:
    """Telegram refuses a callback answer over 200 characters; the press must still work."""
    await kept.start(ANA)
    words = "w" * MAX_TEXT
    await kept.send(ANA, f"/commit 21:00 {words}")
    [commitment] = await kept.commitments(ANA)

    for data in (f"cp:{commitment.id}", f"cr:{commitment.id}"):
        pressed = await kept.press(ANA, data)
        [toast] = kept.toasts(pressed)
        assert 0 < len(toast) <= 200
        assert len(kept.edits(pressed)) == 1
    await kept.press(ANA, f"cd:{commitment.id}")
    deleted = await kept.press(ANA, f"cy:{commitment.id}")
    assert 0 < len(kept.toasts(deleted)[0]) <= 200
    assert (await kept.commitments(ANA))[0].state == CommitmentState.DELETED


async def test_a_one_line_commit_ends_a_guided_one(kept: Kept) -> None:
    await kept.start(ANA)
    await kept.send(ANA, "/commit")
    assert await kept.pending(ANA) == COMMIT_WHAT

    await kept.send(ANA, "/commit 21:00 Do the dishes")

    assert (await kept.must(ANA)).pending is None
    assert [c.text for c in await kept.commitments(ANA)] == ["Do the dishes"]
