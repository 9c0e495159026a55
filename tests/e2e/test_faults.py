"""Bot API faults, end to end: the real `kept run` against a fake Bot API that misbehaves.

Nudges are made due by moving the commitments' next instant to "now" in the SQLite file while
the bot is stopped; the catch-up tick at start-up then sends them, under the faults set up in
the fake. Every phase checks the fake's record of calls (what was attempted, and when) and the
ledger (what the bot believes).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientError, ClientSession, ClientTimeout

from bot.domain.dispatch import QUICK_RETRIES
from bot.telegram.app import REQUEST_TIMEOUT
from tests.e2e.fake_bot_api import Call, FakeBotApi
from tests.e2e.ledger import Ledger
from tests.e2e.story import ALEX, SAM, STRANGER, TOKEN, fake_api, pair_and_link, running_bot

pytestmark = pytest.mark.e2e

RITA, FABIO, TOMAS, ROSA = 2001, 2002, 2003, 2004
NAMES = {RITA: "Rita", FABIO: "Fabio", TOMAS: "Tomas", ROSA: "Rosa", ALEX: "Alex"}
PROMISES = {person: f"the promise of {name}" for person, name in NAMES.items()}
UNREACHABLE = "Alex can't receive my messages right now"
NUDGE = "Did you keep your promise today"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API with Alex, Sam, their group, and four more people."""
    with fake_api() as fake:
        for person in (RITA, FABIO, TOMAS, ROSA):
            fake.add_user(person, NAMES[person])
        yield fake


def nudge_calls(api: FakeBotApi, chat: int) -> list[Call]:
    """Every sendMessage the bot attempted with this person's nudge, answered or not."""
    return [
        call
        for call in api.calls_to("sendMessage")
        if str(call.params.get("chat_id")) == str(chat)
        and PROMISES[chat] in (text := str(call.params.get("text", "")))
        and NUDGE in text
    ]


def delivered(api: FakeBotApi, chat: int, contains: str | None = None) -> list[dict[str, Any]]:
    """Messages that reached a chat containing a text (default: the person's nudge)."""
    needles = [PROMISES[chat], NUDGE] if contains is None else [contains]
    texts = [(m, str(m.get("text", ""))) for m in api.sent_messages(chat)]
    return [m for m, text in texts if all(needle in text for needle in needles)]


def gaps(calls: list[Call]) -> list[float]:
    """Seconds between consecutive calls."""
    return [later.at - earlier.at for earlier, later in pairwise(calls)]


def wait_delivered(api: FakeBotApi, chat: int, count: int = 1, timeout: float = 60) -> None:
    """Wait until a person's nudge has reached them `count` times."""
    api.wait_for(
        lambda: len(delivered(api, chat)) >= count,
        timeout=timeout,
        what=f"{count} nudge(s) delivered to {NAMES[chat]}",
    )


def setup_people(api: FakeBotApi, tmp_path: Path) -> None:
    """Alex and Sam pair; everyone names one promise, at a time far from now; then stop."""
    at = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")
    with running_bot(api, tmp_path) as kept:
        pair_and_link(api)
        for person in (RITA, FABIO, TOMAS, ROSA):
            api.send_text(person, None, "/start")
            api.wait_for_message(person, f"Hello {NAMES[person]}")
        for person in (RITA, FABIO, TOMAS, ROSA, ALEX):
            api.send_text(person, None, f"/commit {at} {PROMISES[person]}")
            api.wait_for_message(person, "Promise noted")
        assert kept.terminate() == 0


def test_faults_delay_a_nudge_but_never_lose_or_repeat_it(api: FakeBotApi, tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "kept.db")
    setup_people(api, tmp_path)

    # Phase 1: 500, 502, 500 for Fabio; two dropped connections for Rosa; Alex blocked the bot.
    ledger.due_now(FABIO, ROSA, ALEX)
    api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=FABIO)
    api.fail_next("sendMessage", 502, "Bad Gateway", chat_id=FABIO)
    api.fail_next("sendMessage", 500, "Internal Server Error", chat_id=FABIO)
    api.reset_next("sendMessage", times=2, chat_id=ROSA)
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=ALEX)
    with running_bot(api, tmp_path) as kept:
        wait_delivered(api, FABIO)
        wait_delivered(api, ROSA)
        api.wait_for_message(SAM, UNREACHABLE)
        assert kept.terminate() == 0  # a clean stop records whatever is in flight

    fabio, rosa = nudge_calls(api, FABIO), nudge_calls(api, ROSA)
    assert len(fabio) == 4 and len(delivered(api, FABIO)) == 1
    assert len(rosa) == 3 and len(delivered(api, ROSA)) == 1
    for calls in (fabio, rosa):
        waits = gaps(calls)
        assert all(g >= q - 0.05 for g, q in zip(waits, QUICK_RETRIES, strict=False)), waits
        assert waits == sorted(waits) and len(set(waits)) == len(waits), f"no backoff: {waits}"
    assert [(r["status"], r["attempts"]) for r in ledger.nudges_of(FABIO)] == [("sent", 4)]
    assert [(r["status"], r["attempts"]) for r in ledger.nudges_of(ROSA)] == [("sent", 3)]
    # Blocked: recorded failed, paused, and the partner told once, privately.
    assert len(nudge_calls(api, ALEX)) == 1 and delivered(api, ALEX) == []
    assert [r["status"] for r in ledger.nudges_of(ALEX)] == ["failed"]
    assert ledger.person(ALEX)["blocked_at"] is not None
    assert len(delivered(api, SAM, UNREACHABLE)) == 1

    # Phase 2: 429 twice for Rita (retry_after 2 s); a response that never comes for Tomas.
    ledger.due_now(RITA, TOMAS)
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", 2, 2, chat_id=RITA)
    api.stall_next("sendMessage", REQUEST_TIMEOUT + 10, chat_id=TOMAS)
    with running_bot(api, tmp_path) as kept:
        api.wait_for(lambda: nudge_calls(api, TOMAS), timeout=30, what="Tomas's nudge in flight")
        # Someone else is served while the nudge hangs.
        api.send_text(STRANGER, None, "/start")
        api.wait_for_message(STRANGER, "Hello Mallory", timeout=10)
        assert len(nudge_calls(api, TOMAS)) == 1, "the outage was over before the answer"
        wait_delivered(api, RITA)
        wait_delivered(api, TOMAS, timeout=REQUEST_TIMEOUT + 30)
        assert kept.terminate() == 0

    rita, tomas = nudge_calls(api, RITA), nudge_calls(api, TOMAS)
    assert len(rita) == 3 and len(delivered(api, RITA)) == 1
    # retry_after obeyed: python-telegram-bot's rate limiter waits it out once in place, then
    # the dispatcher defers the row by at least retry_after.
    assert all(g >= 2 for g in gaps(rita)), gaps(rita)
    assert len(tomas) == 2 and len(delivered(api, TOMAS)) == 1
    assert gaps(tomas)[0] >= REQUEST_TIMEOUT
    assert [(r["status"], r["attempts"]) for r in ledger.nudges_of(RITA)] == [("sent", 2)]
    assert [(r["status"], r["attempts"]) for r in ledger.nudges_of(TOMAS)] == [("sent", 2)]

    # Phase 3, "the next time": Alex stays paused while Fabio's next nudge goes out.
    ledger.due_next_time(ALEX, FABIO)
    before = len(api.calls_to("sendMessage"))
    with running_bot(api, tmp_path) as kept:
        wait_delivered(api, FABIO, count=2)
        assert kept.terminate() == 0
    assert not [
        c
        for c in api.calls_to("sendMessage")[before:]
        if str(c.params.get("chat_id")) in (str(ALEX), str(SAM))
    ], "a paused person was nudged, or the partner told twice"
    assert [r["status"] for r in ledger.nudges_of(ALEX)] == ["failed"]

    # Phase 4: /start from Alex resumes the nudges.
    with running_bot(api, tmp_path) as kept:
        api.send_text(ALEX, None, "/start")
        api.wait_for_message(ALEX, "Welcome back, Alex")
        assert kept.terminate() == 0
    assert ledger.person(ALEX)["blocked_at"] is None
    ledger.due_next_time(ALEX)
    with running_bot(api, tmp_path) as kept:
        wait_delivered(api, ALEX)
        assert kept.terminate() == 0
    assert [r["status"] for r in ledger.nudges_of(ALEX)] == ["failed", "sent"]
    assert len(delivered(api, SAM, UNREACHABLE)) == 1
    for chat in (RITA, FABIO, TOMAS, ROSA):
        assert len(delivered(api, chat)) == len(ledger.nudges_of(chat))
    logs = kept.logs()
    for secret in (TOKEN, *PROMISES.values()):
        assert secret not in logs


async def test_the_fake_can_hang_up_stall_and_slow_down() -> None:
    """The fake's new faults, seen from a plain HTTP client."""
    with FakeBotApi(token=TOKEN) as fake:
        fake.add_user(1, "One")
        url = f"{fake.url}/bot{TOKEN}/sendMessage"
        body = {"chat_id": 1, "text": "hi"}
        fake.reset_next("sendMessage")
        fake.stall_next("sendMessage", 0.5)
        fake.set_latency("sendMessage", 0.3)
        async with ClientSession(timeout=ClientTimeout(total=5)) as http:
            with pytest.raises(ClientError):
                await (await http.post(url, json=body)).json()
            with pytest.raises(ClientError):
                await (await http.post(url, json=body)).json()
            answer = await (await http.post(url, json=body)).json()
        assert answer["ok"] is True
        calls = fake.calls_to("sendMessage")
        assert len(calls) == 3
        assert len(fake.sent_messages(1)) == 1  # the two hung up had no effect
        assert calls[2].at - calls[1].at >= 0.5
