"""A fake Telegram Bot API server for end-to-end tests.

The server is an aiohttp application bound to 127.0.0.1 on a free port. It runs in a background
thread with its own event loop, so synchronous tests can drive it::

    with FakeBotApi(token="123:ABC", bot_username="kept_test_bot") as api:
        api.add_user(1001, "Alice")
        api.send_text(1001, None, "/start")
        reply = api.wait_for_message(1001, "Welcome")

The bot talks to ``{api.url}/bot{token}/{method}``; files are served from
``{api.url}/file/bot{token}/{path}``. Every request is recorded as a :class:`Call`, and every
handled request notifies a condition variable so that :meth:`FakeBotApi.wait_for` wakes up
without polling.

Fidelity notes: ``parse_mode="HTML"`` is parsed like Telegram does (tags stripped, entities
produced, malformed markup rejected with "can't parse entities"); Markdown and MarkdownV2 text
is stored verbatim. Messages can only be sent to chats registered with ``add_user`` or
``add_group``; any other chat answers 400 "Bad Request: chat not found".

Flood limits are opt-in (``FakeBotApi(enforce_limits=True)`` or ``api.enforce_limits(...)``):
beyond 30 messages/s overall, 1/s per chat or 20/min per group the server answers 429 with
``retry_after``, and counts those answers in ``too_many_requests``.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NoReturn, TypeVar

from aiohttp import BodyPartReader, web

from tests.loopback import LoopbackServer

JSONDict = dict[str, Any]
Handler = Callable[[JSONDict], Any]
_T = TypeVar("_T")

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_TRUE_METHODS = (
    "close",
    "logOut",
    "setMyName",
    "setChatMenuButton",
)
# Parameters that are plain strings: never JSON-decode them, even if they look like JSON.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "action",
        "data",
        "url",
        "file_id",
        "photo",
        "document",
        "language_code",
        "title",
        "description",
        "short_description",
        "name",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "query",
        "secret_token",
    }
)
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,})?(?![A-Za-z0-9_@])")
_BOT_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")


@dataclass(frozen=True)
class Call:
    """One request the fake server received (with a valid token)."""

    method: str
    params: JSONDict
    at: float


@dataclass(frozen=True)
class Upload:
    """A file part received in a multipart/form-data request."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)


class ApiError(Exception):
    """A Bot API error answer (``"ok": false``)."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        """Create an error with HTTP status == error_code."""
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> JSONDict:
        """Return the JSON body Telegram would send for this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class _Fault:
    status: int
    description: str
    retry_after: int | None
    remaining: int
    chat_id: int | str | None
    # "error" answers with status/description; "hang_up" closes the connection unanswered.
    kind: str = "error"
    delay: float = 0.0

    def matches(self, params: JSONDict) -> bool:
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


class _HangUp(Exception):
    """A request the server leaves unanswered: it waits ``delay`` seconds, then hangs up."""

    def __init__(self, delay: float) -> None:
        super().__init__(f"hang up after {delay:g}s")
        self.delay = delay


# The calls Telegram's flood limits count: those that put a message in a chat or change one.
_LIMITED_METHODS = frozenset({"sendmessage", "sendphoto", "senddocument", "editmessagetext"})


class _Bucket:
    """N messages per period as a token bucket: a burst of up to N, then N per period.

    Telegram does not publish how it counts; this is also how python-telegram-bot's
    AIORateLimiter (aiolimiter) reads "N per period", so a client keeping to it is never refused.
    """

    def __init__(self, count: float, period: float, now: float) -> None:
        self.capacity = count
        self.rate = count / period
        self.tokens = count
        self.at = now

    def wait(self, now: float) -> float:
        """Seconds until one more message fits (0.0: it fits now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.rate)
        self.at = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class _FloodLimits:
    """Telegram's flood limits: overall, per chat, and per group (negative chat ids)."""

    def __init__(
        self, overall_per_s: float, per_chat_per_s: float, per_group_per_min: float
    ) -> None:
        self.overall_per_s = overall_per_s
        self.per_chat_per_s = per_chat_per_s
        self.per_group_per_min = per_group_per_min
        self.overall = _Bucket(overall_per_s, 1.0, time.monotonic())
        self.chats: dict[str, _Bucket] = {}
        self.groups: dict[str, _Bucket] = {}
        self.refused = 0

    def admit(self, method: str, params: JSONDict) -> None:
        """Count a message, or raise the 429 Telegram would answer (nothing counted then)."""
        if method.lower() not in _LIMITED_METHODS:
            return
        now = time.monotonic()
        buckets = [self.overall]
        chat = params.get("chat_id")
        if chat is not None and chat != "":
            key = str(chat)
            buckets.append(self._bucket(self.chats, key, self.per_chat_per_s, 1.0, now))
            if key.startswith(("-", "@")):
                bucket = self._bucket(self.groups, key, self.per_group_per_min, 60.0, now)
                buckets.append(bucket)
        wait = max(bucket.wait(now) for bucket in buckets)
        if wait > 0:
            self.refused += 1
            retry_after = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        for bucket in buckets:
            bucket.tokens -= 1

    @staticmethod
    def _bucket(
        table: dict[str, _Bucket], key: str, count: float, period: float, now: float
    ) -> _Bucket:
        if key not in table:
            table[key] = _Bucket(count, period, now)
        return table[key]


@dataclass(frozen=True)
class _StoredFile:
    file_id: str
    unique_id: str
    path: str
    content: bytes
    name: str
    mime_type: str

    def as_file(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "file_size": len(self.content),
            "file_path": self.path,
        }


# --------------------------------------------------------------------------------------------
# Text helpers: UTF-16 lengths, bot_command entities and Telegram's HTML parse mode.


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts offsets."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[JSONDict]:
    """Return the bot_command entity for a text starting with a command, else []."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]


_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_HTML_ATTR_RE = re.compile(r"""([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    offset: int


class _HtmlParser:
    """Telegram-style HTML parse mode: strips tags, yields entities, rejects bad markup."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.offset = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def run(self) -> tuple[str, list[JSONDict]]:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "<":
                self._tag()
            elif char == "&":
                self._entity()
            else:
                stop = _next_special(self.src, self.pos)
                self._emit(self.src[self.pos : stop])
                self.pos = stop
        if self.stack:
            name = self.stack[-1].name
            raise self._error(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.out), self.entities

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.offset += utf16_len(text)

    def _byte_offset(self) -> int:
        return len(self.src[: self.pos].encode())

    @staticmethod
    def _error(detail: str) -> ApiError:
        return _bad_request(f"can't parse entities: {detail}")

    def _entity(self) -> None:
        match = _HTML_ENTITY_RE.match(self.src, self.pos)
        decoded = _decode_html_entity(match.group(1)) if match else None
        if match is None or decoded is None:
            self._emit("&")
            self.pos += 1
            return
        self._emit(decoded)
        self.pos = match.end()

    def _tag(self) -> None:
        is_end = self.src.startswith("</", self.pos)
        close = self.src.find(">", self.pos)
        if close < 0:
            kind = "end" if is_end else "start"
            raise self._error(f"Unclosed {kind} tag at byte offset {self._byte_offset()}")
        body = self.src[self.pos + (2 if is_end else 1) : close]
        if is_end:
            self._end_tag(body.strip().lower())
        else:
            self._start_tag(body)
        self.pos = close + 1

    def _start_tag(self, body: str) -> None:
        name, _, rest = body.strip().partition(" ")
        name = name.lower()
        if name not in _HTML_TAGS:
            raise self._error(
                f'Unsupported start tag "{name}" at byte offset {self._byte_offset()}'
            )
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _HTML_ATTR_RE.finditer(rest)
        }
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self._error('Tag "span" must have class "tg-spoiler"')
        self.stack.append(_OpenTag(name, attrs, self.offset))

    def _end_tag(self, name: str) -> None:
        if not self.stack:
            raise self._error(f"Unexpected end tag at byte offset {self._byte_offset()}")
        tag = self.stack.pop()
        if tag.name != name:
            raise self._error(
                f'Unmatched end tag at byte offset {self._byte_offset()}, expected "</{tag.name}>",'
                f' found "</{name}>"'
            )
        length = self.offset - tag.offset
        entity = _html_entity_for(tag, length)
        if entity is not None:
            self.entities.append(entity)


def _next_special(text: str, start: int) -> int:
    positions = [pos for pos in (text.find("<", start), text.find("&", start)) if pos >= 0]
    return min(positions, default=len(text))


def _decode_html_entity(name: str) -> str | None:
    if name in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[name]
    code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)


def _html_entity_for(tag: _OpenTag, length: int) -> JSONDict | None:
    if length <= 0:
        return None
    entity: JSONDict = {"type": _HTML_TAGS[tag.name], "offset": tag.offset, "length": length}
    if tag.name == "a":
        if not tag.attrs.get("href"):
            return None
        entity["url"] = tag.attrs["href"]
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    return entity


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Parse Telegram HTML into (plain text, entities); raise ApiError 400 on bad markup."""
    return _HtmlParser(source).run()


# --------------------------------------------------------------------------------------------
# Request parameter decoding.


def _decode_value(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_params(raw: dict[str, Any]) -> JSONDict:
    """Turn JSON-encoded form values (ints, bools, reply_markup, entities...) into Python."""
    return {key: _decode_value(key, value) for key, value in raw.items()}


async def _read_multipart(request: web.Request) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename is None:
            fields[part.name] = await part.text()
        else:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            fields[part.name] = Upload(part.filename, content_type, bytes(await part.read()))
    return fields


async def read_params(request: web.Request) -> JSONDict:
    """Collect query, JSON, urlencoded or multipart parameters of a Bot API request."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        body = await request.json()
        if isinstance(body, dict):
            raw.update(body)
    elif request.content_type == "multipart/form-data":
        raw.update(await _read_multipart(request))
    elif request.content_type == "application/x-www-form-urlencoded":
        raw.update(await request.post())
    return decode_params(raw)


def _int_param(params: JSONDict, name: str, default: int | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        if default is None:
            raise _bad_request(f"{name} is empty")
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad_request(f"invalid {name} specified") from None


def _markup(params: JSONDict) -> JSONDict | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad_request("BUTTON_DATA_INVALID")
    return markup


def _formatted(params: JSONDict, key: str, entities_key: str) -> tuple[str, list[JSONDict]]:
    raw = params.get(key)
    text = "" if raw is None else str(raw)
    entities = params.get(entities_key)
    parse_mode = str(params.get("parse_mode") or "").lower()
    if parse_mode not in ("", "html", "markdown", "markdownv2"):
        raise _bad_request("unsupported parse_mode")
    if entities is None and parse_mode == "html":
        text, entities = parse_html(text)
    return text, list(entities or [])


def _message_text(params: JSONDict) -> tuple[str, list[JSONDict]]:
    text, entities = _formatted(params, "text", "entities")
    if not text.strip():
        raise _bad_request("message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise _bad_request("message is too long")
    return text, entities


def _caption(params: JSONDict) -> tuple[str, list[JSONDict]]:
    caption, entities = _formatted(params, "caption", "caption_entities")
    if len(caption) > MAX_CAPTION_LENGTH:
        raise _bad_request("message caption is too long")
    return caption, entities


def _callback_datas(message: JSONDict) -> set[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {str(b["callback_data"]) for row in rows for b in row if "callback_data" in b}


def _member_dict(status: str, user: JSONDict) -> JSONDict:
    member: JSONDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update({"can_be_edited": False, "is_anonymous": False})
        member.update(dict.fromkeys(_ADMIN_RIGHTS, True))
    return member


def _commands_key(params: JSONDict) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def _validate_commands(commands: Any) -> list[JSONDict]:
    if not isinstance(commands, list):
        raise _bad_request("can't parse commands JSON object")
    for command in commands:
        if not _BOT_COMMAND_NAME_RE.fullmatch(str(command.get("command", ""))):
            raise _bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return commands


def _prune(fields: JSONDict) -> JSONDict:
    return {key: value for key, value in fields.items() if value is not None and value != []}


def _summarize(calls: list[Call], limit: int = 8) -> str:
    polls = sum(1 for call in calls if call.method == "getUpdates")
    recent = [call for call in calls if call.method != "getUpdates"][-limit:]
    shown = "; ".join(f"{call.method}({_short_params(call.params)})" for call in recent)
    return f"{len(calls)} calls ({polls} getUpdates); last: {shown or '<none besides getUpdates>'}"


def _short_params(params: JSONDict, width: int = 100) -> str:
    text = ", ".join(f"{key}={value!r}" for key, value in params.items() if key != "reply_markup")
    return text if len(text) <= width else text[: width - 3] + "..."


def _bot_id(token: str) -> int:
    prefix = token.partition(":")[0]
    return int(prefix) if prefix.isdigit() else 1


# --------------------------------------------------------------------------------------------
# Fake Telegram state and Bot API methods. Not thread-safe: callers hold FakeBotApi's lock.


class _BotState:
    """All fake Telegram data plus the Bot API method implementations."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        self.bot_user: JSONDict = {
            "id": _bot_id(token),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.users: dict[int, JSONDict] = {}
        self.chats: dict[int, JSONDict] = {}
        self.members: dict[int, dict[int, str]] = {}
        self.messages: dict[tuple[int, int], JSONDict] = {}
        self.bot_messages: list[tuple[int, int]] = []
        self.last_message_id: dict[int, int] = {}
        self.updates: list[JSONDict] = []
        self.next_update_id = 700_000_001
        self.open_queries: set[str] = set()
        self.callback_answers: list[JSONDict] = []
        self.commands: dict[str, list[JSONDict]] = {}
        # (field, language code) -> text, for the bot's description and short description.
        self.descriptions: dict[tuple[str, str], str] = {}
        self.webhook: JSONDict = {}
        self.files: dict[str, _StoredFile] = {}
        self.calls: list[Call] = []
        self.faults: dict[str, list[_Fault]] = {}
        self.latency: dict[str, float] = {}
        self.counter = itertools.count(1)
        self.handlers = self._handler_table()

    def _handler_table(self) -> dict[str, tuple[str, Handler]]:
        table: dict[str, Handler] = {
            "getMe": self.get_me,
            "deleteWebhook": self.delete_webhook,
            "setWebhook": self.set_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "setMyDescription": self.describer("description", 512),
            "getMyDescription": self.description_of("description"),
            "setMyShortDescription": self.describer("short_description", 120),
            "getMyShortDescription": self.description_of("short_description"),
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "answerCallbackQuery": self.answer_callback_query,
            "deleteMessage": self.delete_message,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "sendChatAction": self.send_chat_action,
            "getFile": self.get_file,
        }
        table.update(dict.fromkeys(_TRUE_METHODS, lambda _params: True))
        return {name.lower(): (name, handler) for name, handler in table.items()}

    # -- dispatch -----------------------------------------------------------------------------

    def record(self, method: str, params: JSONDict) -> tuple[str, Handler | None]:
        """Record a call and apply any injected fault; return (canonical name, handler)."""
        name, handler = self.handlers.get(method.lower(), (method, None))
        self.calls.append(Call(name, params, time.monotonic()))
        self._raise_fault(method.lower(), params)
        return name, handler

    def dispatch(self, method: str, params: JSONDict) -> Any:
        """Record and execute one (non-getUpdates) Bot API call."""
        _name, handler = self.record(method, params)
        if handler is None:
            raise ApiError(404, "Not Found")
        return copy.deepcopy(handler(params))

    def _raise_fault(self, key: str, params: JSONDict) -> None:
        for fault in self.faults.get(key, []):
            if fault.remaining > 0 and fault.matches(params):
                fault.remaining -= 1
                if fault.kind == "hang_up":
                    raise _HangUp(fault.delay)
                raise ApiError(fault.status, fault.description, fault.retry_after)

    # -- lookups and builders -----------------------------------------------------------------

    def chat(self, params: JSONDict) -> JSONDict:
        """Return the registered chat named by params["chat_id"]."""
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad_request("chat_id is empty")
        try:
            chat = self.chats.get(int(raw))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            raise _bad_request("chat not found")
        return chat

    def user_or_stub(self, user_id: int) -> JSONDict:
        """Return the registered user (or the bot), else a minimal stand-in."""
        if user_id == self.bot_user["id"]:
            return copy.deepcopy(self.bot_user)
        stub = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        return copy.deepcopy(self.users.get(user_id, stub))

    def new_message(self, chat: JSONDict, sender: JSONDict, fields: JSONDict) -> JSONDict:
        """Store and return a new message in ``chat`` (message ids count per chat)."""
        chat_id = chat["id"]
        message_id = self.last_message_id.get(chat_id, 0) + 1
        self.last_message_id[chat_id] = message_id
        message = {
            "message_id": message_id,
            "from": copy.deepcopy(sender),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
            **_prune(fields),
        }
        self.messages[(chat_id, message_id)] = message
        return message

    def _bot_message(self, chat: JSONDict, params: JSONDict, **fields: Any) -> JSONDict:
        fields["reply_to_message"] = self._replied(chat["id"], params)
        message = self.new_message(chat, self.bot_user, fields)
        self.bot_messages.append((chat["id"], message["message_id"]))
        return message

    def _replied(self, chat_id: int, params: JSONDict) -> JSONDict | None:
        reply = params.get("reply_parameters") or {}
        target = reply.get("message_id", params.get("reply_to_message_id"))
        if target is None:
            return None
        found = self.messages.get((chat_id, int(target)))
        lenient = reply.get("allow_sending_without_reply") or params.get(
            "allow_sending_without_reply"
        )
        if found is None and not lenient:
            raise _bad_request("message to be replied not found")
        return None if found is None else _prune({**found, "reply_to_message": None})

    def _editable(self, params: JSONDict) -> JSONDict:
        chat = self.chat(params)
        message = self.messages.get((chat["id"], _int_param(params, "message_id")))
        if message is None:
            raise _bad_request("message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise _bad_request("message can't be edited")
        return message

    @staticmethod
    def _apply_edit(message: JSONDict, changes: JSONDict) -> JSONDict:
        if all(message.get(key) == value for key, value in changes.items()):
            raise _bad_request(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None or value == []:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return message

    def _store_upload(self, params: JSONDict, key: str, default_mime: str) -> _StoredFile:
        value = params.get(key)
        if isinstance(value, Upload):
            mime = value.content_type or default_mime
            return self.new_file(value.data, value.filename, mime, f"{key}s")
        if isinstance(value, str) and value in self.files:
            return self.files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return self.new_file(b"", value.rsplit("/", 1)[-1], default_mime, f"{key}s")
        if isinstance(value, str) and value:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        raise _bad_request(f"there is no {key} in the request")

    def new_file(self, content: bytes, name: str, mime_type: str, folder: str) -> _StoredFile:
        """Store uploaded bytes under a fresh file_id and file_path."""
        number = next(self.counter)
        suffix = name[name.rfind(".") :] if "." in name else ""
        stored = _StoredFile(
            file_id=f"fake-file-id-{number}",
            unique_id=f"fake-unique-{number}",
            path=f"{folder}/file_{number}{suffix}",
            content=content,
            name=name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> _StoredFile | None:
        """Return the stored file with this file_path, if any."""
        return next((f for f in self.files.values() if f.path == path), None)

    # -- updates ------------------------------------------------------------------------------

    def queue(self, update: JSONDict) -> int:
        """Queue an update (assigning update_id when missing); return its id."""
        update = copy.deepcopy(update)
        update.setdefault("update_id", self.next_update_id)
        self.next_update_id = max(self.next_update_id, update["update_id"]) + 1
        self.updates.append(update)
        return int(update["update_id"])

    def take_updates(self, offset: int, limit: int) -> list[JSONDict]:
        """Forget confirmed updates (id < offset) and return up to ``limit`` pending ones."""
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]
        return copy.deepcopy(self.updates[:limit])

    # -- Bot API methods ----------------------------------------------------------------------

    def get_me(self, _params: JSONDict) -> JSONDict:
        """getMe."""
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def delete_webhook(self, params: JSONDict) -> bool:
        """deleteWebhook (drop_pending_updates clears the queue)."""
        if params.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = {}
        return True

    def set_webhook(self, params: JSONDict) -> bool:
        """setWebhook: remembered only; the fake never calls the URL (tests POST to it)."""
        url = str(params.get("url") or "")
        if not url:
            raise _bad_request("bad webhook: Webhook URL must be non-empty")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad_request("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = {"url": url, "secret_token": secret}
        return True

    def get_webhook_info(self, _params: JSONDict) -> JSONDict:
        """getWebhookInfo."""
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }

    def set_my_commands(self, params: JSONDict) -> bool:
        """setMyCommands."""
        self.commands[_commands_key(params)] = _validate_commands(params.get("commands"))
        return True

    def get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        """getMyCommands."""
        return self.commands.get(_commands_key(params), [])

    def delete_my_commands(self, params: JSONDict) -> bool:
        """deleteMyCommands."""
        self.commands.pop(_commands_key(params), None)
        return True

    def describer(self, field: str, limit: int) -> Handler:
        """setMyDescription or setMyShortDescription: at most `limit` characters."""

        def describe(params: JSONDict) -> bool:
            value = str(params.get(field) or "")
            if len(value) > limit:
                raise _bad_request(f"{field.upper()}_INVALID")
            self.descriptions[(field, str(params.get("language_code") or ""))] = value
            return True

        return describe

    def description_of(self, field: str) -> Handler:
        """getMyDescription or getMyShortDescription."""

        def read(params: JSONDict) -> JSONDict:
            language = str(params.get("language_code") or "")
            return {field: self.descriptions.get((field, language), "")}

        return read

    def send_message(self, params: JSONDict) -> JSONDict:
        """sendMessage."""
        chat = self.chat(params)
        text, entities = _message_text(params)
        markup = _markup(params)
        return self._bot_message(chat, params, text=text, entities=entities, reply_markup=markup)

    def send_photo(self, params: JSONDict) -> JSONDict:
        """sendPhoto (multipart upload, known file_id or URL)."""
        chat = self.chat(params)
        caption, entities = _caption(params)
        markup = _markup(params)
        stored = self._store_upload(params, "photo", "image/jpeg")
        size = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "width": 512,
            "height": 512,
            "file_size": len(stored.content),
        }
        return self._bot_message(
            chat,
            params,
            photo=[size],
            caption=caption or None,
            caption_entities=entities,
            reply_markup=markup,
        )

    def send_document(self, params: JSONDict) -> JSONDict:
        """sendDocument (multipart upload, known file_id or URL)."""
        chat = self.chat(params)
        caption, entities = _caption(params)
        markup = _markup(params)
        stored = self._store_upload(params, "document", "application/octet-stream")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": stored.name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.content),
        }
        return self._bot_message(
            chat,
            params,
            document=document,
            caption=caption or None,
            caption_entities=entities,
            reply_markup=markup,
        )

    def edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        """editMessageText."""
        if params.get("inline_message_id"):
            return True
        message = self._editable(params)
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text, entities = _message_text(params)
        changes = {"text": text, "entities": entities or None, "reply_markup": _markup(params)}
        return self._apply_edit(message, changes)

    def edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        """editMessageReplyMarkup."""
        if params.get("inline_message_id"):
            return True
        message = self._editable(params)
        return self._apply_edit(message, {"reply_markup": _markup(params)})

    def delete_message(self, params: JSONDict) -> bool:
        """deleteMessage."""
        chat = self.chat(params)
        if self.messages.pop((chat["id"], _int_param(params, "message_id")), None) is None:
            raise _bad_request("message to delete not found")
        return True

    def answer_callback_query(self, params: JSONDict) -> bool:
        """answerCallbackQuery (each query can be answered once)."""
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self.open_queries:
            raise _bad_request(QUERY_INVALID)
        if len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self.open_queries.discard(query_id)
        self.callback_answers.append(dict(params))
        return True

    def get_chat(self, params: JSONDict) -> JSONDict:
        """getChat (returns a ChatFullInfo)."""
        gifts = dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        )
        extra = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}
        return {**self.chat(params), **extra}

    def get_chat_member(self, params: JSONDict) -> JSONDict:
        """getChatMember."""
        chat = self.chat(params)
        return self._member(chat, _int_param(params, "user_id"))

    def get_chat_administrators(self, params: JSONDict) -> list[JSONDict]:
        """getChatAdministrators."""
        chat = self.chat(params)
        if chat["type"] == "private":
            raise _bad_request("there are no administrators in the private chat")
        statuses = self.members.get(chat["id"], {})
        admins = [uid for uid, status in statuses.items() if status in ("creator", "administrator")]
        return [self._member(chat, uid) for uid in admins]

    def _member(self, chat: JSONDict, user_id: int) -> JSONDict:
        if chat["type"] == "private":
            inside = user_id in (chat["id"], self.bot_user["id"])
            status = "member" if inside else "left"
        else:
            status = self.members.get(chat["id"], {}).get(user_id, "left")
        return _member_dict(status, self.user_or_stub(user_id))

    def send_chat_action(self, params: JSONDict) -> bool:
        """sendChatAction."""
        self.chat(params)
        return True

    def get_file(self, params: JSONDict) -> JSONDict:
        """getFile."""
        stored = self.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        return stored.as_file()


# --------------------------------------------------------------------------------------------
# The server and the thread-safe test-facing API.


def _json_response(payload: JSONDict, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status)


def _error_response(error: ApiError) -> web.Response:
    return _json_response(error.payload(), status=error.status)


def _hang_up(request: web.Request) -> NoReturn:
    """Close the connection without answering: the client sees it drop (or time out)."""
    if request.transport is not None:
        request.transport.close()
    # Nothing reaches the client: the transport is closed before aiohttp writes this.
    raise web.HTTPServiceUnavailable()


class FakeBotApi:
    """Fake Telegram Bot API server running in a background thread (use as a context manager)."""

    def __init__(
        self,
        token: str = "123:ABC",
        bot_username: str = "kept_test_bot",
        bot_first_name: str = "Kept",
        *,
        enforce_limits: bool = False,
    ) -> None:
        """Prepare the fake; the server starts in ``start()`` / ``__enter__``.

        ``enforce_limits`` answers 429 beyond Telegram's flood limits (see ``enforce_limits()``).
        """
        self.token = token
        self._state = _BotState(token, bot_username, bot_first_name)
        self._cond = threading.Condition(threading.RLock())
        self._updates_event = asyncio.Event()
        self._closing = False
        self._server = LoopbackServer(
            "fake-bot-api", self._build_app, on_loop=self._new_events, on_down=self._wake_pollers
        )
        self._limits: _FloodLimits | None = None
        if enforce_limits:
            self.enforce_limits()

    # -- lifecycle ----------------------------------------------------------------------------

    def __enter__(self) -> FakeBotApi:
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

    def start(self) -> FakeBotApi:
        """Start the server thread and wait until it listens."""
        self._closing = False
        self._server.start()
        return self

    def stop(self) -> None:
        """Wake long polls, shut the server down cleanly and join the thread."""
        self._closing = True
        self._server.stop()

    def _new_events(self) -> None:
        self._updates_event = asyncio.Event()

    def _build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        return app

    # -- request handling (server thread) -----------------------------------------------------

    async def _handle_bot(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        try:
            params = await read_params(request)
        except ValueError:
            return _error_response(_bad_request("can't parse request parameters"))
        if method.lower() == "getupdates":
            return await self._get_updates(params)
        with self._cond:
            try:
                _name, handler = self._state.record(method, params)
                if self._limits is not None:
                    self._limits.admit(method, params)
            except ApiError as error:
                return _error_response(error)
            except _HangUp as hang_up:
                delay: float | None = hang_up.delay
            else:
                delay = None
            finally:
                self._cond.notify_all()
            latency = self._state.latency.get(method.lower(), 0.0)
        if delay is not None:
            await asyncio.sleep(delay)
            _hang_up(request)
        if latency > 0:
            # Recorded on arrival, carried out later: the call is "in flight" meanwhile.
            await asyncio.sleep(latency)
        with self._cond:
            try:
                if handler is None:
                    raise ApiError(404, "Not Found")
                response = _json_response({"ok": True, "result": copy.deepcopy(handler(params))})
            except ApiError as error:
                response = _error_response(error)
            self._cond.notify_all()
        return response

    async def _get_updates(self, params: JSONDict) -> web.Response:
        with self._cond:
            try:
                self._state.record("getUpdates", params)
                offset = _int_param(params, "offset", 0)
                limit = min(max(_int_param(params, "limit", 100), 1), 100)
                timeout = max(float(params.get("timeout") or 0), 0.0)
            except ApiError as error:
                return _error_response(error)
            finally:
                self._cond.notify_all()
        updates = await self._poll(offset, limit, timeout)
        return _json_response({"ok": True, "result": updates})

    async def _poll(self, offset: int, limit: int, timeout: float) -> list[JSONDict]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            self._updates_event.clear()
            with self._cond:
                updates = self._state.take_updates(offset, limit)
                self._cond.notify_all()
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self._closing:
                return updates
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._updates_event.wait(), remaining)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        with self._cond:
            stored = self._state.file_by_path(request.match_info["path"])
        if stored is None:
            return _error_response(ApiError(404, "Not Found"))
        return web.Response(body=stored.content, content_type=stored.mime_type)

    def _wake_pollers(self) -> None:
        self._updates_event.set()

    # -- addresses ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Root URL of the running server, e.g. ``http://127.0.0.1:PORT``."""
        return self._server.url

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url`` (``{url}/bot``)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for PTB's ``base_file_url`` (``{url}/file/bot``)."""
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> JSONDict:
        """The bot's User object (as getMe reports it, without capability flags)."""
        with self._cond:
            return copy.deepcopy(self._state.bot_user)

    # -- registering users and chats ----------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str,
        username: str | None = None,
        language_code: str = "en",
    ) -> JSONDict:
        """Register a user and their private chat (chat id == user id); return the User."""
        if user_id <= 0:
            raise ValueError("user ids must be positive")
        user = _prune(
            {
                "id": user_id,
                "is_bot": False,
                "first_name": first_name,
                "username": username,
                "language_code": language_code,
            }
        )
        chat = _prune(
            {"id": user_id, "type": "private", "first_name": first_name, "username": username}
        )
        with self._cond:
            self._state.users[user_id] = user
            self._state.chats[user_id] = chat
            self._cond.notify_all()
        return copy.deepcopy(user)

    def add_group(
        self,
        chat_id: int,
        title: str,
        member_ids: Iterable[int],
        *,
        admin_ids: Iterable[int] = (),
        creator_id: int | None = None,
        chat_type: str = "group",
    ) -> JSONDict:
        """Register a group (negative id) with members; the bot is a member too."""
        if chat_id >= 0:
            raise ValueError("group chat ids must be negative")
        statuses = dict.fromkeys(member_ids, "member")
        statuses.update(dict.fromkeys(admin_ids, "administrator"))
        if creator_id is not None:
            statuses[creator_id] = "creator"
        chat = {"id": chat_id, "type": chat_type, "title": title}
        with self._cond:
            statuses.setdefault(self._state.bot_user["id"], "member")
            self._state.chats[chat_id] = chat
            self._state.members[chat_id] = statuses
            self._cond.notify_all()
        return copy.deepcopy(chat)

    # -- injecting updates --------------------------------------------------------------------

    def queue_update(self, update: JSONDict) -> int:
        """Queue an arbitrary update (update_id assigned if missing); return its update_id."""
        with self._cond:
            update_id = self._state.queue(update)
            self._cond.notify_all()
        self._server.call_soon(self._wake_pollers)
        return update_id

    def send_text(self, user_id: int, chat_id: int | None, text: str) -> int:
        """Queue a text message from a user (chat None = their private chat); return message_id."""
        with self._cond:
            state = self._state
            user = self._known(state.users, user_id, "user")
            chat = self._known(state.chats, user_id if chat_id is None else chat_id, "chat")
            fields = {"text": text, "entities": command_entities(text)}
            message = state.new_message(chat, user, fields)
            state.queue({"message": message})
            self._cond.notify_all()
        self._server.call_soon(self._wake_pollers)
        return int(message["message_id"])

    def press(
        self,
        user_id: int,
        message: JSONDict | tuple[int, int],
        data: str,
        *,
        strict: bool = True,
    ) -> str:
        """Queue a callback_query for a button on a stored message; return the query id.

        With ``strict`` the message must carry a button with this callback_data, as Telegram
        only delivers presses of buttons that exist.
        """
        key = (
            message
            if isinstance(message, tuple)
            else (message["chat"]["id"], message["message_id"])
        )
        with self._cond:
            state = self._state
            user = self._known(state.users, user_id, "user")
            stored = self._known(state.messages, key, "message")
            if strict and data not in _callback_datas(stored):
                raise ValueError(f"message {key} has no button with callback_data {data!r}")
            query_id = str(4_000_000_000 + next(state.counter))
            state.open_queries.add(query_id)
            query = {
                "id": query_id,
                "from": user,
                "message": stored,
                "chat_instance": f"{abs(key[0]) * 7 + 1}",
                "data": data,
            }
            state.queue({"callback_query": query})
            self._cond.notify_all()
        self._server.call_soon(self._wake_pollers)
        return query_id

    @staticmethod
    def _known(table: dict[Any, JSONDict], key: Any, what: str) -> JSONDict:
        if key not in table:
            raise ValueError(f"unknown {what} {key!r}: register it first")
        return table[key]

    # -- inspecting what happened -------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """All recorded requests, oldest first."""
        with self._cond:
            return list(self._state.calls)

    def calls_to(self, method: str) -> list[Call]:
        """Recorded requests of one method (case-insensitive name)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """Messages the bot sent (current state after edits; deleted ones omitted)."""
        with self._cond:
            state = self._state
            keys = [k for k in state.bot_messages if chat_id is None or k[0] == chat_id]
            return [copy.deepcopy(state.messages[k]) for k in keys if k in state.messages]

    def message(self, chat_id: int, message_id: int) -> JSONDict:
        """The current stored message (bot or user); KeyError if unknown or deleted."""
        with self._cond:
            return copy.deepcopy(self._state.messages[(chat_id, message_id)])

    @property
    def callback_answers(self) -> list[JSONDict]:
        """Parameters of every successful answerCallbackQuery, oldest first."""
        with self._cond:
            return copy.deepcopy(self._state.callback_answers)

    def callback_answer(self, query_id: str) -> JSONDict | None:
        """Parameters of the answerCallbackQuery for ``query_id``, or None."""
        answers = self.callback_answers
        return next((a for a in answers if str(a.get("callback_query_id")) == query_id), None)

    def file_content(self, file_id: str) -> bytes:
        """Bytes the bot uploaded under ``file_id`` (KeyError if unknown)."""
        with self._cond:
            return self._state.files[file_id].content

    def my_description(self, field: str = "description", language_code: str = "") -> str:
        """The bot's description (or short_description) as last set for a language."""
        with self._cond:
            return self._state.descriptions.get((field, language_code), "")

    def my_commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """Commands set via setMyCommands for a scope (default scope) and language."""
        params = {"scope": scope, "language_code": language_code}
        with self._cond:
            return copy.deepcopy(self._state.get_my_commands(params))

    def pending_update_count(self) -> int:
        """Number of queued updates the bot has not confirmed yet."""
        with self._cond:
            return len(self._state.updates)

    # -- waiting ------------------------------------------------------------------------------

    def wait_for(
        self, predicate: Callable[[], _T | None], timeout: float = 30.0, what: str = "condition"
    ) -> _T:
        """Block until ``predicate()`` is truthy (re-checked on every request); return its value."""
        with self._cond:
            result = self._cond.wait_for(predicate, timeout=timeout)
            if result:
                return result
            summary = _summarize(self._state.calls)
        raise AssertionError(f"timed out after {timeout:g}s waiting for {what}; {summary}")

    def wait_for_message(
        self, chat_id: int, contains: str, timeout: float = 30.0, *, after_id: int = 0
    ) -> JSONDict:
        """Wait for a bot message in ``chat_id`` (id > after_id) whose text/caption contains."""

        def find() -> JSONDict | None:
            for message in reversed(self.sent_messages(chat_id)):
                body = str(message.get("text", message.get("caption", "")))
                if message["message_id"] > after_id and contains in body:
                    return message
            return None

        return self.wait_for(
            find, timeout, what=f"a message in chat {chat_id} containing {contains!r}"
        )

    # -- fault injection ----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        retry_after: int | None = None,
        times: int = 1,
        *,
        chat_id: int | str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (optionally only for chat_id) fail."""
        self._add_fault(method, _Fault(status, description, retry_after, times, chat_id))

    def stall_next(
        self, method: str, seconds: float, times: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Hold the next ``times`` calls of ``method`` for ``seconds``, then hang up unanswered.

        Nothing is carried out, so with ``seconds`` beyond the client's read timeout the client
        sees a timeout for a request that had no effect. Faults apply in the order they were set.
        """
        self._add_fault(method, _Fault(0, "", None, times, chat_id, "hang_up", seconds))

    def reset_next(self, method: str, times: int = 1, *, chat_id: int | str | None = None) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without answering."""
        self._add_fault(method, _Fault(0, "", None, times, chat_id, "hang_up", 0.0))

    def set_latency(self, method: str, seconds: float) -> None:
        """Carry out every later call of ``method`` ``seconds`` after recording it (0: at once)."""
        with self._cond:
            self._state.latency[method.lower()] = seconds

    # -- flood limits -------------------------------------------------------------------------

    def enforce_limits(
        self,
        overall_per_s: float = 30,
        per_chat_per_s: float = 1,
        per_group_per_min: float = 20,
    ) -> None:
        """From now on answer 429 (with retry_after) to sendMessage, sendPhoto, sendDocument
        and editMessageText beyond these rates; each limit allows a burst of its own size.
        Calling it again starts the limits afresh; the count of 429s goes on."""
        with self._cond:
            refused = self.too_many_requests
            self._limits = _FloodLimits(overall_per_s, per_chat_per_s, per_group_per_min)
            self._limits.refused = refused

    @property
    def too_many_requests(self) -> int:
        """How many 429s the flood limits answered (0 while they are not enforced)."""
        with self._cond:
            return 0 if self._limits is None else self._limits.refused

    def _add_fault(self, method: str, fault: _Fault) -> None:
        with self._cond:
            self._state.faults.setdefault(method.lower(), []).append(fault)
