"""/unpair, the quiet way out: the couple ends, each keeps their own, the partner is told once.

These run on a real, migrated SQLite file through the real repositories (as DESIGN.md asks of
service tests): ending a couple leans on the database's cascades (the couple's chores go, the
check-ins stay with no couple), which an in-memory copy would only imitate.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text as sql_text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain import actions
from bot.domain.errors import (
    GroupNotLinked,
    InviteExpired,
    InviteUsed,
    NothingToUnpair,
    NotPaired,
    UnpairNotAwaited,
)
from bot.domain.models import Checkin, Commitment, Invite, Person
from bot.domain.pairing import UNPAIR
from bot.domain.people import Identity
from bot.domain.schedule import EVERY_DAY
from bot.texts import text
from bot.wiring import Services, build_services
from tests.fakes import FixedClock, RecordingCharts, RecordingMessenger
from tests.unit.conftest import START

ANA, BEN, CARL = (101, "Ana"), (202, "Ben"), (303, "Carl")
GROUP = -5001


@dataclass
class Sql:
    """The real services over a SQLite file, a fixed clock and a recording messenger."""

    engine: AsyncEngine
    uow: SqlUnitOfWorkFactory
    clock: FixedClock
    messenger: RecordingMessenger
    s: Services

    async def person(self, who: tuple[int, str]) -> Person:
        """Someone who sent /start."""
        person, _ = await self.s.people.start(Identity(who[0], who[1], "en"))
        return person

    async def fresh(self, person: Person) -> Person:
        """The person as stored now."""
        async with self.uow() as uow:
            found = await uow.people.get(person.id)
        assert found is not None
        return found

    async def invite(self, code: str) -> Invite:
        """An invitation as stored now."""
        async with self.uow() as uow:
            found = await uow.invites.get(code)
        assert found is not None
        return found

    async def commitments(self, person: Person) -> list[Commitment]:
        """The person's commitments as stored now."""
        async with self.uow() as uow:
            return await uow.commitments.of_person(person.id)

    async def checkin_row(self, checkin_id: int) -> tuple[object, ...]:
        """A check-in's couple and closing instant, read straight from its table."""
        async with self.engine.connect() as db:
            found = await db.execute(
                sql_text("SELECT couple_id, closed_at FROM checkins WHERE id = :id"),
                {"id": checkin_id},
            )
            return tuple(found.one())

    async def checkin(self, checkin_id: int) -> Checkin | None:
        """A check-in as the repositories hand it out (None once it belongs to no couple)."""
        async with self.uow() as uow:
            return await uow.checkins.get(checkin_id)

    async def linked_couple(self) -> tuple[Person, Person, Invite]:
        """Ana and Ben paired (Ana also made a second code first), their group linked, a promise
        each, and this week's check-in open in the group. Returns Ana's unused code."""
        ana, ben = await self.person(ANA), await self.person(BEN)
        spare = await self.s.pairing.invite(ana)
        used = await self.s.pairing.invite(ana)
        await self.s.pairing.join(ben, used.code)
        await self.s.pairing.link(await self.fresh(ana), GROUP)
        ana, ben = await self.fresh(ana), await self.fresh(ben)
        await self.s.commitments.add(ana, "Text Ben when I leave work", EVERY_DAY, time(21))
        await self.s.commitments.add(ben, "Walk the dog", EVERY_DAY, time(8))
        await self.s.checkins.open_now(ana)
        self.messenger.sent.clear()
        self.messenger.edits.clear()
        return ana, ben, spare


@pytest.fixture
async def sql(tmp_path: Path) -> AsyncIterator[Sql]:
    """A fresh, migrated SQLite file and every service over it."""
    url = f"sqlite+aiosqlite:///{tmp_path}/kept.db"
    # Alembic runs its own event loop, so it cannot run on this one.
    await asyncio.to_thread(upgrade, url)
    engine = make_engine(url)
    settings = Settings(None, "http://offline.invalid", url, "Europe/Madrid", "INFO")
    clock = FixedClock(START)
    messenger = RecordingMessenger()
    uow = SqlUnitOfWorkFactory(engine)
    try:
        services = build_services(settings, uow, clock, messenger, RecordingCharts())
        yield Sql(engine, uow, clock, messenger, services)
    finally:
        await engine.dispose()


async def confirm(sql: Sql, person: Person) -> int:
    """/unpair and its confirmation button's couple id."""
    asked = await sql.s.pairing.ask_unpair(await sql.fresh(person))
    [[yes, stay]] = asked.buttons
    assert actions.decode(stay.action) == actions.Action(actions.KEEP_COUPLE, person.couple_id or 0)
    decoded = actions.decode(yes.action)
    assert decoded is not None and decoded.verb == actions.UNPAIR
    return int(decoded.arg)


async def test_unpair_when_not_paired_is_a_kind_no(sql: Sql) -> None:
    carl = await sql.person(CARL)

    with pytest.raises(NothingToUnpair) as refused:
        await sql.s.pairing.ask_unpair(carl)

    assert isinstance(refused.value, NotPaired)
    assert text("en", refused.value.key).startswith("You're not paired with anyone right now")
    assert (await sql.fresh(carl)).pending is None
    assert sql.messenger.sent == []


async def test_asking_says_what_happens_and_changes_nothing_else(sql: Sql) -> None:
    ana, ben, _ = await sql.linked_couple()

    asked = await sql.s.pairing.ask_unpair(ana)

    assert asked.text == text("en", "unpair_confirm")
    for plainly in ("couple ends", "keep your promises", "short private note", "no reason"):
        assert plainly in asked.text
    assert "unlinked" in asked.text and "without showing" in asked.text and "/forget" in asked.text
    assert [b.label for b in asked.buttons[0]] == ["Yes, end the couple", "Stay paired"]
    couple_id = ana.couple_id
    assert couple_id is not None
    assert [b.action for b in asked.buttons[0]] == [f"uy:{couple_id}", f"ux:{couple_id}"]
    fresh = await sql.fresh(ana)
    assert fresh.pending is not None and fresh.pending.kind == UNPAIR
    assert fresh.pending.data == {"couple": couple_id}
    assert fresh.couple_id == (await sql.fresh(ben)).couple_id == couple_id
    assert sql.messenger.sent == []


async def test_unpair_ends_the_couple_and_each_keeps_their_own(sql: Sql) -> None:
    ana, ben, spare = await sql.linked_couple()
    ana_promises, ben_promises = await sql.commitments(ana), await sql.commitments(ben)
    async with sql.uow() as uow:
        checkin = await uow.checkins.open_of(ana.couple_id or 0)
    assert checkin is not None and checkin.chat_id == GROUP
    couple_id = await confirm(sql, ana)

    done = await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)

    assert done.partner_told and done.message == text("en", "unpair_done")
    # Told once, in Ben's private chat; nothing said or changed in the group.
    [note] = sql.messenger.sent
    assert note.chat_id == BEN[0]
    assert note.message.text == text("en", "partner_unpaired")
    assert "Ana" not in note.message.text and note.message.buttons == ()
    assert sql.messenger.edits == []
    # The couple is gone; both are single, with their promises, and Ana's step is over.
    ana, ben = await sql.fresh(ana), await sql.fresh(ben)
    assert ana.couple_id is None and ben.couple_id is None and ana.pending is None
    async with sql.uow() as uow:
        assert await uow.couples.get(couple_id) is None
        assert await uow.couples.by_group(GROUP) is None
    assert await sql.commitments(ana) == ana_promises
    assert await sql.commitments(ben) == ben_promises
    # The check-in closed without a reveal (the repositories no longer hand it out).
    assert await sql.checkin(checkin.id) is None
    couple_of_checkin, closed_at = await sql.checkin_row(checkin.id)
    assert couple_of_checkin is None and closed_at is not None
    assert not [m for m in sql.messenger.sent if m.chat_id == GROUP]
    # Invitations: the unused code expired, the used one stays used; neither pairs anyone.
    assert (await sql.invite(spare.code)).expires_at == START
    carl = await sql.person(CARL)
    with pytest.raises(InviteExpired):
        await sql.s.pairing.join(carl, spare.code)
    with pytest.raises(InviteExpired):
        await sql.s.pairing.join(ben, spare.code)


async def test_confirming_twice_ends_nothing_twice_and_tells_the_partner_once(sql: Sql) -> None:
    ana, _, _ = await sql.linked_couple()
    couple_id = await confirm(sql, ana)
    await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)

    with pytest.raises(UnpairNotAwaited) as again:
        await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)

    assert text("en", again.value.key).startswith("This choice is no longer open")
    assert [m.chat_id for m in sql.messenger.sent] == [BEN[0]]


async def test_foreign_or_unasked_presses_are_refused_and_change_nothing(sql: Sql) -> None:
    ana, ben, _ = await sql.linked_couple()
    carl = await sql.person(CARL)
    couple_id = await confirm(sql, ana)

    # Ben and Carl press Ana's button (forged); Ben never asked.
    for presser in (ben, carl):
        with pytest.raises(UnpairNotAwaited):
            await sql.s.pairing.unpair(await sql.fresh(presser), couple_id)
        with pytest.raises(UnpairNotAwaited):
            await sql.s.pairing.keep_couple(await sql.fresh(presser), couple_id)
    # Ana's own button, but for a couple that is not hers.
    with pytest.raises(UnpairNotAwaited):
        await sql.s.pairing.unpair(await sql.fresh(ana), couple_id + 1)

    ana, ben = await sql.fresh(ana), await sql.fresh(ben)
    assert ana.couple_id == ben.couple_id == couple_id
    assert ana.pending is not None and ana.pending.kind == UNPAIR
    assert sql.messenger.sent == []


async def test_stay_paired_changes_nothing_and_the_button_goes_stale(sql: Sql) -> None:
    ana, ben, _ = await sql.linked_couple()
    couple_id = await confirm(sql, ana)

    kept = await sql.s.pairing.keep_couple(await sql.fresh(ana), couple_id)

    assert kept == text("en", "unpair_cancelled")
    assert (await sql.fresh(ana)).pending is None
    with pytest.raises(UnpairNotAwaited):
        await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)
    assert (await sql.fresh(ben)).couple_id == couple_id
    assert sql.messenger.sent == []


async def test_a_partner_who_cannot_be_reached_is_not_said_to_be_told(sql: Sql) -> None:
    ana, _, _ = await sql.linked_couple()
    couple_id = await confirm(sql, ana)
    sql.messenger.block(BEN[0])

    done = await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)

    assert not done.partner_told and done.message == text("en", "unpair_done_untold")
    assert (await sql.fresh(ana)).couple_id is None


async def test_the_old_group_is_linked_to_no_one(sql: Sql) -> None:
    ana, ben, _ = await sql.linked_couple()
    couple_id = await confirm(sql, ana)
    await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)

    for person in (await sql.fresh(ana), await sql.fresh(ben)):
        with pytest.raises(GroupNotLinked):
            await sql.s.pairing.check_linked(person, GROUP)
        with pytest.raises(GroupNotLinked):
            await sql.s.progress.couple(person, GROUP)
        with pytest.raises(GroupNotLinked):
            await sql.s.chores.plan(person, GROUP)
    assert text("en", GroupNotLinked.key).startswith("This group isn't linked to a couple")


async def test_both_may_pair_again_with_each_other_or_not(sql: Sql) -> None:
    ana, ben, _ = await sql.linked_couple()
    couple_id = await confirm(sql, ana)
    await sql.s.pairing.unpair(await sql.fresh(ana), couple_id)
    carl = await sql.person(CARL)
    sql.clock.advance(timedelta(minutes=5))

    with_carl = await sql.s.pairing.invite(await sql.fresh(ben))
    joined = await sql.s.pairing.join(carl, with_carl.code)
    assert joined.couple.has((await sql.fresh(ben)).id) and joined.couple.has(carl.id)
    # Ana is free too, and her old promise is still hers in the new couple.
    new = await sql.s.pairing.invite(await sql.fresh(ana))
    dana = await sql.person((404, "Dana"))
    await sql.s.pairing.join(dana, new.code)
    assert (await sql.fresh(ana)).couple_id not in (None, joined.couple.id)
    assert [c.text for c in await sql.commitments(ana)] == ["Text Ben when I leave work"]
    # The old confirmation ends no new couple, even where SQLite gave the old id to a new one.
    for presser in (ana, ben):
        with pytest.raises(UnpairNotAwaited):
            await sql.s.pairing.unpair(await sql.fresh(presser), couple_id)
    assert (await sql.fresh(ben)).couple_id == joined.couple.id
    with pytest.raises(InviteUsed):
        await sql.s.pairing.join(await sql.person((505, "Eve")), with_carl.code)
