"""SignalClient against the fake signal-cli daemon, over real HTTP on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from bot.signal.client import (
    SignalAccountMissing,
    SignalClient,
    SignalRateLimited,
    SignalRecipientUnreachable,
    SignalRpcError,
    SignalSendFailed,
    SignalUnavailable,
    backoff_delay,
    parse_sse,
)
from tests.signal.fake_daemon import FakeSignalDaemon

ACCOUNT = "+15550001111"
SAM = "+15550002222"
ALEX = "+15550003333"
GROUP = "R3JvdXBJZEZvclRlc3RzMDAwMDAwMDAwMDAwMDAwMDA="
SECRET_TEXT = "I was late again, sorry"


class RecordingSleep:
    """A sleep that records the delays asked for and only yields to the loop."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.delays: list[float] = []
        self._stop_after = stop_after

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        if self._stop_after is not None and len(self.delays) >= self._stop_after:
            raise StopReconnecting
        # A tiny real pause so a reconnect loop against a refusing port does not spin hot.
        await asyncio.sleep(0.002)


class StopReconnecting(Exception):
    """Raised by RecordingSleep to end an endless reconnect loop in a test."""


class Inbox:
    """Consumes client.events() in a task and hands the events to the test one by one."""

    def __init__(self, client: SignalClient) -> None:
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.task = asyncio.create_task(self._run(client))

    async def _run(self, client: SignalClient) -> None:
        async for data in client.events():
            await self.queue.put(data)

    async def next(self, timeout: float = 10.0) -> dict[str, Any]:
        """The next event's params."""
        return await asyncio.wait_for(self.queue.get(), timeout)

    async def texts(self, count: int) -> list[str]:
        """The message texts of the next ``count`` events."""
        return [(await self.next())["envelope"]["dataMessage"]["message"] for _ in range(count)]

    async def close(self) -> None:
        """Cancel the consumer and wait for it to end."""
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def until(daemon: FakeSignalDaemon, predicate: Callable[[], Any], what: str) -> Any:
    """Wait (off the event loop) until the fake's state satisfies ``predicate``."""
    return await asyncio.to_thread(daemon.wait_for, predicate, 10.0, what)


def closed_port_url() -> str:
    """A loopback URL where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def daemon() -> Iterator[FakeSignalDaemon]:
    """A running fake daemon for ACCOUNT with one group; idle streams get keep-alives often."""
    with FakeSignalDaemon(ACCOUNT, keepalive=0.05) as fake:
        fake.add_group(GROUP, "Us", [SAM, ALEX])
        yield fake


@pytest.fixture
def sleep() -> RecordingSleep:
    """The injected backoff sleep."""
    return RecordingSleep()


@pytest.fixture
async def client(daemon: FakeSignalDaemon, sleep: RecordingSleep) -> AsyncIterator[SignalClient]:
    """A client for ACCOUNT on the fake."""
    signal = SignalClient(daemon.url, ACCOUNT, sleep=sleep)
    yield signal
    await signal.aclose()


# -- calls ------------------------------------------------------------------------------------


async def test_call_sends_json_rpc_with_account_and_increasing_ids(
    daemon: FakeSignalDaemon,
) -> None:
    """Requests are JSON-RPC 2.0 with fresh ids; account calls carry params.account."""
    bodies: list[dict[str, Any]] = []

    async def record(request: httpx.Request) -> None:
        bodies.append(json.loads(request.content))

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as http:
        signal = SignalClient(daemon.url, ACCOUNT, http=http)
        assert await signal.version() == "0.13.19"
        assert await signal.call("listAccounts") == [{"number": ACCOUNT}]
        assert await signal.call("sendTyping", {"recipient": [SAM]}) == {}
        await signal.aclose()
        assert not http.is_closed  # a client passed in belongs to the caller
    assert [b["id"] for b in bodies] == [1, 2, 3]
    assert {b["jsonrpc"] for b in bodies} == {"2.0"}
    assert "params" not in bodies[0]
    assert bodies[2]["params"] == {"recipient": [SAM], "account": ACCOUNT}


async def test_send_to_a_person_returns_increasing_timestamps(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """send returns the timestamp the daemon gave the message, recorded by the fake."""
    first = await client.send(recipient=SAM, message="Today: dishes")
    second = await client.send(
        recipient=SAM, message="Today: dishes (edited)", edit_timestamp=first
    )
    assert second > first
    sent = daemon.sent(recipient=SAM)
    assert [(m.timestamp, m.message, m.edit_timestamp) for m in sent] == [
        (first, "Today: dishes", None),
        (second, "Today: dishes (edited)", first),
    ]
    assert sent[0].params["recipient"] == [SAM]


async def test_send_to_a_group_with_attachment(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """Group sends use groupId; attachments are passed through."""
    chart = "data:image/png;filename=chart.png;base64,iVBORw0KGgo="
    timestamp = await client.send(group_id=GROUP, message="Check-in", attachments=[chart])
    [message] = daemon.sent(group_id=GROUP)
    assert (message.timestamp, message.attachments, message.recipients) == (
        timestamp,
        (chart,),
        (),
    )
    assert daemon.sent(recipient=SAM) == []


async def test_send_needs_exactly_one_target(client: SignalClient) -> None:
    """Neither or both of recipient and group_id is a programming error."""
    with pytest.raises(ValueError):
        await client.send(message="x")
    with pytest.raises(ValueError):
        await client.send(recipient=SAM, group_id=GROUP, message="x")


async def test_list_groups(client: SignalClient) -> None:
    """listGroups returns the registered groups."""
    [group] = await client.list_groups()
    assert (group["id"], group["name"]) == (GROUP, "Us")
    assert {m["number"] for m in group["members"]} == {ACCOUNT, SAM, ALEX}


async def test_json_rpc_errors_are_raised_without_retry(
    client: SignalClient, sleep: RecordingSleep
) -> None:
    """A JSON-RPC error becomes SignalRpcError(code, message) at once."""
    with pytest.raises(SignalRpcError) as caught:
        await client.call("sendPollCreate", {"recipient": [SAM]})
    assert (caught.value.code, caught.value.message) == (-32601, "Method not implemented")
    with pytest.raises(SignalRpcError) as caught:
        await client.send(group_id="bm9zdWNoZ3JvdXA=", message="x")
    assert caught.value.code == -1
    assert sleep.delays == []


# -- retries ----------------------------------------------------------------------------------


async def test_rate_limit_error_is_retried_with_backoff(
    client: SignalClient,
    daemon: FakeSignalDaemon,
    sleep: RecordingSleep,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """JSON-RPC error -5 is retried after 1 s, 2 s; the message goes out once."""
    daemon.fail_next_send(-5, times=2)
    with caplog.at_level(logging.WARNING, logger="bot.signal"):
        timestamp = await client.send(recipient=SAM, message=SECRET_TEXT)
    assert sleep.delays == [1.0, 2.0]
    assert len(daemon.calls_to("send")) == 3
    assert [m.timestamp for m in daemon.sent()] == [timestamp]
    assert len(caplog.records) == 2
    assert SECRET_TEXT not in caplog.text


async def test_rate_limit_failure_result_is_retried(
    client: SignalClient, daemon: FakeSignalDaemon, sleep: RecordingSleep
) -> None:
    """A per-recipient RATE_LIMIT_FAILURE is retried like -5."""
    daemon.fail_next_send("RATE_LIMIT_FAILURE", times=3)
    timestamp = await client.send(recipient=SAM, message="hello")
    assert sleep.delays == [1.0, 2.0, 4.0]
    assert [m.timestamp for m in daemon.sent(recipient=SAM)] == [timestamp]


async def test_http_5xx_is_retried(
    client: SignalClient, daemon: FakeSignalDaemon, sleep: RecordingSleep
) -> None:
    """HTTP 500 from the daemon is transient."""
    daemon.fail_next_send(500)
    await client.send(group_id=GROUP, message="hello")
    assert sleep.delays == [1.0]
    assert len(daemon.sent(group_id=GROUP)) == 1


async def test_retries_are_bounded(
    client: SignalClient, daemon: FakeSignalDaemon, sleep: RecordingSleep
) -> None:
    """After five attempts a persistent rate limit raises SignalRateLimited (a SignalUnavailable)."""
    daemon.fail_next_send(-5, times=10)
    with pytest.raises(SignalRateLimited) as caught:
        await client.send(recipient=SAM, message="hello")
    assert isinstance(caught.value, SignalUnavailable)
    assert sleep.delays == [1.0, 2.0, 4.0, 8.0]
    assert len(daemon.calls_to("send")) == 5
    assert daemon.sent() == []


async def test_backoff_is_capped(daemon: FakeSignalDaemon) -> None:
    """Delays double up to max_delay; persistent 5xx raises plain SignalUnavailable."""
    sleep = RecordingSleep()
    signal = SignalClient(daemon.url, ACCOUNT, sleep=sleep, attempts=7, max_delay=5.0)
    daemon.fail_next_send(503, times=7)
    with pytest.raises(SignalUnavailable) as caught:
        await signal.send(recipient=SAM, message="hello")
    await signal.aclose()
    assert not isinstance(caught.value, SignalRateLimited)
    assert sleep.delays == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]
    assert [backoff_delay(n, 30.0) for n in range(7)] == [1, 2, 4, 8, 16, 30, 30]


async def test_unregistered_recipient_is_not_retried(
    client: SignalClient, daemon: FakeSignalDaemon, sleep: RecordingSleep
) -> None:
    """UNREGISTERED_FAILURE raises SignalRecipientUnreachable; other failures SignalSendFailed."""
    daemon.fail_next_send("UNREGISTERED_FAILURE")
    with pytest.raises(SignalRecipientUnreachable):
        await client.send(recipient=SAM, message="hello")
    daemon.fail_next_send("NETWORK_FAILURE")
    with pytest.raises(SignalSendFailed) as caught:
        await client.send(recipient=SAM, message="hello")
    assert not isinstance(caught.value, SignalRecipientUnreachable)
    assert caught.value.failures == ["NETWORK_FAILURE"]
    assert sleep.delays == []
    assert daemon.sent() == []


async def test_unreachable_daemon_raises_unavailable() -> None:
    """Connection refused is retried, then SignalUnavailable; check_account says what to do."""
    sleep = RecordingSleep()
    signal = SignalClient(closed_port_url(), ACCOUNT, sleep=sleep)
    with pytest.raises(SignalUnavailable):
        await signal.version()
    assert sleep.delays == [1.0, 2.0, 4.0, 8.0]
    with pytest.raises(SignalUnavailable) as caught:
        await signal.check_account()
    await signal.aclose()
    assert "signal-cli daemon --http 127.0.0.1:8080" in str(caught.value)
    assert "SIGNAL_CLI_URL" in str(caught.value)


async def test_wrong_url_is_reported(daemon: FakeSignalDaemon, sleep: RecordingSleep) -> None:
    """A URL that is not the daemon's root answers 404: no retry, a hint."""
    signal = SignalClient(f"{daemon.url}/signal", ACCOUNT, sleep=sleep)
    with pytest.raises(SignalUnavailable, match=r"404.*SIGNAL_CLI_URL"):
        await signal.version()
    await signal.aclose()
    assert sleep.delays == []


# -- start-up check ---------------------------------------------------------------------------


async def test_check_account_passes_for_a_known_account(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """A running daemon that lists the account passes."""
    await client.check_account()
    assert [c.method for c in daemon.calls] == ["version", "listAccounts"]


async def test_unknown_account_raises_account_missing_with_advice(
    daemon: FakeSignalDaemon, sleep: RecordingSleep
) -> None:
    """An account the daemon lacks: SignalAccountMissing naming register, verify and link."""
    stranger = "+15559999999"
    signal = SignalClient(daemon.url, stranger, sleep=sleep)
    with pytest.raises(SignalAccountMissing) as caught:
        await signal.check_account()
    message = str(caught.value)
    for advice in (
        f"signal-cli -a {stranger} register",
        "verify CODE",
        "signal-cli link -n kept",
        "signal-cli daemon --http 127.0.0.1:8080",
    ):
        assert advice in message
    with pytest.raises(SignalAccountMissing, match="Specified account does not exist"):
        await signal.send(recipient=SAM, message="hello")
    await signal.aclose()
    assert sleep.delays == []


# -- events -----------------------------------------------------------------------------------


async def test_events_yield_pushed_envelopes_in_order(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """Texts, group messages and reactions arrive as receive params, in order."""
    inbox = Inbox(client)
    await until(daemon, lambda: daemon.streams == 1, "the event stream")
    first = daemon.push_message(SAM, "kept", source_name="Sam")
    daemon.push_message(ALEX, "3", group_id=GROUP)
    daemon.push_reaction(SAM, "🤝", target_timestamp=1234, target_author=ACCOUNT)
    received = [await inbox.next() for _ in range(3)]
    await inbox.close()
    assert {event["account"] for event in received} == {ACCOUNT}
    text, group, reaction = (event["envelope"] for event in received)
    assert (text["sourceNumber"], text["sourceName"], text["timestamp"]) == (SAM, "Sam", first)
    assert text["dataMessage"]["message"] == "kept"
    assert group["dataMessage"]["groupInfo"]["groupId"] == GROUP
    assert reaction["dataMessage"]["reaction"]["targetSentTimestamp"] == 1234
    assert daemon.event_requests[0].account == ACCOUNT


async def test_events_reconnect_after_restart_without_losing_envelopes(
    client: SignalClient,
    daemon: FakeSignalDaemon,
    sleep: RecordingSleep,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A daemon restart is survived; everything pushed during and after it arrives once."""
    inbox = Inbox(client)
    with caplog.at_level(logging.WARNING, logger="bot.signal"):
        await until(daemon, lambda: daemon.streams == 1, "the event stream")
        daemon.push_message(SAM, "before")
        assert await inbox.texts(1) == ["before"]
        await asyncio.to_thread(daemon.go_down)
        daemon.push_message(SAM, "while down 1")
        daemon.push_message(ALEX, "while down 2")
        await asyncio.to_thread(daemon.come_up)
        daemon.push_message(SAM, "after")
        assert await inbox.texts(3) == ["while down 1", "while down 2", "after"]
        await until(daemon, lambda: daemon.streams == 1, "the reconnected stream")
        mark = len(sleep.delays)
        await asyncio.to_thread(daemon.restart, 0.05)
        daemon.push_message(SAM, "after second restart")
        assert await inbox.texts(1) == ["after second restart"]
    await inbox.close()
    assert inbox.queue.empty()
    assert sleep.delays[0] == 1.0 and sleep.delays[mark] == 1.0  # reset after reconnecting
    assert all(d <= 30.0 for d in sleep.delays)
    assert all(request.account == ACCOUNT for request in daemon.event_requests)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and all("reconnecting" in r.getMessage() for r in warnings)
    assert "while down" not in caplog.text and "after" not in caplog.text


async def test_events_tolerate_late_headers_and_keepalives(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """Headers sent late (signal-cli 0.13.19) and ':' keep-alive lines do not disturb the stream."""
    daemon.hold_event_headers()
    inbox = Inbox(client)
    await until(daemon, lambda: daemon.streams == 1, "the event request")
    daemon.push_message(SAM, "sent before the headers")
    daemon.release_event_headers()
    assert await inbox.texts(1) == ["sent before the headers"]
    seen = daemon.keepalives_sent
    await until(daemon, lambda: daemon.keepalives_sent >= seen + 3, "keep-alives")
    daemon.push_message(SAM, "after keep-alives")
    assert await inbox.texts(1) == ["after keep-alives"]
    await inbox.close()
    assert len(daemon.event_requests) == 1


async def test_cancelling_the_consumer_stops_the_stream_quietly(
    client: SignalClient, daemon: FakeSignalDaemon, caplog: pytest.LogCaptureFixture
) -> None:
    """Cancellation ends events() at once: no reconnect, no warning, connection closed."""
    with caplog.at_level(logging.WARNING, logger="bot.signal"):
        inbox = Inbox(client)
        await until(daemon, lambda: daemon.streams == 1, "the event stream")
        await inbox.close()
        assert inbox.task.cancelled()
        await until(daemon, lambda: daemon.streams == 0, "the stream to close")
    assert caplog.records == []
    assert len(daemon.event_requests) == 1


async def test_closing_the_generator_closes_the_connection(
    client: SignalClient, daemon: FakeSignalDaemon
) -> None:
    """Leaving an aclosing() block after one event closes the HTTP stream."""
    async with contextlib.aclosing(client.events()) as stream:
        first = asyncio.ensure_future(anext(stream))
        await until(daemon, lambda: daemon.streams == 1, "the event stream")
        daemon.push_message(SAM, "one")
        event = await asyncio.wait_for(first, 10)
    assert event["envelope"]["dataMessage"]["message"] == "one"
    await until(daemon, lambda: daemon.streams == 0, "the stream to close")


async def test_events_back_off_while_the_daemon_is_down(caplog: pytest.LogCaptureFixture) -> None:
    """Refused connections are retried after 1, 2, 4 … seconds, capped at 30 s, each logged."""
    sleep = RecordingSleep(stop_after=7)
    signal = SignalClient(closed_port_url(), ACCOUNT, sleep=sleep)
    with caplog.at_level(logging.WARNING, logger="bot.signal"), pytest.raises(StopReconnecting):
        async for _event in signal.events():
            pass
    await signal.aclose()
    assert sleep.delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert len(caplog.records) == 7


async def test_parse_sse_handles_the_format() -> None:
    """Comments, multi-line data, ids, CR-less fields and other event names follow the SSE spec."""

    async def lines() -> AsyncIterator[str]:
        for line in [":", "id:1-1", "event:receive", 'data:{"a":', "data: 1}", "", ": ping", ""]:
            yield line
        for line in ["event: typing", "data: {}", "", "data", "id: 1-2", ""]:
            yield line

    events = [event async for event in parse_sse(lines())]
    assert [(e.name, e.data, e.id) for e in events] == [
        ("receive", ['{"a":', "1}"], "1-1"),
        ("typing", ["{}"], "1-1"),
        ("message", [""], "1-2"),
    ]


# -- the fake's HTTP surface ------------------------------------------------------------------


async def test_fake_daemon_http_surface(daemon: FakeSignalDaemon) -> None:
    """The fake answers like signal-cli: 405, 415, 201 for notifications, batches, /check."""
    async with httpx.AsyncClient(base_url=daemon.url) as http:
        assert (await http.get("/api/v1/rpc")).status_code == 405
        wrong_type = await http.post(
            "/api/v1/rpc", content=b"{}", headers={"Content-Type": "text/plain"}
        )
        assert wrong_type.status_code == 415
        notification = await http.post("/api/v1/rpc", json={"jsonrpc": "2.0", "method": "version"})
        assert (notification.status_code, notification.content) == (201, b"")
        batch = [
            {"jsonrpc": "2.0", "id": 1, "method": "version"},
            {"jsonrpc": "2.0", "id": 2, "method": "listGroups"},
        ]
        answers = (await http.post("/api/v1/rpc", json=batch)).json()
        assert answers[0]["result"] == {"version": "0.13.19"}
        assert answers[1]["error"]["message"] == "Method requires valid account parameter"
        assert (await http.get("/api/v1/check")).status_code == 200
        unknown = await http.get("/api/v1/events", params={"account": "+1999"})
        assert unknown.status_code == 400
