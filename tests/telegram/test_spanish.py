"""A walk through every command as Spanish-speaking people: nothing the bot says is English.

What the bot sends (messages, edits, toasts, captions, button labels) is checked against the
words that appear in the English catalogue and in no Spanish text, once the people's own words
(names, promises, chores, reflections), links, commands and time zone names are taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import Settings
from bot.domain import actions
from bot.domain.models import NudgeStatus
from bot.telegram.messenger import TelegramMessenger
from bot.texts import CATALOGUES, text
from bot.wiring import Services, build_services
from tests.telegram.conftest import GROUP, GROUP_CHAT, Kept, TgUser
from tests.telegram.offline import Call

EN = CATALOGUES["en"]
ES = CATALOGUES["es"]

ANA = TgUser(3001, "Ana", "es-ES")
BEN = TgUser(3002, "Ben", "es-MX")
CARLA = TgUser(3003, "Carla", "es")
DISHES = "Lavar los platos"
CALL = "Llamarte al salir del trabajo"
VAGUE = "Siempre te escucharé"
BINS = "Sacar la basura"
PLANTS = "Regar las plantas"
REFLECTION = "Me dormí en el sofá; mañana pondré una alarma"
CRISIS = "Tengo miedo, me amenaza cuando discutimos"
APPRECIATED = "Que me prepararas la cena"
DIFFERENTLY = "Hablar más despacio"
SMALLER = "Lavar solo la sartén"
# What people wrote themselves is theirs, in whatever language: it is not checked.
OWN_WORDS = (
    *(ANA.first_name, BEN.first_name, CARLA.first_name),
    *(DISHES, CALL, VAGUE, BINS, PLANTS, SMALLER),
    *(REFLECTION, CRISIS, APPRECIATED, DIFFERENTLY),
)

# Links, commands and IANA names are the same in every language.
NOT_WORDS = re.compile(r"\{[^}]*\}|https?://\S+|/\w+|\b[A-Za-z_]+(?:/[A-Za-z_]+)+")


def words(sentence: str) -> set[str]:
    """The lower-case words of a sentence, leaving out links, commands, zone names and codes."""
    return {w.lower() for w in re.findall(r"\w+", NOT_WORDS.sub(" ", sentence)) if w.isalpha()}


# Words of the English catalogue that no Spanish text uses: any of them in a reply is English.
ENGLISH_ONLY = set().union(*(words(t) for t in EN.values())) - set().union(
    *(words(t) for t in ES.values())
)


def shown(call: Call) -> list[str]:
    """Every piece of text a person sees from one Bot API call."""
    pieces = [call.text, str(call.params.get("caption") or ""), *call.labels]
    return [p for p in pieces if p]


def english_in(calls: list[Call]) -> list[tuple[str, str]]:
    """(English word, text) for every English word the bot said in these calls."""
    found = []
    for call in calls:
        for piece in shown(call):
            plain = piece
            for own in sorted(OWN_WORDS, key=len, reverse=True):
                plain = plain.replace(own, " ")
            found += [(w, piece) for w in sorted(words(plain) & ENGLISH_ONLY)]
    return found


@dataclass
class Walk:
    """Talks to the bot like a person would and keeps everything the bot said."""

    kept: Kept
    services: Services
    said: list[Call] = field(default_factory=list)

    def _keep(self, calls: list[Call]) -> list[Call]:
        self.said += calls
        return calls

    async def send(
        self, user: TgUser, words: str, chat: dict[str, Any] | None = None
    ) -> list[Call]:
        """A message; the clock moves a few seconds, as people type (and stay under the limit)."""
        self.kept.clock.advance(timedelta(seconds=5))
        return self._keep(await self.kept.send(user, words, chat))

    async def reply(self, user: TgUser, words: str, chat: dict[str, Any] | None = None) -> Call:
        """The single message the bot answers with in the chat it was sent in."""
        calls = await self.send(user, words, chat)
        answers = self.kept.sent(calls, chat["id"] if chat else user.id)
        assert len(answers) == 1, calls
        return answers[0]

    async def press(self, user: TgUser, data: str, on: Call | None = None) -> list[Call]:
        """A button press on a message (the message as sent; edits keep its id)."""
        return self._keep(await self.kept.press(user, data, on))

    async def tick(self) -> list[Call]:
        """One run of the nudge dispatcher."""
        return self._keep(await self.kept.tick())

    async def keep(self, calls: Any) -> list[Call]:
        """Calls made outside the harness's helpers (a job run), from a mark."""
        return self._keep(calls)

    def assert_spanish(self) -> None:
        """Nothing said so far has an English word in it."""
        assert self.said
        assert english_in(self.said) == []

    def data(self, call: Call, prefix: str) -> list[str]:
        """The callback data of a message's buttons starting with a verb."""
        return [d for d in call.callback_data if d.startswith(prefix)]


def walk_of(kept: Kept, settings: Settings) -> Walk:
    """A walk over the harness, with the services the jobs use (check-in reminders)."""
    messenger = TelegramMessenger(kept.application.bot)
    return Walk(kept, build_services(settings, kept.uow, kept.clock, messenger))


async def a_spanish_couple(walk: Walk) -> None:
    """Ana (Madrid) and Ben (Mexico City) start, pair and link their group, all in Spanish."""
    kept = walk.kept
    welcome = await walk.reply(ANA, "/start")
    assert welcome.text.startswith("Hola, Ana 🌱")
    assert (await kept.must(ANA)).language == "es"
    assert (await walk.reply(ANA, "/start")).text.startswith("Hola de nuevo, Ana.")
    assert (await walk.reply(ANA, "/timezone")).text.startswith("Dime tu zona horaria")
    assert (await walk.reply(ANA, "/timezone Marte/Olimpo")).text.startswith("No conozco")
    done = await walk.reply(ANA, "/timezone Europe/Madrid")
    assert done.text.startswith("Hecho: tu zona horaria es Europe/Madrid.")
    assert (await walk.reply(BEN, "/start")).text.startswith("Hola, Ben")
    assert (await kept.must(BEN)).language == "es"
    await walk.reply(BEN, "/timezone America/Mexico_City")

    assert (await walk.reply(BEN, "/join")).text.startswith("Envía el código")
    assert (await walk.reply(BEN, "/join ZZZZ9999")).text.startswith("No conozco ese código")
    invite, next_step = kept.invitation(await walk.send(ANA, "/pair"), ANA.id)
    assert invite.text.startswith("💌 Ana te invita a Kept")
    assert next_step.text.startswith("Reenvía el mensaje de arriba")
    code = invite.text.split("/join ")[1].split()[0]
    assert (await walk.reply(ANA, f"/join {code}")).text.startswith("Es tu propia invitación")
    # Ben opens the link: he sees who invites him and chooses; nothing is paired before.
    opened = kept.sent(await walk.send(BEN, f"/start join-{code}"), BEN.id)
    assert [c.text.split("\n")[0] for c in opened] == [
        "Hola de nuevo, Ben. /today muestra las promesas de hoy; /help, todo lo demás.",
        "💌 Ana te invita a Kept.",
    ]
    assert await kept.couple(ANA) is None
    [join] = walk.data(opened[1], actions.JOIN)
    joined = await walk.press(BEN, join, opened[1])
    [to_ana] = kept.sent(joined, ANA.id)
    assert to_ana.text.startswith("Ya estás en pareja con Ben en Kept 🤝")
    assert "cada domingo a las 19:00 (Europe/Madrid)" in to_ana.text
    assert (await kept.couple(ANA)) is not None

    assert (await walk.reply(ANA, "/link")).text.startswith("Eso funciona en un chat de grupo")
    kept.api.members[(GROUP, ANA.id)] = "member"
    linked = await walk.reply(ANA, "/link", GROUP_CHAT)
    assert linked.text.startswith("Este grupo ya está vinculado a Ana y Ben 💞")
    assert "Todavía no veo a Ben" in linked.text
    kept.api.members[(GROUP, BEN.id)] = "member"
    await walk.reply(BEN, "/link", GROUP_CHAT)


async def test_setting_up_and_the_commands_speak_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await a_spanish_couple(walk)

    # /commit in one line, guided with its buttons, cancelled, vague, refused.
    assert (await walk.reply(ANA, "/commit", GROUP_CHAT)).text.startswith("Hagamos eso")
    added = await walk.reply(ANA, f"/commit 21:00 {DISHES}")
    assert (
        added.text
        == f"Promesa anotada: «{DISHES}»\nTodos los días a las 21:00. Te preguntaré entonces. 🌱"
    )
    assert (await walk.reply(ANA, "/commit 25:00 algo")).text.startswith("«25:00» no es una hora")
    assert (await walk.reply(ANA, "/commit 21:00")).text.startswith("Escribe qué vas a hacer")
    await walk.reply(ANA, "/commit")
    assert (await walk.reply(ANA, "/cancel")).text == "De acuerdo, no he añadido nada."
    assert (await walk.reply(ANA, "/commit")).text.startswith("¿Qué vas a hacer?")
    days = await walk.reply(ANA, CALL)
    assert days.text == "¿Qué días?"
    assert days.labels == ["Todos los días", "De lunes a viernes", "Fines de semana", "Elegir días"]
    picker = kept.edits(await walk.press(ANA, "d:pick", days))[0]
    assert picker.labels[:7] == ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]
    await walk.press(ANA, "dp:0", days)
    chosen = kept.edits(await walk.press(ANA, "dp:2", days))[0]
    assert chosen.text == "Elige los días y luego Listo. Elegidos: lun, mié"
    assert chosen.labels[:3] == ["✔️ lun", "mar", "✔️ mié"]
    ask = kept.edits(await walk.press(ANA, "dp:ok", days))[0]
    assert ask.text.startswith("¿A qué hora quieres que te pregunte?")
    assert "Europe/Madrid" in ask.text
    guided = await walk.reply(ANA, "21:00")
    assert guided.text.startswith(f"Promesa anotada: «{CALL}»\nlun, mié a las 21:00.")
    vague = await walk.reply(ANA, f"/commit 22:00 {VAGUE}")
    assert "palabras como «siempre»" in vague.text
    assert (await walk.reply(ANA, "/commit 23:00 Una más")).text.startswith("Ya tienes 3")

    # /commitments and every button of it.
    listing = await walk.reply(ANA, "/commitments")
    assert listing.text.splitlines()[0] == "Tus compromisos:"
    assert f"2. {CALL} — lun, mié a las 21:00" in listing.text
    assert listing.labels[:3] == ["⏸ Pausar 1", "🕘 Hora 1", "🗑 Borrar 1"]
    first, second, third = (c.id for c in await kept.commitments(ANA))
    paused = await walk.press(ANA, f"cp:{first}", listing)
    assert kept.toasts(paused) == [
        f"En pausa: «{DISHES}». No habrá recordatorios hasta que lo reanudes."
    ]
    assert "(en pausa)" in kept.edits(paused)[0].text
    resumed = await walk.press(ANA, f"cr:{first}", listing)
    assert kept.toasts(resumed) == [
        f"Reanudado: «{DISHES}». Próximo recordatorio: mié 10 jun 21:00."
    ]
    await walk.press(ANA, f"ct:{second}", listing)
    assert (await walk.reply(ANA, "21:00")).text == f"Cambiado: «{CALL}» ahora a las 21:00."
    confirm = kept.edits(await walk.press(ANA, f"cd:{third}", listing))[0]
    assert confirm.labels == ["🗑 Sí, bórralo", "Dejarlo así"]
    kept_it = await walk.press(ANA, f"cx:{third}", confirm)
    assert kept.toasts(kept_it) == ["Se queda como está."]
    await walk.press(ANA, f"cd:{third}", listing)
    gone = await walk.press(ANA, f"cy:{third}", confirm)
    assert kept.toasts(gone) == [f"Borrado: «{VAGUE}». Su historial sigue en tu progreso."]

    # /today, before the nudges.
    today = await walk.reply(ANA, "/today")
    assert today.text.startswith("Hoy (mié 10 jun):")
    assert f"• {DISHES} — hoy más tarde, a las 21:00" in today.text

    # /pause and /resume, with the partner told.
    assert (await walk.reply(ANA, "/pause")).text.startswith("¿Necesitas un descanso?")
    assert (await walk.reply(ANA, "/pause 100")).text.startswith("Indica un número entero")
    paused_calls = await walk.send(ANA, "/pause 3")
    [told] = kept.sent(paused_calls, BEN.id)
    assert told.text.startswith("Ana se toma un descanso de los recordatorios hasta el vie 12 jun.")
    [mine] = kept.sent(paused_calls, ANA.id)
    assert "hasta el vie 12 jun incluido" in mine.text
    resumed_calls = await walk.send(ANA, "/resume")
    assert kept.sent(resumed_calls, ANA.id)[0].text.startswith("Hola de nuevo 🌱")
    assert kept.sent(resumed_calls, BEN.id)[0].text.startswith("Ana ha vuelto de su descanso")

    # /language, /help, /export, an unknown command, free text, a stranger, a forged button.
    assert (await walk.reply(ANA, "/language")).text.startswith("Ahora te escribo en español.")
    bad = await walk.reply(ANA, "/language fr")
    assert bad.text.startswith("Todavía no hablo «fr».") and "/language en" in bad.text
    assert (await walk.reply(ANA, "/language es")).text.startswith("Hecho: a partir de ahora")
    help_text = (await walk.reply(ANA, "/help")).text
    assert help_text.startswith("Kept te ayuda") and "/sos" in help_text
    about = (await walk.reply(ANA, "/about")).text
    assert "terapeuta de pareja" in about and "/checkin dom 19:00" in about
    [document] = await walk.send(ANA, "/export")
    assert document.method == "sendDocument"
    assert document.params["caption"].startswith("Todo lo que Kept guarda sobre ti")
    assert (await walk.reply(ANA, "/bailar")).text.startswith("No conozco ese comando.")
    assert (await walk.reply(ANA, "hola, ¿qué tal?")).text.startswith("No sé bien qué quieres")
    assert (
        await walk.reply(CARLA, "/today")
    ).text == "Primero envía /start, para que pueda prepararlo todo."
    assert (await walk.reply(CARLA, "/help", GROUP_CHAT)).text.startswith("Kept te ayuda")
    forged = await walk.press(ANA, "k:99999")
    assert kept.toasts(forged) == [
        "Esta opción ya no está abierta. /today muestra lo que está abierto ahora."
    ]
    assert kept.toasts(await walk.press(CARLA, "k:1")) == [text("es", "error_not_yours")]

    walk.assert_spanish()


async def test_switching_to_english_and_back(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await walk.reply(ANA, "/start")

    english = kept.only_reply(await kept.send(ANA, "/language en"), ANA.id)
    assert english.text == text("en", "language_set")
    assert (await kept.must(ANA)).language == "en"
    assert kept.only_reply(await kept.send(ANA, "/today"), ANA.id).text == text("en", "today_none")
    # A fresh /start keeps the chosen language, whatever the phone says.
    kept.only_reply(await kept.send(ANA, "/start"), ANA.id)
    assert (await kept.must(ANA)).language == "en"
    spanish = kept.only_reply(await kept.send(ANA, "/language español"), ANA.id)
    assert spanish.text == text("es", "language_set")
    assert (await kept.must(ANA)).language == "es"


async def test_the_daily_loop_speaks_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await a_spanish_couple(walk)
    await walk.reply(ANA, f"/commit 21:00 {DISHES}")
    await walk.send(ANA, "/commit")
    await walk.send(ANA, CALL)
    days = kept.sent(walk.said, ANA.id)[-1]
    await walk.press(ANA, "d:all", days)
    await walk.send(ANA, "21:00")
    dishes, call = (c for c in await kept.commitments(ANA))
    due = dishes.next_due_at
    assert due == datetime(2026, 6, 10, 19, 0, tzinfo=UTC)

    # Two promises at once: one message, named buttons.
    kept.clock.set(due)
    nudge = kept.only_reply(await walk.tick(), ANA.id)
    assert nudge.text.startswith("Buenas noches, Ana. Tus promesas de hoy (mié 10 jun):")
    rows = {n.commitment_id: n for n in await kept.nudges(ANA)}
    first, second = rows[dishes.id], rows[call.id]
    assert nudge.labels[:3] == [
        f"✅ Cumplido · {DISHES}",
        f"❌ No cumplido · {DISHES}",
        "⏰ Pregúntame en 1 h",
    ]

    kept.clock.advance(timedelta(minutes=5))
    pressed = await walk.press(ANA, f"k:{first.id}", nudge)
    assert kept.toasts(pressed) == ["✅ Cumplido. ¡Bien hecho!"]
    assert f"• {DISHES} — ✅ Cumplido (mié 10 jun, 21:05)" in kept.edits(pressed)[0].text
    [to_group] = kept.sent(pressed, GROUP)
    assert to_group.text == f"✅ Ana ha cumplido hoy una promesa: «{DISHES}» (mié 10 jun)"
    assert to_group.labels == ["🤝 Lo veo"]
    assert kept.toasts(await walk.press(BEN, f"m:{second.id}", nudge)) == [
        text("es", "error_not_yours")
    ]
    noticed = await walk.press(BEN, f"n:{first.id}", to_group)
    assert kept.toasts(noticed) == ["Gracias. Ana sabrá que lo viste."]
    assert (
        kept.sent(noticed, ANA.id)[0].text == f"🤝 Ben vio tu respuesta: «{DISHES}» (mié 10 jun)."
    )
    assert kept.toasts(await walk.press(BEN, f"n:{first.id}", to_group))

    # Snoozed, asked again an hour later, missed, a reflection shared.
    snoozed = await walk.press(ANA, f"z:{second.id}", nudge)
    assert kept.toasts(snoozed) == [
        "De acuerdo, te vuelvo a preguntar a las 22:05. Mañana sigue igual."
    ]
    assert "⏰ te vuelvo a preguntar a las 22:05" in kept.edits(snoozed)[0].text
    kept.clock.set(due + timedelta(hours=1, minutes=5))
    again = kept.only_reply(await walk.tick(), ANA.id)
    missed = await walk.press(ANA, f"m:{second.id}", again)
    assert kept.toasts(missed) == ["❌ No cumplido: anotado."]
    [prompt] = kept.sent(missed, ANA.id)
    assert prompt.text.startswith(f"Gracias por tu honestidad con «{CALL}».")
    told = kept.sent(missed, GROUP)[0]
    assert told.text == f"❌ Ana te cuenta que no cumplió «{CALL}» (mié 10 jun)."
    assert [b["text"] for row in told.buttons for b in row] == ["🤝 Gracias por contármelo"]
    saved = await walk.reply(ANA, REFLECTION)
    assert saved.text.startswith("Guardado, en privado: solo tú puedes verlo.")
    shared = await walk.press(ANA, saved.callback_data[0], saved)
    assert kept.toasts(shared) == ["Compartido con Ben. Gracias por tu apertura."]
    [to_ben] = kept.sent(shared, BEN.id)
    assert (
        to_ben.text
        == f"Ana ha decidido compartir lo que escribió tras no cumplir «{CALL}»:\n\n«{REFLECTION}»"
    )
    already = await walk.press(ANA, f"m:{second.id}", again)
    assert kept.toasts(already) == ["Ya respondiste a esto: ❌ No cumplido."]
    today = await walk.reply(ANA, "/today")
    assert f"• {CALL} — ❌ No cumplido (mié 10 jun, 22:05)\n" in today.text + "\n"

    # The next day the bot is late; a miss with words of danger gets the crisis resources.
    kept.clock.set(due + timedelta(days=1, minutes=20))
    [late] = kept.sent(await walk.tick(), ANA.id)
    assert late.text.startswith("Buenas noches, Ana. Tus promesas de hoy (jue 11 jun):")
    assert late.text.endswith(
        "(Llego tarde con este mensaje, perdona: estuve sin conexión un rato.)"
    )
    rows = {n.commitment_id: n for n in await kept.nudges(ANA) if n.local_date.day == 11}
    await walk.press(ANA, f"m:{rows[dishes.id].id}", late)
    help_first, kept_private = kept.sent(await walk.send(ANA, CRISIS), ANA.id)
    assert help_first.text.startswith("Gracias por contármelo.")
    assert "016" in help_first.text and "024" in help_first.text
    assert kept_private.text == "Guardado aquí, en privado: solo tú puedes verlo, y no lo comparto."
    assert not kept_private.buttons
    await walk.press(ANA, f"m:{rows[call.id].id}", late)
    assert (await walk.reply(ANA, "/skip")).text == "Está bien. Mañana es un nuevo día 🌱"
    earlier = await walk.reply(ANA, "/today")
    assert earlier.text.startswith("Hoy (jue 11 jun):")

    # Two weeks of misses: the offer to make the promise smaller.
    offer: Call | None = None
    for day in range(2, 16):
        kept.clock.set(due + timedelta(days=day))
        [message] = kept.sent(await walk.tick(), ANA.id)
        [row] = [
            n
            for n in await kept.nudges(ANA)
            if n.commitment_id == dishes.id and n.status == NudgeStatus.SENT
        ]
        answered = await walk.press(ANA, f"m:{row.id}", message)
        offers = [c for c in kept.sent(answered, ANA.id) if c.text.startswith(f"«{DISHES}»")]
        await walk.send(ANA, "/skip")
        if offers:
            offer = offers[0]
            break
        for other in await kept.nudges(ANA):
            if other.status == NudgeStatus.SENT:
                await walk.press(ANA, f"k:{other.id}", message)
    assert offer is not None
    assert offer.labels == [
        "📅 Menos días",
        "✏️ Una versión más pequeña",
        "⏸ Pausarla",
        "Dejarlo así",
    ]
    picker = kept.sent(await walk.press(ANA, f"sd:{dishes.id}", offer), ANA.id)[0]
    assert picker.labels[:7] == ["✔️ lun", "✔️ mar", "✔️ mié", "✔️ jue", "✔️ vie", "✔️ sáb", "✔️ dom"]
    await walk.press(ANA, "dp:6", picker)
    changed = kept.edits(await walk.press(ANA, "dp:ok", picker))[0]
    assert (
        changed.text
        == f"Cambiado: te preguntaré por «{DISHES}» estos días: lun, mar, mié, jue, vie, sáb."
    )
    await walk.press(ANA, f"st:{dishes.id}", offer)
    assert (await walk.reply(ANA, SMALLER)).text.startswith(
        f"Cambiado: ahora tu promesa es «{SMALLER}»."
    )

    walk.assert_spanish()


async def test_the_checkin_and_progress_speak_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await a_spanish_couple(walk)
    await walk.reply(ANA, f"/commit 21:00 {DISHES}")

    slot = await walk.reply(ANA, "/checkin dom 19:00", GROUP_CHAT)
    assert slot.text == "El repaso semanal se abrirá cada domingo a las 19:00 (Europe/Madrid)."
    assert (await walk.reply(BEN, "/checkin miércoles 20:30")).text.startswith(
        "El repaso semanal se abrirá cada miércoles a las 20:30"
    )
    bad_day = await walk.reply(ANA, "/checkin dimanche 19:00")
    assert (
        bad_day.text
        == "«dimanche» no es un día de la semana que conozca. Prueba: /checkin dom 19:00"
    )
    assert (await walk.reply(ANA, "/checkin lun 25:00")).text.startswith("«25:00» no es una hora")

    opened = await walk.send(ANA, "/checkin", GROUP_CHAT)
    [group_message] = [c for c in kept.sent(opened, GROUP) if c.buttons]
    [safety] = [c for c in kept.sent(opened, ANA.id) if c.buttons]
    assert safety.text.startswith("📝 Preguntas de la semana 24: las demás están en el grupo.")
    assert "¿Cuánta seguridad has sentido" not in group_message.text
    assert group_message.text.startswith("💬 Repaso semanal · semana 24")
    assert group_message.labels[5:8] == ["Sí", "Un poco", "Aún no"]
    assert kept.sent(opened, GROUP) == [group_message], "in the group the check-in is the answer"
    assert (await walk.reply(ANA, "/checkin", GROUP_CHAT)).text.startswith(
        "El repaso de esta semana ya está abierto"
    )

    for data in walk.data(group_message, "q:"):
        if data.endswith((".t.4", ".p.yes")):
            pressed = await walk.press(ANA, data, group_message)
            assert "Anotado, en privado." in kept.toasts(pressed)[0]
    assert not [d for d in walk.data(group_message, "q:") if ".s." in d]
    pressed = await walk.press(ANA, walk.data(safety, "q:")[4], safety)
    assert "Anotado, en privado." in kept.toasts(pressed)[0]
    asked = kept.sent(walk.said, ANA.id)[-1]
    assert asked.text.startswith("Dos preguntas abiertas")
    second = await walk.reply(ANA, APPRECIATED)
    assert second.text.startswith("¿Qué es algo que tu pareja podría hacer")
    share = await walk.reply(ANA, DIFFERENTLY)
    assert share.labels == ["🤝 Compartir con mi pareja", "🔒 Mantenerlo en privado"]
    decided = await walk.press(ANA, share.callback_data[0], share)
    assert kept.toasts(decided) == [
        "Tus palabras se mostrarán junto a las respuestas de tu pareja."
    ]

    # A day later Ben is reminded, answers through the link and reveals the check-in.
    kept.clock.advance(timedelta(hours=25))
    mark = len(kept.api.calls)
    assert await walk.services.checkins.remind_due() == 1
    reminders = await walk.keep(kept.api.calls[mark:])
    assert [c.chat_id for c in reminders] == [BEN.id]
    assert reminders[0].text.startswith("Un recordatorio amable")
    checkin_id = group_message.callback_data[0].split(":")[1].split(".")[0]
    words = await walk.send(BEN, f"/start words-{checkin_id}")
    assert kept.sent(words, BEN.id)[-1].text.startswith("Dos preguntas abiertas")
    await walk.send(BEN, "/skip")
    assert (await walk.reply(BEN, "/skip")).text.startswith("Gracias. Mostraré el repaso")
    revealed: list[Call] = []
    for data in walk.data(group_message, "q:"):
        if data.endswith((".t.3", ".p.little")):
            revealed += await walk.press(BEN, data, group_message)
    [ben_safety] = [c for c in kept.sent(opened, BEN.id) if c.buttons]
    revealed += await walk.press(BEN, walk.data(ben_safety, "q:")[3], ben_safety)
    [reveal] = [
        c for c in kept.sent(revealed, GROUP) if c.text.startswith("💬 Repaso de la semana 24")
    ]
    assert "Ana: 4   ·   Ben: 3" in reveal.text and "Ana: Sí   ·   Ben: Un poco" in reveal.text
    assert "seguridad" not in reveal.text and "Ana: 5" not in reveal.text
    assert f"Ana: “{APPRECIATED}”" in reveal.text
    [photo] = [c for c in revealed if c.method == "sendPhoto"]
    assert photo.params["caption"].startswith("Arriba, la confianza (1–5)")
    assert (await walk.reply(ANA, "/checkin", GROUP_CHAT)).text.startswith(
        "El repaso de esta semana ya se hizo."
    )

    # /progress in private and in the group.
    mine = await walk.send(ANA, "/progress")
    assert mine[0].text.startswith("Tu progreso 🌱")
    assert "(solo lo ves tú): 5" in mine[0].text
    assert f"• {DISHES}: aún no hay nada que mostrar" in mine[0].text
    assert mine[1].method == "sendPhoto"
    ours = await walk.send(BEN, "/progress", GROUP_CHAT)
    assert ours[0].text.startswith("Cómo va la pareja 💞")

    walk.assert_spanish()


async def test_the_chore_plan_speaks_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await a_spanish_couple(walk)
    couple = await kept.couple(ANA)
    assert couple is not None
    ben = await kept.must(BEN)
    ana = await kept.must(ANA)

    grid = await walk.reply(ANA, "/chores", GROUP_CHAT)
    assert grid.text.startswith(
        "🧹 Plan de tareas de Ana y Ben\n\nTodavía no hay tareas en el plan."
    )
    assert grid.labels == ["➕ Añadir una tarea", "🔁 Pedir cambiar un día"]
    pressed = await walk.press(ANA, f"ha:{couple.id}", grid)
    assert kept.toasts(pressed) == ["Hagamos esto en nuestro chat privado: te he escrito allí."]
    who = await walk.reply(ANA, BINS)
    assert who.text == f"¿Quién se encarga de «{BINS}»?" and who.labels == ["Ana (yo)", "Ben"]
    await walk.press(ANA, f"hw:{ben.id}", who)
    picker = kept.edits(await walk.press(ANA, "hd:pick", who))[0]
    assert picker.labels[:7] == ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]
    await walk.press(ANA, "hp:0", who)
    await walk.press(ANA, "hp:2", who)
    time_question = kept.edits(await walk.press(ANA, "hp:ok", who))[0]
    assert time_question.text.startswith("¿A qué hora se lo recuerdo a Ben?")
    added = await walk.send(ANA, "20:00")
    assert kept.sent(added, BEN.id)[0].text.startswith(
        f"🧹 Ana te ha asignado una tarea del plan: «{BINS}», lun, mié a las 20:00"
    )
    plan = kept.sent(added, GROUP)[0]
    assert f"lun: {BINS} (Ben)" in plan.text and "dom: —" in plan.text
    assert kept.sent(added, ANA.id)[0].text.startswith(
        f"Añadido al plan: «{BINS}» para Ben, lun, mié"
    )

    own = await walk.reply(ANA, "/chores")
    await walk.press(ANA, f"ha:{couple.id}", own)
    mine = await walk.reply(ANA, PLANTS)
    await walk.press(ANA, f"hw:{ana.id}", mine)
    ask = kept.edits(await walk.press(ANA, "hd:we", mine))[0]
    assert ask.text.startswith("¿A qué hora te lo recuerdo?")
    assert (await walk.send(ANA, "10:00"))[-1].text.startswith(
        f"Añadido al plan: «{PLANTS}», Fines de semana a las 10:00."
    )

    # Ben asks Ana to take his Wednesday; she accepts.
    plan_for_ben = await walk.reply(BEN, "/chores")
    pick = kept.sent(await walk.press(BEN, f"hs:{couple.id}", plan_for_ben), BEN.id)[0]
    assert pick.text == "¿Cuál de tus días de tareas te gustaría que hiciera Ana?"
    wednesday = [
        d for d, label in zip(pick.callback_data, pick.labels, strict=True) if "mié" in label
    ]
    asked = await walk.press(BEN, wednesday[0], pick)
    [request] = kept.sent(asked, ANA.id)
    assert request.text.startswith(f"🔁 Ben te pregunta si podrías encargarte de «{BINS}» el mié (")
    assert request.labels == ["✅ Aceptar", "Esta vez no"]
    accepted = await walk.press(ANA, request.callback_data[0], request)
    assert kept.sent(accepted, BEN.id)[0].text.startswith("🤝 Ana ha dicho que sí")
    assert kept.toasts(await walk.press(ANA, request.callback_data[1], request)) == [
        "Ya respondiste a esto: ✅ Aceptar."
    ]
    assert (await walk.reply(CARLA, "/chores")).text == text("es", "need_start")

    walk.assert_spanish()


async def test_forgetting_speaks_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await a_spanish_couple(walk)

    confirm = await walk.reply(ANA, "/forget")
    assert confirm.text.startswith("¿Borrar todo lo que Kept sabe de ti?")
    assert confirm.labels == ["🗑 Sí, borrar todo", "Conservar mis datos"]
    kept_data = await walk.press(ANA, confirm.callback_data[1], confirm)
    assert kept.edits(kept_data)[0].text == "No se ha borrado nada. Tus datos siguen como estaban."
    again = await walk.reply(ANA, "/forget")
    forgotten = await walk.press(ANA, again.callback_data[0], again)
    assert kept.edits(forgotten)[0].text.startswith(
        "Hecho. Todo lo que Kept sabía de ti se ha borrado."
    )
    [told] = kept.sent(forgotten, BEN.id)
    assert told.text.startswith("Ana ha decidido borrar sus datos de Kept")
    stale = await walk.press(ANA, again.callback_data[0], again)
    assert kept.toasts(stale) == [text("es", "error_forget_stale")]
    invite, _ = kept.invitation(await walk.send(BEN, "/pair"), BEN.id)
    assert invite.text.startswith("💌 Ben te invita a Kept")

    walk.assert_spanish()


async def test_too_many_messages_are_refused_in_spanish(kept: Kept, settings: Settings) -> None:
    walk = walk_of(kept, settings)
    await walk.reply(CARLA, "/start")
    for _ in range(25):
        walk.said += await kept.send(CARLA, "/help")

    assert text("es", "slow_down") in [c.text for c in walk.said]
    walk.assert_spanish()


def test_the_english_word_check_would_catch_english() -> None:
    said = Call("sendMessage", {"chat_id": 1, "text": text("en", "reflection_saved")})
    assert english_in([said]) != []
    own = Call("sendMessage", {"chat_id": 1, "text": f"Hola, {DISHES} Europe/Madrid /today"})
    assert english_in([own]) == []
