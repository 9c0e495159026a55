"""The repository contract for chores, chore swaps and commitments.chore_id, on real databases."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import Chore, CommitmentState, SwapState

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
