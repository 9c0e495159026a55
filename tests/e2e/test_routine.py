"""The routine, end to end in Spanish: a whole daily loop, a snooze arriving again, a paused
partner getting nothing — the real process over real HTTP against the fake Bot API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.texts import CATALOGUES, text
from tests.e2e.fake_bot_api import FakeBotApi
from tests.e2e.ledger import Ledger, _instant
from tests.e2e.story import TOKEN, buttons, running_bot

pytestmark = pytest.mark.e2e

ANA, BEN = 2001, 2002
GROUP = -6001
DISHES = "Lavar los platos"
WALK = "Pasear al perro"
# Words of the English catalogue that no Spanish text uses: none may reach a Spanish speaker.
ENGLISH_ONLY = {
    word
    for word in re.findall(r"[A-Za-z]{4,}", " ".join(CATALOGUES["en"].values()))
    if word not in " ".join(CATALOGUES["es"].values())
} - {"Kept", "Europe", "Madrid", "Area", "City", "UTC"}


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """Ana and Ben, who speak Spanish, and their group."""
    with FakeBotApi(token=TOKEN, bot_username="kept_test_bot") as fake:
        fake.add_user(ANA, "Ana", language_code="es-ES")
        fake.add_user(BEN, "Ben", language_code="es-MX")
        fake.add_group(GROUP, "Ana y Ben", [ANA, BEN])
        yield fake


def pair_in_spanish(api: FakeBotApi) -> None:
    """Ana starts and invites, Ben joins, Ana links the group; both name a promise."""
    api.send_text(ANA, None, "/start")
    api.wait_for_message(ANA, "Hola, Ana")
    api.send_text(ANA, None, "/timezone Europe/Madrid")
    api.wait_for_message(ANA, "Europe/Madrid")
    api.send_text(ANA, None, "/pair")
    invite = api.wait_for_message(ANA, "start=join-")
    code = re.search(r"/join ([A-Z0-9]+)", str(invite["text"]))
    assert code is not None
    # Ben opens the link: he sees who invites him, says "not now", then opens it again and joins.
    api.send_text(BEN, None, f"/start join-{code.group(1)}")
    api.wait_for_message(BEN, "Hola, Ben 🌱 Soy Kept.")
    offer = api.wait_for_message(BEN, "Ana te invita a Kept.")
    api.press(BEN, offer, buttons(offer)["Ahora no"])
    api.wait_for_message(BEN, "De acuerdo. No ha cambiado nada")
    assert not any("Ben" in str(m["text"]) for m in api.sent_messages(ANA))
    api.send_text(BEN, None, f"/start join-{code.group(1)}")
    offer = api.wait_for_message(BEN, "Ana te invita a Kept.", after_id=offer["message_id"])
    api.press(BEN, offer, buttons(offer)["🤝 Unirme"])
    api.wait_for_message(BEN, "Ya estás en pareja con Ana")
    api.wait_for_message(ANA, "Ya estás en pareja con Ben")
    api.send_text(ANA, GROUP, "/link@kept_test_bot")
    api.wait_for_message(GROUP, "Este grupo ya está vinculado a Ana y Ben")
    api.send_text(ANA, None, f"/commit 21:00 {DISHES}")
    api.wait_for_message(ANA, "Promesa anotada")
    api.send_text(BEN, None, f"/commit 21:00 {WALK}")
    api.wait_for_message(BEN, "Promesa anotada")


def nudges_to(api: FakeBotApi, chat_id: int, words: str) -> list[dict[str, object]]:
    """The nudge messages a chat received about a promise (those offering Kept/Missed)."""
    return [
        m
        for m in api.sent_messages(chat_id)
        if words in str(m["text"]) and text("es", "btn_missed") in str(m.get("reply_markup"))
    ]


def test_a_spanish_daily_loop_with_a_snooze_and_a_paused_partner(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Ana's nudge and everything around it is Spanish; her snooze comes again; Ben, on a break,
    gets nothing and leaves no ledger row."""
    ledger = Ledger(tmp_path / "kept.db")
    with running_bot(api, tmp_path) as kept:
        pair_in_spanish(api)
        api.send_text(BEN, None, "/pause 3")
        api.wait_for_message(BEN, "Hecho: sin recordatorios hasta")
        api.wait_for_message(ANA, "Ben se toma un descanso")
        assert kept.terminate() == 0

    ledger.due_now(ANA, BEN)  # their 21:00 comes now: the catch-up tick at start-up sends it
    with running_bot(api, tmp_path) as kept:
        nudge = api.wait_for(lambda: nudges_to(api, ANA, DISHES), what="Ana's nudge")[0]
        assert set(buttons(nudge)) == {
            text("es", "btn_kept"),
            text("es", "btn_missed"),
            text("es", "btn_snooze"),
        }
        assert ledger.nudges_of(BEN) == [], "a paused day leaves no row"
        assert nudges_to(api, BEN, WALK) == []

        snooze = api.press(ANA, nudge, buttons(nudge)[text("es", "btn_snooze")])
        toast = api.wait_for(lambda: api.callback_answer(snooze), what="the snooze toast")
        assert str(toast["text"]).startswith("De acuerdo, te vuelvo a preguntar a las")
        api.wait_for(
            lambda: "te vuelvo a preguntar" in str(api.message(ANA, nudge["message_id"])["text"]),
            what="the nudge showing the snooze",
        )
        assert kept.terminate() == 0

    [row] = ledger.nudges_of(ANA)
    assert row["status"] == "due" and row["next_attempt_at"] is not None
    with ledger._db() as db:  # the hour has passed
        db.execute(
            "UPDATE nudges SET next_attempt_at = ? WHERE id = ?",
            (_instant(datetime.now(UTC)), row["id"]),
        )
    with running_bot(api, tmp_path) as kept:
        again = api.wait_for(
            lambda: [
                m for m in nudges_to(api, ANA, DISHES) if m["message_id"] != nudge["message_id"]
            ],
            what="the snoozed nudge arriving again",
        )[0]
        api.press(ANA, again, buttons(again)[text("es", "btn_kept")])
        api.wait_for_message(GROUP, f"Ana ha cumplido hoy una promesa: «{DISHES}»")
        assert kept.terminate() == 0

    assert [r["status"] for r in ledger.nudges_of(ANA)] == ["kept"]
    assert ledger.nudges_of(BEN) == []
    for chat in (ANA, BEN, GROUP):
        for message in api.sent_messages(chat):
            shown = str(message["text"]).replace(DISHES, "").replace(WALK, "")
            english = {w for w in ENGLISH_ONLY if re.search(rf"\b{w}\b", shown)}
            assert not english, f"English {english} in a message to {chat}: {shown!r}"
