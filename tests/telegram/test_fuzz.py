"""Fuzzing the real Application: random and hostile updates, checked against the database.

Each test drives one harness (a real Application on the offline Bot API, real services on a
SQLite file) through thousands of generated updates. The properties, for every update:
no handler raises, the Bot API refuses nothing (empty or over-long texts, bad buttons), and an
input the bot refuses (or ignores) leaves every table exactly as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from telegram.ext import CommandHandler

from bot.charts import trend_chart
from bot.domain import actions
from bot.domain.charts_port import ChartMaker, PersonSeries
from bot.domain.models import NudgeStatus
from bot.telegram.app import MENU
from bot.texts import CATALOGUES, language_for, text
from tests.telegram.conftest import ANA, BEN, CARL, DANA, GROUP, GROUP_CHAT, Kept, TgUser
from tests.telegram.offline import BOT_USER, BOT_USERNAME, MAX_TEXT, Call, JSONDict

# How many generated cases each test runs; together well over 10,000.
EXAMPLES = {
    "commands": 2000,
    "messages": 1000,
    "forged_presses": 2000,
    "someone_elses_nudge": 1200,
    "replayed_presses": 1000,
    "two_presses_at_once": 400,
    "unhandled_updates": 1500,
    "walk": 1000,
}
CASES: Counter[str] = Counter()
# One worker runs the whole module under pytest-xdist: the last test counts the cases of all.
pytestmark = pytest.mark.xdist_group("fuzz")


def fuzz(name: str) -> settings:
    """Hypothesis settings for one fuzz test: one harness shared by all its examples."""
    return settings(
        max_examples=EXAMPLES[name],
        deadline=None,
        database=None,
        # The harness is built once per test; every example checks its own before and after.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


OTHER_GROUP: JSONDict = {"id": -1009999, "type": "group", "title": "Somewhere else"}
CHANNEL: JSONDict = {"id": -1007777, "type": "channel", "title": "A channel"}
KEPT_TOAST = text("en", "answer_kept")
MISSED_TOAST = text("en", "answer_missed")


def said(user: TgUser, key: str, **params: object) -> str:
    """A text as this user reads it (strangers in their client's language, if Kept has it)."""
    return text(language_for(user.language_code), key, **params)


def _template(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_0-9]+\}", template)
    return re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL)


# Replies that refuse or cannot act, in every language: after them, nothing may have changed.
REFUSALS = [
    _template(template)
    for catalogue in CATALOGUES.values()
    for key, template in catalogue.items()
    if key.startswith("error_")
    or key
    in ("unknown_command", "unknown_text", "need_start", "private_only", "group_only", "slow_down")
]


def is_refusal(call: Call) -> bool:
    """A message or toast that says no."""
    if call.method not in ("sendMessage", "answerCallbackQuery"):
        return False
    return any(pattern.fullmatch(call.text) for pattern in REFUSALS)


# -- strategies ---------------------------------------------------------------------------------

# Everything but lone surrogates, which no UTF-8 update can carry; control characters included.
CHARS = st.characters(exclude_categories=("Cs",))
ODD = st.sampled_from(
    ["\x00", "\u200b", "\u202e", "\ufeff", "\n", "\r\n", "\t", "\x1b[31m", "🏳️‍🌈", "ﷺ", "²", "٣"]
)
PIECES = st.one_of(st.text(CHARS, min_size=1, max_size=10), ODD)
TEXT = st.lists(PIECES, min_size=1, max_size=5).map("".join)
NAMES = TEXT.map(lambda name: name[:64])
LANGUAGES = st.one_of(st.sampled_from(["en", "es", "es-MX", "de", "", "zz-ZZ"]), st.none(), TEXT)
STRANGERS = st.builds(TgUser, st.integers(5000, 2**40), NAMES, LANGUAGES)
PEOPLE = st.one_of(st.sampled_from([ANA, BEN, CARL, DANA]), STRANGERS)

# Structural choices are drawn evenly from a seeded Random: one_of and sampled_from lean hard
# towards their first, simplest branches, which starves the rarer paths a fuzzer is for.
RANDOM = st.randoms(use_true_random=True)


@st.composite
def either(draw: st.DrawFn, *options: st.SearchStrategy[str]) -> str:
    """A value of one of several strategies, chosen evenly."""
    return draw(draw(RANDOM).choice(options))


def uniform(values: Sequence[str]) -> st.SearchStrategy[str]:
    """One of several values, chosen evenly."""
    return RANDOM.map(lambda rnd: rnd.choice(values))


# Arguments that come close to valid ones, or break parsers: str.isdigit() accepts "²" and "①",
# which int() refuses; \\d matches "٣", which int() accepts.
TRAP_DIGITS = ("²", "³", "¹²", "₂", "①", "⑨", "⁴²", "٣", "٢١", "𝟡", "Ⅻ", "½", "0x1F", "1e3", "+7")
NUMBERS = either(
    st.integers(-(10**25), 10**25).map(str),
    st.integers(0, 100).map(str),
    uniform(TRAP_DIGITS),
    uniform(TRAP_DIGITS),
    st.text(st.characters(categories=("Nd", "No", "Nl")), min_size=1, max_size=4),
)
CODES = either(st.from_regex(r"[A-Z2-9]{8}", fullmatch=True), st.from_regex(r"\w{0,12}"))
PAYLOADS = st.builds(
    "{}{}".format,
    uniform(["words-", "join-", "JOIN-", "words--", ""]),
    either(NUMBERS, NUMBERS, CODES),
)
CLOCK_TIMES = either(
    uniform(["21:00", "7:05", "07:05", "24:00", "23:60", "-1:00", "21:00:00", "9pm", "0:0"]),
    st.builds("{}{}{}".format, NUMBERS, uniform([":", ".", "h", "：", ""]), NUMBERS),
)
ZONE_NAMES = either(
    uniform(["Europe/Madrid", "America/Argentina/Buenos_Aires", "Etc/GMT+14", "UTC", "utc"]),
    uniform(["../etc/passwd", "/etc/passwd", "Europe", "zone.tab", "tzdata.zi", "Factory"]),
    st.builds("{}/{}".format, uniform(["Europe", "America", "Etc", "..", ""]), TEXT),
)
WEEKDAY_NAMES = either(
    uniform(["sun", "Monday", "mon", "MON", "domingo", "lun", "7"]), NUMBERS, TEXT
)
WORDS = either(NUMBERS, CODES, PAYLOADS, CLOCK_TIMES, ZONE_NAMES, WEEKDAY_NAMES, TEXT)
# What each command reads, so that its parser meets near misses and not only noise.
ARGUMENTS = {
    "start": PAYLOADS,
    "join": either(CODES, PAYLOADS),
    "timezone": ZONE_NAMES,
    "commit": either(CLOCK_TIMES, TEXT),
    "checkin": either(WEEKDAY_NAMES, CLOCK_TIMES),
    "pause": NUMBERS,
    "language": either(uniform(["en", "es", "EN", "es-MX", "zz"]), TEXT),
}
SEPARATORS = (" ", "  ", "\t", "\n", "\u00a0", " \u3000 ")
ADDRESSED = ("", "", "", f"@{BOT_USERNAME}", f"@{BOT_USERNAME.upper()}", "@other_bot")


@st.composite
def command_lines(draw: st.DrawFn, commands: list[str]) -> str:
    """/word[@bot] (a real command, shouting, or any word) and a few arguments, oddly spaced."""
    rnd = draw(RANDOM)
    if rnd.random() < 0.85:
        word = rnd.choice(commands)
        word = word.upper() if rnd.random() < 0.1 else word
    else:
        word = draw(st.from_regex(r"\w{1,32}", fullmatch=True))
    own = ARGUMENTS.get(word.lower(), WORDS)
    line = "/" + word + rnd.choice(ADDRESSED)
    for _ in range(rnd.choice((0, 1, 1, 2, 2, 3, 4))):
        line += rnd.choice(SEPARATORS) + draw(own if rnd.random() < 0.7 else WORDS)
    return line[:MAX_TEXT]


# Texts at Telegram's limit of 4,096 characters, alone or after a command.
LONG = st.builds(
    lambda prefix, unit: (prefix + unit * MAX_TEXT)[:MAX_TEXT],
    st.sampled_from(
        ["", "/commit 21:00 ", "/commit ", "/timezone ", "/join ", "/start join-", "/checkin sun "]
    ),
    TEXT.filter(lambda unit: unit.strip() != ""),
)


def messages(commands: list[str]) -> st.SearchStrategy[str]:
    """Any text a person could send: commands with arguments, words, 4,096-character texts."""
    return st.one_of(
        command_lines(commands), TEXT, LONG, st.sampled_from(["Do the dishes", "21:00"])
    )


CHATS = st.sampled_from(["private", "private", "group", "other group"])

# Every button verb Kept has (the short prefixes of callback data), read from its own module.
VERBS = sorted(
    value for name, value in vars(actions).items() if name.isupper() and isinstance(value, str)
)
ARGS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.from_regex(r"[0-9]{15,80}", fullmatch=True),
    st.from_regex(r"[0-9]{1,6}\.[tpsx]\.[0-9a-z]{1,8}", fullmatch=True),
    st.sampled_from(["", "all", "wk", "we", "pick", "ok", "7", "6", "1.t.5", "1.p.yes"]),
    st.sampled_from(TRAP_DIGITS),
    TEXT,
)
FORGED = st.one_of(
    TEXT,
    st.lists(PIECES, min_size=8, max_size=20).map("".join),
    st.builds("{}:{}".format, st.sampled_from(VERBS), ARGS),
    st.builds("{}{}".format, st.sampled_from(VERBS), ARGS),
    # Over-long: more than Telegram's 64 bytes, with a valid beginning.
    st.builds(lambda verb, n: f"{verb}:" + "9" * n, st.sampled_from(VERBS), st.integers(62, 300)),
)
STEPS = st.integers(0, 6).map(lambda seconds: timedelta(seconds=seconds))


# -- building updates as Telegram would ---------------------------------------------------------

BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)")


def message_update(
    kept: Kept, user: TgUser, words: str, chat: JSONDict, kind: str = "message"
) -> JSONDict:
    """A message; Telegram marks a leading /command only when it is made of command characters."""
    update = kept.message_update(user, words, chat, kind=kind)
    message = update[kind]
    found = BOT_COMMAND.match(words)
    if found:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": found.end()}]
    else:
        message.pop("entities", None)
    return update


def chat_of(where: str, user: TgUser) -> JSONDict:
    """The chat a message is written in."""
    return {"private": user.chat, "group": GROUP_CHAT, "other group": OTHER_GROUP}[where]


Rows = dict[str, list[dict[str, Any]]]


def with_steps_dropped(before: Rows, after: Rows) -> Rows:
    """`before`, less the guided steps `after` no longer waits for.

    The one change a refusal may make: an answer to a step whose commitment or check-in is
    gone is refused, and the step is dropped so that the next message is not refused too.
    """
    now = {row["id"]: row for row in after["people"]}
    people = [
        {**row, "pending_kind": None, "pending_data": now[row["id"]]["pending_data"]}
        if row["id"] in now and now[row["id"]]["pending_kind"] is None
        else row
        for row in before["people"]
    ]
    return {**before, "people": people}


async def refused_changes_nothing(kept: Kept, *updates: JSONDict) -> list[Call]:
    """Process updates; if all the bot said was a refusal (or nothing), no table changed."""
    kept.errors.clear()
    before = await kept.rows()
    calls = await kept.process(*updates)  # raises when a handler failed or the API refused
    if all(is_refusal(call) for call in calls):
        after = await kept.rows()
        said_something = bool(calls)  # an ignored update may not even drop a step
        expected = with_steps_dropped(before, after) if said_something else before
        assert after == expected, [call.text for call in calls]
    return calls


# -- the worlds the fuzzing runs in ---------------------------------------------------------


@pytest.fixture
def charts() -> ChartMaker:
    """The real chart, drawn once per distinct content: /progress comes up hundreds of times."""
    drawn: dict[object, bytes] = {}

    def chart(
        title: str,
        week_labels: Sequence[str],
        people: Sequence[PersonSeries],
        *,
        trust_label: str,
        kept_label: str,
    ) -> bytes:
        series = tuple((p.name, tuple(p.trust), tuple(p.kept_rate)) for p in people)
        key = (title, tuple(week_labels), series, trust_label, kept_label)
        if key not in drawn:
            drawn[key] = trend_chart(
                title, week_labels, people, trust_label=trust_label, kept_label=kept_label
            )
        return drawn[key]

    return chart


@pytest.fixture
async def couple(kept: Kept) -> Kept:
    """Ana and Ben linked in their group, Carl started alone, Dana never started."""
    # AIORateLimiter paces sends in real time (30 a second, 20 a minute per group); the fuzzing
    # sends thousands on a clock of its own, so it talks to the offline API without it.
    kept.application.bot._rate_limiter = None
    await kept.linked(ANA, BEN)
    await kept.start(CARL)
    return kept


async def nudge_for_ana(kept: Kept) -> tuple[Call, int]:
    """Move to the next 21:00 and send Ana's nudge: the message and the nudge id."""
    now = kept.clock.now()
    due = now.replace(hour=21, minute=0, second=0, microsecond=0)
    kept.clock.set(due if due > now else due + timedelta(days=1))
    [message] = kept.sent(await kept.tick(), ANA.id)
    nudge_id = int(message.callback_data[0].partition(":")[2])
    kept.clock.advance(timedelta(minutes=5))
    return message, nudge_id


@pytest.fixture
async def nudged(couple: Kept) -> Kept:
    """The couple, with Ana's daily promise at 21:00."""
    await couple.send(ANA, "/commit 21:00 Do the dishes")
    return couple


@pytest.fixture
async def two_nudges(nudged: Kept) -> dict[bool, tuple[Call, int]]:
    """Ana's nudge of today, unanswered, and of yesterday, kept: by whether it is answered."""
    done = await nudge_for_ana(nudged)
    await nudged.press(ANA, f"k:{done[1]}", done[0])
    fresh = await nudge_for_ana(nudged)
    return {False: fresh, True: done}


@pytest.fixture
async def noticed(nudged: Kept) -> tuple[Call, Call, int]:
    """Ana kept today's promise and Ben noticed: her nudge, his group message, the nudge id."""
    message, nudge_id = await nudge_for_ana(nudged)
    [told] = nudged.sent(await nudged.press(ANA, f"k:{nudge_id}", message), GROUP)
    await nudged.press(BEN, f"n:{nudge_id}", told)
    return message, told, nudge_id


def commands_of(kept: Kept) -> list[str]:
    """The commands the Application really has."""
    return sorted(
        command
        for handlers in kept.application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    )


def test_the_fuzzing_draws_from_the_real_commands(kept: Kept) -> None:
    assert set(MENU) | {"cancel", "skip"} <= set(commands_of(kept))


# -- the fuzz tests ---------------------------------------------------------------------------


@fuzz("commands")
@given(
    user=st.one_of(st.sampled_from([ANA, ANA, BEN, CARL, DANA]), STRANGERS),
    where=st.sampled_from(["private", "private", "private", "group", "other group"]),
    step=STEPS,
    data=st.data(),
)
async def test_random_commands(
    couple: Kept, user: TgUser, where: str, step: timedelta, data: st.DataObject
) -> None:
    CASES["commands"] += 1
    words = data.draw(command_lines(commands_of(couple)), label="words")
    couple.clock.advance(step)

    await refused_changes_nothing(couple, message_update(couple, user, words, chat_of(where, user)))


@fuzz("messages")
@given(user=PEOPLE, where=CHATS, step=STEPS, data=st.data())
async def test_random_messages(
    couple: Kept, user: TgUser, where: str, step: timedelta, data: st.DataObject
) -> None:
    CASES["messages"] += 1
    words = data.draw(messages(commands_of(couple)), label="words")
    couple.clock.advance(step)

    await refused_changes_nothing(couple, message_update(couple, user, words, chat_of(where, user)))


@fuzz("forged_presses")
@given(
    user=PEOPLE,
    data=FORGED,
    where=CHATS,
    message_id=st.integers(1, 2**31 - 1),
    shape=st.sampled_from(["message", "message", "inline", "inaccessible", "no data"]),
)
async def test_forged_callback_data(
    nudged: Kept, user: TgUser, data: str, where: str, message_id: int, shape: str
) -> None:
    CASES["forged_presses"] += 1
    update = nudged.press_update(
        user, data, chat_id=chat_of(where, user)["id"], message_id=message_id
    )
    query = update["callback_query"]
    if shape == "inline":  # a button under a message sent in inline mode: no message at all
        del query["message"]
        query["inline_message_id"] = f"inline{message_id}"
    elif shape == "inaccessible":  # too old for Telegram to include
        query["message"] = {"chat": query["message"]["chat"], "message_id": message_id, "date": 0}
    elif shape == "no data":  # a game button
        del query["data"]
        query["game_short_name"] = "kept"

    calls = await refused_changes_nothing(nudged, update)

    assert [call.method for call in calls].count("answerCallbackQuery") == 1
    if shape == "no data" or actions.decode(data) is None:
        assert nudged.only_toast(calls) == said(user, "error_stale")


@fuzz("someone_elses_nudge")
@given(
    user=st.one_of(st.sampled_from([BEN, CARL, DANA]), STRANGERS),
    verb=st.sampled_from([actions.KEPT, actions.MISSED]),
    answered=st.booleans(),
    on_the_message=st.booleans(),
)
async def test_presses_on_someone_elses_nudge(
    nudged: Kept,
    two_nudges: dict[bool, tuple[Call, int]],
    user: TgUser,
    verb: str,
    answered: bool,
    on_the_message: bool,
) -> None:
    CASES["someone_elses_nudge"] += 1
    message, nudge_id = two_nudges[answered]
    data = actions.encode(verb, nudge_id)
    update = (
        nudged.press_update(user, data, message)
        if on_the_message
        else nudged.press_update(user, data, chat_id=user.id, message_id=message.message_id)
    )

    calls = await refused_changes_nothing(nudged, update)

    assert nudged.only_toast(calls) == said(user, "error_not_yours")


@fuzz("replayed_presses")
@given(
    user=st.one_of(st.sampled_from([ANA, BEN, CARL, DANA]), STRANGERS),
    verb=st.sampled_from([actions.KEPT, actions.MISSED, actions.NOTICED]),
    times=st.integers(1, 3),
    elsewhere=st.none() | st.integers(1, 2**31 - 1),
)
async def test_replayed_presses(
    nudged: Kept,
    noticed: tuple[Call, Call, int],
    user: TgUser,
    verb: str,
    times: int,
    elsewhere: int | None,
) -> None:
    CASES["replayed_presses"] += 1
    message, told, nudge_id = noticed
    on = told if verb == actions.NOTICED else message
    data = actions.encode(verb, nudge_id)
    press = (
        nudged.press_update(user, data, on)
        if elsewhere is None
        else nudged.press_update(user, data, chat_id=on.chat_id, message_id=elsewhere)
    )
    if verb == actions.NOTICED:
        expected = {
            ANA: said(ANA, "error_not_yours"),
            BEN: said(BEN, "error_already_answered", answer="🤝"),
        }
        default = said(user, "error_not_partner")
    else:
        expected = {ANA: said(ANA, "error_already_answered", answer="✅ Kept")}
        default = said(user, "error_not_yours")

    for _ in range(times):
        calls = await refused_changes_nothing(nudged, {**press, "update_id": nudged.next_id()})
        assert nudged.only_toast(calls) == expected.get(user, default)
    assert (await nudged.nudge(nudge_id)).status == NudgeStatus.KEPT


# A press on Ana's nudge: by her most of the time, by her partner, Carl or a stranger otherwise;
# on the nudge itself or on another message of hers (as /today shows it).
PRESS = st.tuples(
    st.one_of(st.just(ANA), st.just(ANA), st.just(ANA), st.sampled_from([BEN, CARL]), STRANGERS),
    st.sampled_from([actions.KEPT, actions.MISSED]),
    st.none() | st.integers(1, 2**31 - 1),
)


@fuzz("two_presses_at_once")
@given(presses=st.lists(PRESS, min_size=2, max_size=2))
async def test_two_presses_at_the_same_moment(
    nudged: Kept, presses: list[tuple[TgUser, str, int | None]]
) -> None:
    CASES["two_presses_at_once"] += 1
    message, nudge_id = await nudge_for_ana(nudged)
    updates = [
        nudged.press_update(user, actions.encode(verb, nudge_id), message)
        if elsewhere is None
        else nudged.press_update(
            user, actions.encode(verb, nudge_id), chat_id=user.id, message_id=elsewhere
        )
        for user, verb, elsewhere in presses
    ]

    nudged.errors.clear()
    calls = await nudged.process(*updates)  # both at once

    toasts = Counter(nudged.toasts(calls))
    refused = Counter(said(user, "error_not_yours") for user, _, _ in presses if user != ANA)
    assert toasts & refused == refused
    toasts -= refused  # what Ana was told
    nudge = await nudged.nudge(nudge_id)
    by_ana = [verb for user, verb, _ in presses if user == ANA]
    assert toasts.total() == len(by_ana)
    if not by_ana:
        assert nudge.status == NudgeStatus.SENT and nudge.answered_at is None
        assert nudged.sent(calls) == []
        return
    kept = nudge.status == NudgeStatus.KEPT
    winner, label = (KEPT_TOAST, "✅ Kept") if kept else (MISSED_TOAST, "❌ Missed")
    assert (actions.KEPT if kept else actions.MISSED) in by_ana
    assert toasts[winner] == 1  # exactly one answer recorded
    assert toasts[text("en", "error_already_answered", answer=label)] == len(by_ana) - 1
    assert nudge.answered_at == nudged.clock.now()
    assert len(nudged.sent(calls, GROUP)) == 1  # the partner hears of it once


# Steps of the walk that put buttons on screen or answer the guided questions.
WALK_COMMANDS = ("/commitments", "/today", "/commit", "/commit 21:15 Call mum", "/cancel")
WALK_COMMANDS += ("/checkin", "/chores", "/pause 2", "/resume", "/progress", "/skip")
WALK_TEXTS = ("Walk the dog", "Dishes", "21:30", "7:05", "25:00", "I was tired", "Soup", "ok")
WALKERS = {user.id: user for user in (ANA, BEN, CARL)}


@fuzz("walk")
@given(rnd=RANDOM)
async def test_a_random_walk_over_the_buttons_on_screen(nudged: Kept, rnd: Random) -> None:
    """Press what the bot shows (by its reader or by someone else, once, twice, or twice at once),
    type commands and answers, let time pass: whatever happens, nothing fails."""
    CASES["walk"] += 1
    nudged.clock.advance(timedelta(minutes=rnd.randint(0, 90)))
    roll = rnd.random()
    on_screen = [
        (chat_id, message_id, button["callback_data"])
        for (chat_id, message_id), (_, rows) in nudged.api.contents.items()
        for row in rows
        for button in row
        if "callback_data" in button
    ]
    if roll < 0.6 and on_screen:
        chat_id, message_id, data = rnd.choice(on_screen)
        reader = WALKERS.get(chat_id) or rnd.choice([ANA, BEN])
        user = reader if rnd.random() < 0.85 else rnd.choice([ANA, BEN, CARL, DANA])
        presses = rnd.choice((1, 1, 2))
        note(f"{user.first_name} presses {data!r} on {chat_id}/{message_id} x{presses}")
        updates = [
            nudged.press_update(user, data, chat_id=chat_id, message_id=message_id)
            for _ in range(presses)
        ]
        if rnd.random() < 0.5:
            await refused_changes_nothing(nudged, *updates)  # at the same moment
        else:
            for update in updates:
                await refused_changes_nothing(nudged, update)
    elif roll < 0.85:
        user, words = rnd.choice([ANA, ANA, BEN]), rnd.choice(WALK_COMMANDS)
        chat = GROUP_CHAT if rnd.random() < 0.3 else user.chat
        note(f"{user.first_name} sends {words!r} in {chat['id']}")
        await refused_changes_nothing(nudged, message_update(nudged, user, words, chat))
    elif roll < 0.95:
        user, words = rnd.choice([ANA, ANA, BEN]), rnd.choice(WALK_TEXTS)
        note(f"{user.first_name} writes {words!r}")
        await refused_changes_nothing(nudged, message_update(nudged, user, words, user.chat))
    else:
        note("the nudge dispatcher runs")
        nudged.errors.clear()
        await nudged.tick()
        assert nudged.errors == []


@st.composite
def unhandled_updates(draw: st.DrawFn, kept: Kept) -> JSONDict:
    """An update of a kind Kept does not act on, with random content."""
    user = draw(PEOPLE)
    words = draw(messages(commands_of(kept)))
    chat = chat_of(draw(CHATS), user)
    when = int(kept.clock.now().timestamp())
    update_id = kept.next_id()
    kind = draw(
        st.sampled_from(
            [
                "edited_message",
                "channel_post",
                "edited_channel_post",
                "message_reaction",
                "my_chat_member",
                "chat_member",
                "poll",
                "poll_answer",
                "inline_query",
                "chosen_inline_result",
                "sticker",
            ]
        )
    )
    if kind == "edited_message":
        return message_update(kept, user, words, chat, kind="edited_message")
    if kind in ("channel_post", "edited_channel_post"):
        update = message_update(kept, user, words, CHANNEL, kind=kind)
        del update[kind]["from"]
        return update
    if kind == "sticker":
        sticker = {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        message = {"message_id": update_id, "date": when, "chat": chat, "from": user.as_json()}
        return {"update_id": update_id, "message": {**message, "sticker": sticker}}
    if kind == "message_reaction":
        reaction = {
            "chat": chat,
            "message_id": draw(st.integers(1, 2**31 - 1)),
            "date": when,
            "user": user.as_json(),
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": draw(st.sampled_from(["👍", "❤", "🔥"]))}],
        }
        return {"update_id": update_id, kind: reaction}
    if kind in ("my_chat_member", "chat_member"):
        member = BOT_USER if kind == "my_chat_member" else user.as_json()
        old, new = draw(st.permutations(["member", "left", "kicked", "administrator"]))[:2]
        change = {
            "chat": draw(st.sampled_from([GROUP_CHAT, OTHER_GROUP, user.chat])),
            "from": user.as_json(),
            "date": when,
            "old_chat_member": {"status": old, "user": member, **_member_extras(old)},
            "new_chat_member": {"status": new, "user": member, **_member_extras(new)},
        }
        return {"update_id": update_id, kind: change}
    if kind == "poll":
        poll = {
            "id": str(update_id),
            "question": words[:300],
            "options": [
                {"text": "1", "voter_count": 0, "persistent_id": "a"},
                {"text": "2", "voter_count": 1, "persistent_id": "b"},
            ],
            "total_voter_count": 1,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
        return {"update_id": update_id, kind: poll}
    if kind == "poll_answer":
        answer = {
            "poll_id": "1",
            "user": user.as_json(),
            "option_ids": [0],
            "option_persistent_ids": ["a"],
        }
        return {"update_id": update_id, kind: answer}
    if kind == "inline_query":
        query = {"id": str(update_id), "from": user.as_json(), "query": words[:256], "offset": ""}
        return {"update_id": update_id, kind: query}
    result = {"result_id": "1", "from": user.as_json(), "query": words[:256]}
    return {"update_id": update_id, "chosen_inline_result": result}


def _member_extras(status: str) -> JSONDict:
    if status == "administrator":
        rights = (
            "can_be_edited can_manage_chat can_change_info can_delete_messages can_invite_users "
            "can_restrict_members can_pin_messages can_promote_members can_manage_video_chats "
            "is_anonymous can_post_stories can_edit_stories can_delete_stories"
        )
        return dict.fromkeys(rights.split(), False)
    if status == "kicked":
        return {"until_date": 0}
    return {}


@fuzz("unhandled_updates")
@given(data=st.data())
async def test_updates_the_bot_does_not_handle(nudged: Kept, data: st.DataObject) -> None:
    CASES["unhandled_updates"] += 1
    update = data.draw(unhandled_updates(nudged))

    nudged.errors.clear()
    before = await nudged.rows()
    calls = await nudged.process(update)

    assert calls == []
    assert await nudged.rows() == before


async def test_found_by_fuzzing_a_deep_link_with_unicode_digits(couple: Kept) -> None:
    calls = await couple.send(ANA, "/start words-²")  # "²".isdigit(), yet int("²") fails

    assert [call.text for call in calls] == [text("en", "welcome_back", name="Ana")]


def test_the_fuzzing_covered_ten_thousand_cases() -> None:
    if set(CASES) != set(EXAMPLES):
        pytest.skip("runs after the whole fuzz module")
    total = sum(CASES.values())
    print(f"fuzz cases: {total} ({dict(CASES)})")
    assert total >= 10_000
