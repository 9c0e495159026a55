"""The fakes must behave like the real adapters, or the domain tests prove nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.models import (
    CheckinAnswer,
    CheckinSlot,
    CommitmentState,
    Couple,
    NewNudge,
    Nudge,
    NudgeStatus,
    Pending,
    Person,
)
from bot.domain.ports import Outgoing, RecipientBlocked, Sent, TryLater
from tests.fakes import (
    FixedClock,
    InMemoryStore,
    InMemoryUnitOfWorkFactory,
    IntegrityError,
    OutsideUnitOfWork,
    RecordingMessenger,
)

NOW = datetime(2026, 6, 10, 19, 0, tzinfo=UTC)


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore(clock=FixedClock(NOW))


@pytest.fixture
def uow(store: InMemoryStore) -> InMemoryUnitOfWorkFactory:
    return InMemoryUnitOfWorkFactory(store)


async def seed(uow: InMemoryUnitOfWorkFactory, count: int = 2) -> tuple[int, int, list[int]]:
    """A person, one commitment and `count` DUE nudges on consecutive days."""
    async with uow() as tx:
        person = await tx.people.add(1, "Ana", "en", "Europe/Madrid")
        commitment = await tx.commitments.add(person.id, "call", 0b1111111, time(21), NOW)
        for day in range(count):
            row = NewNudge(
                commitment.id,
                person.id,
                date(2026, 6, 10 + day),
                NOW + timedelta(days=day),
                NudgeStatus.DUE,
                late=False,
            )
            assert await tx.nudges.add_if_absent(row)
        await tx.commit()
    ids = sorted(uow.store.nudges)
    return person.id, commitment.id, ids


async def test_changes_are_invisible_until_commit(uow: InMemoryUnitOfWorkFactory) -> None:
    async with uow() as first:
        person = await first.people.add(1, "Ana", "en", "UTC")
        assert await first.people.get(person.id) == person
        async with uow() as second:
            assert await second.people.get(person.id) is None
        assert uow.store.people == {}
        await first.commit()
    assert uow.store.person(person.id) == person
    assert isinstance(person, Person) and type(person) is Person
    assert person.created_at == NOW


async def test_leaving_without_commit_discards(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, _, ids = await seed(uow)
    async with uow() as tx:
        await tx.people.set_name(person_id, "Changed")
        await tx.nudges.mark_failed(ids)
    assert uow.store.person(person_id).name == "Ana"
    assert [n.status for n in uow.store.nudge_rows()] == [NudgeStatus.DUE, NudgeStatus.DUE]
    assert uow.store.rollbacks == 1


async def test_an_exception_discards_and_propagates(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, _, _ = await seed(uow)
    with pytest.raises(ZeroDivisionError):
        async with uow() as tx:
            await tx.people.set_timezone(person_id, "Asia/Tokyo")
            _ = 1 / 0
    assert uow.store.person(person_id).timezone == "Europe/Madrid"


async def test_work_after_commit_needs_another_commit(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, _, _ = await seed(uow)
    async with uow() as tx:
        await tx.people.set_name(person_id, "One")
        await tx.commit()
        await tx.people.set_name(person_id, "Two")
        assert (await tx.people.get(person_id)) is not None
    assert uow.store.person(person_id).name == "One"


async def test_repositories_refuse_use_outside_the_block(uow: InMemoryUnitOfWorkFactory) -> None:
    tx = uow()
    async with tx:
        pass
    with pytest.raises(OutsideUnitOfWork):
        await tx.people.get(1)


async def test_updates_are_field_by_field(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, _, _ = await seed(uow)
    async with uow() as first, uow() as second:
        await first.people.set_name(person_id, "Ana María")
        await second.people.set_timezone(person_id, "America/New_York")
        await first.commit()
        await second.commit()
    stored = uow.store.person(person_id)
    assert (stored.name, stored.timezone) == ("Ana María", "America/New_York")


async def test_pending_survives_as_json(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, _, _ = await seed(uow)
    data: dict[str, str | int] = {"text": "call", "mask": 31}
    async with uow() as tx:
        await tx.people.set_pending(person_id, Pending("commit_time", data))
        await tx.commit()
    data["mask"] = 0  # the caller's dict is not the stored one
    assert uow.store.person(person_id).pending == Pending(
        "commit_time", {"text": "call", "mask": 31}
    )


async def test_unique_ledger_and_chat_id(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, commitment_id, _ = await seed(uow, count=1)
    again = NewNudge(commitment_id, person_id, date(2026, 6, 10), NOW, NudgeStatus.DUE, False)
    async with uow() as tx:
        assert not await tx.nudges.add_if_absent(again)
        assert await tx.nudges.exists(commitment_id, date(2026, 6, 10))
        assert not await tx.nudges.exists(commitment_id, date(2026, 6, 11))
        with pytest.raises(IntegrityError):
            await tx.people.add(1, "Twin", "en", "UTC")
    # Two units of work racing to plan the same day: the second commit fails and keeps nothing.
    tomorrow = NewNudge(commitment_id, person_id, date(2026, 6, 11), NOW, NudgeStatus.DUE, False)
    async with uow() as first, uow() as second:
        assert await first.nudges.add_if_absent(tomorrow)
        assert await second.nudges.add_if_absent(tomorrow)
        await second.people.set_name(person_id, "Lost")
        await first.commit()
        with pytest.raises(IntegrityError):
            await second.commit()
    assert len(uow.store.nudges) == 2
    assert uow.store.person(person_id).name == "Ana"


async def test_naive_datetimes_are_refused(uow: InMemoryUnitOfWorkFactory) -> None:
    _, commitment_id, _ = await seed(uow)
    async with uow() as tx:
        with pytest.raises(ValueError):
            await tx.commitments.set_next(commitment_id, date(2026, 6, 11), datetime(2026, 6, 11))


async def test_claim_release_and_sent(uow: InMemoryUnitOfWorkFactory) -> None:
    _, _, (first, second) = await seed(uow)
    async with uow() as tx:
        assert await tx.nudges.claim_due(NOW - timedelta(seconds=1), 10) == []
        claimed = await tx.nudges.claim_due(NOW, 10)
        await tx.commit()
    assert [n.id for n in claimed] == [first]
    assert type(claimed[0]) is Nudge
    assert (claimed[0].status, claimed[0].attempts) == (NudgeStatus.SENDING, 1)
    assert uow.store.claimed_at(first) == NOW
    async with uow() as tx:
        assert await tx.nudges.claim_due(NOW, 10) == []
        assert await tx.nudges.release_claims(NOW) == 0  # claimed at NOW, not before
        assert await tx.nudges.release_claims(NOW + timedelta(seconds=1)) == 1
        await tx.commit()
    assert uow.store.nudge(first).status == NudgeStatus.DUE
    assert uow.store.claimed_at(first) is None
    async with uow() as tx:
        (again,) = await tx.nudges.claim_due(NOW, 10)
        assert again.attempts == 2
        await tx.nudges.mark_sent([first], 1, 7, NOW)
        await tx.commit()
    sent = uow.store.nudge(first)
    assert (sent.status, sent.chat_id, sent.message_id, sent.sent_at) == (
        NudgeStatus.SENT,
        1,
        7,
        NOW,
    )
    assert uow.store.nudge(second).status == NudgeStatus.DUE


async def test_claims_skip_rows_another_open_unit_holds(uow: InMemoryUnitOfWorkFactory) -> None:
    _, _, ids = await seed(uow)
    later = NOW + timedelta(days=2)
    async with uow() as first, uow() as second:
        mine = await first.nudges.claim_due(later, 1)
        theirs = await second.nudges.claim_due(later, 10)
        assert [n.id for n in mine] == [ids[0]]
        assert [n.id for n in theirs] == [ids[1]]


async def test_retry_later_is_honoured_by_claims(uow: InMemoryUnitOfWorkFactory) -> None:
    _, _, (first, _) = await seed(uow, count=2)
    async with uow() as tx:
        await tx.nudges.claim_due(NOW, 1)
        await tx.nudges.retry_later([first], NOW + timedelta(seconds=30))
        await tx.commit()
    async with uow() as tx:
        assert await tx.nudges.claim_due(NOW + timedelta(seconds=29), 10) == []
        (claimed,) = await tx.nudges.claim_due(NOW + timedelta(seconds=30), 1)
        assert claimed.id == first


async def test_answer_and_notice_only_once(uow: InMemoryUnitOfWorkFactory) -> None:
    _, _, (first, _) = await seed(uow)
    async with uow() as tx:
        assert not await tx.nudges.answer(first, NudgeStatus.KEPT, NOW)  # not sent yet
        await tx.nudges.mark_sent([first], 1, 1, NOW)
        assert await tx.nudges.answer(first, NudgeStatus.KEPT, NOW)
        assert not await tx.nudges.answer(first, NudgeStatus.MISSED, NOW)
        assert await tx.nudges.mark_noticed(first, NOW)
        assert not await tx.nudges.mark_noticed(first, NOW)
        await tx.commit()
    row = uow.store.nudge(first)
    assert (row.status, row.answered_at, row.noticed_at) == (NudgeStatus.KEPT, NOW, NOW)


async def test_queries_by_person_and_message(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, commitment_id, (first, second) = await seed(uow, count=2)
    async with uow() as tx:
        await tx.nudges.mark_sent([second, first], 1, 3, NOW)
        assert [n.id for n in await tx.nudges.in_message(1, 3)] == [first, second]
        assert await tx.nudges.in_message(1, 4) == []
        between = await tx.nudges.of_person_between(person_id, date(2026, 6, 11), date(2026, 6, 11))
        assert [n.id for n in between] == [second]
        assert [n.id for n in await tx.nudges.answerable(person_id, date(2026, 6, 10))] == [
            first,
            second,
        ]
        await tx.nudges.answer(first, NudgeStatus.MISSED, NOW)
        assert [n.id for n in await tx.nudges.answerable(person_id, date(2026, 6, 1))] == [second]
        other = await tx.commitments.add(person_id, "walk", 1, time(8), NOW)
        await tx.commitments.set_state(commitment_id, CommitmentState.DELETED)
        assert [c.id for c in await tx.commitments.of_person(person_id)] == [other.id]
        every = await tx.commitments.of_person(person_id, include_deleted=True)
        assert [c.id for c in every] == [commitment_id, other.id]
        assert await tx.commitments.count_active(person_id) == 1
        assert await tx.commitments.texts([commitment_id, other.id, 999]) == {
            commitment_id: "call",
            other.id: "walk",
        }


async def test_due_for_planning_joins_the_owner_zone(uow: InMemoryUnitOfWorkFactory) -> None:
    person_id, commitment_id, _ = await seed(uow, count=0)
    async with uow() as tx:
        paused = await tx.commitments.add(person_id, "paused", 1, time(8), NOW)
        await tx.commitments.set_next(commitment_id, date(2026, 6, 10), NOW)
        await tx.commitments.set_next(paused.id, date(2026, 6, 10), NOW)
        await tx.commitments.set_state(paused.id, CommitmentState.PAUSED)
        assert await tx.commitments.due_for_planning(NOW - timedelta(seconds=1), 10) == []
        due = await tx.commitments.due_for_planning(NOW, 10)
        assert [(c.id, owner.timezone) for c, owner in due] == [(commitment_id, "Europe/Madrid")]


async def test_messenger_records_and_fails_on_request() -> None:
    messenger = RecordingMessenger()
    first = await messenger.send(5, Outgoing("a"))
    second = await messenger.send(5, Outgoing("b"))
    other = await messenger.send(6, Outgoing("c"))
    assert (first, second, other) == (Sent(5, 1), Sent(5, 2), Sent(6, 1))
    await messenger.edit(first, Outgoing("a2"))
    assert messenger.current(first) == Outgoing("a2")
    with pytest.raises(Exception, match="not found"):
        await messenger.edit(Sent(5, 99), Outgoing("x"))
    messenger.fail_next(2, TryLater(3))
    for _ in range(2):
        with pytest.raises(TryLater) as caught:
            await messenger.send(5, Outgoing("d"))
        assert caught.value.retry_after == 3
    messenger.block(5)
    with pytest.raises(RecipientBlocked):
        await messenger.send(5, Outgoing("e"))
    assert await messenger.send(6, Outgoing("f")) == Sent(6, 2)
    messenger.unblock(5)
    assert await messenger.send(5, Outgoing("g")) == Sent(5, 3)
    assert [m.message.text for m in messenger.to(5)] == ["a", "b", "g"]
    messenger.set_member(-1, 5, False)
    assert not await messenger.is_member(-1, 5)
    assert await messenger.is_member(-1, 6)


def test_choices_are_private_unless_a_chat_is_made_public() -> None:
    messenger = RecordingMessenger(public_choices_in=[-2])
    assert messenger.choices_are_private(-1) and messenger.choices_are_private(5)
    assert not messenger.choices_are_private(-2)
    messenger.make_choices_public(-1)
    assert not messenger.choices_are_private(-1)


def test_clock_moves_only_forward() -> None:
    clock = FixedClock(NOW)
    assert clock.advance(minutes=5) == NOW + timedelta(minutes=5)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 1, 1))


async def couple_of_two(uow: InMemoryUnitOfWorkFactory) -> tuple[int, int, int]:
    """Two people and their couple."""
    async with uow() as tx:
        a = await tx.people.add(1, "Ana", "en", "Europe/Madrid")
        b = await tx.people.add(2, "Ben", "en", "Europe/Madrid")
        couple = await tx.couples.add(a.id, b.id)
        await tx.commit()
    return couple.id, a.id, b.id


async def test_couples_have_a_default_slot_and_due_checkins(
    uow: InMemoryUnitOfWorkFactory,
) -> None:
    couple_id, _, _ = await couple_of_two(uow)
    async with uow() as tx:
        assert await tx.couples.slot(couple_id) == CheckinSlot(6, time(19), None, None)
        assert await tx.couples.due_checkins(NOW, 10) == []
        await tx.couples.set_slot(couple_id, CheckinSlot(2, time(8), "Asia/Tokyo", NOW))
        await tx.couples.set_therapy_suggested(couple_id, date(2026, 6, 1))
        assert [c.id for c in await tx.couples.due_checkins(NOW, 10)] == [couple_id]
        assert await tx.couples.due_checkins(NOW - timedelta(seconds=1), 10) == []
        await tx.commit()
    assert uow.store.slot(couple_id) == CheckinSlot(2, time(8), "Asia/Tokyo", NOW)
    async with uow() as tx:
        (due,) = await tx.couples.due_checkins(NOW, 10)
        assert type(due) is Couple and due == uow.store.couple(couple_id)
        assert await tx.couples.therapy_suggested_on(couple_id) == date(2026, 6, 1)
        await tx.couples.set_next_checkin(couple_id, None)
        await tx.commit()
    assert uow.store.slot(couple_id).next_at is None


async def test_one_checkin_per_couple_and_iso_week(uow: InMemoryUnitOfWorkFactory) -> None:
    couple_id, _, _ = await couple_of_two(uow)
    async with uow() as first, uow() as second:
        made = await first.checkins.add_if_absent(couple_id, 2026, 24, NOW)
        assert made is not None and made.closed_at is None
        # The same key held by another open unit: SQL would wait and then conflict.
        assert await second.checkins.add_if_absent(couple_id, 2026, 24, NOW) is None
        await first.commit()
        assert await second.checkins.add_if_absent(couple_id, 2026, 24, NOW) is None
        assert await second.checkins.add_if_absent(couple_id, 2026, 25, NOW) is not None
        await second.commit()
    assert [(c.iso_week, c.opened_at) for c in uow.store.checkin_rows()] == [(24, NOW), (25, NOW)]
    async with uow() as tx:
        assert (await tx.checkins.open_of(couple_id)) == uow.store.checkin_rows()[-1]
        assert [c.iso_week for c in await tx.checkins.of_couple(couple_id, 1)] == [25]


async def test_close_succeeds_once(uow: InMemoryUnitOfWorkFactory) -> None:
    couple_id, _, _ = await couple_of_two(uow)
    async with uow() as tx:
        checkin = await tx.checkins.add_if_absent(couple_id, 2026, 24, NOW)
        assert checkin is not None
        await tx.commit()
    async with uow() as first, uow() as second:
        assert await first.checkins.close(checkin.id, NOW)
        assert not await first.checkins.close(checkin.id, NOW)
        assert not await second.checkins.close(checkin.id, NOW)
        await first.commit()
        assert not await second.checkins.close(checkin.id, NOW)
    assert uow.store.checkins[checkin.id].closed_at == NOW
    async with uow() as tx:
        assert await tx.checkins.open_of(couple_id) is None
        assert await tx.checkins.close(999, NOW) is False


async def test_answers_are_one_row_per_person_and_checkin(uow: InMemoryUnitOfWorkFactory) -> None:
    couple_id, a, b = await couple_of_two(uow)
    async with uow() as tx:
        weeks = [await tx.checkins.add_if_absent(couple_id, 2026, w, NOW) for w in (22, 23, 24)]
        await tx.commit()
    ids = [c.id for c in weeks if c is not None]
    async with uow() as tx:
        for index, checkin_id in enumerate(ids):
            await tx.checkins.save_answer(CheckinAnswer(checkin_id, b, trust=index + 1), NOW)
            await tx.checkins.save_answer(CheckinAnswer(checkin_id, a, trust=5), NOW)
        await tx.checkins.save_answer(CheckinAnswer(ids[2], a, trust=2, words_done=True), NOW)
        with pytest.raises(IntegrityError):
            await tx.checkins.save_answer(CheckinAnswer(999, a), NOW)
        await tx.commit()
    async with uow() as tx:
        latest = await tx.checkins.answers(ids[2])
        assert latest == [
            CheckinAnswer(ids[2], b, trust=3),
            CheckinAnswer(ids[2], a, trust=2, words_done=True),
        ]
        assert all(type(x) is CheckinAnswer for x in latest)
        recent = await tx.checkins.answers_of_couple(couple_id, 2)
        assert sorted((c.iso_week, x.person_id, x.trust) for c, x in recent) == [
            (23, a, 5),
            (23, b, 2),
            (24, a, 2),
            (24, b, 3),
        ]
    assert len(uow.store.answers) == 6


async def test_reminder_and_close_candidates(uow: InMemoryUnitOfWorkFactory) -> None:
    couple_id, _, _ = await couple_of_two(uow)
    async with uow() as tx:
        old = await tx.checkins.add_if_absent(couple_id, 2026, 23, NOW - timedelta(hours=72))
        new = await tx.checkins.add_if_absent(couple_id, 2026, 24, NOW - timedelta(hours=24))
        assert old is not None and new is not None
        await tx.commit()
    async with uow() as tx:
        reminding = await tx.checkins.needing_reminder(NOW - timedelta(hours=24), 10)
        assert [c.id for c in reminding] == [old.id, new.id]
        assert [c.id for c in await tx.checkins.needing_reminder(NOW, 1)] == [old.id]
        await tx.checkins.mark_reminded(old.id, NOW)
        await tx.checkins.set_message(new.id, -5, 7)
        assert [c.id for c in await tx.checkins.needing_reminder(NOW, 10)] == [new.id]
        assert [c.id for c in await tx.checkins.to_close(NOW - timedelta(hours=72), 10)] == [old.id]
        assert await tx.checkins.close(old.id, NOW)
        assert await tx.checkins.to_close(NOW - timedelta(hours=72), 10) == []
        assert [c.id for c in await tx.checkins.needing_reminder(NOW, 10)] == [new.id]
        await tx.commit()
    stored = uow.store.checkins[new.id]
    assert (stored.chat_id, stored.message_id, stored.reminded_at) == (-5, 7, None)


async def test_messenger_records_photos() -> None:
    messenger = RecordingMessenger()
    sent = await messenger.send(-5, Outgoing("hello"))

    photo = await messenger.send_photo(-5, b"\x89PNG-ish", "trend")

    assert photo == Sent(-5, sent.message_id + 1)
    (recorded,) = messenger.photos
    assert (recorded.ref, recorded.png, recorded.caption) == (photo, b"\x89PNG-ish", "trend")
    assert len(messenger.to(-5)) == 1
    messenger.block(-5)
    with pytest.raises(RecipientBlocked):
        await messenger.send_photo(-5, b"\x89PNG", "again")
    assert len(messenger.photos) == 1
