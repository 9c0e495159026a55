"""/chores and its buttons through the real Application: the plan, adding, giving, swapping."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.domain.chores import CHORE_NAME, CHORE_WHO
from bot.domain.models import Commitment, SwapState
from bot.domain.schedule import EVERY_DAY, WEEKDAYS
from bot.telegram.app import MENU
from bot.texts import text
from tests.telegram.conftest import ANA, BEN, CARL, DANA, GROUP, GROUP_CHAT, Kept, TgUser
from tests.telegram.offline import Call
from tests.weekdays import mask_of

DISHES = "Dishes after dinner"
NOT_PARTNER = text("en", "error_not_partner")
NOT_YOURS = text("en", "error_not_yours")
STALE = text("en", "error_stale")
OTHER_GROUP = {"id": -1009999, "type": "group", "title": "Somewhere else"}


async def shares(kept: Kept, user: TgUser) -> list[Commitment]:
    """The user's chore commitments that are not deleted."""
    return [
        c
        for c in await kept.commitments(user)
        if c.chore_id is not None and c.state.value != "deleted"
    ]


async def add_chore(
    kept: Kept, actor: TgUser, name: str, assignee: TgUser, days: str, at: str
) -> list[Call]:
    """The guided flow through the buttons and texts; the calls of the last step."""
    grid = kept.only_reply(await kept.send(actor, "/chores"), actor.id)
    await kept.press(actor, grid.callback_data[0], grid)
    who = kept.only_reply(await kept.send(actor, name), actor.id)
    person = await kept.must(assignee)
    await kept.press(actor, f"hw:{person.id}", who)
    await kept.press(actor, f"hd:{days}", who)
    return await kept.send(actor, at)


async def test_chores_is_a_command_in_the_menu_and_in_about(kept: Kept) -> None:
    assert "chores" in MENU
    await kept.start(ANA)
    reply = kept.only_reply(await kept.send(ANA, "/about"), ANA.id)
    assert "/chores — your shared chore plan" in reply.text


async def test_the_guided_chore_reaches_the_partner_as_their_own_nudge(kept: Kept) -> None:
    await kept.linked()
    couple = await kept.couple(ANA)
    assert couple is not None

    grid = kept.only_reply(await kept.send(ANA, "/chores"), ANA.id)
    assert grid.text.startswith("🧹 Chore plan of Ana and Ben\n\nNo chores in the plan yet.")
    assert grid.labels == ["➕ Add a chore", "🔁 Ask to swap a day"]
    assert grid.callback_data == [f"ha:{couple.id}", f"hs:{couple.id}"]

    pressed = await kept.press(ANA, f"ha:{couple.id}", grid)
    assert [c.method for c in pressed] == ["sendMessage", "answerCallbackQuery"]
    assert pressed[0].chat_id == ANA.id and pressed[0].text.startswith("What's the chore?")
    assert await kept.pending(ANA) == CHORE_NAME

    who = kept.only_reply(await kept.send(ANA, DISHES), ANA.id)
    assert who.text == f"Who takes care of “{DISHES}”?"
    assert who.labels == ["Ana (me)", "Ben"]
    ben = await kept.must(BEN)

    days = kept.edits(await kept.press(ANA, f"hw:{ben.id}", who))
    assert [d.text for d in days] == [f"On which days does Ben do “{DISHES}”?"]
    assert days[0].callback_data == ["hd:all", "hd:wk", "hd:we", "hd:pick"]
    ask = kept.edits(await kept.press(ANA, "hd:all", who))
    assert ask[0].text.startswith("At what time should I remind Ben?")
    assert "Ben's time zone: UTC" in ask[0].text

    calls = await kept.send(ANA, "20:00")

    [to_ben] = kept.sent(calls, BEN.id)
    assert to_ben.text.startswith(f"🧹 Ana gave you a chore in your plan: “{DISHES}”, Every day")
    [plan] = kept.sent(calls, GROUP)
    assert f"Mon: {DISHES} (Ben)" in plan.text and f"Sun: {DISHES} (Ben)" in plan.text
    assert plan.callback_data == [f"ha:{couple.id}", f"hs:{couple.id}"]
    [reply] = kept.sent(calls, ANA.id)
    assert reply.text.startswith(f"Added to the plan: “{DISHES}” for Ben, Every day at 20:00.")
    assert await kept.commitments(ANA) == []
    [share] = await shares(kept, BEN)
    assert (share.text, share.weekdays, share.local_time) == (DISHES, EVERY_DAY, time(20))
    due = datetime(2026, 6, 10, 20, 0, tzinfo=UTC)
    assert share.next_due_at == due

    kept.clock.set(due)
    nudge = kept.only_reply(await kept.tick(), BEN.id)

    assert DISHES in nudge.text
    [row] = await kept.nudges(BEN)
    assert nudge.callback_data[:2] == [f"k:{row.id}", f"m:{row.id}"]
    answered = await kept.press(BEN, f"k:{row.id}", nudge)
    assert kept.toasts(answered) == [text("en", "answer_kept")]
    assert (await kept.nudge(row.id)).status.value == "kept"


async def test_in_the_group_the_plan_shows_and_adding_continues_in_private(kept: Kept) -> None:
    await kept.linked()
    await add_chore(kept, ANA, "Bins", ANA, "wk", "07:30")

    grid = kept.only_reply(await kept.send(BEN, "/chores", GROUP_CHAT), GROUP)
    assert "Mon: Bins (Ana)" in grid.text and "Sat: —" in grid.text

    pressed = await kept.press(BEN, grid.callback_data[0], grid)

    assert [c.method for c in pressed] == ["sendMessage", "answerCallbackQuery"]
    assert pressed[0].chat_id == BEN.id and pressed[0].text.startswith("What's the chore?")
    assert kept.toasts(pressed) == [text("en", "chores_in_private")]
    assert await kept.pending(BEN) == CHORE_NAME


async def test_strangers_and_forged_chore_buttons_change_nothing(kept: Kept) -> None:
    await kept.linked()
    await kept.start(CARL)
    couple = await kept.couple(ANA)
    assert couple is not None
    grid = kept.only_reply(await kept.send(ANA, "/chores", GROUP_CHAT), GROUP)
    before = await kept.rows()

    assert kept.only_toast(await kept.press(CARL, f"ha:{couple.id}", grid)) == NOT_PARTNER
    assert kept.only_toast(await kept.press(DANA, f"ha:{couple.id}", grid)) == NOT_PARTNER
    assert kept.only_toast(await kept.press(CARL, f"hs:{couple.id}", grid)) == NOT_PARTNER
    assert kept.only_toast(await kept.press(BEN, f"ha:{couple.id + 1}", grid)) == NOT_PARTNER
    for forged in ("hk:999", "hn:1", "hq:19", "hw:1", "hd:all", "hp:ok"):
        assert kept.only_toast(await kept.press(ANA, forged)) == STALE, forged
    for unreadable in ("hp:9", "hq:-1", "hd:", "hk:٣", "h:1"):
        assert kept.only_toast(await kept.press(ANA, unreadable)) == STALE, unreadable
    refused = kept.only_reply(await kept.send(CARL, "/chores", GROUP_CHAT), GROUP)
    assert refused.text == NOT_PARTNER
    alone = kept.only_reply(await kept.send(CARL, "/chores"), CARL.id)
    assert alone.text == text("en", "error_not_paired")
    elsewhere = kept.only_reply(await kept.send(ANA, "/chores", OTHER_GROUP), OTHER_GROUP["id"])
    assert elsewhere.text == text("en", "error_chores_group")

    assert await kept.rows() == before


async def test_the_partners_limit_is_a_clear_refusal(kept: Kept) -> None:
    await kept.linked()
    for hour in (7, 8, 9):
        await kept.send(BEN, f"/commit {hour}:00 Promise at {hour}")
    grid = kept.only_reply(await kept.send(ANA, "/chores"), ANA.id)
    await kept.press(ANA, grid.callback_data[0], grid)
    who = kept.only_reply(await kept.send(ANA, DISHES), ANA.id)
    ben = await kept.must(BEN)
    before = await kept.rows()

    toast = kept.only_toast(await kept.press(ANA, f"hw:{ben.id}", who))

    assert toast.startswith("Ben already has 3 active commitments")
    assert await kept.rows() == before
    assert await kept.pending(ANA) == CHORE_WHO


async def test_a_swap_asked_accepted_and_seen_by_both(kept: Kept) -> None:
    await kept.linked()
    await add_chore(kept, ANA, DISHES, ANA, "wk", "20:00")
    [share] = await shares(kept, ANA)
    grid = kept.only_reply(await kept.send(ANA, "/chores"), ANA.id)

    offered = await kept.press(ANA, grid.callback_data[1], grid)
    picker = kept.sent(offered, ANA.id)[0]
    assert picker.text == "Which of your chore days would you like Ben to take?"
    assert picker.callback_data == [f"hq:{share.id * 10 + day}" for day in range(5)]

    asked = await kept.press(ANA, f"hq:{share.id * 10 + 2}", picker)

    [request] = kept.sent(asked, BEN.id)
    assert request.text.startswith(f"🔁 Ana asks if you could take “{DISHES}” on Wed (20:00)")
    assert request.labels == ["✅ Accept", "Not this time"]
    [edited] = kept.edits(asked)
    assert edited.text.startswith("I've asked Ben if they can take")
    assert edited.callback_data == []
    accept = request.callback_data[0]
    await kept.start(CARL)
    before = await kept.rows()
    assert kept.only_toast(await kept.press(ANA, accept, request)) == NOT_YOURS
    assert kept.only_toast(await kept.press(CARL, accept, request)) == NOT_PARTNER
    assert await kept.rows() == before

    answered = await kept.press(BEN, accept, request)

    [thanks] = kept.edits(answered)
    assert thanks.text == f"Thank you 🤝 “{DISHES}” on Wed is yours now; I'll remind you at 20:00."
    [told] = kept.sent(answered, ANA.id)
    assert told.text == f"🤝 Ben said yes: “{DISHES}” on Wed is theirs from now on."
    [plan] = kept.sent(answered, GROUP)
    assert f"Wed: {DISHES} (Ben)" in plan.text and f"Thu: {DISHES} (Ana)" in plan.text
    [mine] = await shares(kept, ANA)
    [his] = await shares(kept, BEN)
    assert mine.weekdays == WEEKDAYS & ~mask_of([2])
    assert (his.weekdays, his.chore_id) == (mask_of([2]), mine.chore_id)
    again = kept.only_toast(await kept.press(BEN, accept, request))
    assert again == text("en", "error_already_answered", answer="✅ Accept")


async def test_a_declined_swap_is_answered_kindly(kept: Kept) -> None:
    await kept.linked()
    await add_chore(kept, ANA, DISHES, ANA, "wk", "20:00")
    [share] = await shares(kept, ANA)
    grid = kept.only_reply(await kept.send(ANA, "/chores"), ANA.id)
    picker = kept.sent(await kept.press(ANA, grid.callback_data[1], grid), ANA.id)[0]
    [request] = kept.sent(await kept.press(ANA, f"hq:{share.id * 10}", picker), BEN.id)

    answered = await kept.press(BEN, request.callback_data[1], request)

    [edited] = kept.edits(answered)
    assert edited.text == "Okay, nothing changes. I've let Ana know, kindly."
    [told] = kept.sent(answered, ANA.id)
    assert told.text.startswith(f"Ben can't take “{DISHES}” on Mon this time. That's okay 🌱")
    assert kept.sent(answered, GROUP) == []
    assert [c.weekdays for c in await shares(kept, ANA)] == [WEEKDAYS]
    assert await shares(kept, BEN) == []
    async with kept.uow() as uow:
        swap = await uow.chores.swap(1)
    assert swap is not None and swap.state == SwapState.DECLINED


async def test_nobody_without_chore_days_gets_a_picker(kept: Kept) -> None:
    await kept.linked()
    grid = kept.only_reply(await kept.send(BEN, "/chores"), BEN.id)

    toast = kept.only_toast(await kept.press(BEN, grid.callback_data[1], grid))

    assert toast == text("en", "error_no_chore_days")
