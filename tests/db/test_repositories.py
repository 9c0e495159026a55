"""The repository contract for people, couples, invites and commitments, on real databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import CommitmentState, Invite, Pending, Person

NOW = datetime(2026, 6, 10, 19, 0, 30, 123456, tzinfo=UTC)
MADRID = "Europe/Madrid"
TOKYO = "Asia/Tokyo"
EVERY_DAY = 0b1111111  # Monday is bit 0


async def add_person(
    uow: SqlUnitOfWorkFactory, chat_id: int, name: str = "Ana", timezone: str = MADRID
) -> Person:
    async with uow() as work:
        person = await work.people.add(chat_id, name, "en", timezone)
        await work.commit()
    return person


def assert_utc(moment: datetime | None) -> None:
    assert moment is not None
    assert moment.tzinfo is not None
    assert moment.utcoffset() == timedelta(0)


# People


async def test_people_add_get_and_find_by_chat_id(uow: SqlUnitOfWorkFactory) -> None:
    added = await add_person(uow, 1001, "Ana", MADRID)

    async with uow() as work:
        by_id = await work.people.get(added.id)
        by_telegram = await work.people.by_chat_id(1001)
        stranger = await work.people.by_chat_id(4242)
        missing = await work.people.get(added.id + 1000)

    assert by_id == added
    assert by_telegram == added
    assert (added.chat_id, added.name, added.language, added.timezone) == (
        1001,
        "Ana",
        "en",
        MADRID,
    )
    assert added.couple_id is None and added.pending is None
    assert_utc(added.created_at)
    assert stranger is None
    assert missing is None


async def test_people_setters_round_trip(uow: SqlUnitOfWorkFactory) -> None:
    person = await add_person(uow, 1001)

    async with uow() as work:
        await work.people.set_name(person.id, "Ana María")
        await work.people.set_timezone(person.id, TOKYO)
        await work.people.set_couple(person.id, 77)
        await work.commit()
    async with uow() as work:
        changed = await work.people.get(person.id)

    assert changed is not None
    assert (changed.name, changed.timezone, changed.couple_id) == ("Ana María", TOKYO, 77)


async def test_people_pending_round_trips_with_its_data(uow: SqlUnitOfWorkFactory) -> None:
    person = await add_person(uow, 1001)
    pending = Pending("commit_time", {"text": "text you when I'm late ✅", "weekdays": 127})

    async with uow() as work:
        await work.people.set_pending(person.id, pending)
        await work.commit()
    async with uow() as work:
        stored = await work.people.get(person.id)
        again = await work.people.by_chat_id(1001)

    assert stored is not None and stored.pending == pending
    assert again is not None and again.pending == pending

    async with uow() as work:
        await work.people.set_pending(person.id, None)
        await work.commit()
    async with uow() as work:
        cleared = await work.people.get(person.id)

    assert cleared is not None and cleared.pending is None


async def test_people_chat_id_is_unique(uow: SqlUnitOfWorkFactory) -> None:
    await add_person(uow, 1001)

    async with uow() as work:
        with pytest.raises(IntegrityError):
            await work.people.add(1001, "Impostor", "en", MADRID)


# Couples and invites


async def test_couples_add_link_group_and_find_by_group(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001, "Ana")
    ben = await add_person(uow, 1002, "Ben")

    async with uow() as work:
        couple = await work.couples.add(ana.id, ben.id)
        unlinked = await work.couples.by_group(-100500)
        await work.couples.link_group(couple.id, -100500)
        await work.commit()
    async with uow() as work:
        by_group = await work.couples.by_group(-100500)
        by_id = await work.couples.get(couple.id)
        other_group = await work.couples.by_group(-100501)
        missing = await work.couples.get(couple.id + 1000)

    assert (couple.partner_a_id, couple.partner_b_id, couple.group_chat_id) == (
        ana.id,
        ben.id,
        None,
    )
    assert unlinked is None
    assert by_group == by_id
    assert by_id is not None
    assert (by_id.id, by_id.partner_a_id, by_id.partner_b_id, by_id.group_chat_id) == (
        couple.id,
        ana.id,
        ben.id,
        -100500,
    )
    assert other_group is None
    assert missing is None


async def test_invites_add_get_and_mark_used(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001, "Ana")
    ben = await add_person(uow, 1002, "Ben")
    invite = Invite("k3pt-c0de", ana.id, NOW, NOW + timedelta(days=2))

    async with uow() as work:
        await work.invites.add(invite)
        await work.commit()
    async with uow() as work:
        stored = await work.invites.get("k3pt-c0de")
        missing = await work.invites.get("no-such-code")

    assert stored == invite
    assert stored is not None and stored.used_at is None and stored.used_by is None
    assert missing is None

    used_at = NOW + timedelta(hours=3)
    async with uow() as work:
        await work.invites.mark_used("k3pt-c0de", ben.id, used_at)
        await work.commit()
    async with uow() as work:
        used = await work.invites.get("k3pt-c0de")

    assert used is not None
    assert (used.used_by, used.used_at) == (ben.id, used_at)
    assert (used.inviter_id, used.created_at, used.expires_at) == (
        ana.id,
        NOW,
        NOW + timedelta(days=2),
    )


# Commitments


async def test_commitments_add_get_and_of_person(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001, "Ana")
    ben = await add_person(uow, 1002, "Ben")

    async with uow() as work:
        first = await work.commitments.add(ana.id, "do the dishes", 0b0010101, time(21, 0), NOW)
        second = await work.commitments.add(ana.id, "text when late", EVERY_DAY, time(8, 30), NOW)
        deleted = await work.commitments.add(ana.id, "walk together", EVERY_DAY, time(7), NOW)
        await work.commitments.set_state(deleted.id, CommitmentState.DELETED)
        await work.commitments.add(ben.id, "cook on Sundays", 0b1000000, time(13), NOW)
        await work.commitments.set_state(first.id, CommitmentState.PAUSED)
        await work.commit()
    async with uow() as work:
        fetched = await work.commitments.get(second.id)
        shown = await work.commitments.of_person(ana.id)
        everything = await work.commitments.of_person(ana.id, include_deleted=True)
        missing = await work.commitments.get(second.id + 1000)

    assert first.state is CommitmentState.ACTIVE
    assert (first.next_due_at, first.next_local_date) == (None, None)
    assert fetched == second
    assert (second.person_id, second.text, second.weekdays, second.local_time) == (
        ana.id,
        "text when late",
        EVERY_DAY,
        time(8, 30),
    )
    assert second.created_at == NOW
    assert [(c.id, c.state) for c in shown] == [
        (first.id, CommitmentState.PAUSED),
        (second.id, CommitmentState.ACTIVE),
    ]
    assert [c.id for c in everything] == [first.id, second.id, deleted.id]
    assert missing is None


async def test_commitments_count_active(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001, "Ana")
    ben = await add_person(uow, 1002, "Ben")

    async with uow() as work:
        assert await work.commitments.count_active(ana.id) == 0
        ids = [
            (await work.commitments.add(ana.id, f"promise {n}", EVERY_DAY, time(9), NOW)).id
            for n in range(4)
        ]
        await work.commitments.add(ben.id, "not Ana's", EVERY_DAY, time(9), NOW)
        await work.commitments.set_state(ids[0], CommitmentState.PAUSED)
        await work.commitments.set_state(ids[1], CommitmentState.DELETED)
        await work.commit()
    async with uow() as work:
        assert await work.commitments.count_active(ana.id) == 2
        await work.commitments.set_state(ids[0], CommitmentState.ACTIVE)
        assert await work.commitments.count_active(ana.id) == 3


async def test_commitments_set_time_and_set_next(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001)
    due = datetime(2026, 6, 11, 19, 0, tzinfo=UTC)

    async with uow() as work:
        commitment = await work.commitments.add(ana.id, "call mum", EVERY_DAY, time(21), NOW)
        await work.commitments.set_time(commitment.id, time(22, 15))
        await work.commitments.set_next(commitment.id, date(2026, 6, 11), due)
        await work.commit()
    async with uow() as work:
        planned = await work.commitments.get(commitment.id)
        await work.commitments.set_next(commitment.id, None, None)
        await work.commit()
    async with uow() as work:
        unplanned = await work.commitments.get(commitment.id)

    assert planned is not None
    assert (planned.local_time, planned.next_local_date, planned.next_due_at) == (
        time(22, 15),
        date(2026, 6, 11),
        due,
    )
    assert_utc(planned.next_due_at)
    assert unplanned is not None
    assert (unplanned.next_local_date, unplanned.next_due_at) == (None, None)


async def test_due_for_planning_returns_only_active_and_due_with_owner_zone(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana = await add_person(uow, 1001, "Ana", MADRID)
    kenji = await add_person(uow, 1002, "Kenji", TOKYO)
    day = NOW.date()

    async with uow() as work:

        async def commitment(owner: Person, label: str, due: datetime | None) -> int:
            added = await work.commitments.add(owner.id, label, EVERY_DAY, time(9), NOW)
            await work.commitments.set_next(added.id, day if due else None, due)
            return added.id

        overdue = await commitment(ana, "overdue", NOW - timedelta(hours=2))
        exactly_now = await commitment(kenji, "exactly now", NOW)
        older = await commitment(kenji, "older", NOW - timedelta(days=1))
        await commitment(ana, "later", NOW + timedelta(microseconds=1))
        await commitment(ana, "never planned", None)
        paused = await commitment(ana, "paused", NOW - timedelta(hours=3))
        deleted = await commitment(kenji, "deleted", NOW - timedelta(hours=3))
        await work.commitments.set_state(paused, CommitmentState.PAUSED)
        await work.commitments.set_state(deleted, CommitmentState.DELETED)
        await work.commit()

    async with uow() as work:
        due = await work.commitments.due_for_planning(NOW, limit=10)
        first_two = await work.commitments.due_for_planning(NOW, limit=2)

    # Oldest first, each with its owner's time zone.
    assert [(c.id, owner.timezone) for c, owner in due] == [
        (older, TOKYO),
        (overdue, MADRID),
        (exactly_now, TOKYO),
    ]
    assert all(c.state is CommitmentState.ACTIVE for c, _ in due)
    assert [c.id for c, _ in first_two] == [older, overdue]


async def test_commitment_texts(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001)

    async with uow() as work:
        dishes = await work.commitments.add(ana.id, "do the dishes", EVERY_DAY, time(21), NOW)
        late = await work.commitments.add(ana.id, "text when late", EVERY_DAY, time(9), NOW)
        await work.commitments.add(ana.id, "not asked for", EVERY_DAY, time(9), NOW)
        await work.commit()
    async with uow() as work:
        texts = await work.commitments.texts([late.id, dishes.id, late.id, dishes.id + 1000])
        nothing = await work.commitments.texts([])

    assert texts == {dishes.id: "do the dishes", late.id: "text when late"}
    assert nothing == {}


async def test_foreign_keys_are_enforced(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as work:
        with pytest.raises(IntegrityError):
            await work.commitments.add(424242, "nobody's promise", EVERY_DAY, time(9), NOW)


# Time and transactions


async def test_instants_come_back_aware_in_utc(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001)
    # The same instant written in Madrid summer time (UTC+2).
    in_madrid = NOW.astimezone(ZoneInfo(MADRID))

    async with uow() as work:
        commitment = await work.commitments.add(ana.id, "call", EVERY_DAY, time(21), in_madrid)
        await work.commitments.set_next(commitment.id, NOW.date(), in_madrid)
        await work.invites.add(Invite("zone-code", ana.id, in_madrid, in_madrid))
        await work.commit()
    async with uow() as work:
        person = await work.people.get(ana.id)
        stored = await work.commitments.get(commitment.id)
        invite = await work.invites.get("zone-code")

    assert person is not None and stored is not None and invite is not None
    for moment in (person.created_at, stored.created_at, stored.next_due_at, invite.expires_at):
        assert_utc(moment)
    assert stored.created_at == NOW
    assert stored.next_due_at == NOW
    assert invite.created_at == NOW and invite.created_at.tzinfo is not None


async def test_naive_datetimes_are_refused(uow: SqlUnitOfWorkFactory) -> None:
    ana = await add_person(uow, 1001)

    async with uow() as work:
        with pytest.raises(StatementError, match="naive"):
            await work.commitments.add(
                ana.id, "call", EVERY_DAY, time(21), NOW.replace(tzinfo=None)
            )


async def test_unit_of_work_without_commit_rolls_back(uow: SqlUnitOfWorkFactory) -> None:
    kept = await add_person(uow, 1001, "Ana")

    async with uow() as work:
        await work.people.add(1002, "Forgotten", "en", MADRID)
        await work.people.set_name(kept.id, "Renamed")
        assert await work.people.by_chat_id(1002) is not None

    async with uow() as work:
        assert await work.people.by_chat_id(1002) is None
        unchanged = await work.people.get(kept.id)
    assert unchanged is not None and unchanged.name == "Ana"


async def test_unit_of_work_rolls_back_on_error_and_keeps_what_was_committed(
    uow: SqlUnitOfWorkFactory,
) -> None:
    with pytest.raises(RuntimeError):
        async with uow() as work:
            await work.people.add(1001, "Committed", "en", MADRID)
            await work.commit()
            await work.people.add(1002, "Lost", "en", MADRID)
            raise RuntimeError("the use case failed")

    async with uow() as work:
        assert await work.people.by_chat_id(1001) is not None
        assert await work.people.by_chat_id(1002) is None
