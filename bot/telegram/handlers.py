"""Thin Telegram handlers: read the update, call one service, reply with the result or error."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.constants import CallbackQueryLimit, ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.domain import actions
from bot.domain.checkins import WORDS, decode_choice
from bot.domain.chores import CHORE_STEPS
from bot.domain.commitments import (
    CHANGE_TEXT,
    CHANGE_TIME,
    COMMIT_DAYS,
    COMMIT_TIME,
    COMMIT_WHAT,
    Added,
    days_label,
    days_question,
)
from bot.domain.errors import KeptError, StaleButton
from bot.domain.models import Commitment, CommitmentState, Person
from bot.domain.nudging import REFLECTION
from bot.domain.people import Identity
from bot.domain.ports import Button, Outgoing, Sent
from bot.domain.privacy import EXPORT_FILE_NAME
from bot.domain.reports import ProgressView
from bot.domain.schedule import valid_zone
from bot.telegram.keyboards import markup
from bot.texts import day_name, language_for, short_date, text
from bot.wiring import Services

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
JOIN_PREFIX = "join-"
WORDS_PREFIX = "words-"


def identity(user: User) -> Identity:
    """The domain's view of a Telegram user."""
    return Identity(user.id, user.full_name or user.first_name or "", user.language_code)


def is_private(chat: Chat | None) -> bool:
    """Whether the update came from a one-to-one chat with the bot."""
    return chat is not None and chat.type == ChatType.PRIVATE


def is_group(chat: Chat | None) -> bool:
    """Whether the update came from a group or supergroup."""
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def reply(message: Message, outgoing: Outgoing) -> None:
    """Answer a message with text and buttons."""
    await message.reply_text(outgoing.text, reply_markup=markup(outgoing))


class TelegramHandlers:
    """Every command, text and button of Kept on Telegram."""

    def __init__(self, services: Services, bot_username: Callable[[], str]) -> None:
        self._s = services
        self._bot_username = bot_username

    # -- helpers -------------------------------------------------------------------------

    async def _person(self, update: Update) -> Person | None:
        user = update.effective_user
        return await self._s.people.find(identity(user)) if user else None

    async def _run(
        self,
        update: Update,
        action: Callable[[Person], Awaitable[Outgoing | None]],
        *,
        where: str = "private",
    ) -> None:
        """Resolve the person, check the chat kind, run the action, reply or explain the error."""
        message = update.effective_message
        if message is None or update.effective_user is None:
            return
        person = await self._person(update)
        language = person.language if person else _language(update.effective_user)
        if where == "private" and not is_private(update.effective_chat):
            await reply(message, Outgoing(text(language, "private_only")))
            return
        if where == "group" and not is_group(update.effective_chat):
            await reply(message, Outgoing(text(language, "group_only")))
            return
        if person is None:
            await reply(message, Outgoing(text(language, "need_start")))
            return
        try:
            outgoing = await action(person)
        except KeptError as error:
            outgoing = Outgoing(text(language, error.key, **error.params))
        if outgoing is not None:
            await reply(message, outgoing)

    # -- pairing and people --------------------------------------------------------------

    async def start(self, update: Update, context: Context) -> None:
        """/start, and /start join-<code> from an invitation link."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        if not is_private(update.effective_chat):
            await reply(message, Outgoing(text(_language(user), "private_only")))
            return
        person, new = await self._s.people.start(identity(user))
        greeting = (
            text(person.language, "welcome", name=person.name, timezone=person.timezone)
            if new
            else text(person.language, "welcome_back", name=person.name)
        )
        await reply(message, Outgoing(greeting))
        payload = context.args[0] if context.args else ""
        if payload.lower().startswith(JOIN_PREFIX):
            await self._join(message, person, payload[len(JOIN_PREFIX) :])
        elif payload.startswith(WORDS_PREFIX) and _ascii_digits(payload[len(WORDS_PREFIX) :]):
            try:
                outgoing = await self._s.checkins.start_words(
                    person, int(payload[len(WORDS_PREFIX) :][:18])
                )
            except KeptError as error:
                outgoing = Outgoing(text(person.language, error.key, **error.params))
            await reply(message, outgoing)

    async def _join(self, message: Message, person: Person, code: str) -> None:
        try:
            joined = await self._s.pairing.join(person, code)
        except KeptError as error:
            await reply(message, Outgoing(text(person.language, error.key, **error.params)))
            return
        paired = text(person.language, "paired_you", partner=joined.inviter.name)
        await reply(message, Outgoing(f"{paired}\n\n{text(person.language, 'paired_hint')}"))

    async def join(self, update: Update, context: Context) -> None:
        """/join <code>."""

        async def action(person: Person) -> Outgoing | None:
            if not context.args:
                return Outgoing(text(person.language, "join_usage"))
            assert update.effective_message is not None
            await self._join(update.effective_message, person, " ".join(context.args))
            return None

        await self._run(update, action)

    async def timezone(self, update: Update, context: Context) -> None:
        """/timezone <Area/City>."""

        async def action(person: Person) -> Outgoing:
            if not context.args:
                return Outgoing(text(person.language, "timezone_usage", timezone=person.timezone))
            name = await self._s.people.set_timezone(person, context.args[0])
            zone = valid_zone(name)
            local = datetime.now(zone).strftime("%H:%M")
            return Outgoing(text(person.language, "timezone_set", timezone=name, local_time=local))

        await self._run(update, action)

    async def language(self, update: Update, context: Context) -> None:
        """/language <en or es>: the language of the person's messages, answered in it."""

        async def action(person: Person) -> Outgoing:
            if not context.args:
                return Outgoing(text(person.language, "language_usage"))
            chosen = await self._s.people.set_language(person, context.args[0])
            return Outgoing(text(chosen, "language_set"))

        await self._run(update, action)

    async def pair(self, update: Update, _: Context) -> None:
        """/pair: make an invitation link and code."""

        async def action(person: Person) -> Outgoing:
            invite = await self._s.pairing.invite(person)
            link = f"https://t.me/{self._bot_username()}?start={JOIN_PREFIX}{invite.code}"
            return Outgoing(text(person.language, "pair_invite", link=link, code=invite.code))

        await self._run(update, action)

    async def link(self, update: Update, _: Context) -> None:
        """/link in the couple's group chat."""
        chat = update.effective_chat

        async def action(person: Person) -> Outgoing:
            assert chat is not None
            linked = await self._s.pairing.link(person, chat.id)
            done = text(person.language, "link_done", a=linked.names[0], b=linked.names[1])
            if not linked.partner_in_group:
                done += "\n\n" + text(
                    person.language, "link_partner_missing", partner=linked.partner_name
                )
            return Outgoing(done)

        await self._run(update, action, where="group")

    async def help(self, update: Update, _: Context) -> None:
        """/help, anywhere."""
        message = update.effective_message
        if message is None or update.effective_user is None:
            return
        person = await self._person(update)
        language = person.language if person else _language(update.effective_user)
        await reply(message, Outgoing(text(language, "help")))

    # -- commitments ----------------------------------------------------------------------

    async def commit(self, update: Update, context: Context) -> None:
        """/commit (guided) or /commit HH:MM text (daily, at once)."""

        async def action(person: Person) -> Outgoing:
            if not context.args:
                return await self._s.commitments.begin(person)
            args = _command_rest(update)
            return added_reply(person, await self._s.commitments.add_line(person, args))

        await self._run(update, action)

    async def cancel(self, update: Update, _: Context) -> None:
        """/cancel: leave a guided step."""

        async def action(person: Person) -> Outgoing:
            await self._s.commitments.cancel(person)
            return Outgoing(text(person.language, "commit_cancelled"))

        await self._run(update, action)

    async def commitments(self, update: Update, _: Context) -> None:
        """/commitments: list with pause / resume / change time / delete."""

        async def action(person: Person) -> Outgoing:
            return commitments_view(person, await self._s.commitments.listing(person))

        await self._run(update, action)

    # -- the daily loop -------------------------------------------------------------------

    async def today(self, update: Update, _: Context) -> None:
        """/today: today's nudges, answerable."""
        await self._run(update, self._s.nudges.today)

    async def skip(self, update: Update, _: Context) -> None:
        """/skip: leave the reflection after a miss unwritten."""

        async def action(person: Person) -> Outgoing:
            kind = person.pending.kind if person.pending else None
            if kind == WORDS:
                return await self._s.checkins.got_words(person, None)
            if kind != REFLECTION:
                return Outgoing(text(person.language, "unknown_text"))
            return Outgoing(await self._s.nudges.skip_reflection(person))

        await self._run(update, action)

    async def text_message(self, update: Update, _: Context) -> None:
        """Free text in private: the answer to whatever guided step is pending."""
        message = update.effective_message
        if message is None or message.text is None:
            return

        async def action(person: Person) -> Outgoing:
            return await self._pending_answer(person, message.text or "")

        await self._run(update, action)

    async def _pending_answer(self, person: Person, words: str) -> Outgoing:
        kind = person.pending.kind if person.pending else None
        if kind == COMMIT_WHAT:
            return await self._s.commitments.got_what(person, words)
        if kind == COMMIT_TIME:
            return added_reply(person, await self._s.commitments.got_time(person, words))
        if kind == CHANGE_TEXT:
            return await self._s.commitments.got_smaller(person, words)
        if kind == CHANGE_TIME:
            changed = await self._s.commitments.got_new_time(person, words)
            return Outgoing(
                text(person.language, "commitment_time_set", text=changed.text, time=_hhmm(changed))
            )
        if kind == REFLECTION:
            return await self._s.nudges.reflect(person, words)
        if kind == WORDS:
            return await self._s.checkins.got_words(person, words)
        if kind in CHORE_STEPS:
            return await self._s.chores.got_text(person, words)
        if kind == COMMIT_DAYS:
            return days_question(person.language)
        return Outgoing(text(person.language, "unknown_text"))

    async def unknown_command(self, update: Update, _: Context) -> None:
        """A command Kept does not have: say so in private, or when addressed in a group."""
        message = update.effective_message
        if message is None or update.effective_user is None or message.text is None:
            return
        word = message.text.split()[0]
        if not is_private(update.effective_chat) and not word.lower().endswith(
            "@" + self._bot_username().lower()
        ):
            return
        person = await self._person(update)
        language = person.language if person else _language(update.effective_user)
        await reply(message, Outgoing(text(language, "unknown_command")))

    async def pause(self, update: Update, context: Context) -> None:
        """/pause <days>: a holiday from nudges, with no penalty."""

        async def action(person: Person) -> Outgoing:
            if not context.args:
                return Outgoing(text(person.language, "pause_usage"))
            last = await self._s.holidays.pause(person, context.args[0])
            until = short_date(person.language, last)
            return Outgoing(text(person.language, "paused", until=until))

        await self._run(update, action)

    async def resume(self, update: Update, _: Context) -> None:
        """/resume: end a holiday early."""

        async def action(person: Person) -> Outgoing:
            await self._s.holidays.resume(person)
            return Outgoing(text(person.language, "resumed"))

        await self._run(update, action)

    # -- the weekly check-in and progress ------------------------------------------------

    async def checkin(self, update: Update, context: Context) -> None:
        """/checkin opens this week's check-in now; /checkin <weekday> <HH:MM> sets the slot."""

        async def action(person: Person) -> Outgoing | None:
            if context.args and len(context.args) >= 2:
                day, at = await self._s.checkins.set_slot(person, context.args[0], context.args[1])
                return Outgoing(
                    text(
                        person.language,
                        "checkin_slot_set",
                        day=day_name(person.language, day, wide=True),
                        time=at.strftime("%H:%M"),
                        timezone=person.timezone,
                    )
                )
            await self._s.checkins.open_now(person)
            # In the group the check-in message itself is the answer; in private, say where it is.
            if is_group(update.effective_chat):
                return None
            return Outgoing(text(person.language, "checkin_opened"))

        await self._run(update, action, where="any")

    async def progress(self, update: Update, _: Context) -> None:
        """/progress: yours in private, the couple's in the group; both with the chart."""
        chat = update.effective_chat
        message = update.effective_message

        async def action(person: Person) -> Outgoing | None:
            assert chat is not None and message is not None
            if is_group(chat):
                view = await self._s.progress.couple(person, chat.id)
            else:
                view = await self._s.progress.personal(person)
            await send_view(message, view)
            return None

        await self._run(update, action, where="any")

    # -- the chore plan -------------------------------------------------------------------

    async def chores(self, update: Update, _: Context) -> None:
        """/chores: the couple's week of chores, in private or in their linked group."""
        chat = update.effective_chat

        async def action(person: Person) -> Outgoing:
            assert chat is not None
            return await self._s.chores.plan(person, chat.id if is_group(chat) else None)

        await self._run(update, action, where="any")

    # -- privacy --------------------------------------------------------------------------

    async def export(self, update: Update, _: Context) -> None:
        """/export: everything stored about the person, as a JSON document."""
        message = update.effective_message

        async def action(person: Person) -> None:
            assert message is not None
            document = await self._s.privacy.export(person)
            data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
            await message.reply_document(
                data,
                filename=EXPORT_FILE_NAME,
                caption=text(person.language, "export_caption"),
            )

        await self._run(update, action)

    async def forget(self, update: Update, _: Context) -> None:
        """/forget: ask for the confirmation button before deleting anything."""
        await self._run(update, self._s.privacy.ask_forget)

    # -- buttons --------------------------------------------------------------------------

    async def button(self, update: Update, _: Context) -> None:
        """Every button press: decode, check against the database, act, answer the press."""
        query = update.callback_query
        if query is None:
            return
        person = await self._s.people.find(identity(query.from_user))
        language = person.language if person else _language(query.from_user)
        action = actions.decode(query.data)
        if person is None or action is None:
            await query.answer(text(language, refusal_for_unknown(action)))
            return
        pressed = Sent(query.message.chat.id, query.message.message_id) if query.message else None
        try:
            result = await self._press(person, action, pressed)
        except KeptError as error:
            await query.answer(fit_toast(text(language, error.key, **error.params)))
            return
        await query.answer(fit_toast(result.toast))
        if pressed is not None and result.edit is not None:
            await show_on_pressed(query, result.edit)
        for follow_up in result.send:
            if pressed is not None:
                await query.get_bot().send_message(
                    pressed.chat_id, follow_up.text, reply_markup=markup(follow_up)
                )

    async def _press(self, person: Person, action: actions.Action, pressed: Sent | None) -> Pressed:
        """Run a button's use case."""
        verb, arg = action.verb, action.arg
        if verb in (actions.KEPT, actions.MISSED):
            answered = await self._s.nudges.answer(person, int(arg), verb == actions.KEPT, pressed)
            prompt = (Outgoing(answered.reflection_prompt),) if answered.reflection_prompt else ()
            offer = (answered.follow_up,) if answered.follow_up else ()
            return Pressed(answered.toast, send=prompt + offer)
        if verb == actions.SHARE_REFLECTION:
            return Pressed(await self._s.nudges.share_reflection(person, int(arg)))
        if verb in (actions.SHARE_WORDS, actions.KEEP_WORDS):
            shared = verb == actions.SHARE_WORDS
            return Pressed(await self._s.checkins.decide_share(person, int(arg), shared))
        if verb == actions.SNOOZE:
            return Pressed(await self._s.nudges.snooze(person, int(arg), pressed))
        if verb == actions.NOTICED:
            return Pressed(await self._s.nudges.notice(person, int(arg)))
        if verb == actions.CHECKIN:
            choice = decode_choice(str(arg))
            if choice is None:
                raise StaleButton()
            return Pressed(await self._s.checkins.choose(person, choice))
        if verb in (actions.DAYS, actions.PICK_DAY):
            return Pressed("", edit=await self._s.commitments.got_days(person, str(arg)))
        if verb == actions.FORGET:
            forgotten = await self._s.privacy.forget(person, int(arg))
            return Pressed("", edit=Outgoing(forgotten.message))
        if verb == actions.KEEP_DATA:
            return Pressed("", edit=Outgoing(await self._s.privacy.keep(person, int(arg))))
        if verb in actions.CHORE_VERBS:
            return await self._chore_press(person, verb, arg, pressed)
        return await self._commitment_press(person, verb, int(arg))

    async def _chore_press(
        self, person: Person, verb: str, arg: int | str, pressed: Sent | None
    ) -> Pressed:
        chores = self._s.chores
        where = pressed.chat_id if pressed else None
        if verb == actions.CHORE_ADD:
            return Pressed(await chores.begin_add(person, int(arg), where))
        if verb == actions.CHORE_SWAP:
            return Pressed(await chores.ask_swap(person, int(arg), where))
        if verb == actions.CHORE_WHO:
            done = await chores.choose_who(person, int(arg))
        elif verb in (actions.CHORE_DAYS, actions.CHORE_PICK_DAY):
            done = await chores.choose_days(person, str(arg))
        elif verb == actions.SWAP_DAY:
            done = await chores.request_swap(person, int(arg))
        else:
            done = await chores.answer_swap(person, int(arg), verb == actions.SWAP_ACCEPT)
        return Pressed(done.toast, edit=done.edit)

    async def _commitment_press(self, person: Person, verb: str, commitment_id: int) -> Pressed:
        lang = person.language
        service = self._s.commitments
        if verb == actions.PAUSE:
            c = await service.pause(person, commitment_id)
            toast = text(lang, "commitment_paused", text=c.text)
        elif verb == actions.RESUME:
            c = await service.resume(person, commitment_id)
            when = f"{short_date(lang, c.next_local_date)} {_hhmm(c)}" if c.next_local_date else "—"
            toast = text(lang, "commitment_resumed", text=c.text, when=when)
        elif verb == actions.CHANGE_TIME:
            c = await service.ask_new_time(person, commitment_id)
            return Pressed("", send=(Outgoing(text(lang, "commitment_time_ask", text=c.text)),))
        elif verb == actions.FEWER_DAYS:
            return Pressed("", send=(await service.ask_fewer_days(person, commitment_id),))
        elif verb == actions.SMALLER:
            return Pressed("", send=(await service.ask_smaller(person, commitment_id),))
        elif verb == actions.DELETE:
            c = await service.get(person, commitment_id)
            return Pressed("", edit=delete_confirmation(lang, c))
        elif verb == actions.CONFIRM_DELETE:
            c = await service.delete(person, commitment_id)
            toast = text(lang, "commitment_deleted", text=c.text)
        elif verb == actions.CANCEL_DELETE:
            toast = text(lang, "commitment_delete_cancelled")
        else:
            raise StaleButton()
        return Pressed(toast, edit=commitments_view(person, await service.listing(person)))


@dataclass(frozen=True)
class Pressed:
    """What a button press leads to: a toast, maybe an edit of its message, maybe a new one."""

    toast: str
    edit: Outgoing | None = None
    send: tuple[Outgoing, ...] = ()


def delete_confirmation(language: str, commitment: Commitment) -> Outgoing:
    """Ask before deleting: deleting stops the nudges for good."""
    return Outgoing(
        text(language, "commitment_delete_confirm", text=commitment.text),
        (
            (
                Button(
                    text(language, "btn_confirm_delete"),
                    actions.encode(actions.CONFIRM_DELETE, commitment.id),
                ),
                Button(
                    text(language, "btn_keep_it"),
                    actions.encode(actions.CANCEL_DELETE, commitment.id),
                ),
            ),
        ),
    )


async def show_on_pressed(query: CallbackQuery, outgoing: Outgoing) -> None:
    """Edit the pressed message; after a double tap it may already show this very state."""
    try:
        await query.edit_message_text(outgoing.text, reply_markup=markup(outgoing))
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


def fit_toast(toast: str) -> str:
    """A button answer within Telegram's limit; longer ones are refused with 400."""
    limit = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
    return toast if len(toast) <= limit else toast[: limit - 1] + "…"


def refusal_for_unknown(action: actions.Action | None) -> str:
    """What to tell someone Kept does not know yet (or a press it cannot read)."""
    if action is None:
        return "error_stale"
    if action.verb in (actions.CHECKIN, actions.NOTICED):
        return "error_not_partner"
    if action.verb in (actions.KEPT, actions.MISSED):
        return "error_not_yours"
    if action.verb in (actions.FORGET, actions.KEEP_DATA):
        return "error_forget_stale"
    if action.verb in (
        actions.CHORE_ADD,
        actions.CHORE_SWAP,
        actions.SWAP_ACCEPT,
        actions.SWAP_DECLINE,
    ):
        return "error_not_partner"
    return "need_start"


async def send_view(message: Message, view: ProgressView) -> None:
    """Reply with a progress text and its chart."""
    await message.reply_text(view.text)
    await message.reply_photo(view.chart, caption=view.caption)


def _ascii_digits(word: str) -> bool:
    """Only 0-9: str.isdigit() also accepts '²', which int() refuses."""
    return word.isascii() and word.isdigit()


def _language(user: User) -> str:
    return language_for(user.language_code)


def _command_rest(update: Update) -> str:
    """The text after the command word, with its original spacing."""
    message = update.effective_message
    assert message is not None and message.text is not None
    _, _, rest = message.text.partition(" ")
    return rest


def _hhmm(commitment: Commitment) -> str:
    return commitment.local_time.strftime("%H:%M")


def added_reply(person: Person, added: Added) -> Outgoing:
    """The confirmation of a new commitment, with the vague-word hint when it applies."""
    c = added.commitment
    body = text(
        person.language,
        "commit_added",
        text=c.text,
        days=days_label(person.language, c.weekdays),
        time=_hhmm(c),
    )
    if added.vague:
        body += text(person.language, "commit_vague", word=added.vague)
    return Outgoing(body)


def commitments_view(person: Person, commitments: list[Commitment]) -> Outgoing:
    """The list of commitments with a row of buttons for each."""
    lang = person.language
    if not commitments:
        return Outgoing(text(lang, "commitments_none"))
    lines = [text(lang, "commitments_header")]
    rows: list[tuple[Button, ...]] = []
    for number, c in enumerate(commitments, 1):
        paused = c.state == CommitmentState.PAUSED
        state = text(lang, "state_paused") if paused else ""
        lines.append(
            text(
                lang,
                "commitment_line",
                number=number,
                text=c.text,
                days=days_label(lang, c.weekdays),
                time=_hhmm(c),
                state=state,
            )
        )
        toggle = (
            Button(text(lang, "btn_resume", number=number), actions.encode(actions.RESUME, c.id))
            if paused
            else Button(text(lang, "btn_pause", number=number), actions.encode(actions.PAUSE, c.id))
        )
        rows.append(
            (
                toggle,
                Button(
                    text(lang, "btn_time", number=number), actions.encode(actions.CHANGE_TIME, c.id)
                ),
                Button(
                    text(lang, "btn_delete", number=number), actions.encode(actions.DELETE, c.id)
                ),
            )
        )
    return Outgoing("\n".join(lines), tuple(rows))
