"""The Spanish crisis patterns and idioms the detector (bot.domain.safety) reads, for Spain and
Latin America alike."""

from __future__ import annotations

from bot.domain.crisis_common import END, LAUGHING

_ES_PARTNER = (
    r"(?:pareja|marido|esposo|esposa|mujer|novio|novia|ex|companero|companera|padrastro|"
    r"hombre|viejo)"
)


ES_IDIOMS = (
    r"\b(?:me|te|se|nos) (?:muero|muere|mueres|moria|mori|murio|morimos|moriria|moriste|"
    r"vamos a morir|voy a morir|estoy muriendo) (?:de|del|por|con) (?:la |el |los |las |un )?"
    r"(?:risa|susto|impresion|ganas|hambre|"
    r"sueno|frio|calor|sed|verguenza|pena ajena|amor|aburrimiento|envidia|celos|nervios|"
    r"curiosidad|emocion|ternura|cansancio|gusto|alegria|felicidad|antojo|ilusion|impaciencia|"
    r"dolor de \w+)",
    r"\b(?:me|te|se|nos) (?:muero|muere|mueres|mori|morimos) por (?:ver|ir|saber|conocer|probar|"
    r"abrazar|besar|comer|un|una|que|estar|tener|salir|escuchar|ti|vos|tus|tu)",
    r"\bmorir(?:me|se|te)? (?:de|por) (?:la |el )?(?:risa|ganas|hambre|sueno|frio|calor|sed|"
    r"verguenza|amor|aburrimiento|envidia|celos|nervios|curiosidad|emocion|ternura|gusto|"
    r"ver|saber|conocer|probar|ir)",
    r"\b(?:me|te|nos) (?:muero|mori|muera)" + LAUGHING,
    r"\b(?:muerta|muerto|muertos|muertas|mori|me mori|me muero) de (?:la )?risa\b",
    r"\b(?:calor|frio|hambre|sueno|sed|risa|verguenza|cansancio|aburrimiento|bochorno) "
    r"(?:\w+ ){0,3}?(?:me muero|me mori|me voy a morir)\b",
    r"\b(?:perro|perrito|perra|gato|gatito|gata|mosquito|mosquitos|bicho|arana|abeja|cachorro) "
    r"(?:\w+ )?me (?:mordio|muerde|arano|arana|pico)\b",
    r"\bmorir(?:me)? antes (?:que|de) (?:ir|ver|volver|comer|pagar|ponerme)\b",
    r"\b(?:me|te|le|nos|les) (?:mata|matan|mataba|mataban|mato|mataria|matara|esta matando|"
    r"estan matando|estaba matando) (?:el|la|los|las|de|esta|este|ese|esa|estos|estas|esos|esas|"
    r"tu|tus|su|sus|mi|mis|lo|que|tanto|tanta|con|cuando|como|un|una)\b(?! (?:golpes|patadas))",
    r"\b(?:el|la|los|las|este|esta|estos|estas|ese|esa|esto|eso|mi|mis) (?!"
    + _ES_PARTNER
    + r"\b)(?:\w+ )?(?:me|nos) (?:esta|estan|estaba|estaban) matando\b",
    r"\b(?:el|la|los|las|este|esta|estos|estas|ese|esa|esto|eso) (?!" + _ES_PARTNER + r"\b)\w+ "
    r"(?:\w+ )?(?:me|nos) (?:mata|matan|mataba|mataban)\b(?! (?:a golpes|si))",
    r"\bme (?:empujaron|empujan|empujo la gente) en (?:el|la) (?:metro|bus|autobus|tren|concierto|"
    r"fila|cola|multitud|camion|micro)\b",
    r"\b(?:me|nos) (?:mato|mate|matamos|matando|mataba) (?:a |de |en |por )?(?:estudiar|"
    r"estudiando|trabajar|trabajando|correr|corriendo|entrenar|entrenando|limpiar|limpiando|"
    r"risa|hacer|haciendo|el gym|el gimnasio|ti|ellos|mis hijos|los ninos)\b",
    r"\bmatar(?:me|nos|se|te)? (?:estudiando|trabajando|a estudiar|a trabajar|corriendo|entrenando|"
    r"el tiempo|el rato|la espera|dos pajaros|el hambre|el gusanillo|la sed|el aburrimiento|"
    r"la cucaracha|la mosca|el mosquito|el bicho|la arana|las plantas|el motor|la luz|la musica)\b",
    r"\bmat(?:a|ar|arme|arte|arnos|o|aste|an|aba) de (?:un susto|risa|la risa|hambre|aburrimiento|"
    r"los nervios|un infarto|amor|celos|pena|ganas|sueno|calor|frio)\b",
    r"\bcasi me mat(?:o|e|a) (?:en|al|cayendo\w*|bajando|subiendo|corriendo|con la bici|"
    r"con la moto)\b",
    r"\b(?:mi )?(?:jefe|jefa|mama|madre|padre|papa|profe|profesor|profesora|suegra|suegro|"
    r"entrenador|abuela|hermana|hermano) (?:me |nos )(?:va a |iba a |)matar(?= (?:si|cuando|por|"
    r"porque|jaja)\b| \.|$)",
    r"\b(?:te|los|las|lo|la) (?:\w+ )?(?:voy|vamos|vo|quiero) a matar" + LAUGHING,
    r"\b(?:te|los|las|lo|la) (?:quiero|dan ganas de) matar" + LAUGHING,
    r"\bmatarte" + LAUGHING,
    r"\bgolpes? (?:de|del) (?:suerte|calor|estado|vista|efecto|gracia|viento|mar|tos|timon|"
    r"fortuna|realidad|agua|karate|remo|mano|genio|pecho|teatro|sol|frio|aire|ariete|"
    r"mercado|inspiracion|autoridad)\b",
    r"\bde golpe\b|\bde un golpe\b|\bgolpe bajo\b|\ba golpe de\b|\bgolpecito\w*",
    r"\b(?:me|te|se) (?:di|dio|diste|dimos|dieron) (?:un golpe|una hostia|un golpazo) (?:en|con|"
    r"contra) (?:la|el|mi|una|un) (?:cabeza|rodilla|codo|pie|dedo|mano|brazo|pierna|puerta|mesa|"
    r"esquina|armario|mueble|pared|coche|carro|auto|bici|moto)\b",
    r"\b(?:me|te|nos|le|les) (?:pego|pega|pegaba|pegaron|pegan|pegue|ha pegado|pegado|pegara) "
    r"(?:un|una|unos|unas|el|la|los|las|mucho|su|tu|mi) (?:\w+ )?(?:susto|sustazo|grito|gritos|"
    r"gritazo|bronca|toque|timbrazo|llamada|telefonazo|siesta|vistazo|ojeada|madrugon|atracon|"
    r"banazo|ducha|duchazo|chapuzon|estiron|bajon|subidon|cambio|giro|brinco|salto|sobresalto|"
    r"rollo|chapa|gripe|virus|covid|resfriado|resfrio|catarro|tos|sol|acento|cancion|cansancio|"
    r"sueno|vicio|mania|costumbre|habito|onda|pasada|fiesta|fieston|paseo|viaje|carrera|"
    r"buen rato|piojos|alergia|chicle|pelo|poster|foto|cartel|sticker|etiqueta)\b",
    r"\b(?:no )?(?:me|te|le) pega(?:n)? (?:con|nada|bien|mucho con|para nada|ese|esa|el color)\b",
    r"\bme pego a (?:ti|vos|tu lado|usted)\b",
    r"\bpegar(?:le|lo|la|les)? (?:a la pelota|al balon|a la bola|duro al estudio|al trago|"
    r"a la botella|un poster|una foto|un cartel|fotos|la foto|el cartel|un sello)\b",
    r"\bpegarle (?:a la pelota|al balon|al estudio|fuerte al estudio)\b",
    r"\b(?:ahorc\w*|ahorqu\w*) con (?:el|la|los|las|tanta|tanto|tantos|tantas) (?:\w+ )?(?:examen|"
    r"examenes|tarea|tareas|trabajo|deuda|deudas|pagos|renta|alquiler|impuestos|plazos|"
    r"entrega|entregas|proyecto|facturas)\b",
    r"\bahorcad\w* (?:de|con) (?:dinero|trabajo|tiempo|deudas)\b",
    r"\bviol\w* (?:la|las|el|los|mi|su|tu) (?:ley|leyes|norma|normas|regla|reglas|reglamento|"
    r"acuerdo|contrato|privacidad|confianza|derechos|protocolo|seguridad|codigo|intimidad|espacio)\b",
    r"\bamenaz\w* de (?:lluvia|tormenta|tormentas|nieve|granizo|helada|huelga)\b",
    r"\babuso de (?:confianza|poder|autoridad)\b|\bes un abuso (?:el precio|lo que cobran|"
    r"cobrar)\b",
    r"\b(?:arma|armas) de doble filo\b|\bpistola de (?:agua|silicona|calor|pintura|juguete|"
    r"aire|clavos)\b|\bcuchillo (?:y|de) (?:tenedor|mantequilla|cocina|pan|untar|carne)\b|"
    r"\btenedor y cuchillo\b",
    r"\bno puedo mas (?:de|con) (?:la )?risa\b",
    r"\b(?:no quiero|no quisiera|para no) (?:despertar|despertarte)(?:la|lo|los|las|le|les)? "
    r"(?:a|al) \w+",
    r"\bempuj\w* a (?:ser|seguir|estudiar|mejorar|intentar|hacer|salir|buscar|trabajar|luchar|"
    r"cambiar|crecer|terapia)\b",
    r"\b(?:me|te) (?:corte|corto|cortaste|cortas|cortar|cortarme) (?:el|la|las|los|mi) (?:pelo|"
    r"cabello|flequillo|unas|barba|puntas|fleco)\b|\bcortarme el pelo\b",
    r"\bme (?:corte|queme|lastime|golpee|hice dano) (?:\w+ )?(?:cocinando|pelando|sin querer|con "
    r"(?:el|la) (?:sarten|horno|plancha|papel|lata|cuchillo de cocina|puerta|mesa)|la rodilla|"
    r"el tobillo|el pie|la mano|el dedo|la espalda|el brazo|la cabeza|el codo|la frente|"
    r"la pierna|jugando|en el gym|entrenando)\b",
    r"\bquemar(?:me|te|nos|se) (?:al|con el|en el|bajo el) sol\b|\bquemarme la lengua\b|"
    r"\bencerrar(?:me|nos) a (?:estudiar|trabajar)\b|\bme encierro en (?:mi|mis)\b",
)


_ES_VERB = (
    r"(?:golpe\w*|empuj\w*|abofete\w*|cachete\w*|pate(?:a|o|e|an|aba|aron|ando|ado)\w*|ahorc\w*|"
    r"ahorqu\w*|estrangul\w*|zarande\w*|muerd(?:e|en)\b|mordi(?:o|eron)\b|escup\w*|"
    r"aran(?:a|o|aba|aron|ado)\b|maltrat\w*|viol(?:o|a|aba|aron|an|ado|ada|e|en|aria)\b|"
    r"forz(?:o|aron|aba|ado|ada)\b|fuerz(?:a|an)\b|agred\w*|agredi\w*|amenaz\w*|amenac\w*|"
    r"madre(?:a|o|aron|aba|ado)\b|tortur\w*|encerr\w*|encierr\w*|rasgu\w*|"
    r"acos(?:a|o|an|aba|aron|ado|ada|ando)\b|manose\w*|apunal\w*|acuchill\w*|aporre\w*|"
    r"asfixi\w*|cachete\w*)"
)


_ES_PEGAR = r"(?:peg(?:a|as|an|o|aba|abas|aban|aron|ue|uen|ues|ara|aria|ando|ado|aste|ase|ar)\b)"


_ES_MATAR = r"(?:mat(?:a|an|as|o|aba|aban|aron|ara|aria|arian|e|en|ado|ando|aste|ar)\b)"


_ES_AUX = (
    r"(?:(?:va|vas|iba|ibas|van|iban|fue|volvio|vuelve|volvia|volvieron|vuelven|ha vuelto|"
    r"empezo|empieza|comenzo|comienza|llego|se atrevio|vino|viene) a |(?:quiso|quiere|queria|"
    r"quisiera|intento|intenta|intentaba|pudo|puede|podria|suele|solia|acaba de|acababa de|"
    r"trato de|trata de|dejo de|deja de|amenazo con|amenaza con|amenazaba con|casi) |(?:ha|has|he|"
    r"habia|han|habian|haya|hubiera|hubiese) |(?:esta|estaba|estuvo|sigue|seguia|anda|andaba) )"
)


_WANT_ES = (
    r"(?:quiero|quisiera|queria|me gustaria|tengo ganas de|ganas de|deseo|prefiero|preferiria|"
    r"ojala|pienso en|pensando en|pense en|pensado en|solo quiero|necesito|voy a|me voy a|"
    r"quisiera poder|mejor|seria mejor|deberia|planeo|planeando|intente|intentar|intento|"
    r"no me importaria|me dan ganas de|me entran ganas de|me provoca|pensamientos de|ideas de)"
)


_DEATH_ES = (
    r"(?:morir|morirme|estar muert[ao]|desaparecer(?! (?:un|unos|unas|del (?!mundo|mapa)|de la|"
    r"de las|por|hasta|de aqui|un rato))|dejar de existir|no existir|no despertar(?:me)?|no volver a "
    r"despertar(?:me)?|dormir(?:me)? (?:para siempre|y no despertar)|acabar con (?:todo|mi vida|"
    r"esto de una vez|mi sufrimiento)|terminar con (?:todo|mi vida)|quitarme la vida|"
    r"irme de este mundo|irme para siempre|no estar (?:aqui|mas|en este mundo)|no haber nacido|"
    r"matarme|suicidarme|colgarme|ahorcarme|cortarme|envenenarme|hacerme dano|lastimarme|"
    r"tomarme (?:todas )?(?:las )?pastillas|quemarme)"
)


_PILLS_ES = (
    r"(?:pastillas|pildoras|pastis|pastas|medicamentos|medicinas|calmantes|somniferos|"
    r"clonazepam|rivotril|tafil|diazepam|lorazepam|alprazolam|paracetamol|ibuprofeno|"
    r"antidepresivos|insulina|pastillas para dormir)"
)


ES = (
    # wishes to die, active and passive
    r"\bsuicid\w*|\bautolesi\w*|\bauto lesi\w*|\bquitarme la vida\b|\bquitarse la vida\b",
    rf"\b{_WANT_ES} (?:\w+ ){{0,2}}?{_DEATH_ES}\b",
    r"\b(?:me|te|se) (?:quiero|quiere|quieres|quisiera|gustaria|voy a|va a|deberia|dan ganas de) "
    r"(?:\w+ )?(?:morir|matar|suicidar|quitar la vida|colgar|ahorcar|tirar (?:por la ventana|"
    r"del puente|de un puente|al tren|a las vias|al metro|del balcon|de la azotea))\b",
    r"\bmorirme\b|\bmatarme\b|\bahorcarme\b|\benvenenarme\b|\bcortarme (?:las venas|los brazos|las "
    r"munecas|las piernas|los muslos|la piel)\b|\bsuicidarme\b",
    r"\b(?:ojala|quisiera|me gustaria|desearia) (?:\w+ )?(?:me muera|me muriera|me muriese|"
    r"no despertar|no despertara|no despertarme|no existir|no existiera|no hubiera nacido|"
    r"no haber nacido|desaparecer|desapareciera|no estar|estar muert[ao]|estuviera muert[ao]|"
    r"me pase algo|me atropelle|me atropellara|se acabe todo|acabar con todo|dormir y no)\b",
    r"\b(?:me muero|me voy a morir|siento que me muero|que me muera|mejor me muero|me quiero "
    r"morir|me quiero ir de este mundo)\b|\bme (?:quiero|voy a|gustaria|quisiera) ir (?:para "
    r"siempre|de este mundo|de esta vida)\b",
    r"\b(?:seria|estarian|estaria|estarias|estariamos|seran|serian|estaran|vivirian|viviria) "
    r"(?:\w+ )?(?:mejor|mas felices|mas tranquil[oa]s?|bien) (?:para (?:todos|todo el mundo|"
    r"ellos|mis hijos|ti|mi familia) )?(?:si (?:yo )?no (?:estuviera|existiera|estoy|existo|"
    r"hubiera nacido|estuviese)|si (?:me muero|me muriera|desaparezco|desapareciera|me voy para "
    r"siempre)|sin mi)\b",
    r"\bmejor (?:muert[ao]|no estar|desaparecer|no despertar|no existir|dejar de existir)\b",
    r"\b(?:nadie|a nadie) (?:me |le )?(?:extranaria|echaria de menos|importaria|notaria|"
    r"daria cuenta)\w*\b",
    r"\bsoy (?:una|un) (?:carga|estorbo)\b",
    r"\b(?:cansad[ao]|harta|harto|agotad[ao]) de (?:vivir|existir|la vida|esta vida|estar viv[ao]|"
    r"todo(?! (?:el|lo|los|las|la|este|esto))|seguir)\b",
    r"\bno (?:quiero|quiere|quisiera|deseo|me apetece) (?:\w+ )?(?:vivir|seguir viviendo|estar "
    r"viv[ao]|existir|seguir aqui|estar aqui|despertar|despertarme|seguir con vida|vivir mas|"
    r"seguir en este mundo|estar en este mundo|seguir|estar mas)\b(?! (?:en|cerca|lejos|"
    r"con (?:tu|su|mis|tus|sus|mi) \w+|viendo|jugando|leyendo|comiendo|hablando|discutiendo|"
    r"pagando|esperando|trabajando|estudiando|con (?:el|la) (?:serie|libro|juego|curso|trabajo|"
    r"proyecto|dieta)|temprano|a las|tan temprano|pronto|la serie|el libro)\b)",
    r"\b(?:ya )?no (?:puedo|aguanto|soporto|resisto) (?:mas|seguir|seguir asi|vivir asi|con esto|"
    r"con mi vida|con la vida|con todo|este dolor|esta vida|vivir)" + END,
    r"\bno (?:puedo|aguanto|soporto) (?:mas )?(?:con )?(?:esta vida|mi vida|vivir asi|seguir asi|"
    r"seguir viviendo)\b",
    r"\bno (?:le )?(?:veo|encuentro|tiene|tiene ningun) (?:ningun )?sentido (?:a )?(?:vivir|"
    r"la vida|mi vida|nada|seguir viviendo|seguir aqui)\b|\b(?:la vida|mi vida|nada|vivir) "
    r"(?:ya )?no tiene (?:ningun )?sentido\b|\b(?:no vale|ya no vale) la pena (?:vivir|seguir)\b|"
    r"\bpara que seguir\b|\bno hay razon para (?:vivir|seguir)\b|\b(?:por|para) que (?:sigo "
    r"(?:viv[ao]|respirando|en este mundo)|vivo|existo|seguir viviendo|segui viv[ao]|naci)\b",
    r"\bquiero que (?:todo )?(?:se acabe|termine|pare|acabe|se termine)" + END,
    rf"\b{_PILLS_ES} (?:\w+ ){{0,3}}?(?:todas|de golpe|juntas|para (?:morir|no despertar|dormir y "
    rf"no|acabar|matarme)|y no despertar|guardadas|de una vez)\b",
    rf"\b(?:todas|toda la caja de|un bote de|una caja de|el bote de|la caja de|un frasco de) "
    rf"(?:las |mis )?{_PILLS_ES}\b(?! (?:en el|a la) (?:farmacia|super))",
    rf"\b(?:tomar|tomarme|tome|tomo|tomaba|tragar|tragarme|trague|meterme|me meti|me tome|"
    rf"me trague|me tomo|me tomare|tomarse|se tomo|se trago) (?:\w+ )?(?:todas|toda|un monton de|"
    rf"muchas|la caja|el bote|el frasco|una caja|un bote|un frasco|un blister|un punado|"
    rf"[1-9]\d|\d{{3,}}|veinte|treinta|cuarenta|cincuenta|cien)(?: enter[oa]| complet[oa])?"
    rf"(?: de| las| mis| sus)? (?:las |"
    rf"mis |sus )?{_PILLS_ES}\b",
    r"\bsobre ?dosis\b|\bdosis letal\b|\b(?:juntando|guardando|acumulando|ahorrando) (?:\w+ )?"
    r"(?:pastillas|pildoras|medicamentos|calmantes)\b|\bcuantas (?:pastillas|pildoras|\w+) "
    r"(?:\w+ ){0,2}?(?:hacen falta|se necesitan|matan|para (?:morir|no despertar|matarme)|son "
    r"mortales|serian mortales)\b",
    r"\b(?:tirarme|aventarme|arrojarme|lanzarme|me tiro|me aviento) (?:de|del|desde|por|a|al|"
    r"bajo) (?:un |una |el |la |las |los )?(?:puente|edificio|balcon|ventana|azotea|tren|metro|"
    r"vias|coche|carro|camion|precipicio|acantilado|techo|terraza|barranco)\b",
    r"\b(?:pegarme|darme|me pego|me doy|me voy a pegar|me voy a dar|pegarse|se pego|meterme) "
    r"un tiro\b|\bun tiro en la cabeza\b",
    # self-harm
    r"\b(?:hacerme|hacerse|me hago|me hice|hacerte) (?:\w+ )?dano\b|\blastimarme\b|"
    r"\bme lastimo a (?:mi|proposito)\b",
    r"\b(?:me|se) (?:cort\w*|queme|quemo|quema|rasguno|rasgu\w*|arano|pego|golpeo|golpee) "
    r"(?:\w+ )?(?:los brazos|las piernas|las munecas|los muslos|la piel|las venas|la panza|"
    r"a proposito|a mi misma|a mi mismo|otra vez|de nuevo|con (?:una |un |la |el )?"
    r"(?:cuchilla|navaja|tijeras|vidrio|cristal|cutter|gillette|cigarro|mechero|encendedor))\b",
    r"\b(?:cortes|cicatrices|marcas) (?:en|de) (?:los|las|mis) (?:brazos|piernas|munecas|muslos)\b|"
    r"\bvolvi a cortarme\b|\bcortandome\b|\bme corto" + END,
    # blows to a person
    rf"\b(?:me|nos|te|le|les|la|lo|los|las) {_ES_AUX}{{0,2}}{_ES_VERB}",
    rf"\b(?:me|nos|le|les) {_ES_AUX}{{0,2}}(?:{_ES_PEGAR}|pegarme|pegarle)",
    rf"\b(?:me|nos|te|le|les) {_ES_AUX}{{0,2}}{_ES_MATAR}",
    r"\b(?:golpe|empuj|abofete|cachete|pate|ahorc|estrangul|zarande|arrastr|maltrat|viol|forz|"
    r"agred|amenaz|tortur|encerr|ahog|quem|peg|mat|apunal|acuchill|asfixi|sacud|lastim)"
    r"(?:ar|er|ir|ando|iendo)(?:me|nos|le|les|la|lo|te|los|las)\b(?<!pegarla)(?<!pegarlo)"
    r"(?<!pegarlos)(?<!pegarlas)(?<!matarlo)(?<!matarla)(?<!quemarlo)(?<!quemarla)",
    r"\b(?:me|nos|le|les|te) (?:\w+ )?(?:dio|da|daba|dieron|dan|daban|dara|ha dado|habia dado|"
    r"dado|pego|pega|pegaba|metio|mete|metia|solto|suelta|planto|arreo|arrea|propino|dar|pegar|"
    r"meter|dando|pegando) (?:\w+ )?(?:cachetad\w*|bofetad\w*|bofeton\w*|cachetaz\w*|tortaz\w*|"
    r"torta|tortas|hostia|hostias|ostia|ostias|patad\w*|punetaz\w*|pina|pinas|trompad\w*|"
    r"madraz\w*|putaz\w*|chingadaz\w*|guantaz\w*|sopapo\w*|golpe|golpes|golpiza\w*|paliza\w*|"
    r"empujon\w*|rodillaz\w*|codaz\w*|cabezaz\w*|cinturonaz\w*|zape\w*|manotaz\w*|chingaz\w*|"
    r"vergaz\w*|fregadaz\w*|coscorron\w*|mamporro\w*|tunda|somanta|trancaz\w*|cates|"
    r"galletazo\w*|latigazos|cuerazos|chanclazo\w*)\b(?! (?:jugando|al (?:futbol|tenis|padel|"
    r"mario|fifa|ajedrez|basket|parchis|uno)|en (?:el|la) (?:partido|juego|partida|examen|"
    r"carrera|fifa)))",
    r"\bgolpiza\w*|\ba golpes\b|\bmoretones?\b|\bmoratones?\b|\bojo morado\b|\blabio partido\b|"
    r"\bgolpes (?:en|por) (?:la|el|los|las|todo|mi) \w+",
    r"\b(?:me|le|la|nos) (?:\w+ )?(?:puso|pone|ponia|poner|pusiera) la mano encima\b|"
    r"\b(?:me|le|la|nos) (?:\w+ )?(?:levanto|levanta|levantaba|levantar) la mano\b|"
    r"\bponerme la mano encima\b|\blevantarme la mano\b",
    r"\b(?:me|le|la|nos|lo) (?:\w+ )?(?:agarr\w*|cog\w*|jal\w*|tir(?:o|a|aba|aron|an)|tom(?:o|a|"
    r"aba)|apret\w*|sujet\w*) (?:fuerte )?(?:del|de la|de los|de las|por el|por la|por los|el|la|"
    r"los|las) (?:cuello|brazo|brazos|pelo|pelos|cabello|garganta|muneca|munecas|cara|hombros?|"
    r"mandibula|pescuezo)\b",
    r"\b(?:me|le|la|nos) (?:\w+ )?(?:agarr\w*|cog\w*) a (?:golpes|patadas|punetazos|cachetadas|"
    r"madrazos|trancazos|palos|chingadazos|cintarazos|bofetadas)\b",
    r"\b(?:me|le|la|lo|nos) (?:\w+ )?(?:tir(?:o|a|aba|aron|an)|avent\w*|arroj\w*|estamp\w*|"
    r"estrell(?:o|aron|a|aba)|empot\w*|arrincon\w*|acorral\w*) (?:al|contra|por|en|a) (?:el |la |"
    r"las |los |un |una )?(?:suelo|piso|escaleras|escalera|pared|paredes|muro|puerta|coche|carro|"
    r"mueble|esquina|mesa|calle|vidrio|espejo|cristal)\b",
    r"\b(?:me|le|nos) (?:\w+ )?(?:tir(?:o|a|aba|aron|an)|avent\w*|arroj\w*|lanz(?:o|a|aba|aron)) "
    r"(?:un|una|el|la|los|las|cosas|objetos|algo|su|sus) (?:\w+ )?(?:plato|platos|vaso|vasos|"
    r"botella|silla|telefono|celular|movil|zapato|chancla|cosas|objetos|cuchillo|taza|control|"
    r"mando|lampara|cenicero|plancha|sarten|piedra)\b",
    r"\b(?:me|la|le) (?:\w+ )?(?:apret\w*|agarr\w*) (?:el|del) cuello\b|\bmanos? en (?:mi|el|su) "
    r"cuello\b|\bme (?:\w+ )?(?:quiso|intento|trato de) (?:ahogar|asfixiar)\b|\basfixi\w*",
    r"\bviolencia (?:de genero|domestica|machista|intrafamiliar|familiar|fisica|sexual|vicaria)\b|"
    r"\b(?:se pone|se puso|se vuelve|es|esta|estaba|se ponia) (?:muy |bien |super |)"
    r"violent[oa]\b|\bviolent[oa] (?:conmigo|con (?:los|mis) (?:ninos|hijos))\b|\bmaltrat\w*|"
    r"\babus\w*|\borden de (?:alejamiento|proteccion|restriccion)\b|\b016\b",
    r"\bme (?:\w+ )?lastim\w* (?:fisicamente|a golpes|el (?:brazo|cuello)|la (?:cara|muneca))\b",
    # sexual violence
    r"\bviol(?:o|aron|ada|adas|ado|ador|adores|acion|aciones|arme|arla|aba|e|en|ando)\b",
    r"\b(?:me|la|le|nos) (?:\w+ )?(?:oblig\w*|forz\w*|fuerz\w*|forc\w*|presion\w*|chantaje\w*) "
    r"a (?:tener (?:sexo|relaciones)|acostarme|acostarnos|hacerlo|hacer cosas|tocarlo|chupar\w*|"
    r"mandarle fotos|estar con el)\b|\b(?:sexo|relaciones) (?:sin (?:querer|mi consentimiento|"
    r"consentimiento|que yo quisiera)|a la fuerza|forzad[oa]s?|cuando (?:no quiero|estoy dormida|"
    r"estaba dormida|le digo que no|le dije que no))\b|\bsin (?:mi )?consentimiento\b|"
    r"\bcontra mi voluntad\b|\babus\w* sexual\w*|\bacoso sexual\b|"
    r"\b(?:me|la) (?:\w+ )?(?:beso|toco|desnudo|metio|agarro) a la fuerza\b|"
    r"\b(?:me|la) (?:\w+ )?toc\w* (?:sin|cuando no|aunque no|aunque le|mientras dormia|mientras "
    r"duermo|a la fuerza|estando dormida)\b|\btocamientos\b|\bno para cuando le digo que no\b|"
    r"\bno (?:respeta|acepta|le importa) (?:un |mi )?no\b|\bagresion sexual\b",
    # threats and weapons
    r"\bamenaz\w*|\bamenac\w*",
    r"\b(?:dijo|dice|me dijo|me dice|me juro|juro|me advirtio|advirtio|me grito|grito|me escribio|"
    r"escribio|me amenazo|dijo que si|me ha dicho|ha dicho) (?:que )?(?:si \w+ (?:\w+ ){0,4}?)?"
    r"(?:me|nos|te|la|lo|los|les|se) (?:iba|va|ibamos|vamos|van|iban|iria|ira|fuera) a (?:matar|"
    r"pegar|golpear|hacer dano|lastimar|quitar (?:a )?(?:los|mis|la|el) (?:ninos|hijos|hijas|bebe|"
    r"nino|nina)|quitar la vida|destruir|arruinar|quemar|ahorcar|romper|arrepentir|enterrar|"
    r"hundir|encontrar donde)",
    r"\b(?:me|nos) (?:\w+ )?(?:va|iba|vas|quiere|queria|amenaza con|amenazo con) (?:a )?"
    r"(?:quitar|llevar|robar) (?:a )?(?:los|mis|la|el|a los|a mis) (?:ninos|hijos|hijas|bebe|nino|"
    r"nina|crios)\b(?! (?:al|a la|a las|de paseo|de vacaciones)\b)|\bquitarme a (?:los|mis) "
    r"(?:ninos|hijos|hijas|crios|bebe)\b|\b(?:nunca|jamas) (?:mas )?(?:vas|voy|vuelvo|volveras|"
    r"volvere) a ver a (?:los|mis|tus) (?:ninos|hijos|hijas)\b",
    r"\bsi (?:lo|la|le) (?:dejo|denuncio|abandono|cuento|dejara|denunciara) (?:\w+ )?(?:me|nos) "
    r"(?:\w+ )?(?:mata|matara|mataria|va a matar|hace algo|busca|encuentra)\b|\bme las "
    r"(?:va|vas|iba) a pagar\b|\bme va a encontrar donde\b",
    r"\b(?:tiene|tenia|saco|saca|esconde|escondia|agarro|agarra|cogio|coge|blandio|blandia|"
    r"vino con|guarda|guardaba|compro|lleva|llevaba|trae|traia|consiguio) (?:un|una|el|la|su|sus|"
    r"unas|unos) (?:\w+ )?(?:arma|armas|pistola|pistolas|escopeta|rifle|navaja|cuchillo|"
    r"cuchillos|machete|fusca|cuete|fierro)\b(?! (?:para|y) (?:cortar|picar|pelar|untar|partir)|"
    r" de (?:cocina|mantequilla|pan|untar))",
    r"\b(?:pistola|cuchillo|navaja|arma|machete|fusca|escopeta) (?:en|a|contra) (?:la|mi|el|su) "
    r"(?:cabeza|cuello|garganta|cara|pecho|espalda|sien)\b|\b(?:vino|fue|se acerco|me persiguio|"
    r"me ataco|me apunto|apunto|atac\w*|persigui\w*|corrio detras de mi|intimid\w*|se me tiro|"
    r"se me echo encima) (?:\w+ ){0,3}?con (?:un|una|el|la|su) (?:pistola|cuchillo|navaja|arma|"
    r"machete|escopeta|revolver)\b|\bpistola\b|\bescopeta\b|\barmas? (?:de fuego|blanca)\b|"
    r"\bun arma\b|\bbalazo\w*|\bdisparar(?:me|le|nos|te)\b|\b(?:me|le|nos) disparo\b",
    # fear and not safe at home
    rf"\b(?:miedo|panico|terror|temor|temo) (?:\w+ )?(?:de|a|por) (?:el|ella|mi {_ES_PARTNER}|"
    rf"su {_ES_PARTNER}|lo que (?:me |nos |le )?(?:pueda|puede|vaya a|va a|podria|haga|hara)|"
    rf"mi vida|mi seguridad|mis hijos|mis ninos|(?:volver|regresar|ir|llegar) a (?:casa|mi casa)|"
    rf"estar (?:a )?solas? con (?:el|ella)|quedarme sola con)\b",
    r"\ble tengo (?:\w+ )?(?:miedo|panico|terror)" + END,
    r"\b(?:miedo|panico|terror|temo|temor) (?:de |a |por )?(?:que )?(?:el |ella )?(?:me|nos|le|"
    r"les|la|lo) (?:\w+ )?(?:pegue|haga|mate|lastime|golpee|encuentre|quite|viole|ahorque|"
    r"empuje|agreda|amenace|haga algo|haga dano|lleve a los ninos|quite a los ninos)\b",
    r"\barmas? (?:en|dentro de) (?:casa|la casa|mi casa|el cajon|el coche|el carro|la mesita)\b|"
    r"\b(?:me|nos) (?:escondo|escondemos|encierro|encerramos|voy de casa|salgo de casa) cuando "
    r"(?:el )?(?:llega|viene|vuelve|se enoja|se enfada|bebe|toma|se emborracha|grita)\b|"
    r"\b(?:se pone|esta|llega|viene|se vuelve) (?:muy |super |bien )?agresiv[oa]\b|"
    r"\b(?:miedo|panico|terror|me aterra|me asusta|me aterroriza) (?:\w+ )?(?:lo que (?:me |nos |"
    r"le )?(?:pueda|puede|vaya a|va a|podria|haga|hara))\b|"
    r"\b(?:miedo|panico|terror|me aterra|me asusta) cuando (?:el )?(?:llega|vuelve|bebe|toma|se enoja|se enfada|se pone|grita|se "
    r"emborracha|se cabrea|esta borracho)\b|\bme (?:da|dan) miedo (?:mi|su) (?:pareja|marido|"
    r"esposo|esposa|novio|novia|ex)\b|\bme aterra (?:el|ella|mi|su)\b",
    r"\b(?:no me siento|no nos sentimos|no se siente|no me siento para nada|ya no me siento|"
    r"nunca me siento) (?:\w+ )?(?:segura|seguro|seguros|seguras|a salvo|protegida|protegido)\b"
    r"(?! (?:de|del|sobre|con mi decision|con la decision|con el trabajo|con el plan|con mi "
    r"cuerpo|con lo que)\b)",
    r"\bno (?:estoy|estamos|estan|esta) (?:\w+ )?(?:a salvo|segur[ao]s? (?:en (?:casa|mi casa|la "
    r"casa)|con (?:el|ella)|aqui))\b",
    r"\b(?:insegura|inseguro|en peligro) (?:en (?:casa|mi casa|mi propia casa|la casa)|"
    r"con (?:el|ella|mi pareja|mi marido))\b|\bcorro peligro\b|\bmi vida (?:corre|esta en) "
    r"peligro\b|\bme encierr\w* en el bano\b|\bme escondo de (?:el|ella|mi)\b|\bno me deja "
    r"(?:salir (?:de casa|sola|con mis)|ver a (?:mi|mis) (?:familia|amigas|amigos|madre|padres)|"
    r"tener (?:amigas|amigos)|usar el (?:telefono|movil|celular)|irme)\b|\bno tengo (?:a )?donde "
    r"ir\b|\bescaparme de (?:el|ella)\b|\bhuir de (?:el|ella|casa|mi casa)\b|\bcasa de acogida\b",
)
