"""A fake signal-cli daemon (``signal-cli daemon --http``) for tests.

The server is an aiohttp application bound to 127.0.0.1 on a free port. It runs in a background
thread with its own event loop, so synchronous and asynchronous tests can drive it::

    with FakeSignalDaemon(account="+15550001111") as daemon:
        daemon.add_group("R3JvdXA=", "Us", ["+15550002222", "+15550003333"])
        sent_at = daemon.push_message("+15550002222", "kept")
        daemon.wait_for(lambda: daemon.sent(recipient="+15550002222"))

It speaks the JSON shapes of signal-cli 0.13 (see /work/shared/signal-cli-jsonrpc.md):

- ``POST /api/v1/rpc``: one JSON-RPC request or a batch (415 for other content types, 405 for
  other HTTP methods, 201 with an empty body for a notification);
- ``GET /api/v1/events``: Server-Sent Events ``event:receive`` / ``data:{…}`` with no ``id:``
  (signal-cli's ServerSentEventSender is given none, so there is nothing to resume from) and
  ``:`` keep-alives;
- ``GET /api/v1/check``: 200.

Every RPC request is recorded as a :class:`RpcCall`; every accepted ``send`` as a
:class:`SentMessage`. State changes notify a condition variable, so :meth:`wait_for` wakes up
without polling. :meth:`restart` drops every connection, refuses new ones for a moment and comes
back; messages pushed meanwhile wait "at the Signal server".

When the daemon takes messages from the server follows signal-cli's ``--receive-mode``: with
``on-connection`` (what Kept's README prescribes) only while a client listens on the event
stream, so a message sent while Kept is down waits for it; with ``on-start`` (signal-cli's
default) always, so a message that arrives while no client listens goes to the daemon's own
output and is lost to Kept (counted in :attr:`lost`).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from tests.loopback import LoopbackServer

JSONDict = dict[str, Any]
_T = TypeVar("_T")

VERSION = "0.13.19"
RECEIVE_MODES = ("on-connection", "on-start")
RESULT_FAILURES = (
    "RATE_LIMIT_FAILURE",
    "UNREGISTERED_FAILURE",
    "NETWORK_FAILURE",
    "IDENTITY_FAILURE",
)
_RPC_MESSAGES = {
    -1: "User error",
    -3: "I/O error",
    -4: "Untrusted identity",
    -5: "Failed to send message due to rate limiting",
    -6: "Captcha required",
}
_DAEMON_METHODS = frozenset({"version", "listAccounts"})


@dataclass(frozen=True)
class RpcCall:
    """One JSON-RPC request the fake received."""

    method: str
    params: JSONDict
    at: float


@dataclass(frozen=True)
class SentMessage:
    """A message the daemon accepted from ``send``."""

    timestamp: int
    recipients: tuple[str, ...]
    group_id: str | None
    message: str
    attachments: tuple[str, ...] = ()
    edit_timestamp: int | None = None
    params: JSONDict = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class EventsRequest:
    """One ``GET /api/v1/events`` the fake received."""

    account: str | None
    last_event_id: str | None


class _RpcError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _HttpError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass
class _Fault:
    method: str
    kind: str | int
    remaining: int


@dataclass
class _Subscriber:
    account: str | None
    queue: asyncio.Queue[bytes | None] = field(default_factory=asyncio.Queue)
    closed: asyncio.Event = field(default_factory=asyncio.Event)


def signal_uuid(number: str) -> str:
    """A stable fake ACI for a phone number."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"signal:{number}"))


def _address(number: str) -> JSONDict:
    return {"uuid": signal_uuid(number), "number": number}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _rpc_answer(request_id: Any, *, result: Any = None, error: _RpcError | None = None) -> JSONDict:
    if error is not None:
        body = {"code": error.code, "message": error.message, "data": None}
        return {"jsonrpc": "2.0", "error": body, "id": request_id}
    return {"jsonrpc": "2.0", "result": result, "id": request_id}


class FakeSignalDaemon:
    """Fake signal-cli HTTP daemon in a background thread (use as a context manager)."""

    def __init__(
        self,
        account: str = "+15550001111",
        *,
        accounts: Iterable[str] | None = None,
        version: str = VERSION,
        keepalive: float = 15.0,
        receive_mode: str = "on-connection",
    ) -> None:
        """Prepare the fake; the server starts in ``start()`` / ``__enter__``."""
        if receive_mode not in RECEIVE_MODES:
            raise ValueError(f"receive_mode must be one of {RECEIVE_MODES}")
        self.receive_mode = receive_mode
        self.account = account
        self.accounts = list(accounts) if accounts is not None else [account]
        self.version = version
        self.keepalive = keepalive
        self._cond = threading.Condition(threading.RLock())
        self._calls: list[RpcCall] = []
        self._sent: list[SentMessage] = []
        self._groups: dict[str, JSONDict] = {}
        self._faults: list[_Fault] = []
        self._event_requests: list[EventsRequest] = []
        self._last_timestamp = 0
        self._streams = 0
        self._keepalives = 0
        self._lost = 0
        # Loop-thread state.
        self._subscribers: list[_Subscriber] = []
        # Messages still "at the Signal server": not taken by the daemon yet.
        self._waiting: list[JSONDict] = []
        self._headers_open: asyncio.Event | None = None
        self._server = LoopbackServer(
            "fake-signal-cli",
            self._build_app,
            on_loop=self._new_events,
            on_up=self._take_waiting,
            on_down=self._close_streams,
        )

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> FakeSignalDaemon:
        """Start the server and return self."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    def start(self) -> FakeSignalDaemon:
        """Start the server thread and wait until it listens."""
        self._server.start()
        return self

    def stop(self) -> None:
        """Close every connection, stop the server and join the thread."""
        self._server.stop()

    def restart(self, down_for: float = 0.2) -> None:
        """Drop every connection, refuse connections for ``down_for`` seconds, come back up."""
        self.go_down()
        time.sleep(down_for)
        self.come_up()

    def go_down(self) -> None:
        """Stop like a killed daemon: connections dropped and refused until :meth:`come_up`."""
        self._server.go_down()

    def come_up(self) -> None:
        """Start again on the same port; what waited at the server is received by its mode."""
        self._server.come_up()

    def _run_in_loop(self, coro: Any) -> None:
        self._server.run(coro)

    def _new_events(self) -> None:
        self._headers_open = asyncio.Event()
        self._headers_open.set()

    def _close_streams(self) -> None:
        for subscriber in list(self._subscribers):
            _close(subscriber)

    def _build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/v1/rpc", self._handle_rpc)
        app.router.add_get("/api/v1/events", self._handle_events)
        app.router.add_get("/api/v1/check", self._handle_check)
        return app

    # -- addresses ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Root URL of the running server, e.g. ``http://127.0.0.1:PORT`` (SIGNAL_CLI_URL)."""
        return self._server.url

    # -- JSON-RPC (server thread) -------------------------------------------------------------

    async def _handle_check(self, request: web.Request) -> web.Response:
        return web.Response(status=200)

    async def _handle_rpc(self, request: web.Request) -> web.Response:
        if request.method != "POST":
            return web.Response(status=405, text="NOT SUPPORTED")
        if request.content_type != "application/json":
            return web.Response(status=415, text="UNSUPPORTED MEDIA TYPE")
        try:
            body = json.loads(await request.read())
        except ValueError:
            error = _RpcError(-32700, "Failed to parse request")
            return web.json_response(_rpc_answer(None, error=error))
        if isinstance(body, list):
            answers = [a for a in (self._answer_quietly(item) for item in body) if a is not None]
            return web.json_response(answers) if answers else web.Response(status=201)
        try:
            answer = self._answer(body)
        except _HttpError as error:
            return web.Response(status=error.status, text="ERROR")
        return web.Response(status=201) if answer is None else web.json_response(answer)

    def _answer_quietly(self, body: Any) -> JSONDict | None:
        try:
            return self._answer(body)
        except _HttpError:
            return _rpc_answer(body.get("id"), error=_RpcError(-32603, "Internal error"))

    def _answer(self, body: Any) -> JSONDict | None:
        if not isinstance(body, dict) or not isinstance(body.get("method"), str):
            return _rpc_answer(None, error=_RpcError(-32600, "method field must be set"))
        method, params = body["method"], body.get("params") or {}
        with self._cond:
            self._calls.append(RpcCall(method, copy.deepcopy(params), time.monotonic()))
            try:
                result = self._dispatch(method, params)
                answer = _rpc_answer(body.get("id"), result=result)
            except _RpcError as error:
                answer = _rpc_answer(body.get("id"), error=error)
            finally:
                self._cond.notify_all()
        return answer if "id" in body else None

    def _dispatch(self, method: str, params: JSONDict) -> Any:
        # signal-cli looks the method up before the account (seen on 0.13.19).
        handler = self._handlers().get(method)
        if handler is None:
            raise _RpcError(-32601, "Method not implemented")
        self._check_account(method, params)
        fault = self._take_fault(method)
        if isinstance(fault, int):
            raise _HttpError(fault) if fault >= 400 else _RpcError(fault, _rpc_message(fault))
        return handler(params) if fault is None else self._failed_send(params, fault)

    def _handlers(self) -> dict[str, Callable[[JSONDict], Any]]:
        return {
            "version": lambda _params: {"version": self.version},
            "listAccounts": lambda _params: [{"number": number} for number in self.accounts],
            "send": self._send,
            "sendTyping": self._send_simple,
            "sendReceipt": self._send_simple,
            "listGroups": lambda _params: copy.deepcopy(list(self._groups.values())),
            "updateGroup": self._update_group,
        }

    def _check_account(self, method: str, params: JSONDict) -> None:
        account = params.get("account")
        if account is None:
            if method in _DAEMON_METHODS:
                return
            raise _RpcError(-32602, "Method requires valid account parameter")
        if account not in self.accounts:
            raise _RpcError(-32602, "Specified account does not exist")

    def _take_fault(self, method: str) -> str | int | None:
        for fault in self._faults:
            if fault.method == method:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault.kind
        return None

    def _next_timestamp(self) -> int:
        self._last_timestamp = max(int(time.time() * 1000), self._last_timestamp + 1)
        return self._last_timestamp

    def _targets(self, params: JSONDict) -> tuple[list[str], str | None]:
        recipients, group_id = _as_list(params.get("recipient")), params.get("groupId")
        if bool(recipients) == (group_id is not None):
            raise _RpcError(-1, "Exactly one of recipient or groupId must be given")
        if group_id is None:
            return recipients, None
        group = self._groups.get(str(group_id))
        if group is None:
            raise _RpcError(-1, f"Failed to send to group: Group not found: {group_id}")
        numbers = [m["number"] for m in group["members"] if m["number"] != params.get("account")]
        return numbers, str(group_id)

    def _send_result(self, numbers: list[str], kind: str = "SUCCESS") -> JSONDict:
        results = [{"recipientAddress": _address(n), "type": kind} for n in numbers]
        return {"timestamp": self._next_timestamp(), "results": results}

    def _send(self, params: JSONDict) -> JSONDict:
        numbers, group_id = self._targets(params)
        message = str(params.get("message") or "")
        attachments = _as_list(params.get("attachments")) + _as_list(params.get("attachment"))
        if not message and not attachments:
            raise _RpcError(-1, "Sending empty message is not allowed")
        result = self._send_result(numbers)
        edit = params.get("editTimestamp")
        self._sent.append(
            SentMessage(
                timestamp=result["timestamp"],
                recipients=tuple(_as_list(params.get("recipient"))),
                group_id=group_id,
                message=message,
                attachments=tuple(attachments),
                edit_timestamp=None if edit is None else int(edit),
                params=copy.deepcopy(params),
            )
        )
        return result

    def _failed_send(self, params: JSONDict, kind: str | int) -> JSONDict:
        numbers, _group_id = self._targets(params)
        return self._send_result(numbers, str(kind))

    def _send_simple(self, params: JSONDict) -> JSONDict:
        self._targets(params)
        return {}

    def _update_group(self, params: JSONDict) -> JSONDict:
        group_id = params.get("groupId")
        if group_id is None:
            group_id = base64.b64encode(os.urandom(32)).decode()
            members = [params["account"], *_as_list(params.get("members"))]
            self._groups[group_id] = _group(group_id, str(params.get("name") or ""), members)
            return {"groupId": group_id, "timestamp": self._next_timestamp()}
        group = self._groups.get(str(group_id))
        if group is None:
            raise _RpcError(-1, f"Group not found: {group_id}")
        if params.get("name") is not None:
            group["name"] = str(params["name"])
        known = {m["number"] for m in group["members"]}
        new = [n for n in _as_list(params.get("members")) if n not in known]
        group["members"].extend(_address(n) for n in new)
        return {"timestamp": self._next_timestamp()}

    # -- Server-Sent Events (server thread) ----------------------------------------------------

    async def _handle_events(self, request: web.Request) -> web.StreamResponse:
        account = request.query.get("account")
        if account is not None and account not in self.accounts:
            return web.Response(status=400, text="Specified account does not exist")
        subscriber = self._connect(account, request.headers.get("Last-Event-ID"))
        try:
            if not await self._headers_released(subscriber):
                return web.Response(status=503, text="SHUTTING DOWN")
            response = web.StreamResponse(
                headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
            )
            await response.prepare(request)
            with contextlib.suppress(ConnectionError):
                await self._pump(subscriber, response)
            return response
        finally:
            self._disconnect(subscriber)

    def _connect(self, account: str | None, last_event_id: str | None) -> _Subscriber:
        subscriber = _Subscriber(account)
        self._subscribers.append(subscriber)
        with self._cond:
            self._event_requests.append(EventsRequest(account, last_event_id))
            self._streams += 1
            self._cond.notify_all()
        # A listener starts the daemon's receiving (on-connection): what waited comes now.
        self._take_waiting()
        return subscriber

    def _disconnect(self, subscriber: _Subscriber) -> None:
        if subscriber in self._subscribers:
            self._subscribers.remove(subscriber)
            with self._cond:
                self._streams -= 1
                self._cond.notify_all()

    async def _headers_released(self, subscriber: _Subscriber) -> bool:
        assert self._headers_open is not None
        waiters = {
            asyncio.ensure_future(self._headers_open.wait()),
            asyncio.ensure_future(subscriber.closed.wait()),
        }
        _done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return not subscriber.closed.is_set()

    async def _pump(self, subscriber: _Subscriber, response: web.StreamResponse) -> None:
        await response.write(b":\n")
        while True:
            try:
                frame = await asyncio.wait_for(subscriber.queue.get(), self.keepalive)
            except TimeoutError:
                frame = b":\n"
                with self._cond:
                    self._keepalives += 1
                    self._cond.notify_all()
            if frame is None:
                return
            await response.write(frame)

    def _publish(self, params: JSONDict) -> None:
        listeners = [s for s in self._subscribers if s.account in (None, params.get("account"))]
        receiving = self._server.up and (self.receive_mode == "on-start" or listeners)
        if not receiving:
            self._waiting.append(params)
            return
        data = json.dumps(params, ensure_ascii=False, separators=(",", ":"))
        frame = f"event:receive\ndata:{data}\n\n".encode()
        for subscriber in listeners:
            subscriber.queue.put_nowait(frame)
        if not listeners:
            with self._cond:
                self._lost += 1
                self._cond.notify_all()

    def _take_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for params in waiting:
            self._publish(params)

    # -- pushing incoming messages (test thread) -----------------------------------------------

    def push_envelope(self, envelope: JSONDict) -> None:
        """Deliver a raw envelope to the account, as a ``receive`` event."""
        loop = self._server.loop
        if loop is None:
            raise RuntimeError("FakeSignalDaemon is not running")
        params = {"account": self.account, "envelope": copy.deepcopy(envelope)}
        loop.call_soon_threadsafe(self._publish, params)

    def push_message(
        self,
        source_number: str,
        text: str,
        group_id: str | None = None,
        source_name: str = "Sam",
        *,
        quote_timestamp: int | None = None,
        quote_author: str | None = None,
    ) -> int:
        """Deliver a text message (optionally in a group, optionally quoting); return its timestamp."""
        data: JSONDict = {"message": text}
        if quote_timestamp is not None:
            data["quote"] = {
                "id": quote_timestamp,
                "author": quote_author or self.account,
                "authorNumber": quote_author or self.account,
                "authorUuid": signal_uuid(quote_author or self.account),
                "text": "",
                "attachments": [],
            }
        return self._push_data(source_number, source_name, group_id, data)

    def push_reaction(
        self,
        source_number: str,
        emoji: str,
        target_timestamp: int,
        target_author: str | None = None,
        group_id: str | None = None,
        *,
        source_name: str = "Sam",
        remove: bool = False,
    ) -> int:
        """Deliver an emoji reaction to (target_author, target_timestamp); return its timestamp."""
        author = target_author or self.account
        reaction = {
            "emoji": emoji,
            "targetAuthor": author,
            "targetAuthorNumber": author,
            "targetAuthorUuid": signal_uuid(author),
            "targetSentTimestamp": target_timestamp,
            "isRemove": remove,
        }
        data = {"message": None, "reaction": reaction}
        return self._push_data(source_number, source_name, group_id, data)

    def push_edit(
        self,
        source_number: str,
        target_timestamp: int,
        text: str,
        group_id: str | None = None,
        source_name: str = "Sam",
    ) -> int:
        """Deliver an edit of the sender's message sent at ``target_timestamp`` (an
        ``editMessage`` envelope, as signal-cli 0.13 gives it); return the edit's timestamp."""
        return self._push_data(
            source_number, source_name, group_id, {"message": text}, edits=target_timestamp
        )

    def _push_data(
        self,
        source: str,
        name: str,
        group_id: str | None,
        fields: JSONDict,
        *,
        edits: int | None = None,
    ) -> int:
        with self._cond:
            timestamp = self._next_timestamp()
            group_name = self._groups.get(group_id or "", {}).get("name")
        data_message: JSONDict = {
            "timestamp": timestamp,
            "expiresInSeconds": 0,
            "viewOnce": False,
            **fields,
        }
        if group_id is not None:
            data_message["groupInfo"] = {
                "groupId": group_id,
                "groupName": group_name,
                "revision": 1,
                "type": "DELIVER",
            }
        envelope = {
            "source": source,
            "sourceNumber": source,
            "sourceUuid": signal_uuid(source),
            "sourceName": name,
            "sourceDevice": 1,
            "timestamp": timestamp,
            "serverReceivedTimestamp": timestamp + 5,
            "serverDeliveredTimestamp": timestamp + 9,
        }
        if edits is None:
            envelope["dataMessage"] = data_message
        else:
            envelope["editMessage"] = {"targetSentTimestamp": edits, "dataMessage": data_message}
        self.push_envelope(envelope)
        return timestamp

    # -- registering groups -------------------------------------------------------------------

    def add_group(self, group_id: str, name: str, members: Iterable[str]) -> JSONDict:
        """Register a group the account is a member of (the account is added to members)."""
        numbers = [self.account, *(n for n in members if n != self.account)]
        group = _group(group_id, name, numbers)
        with self._cond:
            self._groups[group_id] = group
            self._cond.notify_all()
        return copy.deepcopy(group)

    # -- fault injection ----------------------------------------------------------------------

    def fail_next_send(
        self, kind: str | int = "RATE_LIMIT_FAILURE", times: int = 1, *, method: str = "send"
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail.

        ``kind`` is a per-recipient result type (``"RATE_LIMIT_FAILURE"``,
        ``"UNREGISTERED_FAILURE"``, …: the call answers a result, nothing is delivered), a
        negative JSON-RPC error code (``-5``: rate limit), or an HTTP status (``500``).
        """
        valid = kind in RESULT_FAILURES or (isinstance(kind, int) and (kind < 0 or kind >= 400))
        if not valid:
            raise ValueError(f"unknown fault kind {kind!r}")
        with self._cond:
            self._faults.append(_Fault(method, kind, times))

    def hold_event_headers(self) -> None:
        """Make new event streams wait before sending their headers (like signal-cli 0.13.19)."""
        self._run_in_loop(self._set_headers_open(False))

    def release_event_headers(self) -> None:
        """Let waiting and new event streams send their headers."""
        self._run_in_loop(self._set_headers_open(True))

    async def _set_headers_open(self, value: bool) -> None:
        assert self._headers_open is not None
        if value:
            self._headers_open.set()
        else:
            self._headers_open.clear()

    # -- inspecting what happened -------------------------------------------------------------

    @property
    def calls(self) -> list[RpcCall]:
        """All JSON-RPC requests, oldest first."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[RpcCall]:
        """Recorded requests of one method."""
        return [call for call in self.calls if call.method == method]

    def sent(self, recipient: str | None = None, group_id: str | None = None) -> list[SentMessage]:
        """Messages the daemon accepted, optionally only those to a recipient or a group."""
        with self._cond:
            return [
                message
                for message in self._sent
                if (recipient is None or recipient in message.recipients)
                and (group_id is None or message.group_id == group_id)
            ]

    @property
    def groups(self) -> list[JSONDict]:
        """The groups as listGroups reports them."""
        with self._cond:
            return copy.deepcopy(list(self._groups.values()))

    @property
    def streams(self) -> int:
        """Event streams connected now (counted from the request, before the headers)."""
        with self._cond:
            return self._streams

    @property
    def keepalives_sent(self) -> int:
        """Keep-alive comment lines sent on idle event streams so far."""
        with self._cond:
            return self._keepalives

    @property
    def lost(self) -> int:
        """Messages the daemon received while no client listened (on-start): lost to Kept."""
        with self._cond:
            return self._lost

    @property
    def event_requests(self) -> list[EventsRequest]:
        """Every ``GET /api/v1/events`` so far, oldest first."""
        with self._cond:
            return list(self._event_requests)

    # -- waiting ------------------------------------------------------------------------------

    def wait_for(
        self, predicate: Callable[[], _T | None], timeout: float = 30.0, what: str = "condition"
    ) -> _T:
        """Block until ``predicate()`` is truthy (re-checked on every change); return its value."""
        with self._cond:
            result = self._cond.wait_for(predicate, timeout=timeout)
            if result:
                return result
            methods = [call.method for call in self._calls]
        raise AssertionError(f"timed out after {timeout:g}s waiting for {what}; calls: {methods}")


def _group(group_id: str, name: str, numbers: Iterable[str]) -> JSONDict:
    return {
        "id": group_id,
        "name": name,
        "description": "",
        "isMember": True,
        "isBlocked": False,
        "messageExpirationTime": 0,
        "members": [_address(number) for number in numbers],
        "pendingMembers": [],
        "requestingMembers": [],
        "admins": [],
        "banned": [],
        "permissionAddMember": "EVERY_MEMBER",
        "permissionEditDetails": "EVERY_MEMBER",
        "permissionSendMessage": "EVERY_MEMBER",
        "groupInviteLink": None,
    }


def _rpc_message(code: int) -> str:
    return _RPC_MESSAGES.get(code, f"Error {code}")


def _close(subscriber: _Subscriber) -> None:
    subscriber.closed.set()
    subscriber.queue.put_nowait(None)
