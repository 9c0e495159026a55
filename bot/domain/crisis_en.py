"""The English crisis patterns and idioms the detector (bot.domain.safety) reads."""

from __future__ import annotations

from bot.domain.crisis_common import END, LAUGHING

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


EN_IDIOMS = (
    r"\bdying (?:to|for) (?!die\b|be dead|end\b|kill)",
    r"\bto die for\b(?<!want to die for)(?<!wanted to die for)(?<!wanting to die for)"
    r"(?! (?:weeks|days|months|years|a while|so long|ages|a long time)\b)",
    r"\bdie(?:d|s)? (?:of|from|with) (?:embarrassment|shame|laughter|laughing|boredom|cringe|"
    r"curiosity|cuteness|envy|jealousy|happiness|joy|hunger|thirst|heat|the heat|old age)",
    r"\b(?:die|died|dying|dead) laughing\b",
    r"\b(?:i m|i am|i was|we re|we are) (?:so |literally |actually |fr |lowkey )?(?:dead|dying|"
    r"deceased|crying|screaming)" + LAUGHING,
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
    r"\b(?:killing|killed|kill) me" + LAUGHING,
    r"\bkill me now" + LAUGHING,
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


EN = (
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
    r"keep doing this|live anymore)(?: any ?more| no more)?" + END,
    r"\b(?:can t|cannot|could not|couldn t|don t want to) (?:go on|keep going|keep living|live|"
    r"carry on|continue) like this\b",
    r"\b(?:would|d|will|ll) (?:all |just |really )?be (?:so )?(?:happier|better|fine|better off|"
    r"easier) (?:\w+ )?(?:without me|if i (?:was|were|wasn t|weren t) (?:gone|dead|here|around|"
    r"not here|not around|never born)|if i (?:died|disappeared|left for good))\b",
    r"\b(?:end|ending) it" + END + r"|\bend it (?:tonight|today|now)\b",
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
    r"be over)" + END,
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
