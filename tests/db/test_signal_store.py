"""The Signal adapter's own rows: addresses behind chat ids, and the menus of numbered choices."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.signal.addresses import SIGNAL_BASE, Address, is_signal_chat
from bot.signal.store import MENU_KEEP_MS, SqlSignalStore

SAM = Address(recipient="0b7c5f7e-1111-4c3b-9a55-aaaaaaaaaaaa")
ANA = Address(recipient="+34600000002")
GROUP = Address(group_id="R3JvdXBJZA==")


async def test_each_address_gets_one_stable_chat_id_in_signals_range(engine: AsyncEngine) -> None:
    store = SqlSignalStore(engine)
    sam, ana, group = [await store.chat_id_for(a) for a in (SAM, ANA, GROUP)]

    assert len({sam, ana, group}) == 3
    assert all(is_signal_chat(c) and c > SIGNAL_BASE for c in (sam, ana, group))
    assert await store.chat_id_for(SAM) == sam
    # Another instance (a fresh cache) reads the same rows.
    other = SqlSignalStore(engine)
    assert await other.chat_id_for(ANA) == ana
    assert await other.address_of(group) == GROUP
    assert await other.address_of(sam) == SAM
    assert await other.address_of(SIGNAL_BASE + 999_999) is None


async def test_menus_are_found_by_message_and_listed_newest_first(
    engine: AsyncEngine,
) -> None:
    store = SqlSignalStore(engine)
    chat = await store.chat_id_for(SAM)
    await store.save_menu(chat, 1_000, ["k:1", "m:1"])
    await store.save_menu(chat, 2_000, [])
    # An edit of the older message replaces its choices but does not make it the latest.
    await store.save_menu(chat, 1_000, ["m:1"])

    assert await store.menu(chat, 1_000) == ["m:1"]
    assert await store.menu(chat, 2_000) == []
    assert await store.menu(chat, 3_000) is None
    assert await store.recent_menus(chat, 5) == [(2_000, []), (1_000, ["m:1"])]
    assert await store.recent_menus(chat, 1) == [(2_000, [])]
    assert await store.recent_menus(await store.chat_id_for(ANA), 5) == []


async def test_old_menus_are_dropped_as_new_ones_come(engine: AsyncEngine) -> None:
    store = SqlSignalStore(engine)
    chat = await store.chat_id_for(SAM)
    await store.save_menu(chat, 1_000, ["k:1"])
    await store.save_menu(chat, 1_000 + MENU_KEEP_MS + 1, ["k:2"])

    assert await store.menu(chat, 1_000) is None


async def test_forget_drops_the_address_and_its_menus(engine: AsyncEngine) -> None:
    store = SqlSignalStore(engine)
    chat = await store.chat_id_for(SAM)
    await store.save_menu(chat, 1_000, ["k:1"])

    await store.forget(chat)

    assert await store.address_of(chat) is None
    assert await store.menu(chat, 1_000) is None
    assert await SqlSignalStore(engine).address_of(chat) is None
    # Coming back later is a new start, under a new chat id.
    assert await store.chat_id_for(SAM) != chat
