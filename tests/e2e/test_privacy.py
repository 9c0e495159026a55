"""Privacy, end to end: a whole run at DEBUG logs nothing people wrote; DATA_KEY encrypts at rest.

One story, because the nudge takes up to a minute to come: pairing, a promise, its nudge answered
Missed with a reflection, a check-in with words, /export. Then the logs and the SQLite file are
searched for every word written, and the key is checked, rotated and rekeyed.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet

from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.kept_process import KeptProcess
from tests.e2e.story import (
    ALEX,
    GROUP,
    SAM,
    TOKEN,
    bot_env,
    buttons,
    pair_and_link,
    press_safety,
    run_kept,
    running_bot,
)

pytestmark = pytest.mark.e2e
MADRID = ZoneInfo("Europe/Madrid")
PROMISE = "Phone Sam from the platform at Atocha"
REFLECTION = "The meeting ran over and I froze instead of texting"
APPRECIATED = "Sam fixed the wobbly balcony chair"
DIFFERENTLY = "Ask me about the orchestra rehearsal"
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def next_minute_in_madrid() -> datetime:
    """A local time at least ten seconds away, so the commitment exists before its tick."""
    now = datetime.now(UTC)
    target = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (target - now).total_seconds() < 10:
        target += timedelta(minutes=1)
    return target.astimezone(MADRID)


def wait_until_recorded_sent(db_path: Path, timeout: float = 30.0) -> None:
    """Wait for the ledger to record the nudge as sent (it does so just after Telegram accepts it;
    a press in between would rightly be refused as not yet answerable)."""
    deadline = time.monotonic() + timeout
    while True:
        with closing(sqlite3.connect(db_path)) as db:
            if db.execute("select count(*) from nudges where status = 'sent'").fetchone()[0]:
                return
        assert time.monotonic() < deadline, "the nudge was never recorded as sent"
        time.sleep(0.05)


def answer_missed_with_reflection(api: FakeBotApi, kept: KeptProcess) -> None:
    """Alex's nudge comes; Alex presses Missed and writes a reflection."""
    try:
        nudge = api.wait_for(
            lambda: next(
                (m for m in api.sent_messages(ALEX) if "Did you keep" in m.get("text", "")), None
            ),
            timeout=140,
            what="the nudge",
        )
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- bot logs ---\n{kept.logs()[-4000:]}") from None
    wait_until_recorded_sent(kept.workdir / "kept.db")
    api.press(ALEX, nudge, buttons(nudge)["❌ Missed"])
    api.wait_for_message(ALEX, "Thank you for being honest about")
    api.send_text(ALEX, None, REFLECTION)
    api.wait_for_message(ALEX, "Saved, privately")
    shared = api.wait_for_message(GROUP, "Alex let you know they missed")
    api.press(SAM, shared, buttons(shared)["🤝 Thanks for telling me"])
    api.wait_for_message(ALEX, "🤝 Sam thanks you for telling them")


def checkin_with_words(api: FakeBotApi) -> None:
    """Alex opens the check-in, taps one answer per row and writes both open answers."""
    api.send_text(ALEX, GROUP, "/checkin@kept_test_bot")
    message = api.wait_for_message(GROUP, "Weekly check-in")
    markup = message["reply_markup"]
    assert isinstance(markup, dict)
    for row, label in zip(markup["inline_keyboard"][:2], ("4", "Yes"), strict=True):
        data = next(b["callback_data"] for b in row if b["text"] == label)
        query = api.press(ALEX, message, data)
        api.wait_for(lambda q=query: api.callback_answer(q), what="the answer to a press")
    press_safety(api, ALEX, "5")
    api.wait_for_message(ALEX, "What did your partner do this week that you appreciated?")
    api.send_text(ALEX, None, APPRECIATED)
    second = api.wait_for_message(ALEX, "could do differently")
    api.send_text(ALEX, None, DIFFERENTLY)
    api.wait_for_message(ALEX, "Thank you", after_id=int(second["message_id"]))


def export(api: FakeBotApi) -> dict[str, object]:
    """Alex's /export, read back from the document the bot uploaded."""
    before = len(api.calls_to("sendDocument"))
    api.send_text(ALEX, None, "/export")
    api.wait_for(lambda: len(api.calls_to("sendDocument")) > before, what="the export")
    [sent] = [m for m in api.sent_messages(ALEX) if "document" in m][before:]
    document = sent["document"]
    assert isinstance(document, dict) and document["file_name"] == "kept-export.json"
    return dict(json.loads(api.file_content(str(document["file_id"]))))


def sqlite_values(path: Path) -> list[str]:
    """Every value of every table, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as db:
        tables = [
            name for (name,) in db.execute("select name from sqlite_master where type='table'")
        ]
        return [
            str(value)
            for table in tables
            for row in db.execute(f'select * from "{table}"')
            for value in row
            if value is not None
        ]


def test_a_whole_run_keeps_words_out_of_logs_and_encrypted_at_rest(
    api: FakeBotApi, tmp_path: Path
) -> None:
    keyed = {"DATA_KEY": KEY_A, "LOG_LEVEL": "DEBUG"}
    with running_bot(api, tmp_path, keyed) as kept:
        pair_and_link(api)
        due = next_minute_in_madrid()
        api.send_text(ALEX, None, f"/commit {due:%H:%M} {PROMISE}")
        api.wait_for_message(ALEX, "Promise noted")
        answer_missed_with_reflection(api, kept)
        checkin_with_words(api)
        document = export(api)
        assert kept.terminate() == 0

    # The bot reads what it encrypted.
    [nudge] = document["nudges"]  # type: ignore[misc]
    assert nudge["reflection"] == REFLECTION and nudge["status"] == "missed"
    [answer] = document["checkin_answers"]  # type: ignore[misc]
    assert (answer["appreciated"], answer["differently"]) == (APPRECIATED, DIFFERENTLY)

    # Logs at DEBUG: nothing anyone wrote, nothing the bot said to them, no token, no key.
    logs = kept.logs()
    assert "Kept is running" in logs and " DEBUG " in logs
    said = [str(m.get("text") or m.get("caption") or "") for m in api.sent_messages()]
    written = [PROMISE, REFLECTION, APPRECIATED, DIFFERENTLY, f"{due:%H:%M} {PROMISE}"]
    for secret in [TOKEN, KEY_A, *written, *[s for s in said if len(s) > 20]]:
        assert secret not in logs, f"{secret[:40]!r} leaked into the logs"
    for word in ("Atocha", "balcony", "orchestra", "froze"):
        assert word not in logs

    # At rest: the reflection and the words are unreadable in the file (and its WAL).
    values = sqlite_values(tmp_path / "kept.db")
    files = b"".join(p.read_bytes() for p in tmp_path.glob("kept.db*"))
    for secret in (REFLECTION, APPRECIATED, DIFFERENTLY, "froze", "balcony", "orchestra"):
        assert not any(secret in value for value in values), secret
        assert secret.encode() not in files, secret
    assert sum(value.startswith("fernet:") for value in values) >= 4  # 3 fields + key check

    # A wrong key, no key, or a malformed one: exit status 2 with advice, nothing served.
    env = bot_env(api, tmp_path)
    wrong = run_kept({**env, "DATA_KEY": KEY_B}, tmp_path)
    missing = run_kept(env, tmp_path)
    malformed = run_kept({**env, "DATA_KEY": "my-secret-password"}, tmp_path)
    assert (wrong.returncode, missing.returncode, malformed.returncode) == (2, 2, 2)
    assert "DATA_KEY does not open the data" in wrong.stderr and "kept rekey" in wrong.stderr
    assert "DATA_KEY is not set" in missing.stderr
    assert "generate_key" in malformed.stderr and "my-secret-password" not in malformed.stderr
    for finished in (wrong, missing, malformed):
        assert KEY_A not in finished.stderr and KEY_B not in finished.stderr

    # Rotation: the new key first, the old one after it; rekey; then the new key alone.
    rotated = run_kept({**env, "DATA_KEY": f"{KEY_B},{KEY_A}"}, tmp_path, "rekey")
    assert rotated.returncode == 0, rotated.stderr
    # The reflection, the written answer and the safety answer.
    assert "re-encrypted 4 stored fields" in rotated.stderr
    assert run_kept({**env, "DATA_KEY": KEY_A}, tmp_path).returncode == 2
    with running_bot(api, tmp_path, {"DATA_KEY": KEY_B}) as kept:
        again = export(api)
        assert kept.terminate() == 0
    assert again["nudges"] == document["nudges"]
    assert again["checkin_answers"] == document["checkin_answers"]
