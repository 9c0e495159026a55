"""The weekly check-in: opened in the couple's group or in each partner's own chat, answered
privately, revealed together."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.domain.charts_port import ChartMaker
from bot.domain.checkin_rules import (
    CHOICE_QUESTIONS,
    SAFETY,
    CheckinMode,
    Choice,
    newly_low,
    next_question,
    next_slot,
    parse_weekday,
    words_of_crisis,
)
from bot.domain.couples import both_partners
from bot.domain.errors import (
    CheckinAlreadyOpen,
    CheckinDone,
    NotAPartner,
    NotPaired,
    StaleButton,
)
from bot.domain.models import (
    Checkin,
    CheckinAnswer,
    CheckinSlot,
    Couple,
    Pending,
    Person,
)
from bot.domain.notify import attempt, notify
from bot.domain.ports import (
    Clock,
    Messenger,
    Outgoing,
    Sent,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.domain.reveal import Revealer
from bot.domain.safety import clean_words
from bot.domain.schedule import parse_local_time, zone_of
from bot.domain.support import resources_of
from bot.texts import text
from bot.views.checkins import (
    announcement,
    checkin_message,
    choice_question,
    share_question,
    words_question,
)
from bot.views.safety import low_safety_reply

log = logging.getLogger(__name__)

REMIND_AFTER = timedelta(hours=24)
CLOSE_AFTER = timedelta(hours=72)
WORDS = "checkin_words"
MAX_WORDS = 1000


class CheckinService:
    """Opens, collects, reminds, closes and reveals the weekly check-in."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        messenger: Messenger,
        charts: ChartMaker,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger
        self._revealer = Revealer(uow, clock, messenger, charts)
        self._bot_link = "https://t.me/"

    def set_bot_link(self, link: str) -> None:
        """The bot's t.me link, known once the transport has asked who the bot is."""
        self._bot_link = link

    # -- schedule -------------------------------------------------------------------------

    async def set_slot(self, person: Person, weekday: str, at: str) -> tuple[int, time]:
        """Set the couple's weekly slot in this person's time zone."""
        day, local = parse_weekday(weekday), parse_local_time(at)
        async with self._uow() as uow:
            couple = await _couple_of(uow, person)
            slot = CheckinSlot(day, local, person.timezone, None)
            slot = replace(slot, next_at=next_slot(slot, person.timezone, self._clock.now()))
            await uow.couples.set_slot(couple.id, slot)
            await uow.commit()
        return day, local

    # -- opening --------------------------------------------------------------------------

    async def open_now(self, person: Person) -> CheckinMode:
        """/checkin: open this week's check-in now, if none is open and this week's is not done;
        the mode says where the partners answer."""
        async with self._uow() as uow:
            couple = await _couple_of(uow, person)
            if await uow.checkins.open_of(couple.id) is not None:
                raise CheckinAlreadyOpen()
        mode = await self._open(couple, self._clock.now())
        if mode is None:
            raise CheckinDone()
        return mode

    async def open_due(self) -> int:
        """Open the check-ins whose weekly slot has come; late ones too while their week lasts."""
        now = self._clock.now()
        opened = 0
        async with self._uow() as uow:
            due = await uow.couples.due_checkins(now, 200)
        for couple in due:
            async with self._uow() as uow:
                slot = await uow.couples.slot(couple.id)
                zone = slot.timezone or await _inviter_zone(uow, couple.id)
                assert slot.next_at is not None
                await uow.couples.set_next_checkin(
                    couple.id, next_slot(slot, zone, max(now, slot.next_at + timedelta(minutes=1)))
                )
                busy = await uow.checkins.open_of(couple.id) is not None
                await uow.commit()
            same_week = _iso(slot.next_at, zone) == _iso(now, zone)
            if not busy and same_week:
                opened += await self._open(couple, now) is not None
        return opened

    async def _open(self, couple: Couple, now: datetime) -> CheckinMode | None:
        """Open this week's check-in once; None when it exists already."""
        async with self._uow() as uow:
            zone = (await uow.couples.slot(couple.id)).timezone or await _inviter_zone(
                uow, couple.id
            )
            year, week = _iso(now, zone)
            checkin = await uow.checkins.add_if_absent(couple.id, year, week, now)
            a, b = await both_partners(uow, couple)
            await uow.commit()
        if checkin is None:
            return None
        shared = await self._shared_group(couple, a, b)
        in_group = shared is not None and self._messenger.choices_are_private(shared)
        if shared is not None:
            await self._post(checkin.id, shared, announce=not in_group)
        if in_group:
            # The safety question is never asked in the group: only its author sees the answer.
            for person in (a, b):
                await self._ask_choice(person, checkin, SAFETY, intro=True, alone=True)
            return CheckinMode.GROUP
        for person in (a, b):
            await self._ask_choice(person, checkin, CHOICE_QUESTIONS[0], intro=True)
        return CheckinMode.PRIVATE

    async def _shared_group(self, couple: Couple, a: Person, b: Person) -> int | None:
        """The couple's linked group, if both partners are in it."""
        group = couple.group_chat_id
        if group is None:
            return None
        for person in (a, b):
            if not await self._is_member(group, person):
                return None
        return group

    async def _is_member(self, group: int, person: Person) -> bool:
        if person.chat_id is None:
            return False
        member = await attempt(
            self._messenger.is_member(group, person.chat_id), "check group membership"
        )
        # A hiccup of the transport keeps the check-in in the group, as it always was.
        return member is None or member

    async def _post(self, checkin_id: int, group: int, *, announce: bool) -> None:
        """Post the check-in's message in the group and remember it, to refresh and close it."""
        message = await self._group_message(checkin_id, announce=announce)
        sent = await attempt(self._messenger.send(group, message), f"post check-in {checkin_id}")
        if sent is None:
            return
        async with self._uow() as uow:
            await uow.checkins.set_message(checkin_id, sent.chat_id, sent.message_id)
            await uow.commit()

    async def _group_message(self, checkin_id: int, *, announce: bool) -> Outgoing:
        """The group's view: the questions with their choices, or only an announcement."""
        async with self._uow() as uow:
            checkin = await uow.checkins.get(checkin_id)
            assert checkin is not None
            couple = await uow.couples.get(checkin.couple_id)
            assert couple is not None
            a, b = await both_partners(uow, couple)
            answers = {x.person_id: x for x in await uow.checkins.answers(checkin_id)}
        if announce:
            return announcement(a, b, checkin, answers)
        return checkin_message(a, b, checkin, answers, self._bot_link)

    def _asks_privately(self, checkin: Checkin) -> bool:
        """Whether the questions go to each partner's own chat rather than under the group's
        message: the group message exists only where choices are private."""
        return checkin.chat_id is None or not self._messenger.choices_are_private(checkin.chat_id)

    async def _ask_choice(
        self,
        person: Person,
        checkin: Checkin,
        question: str,
        *,
        intro: bool = False,
        alone: bool = False,
    ) -> int:
        """Send one choice question to the person's own chat, `alone` when the others are in
        the group; 1 when it was delivered."""
        message = choice_question(person.language, checkin, question, intro=intro, alone=alone)
        return int(await notify(self._messenger, person, message, f"the {question} question"))

    # -- answering ------------------------------------------------------------------------

    async def choose(self, person: Person, choice: Choice) -> str:
        """Record one private choice; refresh who has answered; ask what comes next or reveal.

        Returns the note for the person: empty when a question follows in their own chat, since
        that question acknowledges the choice and a note after it would stand between the
        question and its answer."""
        now = self._clock.now()
        async with self._uow() as uow:
            checkin, before = await self._answerable(uow, person, choice.checkin_id)
            answer = before.with_choice(choice.question, choice.value)
            ask_words = answer.choices_done and not answer.words_asked
            if ask_words:
                answer = replace(answer, words_asked=True)
                await uow.people.set_pending(person.id, Pending(WORDS, {"id": checkin.id, "q": 1}))
            await uow.checkins.save_answer(answer, now)
            await uow.commit()
        if newly_low(before, answer):
            # Help at once, before any next question, and only here in private.
            help_now = low_safety_reply(person.language, resources_of(person))
            await notify(self._messenger, person, help_now, "where to find help")
        privately = self._asks_privately(checkin)
        asked = False
        if privately:
            asked = await self._next_privately(person, checkin, before, answer, choice.question)
        else:
            await self._refresh(checkin)
        if ask_words:
            await self._ask_words(person, 1)
        await self.reveal_if_complete(checkin.id)
        if privately and (asked or ask_words):
            return ""
        return text(person.language, "checkin_noted")

    async def _next_privately(
        self,
        person: Person,
        checkin: Checkin,
        before: CheckinAnswer,
        answer: CheckinAnswer,
        question: str,
    ) -> bool:
        """After a private choice: refresh the group's announcement when the person's status
        changes, and ask the next question after a first answer. True when one was sent."""
        # The announcement shows only who has answered: other edits would be noise.
        if before.choices_done != answer.choices_done:
            await self._refresh(checkin)
        following = next_question(answer)
        # A press repeated, or an answer changed, asks nothing again.
        if following is None or getattr(before, question) is not None:
            return False
        return await self._ask_choice(person, checkin, following) > 0

    async def _answerable(
        self, uow: UnitOfWork, person: Person, checkin_id: int
    ) -> tuple[Checkin, CheckinAnswer]:
        checkin = await uow.checkins.get(checkin_id)
        if checkin is None:
            raise StaleButton()
        couple = await uow.couples.get(checkin.couple_id)
        if couple is None or not couple.has(person.id):
            raise NotAPartner()
        if checkin.closed_at is not None:
            raise StaleButton()
        mine = [x for x in await uow.checkins.answers(checkin.id) if x.person_id == person.id]
        return checkin, mine[0] if mine else CheckinAnswer(checkin.id, person.id)

    async def _refresh(self, checkin: Checkin) -> None:
        if checkin.chat_id is None or checkin.message_id is None:
            return
        announce = not self._messenger.choices_are_private(checkin.chat_id)
        message = await self._group_message(checkin.id, announce=announce)
        shown = Sent(checkin.chat_id, checkin.message_id)
        await attempt(self._messenger.edit(shown, message), f"refresh check-in {checkin.id}")

    async def start_words(self, person: Person, checkin_id: int) -> Outgoing:
        """The deep link from the group: ask the first open question privately."""
        async with self._uow() as uow:
            checkin, answer = await self._answerable(uow, person, checkin_id)
            await uow.checkins.save_answer(replace(answer, words_asked=True), self._clock.now())
            await uow.people.set_pending(person.id, Pending(WORDS, {"id": checkin.id, "q": 1}))
            await uow.commit()
        return Outgoing(words_question(person.language, 1))

    async def _ask_words(self, person: Person, number: int) -> None:
        question = Outgoing(words_question(person.language, number))
        await notify(self._messenger, person, question, "the next question")

    async def got_words(self, person: Person, words: str | None) -> Outgoing:
        """An open answer arrived (None = /skip): store it, ask the next one or finish."""
        assert person.pending is not None
        checkin_id, number = int(person.pending.data["id"]), int(person.pending.data["q"])
        cleaned = clean_words(words, MAX_WORDS) if words else None
        async with self._uow() as uow:
            try:
                _, answer = await self._answerable(uow, person, checkin_id)
            except StaleButton:
                await uow.people.set_pending(person.id, None)
                await uow.commit()
                raise
            answer = answer.with_words(number, cleaned or None)
            nxt = Pending(WORDS, {"id": checkin_id, "q": 2}) if number == 1 else None
            await uow.people.set_pending(person.id, nxt)
            await uow.checkins.save_answer(answer, self._clock.now())
            await uow.commit()
        if number == 1:
            return Outgoing(words_question(person.language, 2))
        if answer.has_words and not words_of_crisis(answer):
            return share_question(person.language, checkin_id, answer)
        if answer.has_words:
            # Words of crisis are never offered for sharing: they stay with their author.
            return await self._keep_private(person, checkin_id)
        await self.reveal_if_complete(checkin_id)
        return Outgoing(text(person.language, "checkin_words_thanks"))

    async def _keep_private(self, person: Person, checkin_id: int) -> Outgoing:
        async with self._uow() as uow:
            _, answer = await self._answerable(uow, person, checkin_id)
            await uow.checkins.save_answer(answer.with_share(False), self._clock.now())
            await uow.commit()
        await self.reveal_if_complete(checkin_id)
        return Outgoing(text(person.language, "words_kept_private"))

    async def decide_share(self, person: Person, checkin_id: int, shared: bool) -> str:
        """The author shares their words in the reveal, or keeps them private."""
        async with self._uow() as uow:
            _, answer = await self._answerable(uow, person, checkin_id)
            if not answer.has_words or (shared and words_of_crisis(answer)):
                raise StaleButton()
            await uow.checkins.save_answer(answer.with_share(shared), self._clock.now())
            await uow.commit()
        await self.reveal_if_complete(checkin_id)
        return text(person.language, "words_shared" if shared else "words_private")

    # -- follow-up and reveal -------------------------------------------------------------

    async def remind_due(self) -> int:
        """Remind, privately and once, a partner who has not answered after 24 hours; asked
        privately, the reminder is the next question itself."""
        now = self._clock.now()
        reminded = 0
        async with self._uow() as uow:
            waiting = await uow.checkins.needing_reminder(now - REMIND_AFTER, 200)
        for checkin in waiting:
            async with self._uow() as uow:
                await uow.checkins.mark_reminded(checkin.id, now)
                couple = await uow.couples.get(checkin.couple_id)
                answers = {x.person_id: x for x in await uow.checkins.answers(checkin.id)}
                assert couple is not None
                people = [
                    await uow.people.get(i) for i in (couple.partner_a_id, couple.partner_b_id)
                ]
                await uow.commit()
            for person in people:
                if person is not None:
                    answer = answers.get(person.id) or CheckinAnswer(checkin.id, person.id)
                    reminded += await self._remind(person, checkin, answer)
        return reminded

    async def _remind(self, person: Person, checkin: Checkin, answer: CheckinAnswer) -> int:
        """Remind one partner whose choices are not all made; 1 when a reminder went out."""
        question = next_question(answer)
        if person.chat_id is None or question is None:
            return 0
        privately = self._asks_privately(checkin)
        if privately or question == SAFETY:
            return await self._ask_choice(
                person, checkin, question, intro=True, alone=not privately
            )
        reminder = Outgoing(text(person.language, "checkin_reminder"))
        return int(await notify(self._messenger, person, reminder, "of the check-in"))

    async def close_due(self) -> int:
        """Close check-ins open for 72 hours and reveal what was answered."""
        now = self._clock.now()
        async with self._uow() as uow:
            old = await uow.checkins.to_close(now - CLOSE_AFTER, 200)
        return sum([await self.reveal(c.id) for c in old])

    async def reveal_if_complete(self, checkin_id: int) -> bool:
        """Reveal as soon as both partners have answered everything."""
        async with self._uow() as uow:
            answers = await uow.checkins.answers(checkin_id)
        if len(answers) == 2 and all(a.complete for a in answers):
            return await self.reveal(checkin_id)
        return False

    async def reveal(self, checkin_id: int) -> bool:
        """Close the check-in once and post both partners' answers, the week's facts and a chart."""
        return await self._revealer.reveal(checkin_id)


async def _couple_of(uow: UnitOfWork, person: Person) -> Couple:
    fresh = await uow.people.get(person.id)
    if fresh is None or fresh.couple_id is None:
        raise NotPaired()
    couple = await uow.couples.get(fresh.couple_id)
    if couple is None:
        raise NotPaired()
    return couple


async def _inviter_zone(uow: UnitOfWork, couple_id: int) -> str:
    couple = await uow.couples.get(couple_id)
    assert couple is not None
    inviter = await uow.people.get(couple.partner_a_id)
    return inviter.timezone if inviter else "UTC"


def _iso(moment: datetime, zone_name: str) -> tuple[int, int]:
    year, week, _ = moment.astimezone(zone_of(zone_name)).isocalendar()
    return year, week
