"""Start-up on Signal, end to end: the real `kept run` against a signal-cli daemon.

A daemon that cannot be reached, or that does not know the bot's number (the fake, and the real
signal-cli 0.13.19), stops the process with exit status 2 and a message saying what to do, never
a stack trace. Signal alone needs no Telegram token.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.e2e.signal_story import ALEX, BOT, run_kept, running_signal_bot, signal_daemon
from tests.signal.fake_daemon import FakeSignalDaemon
from tests.signal.real_daemon import RealSignalDaemon

pytestmark = pytest.mark.e2e


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_for(url: str, tmp_path: Path) -> dict[str, str]:
    """Signal only: no TELEGRAM_BOT_TOKEN at all."""
    return {
        "SIGNAL_CLI_URL": url,
        "SIGNAL_ACCOUNT": BOT,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kept.db",
        "LOG_LEVEL": "DEBUG",
    }


def test_an_unreachable_daemon_stops_kept_with_how_to_start_it(tmp_path: Path) -> None:
    """Nothing listens at SIGNAL_CLI_URL: exit 2, and stderr says how to start the daemon."""
    finished = run_kept(env_for(f"http://127.0.0.1:{free_port()}", tmp_path), tmp_path)

    assert finished.returncode == 2, finished.stderr
    assert "signal-cli" in finished.stderr
    assert "daemon --http" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout


@pytest.mark.parametrize("accounts", [[], ["+15559990000"]], ids=["no-account", "another-number"])
def test_an_account_unknown_to_the_daemon_stops_kept_with_how_to_register(
    tmp_path: Path, accounts: list[str]
) -> None:
    """The daemon runs but does not know SIGNAL_ACCOUNT: exit 2, advice to register or link."""
    with FakeSignalDaemon(account=BOT, accounts=accounts) as daemon:
        finished = run_kept(env_for(daemon.url, tmp_path), tmp_path)
        sends = daemon.calls_to("send")

    assert finished.returncode == 2, finished.stderr
    advice = finished.stderr
    assert "register" in advice or "link" in advice, advice
    assert "signal-cli" in advice
    assert "Traceback" not in finished.stderr + finished.stdout
    assert sends == [], "nothing may be sent for an account the daemon does not know"


def test_the_real_signal_cli_without_the_number_stops_kept_with_how_to_register(
    tmp_path: Path, real_signal_daemon: RealSignalDaemon
) -> None:
    """The same refusal against the real signal-cli 0.13.19, which knows no number here."""
    finished = run_kept(env_for(real_signal_daemon.url, tmp_path), tmp_path)

    assert finished.returncode == 2, finished.stderr
    assert f"has no account {BOT}" in finished.stderr
    assert f"signal-cli -a {BOT} register" in finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout


def test_signal_alone_serves_without_a_telegram_token(tmp_path: Path) -> None:
    """SIGNAL_CLI_URL and SIGNAL_ACCOUNT are enough: the bot answers, then stops cleanly."""
    with signal_daemon() as daemon, running_signal_bot(daemon, tmp_path) as story:
        said = story.say(ALEX, "/help")
        help_text = story.wait_message(ALEX, "/checkin", after=said)
        assert "therapist" in help_text.message
        assert story.process is not None
        assert story.process.terminate(timeout=15) == 0
        assert "Traceback" not in story.process.logs()
