"""Use cases of the daily loop: answering a nudge, reflecting, noticing, today's list."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain import actions
from bot.domain.couples import couple_and_partner
from bot.domain.errors import (
    AlreadyAnswered,
    NotAPartner,
    NotYours,
    StaleButton,
)
from bot.domain.models import (
    SHARING_SUMMARY,
    Commitment,
    CommitmentState,
    Couple,
    Nudge,
    NudgeStatus,
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
from bot.domain.safety import clean_words, has_crisis_words
from bot.domain.schedule import local_today
from bot.domain.sizing import SizingAdvisor
from bot.texts import text
from bot.views.nudges import (
    answer_buttons,
    answer_label,
    later_lines,
    nudge_line,
    nudge_message,
    partner_message,
    share_button,
    short_date,
    summary_message,
    today_line,
)

log = logging.getLogger(__name__)

REFLECTION = "reflection"
SNOOZE_FOR = timedelta(hours=1)
MAX_REFLECTION = 2000


@dataclass(frozen=True)
class Answered:
    """A nudge answered: the short confirmation and whether a reflection is now awaited."""

    toast: str
    reflection_prompt: str | None
    follow_up: Outgoing | None = None


async def tell_partner(
    uow_factory: UnitOfWorkFactory,
    messenger: Messenger,
    owner: Person,
    partner: Person,
    couple: Couple,
    nudge: Nudge,
    commitment_text: str,
) -> None:
    """Send one answer to where the partner hears news as it happens (their group, if linked,
    else their private chat), and record where it went."""
    assert partner.chat_id is not None
    chat_id = couple.group_chat_id or partner.chat_id
    message = partner_message(owner, partner.language, nudge, commitment_text, None)
    sent = await attempt(messenger.send(chat_id, message), f"tell the partner of nudge {nudge.id}")
    if sent is None:
        return
    async with uow_factory() as uow:
        await uow.nudges.set_partner_message(nudge.id, sent.chat_id, sent.message_id)
        await uow.commit()


def answer_window_open(nudge: Nudge, today: date) -> bool:
    """A nudge can be answered on its day and the next local day, never later."""
    return today <= nudge.local_date + timedelta(days=1)


class NudgeService:
    """The person's side of a nudge, and the partner's acknowledgement."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        messenger: Messenger,
        sizing: SizingAdvisor | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._messenger = messenger
        self._sizing = sizing or SizingAdvisor(uow, clock)

    async def answer(
        self, person: Person, nudge_id: int, kept: bool, pressed: Sent | None
    ) -> Answered:
        """Record Kept or Missed once, refresh the messages showing it, and tell the partner."""
        status = NudgeStatus.KEPT if kept else NudgeStatus.MISSED
        now = self._clock.now()
        async with self._uow() as uow:
            nudge, commitment = await self._answerable(uow, person, nudge_id)
            if not await uow.nudges.answer(nudge.id, status, now):
                raise AlreadyAnswered(answer=answer_label(person.language, nudge.status))
            if not kept:
                await uow.people.set_pending(person.id, Pending(REFLECTION, {"id": nudge.id}))
            await uow.commit()
        answered = await self._refresh_views(person, nudge.id, pressed)
        await self._tell_partner(person, answered, commitment.text)
        toast = text(person.language, "answer_kept" if kept else "answer_missed")
        prompt = None if kept else text(person.language, "reflection_prompt", text=commitment.text)
        return Answered(toast, prompt, await self._sizing.offer(person, commitment.id))

    async def _answerable(
        self, uow: UnitOfWork, person: Person, nudge_id: int
    ) -> tuple[Nudge, Commitment]:
        nudge = await uow.nudges.get(nudge_id)
        if nudge is None:
            raise StaleButton()
        if nudge.person_id != person.id:
            raise NotYours()
        commitment = await uow.commitments.get(nudge.commitment_id)
        if commitment is None or commitment.state == CommitmentState.DELETED:
            raise StaleButton()
        if nudge.status in (NudgeStatus.KEPT, NudgeStatus.MISSED):
            raise AlreadyAnswered(answer=answer_label(person.language, nudge.status))
        today = local_today(person, self._clock.now())
        # SENDING too: a press can arrive before the send is recorded, the message is there.
        answerable = nudge.status in (NudgeStatus.SENT, NudgeStatus.SENDING)
        if not answerable or not answer_window_open(nudge, today):
            raise StaleButton()
        return nudge, commitment

    async def _refresh_views(self, person: Person, nudge_id: int, pressed: Sent | None) -> Nudge:
        """Edit the message the nudge is recorded in and, if the press came from another one
        (/today, or a re-send not recorded yet), that one too. Returns the nudge as it is now."""
        nudge, recorded, view = await self._recorded_view(person, nudge_id)
        if recorded is not None:
            await self._edit_quietly(recorded, view)
            if pressed is not None and pressed != recorded:
                await self._edit_quietly(pressed, await self.today(person))
        elif pressed is not None:
            # Pressed before its first send was recorded: the pressed message is the nudge.
            await self._edit_quietly(pressed, view)
        return nudge

    async def _recorded_view(
        self, person: Person, nudge_id: int
    ) -> tuple[Nudge, Sent | None, Outgoing]:
        """The nudge, the message it is recorded in (None before its first send is recorded),
        and how that message should read now, with every nudge it bundles.

        Read together, in one unit of work: a snoozed nudge sent again moves to its new
        message when that send is recorded, which may happen while this press is handled.
        """
        async with self._uow() as uow:
            nudge = await uow.nudges.get(nudge_id)
            if nudge is None:  # forgotten (/forget) in the meantime
                raise StaleButton()
            recorded = (
                Sent(nudge.chat_id, nudge.message_id)
                if nudge.chat_id is not None and nudge.message_id is not None
                else None
            )
            bundle = (
                await uow.nudges.in_message(recorded.chat_id, recorded.message_id)
                if recorded is not None
                else []
            )
            bundle = bundle or [nudge]
            texts = await uow.commitments.texts([n.commitment_id for n in bundle])
        return nudge, recorded, nudge_message(person, bundle, texts)

    async def _edit_quietly(self, sent: Sent, message: Outgoing) -> None:
        await attempt(self._messenger.edit(sent, message), f"refresh message {sent.message_id}")

    async def _tell_partner(self, owner: Person, nudge: Nudge, commitment_text: str) -> None:
        async with self._uow() as uow:
            couple, partner = await couple_and_partner(uow, owner)
        if couple is None or partner is None or partner.chat_id is None:
            return
        if partner.sharing == SHARING_SUMMARY:
            # The partner chose one summary a day: this answer waits for it (see bot.domain.sharing).
            return
        await tell_partner(
            self._uow, self._messenger, owner, partner, couple, nudge, commitment_text
        )

    async def snooze(self, person: Person, nudge_id: int, pressed: Sent | None) -> str:
        """Ask again in an hour; tomorrow's time does not move and nothing counts as missed."""
        until = self._clock.now() + SNOOZE_FOR
        async with self._uow() as uow:
            nudge, _ = await self._answerable(uow, person, nudge_id)
            # Asked again after it can no longer be answered, its buttons would all be dead.
            if not answer_window_open(nudge, local_today(person, until)):
                raise StaleButton()
            if not await uow.nudges.snooze(nudge.id, until):
                raise StaleButton()
            await uow.commit()
        await self._refresh_views(person, nudge.id, pressed)
        again = until.astimezone(person.zone).strftime("%H:%M")
        return text(person.language, "snoozed", time=again)

    async def notice(self, person: Person, nudge_id: int, pressed: Sent | None = None) -> str:
        """The partner says 'I noticed' (or, on a miss, 'Thanks for telling me'): record it once
        and let the owner see it."""
        now = self._clock.now()
        async with self._uow() as uow:
            nudge = await uow.nudges.get(nudge_id)
            if nudge is None or nudge.status not in (NudgeStatus.KEPT, NudgeStatus.MISSED):
                raise StaleButton()
            owner = await uow.people.get(nudge.person_id)
            if owner is None:
                raise StaleButton()
            if owner.id == person.id:
                raise NotYours()
            couple, _ = await couple_and_partner(uow, owner)
            if couple is None or not couple.has(person.id):
                raise NotAPartner()
            if not await uow.nudges.mark_noticed(nudge.id, now):
                raise AlreadyAnswered(answer="🤝")
            await uow.commit()
            noticed = await uow.nudges.get(nudge.id)
            assert noticed is not None
            # The partner's message as recorded; pressed before that was recorded, the pressed one.
            shown = (
                Sent(noticed.partner_chat_id, noticed.partner_message_id)
                if noticed.partner_chat_id is not None and noticed.partner_message_id is not None
                else pressed
            )
            summary = (
                await uow.summaries.by_message(shown.chat_id, shown.message_id) if shown else None
            )
            bundle = (
                await uow.nudges.in_partner_message(shown.chat_id, shown.message_id)
                if summary is not None and shown is not None
                else []
            ) or [noticed]
            texts = await uow.commitments.texts([n.commitment_id for n in bundle])
        commitment_text = texts.get(nudge.commitment_id, "…")
        if shown is not None:
            view = (
                summary_message(owner, person, bundle, texts)
                if summary is not None
                else partner_message(owner, person.language, noticed, commitment_text, person.name)
            )
            await self._edit_quietly(shown, view)
        await self._tell_owner_noticed(owner, person, noticed, commitment_text)
        missed = noticed.status == NudgeStatus.MISSED
        return text(
            person.language, "thanked_thanks" if missed else "noticed_thanks", name=owner.name
        )

    async def _tell_owner_noticed(
        self, owner: Person, noticer: Person, nudge: Nudge, commitment_text: str
    ) -> None:
        note = text(
            owner.language,
            "thanked_you" if nudge.status == NudgeStatus.MISSED else "noticed_you",
            partner=noticer.name,
            text=commitment_text,
            date=short_date(owner.language, nudge.local_date),
        )
        await notify(self._messenger, owner, Outgoing(note), f"their nudge {nudge.id} was seen")

    async def reflect(self, person: Person, words: str) -> Outgoing:
        """Keep the words written after a miss, privately; offer to share them.

        Words of violence, threat or self-harm are kept too, and never offered for sharing (the
        conversation has answered them with crisis lines first).
        """
        assert person.pending is not None
        cleaned = clean_words(words, MAX_REFLECTION)
        async with self._uow() as uow:
            nudge = await uow.nudges.get(int(person.pending.data["id"]))
            kept = nudge is not None and nudge.person_id == person.id and bool(cleaned)
            if kept and nudge is not None:
                await uow.nudges.set_reflection(nudge.id, cleaned)
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        if not kept or nudge is None:
            return Outgoing(text(person.language, "reflection_saved"))
        if has_crisis_words(cleaned):
            return Outgoing(text(person.language, "reflection_kept_private"))
        share = share_button(person.language, actions.SHARE_REFLECTION, nudge.id)
        return Outgoing(text(person.language, "reflection_saved_share"), share)

    async def share_reflection(self, person: Person, nudge_id: int) -> str:
        """The author chose to share their reflection: their partner reads it, privately."""
        now = self._clock.now()
        async with self._uow() as uow:
            nudge = await uow.nudges.get(nudge_id)
            # Words of crisis are never shared, not even by a forged or old button.
            if nudge is None or not nudge.reflection or has_crisis_words(nudge.reflection):
                raise StaleButton()
            if nudge.person_id != person.id:
                raise NotYours()
            _, partner = await couple_and_partner(uow, person)
            if partner is None or partner.chat_id is None:
                # Nobody to share with: nothing is marked shared, the words stay private.
                return text(person.language, "shared_nobody")
            if not await uow.nudges.mark_reflection_shared(nudge.id, now):
                raise AlreadyAnswered(answer="🤝")
            await uow.commit()
            texts = await uow.commitments.texts([nudge.commitment_id])
        note = text(
            partner.language,
            "partner_reflection",
            name=person.name,
            text=texts.get(nudge.commitment_id, "…"),
            words=nudge.reflection,
        )
        await notify(self._messenger, partner, Outgoing(note), f"reflection {nudge.id}")
        return text(person.language, "shared_done", name=partner.name)

    async def skip_reflection(self, person: Person) -> str:
        """Leave the reflection unwritten."""
        async with self._uow() as uow:
            await uow.people.set_pending(person.id, None)
            await uow.commit()
        return text(person.language, "reflection_skipped")

    async def today(self, person: Person) -> Outgoing:
        """Today's nudges (answerable ones with buttons), what is still to come, yesterday's open."""
        now = self._clock.now()
        today = local_today(person, now)
        yesterday = today - timedelta(days=1)
        async with self._uow() as uow:
            nudges = await uow.nudges.of_person_between(person.id, yesterday, today)
            commitments = await uow.commitments.of_person(person.id)
            texts = await uow.commitments.texts([n.commitment_id for n in nudges])
        # A deleted commitment's buttons are stale; /today must not offer them again.
        live = {c.id for c in commitments}
        nudges = [n for n in nudges if n.commitment_id in live]
        lang = person.language
        old_open = [n for n in nudges if n.local_date == yesterday and n.status == NudgeStatus.SENT]
        todays = [n for n in nudges if n.local_date == today]
        lines = [text(lang, "today_header", date=short_date(lang, today))]
        lines += [today_line(person, n, texts.get(n.commitment_id, "…")) for n in todays]
        planned = {n.commitment_id for n in todays}
        # On holiday nothing more comes today, so nothing is promised for later.
        if not person.paused_on(today):
            lines += later_lines(lang, commitments, planned, today)
        if old_open:
            lines += ["", text(lang, "today_yesterday_header", date=short_date(lang, yesterday))]
            lines += [nudge_line(person, n, texts.get(n.commitment_id, "…")) for n in old_open]
        if len(lines) == 1:
            return Outgoing(text(lang, "today_none"))
        return Outgoing("\n".join(lines), answer_buttons(person, [*todays, *old_open], texts))
