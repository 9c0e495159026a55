"""Safety in the words people write: notice words of violence, threat or self-harm.

Such words are never passed on to the partner automatically: the author is answered privately
with crisis resources and asked whether they want to share. A false alarm costs a kind message,
a missed cry could cost much more, so when a phrase is ambiguous the detector leans to catching.

How it reads, in English and Spanish:

1. `normalise` turns chat into plain words: case, accents, emoji and punctuation go; letters
   stretched for emphasis ("quieroooo") shrink; chat spellings ("q", "xq", "kms", "im", "wanna")
   become the words they stand for. Stretched letters shrink,
   each run to one or two letters, whichever spells a word the patterns know ("killlll" is
   "kill", "quieroooo" is "quiero").
2. Idioms ("dying to", "me muero de risa", "golpe de suerte", "my feet are killing me") are
   blotted out phrase by phrase, so a stem like "kill" or "golpe" still counts everywhere else.
3. Families of patterns look for what matters: wishes to die, active or passive; self-harm;
   pills and overdoses; blows to a person (a violence verb counts when it has a person for object,
   "he hit me", "me pegó", not "hit the gym" or "pegar la foto"); sexual violence; threats and
   weapons; fear of the partner and not feeling safe at home.

Everything is a regular expression compiled once at import (about a fifth of a second); a chat
line costs some 25 microseconds and a 10 kB message a few milliseconds, and nothing leaves the
process. No message text is ever logged.
"""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any


def clean_words(words: str, limit: int) -> str:
    """Free text as stored: control characters (NUL included, which PostgreSQL refuses) dropped,
    line breaks and tabs kept, trimmed to `limit` characters."""
    kept = "".join(ch for ch in words if ch in "\n\t" or ch.isprintable())
    return kept.strip()[:limit]


# -- normalising ----------------------------------------------------------------------------

# Chat spellings, one word for one or more words. Apostrophes have become spaces by the time
# these apply, so "don't" already reads "don t"; the forms typed without one join it here.
_CHAT = {
    # English
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill myself",
    "unalived": "killed",
    "unaliving": "killing",
    "sewerslide": "suicide",
    "suicde": "suicide",
    "sucide": "suicide",
    "u": "you",
    "ur": "your",
    "r": "are",
    "im": "i m",
    "ive": "i ve",
    "youre": "you re",
    "hes": "he s",
    "shes": "she s",
    "theyre": "they re",
    "wanna": "want to",
    "wana": "want to",
    "wan": "want",
    "gonna": "going to",
    "gunna": "going to",
    "gotta": "got to",
    "cant": "can t",
    "cnt": "can t",
    "dont": "don t",
    "dnt": "don t",
    "didnt": "didn t",
    "doesnt": "doesn t",
    "isnt": "isn t",
    "wasnt": "wasn t",
    "werent": "weren t",
    "wont": "won t",
    "wouldnt": "wouldn t",
    "couldnt": "couldn t",
    "shouldnt": "shouldn t",
    "havent": "haven t",
    "hasnt": "hasn t",
    "aint": "ain t",
    "idk": "i don t know",
    "dunno": "don t know",
    "ngl": "not going to lie",
    "tbh": "to be honest",
    "rn": "right now",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "pls": "please",
    "plz": "please",
    "any1": "anyone",
    "2": "to",
    "n": "and",
    "od": "overdose",
    "oded": "overdosed",
    "ods": "overdoses",
    # Spanish
    "q": "que",
    "k": "que",
    "ke": "que",
    "qe": "que",
    "xq": "porque",
    "pq": "porque",
    "xk": "porque",
    "pk": "porque",
    "porq": "porque",
    "porke": "porque",
    "xke": "porque",
    "pke": "porque",
    "x": "por",
    "tmb": "tambien",
    "tb": "tambien",
    "tbn": "tambien",
    "tmbn": "tambien",
    "pa": "para",
    "xa": "para",
    "toy": "estoy",
    "stoy": "estoy",
    "tas": "estas",
    "ta": "esta",
    "tamos": "estamos",
    "kiero": "quiero",
    "qiero": "quiero",
    "kero": "quiero",
    "kieres": "quieres",
    "kisiera": "quisiera",
    "kien": "quien",
    "aki": "aqui",
    "nd": "nada",
    "nda": "nada",
    "bn": "bien",
    "nunk": "nunca",
    "nunka": "nunca",
    "kasa": "casa",
    "aveces": "a veces",
    "nose": "no se",
    "osea": "o sea",
    "enserio": "en serio",
    "vdd": "verdad",
    "ns": "no se",
    "dnd": "donde",
    "cdo": "cuando",
    "tngo": "tengo",
    "tng": "tengo",
    "nadien": "nadie",
    "asta": "hasta",
    "nmms": "no mames",
    "nms": "no mames",
}

_CHAT_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _CHAT), key=len, reverse=True)) + r")\b"
)

# Digits standing for letters inside a word ("k1ll", "su1c1de").
_LEET = str.maketrans("0134578@$", "oieastbas")
_LEET_WORD = re.compile(r"\S*[a-z]\S*")
_HAS_LEET = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")

# Laughter, so that "me muero jajaja" and "i'm dead 😂" can be told from the same words alone.
_LAUGH_EMOJI = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f639\U0001f480\U0001f60f]")
_LAUGH_WORD = re.compile(
    r"\b(?:j[aeiou]*(?:j[aeiou]+)+j?|a?(?:ha){2,}h?|(?:he){2,}|lol+|lmf?ao+|rofl|xd+|jsjs\w*)\b"
)

# Sentence ends (and any emoji or symbol) become " . ", so patterns can ask for a clause that
# ends: "no puedo mas." is a cry, "no puedo mas con este calor" is weather.
_CLAUSE_END = re.compile(
    r"[.!?;:,()\[\]{}\u2026\u00bf\u00a1]|[^\w\s'\u2019`´\"“”«»\-_/\\*#&+=|~^<>%]"
)
_OTHER_MARKS = re.compile(r"['\u2019`´\"“”«»\-_/\\*#&+=|~^<>%]")
_RUN3 = re.compile(r"([a-z])\1{2,}")
_STRETCHED = re.compile(r"\w*([a-z])\1{2,}\w*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(words: str) -> str:
    """Plain words of a message: no case, accents, emoji, punctuation, stretching or chat spelling."""
    decomposed = unicodedata.normalize("NFKD", words.casefold())
    plain = _LAUGH_EMOJI.sub(" jaja ", _COMBINING.sub("", decomposed))
    if _HAS_LEET.search(plain):
        plain = _LEET_WORD.sub(lambda m: _unleet(m.group()), plain)
    plain = _OTHER_MARKS.sub(" ", _CLAUSE_END.sub(" . ", plain))
    if _RUN3.search(plain):
        plain = _STRETCHED.sub(lambda m: _unstretch(m.group()), plain)
    plain = _LAUGH_WORD.sub(
        "jaja", _CHAT_WORD.sub(lambda m: _CHAT[m.group()], " ".join(plain.split()))
    )
    return re.sub(r"(?: \.)+", " .", re.sub(r"^(?:\. )+", "", plain)).strip()


def _unstretch(word: str) -> str:
    # "killlll" is "kill" but "quieroooo" is "quiero": each run of three or more letters becomes
    # one or two, whichever makes a word the patterns know; two when none does ("yesss").
    runs = list(_RUN3.finditer(word))
    if not runs:
        return word
    if len(runs) <= 4:
        for sizes in itertools.product((1, 2), repeat=len(runs)):
            candidate, at = [], 0
            for size, run in zip(sizes, runs, strict=True):
                candidate.append(word[at : run.start()] + run.group(1) * size)
                at = run.end()
            known = "".join(candidate) + word[at:]
            if known in _KNOWN_WORDS:
                return known
    return _RUN3.sub(lambda m: m.group(1) * 2, word)


def _unleet(word: str) -> str:
    return word.translate(_LEET) if _HAS_LEET.search(word) else word


# -- idioms ---------------------------------------------------------------------------------

# The text has single spaces, no punctuation but " . " at clause ends, and "jaja" for laughter.
_LAUGHING = r"(?: \.)? (?:jaja|xd)"
_OBJ = r"(?:me|you|him|her|us|them)"
_THING = (
    r"(?:feet|foot|back|legs?|knees?|head|neck|shoulders?|stomach|tummy|belly|eyes|teeth|tooth|"
    r"shoes|boots|heels|traffic|heat|cold|weather|wait|waiting|suspense|commute|job|work|boss|"
    r"homework|exam|exams|class|meeting|meetings|deadline|deadlines|hangover|cramps|period|"
    r"allergies|migraine|headache|curiosity|kids|baby|noise|music|song|show|series|episode|"
    r"ending|game|gym|workout|diet|price|prices|rent|bill|bills|cost|taxes|monday|mondays|week|"
    r"this|that|it|which|everything|stress|guilt|jet lag|sun|humidity|line|queue|commute|"
    r"suspense|cliffhanger|laptop|wifi|internet|schedule|mother in law|inlaws|in laws)"
)
_FAMILY_EN = (
    r"(?:boss|mom|mum|mother|dad|father|teacher|coach|sister|brother|grandma|nan|manager|"
    r"landlord|mother in law|mil|abuela|mama)"
)
_ES_PARTNER = (
    r"(?:pareja|marido|esposo|esposa|mujer|novio|novia|ex|companero|companera|padrastro|"
    r"hombre|viejo)"
)
_EN_IDIOMS = (
    r"\bdying (?:to|for) (?!die\b|be dead|end\b|kill)",
    r"\bto die for\b(?<!want to die for)(?<!wanted to die for)(?<!wanting to die for)"
    r"(?! (?:weeks|days|months|years|a while|so long|ages|a long time)\b)",
    r"\bdie(?:d|s)? (?:of|from|with) (?:embarrassment|shame|laughter|laughing|boredom|cringe|"
    r"curiosity|cuteness|envy|jealousy|happiness|joy|hunger|thirst|heat|the heat|old age)",
    r"\b(?:die|died|dying|dead) laughing\b",
    r"\b(?:i m|i am|i was|we re|we are) (?:so |literally |actually |fr |lowkey )?(?:dead|dying|"
    r"deceased|crying|screaming)" + _LAUGHING,
    r"\bdie ?hard\b|\bdo or die\b|\bdice\b|\bcould die (?:happy|of|from)\b|\bdie happy\b|"
    r"\brather die than\b",
    r"\b(?:kill|kills|killed|killing) (?:it|the (?:lights?|engine|music|mood|vibe|process|app|"
    r"tab|bug|bugs|weeds|spider|fly|flies|mosquito|mosquitos|roaches?|ants|plants?|tv|power|"
    r"conversation|joke|battery|game|show|set|stage|interview|presentation)|time|two birds|"
    r"some time|an hour|a few)\b",
    r"\bkill(?:ing|ed|s)? (?:for|off the|off a)\b",
    r"\bkiller\b|\bkill ?joy\b|\bdressed to kill\b|\boverkill\b|\broad ?kill\b|"
    r"\bmake a killing\b",
    r"\b" + _THING + r" (?:are |is |s |re |was |were |keep |keeps |been |has been |have been |"
    r"literally |actually |really |totally |just |kinda |lowkey |so |going to |will |ll |gonna )*"
    r"(?:killing|kill) me\b",
    r"\b(?:you re|you are|you) (?:literally |so |actually |honestly )?killing me\b",
    r"\b(?:killing|killed|kill) me" + _LAUGHING,
    r"\bkill me now" + _LAUGHING,
    r"\b(?:it|that|this) (?:won t|will not|wouldn t|would not|isn t going to|s not going to|"
    r"is not going to|doesn t|didn t|did not|does not) kill (?:you|me|us|him|her|anyone)\b",
    r"\b" + _FAMILY_EN + r" (?:is going to|s going to|will|ll|would|d|is gonna|going to|gonna) "
    r"(?:literally |actually |totally |so )?kill me(?= (?:if|when|for|because|jaja)\b| \.|$)",
    r"\b(?:pinch|hold|shoot|hit|shot) " + _OBJ + r" (?:up|back|a text|a message|a line|an email|"
    r"a dm|a look|a glance|a smile|a wink)\b",
    r"\bshot (?:a|an) (?:look|glance|text|message|smile|email|dm|wink)\b",
    r"\bshots? of (?:\w+ )?(?:tequila|vodka|whisky|whiskey|rum|espresso|gin|jager)\b",
    r"\b(?:flu|covid|booster|vaccine|b12) shot\b|\bbig shot\b|\bgood shot\b|\bnice shot\b|"
    r"\bshot (?:in the dark|glass|glasses)\b",
    r"\b(?:glue|nail|water|squirt|nerf|staple|heat|spray|toy|paintball|hot glue|massage) guns?\b",
    r"\bjump(?:ed|ing|s)? the gun\b|\btop gun\b|\bguns (?:n|and) roses\b|\bgun it\b|"
    r"\bson of a gun\b|\bsmoking gun\b|\bstick to (?:my|your|his|her|our) guns\b",
    r"\bknives? (?:and|&) forks?\b|\bforks? (?:and|&) knives?\b|\bbutter knife\b|"
    r"\bknife skills\b|\bsecret weapon\b",
    r"\b(?:it|that|this|reality|realization|realisation|the (?:news|realization|realisation|"
    r"thought|idea|truth|wave|hangover|jet lag|heat|song|music|grief|sadness|feeling|memory|smell|"
    r"nostalgia|exhaustion|fatigue|tiredness|flu|cold|caffeine|sugar|alcohol|edible|meds|"
    r"tequila|wine|beer|cold medicine|anxiety|panic|movie|ending|finale|episode)) (?:s |is |was |"
    r"has )?(?:really |finally |just |suddenly |kinda |all |hard |so |only |now )*(?:hit|hits|"
    r"hitting) " + _OBJ + r"\b",
    r"\bhit me with (?:your|some|that|the (?:details|link|news|info|address|deets|recipe|answer|"
    r"truth|facts|song|playlist))\b",
    r"\b(?:beat|beats|beating|beaten) " + _OBJ + r" (?:at|in|to|by|on)\b|(?:^|(?<=\. )|"
    r"(?<=know )|(?<=well )|(?<=honestly )|(?<=jaja )|(?<=that )|(?<=lol ))beats me\b",
    r"\bgrab(?:bed|s|bing)? (?:" + _OBJ + r"|the kids|the baby|my \w+|our \w+) (?:a|an|some|the|"
    r"one|two|lunch|dinner|coffee|food|"
    r"drinks?|something|breakfast|snacks?)\b",
    r"\bpush(?:ed|es|ing)? " + _OBJ + r" (?:away|too far|out of (?:my|his|her|our|your) comfort "
    r"zone|to (?:be|do|try|study|work|go|apply|get|finish|keep|improve|grow|change|take|exercise|"
    r"eat|sign|join|start|stop|quit|open|talk|make|see|read|write|learn|run|travel|achieve|pursue|"
    r"follow|the limit|my limits?|therapy))\b",
    r"\bpush(?:ed|es|ing)? (?:my|our|the) (?:\w+ )?(?:on the swing|in the (?:stroller|pram|buggy|"
    r"swing))\b",
    r"\bkick(?:ed|s|ing)? " + _OBJ + r" out of (?:the )?(?:group|chat|game|class|team|club|"
    r"lobby|server|meeting|call|match)\b",
    r"\bgrab\w* (?:the|my|our) (?:kids|baby|children|son|daughter|dog) (?:from|at|after|before|"
    r"on|and|up)\b|\bcut "
    + _OBJ
    + r" (?:off|some slack)\b|\blocked me out of (?:my|the) (?:account|app|"
    r"phone|laptop|computer|email)\b",
    r"\bi (?:just |accidentally |literally |also )?(?:hit|bumped|banged|stubbed|kicked|smacked|"
    r"whacked) my (?:head|knee|toe|elbow|shin|leg|foot|arm|hand|funny bone|shoulder|hip)\b",
    r"\b(?:cut|burn|burnt|burned) myself (?:shaving|cooking|while cooking|on (?:the|a) \w+|"
    r"with (?:the|a) (?:stove|oven|pan|iron|kettle|coffee|tea|paper|can))\b",
    r"\bthreat(?:s|ening)? (?:of|level) (?:rain|snow|storms?|showers|thunder)\b|"
    r"\bthreatening (?:sky|skies|clouds|weather)\b|\btriple threat\b|\bthreat (?:model|level)\b",
    r"\b(?:substance|drug|alcohol|power|privilege|snooze|system|api) abuse\b|"
    r"\babus(?:e|ing|ed) (?:the|my|your|our) (?:snooze|privilege|kindness|patience|credit|wifi)\b",
)

_ES_IDIOMS = (
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
    r"\b(?:me|te|nos) (?:muero|mori|muera)" + _LAUGHING,
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
    r"\b(?:te|los|las|lo|la) (?:\w+ )?(?:voy|vamos|vo|quiero) a matar" + _LAUGHING,
    r"\b(?:te|los|las|lo|la) (?:quiero|dan ganas de) matar" + _LAUGHING,
    r"\bmatarte" + _LAUGHING,
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


# -- what counts ----------------------------------------------------------------------------

# A clause that ends here: "no puedo mas." is a cry, "no puedo mas con este calor" is weather.
_END = (
    r"(?=$| \.| (?:y|e|pero|and|but|i don t know|not going to lie|porque|because|ya|anymore|"
    r"any more|de verdad|en serio|honestly|to be honest|fr|right now|la verdad|no se|literally|"
    r"lo juro|te lo juro|seriously|please|help|ayuda|auxilio|ayudame)\b)"
)
_BODY_EN = (
    r"(?:face|head|neck|throat|arm|arms|wrist|wrists|hair|body|stomach|belly|chest|back|leg|"
    r"legs|jaw|eye|eyes|ribs|shoulder|shoulders|breast|breasts|boobs|butt|ass|crotch|nose|mouth|"
    r"lip|lips|cheek)"
)
_KIN_EN = (
    r"(?:kid|kids|son|daughter|baby|child|children|boy|girl|boys|girls|mom|mum|mother|sister|"
    r"brother|dog|cat|puppy|stepson|stepdaughter|toddler|little one|twins)"
)
_VICTIM_EN = (
    rf"(?:me|us|him|her|them|my {_BODY_EN}|my {_KIN_EN}|our {_KIN_EN}|his {_BODY_EN}|"
    rf"her {_BODY_EN}|the (?:kids|baby|children|dog|cat))\b"
)
_PARTNER_EN = (
    r"(?:husband|wife|partner|boyfriend|girlfriend|ex|spouse|fiance|fiancee|man|dad|father|"
    r"stepdad|stepfather|mother|mom|mum|son|brother)"
)
_AGENT_EN = rf"(?:he|she|they|my {_PARTNER_EN}|his {_PARTNER_EN}|her {_PARTNER_EN})"
_BLOW_EN = (
    r"(?:hit|hits|hitting|hitted|slap|slaps|slapped|slapping|slappd|smack\w*|whack\w*|punch|"
    r"punches|punched|punching|punchd|push|pushes|pushed|pushing|pushd|shove|shoves|shoved|"
    r"shoving|kick|kicks|kicked|kicking|chok\w*|strangl\w*|throttl\w*|suffocat\w*|smother\w*|grab|"
    r"grabs|grabbed|grabbing|grabed|yank\w*|beat|beats|beaten|beating|attack\w*|assault\w*|"
    r"stab|stabs|stabbed|stabbing|headbutt\w*|thump\w*|bitch slapped|backhand\w*|body slammed)"
)
_WEAPON_EN = r"(?:knife|knives|blade|machete|bat|hammer|razor|axe|crowbar|gun|pistol|rifle)"
_EN = (
    # wishes to die, active and passive
    r"\bsuicid\w*|\bsewer ?slide\b|\bkill(?:ing|ed|s)? (?:my ?self|yourself|himself|herself|"
    r"themselves|ourselves)\b",
    r"\b(?:want|wanted|wanting|wish|wished|wishing|ready|deserve|deserves|like|plan|planning|"
    r"need|needed|trying|tried|try|thinking about how) (?:to|i could) (?:just )?(?:die|be dead|"
    r"not exist|not be alive|disappear forever|sleep forever|end it all|end my life|end everything|"
    r"kill myself|stop living|stop existing|not wake up|never wake up|end it(?! with))\b",
    r"\b(?:let me|i should|i d rather|i would rather|rather) (?:just )?(?:die|be dead)"
    r"\b(?! than)|\bbetter (?:off )?dead\b",
    r"\bwish (?:i|i d) (?:was|were|could be|d be|would be) dead\b|\bwish i (?:wasn t|weren t|"
    r"was not|were not) (?:here|alive|born|around|in this world)\b|\bwish i (?:was|were|had) "
    r"never (?:been )?born\b|\bwish i (?:could )?(?:just )?(?:disappear|vanish|stop existing|"
    r"sleep forever|not exist|die|not be here)\b|\bwish i (?:wouldn t|would not|didn t|don t|"
    r"did not|won t|could not|couldn t) (?:ever )?wake up\b|\bwish i (?:would|could|d) (?:never|"
    r"not) wake up\b|\bwish i (?:never|had never|hadn t) (?:woke up|existed|been born|was born)\b|"
    r"\bwish i (?:was|were) gone\b|\bwish i didn t exist\b",
    r"\b(?:hope|hoping|pray|praying) (?:that )?i (?:don t|do not|never|won t|will not) (?:ever )?"
    r"wake up\b|\b(?:go to sleep|fall asleep|sleep) and (?:never|not) wake up\b",
    r"\bbetter off (?:dead|without me|if i (?:was|were|wasn t|weren t|died|disappeared|was gone|"
    r"wasn t here|weren t here|never))\b|\bbetter (?:off )?(?:without me|if i (?:was|were) "
    r"(?:gone|dead|not here)|if i (?:wasn t|weren t|died|disappeared))\b",
    r"\b(?:don t|do not|no longer|never) (?:\w+ )?(?:want|wish) (?:to )?(?:be here|live|"
    r"be alive|exist|go on|keep going|keep living|be around|wake up|do this anymore|be on this "
    r"earth|be in this world)\b(?! (?:to|in|near|there|early|at|for|so|before|on|the|a|that|this|"
    r"tonight|today|this weekend|with (?:your|my|his|her|our|the|them|you|those|these))\b)",
    r"\b(?:can t|cannot|can not|could not|couldn t) (?:do this|go on|take it|take this|keep going|"
    r"keep living|live like this|handle (?:it|this|life)|bear it|cope|carry on|be here|"
    r"keep doing this|live anymore)(?: any ?more| no more)?" + _END,
    r"\b(?:can t|cannot|could not|couldn t|don t want to) (?:go on|keep going|keep living|live|"
    r"carry on|continue) like this\b",
    r"\b(?:would|d|will|ll) (?:all |just |really )?be (?:so )?(?:happier|better|fine|better off|"
    r"easier) (?:\w+ )?(?:without me|if i (?:was|were|wasn t|weren t) (?:gone|dead|here|around|"
    r"not here|not around|never born)|if i (?:died|disappeared|left for good))\b",
    r"\b(?:end|ending) it" + _END + r"|\bend it (?:tonight|today|now)\b",
    r"\b(?:can t|cannot) (?:do this|go on|take it|take this|keep going|live like this|live|"
    r"take it|be here) any ?more\b",
    r"\bno (?:reason|point|will) (?:to live|in living|to go on|in going on|living|to keep going|"
    r"anymore|in anything|to wake up)\b|\bnothing (?:left )?to live for\b",
    r"\b(?:life|living) (?:isn t|is not|aint|ain t|not) worth (?:it|living)\b|"
    r"\bnot worth living\b|\bwhat s the point (?:of living|of life|anymore|of anything|in living)\b",
    r"\b(?:end|ending) (?:it all|my life|my own life|everything|it tonight|it today|"
    r"things tonight)\b(?! with)|\b(?:take|taking|took) my (?:own )?life\b|\btake myself out\b",
    r"\b(?:no one|nobody|noone) would (?:miss|notice|care)(?: me| if i)?\b",
    r"\b(?:everyone|everybody|they|you|the kids|my kids|the world|my family) (?:would|d|will|ll) "
    r"be (?:happier|better|fine|better off) (?:without me|if i)\b",
    r"\b(?:i m|i am|i feel like|i feel|feel like) (?:\w+ )?a burden\b",
    r"\b(?:tired|sick|done|exhausted) (?:of|with) (?:living|being alive|existing|life|it all|"
    r"everything)\b",
    r"\b(?:want|wish|need) (?:it|everything|the pain|this|all of this) (?:all )?to (?:stop|end|"
    r"be over)" + _END,
    r"\b(?:jump|jumping|jumped) (?:off|from) (?:a|the|this) (?:bridge|building|roof|balcony|cliff|"
    r"window|overpass|tower)\b|\bjump in front of (?:a|the) (?:train|car|bus|truck)\b|"
    r"\b(?:hang|hanging|hanged) myself\b|\bnoose\b|\bslit (?:my|his|her) wrists\b|"
    r"\bdrive (?:my car )?(?:into|off) (?:a|the) (?:tree|wall|bridge|cliff|river|lake|truck)\b|"
    r"\bdrink myself to death\b|\bstarve myself\b",
    r"\b(?:think|thinking|thought|dream|dreaming|fantasi[sz]\w*|imagine|imagining|picture|"
    r"picturing|planning|plan) (?:about |of )?(?:not (?:being|existing|waking up|being alive|"
    r"being here|being around)|dying|my (?:own )?(?:death|funeral)|ending it|killing myself)\b|"
    r"\bnot (?:being|be) (?:here|around|alive) (?:anymore|any more|forever|tomorrow)\b",
    r"\bhow (?:much )?long(?:er)? (?:i|i can|can i|i could) (?:keep going|go on|do this|hold on|"
    r"take (?:it|this)|last|keep living)\b|\b(?:no|see a|find a|there s no) way out\b",
    r"\b(?:said|saying|say) (?:my )?goodbyes\b|\bgoodbye (?:letter|note|letters|notes)\b|"
    r"\bsuicide note\b|\bgiving away my (?:stuff|things)\b",
    r"\b(?:would|d) (?:\w+ ){0,4}?if i (?:died|were dead|was dead|disappeared|was gone|were gone|"
    r"wasn t here|weren t here|wasn t around|never existed|killed myself)\b",
    # self-harm
    r"\bself ?harm\w*|\bself injur\w*|\bself mutilat\w*",
    r"\b(?:hurt|hurting|hurts|harm|harming|harmed|cut|cutting|cuts|burn|burning|burned|burnt|"
    r"punish|punishing|punished|hit|hitting|scratch|scratching|starve|starving|bruise) (?:my ?self|"
    r"myself)\b",
    r"\b(?:cutting|cut) (?:again|my (?:wrists?|arms?|legs?|thighs?|skin|stomach))\b|"
    r"\bcutting (?:myself )?(?:again|every|at night)\b|\brelapsed? (?:on|into) (?:cutting|self)\b|"
    r"\b(?:razor|razors|blade|blades) (?:on|to|against|across) my\b",
    # pills and overdoses
    r"\boverdos\w*|\blethal dose\b",
    r"\b(?:take|took|taking|takes|swallow|swallowed|swallowing|down|downed|downing|pop|popped|"
    r"popping|ate|eat|chug|chugged) (?:like |maybe |about |around |almost |nearly |over |"
    r"at least )?(?:all|a bunch|a lot|a load|the whole|the rest|too many|"
    r"a handful|handfuls|loads|every|a bottle|the bottle|a box|two boxes|[1-9]\d|\d{3,}|twenty|"
    r"thirty|forty|fifty|a hundred|every last one)(?: of)? (?:my |the |his |her |those |these |"
    r"of |box of |bottle of |sleeping |pain |)?(?:pills|meds|tablets|medication|medications|"
    r"sleeping pills|painkillers|pain killers|tylenol|paracetamol|ibuprofen|advil|xanax|benzos|"
    r"oxy|opioids|insulin|antidepressants|prescription|prescriptions|pill|\w+ pills|\w+ meds|"
    r"\w+ tablets)\b",
    r"\b(?:pills|meds|tablets|painkillers) (?:\w+ ){0,3}?(?:to|and) (?:not wake up|never wake up|"
    r"die|end it|end my life|kill myself|overdose|sleep forever)\b",
    r"\b(?:stockpil\w*|sav\w* up|hoard\w*|collect\w*|stash\w*) (?:my |the |some |all )?(?:pills|"
    r"meds|tablets|painkillers)\b|\bhow many (?:\w+ )?(?:pills|tablets|meds) (?:would it take|"
    r"does it take|to (?:die|kill|end|overdose|not wake up)|until|before (?:you|i|it|death)|"
    r"is lethal|are lethal|would kill|kill)\b|\bwhole (?:bottle|box) of (?:pills|meds|tablets|"
    r"sleeping pills|painkillers)\b",
    # blows to a person
    rf"\b{_BLOW_EN} {_VICTIM_EN}",
    rf"\b(?:smash\w*|slammed|slams|bashed|bangs|banged|squeez\w*) (?:my|her|his) (?:head|face|"
    rf"neck|throat|fingers)\b|\b{_AGENT_EN} (?:\w+ ){{0,2}}?(?:twist\w*|bent|bends|crush\w*) "
    rf"my (?:arm|arms|wrist|wrists|fingers|hand)\b(?! (?:to|into)\b)",
    r"\b(?:punch|punches|punched|punching|kick|kicks|kicked|kicking|smash\w*) (?:the |a |holes? "
    r"in the )?(?:walls?|doors?)\b|\bholes? in the wall\b",
    r"\b(?:killing|killed|kill) (?:me|us)\b(?<!killed me)(?<!killed us)",
    rf"\b{_AGENT_EN} (?:\w+ ){{0,3}}?(?:burn\w*|bit|bites|bitten|spit on|spat on|spits on|cut|"
    rf"threw \w+ at|threw (?:a|the|his|her|my|something|things|stuff) \w* ?at|scratch\w*|"
    rf"pull\w* (?:on )?my (?:hair|arm)|twist\w* my (?:arm|wrist)) {_VICTIM_EN}",
    r"\b(?:is|s|keeps|kept|was|started|starts) hurting (?:me|us|the kids|my kids|the baby)\b"
    r"(?<!it s hurting me)(?<!that s hurting me)|\bphysically (?:hurt|hurts|hurting|abus\w*|"
    r"attack\w*|violent|aggressive)\b|\bhurt\w* (?:me|us) physically\b|\bhurt(?:s|ing)? "
    r"(?:the|my|our) (?:kids|children|baby|son|daughter)\b",
    r"\b(?:threw|throw|throws|thrown|tossed|slammed|slams|slam|pinned|held|holds|hold|holding|"
    r"dragged|drags|drag|dragging|shoved|locked|locks|lock|flung|forced) (?:me|us|him|her)"
    r" (?:down|against (?:the|a) (?:wall|door|floor|car|fridge|counter)|into (?:the|a) (?:wall|"
    r"door|floor|car|fridge|table)|onto|on to|to the (?:floor|ground|wall|bed)|on the (?:floor|"
    r"ground|bed)|across (?:the|a) room|off (?:the|a) (?:bed|stairs|balcony)|out of the (?:car|"
    r"house)|in (?:a|the|my) (?:room|closet|bathroom|basement)|by (?:my|the|his|her) (?:hair|neck|"
    r"throat|arm|arms|wrist|wrists|collar|shirt))\b",
    r"\b(?:put|puts|putting|laid|lays|lay) (?:his|her|their) hands? on (?:me|us|the kids|my)\b|"
    r"\braised (?:his|her) (?:hand|fist) (?:to|at|against) me\b|\bhands? (?:around|on|over) my "
    r"(?:neck|throat|mouth|nose)\b|\b(?:pulled|pulls|pulling|pull|yanked) (?:me by )?my hair\b",
    r"\bblack eye\b|\bsplit lip\b|\b(?:left|leaves|gave me|covered in|have|has) (?:\w+ )?bruises\b|"
    r"\bbruises (?:on|all over|from) (?:my|me|her|him)\b|\bbeat (?:the (?:shit|crap|hell|life)|"
    r"\w+) out of\b|\bbeat(?:s|en|ing)? (?:me|her|him|us) up\b|\b(?:got|get|was|been|gets) "
    r"beat(?:en)? up\b",
    rf"\b(?:violent|physical|rough|aggressive) with (?:me|us|her|him|the kids)\b|"
    rf"\b(?:he|she|they|my {_PARTNER_EN}) (?:\w+ ){{0,2}}?(?:gets|got|getting|was|is|becomes|became|"
    rf"turns|turned|s|being|can be|can get) (?:really |so |very |super )?violent\b",
    r"\bdomestic (?:violence|abuse)\b|\bdv\b|\b(?:restraining|protective|protection) order\b|"
    r"\babus\w*|\b(?:women s|womens|dv|domestic violence) shelter\b",
    # sexual violence
    r"\brap(?:e|ed|es|ing|ist|ists)\b|\bmolest\w*|\bgrop(?:e|ed|es|ing)\b",
    r"\bsex\w* (?:assault\w*|abus\w*|coerc\w*|harass\w*|violence)\b|\bnon ?consensual\b|"
    r"\bagainst my will\b|\bwithout (?:my )?consent\b|\b(?:didn t|did not|never|don t|do not) "
    r"consent\b",
    r"\b(?:forc\w*|made|makes|pressur\w*|coerc\w*|guilt\w*|push\w*) (?:me|her) (?:in ?to|to) "
    r"(?:have sex|having sex|sex|sleep with|do (?:it|things|stuff|sexual|that)|give him|touch him|"
    r"perform|send nudes)\b|\bforc\w* (?:himself|herself) (?:on|onto) (?:me|her)\b|\b(?:made|"
    r"makes|make) (?:me|her) (?:have sex|sleep with|do sexual)\b",
    r"\b(?:sex|touch\w*|touched|had sex with) (?:me )?(?:when|while|even though|even when|after|"
    r"without|against) (?:i (?:said no|say no|was asleep|was sleeping|was drunk|was passed out|"
    r"didn t want|don t want|told him no|told her no|m asleep|m sleeping)|my (?:consent|"
    r"permission))\b",
    r"\b(?:didn t|doesn t|does not|did not|won t|wouldn t|never) (?:stop|listen|take no|accept no)"
    r" (?:when|after|even when|even after|even though) i (?:said|say|told|tell|begged|asked)\b",
    r"\btouch\w* me (?:without|when i|while i|even though|against|after i|in my sleep|"
    r"inappropriately|there)\b",
    # threats and weapons
    r"\bthreat\w*|\bintimidat\w*",
    r"\b(?:said|says|say|told me|tells me|swore|swears|texted|warned|warns|yelled|screamed|"
    r"promised) (?:that )?(?:if \w+ (?:\w+ ){0,4}?)?(?:he|she|they|i)? ?(?:would|will|d|ll|"
    r"is going to|s going to|was going to|were going to|going to|might|could|is gonna|gonna) "
    r"(?:kill|hurt|beat|hit (?:me|us|you|the kids)|end (?:me|us|my life|it)|destroy (?:me|us|my)|"
    r"ruin (?:me|my life|us)|burn (?:me|the house|down|my|us)|choke|shoot|stab|break (?:my|me)|"
    r"smash (?:my|me|the)|take (?:the|my|our) (?:kids|children|son|daughter|baby|babies|boys|"
    r"girls)|find me|come after|make me (?:pay|regret|suffer)|leave me with nothing|never let me "
    r"(?:go|leave|see))\b",
    r"\bif (?:i|you) (?:ever )?(?:leave|leaves|left|go|tell|call|report) (?:\w+ ){0,3}?"
    r"(?:he|she|they|i) (?:ll|will|would|d|is going to|said|says|threat\w*) (?:\w+ ){0,3}?"
    r"(?:kill|hurt|take|find|end|destroy|ruin|do something)\b",
    r"\b(?:i ll|i will|i m going to|i am going to|going to|i d|i would|i could|i want to) "
    r"(?:kill|hurt|beat|hit|stab|strangle|choke|shoot) (?:him|her|them|you|the kids|my (?:husband|"
    r"wife|partner|boyfriend|girlfriend|ex))\b(?! (?:up|back|at|in)\b)",
    r"\b(?:he|she|they|my \w+) (?:\w+ ){0,2}?(?:is going to|s going to|will|ll|wants to|want to|"
    r"tried to|try to|tries to|almost|nearly|could have|could ve|going to|gonna) "
    r"(?:kill|killed|kills) (?:me|us|the kids|my)\b",
    r"\b(?:tried|trying|tries|try|attempt\w*) to kill (?:me|us|him|her|himself|herself|myself|"
    r"the kids|you)\b|\b(?:almost|nearly) killed (?:me|us|him|her|myself|the kids|you)\b",
    r"\b(?:never|won t|will never|would never) (?:see|get to see) (?:the|my|our) (?:kids|children|"
    r"son|daughter|baby) again\b|\btake (?:the|my|our) (?:kids|children|baby) (?:away|from me)\b",
    r"\bweapon\w*|\bguns?\b|\bpistol\b|\bshotgun\b|\bfirearm\w*",
    rf"\b(?:pulled|pulls|pull|pulled out|grabbed|grabs|held|holds|holding|pointed|points|waved|"
    rf"waves|brandish\w*|came at me with|threaten\w* me with|sleeps with|took out|takes out|keeps|"
    rf"hides|hid|has|had|got) (?:a|an|the|his|her|my|this) (?:\w+ )?{_WEAPON_EN}\b(?! (?:and|to) "
    rf"(?:cut|chop|slice|peel|spread|carve)| set| block| sharpener)",
    rf"\b{_WEAPON_EN} (?:to|at|against) (?:my|me|her|his)\b|\bat me with (?:a|an|the|his|her) "
    rf"{_WEAPON_EN}\b|\b(?:came|comes|coming|lunged|lunges|charged|swung|rushed) at me\b|"
    rf"\bpointed (?:a|the|his|her|it) (?:\w+ )?at me\b(?<!finger at me)",
    r"\b(?:shot|shoot|shoots|shooting) (?:me|him|her|us|at me|at us|myself|himself|herself)\b|"
    r"\bshoot (?:me|myself) in the head\b",
    # fear and not safe at home
    rf"\b(?:scared|afraid|terrified|frightened|fearful|petrified) (?:of|for) (?:him|her|"
    rf"my {_PARTNER_EN}|what (?:he|she|they) (?:will|would|might|could|ll|d|is going to|"
    rf"s going to|may|can) (?:do|be)|my (?:own )?life|my safety|my kids|my children|our safety|"
    rf"our lives)\b|\b(?:fear|fears|feared) (?:him|her|my {_PARTNER_EN}|for my (?:life|safety))\b|"
    rf"\b(?:he|she|my {_PARTNER_EN}) (?:really )?(?:scares|frightens|terrifies|scared|"
    rf"frightened|terrified) (?:me|us|the kids)\b",
    r"\b(?:scared|afraid|terrified|frightened|petrified) (?:\w+ )?(?:to go|of going|to come|of "
    r"coming|to be|of being|to get|to sleep|to stay) (?:back )?(?:home|alone with|at home|"
    r"in the house|near (?:him|her))\b",
    r"\b(?:scared|afraid|terrified|frightened|petrified|fear) (?:that )?(?:he|she|they) "
    r"(?:ll|will|would|d|might|may|is going to|s going to|is gonna|going to|could|can) "
    r"(?:\w+ )?(?:hit|hurt|kill|do something|lose it|snap|beat|find me|take the kids|"
    r"get angry|get violent|get mad|explode|attack|choke|push|slap|grab|burn|rape|follow|"
    r"find (?:out )?where i|find us|track me)\b",
    r"\b(?:don t|do not|no longer|never|didn t|did not|can t|cannot) (?:\w+ )?(?:feel|felt|am|be|"
    r"get to feel) (?:\w+ )?safe\b(?! (?:investing|driving|to drive|to eat|with the|using|on the "
    r"roads?|in the (?:snow|rain|water|sun)))",
    r"\b(?:not|never|isn t|aren t|wasn t|weren t|un) ?safe (?:at home|in (?:my|our|this|the) "
    r"(?:own )?(?:home|house|apartment|flat)|with (?:him|her|them|my)|around (?:him|her|them))\b|"
    r"\b(?:i m|i am|we re|we are|kids are|i feel|feel) (?:\w+ )?(?:not safe|unsafe)\b|"
    r"\bfeel unsafe\b|\bunsafe at home\b|\b(?:home|my home|the house|my house|our house|"
    r"our home) (?:doesn t|does not|no longer|never|isn t|is not) (?:\w+ )?(?:feel )?safe\b",
    rf"\b(?:walk|walking|walked) on eggshells (?:because|so he|so she|or he|or she)\b|"
    rf"\block(?:ed|ing)? myself in (?:the|my|a) (?:bathroom|room|car|bedroom)\b|"
    rf"\bhid(?:e|ing)? from (?:him|her|my {_PARTNER_EN})\b|\bwon t let me (?:leave|go out|"
    rf"see my|have my phone|out of)\b(?! early| before| work)|\block(?:ed|s)? me (?:in|out)\b|"
    rf"\bnowhere (?:safe )?to go\b|\bsafe place to (?:go|stay)\b|\bescape from (?:him|her|my)\b",
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
_ES = (
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
    r"con mi vida|con la vida|con todo|este dolor|esta vida|vivir)" + _END,
    r"\bno (?:puedo|aguanto|soporto) (?:mas )?(?:con )?(?:esta vida|mi vida|vivir asi|seguir asi|"
    r"seguir viviendo)\b",
    r"\bno (?:le )?(?:veo|encuentro|tiene|tiene ningun) (?:ningun )?sentido (?:a )?(?:vivir|"
    r"la vida|mi vida|nada|seguir viviendo|seguir aqui)\b|\b(?:la vida|mi vida|nada|vivir) "
    r"(?:ya )?no tiene (?:ningun )?sentido\b|\b(?:no vale|ya no vale) la pena (?:vivir|seguir)\b|"
    r"\bpara que seguir\b|\bno hay razon para (?:vivir|seguir)\b|\b(?:por|para) que (?:sigo "
    r"(?:viv[ao]|respirando|en este mundo)|vivo|existo|seguir viviendo|segui viv[ao]|naci)\b",
    r"\bquiero que (?:todo )?(?:se acabe|termine|pare|acabe|se termine)" + _END,
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
    r"\bvolvi a cortarme\b|\bcortandome\b|\bme corto" + _END,
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
    r"\ble tengo (?:\w+ )?(?:miedo|panico|terror)" + _END,
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


# -- matching -------------------------------------------------------------------------------

# Every pattern starts at the start of a word. Trying some hundred and fifty alternatives at each
# of the two thousand words of a 10 kB message is slow in `re`, so each pattern is filed under the
# letters it can start with and a word tries only the few filed under its first letter.
_STARTS = "abcdefghijklmnopqrstuvwxyz0123456789"
_WORD_START = re.compile(r"\b\w")


def _first_letters(pattern: str) -> frozenset[str]:
    # The parser is private, so anything it says that is not understood files the pattern under
    # every letter: slower, never wrong.
    try:
        parser = importlib.import_module("re._parser")
        letters, can_be_empty = _sequence_starts(parser.parse(pattern))
    except Exception:
        return frozenset(_STARTS)
    if letters is None or can_be_empty:
        return frozenset(_STARTS)
    return frozenset(letters) & frozenset(_STARTS)


def _sequence_starts(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            return found | {chr(av)}, False
        if name == "IN":
            for item_op, item in av:
                if str(item_op) == "LITERAL":
                    found.add(chr(item))
                elif str(item_op) == "RANGE":
                    found.update(chr(c) for c in range(item[0], item[1] + 1))
                else:
                    return None, False
            return found, False
        if name == "BRANCH":
            parts = [_sequence_starts(alt) for alt in av[1]]
        elif name == "SUBPATTERN":
            parts = [_sequence_starts(av[3])]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            letters, empty = _sequence_starts(av[2])
            parts = [(letters, empty or av[0] == 0)]
        else:
            return None, False
        for letters, _ in parts:
            if letters is None:
                return None, False
            found |= letters
        if not any(empty for _, empty in parts):
            return found, False
    return found, True


def _by_first_letter(patterns: Iterable[str]) -> dict[str, re.Pattern[str]]:
    filed: dict[str, list[str]] = {}
    for pattern in patterns:
        for letter in _first_letters(pattern):
            filed.setdefault(letter, []).append(pattern)
    return {letter: re.compile("|".join(f"(?:{p})" for p in ps)) for letter, ps in filed.items()}


_IDIOMS = _by_first_letter((*_EN_IDIOMS, *_ES_IDIOMS))
_PATTERNS = _by_first_letter((*_EN, *_ES))


def _blot_idioms(plain: str) -> str:
    # Like re.sub: leftmost idiom first, no overlaps; blotted with "~" so no clause seems to end.
    kept, at = [], 0
    for start in _WORD_START.finditer(plain):
        i = start.start()
        idioms = _IDIOMS.get(plain[i]) if i >= at else None
        found = idioms.match(plain, i) if idioms else None
        if found:
            kept.append(plain[at:i] + " ~ ")
            at = found.end()
    return "".join(kept) + plain[at:]


def _has_pattern(plain: str) -> bool:
    for start in _WORD_START.finditer(plain):
        patterns = _PATTERNS.get(start.group())
        if patterns and patterns.match(plain, start.start()):
            return True
    return False


# Every word the patterns and idioms spell out, to tell stretched letters from doubled ones.
_KNOWN_WORDS = frozenset(
    re.findall(r"[a-z]+", " ".join((*_EN, *_ES, *_EN_IDIOMS, *_ES_IDIOMS, *_CHAT, *_CHAT.values())))
)


def has_crisis_words(words: str | None) -> bool:
    """Whether free text contains words of violence, threat or self-harm (English or Spanish)."""
    if not words:
        return False
    return _has_pattern(_blot_idioms(normalise(words)))
