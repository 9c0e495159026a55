"""Steps shared by the Signal end-to-end stories: the real `kept run` against a fake signal-cli.

The bot talks to :class:`~tests.signal.fake_daemon.FakeSignalDaemon` over real HTTP (JSON-RPC
calls, the Server-Sent Events stream). People "type" by pushing envelopes into the stream; what
the bot says is read from the daemon's record of accepted ``send`` calls. Every wait is for a
condition, with a timeout, and fails early (with the bot's log) if the process dies.

Signal has no buttons: a choice is a numbered line at the end of a message ("1 ✅ Kept"), chosen
by replying with its number. A person is addressed by the ACI (``sourceUuid``) of their messages,
a group by its ``groupId``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from tests.e2e.kept_process import ROOT, KeptProcess
from tests.e2e.ledger import Ledger
from tests.signal.fake_daemon import FakeSignalDaemon, SentMessage, signal_uuid

_T = TypeVar("_T")

BOT = "+15550001111"
GROUP = "QWxleEFuZFNhbUdyb3VwSWRGb3JUaGVFMmVUZXN0czA9"
# A numbered choice: "1 ✅ Kept", "2. ❌ Missed", "3) ⏰ Ask again in 1 h".
CHOICE_LINE = re.compile(r"^\s*(\d{1,2})\s*[.):]?\s+(\S.*?)\s*$")
DATA_URL = re.compile(r"^data:(?P<mime>[^;,]+)(?P<params>(;[^;,]+)*),(?P<data>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Person:
    """Someone on Signal: their number, the name their profile shows, and their ACI."""

    number: str
    name: str

    @property
    def uuid(self) -> str:
        """The ACI the fake daemon puts in this person's envelopes (``sourceUuid``)."""
        return signal_uuid(self.number)


ALEX = Person("+15550003333", "Alex")
SAM = Person("+15550002222", "Sam")
STRANGER = Person("+15550004444", "Mallory")


@contextmanager
def signal_daemon(*members: Person) -> Iterator[FakeSignalDaemon]:
    """A fake daemon for the bot's number, with a group of ``members`` (default Alex and Sam)."""
    # The daemon notices a stream the bot closed only when its next keep-alive fails to go out:
    # one a second rather than the default 15 s, so a story that waits for the bot's stream to
    # be gone does not wait 15 s for nothing.
    with FakeSignalDaemon(account=BOT, keepalive=1.0) as daemon:
        people = members or (ALEX, SAM)
        daemon.add_group(GROUP, " & ".join(p.name for p in people), [p.number for p in people])
        yield daemon


def signal_env(daemon: FakeSignalDaemon, tmp_path: Path) -> dict[str, str]:
    """The environment of a bot process on Signal only, with a SQLite file in tmp_path."""
    return {
        "SIGNAL_CLI_URL": daemon.url,
        "SIGNAL_ACCOUNT": BOT,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kept.db",
        "DEFAULT_TIMEZONE": "Europe/Madrid",
        "LOG_LEVEL": "DEBUG",
    }


def run_kept(
    env: dict[str, str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `kept run` to its end with exactly this configuration (no inherited transport)."""
    inherited = ("TELEGRAM_", "SIGNAL_", "DATABASE_", "WEBHOOK_", "DATA_KEY")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=cwd,
        env={**clean, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def data_url(value: str) -> tuple[str, bytes]:
    """The MIME type and the decoded bytes of a ``data:…;base64,…`` attachment."""
    match = DATA_URL.match(value)
    assert match is not None, f"not a data: URL: {value[:80]!r}"
    assert ";base64" in match["params"], f"not base64: {value[:80]!r}"
    return match["mime"], base64.b64decode(match["data"], validate=True)


def choices(message: SentMessage) -> dict[int, str]:
    """The numbered choices of a message: the last block of lines like "1 ✅ Kept"."""
    block: dict[int, str] = {}
    for line in reversed(message.message.rstrip().splitlines()):
        found = CHOICE_LINE.match(line)
        if found is None:
            if block:
                break
            continue
        block[int(found[1])] = found[2]
    return dict(sorted(block.items()))


def choice(message: SentMessage, word: str) -> int:
    """The number of the one choice whose label holds ``word``."""
    numbers = [n for n, label in choices(message).items() if word.lower() in label.lower()]
    assert len(numbers) == 1, f"no single choice {word!r} in {message.message!r}"
    return numbers[0]


def describe(message: SentMessage) -> str:
    """One line about a sent message, for failure reports."""
    where = (message.group_id and f"group {message.group_id[:8]}") or ",".join(message.recipients)
    edit = f" edit of {message.edit_timestamp}" if message.edit_timestamp else ""
    extra = f" +{len(message.attachments)} attachment(s)" if message.attachments else ""
    return f"{message.timestamp} → {where}{edit}{extra}: {message.message[:240]!r}"


class SignalStory:
    """The fake daemon and the running bot, seen from the people who talk to it."""

    def __init__(self, daemon: FakeSignalDaemon, process: KeptProcess | None = None) -> None:
        self.daemon = daemon
        self.process = process

    # -- people talking -------------------------------------------------------------------------

    def say(
        self, who: Person, text: str, *, in_group: bool = False, quote: int | None = None
    ) -> int:
        """``who`` sends ``text`` (to the bot, or in the group); return its timestamp."""
        return self.daemon.push_message(
            who.number,
            text,
            GROUP if in_group else None,
            source_name=who.name,
            quote_timestamp=quote,
        )

    def react(self, who: Person, emoji: str, message: SentMessage) -> int:
        """``who`` reacts with ``emoji`` to one of the bot's messages; return its timestamp."""
        return self.daemon.push_reaction(
            who.number,
            emoji,
            target_timestamp=message.timestamp,
            group_id=message.group_id,
            source_name=who.name,
        )

    def choose(self, who: Person, message: SentMessage, word: str) -> int:
        """``who`` replies with the number of the choice holding ``word``: typed plainly in the
        1:1 chat, quoting the message in the group (where several may be waiting)."""
        number = choice(message, word)
        self.wait_recorded(message)
        in_group = message.group_id is not None
        return self.say(
            who, str(number), in_group=in_group, quote=message.timestamp if in_group else None
        )

    def wait_recorded(self, message: SentMessage, timeout: float = 10.0) -> None:
        """Wait until the bot has recorded the choices of a message it sent (it does so just
        after signal-cli accepts it; a person takes longer than that to read and answer)."""
        assert self.process is not None
        ledger = Ledger(self.process.workdir / "kept.db")
        deadline = time.monotonic() + timeout
        query = "SELECT 1 FROM signal_menus WHERE message_ts = ?"
        while not ledger.rows(query, message.timestamp):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"the choices of {describe(message)} were never recorded")
            time.sleep(0.02)

    # -- what the bot said ----------------------------------------------------------------------

    def to(self, who: Person | None, *, edits: bool | None = False) -> list[SentMessage]:
        """Messages to a person's 1:1 chat (None: to the group), oldest first: new ones only,
        edits only (``edits=True``) or both (``edits=None``)."""
        found = [
            m
            for m in self.daemon.sent()
            if (
                m.group_id == GROUP
                if who is None
                else m.group_id is None and (who.uuid in m.recipients or who.number in m.recipients)
            )
        ]
        return [m for m in found if edits is None or (m.edit_timestamp is not None) == edits]

    def edits_of(self, message: SentMessage) -> list[SentMessage]:
        """Edits of one of the bot's messages, oldest first."""
        return [m for m in self.daemon.sent() if m.edit_timestamp == message.timestamp]

    def wait(self, predicate: Callable[[], _T | None], what: str, timeout: float = 30.0) -> _T:
        """Wait until ``predicate()`` is truthy and return it; fail early if the bot died."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                return self.daemon.wait_for(predicate, timeout=min(0.5, max(remaining, 0.01)))
            except AssertionError:
                pass
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(
                    f"kept exited ({self.process.poll()}) before {what}\n{self.report()}"
                )
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"timed out after {timeout:g}s waiting for {what}\n{self.report()}"
                )

    def wait_message(
        self,
        who: Person | None,
        contains: str | Callable[[SentMessage], bool],
        *,
        after: int = 0,
        timeout: float = 30.0,
        edits: bool = True,
    ) -> SentMessage:
        """The first message to ``who`` (None: the group) sent after the timestamp ``after``
        that holds ``contains`` (a text, or a test of the message); a message the bot edited
        after ``after`` counts too, unless ``edits`` is False."""

        def matches(m: SentMessage) -> bool:
            return contains(m) if callable(contains) else contains in m.message

        def find() -> SentMessage | None:
            sent = self.to(who, edits=None if edits else False)
            return next((m for m in sent if m.timestamp > after and matches(m)), None)

        where = "the group" if who is None else f"{who.name}'s chat"
        return self.wait(find, f"a message in {where} holding {contains!r}", timeout)

    def wait_edit(self, message: SentMessage, contains: str, timeout: float = 30.0) -> SentMessage:
        """Wait for an edit of ``message`` holding ``contains``."""
        return self.wait(
            lambda: next((m for m in self.edits_of(message) if contains in m.message), None),
            f"an edit of {message.timestamp} holding {contains!r}",
            timeout,
        )

    def report(self) -> str:
        """The last messages the bot sent and the end of its log."""
        sent = "\n".join(describe(m) for m in self.daemon.sent()[-12:]) or "(nothing)"
        log = self.process.logs()[-4000:] if self.process is not None else ""
        return f"--- last messages sent ---\n{sent}\n--- bot log (end) ---\n{log}"

    # -- the usual steps ------------------------------------------------------------------------

    def start(self, who: Person) -> SentMessage:
        """``who`` says /start and gets the welcome."""
        said = self.say(who, "/start")
        return self.wait_message(who, f"Hello {who.name}", after=said)

    def pair(self, inviter: Person, joiner: Person) -> str:
        """Both start; the inviter asks for a code and the joiner sends /join with it."""
        self.start(inviter)
        said = self.say(inviter, "/pair")
        invite = self.wait_message(inviter, "/join ", after=said)
        code = re.search(r"/join ([A-Z0-9]{4,})", invite.message)
        assert code is not None, invite.message
        self.start(joiner)
        said = self.say(joiner, f"/join {code[1]}")
        self.wait_message(joiner, f"You and {inviter.name} are now paired", after=said)
        self.wait_message(inviter, f"You and {joiner.name} are now paired", after=said)
        return code[1]

    def link(self, who: Person, partner: Person) -> SentMessage:
        """``who`` sends /link in the group (registered with both in it)."""
        said = self.say(who, "/link", in_group=True)
        return self.wait_message(None, "This group is now linked to", after=said)

    def live_where_the_day_is_young(self, who: Person) -> str:
        """``who`` moves to a zone where it is 06:00–20:59: a 23:00 promise is due today."""
        zone = zone_where_the_day_is_young()
        said = self.say(who, f"/timezone {zone}")
        self.wait_message(who, f"your time zone is {zone}", after=said)
        return zone

    def commit(self, who: Person, promise: str, at: str = "21:00") -> None:
        """``who`` makes a daily promise at a local time."""
        said = self.say(who, f"/commit {at} {promise}")
        self.wait_message(who, f"Promise noted: “{promise}”", after=said)

    def nudge(
        self, who: Person, promise: str, after: int = 0, timeout: float = 30.0
    ) -> SentMessage:
        """Wait for ``who``'s nudge about ``promise``: the promise with Kept and Missed choices."""

        def is_nudge(m: SentMessage) -> bool:
            labels = " ".join(choices(m).values())
            return promise in m.message and "Kept" in labels and "Missed" in labels

        nudge = self.wait_message(who, is_nudge, after=after, timeout=timeout, edits=False)
        self.wait_recorded(nudge)
        return nudge


def stop_cleanly(story: SignalStory) -> None:
    """SIGTERM: the bot stops cleanly, with exit status 0."""
    assert story.process is not None
    assert story.process.terminate(timeout=15) == 0, story.report()


@contextmanager
def running_signal_bot(
    daemon: FakeSignalDaemon, tmp_path: Path, extra_env: dict[str, str] | None = None
) -> Iterator[SignalStory]:
    """Start `kept run` on Signal and wait until it listens to the event stream."""
    before = len(daemon.event_requests)
    env = {**signal_env(daemon, tmp_path), **(extra_env or {})}
    with KeptProcess(env, tmp_path) as process:
        story = SignalStory(daemon, process)
        story.wait(lambda: len(daemon.event_requests) > before, "the bot's event stream", 30)
        yield story


def chat_id_of(tmp_path: Path, name: str) -> int:
    """The transport-neutral chat id the bot gave a person (found by their name)."""
    rows = Ledger(tmp_path / "kept.db").rows("SELECT chat_id FROM people WHERE name = ?", name)
    assert len(rows) == 1, f"expected one person called {name}, found {rows}"
    return int(rows[0]["chat_id"])


def make_due_now(tmp_path: Path, *names: str) -> None:
    """With the bot stopped: these people's promises come due now (sent by the catch-up tick)."""
    Ledger(tmp_path / "kept.db").due_now(*(chat_id_of(tmp_path, name) for name in names))


# Zones five to six hours apart: in one of them it is always between 06:00 and 20:59.
YOUNG_DAY_ZONES = (
    "Pacific/Honolulu",
    "America/New_York",
    "Europe/Madrid",
    "Asia/Kolkata",
    "Asia/Tokyo",
)


def zone_where_the_day_is_young() -> str:
    """A time zone where it is now 06:00–20:59, so that a promise at 23:00 is still due today
    there, whatever the hour the tests run at."""
    now = datetime.now(UTC)
    for zone in YOUNG_DAY_ZONES:
        if 6 <= now.astimezone(ZoneInfo(zone)).hour <= 20:
            return zone
    raise AssertionError(f"no zone of {YOUNG_DAY_ZONES} is between 06:00 and 20:59 at {now}")


def export_of(story: SignalStory, who: Person) -> dict[str, Any]:
    """``who`` sends /export; the JSON document attached to the reply, decoded."""
    said = story.say(who, "/export")
    sent = story.wait_message(who, lambda m: bool(m.attachments), after=said)
    [attachment] = sent.attachments
    mime, content = data_url(attachment)
    assert mime == "application/json", mime
    document = json.loads(content)
    assert isinstance(document, dict)
    return document


def assert_private_logs(process: KeptProcess, secrets: list[str]) -> None:
    """Nothing anyone wrote (nor what the bot said to them) is in the process's log."""
    logs = process.logs()
    for secret in secrets:
        assert secret not in logs, f"{secret[:50]!r} leaked into the logs"


def answer_checkin(
    story: SignalStory,
    who: Person,
    opened: int,
    ratings: tuple[str, str, str],
    words: str,
    *,
    share: bool,
) -> None:
    """``who`` answers the questions that come one at a time in their own chat."""
    trust, progress, safety = ratings
    question = story.wait_message(who, "trust your partner this week", after=opened)
    story.wait_recorded(question)
    said = story.say(who, trust)
    question = story.wait_message(who, "notice progress", after=said)
    assert len(choices(question)) == 3, question.message
    said = story.choose(who, question, progress)
    question = story.wait_message(who, "feel with your partner", after=said)
    story.wait_recorded(question)
    said = story.say(who, safety)
    story.wait_message(who, "appreciated?", after=said)
    said = story.say(who, words)
    story.wait_message(who, "could do differently", after=said)
    said = story.say(who, "/skip")
    question = story.wait_message(who, "share them with your partner in the reveal?", after=said)
    said = story.choose(who, question, "Share" if share else "private")
    expected = "shown in the reveal" if share else "Your words stay private"
    story.wait_message(who, expected, after=said)
