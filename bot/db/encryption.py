"""Encryption at rest of what people write freely (reflections, check-in words) with DATA_KEY.

DATA_KEY holds one or more Fernet keys separated by commas. The first one encrypts; every one
of them decrypts, so a key can be rotated: put the new key first, keep the old one after it,
run `kept rekey`, then drop the old key. Without DATA_KEY the text is stored as it is.

A value in `app_meta` encrypted with the key lets start-up tell a wrong or missing key at once,
before any message is handled, instead of failing on the first old reflection somebody reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.models import AppMetaRow, CheckinAnswerRow, NudgeRow

# Marks an encrypted value, so that text stored before a key was set still reads as it is.
PREFIX = "fernet:"
KEY_CHECK = "data_key_check"
KEY_CHECK_TEXT = "Kept checks DATA_KEY with this value."
MAKE_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
# Every encrypted column, as (table row class, column name); `kept rekey` rewrites them all.
ENCRYPTED_FIELDS = (
    (NudgeRow, "reflection"),
    (CheckinAnswerRow, "appreciated"),
    (CheckinAnswerRow, "differently"),
    (CheckinAnswerRow, "safety"),
)


class DataKeyError(Exception):
    """DATA_KEY is malformed, wrong for this database, or missing; the message says what to do."""


class UnreadableField(Exception):
    """A stored value was encrypted with a key that DATA_KEY no longer holds."""


class FieldCipher:
    """Encrypts and decrypts text fields with DATA_KEY; stores plain text when there is no key."""

    def __init__(self, keys: Sequence[bytes] = ()) -> None:
        self._fernet = MultiFernet([Fernet(key) for key in keys]) if keys else None

    @classmethod
    def from_setting(cls, data_key: str | None) -> FieldCipher:
        """The cipher of a DATA_KEY value ("newkey,oldkey"), or a plain one when it is unset."""
        if not data_key:
            return cls()
        keys = [part.strip().encode("ascii", "replace") for part in data_key.split(",")]
        try:
            return cls([key for key in keys if key])
        except ValueError:
            # The message must not echo the key: it ends up in logs and terminals.
            raise DataKeyError(
                "DATA_KEY is not a valid key (or list of keys separated by commas). "
                f"Make a key with:\n  {MAKE_KEY}"
            ) from None

    @property
    def enabled(self) -> bool:
        """Whether text is encrypted."""
        return self._fernet is not None

    def encrypt(self, value: str | None) -> str | None:
        """The value to store for a text."""
        if value is None or self._fernet is None:
            return value
        return PREFIX + self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str | None) -> str | None:
        """The text of a stored value (plain values, stored before a key was set, pass through)."""
        if stored is None or not stored.startswith(PREFIX):
            return stored
        if self._fernet is None:
            raise UnreadableField("the value is encrypted but DATA_KEY is not set")
        try:
            return self._fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise UnreadableField("no key in DATA_KEY opens this value") from None


async def verify_key(engine: AsyncEngine, cipher: FieldCipher) -> None:
    """Check DATA_KEY against this database (writing the check value on the first keyed start)."""
    async with engine.begin() as connection:
        stored = await _check_value(connection)
        if stored is None and cipher.enabled:
            try:
                async with connection.begin_nested():
                    await connection.execute(
                        insert(AppMetaRow).values(
                            name=KEY_CHECK, value=cipher.encrypt(KEY_CHECK_TEXT)
                        )
                    )
                return
            except IntegrityError:
                # Another instance wrote it first; check ours against theirs.
                stored = await _check_value(connection)
    if stored is None:
        return
    if not cipher.enabled:
        raise DataKeyError(
            "this database holds encrypted data, but DATA_KEY is not set. Set DATA_KEY to the "
            "key it was encrypted with (in .env or the environment)."
        )
    try:
        opened = cipher.decrypt(stored)
    except UnreadableField:
        opened = None
    if opened != KEY_CHECK_TEXT:
        raise DataKeyError(
            "DATA_KEY does not open the data in this database: it is not the key the data was "
            "encrypted with. Set the right key; when rotating, list the new key first and the "
            'old one after it ("newkey,oldkey"), then run `kept rekey`.'
        )


async def rekey(engine: AsyncEngine, cipher: FieldCipher) -> int:
    """Re-encrypt every stored field (and the check value) with the first key; the count."""
    if not cipher.enabled:
        raise DataKeyError(
            "kept rekey needs DATA_KEY: the new key first, then the old ones, separated by commas."
        )
    await verify_key(engine, cipher)
    changed = 0
    async with engine.begin() as connection:
        for row_class, name in ENCRYPTED_FIELDS:
            column = getattr(row_class, name)
            rows = await connection.execute(select(row_class.id, column).where(column.is_not(None)))
            for row_id, stored in rows.all():
                fresh = cipher.encrypt(cipher.decrypt(stored))
                await connection.execute(
                    update(row_class).where(row_class.id == row_id).values({name: fresh})
                )
                changed += 1
        await connection.execute(
            update(AppMetaRow)
            .where(AppMetaRow.name == KEY_CHECK)
            .values(value=cipher.encrypt(KEY_CHECK_TEXT))
        )
    return changed


async def _check_value(connection: AsyncConnection) -> str | None:
    value = await connection.scalar(select(AppMetaRow.value).where(AppMetaRow.name == KEY_CHECK))
    return None if value is None else str(value)
