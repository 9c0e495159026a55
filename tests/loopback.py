"""Serve an aiohttp application on a loopback port from a background thread: the fakes' plumbing.

Both fake servers (the Bot API and signal-cli) run this way, so that synchronous tests can drive
them while the real bot process talks to them over real HTTP. The first start binds port 0, so
the system picks a free port and test workers running side by side never collide; the port is
kept when the server goes down and comes back up, as a restarted daemon would.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from aiohttp import web

_T = TypeVar("_T")
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 30.0


class LoopbackServer:
    """An aiohttp application on 127.0.0.1, served by its own event loop in a daemon thread.

    ``on_loop`` runs in the loop once it exists (before it listens: make loop-bound state there);
    ``on_up`` runs in the loop each time the server has started listening; ``on_down`` each time
    it stops listening, before its connections are closed.
    """

    def __init__(
        self,
        name: str,
        build_app: Callable[[], web.Application],
        *,
        on_loop: Callable[[], None] | None = None,
        on_up: Callable[[], None] | None = None,
        on_down: Callable[[], None] | None = None,
    ) -> None:
        self.name = name
        self._build_app = build_app
        self._on_loop = on_loop
        self._on_up = on_up
        self._on_down = on_down
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Event()
        self._startup_error: BaseException | None = None
        self._stop_event: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._up = False
        self.port: int | None = None

    # -- seen from the test thread --------------------------------------------------------------

    @property
    def url(self) -> str:
        """Root URL, ``http://127.0.0.1:PORT``; RuntimeError before the first start."""
        if self.port is None:
            raise RuntimeError(f"{self.name} is not running")
        return f"http://127.0.0.1:{self.port}"

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The server's event loop while its thread runs, else None."""
        return self._loop

    @property
    def up(self) -> bool:
        """Whether it listens now (False between :meth:`go_down` and :meth:`come_up`)."""
        return self._up

    def start(self) -> None:
        """Start the thread and wait until the server listens; raise if it cannot."""
        if self._thread is not None:
            raise RuntimeError(f"{self.name} is already running")
        self._started.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()
        if not self._started.wait(timeout=START_TIMEOUT_S):
            raise RuntimeError(f"{self.name} did not start within {START_TIMEOUT_S:g}s")
        if self._startup_error is not None:
            self._thread.join()
            self._thread = None
            raise RuntimeError(f"{self.name} failed to start") from self._startup_error

    def stop(self) -> None:
        """Stop listening, close every connection and join the thread (no-op when stopped)."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None or loop is None or stop_event is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop has closed already
            loop.call_soon_threadsafe(stop_event.set)
        thread.join(timeout=STOP_TIMEOUT_S)
        if thread.is_alive():
            raise RuntimeError(f"{self.name} thread did not stop")
        self._thread = None
        self._loop = None

    def go_down(self) -> None:
        """Stop listening and drop every connection; the thread and the state stay."""
        self.run(self._go_down())

    def come_up(self) -> None:
        """Listen again, on the same port."""
        self.run(self._come_up())

    def run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        """Run a coroutine in the server's loop and return its result."""
        if self._loop is None:
            coro.close()
            raise RuntimeError(f"{self.name} is not running")
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=STOP_TIMEOUT_S)

    def call_soon(self, callback: Callable[..., object], *args: object) -> None:
        """Schedule a callback in the server's loop; ignored when it is not running."""
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed already
                loop.call_soon_threadsafe(callback, *args)

    # -- in the server thread -------------------------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start() through _startup_error
            self._startup_error = exc
            self._started.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        if self._on_loop is not None:
            self._on_loop()
        try:
            await self._come_up()
            self._started.set()
            await self._stop_event.wait()
        finally:
            await self._go_down()

    async def _come_up(self) -> None:
        if self._up:
            return
        runner = web.AppRunner(self._build_app(), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            await web.SockSite(runner, self._listening_socket()).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner, self._up = runner, True
        if self._on_up is not None:
            self._on_up()

    def _listening_socket(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            # Coming back up on the same port must not wait for the old connections' TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", self.port or 0))
            self.port = sock.getsockname()[1]
        except BaseException:
            sock.close()
            raise
        return sock

    async def _go_down(self) -> None:
        if not self._up:
            return
        self._up = False
        if self._on_down is not None:
            self._on_down()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
