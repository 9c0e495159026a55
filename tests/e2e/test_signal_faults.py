"""signal-cli faults, end to end: the real `kept run` against a fake daemon that misbehaves.

A rate-limited send is retried and its nudge arrives once; a daemon that restarts mid-run is
reconnected to, a message sent while it was down (or while Kept was stopped) is answered once
both are back, and no message is handled twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.ledger import Ledger
from tests.e2e.signal_story import (
    ALEX,
    make_due_now,
    running_signal_bot,
    stop_cleanly,
)
from tests.signal.fake_daemon import FakeSignalDaemon

pytestmark = pytest.mark.e2e

PROMISE = "Call my sister on Sundays"
NUDGE = "Did you keep your promise today"


@pytest.mark.parametrize("fault", ["RATE_LIMIT_FAILURE", -5], ids=["result", "error-5"])
def test_a_rate_limited_nudge_is_retried_and_arrives_once(
    daemon: FakeSignalDaemon, tmp_path: Path, fault: str | int
) -> None:
    """Signal rate-limits the nudge twice (a RATE_LIMIT_FAILURE result, or JSON-RPC error -5);
    the bot tries again, the nudge arrives once, and "1" answers it Kept."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.start(ALEX)
        story.commit(ALEX, PROMISE)
        stop_cleanly(story)

    make_due_now(tmp_path, "Alex")
    daemon.fail_next_send(fault, times=2)
    with running_signal_bot(daemon, tmp_path) as story:
        nudge = story.nudge(ALEX, PROMISE)
        said = story.say(ALEX, "1")
        story.wait_edit(nudge, "Kept")
        story.wait_message(ALEX, "Kept", after=said, edits=False)
        stop_cleanly(story)

    attempts = [
        call
        for call in daemon.calls_to("send")
        if PROMISE in str(call.params.get("message"))
        and NUDGE in str(call.params.get("message"))
        and "editTimestamp" not in call.params
    ]
    assert len(attempts) == 3, f"two refused sends and one accepted, got {len(attempts)}"
    delivered = [m for m in story.to(ALEX) if PROMISE in m.message and NUDGE in m.message]
    assert delivered == [nudge], "the nudge arrived more than once"
    [row] = Ledger(tmp_path / "kept.db").rows("SELECT status FROM nudges")
    assert row["status"] == "kept"


def test_the_bot_reconnects_after_the_daemon_restarts(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """The daemon goes down mid-run; a promise typed meanwhile is noted once it is back, the
    next message is answered, and nothing is handled twice."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.start(ALEX)
        story.live_where_the_day_is_young(ALEX)  # so that /today holds the promise
        streams = len(daemon.event_requests)

        daemon.go_down()
        said = story.say(ALEX, f"/commit 23:00 {PROMISE}")  # waits at the "Signal server"
        daemon.come_up()
        story.wait(lambda: len(daemon.event_requests) > streams, "the bot reconnecting", 30)
        story.wait_message(ALEX, f"Promise noted: “{PROMISE}”", after=said)

        said = story.say(ALEX, "/today")
        story.wait_message(ALEX, PROMISE, after=said)

        streams = len(daemon.event_requests)
        daemon.restart(down_for=1.0)
        story.wait(lambda: len(daemon.event_requests) > streams, "the bot reconnecting", 30)
        said = story.say(ALEX, "/help")
        story.wait_message(ALEX, "The commands you need", after=said)
        stop_cleanly(story)

    texts = [m.message for m in story.to(ALEX)]
    assert sum(t.startswith("Hello Alex") for t in texts) == 1, texts
    assert sum(t.startswith("Promise noted") for t in texts) == 1, texts
    assert sum("The commands you need" in t for t in texts) == 1, texts
    assert len(Ledger(tmp_path / "kept.db").rows("SELECT id FROM commitments")) == 1


def test_a_message_sent_while_kept_is_stopped_is_answered_when_it_is_back(
    daemon: FakeSignalDaemon, tmp_path: Path
) -> None:
    """The daemon runs with --receive-mode on-connection, as the README says: a promise typed
    while Kept is stopped waits at Signal's server and is noted once Kept listens again."""
    with running_signal_bot(daemon, tmp_path) as story:
        story.start(ALEX)
        stop_cleanly(story)
    daemon.wait_for(lambda: daemon.streams == 0, what="the event stream closed")

    said = story.say(ALEX, f"/commit 21:00 {PROMISE}")
    with running_signal_bot(daemon, tmp_path) as story:
        story.wait_message(ALEX, f"Promise noted: “{PROMISE}”", after=said)
        stop_cleanly(story)

    assert daemon.lost == 0
    texts = [m.message for m in story.to(ALEX)]
    assert sum(t.startswith("Promise noted") for t in texts) == 1, texts
    assert len(Ledger(tmp_path / "kept.db").rows("SELECT id FROM commitments")) == 1
