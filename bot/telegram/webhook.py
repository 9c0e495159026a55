"""Webhook mode: a small HTTP server that takes Telegram's updates once their secret checks out.

python-telegram-bot 22.8 has a webhook server of its own (Updater.start_webhook), but it compares
the X-Telegram-Bot-Api-Secret-Token header with `!=`, which is not constant-time, and logs a wrong
token at DEBUG. This one compares with hmac.compare_digest, logs neither the token nor the update,
and hands each update to the Application's queue exactly as PTB's server does.
"""

from __future__ import annotations

import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram"
# Telegram's updates are a few kilobytes; a larger body is not one of them.
MAX_BODY_BYTES = 1 << 20


class _UpdateHandler(tornado.web.RequestHandler):
    """POST {PATH}: check the secret, read the update, queue it for the Application."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_app: Application[Any, Any, Any, Any, Any, Any], secret: str) -> None:
        """Tornado's per-request set-up (`application` is Tornado's own name, hence bot_app)."""
        self._bot_app = bot_app
        self._secret = secret.encode("ascii")

    async def post(self) -> None:
        """One update from Telegram (or a refusal for anyone else)."""
        # Tornado decodes headers as Latin-1, so any header value encodes back without loss.
        given = self.request.headers.get(SECRET_HEADER, "").encode("latin-1", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("refused a webhook request without the right secret")
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type.lower() != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
        try:
            update = Update.de_json(json.loads(self.request.body), self._bot_app.bot)
        except Exception as error:
            # Never the body: it carries what people wrote.
            log.warning("could not read a webhook update: %s", type(error).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        await self._bot_app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:
        """Quiet: refusals are logged above, without the request."""


def _no_access_log(handler: tornado.web.RequestHandler) -> None:
    """Tornado's access log would add a line per update; we log what matters ourselves."""


class WebhookServer:
    """Listens for Telegram's POSTs on {listen}:{port}{PATH}."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        secret: str,
        listen: str,
        port: int,
    ) -> None:
        app = tornado.web.Application(
            [(PATH, _UpdateHandler, {"bot_app": application, "secret": secret})],
            log_function=_no_access_log,
        )
        self._server = HTTPServer(app, max_body_size=MAX_BODY_BYTES)
        self._listen = listen
        self._port = port

    def start(self) -> None:
        """Bind and start serving (OSError when the address is taken or not ours)."""
        self._server.listen(self._port, address=self._listen)

    async def stop(self) -> None:
        """Stop accepting requests and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()
