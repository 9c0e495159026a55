"""The repository contract for chores, chore swaps and commitments.chore_id, on real databases."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import Chore, CommitmentState, SwapState
from bot.domain.privacy import EXPORT_VERSION, PrivacyService
from tests.fakes import FixedClock, RecordingMessenger

NOW = datetime(2026, 6, 10, 19, 0, 30, 123456, tzinfo=UTC)


async def couple_of_two(uow: SqlUnitOfWorkFactory) -> tuple[int, int, int]:
    """Two people and their couple: (ana id, ben id, couple id)."""
    async with uow() as work:
        ana = await work.people.add(3001, "Ana", "en", "Europe/Madrid")
        ben = await work.people.add(3002, "Ben", "en", "Europe/Madrid")
        couple = await work.couples.add(ana.id, ben.id)
        await work.commit()
    return ana.id, ben.id, couple.id


async def test_chores_add_get_and_list_by_couple(uow: SqlUnitOfWorkFactory) -> None:
    _, _, couple_id = await couple_of_two(uow)

    async with uow() as work:
        dishes = await work.chores.add(couple_id, "Dishes", NOW)
        bins = await work.chores.add(couple_id, "Bins", NOW)
        await work.commit()

    async with uow() as work:
        assert await work.chores.get(dishes.id) == Chore(dishes.id, couple_id, "Dishes", NOW)
        assert await work.chores.of_couple(couple_id) == [dishes, bins]
        assert await work.chores.of_couple(couple_id + 1) == []
        assert await work.chores.get(bins.id + 100) is None


async def test_commitments_of_chores_skip_deleted_ones(uow: SqlUnitOfWorkFactory) -> None:
    ana, ben, couple_id = await couple_of_two(uow)
    async with uow() as work:
        chore = await work.chores.add(couple_id, "Dishes", NOW)
        first = await work.commitments.add(ana, "Dishes", 0b11, time(20), NOW, chore_id=chore.id)
        second = await work.commitments.add(ben, "Dishes", 0b100, time(21), NOW, chore_id=chore.id)
        plain = await work.commitments.add(ben, "Call", 0b1, time(9), NOW)
        await work.commitments.set_state(second.id, CommitmentState.DELETED)
        await work.commit()

    async with uow() as work:
        assert first.chore_id == chore.id
        assert plain.chore_id is None
        assert [c.id for c in await work.commitments.of_chores([chore.id])] == [first.id]
        assert await work.commitments.of_chores([]) == []
        stored = await work.commitments.get(second.id)
        assert stored is not None and stored.chore_id == chore.id


async def test_swaps_settle_once(uow: SqlUnitOfWorkFactory) -> None:
    ana, _, couple_id = await couple_of_two(uow)
    async with uow() as work:
        chore = await work.chores.add(couple_id, "Dishes", NOW)
        swap = await work.chores.add_swap(chore.id, ana, 2, NOW)
        await work.commit()
    assert (swap.state, swap.weekday, swap.settled_at) == (SwapState.PENDING, 2, None)

    async with uow() as work:
        assert await work.chores.settle_swap(swap.id, SwapState.ACCEPTED, NOW)
        assert not await work.chores.settle_swap(swap.id, SwapState.DECLINED, NOW)
        await work.commit()

    async with uow() as work:
        settled = await work.chores.swap(swap.id)
        assert settled is not None
        assert (settled.state, settled.settled_at) == (SwapState.ACCEPTED, NOW)
        assert await work.chores.swap(swap.id + 1) is None


async def test_swaps_of_a_person_are_the_ones_they_asked_for(uow: SqlUnitOfWorkFactory) -> None:
    ana, ben, couple_id = await couple_of_two(uow)
    async with uow() as work:
        chore = await work.chores.add(couple_id, "Dishes", NOW)
        first = await work.chores.add_swap(chore.id, ana, 2, NOW)
        await work.chores.add_swap(chore.id, ben, 4, NOW)
        second = await work.chores.add_swap(chore.id, ana, 5, NOW)
        await work.commit()

    async with uow() as work:
        assert await work.chores.swaps_of_person(ana) == [first, second]
        assert [s.requester_id for s in await work.chores.swaps_of_person(ben)] == [ben]
        assert await work.chores.swaps_of_person(ben + 100) == []


async def test_ending_a_couple_ends_its_plan_but_not_the_promises(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana, _, couple_id = await couple_of_two(uow)
    async with uow() as work:
        chore = await work.chores.add(couple_id, "Dishes", NOW)
        share = await work.commitments.add(ana, "Dishes", 0b1, time(20), NOW, chore_id=chore.id)
        swap = await work.chores.add_swap(chore.id, ana, 0, NOW)
        await work.commit()

    async with uow() as work:
        await work.couples.delete(couple_id)
        await work.commit()

    async with uow() as work:
        assert await work.chores.get(chore.id) is None
        assert await work.chores.swap(swap.id) is None
        kept = await work.commitments.get(share.id)
        assert kept is not None and kept.chore_id is None and kept.text == "Dishes"


async def test_chores_need_a_couple_and_shares_a_chore(uow: SqlUnitOfWorkFactory) -> None:
    ana, _, _ = await couple_of_two(uow)
    with pytest.raises(IntegrityError):
        async with uow() as work:
            await work.chores.add(999_999, "Dishes", NOW)
            await work.commit()
    with pytest.raises(IntegrityError):
        async with uow() as work:
            await work.commitments.add(ana, "Dishes", 1, time(20), NOW, chore_id=999_999)
            await work.commit()


async def test_the_export_carries_chores_their_commitments_and_ones_own_swaps(
    uow: SqlUnitOfWorkFactory,
) -> None:
    ana, ben, couple_id = await couple_of_two(uow)
    async with uow() as work:
        for partner in (ana, ben):
            await work.people.set_couple(partner, couple_id)
        dishes = await work.chores.add(couple_id, "Dishes", NOW)
        mine = await work.commitments.add(ana, "Dishes", 0b11, time(20), NOW, chore_id=dishes.id)
        asked = await work.chores.add_swap(dishes.id, ana, 1, NOW)
        await work.chores.add_swap(dishes.id, ben, 3, NOW)
        await work.commit()
        person = await work.people.get(ana)
    assert person is not None

    privacy = PrivacyService(uow, FixedClock(NOW), RecordingMessenger())
    document = await privacy.export(person)

    assert document["version"] == EXPORT_VERSION == 2
    assert document["chores"] == [
        {"id": dishes.id, "name": "Dishes", "created_at": NOW.isoformat()}
    ]
    [commitment] = document["commitments"]
    assert (commitment["id"], commitment["chore_id"]) == (mine.id, dishes.id)
    [swap] = document["chore_swaps"]
    assert (swap["id"], swap["chore_id"], swap["weekday"], swap["state"]) == (
        asked.id,
        dishes.id,
        "Tue",
        "pending",
    )
