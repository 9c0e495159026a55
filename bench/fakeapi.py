"""A fast fake Telegram Bot API for the benchmarks, run as its own process.

It answers the methods Kept uses with Telegram-shaped JSON (a sent message echoes its text and
keyboard, as Telegram does, so the bot pays for parsing a realistic answer). It can enforce
Telegram's published flood limits and answer 429 with `retry_after` beyond them:

- overall: `overall` messages per second;
- private chat: `chat` messages per second in each chat;
- group: `group` messages per minute in each group.

Telegram does not publish how it counts, so two readings are offered (`model`):

- "window" (the default): at most N messages in ANY sliding window of the period. This is the
  literal, strictest reading of "30 messages per second";
- "bucket": a token bucket of N tokens refilled at N per period (a burst of N, then N per
  period), which is how python-telegram-bot's AIORateLimiter (aiolimiter) reads the same words.

Only methods that send a message count (`send*`, `copyMessage`, `forwardMessage`); edits and
`answerCallbackQuery` are not limited. A limit of 0 means none.

Control, for the benchmark driver: `POST /_bench/config` (JSON limits; also resets the
counters), `GET /_bench/stats` (`?times=1` adds the arrival time of every accepted send).

Run: `python -m bench.fakeapi --port 8081`; it prints `READY <port>` when it listens.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import itertools
import json
import math
import signal
import time
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Kept",
    "username": "kept_bench_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
SENDING = ("sendMessage", "sendPhoto", "sendDocument", "copyMessage", "forwardMessage")
MESSAGES = (*SENDING, "editMessageText")
LONG_POLL_CAP = 5.0


class Window:
    """A strict sliding window: at most `limit` events in any `period` seconds."""

    __slots__ = ("events", "limit", "period")

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.events: collections.deque[float] = collections.deque()

    def wait_for(self, now: float) -> float:
        """0 when one more event fits now, else the seconds until it would."""
        events = self.events
        while events and events[0] <= now - self.period:
            events.popleft()
        if len(events) < self.limit:
            return 0.0
        return events[0] + self.period - now

    def add(self, now: float) -> None:
        self.events.append(now)


class Bucket:
    """A token bucket: `limit` tokens, refilled at `limit` per `period`."""

    __slots__ = ("at", "capacity", "rate", "tokens")

    def __init__(self, limit: int, period: float) -> None:
        self.capacity = float(limit)
        self.rate = limit / period
        self.tokens = float(limit)
        self.at = time.time()

    def wait_for(self, now: float) -> float:
        """0 when one more event fits now, else the seconds until it would."""
        elapsed = max(0.0, now - self.at)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.at = max(self.at, now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def add(self, now: float) -> None:
        self.tokens -= 1


class FakeApi:
    """State of the fake: limits, counters and the next message id."""

    def __init__(self) -> None:
        self.configure({})

    def configure(self, limits: dict[str, Any]) -> None:
        self.overall = int(limits.get("overall", 0))
        self.chat = int(limits.get("chat", 0))
        self.group = int(limits.get("group", 0))
        # Seconds to add to every answer, as a slower network would.
        self.delay = float(limits.get("delay", 0.0))
        self.model = Bucket if limits.get("model") == "bucket" else Window
        self.overall_window = self.model(self.overall, 1.0)
        self.chat_windows: dict[int, Window | Bucket] = {}
        self.calls: collections.Counter[str] = collections.Counter()
        self.too_many = 0
        self.send_times: list[float] = []
        self.message_ids = itertools.count(1)

    def refusal(self, method: str, chat_id: int) -> float:
        """0 if this message may go now (and count it), else the retry_after to answer."""
        if method not in SENDING:
            return 0.0
        now = time.time()
        waits = []
        if self.overall:
            waits.append(self.overall_window.wait_for(now))
        window = None
        if chat_id > 0 and self.chat:
            window = self.chat_windows.get(chat_id) or self.model(self.chat, 1.0)
        elif chat_id < 0 and self.group:
            window = self.chat_windows.get(chat_id) or self.model(self.group, 60.0)
        if window is not None:
            self.chat_windows[chat_id] = window
        if window is not None:
            waits.append(window.wait_for(now))
        wait = max(waits, default=0.0)
        if wait > 0:
            self.too_many += 1
            return wait
        if self.overall:
            self.overall_window.add(now)
        if window is not None:
            window.add(now)
        self.send_times.append(now)
        return 0.0


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
    return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}


def _ok(result: Any) -> web.Response:
    return web.Response(
        body=json.dumps({"ok": True, "result": result}).encode(), content_type="application/json"
    )


def _message(api: FakeApi, params: Any, message_id: int | None = None) -> dict[str, Any]:
    chat_id = int(params.get("chat_id", 0))
    message: dict[str, Any] = {
        "message_id": message_id if message_id is not None else next(api.message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": BOT_USER,
    }
    if "text" in params:
        message["text"] = params["text"]
    if "caption" in params:
        message["caption"] = params["caption"]
    markup = params.get("reply_markup")
    if markup:
        message["reply_markup"] = json.loads(markup)
    return message


async def handle(request: web.Request) -> web.Response:
    """Every Bot API method."""
    api: FakeApi = request.app["api"]
    method = request.match_info["method"]
    api.calls[method] += 1
    params = await request.post() if request.can_read_body else {}
    if api.delay:
        await asyncio.sleep(api.delay)
    if method in SENDING:
        wait = api.refusal(method, int(params.get("chat_id", 0)))
        if wait > 0:
            after = max(1, math.ceil(wait))
            body = {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {after}",
                "parameters": {"retry_after": after},
            }
            return web.Response(
                status=429, body=json.dumps(body).encode(), content_type="application/json"
            )
        return _ok(_message(api, params))
    if method == "editMessageText":
        return _ok(_message(api, params, int(params.get("message_id", 0))))
    if method == "getMe":
        return _ok(BOT_USER)
    if method == "getUpdates":
        timeout = float(params.get("timeout", 0) or 0)
        await asyncio.sleep(min(timeout, LONG_POLL_CAP))
        return _ok([])
    if method == "getWebhookInfo":
        return _ok({"url": "", "has_custom_certificate": False, "pending_update_count": 0})
    return _ok(True)


async def config(request: web.Request) -> web.Response:
    """Set the limits (and reset the counters)."""
    request.app["api"].configure(await request.json())
    return web.json_response({"ok": True})


async def stats(request: web.Request) -> web.Response:
    """What the fake saw since the last configuration."""
    api: FakeApi = request.app["api"]
    body: dict[str, Any] = {
        "calls": dict(api.calls),
        "accepted_sends": len(api.send_times),
        "too_many_requests": api.too_many,
        "first_send": api.send_times[0] if api.send_times else None,
        "last_send": api.send_times[-1] if api.send_times else None,
    }
    if request.query.get("times"):
        body["send_times"] = api.send_times
    return web.json_response(body)


def make_app() -> web.Application:
    """The aiohttp application of the fake."""
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app["api"] = FakeApi()
    app.router.add_post("/_bench/config", config)
    app.router.add_get("/_bench/stats", stats)
    app.router.add_route("*", "/bot{token}/{method}", handle)
    return app


async def serve(port: int) -> None:
    """Listen on 127.0.0.1:port until SIGTERM or SIGINT."""
    runner = web.AppRunner(make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await site.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"READY {port}", flush=True)
    await stop.wait()
    await runner.cleanup()


def main() -> None:
    """Command line entry."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port))


if __name__ == "__main__":
    main()
