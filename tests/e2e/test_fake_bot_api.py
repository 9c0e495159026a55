"""Self-tests for the fake Telegram Bot API server, driven by the real python-telegram-bot."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, RetryAfter

from tests.e2e.fake_bot_api import FakeBotApi, parse_html

TOKEN = "123:ABC"
ALICE = 1001
BOB = 1002
GROUP = -5001
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A running fake with two users and one group."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot") as fake:
        fake.add_user(ALICE, "Alice", username="alice")
        fake.add_user(BOB, "Bob")
        fake.add_group(GROUP, "Alice & Bob", [ALICE, BOB], creator_id=ALICE)
        yield fake


def make_bot(api: FakeBotApi, token: str = TOKEN) -> Bot:
    """A PTB Bot pointed at the fake."""
    return Bot(token, base_url=f"{api.url}/bot", base_file_url=f"{api.url}/file/bot")


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    """One row of callback buttons."""
    buttons = [InlineKeyboardButton(text, callback_data=data) for text, data in pairs]
    return InlineKeyboardMarkup([buttons])


async def test_get_me(api: FakeBotApi) -> None:
    """getMe answers the bot user with Telegram's capability flags."""
    async with make_bot(api) as bot:
        me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123, True, "kept_test_bot")
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is False
    assert [call.method for call in api.calls] == ["getMe", "getMe"]


async def test_get_updates_command_entity_and_offsets(api: FakeBotApi) -> None:
    """Queued messages arrive with a bot_command entity; offset confirms and drops updates."""
    first_id = api.send_text(ALICE, GROUP, "/start@kept_test_bot join-abc")
    api.send_text(BOB, None, "hello")
    async with make_bot(api) as bot:
        first, second = await bot.get_updates(timeout=0)
        assert first.message is not None and first.message.message_id == first_id
        assert first.message.chat.type == "group"
        entity = first.message.entities[0]
        assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 20)
        assert first.message.parse_entity(entity) == "/start@kept_test_bot"
        assert [u.update_id for u in await bot.get_updates(offset=second.update_id)] == [
            second.update_id
        ]
        assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == ()
    assert api.pending_update_count() == 0


async def test_long_poll_returns_as_soon_as_an_update_is_queued(api: FakeBotApi) -> None:
    """A long poll that is already waiting is woken by a new update instead of running to its
    60 s timeout. The update is queued only once the fake has received the poll, so the poll
    can only have returned it by being woken."""
    async with make_bot(api) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=60, read_timeout=90))
        while not api.calls_to("getUpdates"):
            assert not poll.done(), "the poll ended before the fake received it"
            await asyncio.sleep(0.01)
        api.send_text(ALICE, None, "ping")
        # Half the poll's own timeout: a poll that was not woken fails here.
        updates = await asyncio.wait_for(poll, timeout=30)
    assert [u.message.text for u in updates if u.message] == ["ping"]


async def test_send_and_edit_message_with_keyboard(api: FakeBotApi) -> None:
    """sendMessage echoes the keyboard; editMessageText updates the store and rejects no-ops."""
    async with make_bot(api) as bot:
        sent = await bot.send_message(ALICE, "Pick one", reply_markup=keyboard(("Yes", "y")))
        again = await bot.send_message(ALICE, "Second")
        assert (sent.message_id, again.message_id) == (1, 2)
        assert sent.chat.type == "private" and sent.from_user is not None
        assert sent.from_user.is_bot
        assert sent.reply_markup == keyboard(("Yes", "y"))
        edited = await bot.edit_message_text("Picked", ALICE, sent.message_id)
        assert isinstance(edited, type(sent)) and edited.text == "Picked"
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await bot.edit_message_text("Picked", ALICE, sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("Nope", ALICE, 999)
    stored = api.message(ALICE, sent.message_id)
    assert stored["text"] == "Picked" and "reply_markup" not in stored
    assert [m["text"] for m in api.sent_messages(ALICE)] == ["Picked", "Second"]


async def test_press_and_answer_callback_query(api: FakeBotApi) -> None:
    """press() delivers a callback_query that can be answered exactly once."""
    async with make_bot(api) as bot:
        sent = await bot.send_message(GROUP, "Vote", reply_markup=keyboard(("A", "a"), ("B", "b")))
        query_id = api.press(BOB, (GROUP, sent.message_id), "b")
        (update,) = await bot.get_updates(timeout=5)
        query = update.callback_query
        assert query is not None and query.id == query_id
        assert (query.data, query.from_user.id) == ("b", BOB)
        assert query.message is not None and query.message.message_id == sent.message_id
        assert await bot.answer_callback_query(query_id, text="Counted") is True
        with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
            await bot.answer_callback_query(query_id)
    answer = api.callback_answer(query_id)
    assert answer is not None and answer["text"] == "Counted"
    with pytest.raises(ValueError, match="no button"):
        api.press(BOB, (GROUP, sent.message_id), "forged")


async def test_send_photo_multipart_and_download(api: FakeBotApi) -> None:
    """Multipart uploads are stored and downloadable through the file endpoint."""
    async with make_bot(api) as bot:
        sent = await bot.send_photo(
            ALICE,
            PNG_BYTES,
            caption="<b>Week</b> &amp; more",
            parse_mode="HTML",
            filename="chart.png",
        )
        assert sent.caption == "Week & more"
        assert sent.caption_entities[0].type == "bold"
        file = await bot.get_file(sent.photo[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == PNG_BYTES
        doc = await bot.send_document(ALICE, b"a,b\n1,2\n", filename="export.csv")
        assert doc.document is not None and doc.document.file_name == "export.csv"
    call = api.calls_to("sendPhoto")[0]
    assert call.params["chat_id"] == ALICE and call.params["parse_mode"] == "HTML"
    assert api.file_content(sent.photo[-1].file_id) == PNG_BYTES


async def test_html_parse_errors_are_rejected(api: FakeBotApi) -> None:
    """Malformed HTML is refused like Telegram does; offsets count UTF-16 units."""
    async with make_bot(api) as bot:
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(ALICE, "1 < 2 <b>oops", parse_mode="HTML")
    assert parse_html('<a href="https://x.y">ü😀</a>!') == (
        "ü😀!",
        [{"type": "text_link", "offset": 0, "length": 3, "url": "https://x.y"}],
    )


async def test_fail_next_injects_errors(api: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    """fail_next injects 429 (RetryAfter) and per-chat 403 errors, then recovers."""
    # Without PTB_TIMEDELTA, constructing RetryAfter itself emits a PTBDeprecationWarning.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=BOB)
    async with make_bot(api) as bot:
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE, "hi")
        assert caught.value.retry_after == dt.timedelta(seconds=3)
        assert (await bot.send_message(ALICE, "hi")).text == "hi"
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(BOB, "hi")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(424242, "hi")
    assert [m["text"] for m in api.sent_messages()] == ["hi"]


async def test_wrong_token_and_unknown_method(api: FakeBotApi) -> None:
    """A wrong token is rejected; an unknown method answers 404."""
    with pytest.raises(InvalidToken, match="rejected"):
        async with make_bot(api, token="999:WRONG"):
            pass
    async with make_bot(api) as bot:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("noSuchMethod")


async def test_group_membership_and_commands(api: FakeBotApi) -> None:
    """getChat/getChatMember/getChatAdministrators and the command list follow the registry."""
    async with make_bot(api) as bot:
        chat = await bot.get_chat(GROUP)
        assert (chat.type, chat.title) == ("group", "Alice & Bob")
        statuses = [(await bot.get_chat_member(GROUP, uid)).status for uid in (ALICE, BOB, 7)]
        assert statuses == ["creator", "member", "left"]
        admins = await bot.get_chat_administrators(GROUP)
        assert [a.user.id for a in admins] == [ALICE]
        await bot.set_my_commands([("start", "Start"), ("today", "Today's promises")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "today"]
    assert api.my_commands()[1] == {"command": "today", "description": "Today's promises"}


def test_wait_for_is_woken_by_requests_and_times_out_with_summary(api: FakeBotApi) -> None:
    """wait_for wakes on requests from other threads and times out with a call summary."""
    body = json.dumps({"chat_id": ALICE, "text": "from a thread"}).encode()
    request = urllib.request.Request(
        f"{api.url}/bot{TOKEN}/sendMessage", data=body, headers={"Content-Type": "application/json"}
    )

    def post() -> None:
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()

    worker = threading.Timer(0.1, post)
    worker.start()
    try:
        message = api.wait_for_message(ALICE, "thread", timeout=5)
    finally:
        worker.join()
    assert message["text"] == "from a thread"
    with pytest.raises(AssertionError, match=r"never happens.*sendMessage\(chat_id=1001"):
        api.wait_for(lambda: False, timeout=0.05, what="never happens")


async def test_flood_limits_answer_429_and_are_counted(
    api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With limits on, a second message to a chat within a second, the 21st to a group within
    a minute and the message past the overall rate get 429 with retry_after; reads do not count."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with make_bot(api) as bot:
        await bot.send_message(ALICE, "before the limits")
        await bot.send_message(ALICE, "are not limited")
        api.enforce_limits()
        assert (await bot.send_message(ALICE, "one")).text == "one"
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE, "two")
        assert caught.value.retry_after == dt.timedelta(seconds=1)
        await bot.get_chat(ALICE)

        api.enforce_limits(overall_per_s=1000, per_chat_per_s=1000, per_group_per_min=20)
        for number in range(20):
            await bot.send_message(GROUP, f"group {number}")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(GROUP, "group 20")
        assert caught.value.retry_after == dt.timedelta(seconds=3)
        assert (await bot.send_message(BOB, "a private chat is not the group")).text

        api.enforce_limits(overall_per_s=3)
        for user in (ALICE, BOB, GROUP):
            await bot.send_message(user, "within the overall rate")
        with pytest.raises(RetryAfter):
            await bot.edit_message_text("an edit counts", chat_id=ALICE, message_id=1)
    assert api.too_many_requests == 3
    assert "two" not in [m["text"] for m in api.sent_messages(ALICE)]
