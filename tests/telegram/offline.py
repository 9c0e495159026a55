"""An offline Bot API for handler tests: a BaseRequest that answers like Telegram and records.

python-telegram-bot sends every Bot API call through a `BaseRequest`; this one never opens a
socket. It answers each method with Telegram-shaped JSON (sent messages get increasing ids) and
keeps every call, in order, so a test can assert exactly what the bot said and where.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from telegram.request import BaseRequest, RequestData

JSONDict = dict[str, Any]

BOT_ID = 7000001
BOT_USERNAME = "kept_test_bot"
BOT_USER: JSONDict = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Kept",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Messages Telegram would accept: a 4096-character text limit and 64-byte callback data.
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_CAPTION = 1024
# Telegram's answer to an edit that would change nothing.
NOT_MODIFIED = "Bad Request: message is not modified"


@dataclass(frozen=True)
class Call:
    """One Bot API request the bot made."""

    method: str
    params: JSONDict
    # What the offline API answered: the "result" object, or the error description.
    result: Any = None
    ok: bool = True

    @property
    def message_id(self) -> int:
        """The id of the message this call sent or edited."""
        assert isinstance(self.result, dict), f"{self.method} did not return a message"
        return int(self.result["message_id"])

    @property
    def chat_id(self) -> int | None:
        """The chat the call is about, when it names one."""
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        """The text sent, edited or shown in a toast ('' when there is none)."""
        return str(self.params.get("text") or "")

    @property
    def buttons(self) -> list[list[JSONDict]]:
        """The inline keyboard rows attached to the call."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        return list((markup or {}).get("inline_keyboard", []))

    @property
    def callback_data(self) -> list[str]:
        """Every button's callback data, row by row."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]

    @property
    def labels(self) -> list[str]:
        """Every button's label, row by row."""
        return [b["text"] for row in self.buttons for b in row]


class OfflineRequest(BaseRequest):
    """Answers Bot API methods locally and records (method, params) of every call."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.calls: list[Call] = []
        # (field, language code) -> the bot's description or short description as last set.
        self.descriptions: dict[tuple[str, str], str] = {}
        # (chat id, user id) -> ChatMember status: "member", "administrator", "creator", "left"…
        self.members: dict[tuple[int, int], str] = {}
        # Chats the tests introduced, so that sent messages carry the right chat type.
        self.chats: dict[int, JSONDict] = {}
        # (chat id, message id) -> (text, buttons) of the messages sent or edited here.
        self.contents: dict[tuple[int, int], tuple[str, list[list[JSONDict]]]] = {}
        self._message_ids = itertools.count(50_000)
        self._clock_seconds = 1_780_000_000
        self.initialized = False
        self.shut_down = False

    @property
    def read_timeout(self) -> float | None:
        """Nothing waits on a network here."""
        return 1.0

    async def initialize(self) -> None:
        """Nothing to open."""
        self.initialized = True

    async def shutdown(self) -> None:
        """Nothing to close."""
        self.shut_down = True

    def set_time(self, seconds: int) -> None:
        """The Unix time stamped on messages the bot sends from now on."""
        self._clock_seconds = seconds

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Record the call and answer it as the Bot API would."""
        if not url.startswith(self.base_url + "/"):
            return self._error(404, f"Not Found: {url} is not under {self.base_url}")
        api_method = url[len(self.base_url) + 1 :]
        params = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.multipart_data:
            # Uploaded files as (file name, bytes, MIME type), so tests can read them back.
            params["uploads"] = dict(request_data.multipart_data)
        answer = getattr(self, f"_{api_method}", None)
        if answer is None:
            result = self._error(400, f"Bad Request: offline API has no method {api_method}")
        else:
            result = answer(params)
        if isinstance(result, tuple):
            code, body = result
            self.calls.append(Call(api_method, params, json.loads(body)["description"], False))
            return code, body
        self.calls.append(Call(api_method, params, result))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- answers ------------------------------------------------------------------------------

    @staticmethod
    def _error(code: int, description: str) -> tuple[int, bytes]:
        body = {"ok": False, "error_code": code, "description": description}
        return code, json.dumps(body).encode()

    def _getMe(self, _: JSONDict) -> JSONDict:
        return BOT_USER

    def _setMyCommands(self, _: JSONDict) -> bool:
        return True

    def _setMyDescription(self, params: JSONDict) -> bool:
        self.descriptions[("description", params.get("language_code", ""))] = params["description"]
        return True

    def _setMyShortDescription(self, params: JSONDict) -> bool:
        language = params.get("language_code", "")
        self.descriptions[("short_description", language)] = params["short_description"]
        return True

    def _getMyDescription(self, params: JSONDict) -> JSONDict:
        language = params.get("language_code", "")
        return {"description": self.descriptions.get(("description", language), "")}

    def _getMyShortDescription(self, params: JSONDict) -> JSONDict:
        language = params.get("language_code", "")
        return {"short_description": self.descriptions.get(("short_description", language), "")}

    def _answerCallbackQuery(self, params: JSONDict) -> bool | tuple[int, bytes]:
        if len(str(params.get("text") or "")) > 200:
            return self._error(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def chat(self, chat_id: int) -> JSONDict:
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}

    def _check_message(self, params: JSONDict) -> tuple[int, bytes] | None:
        body = str(params.get("text") or "")
        if not body.strip():
            return self._error(400, "Bad Request: message text is empty")
        if len(body) > MAX_TEXT:
            return self._error(400, "Bad Request: message is too long")
        for data in Call("", params).callback_data:
            if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                return self._error(400, "Bad Request: BUTTON_DATA_INVALID")
        return None

    def _message(self, chat_id: int, message_id: int, params: JSONDict) -> JSONDict:
        self.contents[(chat_id, message_id)] = (str(params["text"]), Call("", params).buttons)
        message: JSONDict = {
            "message_id": message_id,
            "date": self._clock_seconds,
            "chat": self.chat(chat_id),
            "from": BOT_USER,
            "text": params["text"],
        }
        markup = params.get("reply_markup")
        if markup:
            message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
        return message

    def _sendMessage(self, params: JSONDict) -> JSONDict | tuple[int, bytes]:
        problem = self._check_message(params)
        if problem:
            return problem
        return self._message(int(params["chat_id"]), next(self._message_ids), params)

    def _sendPhoto(self, params: JSONDict) -> JSONDict | tuple[int, bytes]:
        if len(str(params.get("caption") or "")) > MAX_CAPTION:
            return self._error(400, "Bad Request: message caption is too long")
        return {
            "message_id": next(self._message_ids),
            "date": self._clock_seconds,
            "chat": self.chat(int(params["chat_id"])),
            "from": BOT_USER,
            "photo": [{"file_id": "photo", "file_unique_id": "photo", "width": 1, "height": 1}],
            "caption": str(params.get("caption") or ""),
        }

    def _sendDocument(self, params: JSONDict) -> JSONDict | tuple[int, bytes]:
        if len(str(params.get("caption") or "")) > MAX_CAPTION:
            return self._error(400, "Bad Request: message caption is too long")
        uploads = params.get("uploads") or {}
        if not uploads:
            return self._error(400, "Bad Request: there is no document in the request")
        name, content, mime = next(iter(uploads.values()))
        return {
            "message_id": next(self._message_ids),
            "date": self._clock_seconds,
            "chat": self.chat(int(params["chat_id"])),
            "from": BOT_USER,
            "document": {
                "file_id": "document",
                "file_unique_id": "document",
                "file_name": name,
                "mime_type": mime,
                "file_size": len(content),
            },
            "caption": str(params.get("caption") or ""),
        }

    def _editMessageText(self, params: JSONDict) -> JSONDict | tuple[int, bytes]:
        problem = self._check_message(params)
        if problem:
            return problem
        if "chat_id" not in params or "message_id" not in params:
            return self._error(400, "Bad Request: message to edit not found")
        key = (int(params["chat_id"]), int(params["message_id"]))
        if self.contents.get(key) == (str(params["text"]), Call("", params).buttons):
            return self._error(400, NOT_MODIFIED)
        return self._message(*key, params)

    def _getChatMember(self, params: JSONDict) -> JSONDict:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = self.members.get((chat_id, user_id), "left")
        user = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        member: JSONDict = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        return member
