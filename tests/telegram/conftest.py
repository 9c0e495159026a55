"""A real Application on an offline Bot API, real services over a SQLite file, a movable clock."""

from __future__ import annotations

import asyncio
import itertools
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.charts import trend_chart
from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.charts_port import ChartMaker
from bot.domain.dispatch import Dispatcher
from bot.domain.models import Commitment, Couple, Invite, Nudge, Person
from bot.telegram.app import build_application, register
from bot.telegram.messenger import TelegramMessenger
from bot.wiring import build_services
from tests.telegram.offline import (
    BOT_USER,
    BOT_USERNAME,
    NOT_MODIFIED,
    Call,
    JSONDict,
    OfflineRequest,
)

# A Wednesday evening in June, far from any daylight-saving change.
START = datetime(2026, 6, 10, 18, 0, tzinfo=UTC)
GROUP = -1001234567890
INVITE_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=join-([A-Z0-9]+)")


@dataclass(frozen=True)
class TgUser:
    """A Telegram user as updates carry it."""

    id: int
    first_name: str
    language_code: str | None = "en"

    def as_json(self) -> JSONDict:
        """The User object of the Bot API."""
        user: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    @property
    def chat(self) -> JSONDict:
        """The private chat with the bot."""
        return {"id": self.id, "type": "private", "first_name": self.first_name}


ANA = TgUser(1001, "Ana")
BEN = TgUser(1002, "Ben")
CARL = TgUser(1003, "Carl")
DANA = TgUser(1004, "Dana")
GROUP_CHAT: JSONDict = {"id": GROUP, "type": "supergroup", "title": "Ana & Ben"}


class MovableClock:
    """The Clock port, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        """The current instant."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to an instant."""
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        """Move forward."""
        self._now += delta


class HandlerFailed(AssertionError):
    """A handler raised: the bot answered with its generic apology instead of a real reply."""


@dataclass
class Kept:
    """The bot under test and ways to talk to it and look into its database."""

    application: Application
    api: OfflineRequest
    uow: SqlUnitOfWorkFactory
    clock: MovableClock
    dispatcher: Dispatcher
    engine: AsyncEngine | None = None
    errors: list[BaseException] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    # -- feeding updates ----------------------------------------------------------------------

    def _timestamp(self) -> int:
        return int(self.clock.now().timestamp())

    def next_id(self) -> int:
        """A fresh update (and message) id."""
        return next(self._ids)

    async def process(self, *updates: JSONDict) -> list[Call]:
        """Raw updates, processed at the same moment (concurrently); the calls they caused."""
        return await self._process(*updates)

    async def _process(self, *updates: JSONDict) -> list[Call]:
        mark = len(self.api.calls)
        self.api.set_time(self._timestamp())
        bot = self.application.bot
        await asyncio.gather(
            *(self.application.process_update(Update.de_json(data, bot)) for data in updates)
        )
        if self.errors:
            error = self.errors[0]
            raise HandlerFailed(f"a handler raised {error!r}") from error
        calls = self.api.calls[mark:]
        # An edit that changes nothing is refused; ignoring that is fine, and not ignoring it
        # shows up above as a handler error.
        failed = [call for call in calls if not call.ok and call.result != NOT_MODIFIED]
        assert not failed, f"the Bot API refused: {failed}"
        return calls

    async def send(self, user: TgUser, words: str, chat: JSONDict | None = None) -> list[Call]:
        """A text message (a command when it starts with '/'); the Bot API calls it caused."""
        return await self._process(self.message_update(user, words, chat))

    def message_update(
        self, user: TgUser, words: str, chat: JSONDict | None = None, *, kind: str = "message"
    ) -> JSONDict:
        """The update of a text message (`kind` "edited_message" for an edit), not yet sent."""
        update_id = next(self._ids)
        message: JSONDict = {
            "message_id": update_id,
            "date": self._timestamp(),
            "chat": chat or user.chat,
            "from": user.as_json(),
            "text": words,
        }
        if words.startswith("/"):
            command = words.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if kind == "edited_message":
            message["edit_date"] = self._timestamp()
        return {"update_id": update_id, kind: message}

    async def press(
        self,
        user: TgUser,
        data: str,
        on: Call | None = None,
        *,
        chat_id: int | None = None,
        message_id: int | None = None,
    ) -> list[Call]:
        """A button press on a message the bot sent (`on`), or on a given chat and message id."""
        return await self._process(
            self.press_update(user, data, on, chat_id=chat_id, message_id=message_id)
        )

    def press_update(
        self,
        user: TgUser,
        data: str,
        on: Call | None = None,
        *,
        chat_id: int | None = None,
        message_id: int | None = None,
    ) -> JSONDict:
        """The update of a button press, not yet sent."""
        update_id = next(self._ids)
        chat_id = chat_id if chat_id is not None else (on.chat_id if on else user.id)
        assert chat_id is not None
        message: JSONDict = {
            "message_id": message_id if message_id is not None else (on.message_id if on else 1),
            "date": self._timestamp(),
            "chat": self.api.chat(chat_id),
            "from": BOT_USER,
            "text": on.text if on else "…",
        }
        query = {
            "id": f"q{update_id}",
            "from": user.as_json(),
            "chat_instance": f"ci{chat_id}",
            "data": data,
            "message": message,
        }
        return {"update_id": update_id, "callback_query": query}

    async def tick(self) -> list[Call]:
        """One run of the nudge dispatcher at the clock's instant; the calls it made."""
        mark = len(self.api.calls)
        self.api.set_time(self._timestamp())
        await self.dispatcher.tick()
        return self.api.calls[mark:]

    # -- what the bot said --------------------------------------------------------------------

    @staticmethod
    def sent(calls: list[Call], chat_id: int | None = None) -> list[Call]:
        """The sendMessage calls, optionally to one chat."""
        return [
            c
            for c in calls
            if c.method == "sendMessage" and (chat_id is None or c.chat_id == chat_id)
        ]

    @staticmethod
    def edits(calls: list[Call]) -> list[Call]:
        """The editMessageText calls."""
        return [c for c in calls if c.method == "editMessageText"]

    @staticmethod
    def toasts(calls: list[Call]) -> list[str]:
        """The texts of answerCallbackQuery calls."""
        return [c.text for c in calls if c.method == "answerCallbackQuery"]

    @classmethod
    def only_reply(cls, calls: list[Call], chat_id: int) -> Call:
        """The single message sent, checking it went to this chat and nothing else was said."""
        assert [c.method for c in calls] == ["sendMessage"], calls
        assert calls[0].chat_id == chat_id
        return calls[0]

    @staticmethod
    def only_toast(calls: list[Call]) -> str:
        """The single answerCallbackQuery of a refused press (nothing sent, nothing edited)."""
        assert [c.method for c in calls] == ["answerCallbackQuery"], calls
        return calls[0].text

    # -- the database, through the repositories -----------------------------------------------

    async def person(self, user: TgUser) -> Person | None:
        """The stored person of a Telegram user."""
        async with self.uow() as uow:
            return await uow.people.by_chat_id(user.id)

    async def must(self, user: TgUser) -> Person:
        """The stored person, who must exist."""
        person = await self.person(user)
        assert person is not None, f"{user.first_name} is not stored"
        return person

    async def pending(self, user: TgUser) -> str | None:
        """The kind of guided step the bot waits for from this user, if any."""
        person = await self.must(user)
        return person.pending.kind if person.pending else None

    async def couple(self, user: TgUser) -> Couple | None:
        """The couple a user belongs to."""
        person = await self.person(user)
        if person is None or person.couple_id is None:
            return None
        async with self.uow() as uow:
            return await uow.couples.get(person.couple_id)

    async def invite(self, code: str) -> Invite | None:
        """An invitation by code."""
        async with self.uow() as uow:
            return await uow.invites.get(code)

    async def commitments(self, user: TgUser) -> list[Commitment]:
        """Every commitment of a user, deleted ones too."""
        person = await self.person(user)
        if person is None:
            return []
        async with self.uow() as uow:
            return await uow.commitments.of_person(person.id, include_deleted=True)

    async def nudges(self, user: TgUser) -> list[Nudge]:
        """Every ledger row of a user."""
        person = await self.person(user)
        if person is None:
            return []
        async with self.uow() as uow:
            return await uow.nudges.of_person_between(person.id, date.min, date.max)

    async def nudge(self, nudge_id: int) -> Nudge:
        """One ledger row."""
        async with self.uow() as uow:
            nudge = await uow.nudges.get(nudge_id)
        assert nudge is not None
        return nudge

    async def snapshot(self, *users: TgUser, codes: tuple[str, ...] = ()) -> tuple[Any, ...]:
        """Everything stored about these users (and invitations), to show nothing changed."""
        return tuple(
            [
                (
                    await self.person(user),
                    await self.couple(user),
                    await self.commitments(user),
                    await self.nudges(user),
                )
                for user in users
            ]
            + [await self.invite(code) for code in codes]
        )

    async def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every table, in a stable order: to show an input changed nothing."""
        assert self.engine is not None and self.engine.dialect.name == "sqlite"
        # A plain sqlite3 read of the file: the fuzz tests take thousands of these, and each
        # costs a fraction of a trip through the async driver.
        with closing(sqlite3.connect(str(self.engine.url.database))) as db:
            db.row_factory = lambda cursor, row: {
                column[0]: value for column, value in zip(cursor.description, row, strict=True)
            }
            return {
                table.name: db.execute(
                    f'SELECT * FROM "{table.name}" ORDER BY '
                    + ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
                ).fetchall()
                for table in Base.metadata.sorted_tables
            }

    # -- common journeys ----------------------------------------------------------------------

    async def start(self, *users: TgUser) -> None:
        """Each user sends /start."""
        for user in users:
            await self.send(user, "/start")

    async def pair_code(self, user: TgUser) -> str:
        """The code of a fresh invitation from /pair."""
        invitation, _ = self.invitation(await self.send(user, "/pair"), user.id)
        found = INVITE_LINK.search(invitation.text)
        assert found, invitation.text
        return found.group(1)

    @classmethod
    def invitation(cls, calls: list[Call], chat_id: int) -> tuple[Call, Call]:
        """/pair's two messages: the invitation to forward, then the word on what comes next."""
        assert [c.method for c in calls] == ["sendMessage", "sendMessage"], calls
        assert {c.chat_id for c in calls} == {chat_id}
        return calls[0], calls[1]

    async def paired(self, a: TgUser = ANA, b: TgUser = BEN) -> None:
        """Two people who started and paired."""
        await self.start(a, b)
        code = await self.pair_code(a)
        await self.send(b, f"/join {code}")
        assert (await self.couple(a)) is not None

    async def linked(self, a: TgUser = ANA, b: TgUser = BEN) -> None:
        """A couple whose shared group is linked, both partners in it."""
        await self.paired(a, b)
        self.api.members[(GROUP, a.id)] = "member"
        self.api.members[(GROUP, b.id)] = "member"
        await self.send(a, "/link", GROUP_CHAT)
        couple = await self.couple(a)
        assert couple is not None and couple.group_chat_id == GROUP


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings as __main__ would build them, pointing at a SQLite file of this test."""
    return Settings(
        telegram_token="123:ABC",
        telegram_api_url="http://offline.invalid",
        database_url=f"sqlite+aiosqlite:///{tmp_path}/kept.db",
        default_timezone="UTC",
        log_level="INFO",
    )


def offline_api(settings: Settings) -> OfflineRequest:
    """The offline Bot API, expecting the URLs these settings lead to."""
    return OfflineRequest(f"{settings.telegram_api_url}/bot{settings.telegram_token}")


@pytest.fixture
def charts() -> ChartMaker:
    """What draws the trend chart (a module may override this fixture)."""
    return trend_chart


@pytest.fixture
async def kept(settings: Settings, charts: ChartMaker) -> AsyncIterator[Kept]:
    """The whole Telegram side of Kept, wired as serve() wires it, on an offline Bot API."""
    # Alembic runs its own event loop, so it cannot run on this one.
    await asyncio.to_thread(upgrade, settings.database_url)
    api = offline_api(settings)
    api.chats[GROUP] = GROUP_CHAT
    application = build_application(settings, request=api)
    engine = make_engine(settings.database_url)
    uow = SqlUnitOfWorkFactory(engine)
    clock = MovableClock(START)
    messenger = TelegramMessenger(application.bot)
    services = build_services(settings, uow, clock, messenger, charts)
    register(application, services)
    harness = Kept(application, api, uow, clock, Dispatcher(uow, messenger, clock), engine)

    async def record_error(_: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            harness.errors.append(context.error)

    application.add_error_handler(record_error)
    try:
        await application.initialize()
        assert [c.method for c in api.calls] == ["getMe"]
        api.calls.clear()
        yield harness
    finally:
        await application.shutdown()
        await engine.dispose()
