"""Privacy in the database: erasing one partner keeps the other's rows; DATA_KEY encrypts at rest."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.encryption import (
    KEY_CHECK,
    PREFIX,
    DataKeyError,
    FieldCipher,
    UnreadableField,
    rekey,
    verify_key,
)
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.uow import SqlUnitOfWorkFactory
from bot.domain.models import CheckinAnswer, Invite, NewNudge, NudgeStatus, Person
from tests.db.conftest import sqlite_url

NOW = datetime(2026, 6, 10, 19, 0, tzinfo=UTC)
DAY = date(2026, 6, 10)
REFLECTION = "I hid the phone bill again; next time I open it with you"
APPRECIATED = "You held my hand at the clinic"
DIFFERENTLY = "Tell me when the bank calls"
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@dataclass(frozen=True)
class World:
    """Ana and Ben, a couple, one missed nudge each with a reflection, one check-in answered."""

    ana: Person
    ben: Person
    couple_id: int
    checkin_id: int
    nudge_ids: dict[int, int]


async def make_world(uow: SqlUnitOfWorkFactory) -> World:
    """Two partners with a history, written through the repositories."""
    async with uow() as work:
        ana = await work.people.add(1001, "Ana", "en", "UTC")
        ben = await work.people.add(1002, "Ben", "en", "UTC")
        couple = await work.couples.add(ana.id, ben.id)
        await work.people.set_couple(ana.id, couple.id)
        await work.people.set_couple(ben.id, couple.id)
        nudge_ids = {}
        for person, chat in ((ana, ben.chat_id), (ben, ana.chat_id)):
            commitment = await work.commitments.add(person.id, "Dishes", 127, time(21), NOW)
            new = NewNudge(commitment.id, person.id, DAY, NOW, NudgeStatus.DUE, False)
            assert await work.nudges.add_if_absent(new)
            [nudge] = await work.nudges.claim_due(NOW, 10)
            await work.nudges.mark_sent([nudge.id], int(person.chat_id or 0), 10, NOW)
            assert await work.nudges.answer(nudge.id, NudgeStatus.MISSED, NOW)
            await work.nudges.set_reflection(nudge.id, f"{person.name}: {REFLECTION}")
            await work.nudges.set_partner_message(nudge.id, int(chat or 0), 20)
            nudge_ids[person.id] = nudge.id
        checkin = await work.checkins.add_if_absent(couple.id, 2026, 24, NOW)
        assert checkin is not None
        for person in (ana, ben):
            answer = CheckinAnswer(checkin.id, person.id, 4, "yes", 2 if person is ana else 5)
            answer = answer.with_words(1, f"{person.name}: {APPRECIATED}")
            await work.checkins.save_answer(answer.with_words(2, DIFFERENTLY), NOW)
        await work.commit()
    return World(ana, ben, couple.id, checkin.id, nudge_ids)


async def count(engine: AsyncEngine, sql: str) -> int:
    """A number the database computes."""
    async with engine.connect() as connection:
        return int(await connection.scalar(text(sql)) or 0)


# Erasing one partner


async def test_erasing_a_person_keeps_the_partners_answers_and_nudges(
    engine: AsyncEngine, uow: SqlUnitOfWorkFactory
) -> None:
    world = await make_world(uow)
    async with uow() as work:
        ben_answers = await work.checkins.answers_of_person(world.ben.id)
        ben_nudge = await work.nudges.get(world.nudge_ids[world.ben.id])
    assert ben_nudge is not None and ben_nudge.partner_chat_id == 1001

    async with uow() as work:
        await work.nudges.forget_partner_chat(1001)
        await work.checkins.delete_answers_of(world.ana.id)
        await work.couples.delete(world.couple_id)
        await work.checkins.delete_orphans()
        await work.nudges.delete_of_person(world.ana.id)
        await work.commitments.delete_of_person(world.ana.id)
        await work.invites.delete_of_person(world.ana.id)
        await work.people.delete(world.ana.id)
        await work.commit()

    async with uow() as work:
        assert await work.people.get(world.ana.id) is None
        assert await work.couples.get(world.couple_id) is None
        kept_answers = await work.checkins.answers_of_person(world.ben.id)
        kept_nudge = await work.nudges.get(world.nudge_ids[world.ben.id])
        # The check-in belongs to no couple now: the couple's use cases no longer see it.
        assert await work.checkins.get(world.checkin_id) is None
    assert kept_answers == ben_answers
    assert kept_answers[0].answer.appreciated == f"Ben: {APPRECIATED}"
    assert kept_nudge is not None and kept_nudge.reflection == f"Ben: {REFLECTION}"
    assert (kept_nudge.partner_chat_id, kept_nudge.partner_message_id) == (None, None)
    assert await count(engine, "select count(*) from checkins where couple_id is null") == 1
    assert await count(engine, "select count(*) from checkin_answers") == 1
    assert await count(engine, "select count(*) from nudges") == 1


async def test_deleting_a_couple_sets_its_checkins_free_instead_of_deleting_them(
    engine: AsyncEngine, uow: SqlUnitOfWorkFactory
) -> None:
    world = await make_world(uow)

    # The foreign key alone, as a database cascade would meet it.
    async with engine.begin() as connection:
        await connection.execute(text(f"delete from couples where id = {world.couple_id}"))

    assert await count(engine, "select count(*) from checkins where couple_id is null") == 1
    assert await count(engine, "select count(*) from checkin_answers") == 2


async def test_orphan_checkins_without_answers_are_deleted(
    engine: AsyncEngine, uow: SqlUnitOfWorkFactory
) -> None:
    world = await make_world(uow)

    async with uow() as work:
        await work.couples.delete(world.couple_id)
        await work.checkins.delete_orphans()
        await work.commit()
    assert await count(engine, "select count(*) from checkins") == 1

    async with uow() as work:
        for person in (world.ana, world.ben):
            await work.checkins.delete_answers_of(person.id)
        await work.checkins.delete_orphans()
        await work.commit()
    assert await count(engine, "select count(*) from checkins") == 0


async def test_invites_of_a_person_made_or_used(uow: SqlUnitOfWorkFactory) -> None:
    world = await make_world(uow)

    async with uow() as work:
        await work.invites.add(Invite("MADEBYANA", world.ana.id, NOW, NOW + timedelta(hours=48)))
        await work.invites.add(Invite("MADEBYBEN", world.ben.id, NOW, NOW + timedelta(hours=48)))
        await work.invites.mark_used("MADEBYBEN", world.ana.id, NOW)
        await work.invites.add(Invite("BENSOTHER", world.ben.id, NOW, NOW + timedelta(hours=48)))
        await work.commit()
    async with uow() as work:
        anas = {i.code for i in await work.invites.of_person(world.ana.id)}
        await work.invites.delete_of_person(world.ana.id)
        await work.commit()
    async with uow() as work:
        left = [await work.invites.get(code) for code in ("MADEBYANA", "MADEBYBEN", "BENSOTHER")]

    assert anas == {"MADEBYANA", "MADEBYBEN"}
    assert left[0] is None
    assert left[1] is not None and left[1].used_by is None and left[1].used_at == NOW
    assert left[2] is not None


# Encryption at rest


def cipher(*keys: str) -> FieldCipher:
    """The cipher of a DATA_KEY value made of these keys."""
    return FieldCipher.from_setting(",".join(keys))


async def stored_texts(engine: AsyncEngine) -> list[str]:
    """The raw stored values of every encrypted column."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "select reflection from nudges union all select appreciated from checkin_answers "
                "union all select differently from checkin_answers "
                "union all select safety from checkin_answers"
            )
        )
        return [str(value) for (value,) in rows if value is not None]


async def test_with_a_key_the_words_are_encrypted_and_read_back(engine: AsyncEngine) -> None:
    uow = SqlUnitOfWorkFactory(engine, cipher(KEY_A))
    world = await make_world(uow)

    async with uow() as work:
        nudge = await work.nudges.get(world.nudge_ids[world.ana.id])
        answers = await work.checkins.answers(world.checkin_id)
        past = await work.checkins.answers_of_person(world.ana.id)

    assert nudge is not None and nudge.reflection == f"Ana: {REFLECTION}"
    assert {a.appreciated for a in answers} == {f"Ana: {APPRECIATED}", f"Ben: {APPRECIATED}"}
    assert {a.differently for a in answers} == {DIFFERENTLY}
    assert past[0].answer.appreciated == f"Ana: {APPRECIATED}"
    assert {(a.person_id, a.safety) for a in answers} == {(world.ana.id, 2), (world.ben.id, 5)}
    raw = await stored_texts(engine)
    assert len(raw) == 8 and all(value.startswith(PREFIX) for value in raw)
    for value in raw:
        for secret in (REFLECTION, APPRECIATED, DIFFERENTLY, "hid the phone", "clinic"):
            assert secret not in value
    # Without the key the stored values cannot be read, only refused.
    async with SqlUnitOfWorkFactory(engine)() as work:
        with pytest.raises(UnreadableField):
            await work.nudges.get(world.nudge_ids[world.ana.id])


async def test_without_a_key_the_words_are_stored_as_they_are(engine: AsyncEngine) -> None:
    await make_world(SqlUnitOfWorkFactory(engine))

    raw = await stored_texts(engine)

    assert f"Ana: {REFLECTION}" in raw and DIFFERENTLY in raw


async def test_the_sqlite_file_holds_no_plaintext(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    await asyncio.to_thread(upgrade, url)
    engine = make_engine(url)
    try:
        keyed = cipher(KEY_A)
        await verify_key(engine, keyed)
        world = await make_world(SqlUnitOfWorkFactory(engine, keyed))
        async with SqlUnitOfWorkFactory(engine, keyed)() as work:
            nudge = await work.nudges.get(world.nudge_ids[world.ana.id])
        assert nudge is not None and nudge.reflection == f"Ana: {REFLECTION}"
    finally:
        await engine.dispose()

    # Every text value of every table, read with plain sqlite3, and the raw bytes of the files.
    with closing(sqlite3.connect(tmp_path / "kept.db")) as plain:
        tables = [
            row[0] for row in plain.execute("select name from sqlite_master where type='table'")
        ]
        values = [
            str(value)
            for table in tables
            for row in plain.execute(f'select * from "{table}"')
            for value in row
        ]
    files = b"".join(path.read_bytes() for path in tmp_path.glob("kept.db*"))
    assert any(value.startswith(PREFIX) for value in values)
    for secret in (REFLECTION, APPRECIATED, DIFFERENTLY, "phone bill", "clinic", "bank calls"):
        assert not any(secret in value for value in values), secret
        assert secret.encode() not in files, secret


async def test_the_key_check_is_written_once_and_refuses_a_wrong_or_missing_key(
    engine: AsyncEngine,
) -> None:
    await verify_key(engine, FieldCipher())  # no key, nothing encrypted: fine
    assert await count(engine, "select count(*) from app_meta") == 0

    await verify_key(engine, cipher(KEY_A))
    await verify_key(engine, cipher(KEY_A))
    assert await count(engine, f"select count(*) from app_meta where name = '{KEY_CHECK}'") == 1

    with pytest.raises(DataKeyError, match="does not open"):
        await verify_key(engine, cipher(KEY_B))
    with pytest.raises(DataKeyError, match="DATA_KEY is not set"):
        await verify_key(engine, FieldCipher())
    await verify_key(engine, cipher(KEY_B, KEY_A))  # rotating: the old key is still listed


async def test_rotation_reads_with_either_key_and_rekey_moves_everything_to_the_first(
    engine: AsyncEngine,
) -> None:
    old = cipher(KEY_A)
    await verify_key(engine, old)
    world = await make_world(SqlUnitOfWorkFactory(engine, old))
    before = await stored_texts(engine)

    rotating = cipher(KEY_B, KEY_A)
    async with SqlUnitOfWorkFactory(engine, rotating)() as work:
        nudge = await work.nudges.get(world.nudge_ids[world.ben.id])
    assert nudge is not None and nudge.reflection == f"Ben: {REFLECTION}"

    # Per partner: a reflection, two check-in words and the safety answer.
    assert await rekey(engine, rotating) == 8

    after = await stored_texts(engine)
    assert set(after).isdisjoint(before)
    new_only = cipher(KEY_B)
    await verify_key(engine, new_only)
    async with SqlUnitOfWorkFactory(engine, new_only)() as work:
        answers = await work.checkins.answers(world.checkin_id)
        nudge = await work.nudges.get(world.nudge_ids[world.ben.id])
    assert {a.appreciated for a in answers} == {f"Ana: {APPRECIATED}", f"Ben: {APPRECIATED}"}
    assert nudge is not None and nudge.reflection == f"Ben: {REFLECTION}"
    with pytest.raises(DataKeyError, match="does not open"):
        await verify_key(engine, old)


async def test_rekey_encrypts_text_stored_before_a_key_was_set(engine: AsyncEngine) -> None:
    world = await make_world(SqlUnitOfWorkFactory(engine))
    keyed = cipher(KEY_A)
    async with SqlUnitOfWorkFactory(engine, keyed)() as work:
        legacy = await work.nudges.get(world.nudge_ids[world.ana.id])
    assert legacy is not None and legacy.reflection == f"Ana: {REFLECTION}"

    assert await rekey(engine, keyed) == 8

    assert all(value.startswith(PREFIX) for value in await stored_texts(engine))
    async with SqlUnitOfWorkFactory(engine, keyed)() as work:
        answers = await work.checkins.answers(world.checkin_id)
    assert {a.differently for a in answers} == {DIFFERENTLY}


async def test_rekey_without_a_key_is_refused(engine: AsyncEngine) -> None:
    with pytest.raises(DataKeyError, match="needs DATA_KEY"):
        await rekey(engine, FieldCipher())


# Ids that do not hold the key: it is made afresh at import, and parallel workers must agree.
@pytest.mark.parametrize(
    "value",
    ["not-a-key", f"{KEY_A},short", "x" * 44],
    ids=["not-a-key", "a-key-then-more", "44-x"],
)
def test_a_malformed_key_is_refused_without_echoing_it(value: str) -> None:
    with pytest.raises(DataKeyError) as refused:
        FieldCipher.from_setting(value)

    assert "generate_key" in str(refused.value)
    assert value not in str(refused.value) and "short" not in str(refused.value)


def test_no_key_means_no_encryption() -> None:
    plain = FieldCipher.from_setting(None)

    assert not plain.enabled
    assert plain.encrypt("words") == "words" and plain.decrypt("words") == "words"
    keyed = cipher(KEY_A)
    assert keyed.decrypt(keyed.encrypt("words")) == "words"
    assert keyed.encrypt("words") != keyed.encrypt("words")  # a fresh nonce each time
