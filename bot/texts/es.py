"""Textos en español. Cálidos, exactos, discretos: estas personas están sufriendo.

Tuteo, y sin marcar género cuando se puede: se habla de «tu pareja» y de «las dos personas», y
se evitan «vosotros» y «ustedes» para que suene natural a ambos lados del Atlántico.
"""

ES: dict[str, str] = {
    "welcome": (
        "Hola, {name} 🌱\n\n"
        "Kept ayuda a una pareja a reconstruir la confianza de la forma lenta y real: con "
        "pequeñas promesas, cumplidas día tras día, que tu pareja puede ver.\n\n"
        "Cada persona de la pareja elige unos pocos compromisos concretos. Cada día, a la hora "
        "que elijas, te pregunto en privado: ✅ Cumplido o ❌ No cumplido. Reconocer un fallo es "
        "honestidad, nunca un fracaso. Tu pareja ve lo que has cumplido y puede decirte "
        "🤝 Lo he notado.\n\n"
        "Para empezar:\n"
        "1. /timezone Europe/Madrid (tu propia ciudad), para que los recordatorios lleguen a tu "
        "hora local\n"
        "2. /pair para invitar a tu pareja\n"
        "3. /commit para nombrar tu primera promesa\n\n"
        "/help lo muestra todo. Tu zona horaria ahora es {timezone}."
    ),
    "welcome_back": "Hola de nuevo, {name}. /today muestra las promesas de hoy; /help, todo lo demás.",
    "timezone_set": "Hecho: tu zona horaria es {timezone}. La hora local allí es {local_time}.",
    "timezone_usage": (
        "Dime tu zona horaria así: /timezone Europe/Madrid\n"
        "Otros ejemplos: America/Mexico_City, America/Bogota, America/Argentina/Buenos_Aires, "
        "Atlantic/Canary.\n"
        "Ahora tienes {timezone}."
    ),
    "error_bad_timezone": (
        "No conozco la zona horaria «{name}». Las zonas horarias se escriben Área/Ciudad, por "
        "ejemplo Europe/Madrid, America/Mexico_City, America/Argentina/Buenos_Aires o "
        "America/Bogota."
    ),
    "pair_invite": (
        "Aquí tienes tu invitación 💌\n\n"
        "Envía a tu pareja este enlace: {link}\n"
        "o pídele que me envíe: /join {code}\n\n"
        "Funciona una sola vez y caduca en 48 horas."
    ),
    "paired_you": (
        "Ya estás en pareja con {partner} en Kept 🤝 A partir de ahora verás las promesas que "
        "cumple, y {partner} verá las tuyas."
    ),
    "paired_hint": (
        "Siguientes pasos: añádeme a un grupo con tu pareja y envía /link allí, "
        "y nombra una promesa con /commit."
    ),
    "join_usage": "Envía el código que te dio tu pareja, así: /join ABCD2345",
    "link_done": (
        "Este grupo ya está vinculado a {a} y {b} 💞 Aquí compartiré las promesas cumplidas y el "
        "check-in semanal, nada más."
    ),
    "link_partner_missing": (
        "Vinculado. Todavía no veo a {partner} en este grupo: invita a {partner}, por favor, "
        "para que lo que comparto aquí llegue a la pareja completa."
    ),
    "link_need_couple": (
        "Solo una de las dos personas de la pareja puede vincular un grupo, una vez conectadas "
        "con /pair."
    ),
    "group_only": "Eso funciona en un chat de grupo con tu pareja: añádeme a ese grupo y envíalo allí.",
    "private_only": (
        "Hagamos eso en nuestro chat privado, para que quede entre tú y yo: abre un chat conmigo "
        "y envíalo allí."
    ),
    "commit_ask_what": (
        "¿Qué vas a hacer? Escribe una promesa pequeña y concreta que puedas cumplir, "
        "por ejemplo «avisarte si voy a llegar a casa después de las 7».\n(/cancel para dejarlo)"
    ),
    "commit_ask_days": "¿Qué días?",
    "commit_pick_days": "Toca los días y luego Listo. Elegidos: {days}",
    "commit_ask_time": (
        "¿A qué hora quieres que te pregunte? Escríbela como HH:MM, por ejemplo 21:00 "
        "(tu zona horaria: {timezone})."
    ),
    "commit_added": "Promesa anotada: «{text}»\n{days} a las {time}. Te preguntaré entonces. 🌱",
    "commit_vague": (
        "\n\nUna idea, con cariño: palabras como «{word}» hacen que una promesa sea difícil de "
        "cumplir y de ver. ¿Podrías hacerla más pequeña y concreta, con un cuándo y un qué? "
        "Puedes cambiarla desde /commitments."
    ),
    "commit_cancelled": "De acuerdo, no he añadido nada.",
    "commitments_none": "Aún no tienes compromisos. /commit añade uno.",
    "commitments_header": "Tus compromisos:",
    "commitment_line": "{number}. {text} — {days} a las {time}{state}",
    "state_paused": " (en pausa)",
    "btn_pause": "⏸ Pausar {number}",
    "btn_resume": "▶️ Reanudar {number}",
    "btn_time": "🕘 Hora {number}",
    "btn_delete": "🗑 Borrar {number}",
    "btn_confirm_delete": "🗑 Sí, bórralo",
    "btn_keep_it": "Dejarlo así",
    "commitment_paused": "En pausa: «{text}». No habrá recordatorios hasta que lo reanudes.",
    "commitment_resumed": "Reanudado: «{text}». Próximo recordatorio: {when}.",
    "commitment_deleted": "Borrado: «{text}». Su historial sigue en tu progreso.",
    "commitment_delete_confirm": "¿Borrar «{text}»? Sus respuestas pasadas se quedan en tu historial.",
    "commitment_delete_cancelled": "Se queda como está.",
    "commitment_time_ask": "¿Nueva hora para «{text}»? Envía HH:MM, por ejemplo 07:30.",
    "commitment_time_set": "Cambiado: «{text}» ahora a las {time}.",
    "days_every": "Todos los días",
    "days_weekdays": "De lunes a viernes",
    "days_weekends": "Fines de semana",
    "days_pick": "Elegir días",
    "days_done": "Listo ✔️",
    "nudge_header": "{greeting}, {name}. ¿Has cumplido hoy tu promesa ({date})?",
    "nudge_header_many": "{greeting}, {name}. Tus promesas de hoy ({date}):",
    "nudge_late_note": "(Llego tarde con este mensaje, perdona: estuve sin conexión un rato.)",
    "greeting_morning": "Buenos días",
    "greeting_afternoon": "Buenas tardes",
    "greeting_evening": "Buenas noches",
    "nudge_line_open": "• {text}",
    "nudge_line_kept": "• {text} — ✅ Cumplido ({date})",
    "nudge_line_missed": "• {text} — ❌ No cumplido ({date}). Gracias por tu honestidad.",
    "btn_kept": "✅ Cumplido",
    "btn_missed": "❌ No cumplido",
    "btn_kept_n": "✅ Cumplido · {short}",
    "btn_missed_n": "❌ No cumplido · {short}",
    "btn_noticed": "🤝 Lo he notado",
    "answer_kept": "✅ Cumplido. ¡Bien hecho!",
    "answer_missed": "❌ Anotado. Reconocerlo es honestidad.",
    "reflection_prompt": (
        "Gracias por tu honestidad con «{text}». Los fallos pasan; lo que importa es lo que "
        "aprendemos.\n\nSi quieres, escribe unas palabras solo para ti: ¿qué se interpuso y qué "
        "vas a cambiar? Queda en privado. (/skip para dejarlo)"
    ),
    "reflection_saved": "Guardado, en privado. Mañana es un nuevo día 🌱",
    "reflection_skipped": "Está bien. Mañana es un nuevo día 🌱",
    "partner_kept": "✅ {name} ha cumplido hoy una promesa: «{text}» ({date})",
    "partner_missed": (
        "❌ Hoy {name} habló con honestidad: «{text}» no se cumplió ({date}). Reconocer un fallo "
        "forma parte de reconstruir la confianza."
    ),
    "partner_noticed_line": "🤝 {name} lo ha notado.",
    "noticed_you": "🤝 {partner} lo ha notado: «{text}» ({date}).",
    "noticed_thanks": "Gracias. {name} verá que lo has notado.",
    "today_none": "Nada para hoy. /commit añade una promesa.",
    "today_header": "Hoy ({date}):",
    "today_yesterday_header": "Sigue pendiente de ayer ({date}):",
    "today_later": "• {text} — hoy más tarde, a las {time}",
    "today_waiting": "• {text} — llega ahora mismo",
    "today_skipped": "• {text} — omitido (ese día estuve sin conexión)",
    "today_failed": "• {text} — no se pudo entregar",
    "error_generic": "Lo siento, algo ha fallado por mi parte. Inténtalo de nuevo en un momento.",
    "error_bad_time": (
        "«{value}» no es una hora que entienda. Usa HH:MM en formato de 24 horas, por ejemplo "
        "07:30 o 21:00."
    ),
    "error_text_too_long": (
        "Es una promesa larga. Procura que tenga menos de {limit} caracteres: lo pequeño y "
        "concreto se cumple mejor."
    ),
    "error_text_empty": (
        "Escribe qué vas a hacer, por ejemplo: /commit 21:00 avisarte cuando salga hacia casa"
    ),
    "error_too_many": (
        "Ya tienes {limit} compromisos activos. Pocas promesas, bien cumplidas, reconstruyen más "
        "confianza que muchas. Primero pausa o borra uno en /commitments."
    ),
    "error_invite_unknown": (
        "No conozco ese código. Compruébalo con tu pareja; puede crear uno nuevo con /pair."
    ),
    "error_invite_used": "Ese código ya se ha usado. Tu pareja puede crear uno nuevo con /pair.",
    "error_invite_expired": (
        "Ese código ha caducado (duran 48 horas). Tu pareja puede crear uno nuevo con /pair."
    ),
    "error_invite_own": "Es tu propia invitación 🙂 Envíasela a tu pareja para que se una.",
    "error_already_paired": (
        "Ya estás en pareja con {partner}. Cada persona pertenece a una sola pareja."
    ),
    "error_inviter_paired": (
        "La persona que creó este código ya está en pareja. Una pareja son solo dos personas."
    ),
    "error_not_paired": (
        "Todavía no te has conectado con tu pareja. /pair crea una invitación que puedes enviarle."
    ),
    "error_not_partner": "Lo siento, solo las dos personas de esta pareja pueden hacer eso.",
    "error_not_yours": "Este botón es de otra persona, así que lo he dejado como estaba.",
    "error_stale": "Este botón ya no está activo. /today muestra lo que está abierto ahora.",
    "error_already_answered": "Ya respondiste a esto: {answer}.",
    "error_unknown_commitment": "No encuentro ese compromiso. /commitments muestra los tuyos.",
    "error_no_days": "Elige al menos un día.",
    "unknown_command": "No conozco ese comando. /help muestra lo que puedo hacer.",
    "unknown_text": (
        "No sé bien qué quieres decir. /help muestra lo que puedo hacer; /today, las promesas "
        "de hoy."
    ),
    "need_start": "Primero envía /start, para que pueda prepararlo todo.",
    "slow_down": (
        "Son muchos mensajes a la vez 🌿 Respiremos un momento: apartaré los siguientes durante "
        "un minuto y luego vuelvo a estar contigo."
    ),
    "help": (
        "Kept ayuda a una pareja a reconstruir la confianza después de que se rompiera, con "
        "pequeñas promesas cumplidas a lo largo del tiempo y vistas por la otra persona.\n\n"
        "En qué se basa:\n"
        "1. Paciencia: el progreso no es una línea recta; los tropiezos son normales.\n"
        "2. Hechos: promesas concretas, respondidas cada día con Cumplido o No cumplido.\n"
        "3. Constancia: cosas pequeñas, cada día, durante semanas.\n"
        "4. Escucha: un check-in semanal, con las respuestas reveladas a la vez.\n"
        "5. Soluciones concretas: un plan de tareas de la casa compartido.\n"
        "6. Honestidad: un fallo reconocido nunca se castiga.\n"
        "7. Responsabilidad: después de un fallo, un momento privado para reflexionar.\n"
        "8. Solo promesas que puedas cumplir: pocas, pequeñas, concretas.\n"
        "9. Ayuda: terapia de pareja cuando las cosas siguen siendo difíciles.\n\n"
        "Comandos:\n"
        "/start — bienvenida\n"
        "/timezone Área/Ciudad — tu zona horaria\n"
        "/pair — invita a tu pareja; /join CÓDIGO — únete con un código\n"
        "/link — en el grupo que compartes con tu pareja: vincúlalo\n"
        "/commit — nombra una promesa; /commit 21:00 texto — una diaria, al momento\n"
        "/commitments — pausar, reanudar, cambiar la hora, borrar\n"
        "/today — las promesas de hoy\n"
        "/checkin — abre el check-in de esta semana; /checkin dom 19:00 — fija su hora semanal\n"
        "/progress — cumplimiento, constancia y tendencia, con un gráfico\n"
        "/chores — el plan de tareas compartido: añade una tarea, asígnala, cambia un día\n"
        "/pause 7 — un descanso de los recordatorios; /resume — termina el descanso\n"
        "/language en — mensajes en inglés; /language es — en español\n"
        "/export — todos tus datos en un archivo; /forget — borra todos tus datos\n"
        "/help — este mensaje\n\n"
        "Encontrar terapeuta de pareja: pide a tu médico de cabecera que te derive, o busca "
        "cerca de ti un psicólogo o una psicóloga con formación en terapia de pareja o familiar. "
        "En España, el Colegio Oficial de la Psicología de tu comunidad autónoma tiene un "
        "directorio de profesionales colegiados; en otros países, consulta el colegio de "
        "psicólogos o la asociación de terapia familiar. Si alguna vez no te sientes a salvo, "
        "llama a los servicios de emergencia (112 en Europa, 911 en muchos países de América)."
    ),
    "commands_start": "Bienvenida y configuración",
    "commands_timezone": "Tu zona horaria",
    "commands_pair": "Invita a tu pareja",
    "commands_join": "Únete con un código",
    "commands_link": "Vincula este grupo a tu pareja",
    "commands_commit": "Nombra una nueva promesa",
    "commands_commitments": "Tus promesas",
    "commands_today": "Las promesas de hoy",
    "commands_help": "Qué hace Kept",
    "commands_checkin": "Abre el check-in de esta semana",
    "commands_progress": "Cumplimiento y tendencia",
    "checkin_header": "💬 Check-in semanal · semana {week}",
    "q_trust": "¿Cuánto has confiado en tu pareja esta semana?",
    "q_progress": "¿Has notado avances en la relación esta semana?",
    "q_safety": "¿Cuánta seguridad has sentido con tu pareja esta semana?",
    "q_trust_numbered": (
        "1.ª fila — ¿Cuánto has confiado en tu pareja esta semana? (1 = nada, 5 = totalmente)"
    ),
    "q_progress_numbered": "2.ª fila — ¿Has notado avances en la relación esta semana?",
    "q_safety_numbered": (
        "3.ª fila — ¿Cuánta seguridad has sentido con tu pareja esta semana? (de 1 a 5)"
    ),
    "checkin_private_note": (
        "Toca tus respuestas: solo tú ves lo que tocas. No se muestra nada hasta que hayan "
        "respondido las dos personas; entonces revelo ambas respuestas, una junto a otra. Hasta "
        "ese momento puedes cambiar tu respuesta."
    ),
    "progress_yes": "Sí",
    "progress_little": "Un poco",
    "progress_notyet": "Aún no",
    "btn_words": "✍️ Añade tus palabras en privado",
    "checkin_noted": "Anotado, en privado. Puedes cambiarlo hasta que se muestren las respuestas.",
    "checkin_words_q1": (
        "Dos preguntas abiertas, solo entre tú y yo hasta que se muestren las respuestas "
        "(escribe unas palabras, o /skip):\n\n"
        "¿Qué hizo tu pareja esta semana que hayas valorado?"
    ),
    "checkin_words_q2": (
        "¿Qué es algo que tu pareja podría hacer de otra manera la próxima semana? (o /skip)"
    ),
    "checkin_words_thanks": (
        "Gracias. Mostraré el check-in cuando hayan respondido las dos personas."
    ),
    "checkin_reminder": (
        "Un recordatorio amable: el check-in de esta semana espera tus respuestas en el grupo "
        "que compartes con tu pareja. Se cierra tres días después de abrirse."
    ),
    "checkin_opened": "El check-in de esta semana está abierto en el grupo de la pareja.",
    "checkin_slot_set": "El check-in semanal se abrirá cada {day} a las {time} ({timezone}).",
    "checkin_closed_header": "💬 Este check-in está cerrado; las respuestas están debajo.",
    "reveal_header": "💬 Check-in de la semana {week}: las respuestas, una junto a otra",
    "reveal_appreciated": "Lo que cada persona valoró:",
    "reveal_differently": "Lo que podría ser diferente la próxima semana:",
    "reveal_promises": "Promesas de esta semana (cumplimiento · constancia):",
    "reveal_person_rate": "  {name}: {rate} · {score}",
    "reveal_missing": (
        "Esta vez faltó la respuesta de {names}. No pasa nada; la semana que viene es otra "
        "oportunidad."
    ),
    "reveal_normal": (
        "Los altibajos son normales: la confianza vuelve en oleadas, no en línea recta. Fijarse "
        "en la dirección a lo largo de las semanas, y hablar de lo que se ve, ayuda más que "
        "cualquier número."
    ),
    "therapy_suggestion": (
        "🌿 Estas semanas parecen pesadas. A muchas parejas les ayuda hablar con terapeuta de "
        "pareja, una persona formada para acompañar justo este tipo de reparación. Es una muestra "
        "de cuidado, no de fracaso. /help explica cómo encontrar terapeuta."
    ),
    "chart_title": "Confianza y promesas cumplidas, últimas 12 semanas",
    "chart_caption": (
        "Confianza (líneas, 1–5) y promesas cumplidas (barras, %) en las últimas 12 semanas."
    ),
    "error_bad_weekday": "«{value}» no es un día de la semana que conozca. Prueba: /checkin dom 19:00",
    "error_need_group": (
        "El check-in se hace en el grupo que compartes con tu pareja: añádeme a un grupo con tu "
        "pareja y envía /link allí primero."
    ),
    "error_checkin_open": (
        "Ya hay un check-in abierto en el grupo. Respóndelo allí; lo mostraré cuando hayan "
        "respondido las dos personas."
    ),
    "error_checkin_done": (
        "El check-in de esta semana ya se hizo. El siguiente se abre a la hora semanal fijada."
    ),
    "progress_header": "Tu progreso 🌱",
    "progress_line": (
        "• {text}: 7 días {rate_7} · 28 días {rate_28} · constancia {score} · racha {streak}"
    ),
    "progress_trust": "La confianza que sentiste en las últimas semanas: {trend}",
    "progress_none": "Aún no hay compromisos. /commit añade uno.",
    "progress_couple_header": "Cómo va la pareja 💞",
    "progress_couple_line": (
        "• {name}: esta semana {rate_week} · 28 días {rate_28} · constancia {score}"
    ),
    "progress_note": (
        "La constancia perdona un mal día: crece con cada día cumplido y solo baja un poco con "
        "un fallo."
    ),
    "partner_unreachable": (
        "{name} no puede recibir mis mensajes ahora mismo (quizá me ha bloqueado o ha cerrado "
        "nuestro chat), así que sus recordatorios están en pausa. Volverán cuando {name} me "
        "envíe /start."
    ),
    "progress_honesty": (
        "En los últimos 28 días respondiste con honestidad {answered} de {due} días: reconocer "
        "un fallo cuenta tanto como una promesa cumplida."
    ),
    "commands_export": "Todos tus datos en un archivo",
    "commands_forget": "Borra todos tus datos",
    "export_caption": (
        "Todo lo que Kept guarda sobre ti, en un archivo JSON. De tu pareja solo guarda el "
        "nombre. Guárdalo en un lugar seguro: contiene tus palabras privadas."
    ),
    "forget_confirm": (
        "¿Borrar todo lo que Kept sabe de ti? Tus promesas, tus respuestas y reflexiones, tus "
        "respuestas del check-in y tus ajustes desaparecerán para siempre, y la pareja que "
        "formas en Kept terminará aquí. Tu pareja conserva su propio historial y recibirá, con "
        "tacto, el aviso de que la pareja ha terminado; no verá nada de lo que escribiste.\n\n"
        "Usa /export primero si quieres una copia."
    ),
    "btn_forget": "🗑 Sí, borrar todo",
    "btn_keep_data": "Conservar mis datos",
    "error_forget_stale": "Este botón ya no está activo. Envía /forget si quieres borrar tus datos.",
    "forget_cancelled": "No se ha borrado nada. Tus datos siguen como estaban.",
    "forget_done": (
        "Hecho. Todo lo que Kept sabía de ti se ha borrado. Si algún día quieres volver, "
        "/start empieza de cero. Cuídate 🌱"
    ),
    "partner_forgot": (
        "{name} ha decidido borrar sus datos de Kept, así que la pareja en Kept ha terminado. "
        "Tus propias promesas, respuestas e historial siguen siendo tuyos: /commitments y "
        "/progress funcionan como antes.\n\nSientas lo que sientas, trátate con cariño 🌱 /help "
        "explica cómo encontrar terapeuta si te gustaría hablar con alguien."
    ),
    "btn_snooze": "⏰ 1 h",
    "snoozed": "De acuerdo, te vuelvo a preguntar a las {time}. Mañana sigue igual.",
    "nudge_line_snoozed": "• {text} — ⏰ te vuelvo a preguntar a las {time}",
    "pause_usage": (
        "¿Necesitas un descanso? Envía /pause y un número de días, por ejemplo /pause 7. Los días "
        "en pausa no cuentan ni como cumplidos ni como no cumplidos."
    ),
    "paused": (
        "Disfruta del descanso 🌴 No habrá recordatorios hasta el {until} incluido; esos días no "
        "cuentan ni como cumplidos ni como no cumplidos. /resume lo termina antes."
    ),
    "resumed": "Hola de nuevo 🌱 Tus recordatorios vuelven a estar activos.",
    "error_pause_days": "Indica un número entero de días entre 1 y {limit}, por ejemplo /pause 7.",
    "partner_paused": (
        "{name} se toma un descanso de los recordatorios hasta el {until}. Esos días no cuentan "
        "ni como cumplidos ni como no cumplidos."
    ),
    "partner_resumed": "{name} ha vuelto de su descanso; sus recordatorios vuelven a estar activos.",
    "commands_pause": "Un descanso de los recordatorios",
    "commands_resume": "Termina tu descanso",
    "sizing_offer": (
        "«{text}» ha costado cumplirse estas dos últimas semanas. Vale la pena saberlo, y no es un "
        "fracaso: las promesas pequeñas cumplidas reconstruyen más confianza que las grandes "
        "incumplidas.\n\n"
        "¿Quieres hacerla más pequeña?"
    ),
    "btn_fewer_days": "📅 Menos días",
    "btn_smaller": "✏️ Una versión más pequeña",
    "btn_pause_it": "⏸ Pausarla",
    "commitment_days_set": "Cambiado: «{text}». Días: {days}.",
    "commitment_smaller_ask": (
        "¿Qué versión más pequeña de «{text}» podrías cumplir? Escríbela en pocas palabras."
    ),
    "commitment_text_set": "Cambiado: ahora tu promesa es «{text}». Su historial se mantiene.",
    "btn_share": "🤝 Compartir con mi pareja",
    "btn_keep_private": "🔒 Mantenerlo en privado",
    "reflection_saved_share": (
        "Guardado, en privado: solo tú puedes verlo. Si quieres que tu pareja lo lea, toca abajo. "
        "Mañana es un nuevo día 🌱"
    ),
    "partner_reflection": (
        "{name} ha decidido compartir lo que escribió tras no cumplir «{text}»:\n\n«{words}»"
    ),
    "shared_done": "Compartido con {name}. Gracias por tu apertura.",
    "shared_nobody": (
        "Ahora mismo no estás en pareja en Kept, así que no hay con quién compartirlo; se queda "
        "en privado."
    ),
    "checkin_share_question": (
        "Gracias. Por ahora tus palabras son privadas. ¿Quieres compartirlas con tu pareja cuando "
        "se muestren las respuestas?"
    ),
    "words_shared": "Tus palabras se mostrarán junto a las respuestas de tu pareja.",
    "words_private": (
        "Tus palabras se quedan en privado. Tus respuestas se mostrarán igualmente junto a las de "
        "tu pareja."
    ),
    "crisis_resources_reflection": (
        "Gracias por confiarme esto. Algo de lo que escribiste suena a que quizá estás sufriendo "
        "o no estás a salvo, y eso importa más que cualquier promesa.\n\n"
        "Si estás en peligro ahora mismo, llama al número de emergencias de tu zona (112 en "
        "Europa, 911 en EE. UU.). Si piensas en hacerte daño: 024 en España, 988 en EE. UU., "
        "Samaritans 116 123 en Reino Unido e Irlanda, o findahelpline.com para otros países. Si "
        "alguien te hace daño o te amenaza: 016 en España, 1-800-799-7233 en EE. UU.\n\n"
        "Lo que escribiste queda en privado. No se lo mostraré a tu pareja salvo que toques abajo."
    ),
    "crisis_resources_words": (
        "Gracias por escribir esto. Algo de lo que dices suena a que quizá estás sufriendo o no "
        "estás a salvo, y eso importa más que cualquier check-in.\n\n"
        "Si estás en peligro ahora mismo, llama al número de emergencias de tu zona (112 en "
        "Europa, 911 en EE. UU.). Si piensas en hacerte daño: 024 en España, 988 en EE. UU., "
        "Samaritans 116 123 en Reino Unido e Irlanda, o findahelpline.com para otros países. Si "
        "alguien te hace daño o te amenaza: 016 en España, 1-800-799-7233 en EE. UU.\n\n"
        "No revelaré tus palabras salvo que decidas compartirlas. ¿Quieres compartirlas con tu "
        "pareja?"
    ),
    "commands_chores": "El plan de tareas compartido",
    "chores_header": "🧹 Plan de tareas de {a} y {b}",
    "chores_none": (
        "Todavía no hay tareas en el plan. Repartir la carga es una forma muy concreta de cuidar: "
        "toca «➕ Añadir una tarea»."
    ),
    "chores_entry": "{chore} ({name})",
    "chores_entry_paused": "{chore} ({name}, en pausa)",
    "btn_chore_add": "➕ Añadir una tarea",
    "btn_chore_swap": "🔁 Pedir cambiar un día",
    "chores_in_private": "Hagamos esto en nuestro chat privado: te he escrito allí.",
    "chore_ask_name": (
        "¿Cuál es la tarea? Unas pocas palabras, por ejemplo «fregar los platos después de cenar» "
        "o «sacar la basura».\n(/cancel para dejarlo)"
    ),
    "chore_ask_who": "¿Quién se encarga de «{chore}»?",
    "chore_who_you": "{name} (yo)",
    "chore_ask_days": "¿Qué días se encarga {name} de «{chore}»?",
    "chore_ask_time": (
        "¿A qué hora se lo recuerdo a {name}? Envía HH:MM, por ejemplo 20:00 "
        "(zona horaria de {name}: {timezone})."
    ),
    "chore_ask_time_you": (
        "¿A qué hora te lo recuerdo? Envía HH:MM, por ejemplo 20:00 (tu zona horaria: {timezone})."
    ),
    "chore_added": (
        "Añadido al plan: «{chore}», {days} a las {time}. Ahora es una de tus promesas. 🧹"
    ),
    "chore_added_partner": (
        "Añadido al plan: «{chore}» para {name}, {days} a las {time}. Se lo he dicho a {name} "
        "y se lo recordaré entonces. 🧹"
    ),
    "chore_assigned_you": (
        "🧹 {name} te ha asignado una tarea del plan: «{chore}», {days} a las {time} (tu hora). "
        "Te la recordaré entonces, como tus otras promesas. Si algún día no te viene bien, con "
        "/chores puedes pedirle a {name} que lo cambie."
    ),
    "chore_taken_over": (
        "🧹 «{chore}» ({days}) ahora le toca a {name}, así que esos días sale de tu lista."
    ),
    "swap_pick": "¿Cuál de tus días de tareas te gustaría que hiciera {name}?",
    "swap_asked": (
        "Le he preguntado a {name} si puede encargarse de «{chore}» el {day}. Te diré su respuesta."
    ),
    "swap_request": (
        "🔁 {name} te pregunta si podrías encargarte de «{chore}» el {day} ({time}) en su lugar. "
        "Si aceptas, pasa a ser una de tus promesas ese día."
    ),
    "btn_swap_accept": "✅ Aceptar",
    "btn_swap_decline": "Esta vez no",
    "swap_accepted_you": (
        "Gracias 🤝 «{chore}» el {day} queda a tu cargo; te lo recordaré a las {time}."
    ),
    "swap_accepted_requester": (
        "🤝 {name} ha dicho que sí: «{chore}» el {day} queda a su cargo a partir de ahora."
    ),
    "swap_declined_you": "De acuerdo, no cambia nada. Se lo he dicho a {name}, con tacto.",
    "swap_declined_requester": (
        "{name} no puede encargarse de «{chore}» el {day} esta vez. No pasa nada 🌱 Sigue a tu "
        "cargo; quizá sea buen momento para hablarlo con calma, o para preguntar por otro día."
    ),
    "error_chore_name_long": (
        "Es un nombre largo para una tarea. Procura que tenga menos de {limit} caracteres, como "
        "«fregar los platos»."
    ),
    "error_chore_limit": (
        "{name} ya tiene {limit} compromisos activos, así que no puedo darle otro. Pocas "
        "promesas, bien cumplidas, reconstruyen más confianza que muchas: {name} puede pausar uno "
        "en /commitments, o puedes encargarte tú de esta tarea."
    ),
    "error_chores_group": (
        "El plan de tareas vive en nuestro chat privado y en el grupo que vinculaste con /link. "
        "Envía /chores allí."
    ),
    "error_no_chore_days": "Aún no tienes días de tareas que cambiar. /chores muestra el plan.",
    "commands_language": "Idioma de tus mensajes",
    "language_set": "Hecho: a partir de ahora te escribo en español 🌱",
    "language_usage": (
        "Ahora te escribo en español. Para cambiarlo: /language en para inglés (English), "
        "/language es para español."
    ),
    "error_bad_language": (
        "Todavía no hablo «{value}». Elige /language es para español o /language en para inglés "
        "(English)."
    ),
    "chart_trust_axis": "Confianza 1–5 (líneas)",
    "chart_kept_axis": "Cumplidas (barras)",
    "chart_week": "S{week}",
    "crisis_resources_first": (
        "Antes de la siguiente pregunta: algo de lo que escribiste suena a que quizá estás "
        "sufriendo o no estás a salvo. Si estás en peligro ahora mismo, llama al número de "
        "emergencias de tu zona (112 en Europa, 911 en EE. UU.). Líneas de ayuda: 024 en España, "
        "988 en EE. UU., Samaritans 116 123 en Reino Unido e Irlanda, findahelpline.com en otros "
        "países; si alguien te hace daño o te amenaza: 016 en España, 1-800-799-7233 en EE. UU. "
        "Tus palabras quedan en privado salvo que decidas compartirlas."
    ),
}
