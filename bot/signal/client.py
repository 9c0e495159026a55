"""JSON-RPC client for signal-cli's daemon in HTTP mode (``signal-cli daemon --http``)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]
JSONDict = dict[str, Any]
_T = TypeVar("_T")

RATE_LIMIT_CODE = -5
INVALID_PARAMS = -32602
METHOD_NOT_FOUND = -32601
SUCCESS = "SUCCESS"
RATE_LIMIT_FAILURE = "RATE_LIMIT_FAILURE"
UNREGISTERED_FAILURE = "UNREGISTERED_FAILURE"
# Methods of the daemon itself in multi-account mode: they take no ``account``.
_DAEMON_METHODS = frozenset({"version", "listAccounts"})
START_DAEMON = "signal-cli daemon --http 127.0.0.1:8080 --receive-mode on-connection"


class SignalError(Exception):
    """Base class of the errors this client raises."""


class SignalRpcError(SignalError):
    """The daemon answered a JSON-RPC error."""

    def __init__(self, code: int, message: str) -> None:
        """Keep the JSON-RPC error code and message."""
        super().__init__(f"signal-cli error {code}: {message}")
        self.code = code
        self.message = message


class SignalUnavailable(SignalError):
    """The daemon could not be reached or kept failing, also after the retries."""


class SignalRateLimited(SignalUnavailable):
    """Signal kept rate-limiting the account, also after the retries."""


class SignalAccountMissing(SignalError):
    """The daemon does not know the account, or it is not registered."""


class SignalSendFailed(SignalError):
    """Signal did not accept a message for any recipient."""

    def __init__(self, message: str, failures: list[str]) -> None:
        """Keep the per-recipient failure types (e.g. NETWORK_FAILURE)."""
        super().__init__(message)
        self.failures = failures


class SignalRecipientUnreachable(SignalSendFailed):
    """The recipient is not (or no longer) registered on Signal."""


class _Transient(Exception):
    """A failure worth another attempt after a pause."""

    def __init__(self, reason: str, *, rate_limited: bool = False) -> None:
        super().__init__(reason)
        self.rate_limited = rate_limited


@dataclass
class _SseEvent:
    name: str = "message"
    data: list[str] = field(default_factory=list)
    id: str | None = None


@dataclass
class _StreamState:
    last_event_id: str | None = None
    connected: bool = False


def account_advice(account: str) -> str:
    """Say how to register or link ``account`` and start the daemon."""
    # The daemon holds signal-cli's data folder, so registering runs while it is stopped.
    return (
        "Stop the daemon, then register the number: "
        f"`signal-cli -a {account} register`, then `signal-cli -a {account} verify CODE`; "
        "or link it to your phone: `signal-cli link -n kept` and scan the QR code. "
        f"Then start the daemon again: `{START_DAEMON}`."
    )


def backoff_delay(attempt: int, cap: float) -> float:
    """Return the pause before retry number ``attempt`` (0-based): 1 s, 2 s, 4 s… capped."""
    return float(min(2**attempt, cap))


class SignalClient:
    """Talks to one account of a signal-cli daemon over HTTP (JSON-RPC and SSE)."""

    def __init__(
        self,
        base_url: str,
        account: str,
        http: httpx.AsyncClient | None = None,
        sleep: Sleep = asyncio.sleep,
        *,
        attempts: int = 5,
        max_delay: float = 30.0,
        timeout: float = 60.0,
    ) -> None:
        """Use ``http`` if given (the caller closes it), else an own client closed by aclose."""
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.base_url = base_url.rstrip("/")
        self.account = account
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0))
        self._sleep = sleep
        self._attempts = attempts
        self._max_delay = max_delay
        self._ids = itertools.count(1)

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_http:
            await self._http.aclose()

    # -- JSON-RPC --------------------------------------------------------------------------------

    async def call(self, method: str, params: JSONDict | None = None) -> Any:
        """Call a JSON-RPC method for the account and return its result (retried when transient)."""
        return await self._retrying(method, lambda: self._call_once(method, params))

    async def send(
        self,
        recipient: str | None = None,
        group_id: str | None = None,
        message: str = "",
        attachments: list[str] | None = None,
        edit_timestamp: int | None = None,
    ) -> int:
        """Send a message to a person or a group; return its timestamp (its id on Signal)."""
        params = _target(recipient, group_id)
        params["message"] = message
        if attachments:
            params["attachments"] = list(attachments)
        if edit_timestamp is not None:
            params["editTimestamp"] = edit_timestamp
        return await self._send("send", params)

    async def list_groups(self) -> list[JSONDict]:
        """Return the account's groups as the daemon describes them."""
        result = await self.call("listGroups")
        return list(result or [])

    async def version(self) -> str:
        """Return the daemon's signal-cli version."""
        result = await self.call("version")
        return str(result["version"])

    async def check_account(self) -> None:
        """Check at start-up that the daemon answers and knows the account; raise if not."""
        try:
            await self.version()
            await self._check_listed()
        except SignalUnavailable as exc:
            raise SignalUnavailable(
                f"The signal-cli daemon at {self.base_url} cannot be reached ({exc}). "
                f"Start it with `{START_DAEMON}` and point SIGNAL_CLI_URL at it."
            ) from exc

    async def _check_listed(self) -> None:
        try:
            accounts = await self.call("listAccounts")
        except SignalRpcError as exc:
            if exc.code != METHOD_NOT_FOUND:
                raise
            # A daemon started with -a serves one account and has no listAccounts.
            await self.list_groups()
            return
        if self.account not in _numbers(accounts):
            raise SignalAccountMissing(
                f"The signal-cli daemon at {self.base_url} has no account {self.account}. "
                + account_advice(self.account)
            )

    async def _send(self, method: str, params: JSONDict) -> int:
        return await self._retrying(method, lambda: self._send_once(method, params))

    async def _send_once(self, method: str, params: JSONDict) -> int:
        result = await self._call_once(method, params)
        failures = _failures(result.get("results") or [])
        if failures:
            _raise_for_failures(failures, group="groupId" in params)
        return int(result["timestamp"])

    async def _retrying(self, method: str, attempt: Callable[[], Awaitable[_T]]) -> _T:
        for number in range(self._attempts):
            try:
                return await attempt()
            except _Transient as exc:
                if number + 1 == self._attempts:
                    raise _exhausted(self.base_url, method, self._attempts, exc) from exc
                delay = backoff_delay(number, self._max_delay)
                retry = f"{number + 1}/{self._attempts - 1}"
                log.warning("signal-cli %s failed (%s); retry %s in %gs", method, exc, retry, delay)
                await self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _call_once(self, method: str, params: JSONDict | None) -> Any:
        body = self._request(method, params)
        try:
            response = await self._http.post(f"{self.base_url}/api/v1/rpc", json=body)
        except httpx.TransportError as exc:
            raise _Transient(_describe(exc)) from exc
        return self._result(_decode(response))

    def _request(self, method: str, params: JSONDict | None) -> JSONDict:
        merged = dict(params or {})
        if method not in _DAEMON_METHODS:
            merged["account"] = self.account
        request: JSONDict = {"jsonrpc": "2.0", "id": next(self._ids), "method": method}
        if merged:
            request["params"] = merged
        return request

    def _result(self, answer: JSONDict) -> Any:
        error = answer.get("error")
        if error is None:
            return answer.get("result")
        code, message = int(error.get("code", 0)), str(error.get("message", ""))
        if code == RATE_LIMIT_CODE:
            raise _Transient(f"rate limited: {message}", rate_limited=True)
        if code == INVALID_PARAMS and "account" in message.lower():
            raise SignalAccountMissing(
                f"signal-cli says {message!r} for {self.account}. " + account_advice(self.account)
            )
        raise SignalRpcError(code, message)

    # -- incoming events (Server-Sent Events) -----------------------------------------------------

    async def events(self) -> AsyncGenerator[JSONDict, None]:
        """Yield each incoming ``receive`` event's params, reconnecting for ever with backoff."""
        state = _StreamState()
        failures = -1
        while True:
            state.connected = False
            try:
                async with contextlib.aclosing(self._stream(state)) as stream:
                    async for data in stream:
                        yield data
                problem = "the daemon closed the event stream"
            except httpx.HTTPError as exc:
                problem = _describe(exc)
            failures = 0 if state.connected else failures + 1
            delay = backoff_delay(failures, self._max_delay)
            log.warning("signal-cli event stream lost (%s); reconnecting in %gs", problem, delay)
            await self._sleep(delay)

    async def _stream(self, state: _StreamState) -> AsyncGenerator[JSONDict, None]:
        headers = {"Accept": "text/event-stream"}
        # signal-cli 0.13 names no event ids, so this stays unset with it; a daemon that does
        # name them is asked to resume after the last one seen, as SSE intends.
        if state.last_event_id is not None:
            headers["Last-Event-ID"] = state.last_event_id
        # No read timeout: a quiet account sends nothing for hours, and signal-cli 0.13
        # sends the response headers only after some seconds.
        async with self._http.stream(
            "GET",
            f"{self.base_url}/api/v1/events",
            params={"account": self.account},
            headers=headers,
            timeout=httpx.Timeout(10.0, read=None),
        ) as response:
            response.raise_for_status()
            state.connected = True
            log.info("signal-cli event stream connected")
            async for event in parse_sse(response.aiter_lines()):
                if event.id is not None:
                    state.last_event_id = event.id
                data = _receive_data(event)
                if data is not None:
                    yield data


async def parse_sse(lines: AsyncIterator[str]) -> AsyncGenerator[_SseEvent, None]:
    """Turn Server-Sent Events lines into events (comments and keep-alives skipped)."""
    event = _SseEvent()
    async for line in lines:
        if not line:
            if event.data:
                yield event
            event = _SseEvent(id=event.id)
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        _apply_field(event, name, value.removeprefix(" "))
    if event.data:
        yield event


def _apply_field(event: _SseEvent, name: str, value: str) -> None:
    if name == "data":
        event.data.append(value)
    elif name == "event":
        event.name = value
    elif name == "id" and "\0" not in value:
        event.id = value


def _receive_data(event: _SseEvent) -> JSONDict | None:
    if event.name != "receive":
        return None
    try:
        data = json.loads("\n".join(event.data))
    except ValueError:
        log.warning("signal-cli sent an event that is not JSON; skipped")
        return None
    return data if isinstance(data, dict) else None


def _target(recipient: str | None, group_id: str | None) -> JSONDict:
    if (recipient is None) == (group_id is None):
        raise ValueError("give exactly one of recipient and group_id")
    if recipient is not None:
        return {"recipient": [recipient]}
    return {"groupId": group_id}


def _decode(response: httpx.Response) -> JSONDict:
    if response.status_code >= 500:
        raise _Transient(f"HTTP {response.status_code}")
    if response.status_code != 200:
        raise SignalUnavailable(
            f"{response.request.url} answered HTTP {response.status_code}; "
            "is SIGNAL_CLI_URL the root of a signal-cli daemon started with --http?"
        )
    try:
        answer = response.json()
    except ValueError as exc:
        raise SignalUnavailable(
            "the signal-cli daemon answered something that is not JSON"
        ) from exc
    if not isinstance(answer, dict):
        raise SignalUnavailable("the signal-cli daemon answered an unexpected JSON value")
    return answer


def _failures(results: Iterable[JSONDict]) -> list[str]:
    types = [str(result.get("type", SUCCESS)) for result in results]
    if SUCCESS in types:
        failed = [kind for kind in types if kind != SUCCESS]
        if failed:
            delivered = len(types) - len(failed)
            log.warning("signal-cli delivered to %d of %d recipients", delivered, len(types))
        return []
    return types


def _raise_for_failures(failures: list[str], *, group: bool) -> None:
    if RATE_LIMIT_FAILURE in failures:
        raise _Transient("rate limited (RATE_LIMIT_FAILURE)", rate_limited=True)
    summary = ", ".join(sorted(set(failures)))
    if set(failures) == {UNREGISTERED_FAILURE}:
        who = "no member of the group is" if group else "the recipient is not"
        raise SignalRecipientUnreachable(f"{who} registered on Signal", failures)
    raise SignalSendFailed(f"Signal did not accept the message: {summary}", failures)


def _exhausted(base_url: str, method: str, attempts: int, exc: _Transient) -> SignalUnavailable:
    kind = SignalRateLimited if exc.rate_limited else SignalUnavailable
    return kind(f"signal-cli at {base_url}: {method} failed {attempts} times; last: {exc}")


def _numbers(accounts: Any) -> set[str]:
    return {str(item.get("number")) for item in accounts or [] if isinstance(item, dict)}


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
