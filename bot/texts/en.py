"""English texts. Warm, exact, discreet: these people are hurting."""

EN: dict[str, str] = {
    "welcome": (
        "Hello {name} 🌱\n\n"
        "Kept helps the two of you rebuild trust the slow, real way: through small promises, "
        "kept day after day, that your partner can see.\n\n"
        "Each of you names a few concrete commitments. Every day, at the time you choose, I ask "
        "you privately: ✅ Kept or ❌ Missed. Owning a miss is honesty, never a failure. Your partner "
        "sees what was kept and can say 🤝 I noticed.\n\n"
        "To begin:\n"
        "1. /timezone Europe/Madrid (your own city), so nudges come at your local time\n"
        "2. /pair to invite your partner\n"
        "3. /commit to name your first promise\n\n"
        "/help shows everything. Your time zone is now {timezone}."
    ),
    "welcome_back": "Welcome back, {name}. /today shows today's promises, /help everything else.",
    "timezone_set": "Done: your time zone is {timezone}. It is {local_time} there now.",
    "timezone_usage": (
        "Tell me your time zone like this: /timezone Europe/Madrid\n"
        "Other examples: America/New_York, America/Mexico_City, Asia/Kolkata, Australia/Sydney.\n"
        "Yours is {timezone} now."
    ),
    "error_bad_timezone": (
        "I don't know the time zone “{name}”. Time zones are written Area/City, for example "
        "Europe/Madrid, America/New_York, America/Argentina/Buenos_Aires or Asia/Tokyo."
    ),
    "pair_invite": (
        "Here is your invitation 💌\n\n"
        "Send your partner this link: {link}\n"
        "or ask them to send me: /join {code}\n\n"
        "It works once and expires in 48 hours."
    ),
    "paired_you": "You and {partner} are now paired 🤝 From here on you'll see each other's kept promises.",
    "paired_hint": (
        "Next steps: add me to a group with the two of you and send /link there, "
        "and name a promise with /commit."
    ),
    "join_usage": "Send the code your partner gave you, like this: /join ABCD2345",
    "link_done": (
        "This group is now linked to {a} and {b} 💞 I'll share kept promises and the weekly "
        "check-in here, nothing else."
    ),
    "link_partner_missing": (
        "Linked. I can't see {partner} in this group yet: please add them so you can both "
        "see what is shared here."
    ),
    "link_need_couple": "Only one of the two partners can link a group, once they have paired with /pair.",
    "group_only": "That one works in a group chat with your partner: add me to your group and send it there.",
    "private_only": "Let's do that in our private chat, so it stays between us: open a chat with me and send it there.",
    "commit_ask_what": (
        "What will you do? Write one small, concrete promise you can keep, "
        "for example “text you when I'll be home later than 7”.\n(/cancel to stop)"
    ),
    "commit_ask_days": "On which days?",
    "commit_pick_days": "Tap the days, then Done. Chosen: {days}",
    "commit_ask_time": (
        "At what time should I ask you about it? Send it as HH:MM, for example 21:00 "
        "(your time zone: {timezone})."
    ),
    "commit_added": "Promise noted: “{text}”\n{days} at {time}. I'll ask you then. 🌱",
    "commit_vague": (
        "\n\nA gentle thought: words like “{word}” make a promise hard to keep and hard to see. "
        "Could you make it smaller and concrete, with a when and a what? "
        "You can change it from /commitments."
    ),
    "commit_cancelled": "Okay, nothing was added.",
    "commitments_none": "You have no commitments yet. /commit adds one.",
    "commitments_header": "Your commitments:",
    "commitment_line": "{number}. {text} — {days} at {time}{state}",
    "state_paused": " (paused)",
    "btn_pause": "⏸ Pause {number}",
    "btn_resume": "▶️ Resume {number}",
    "btn_time": "🕘 Time {number}",
    "btn_delete": "🗑 Delete {number}",
    "btn_confirm_delete": "🗑 Yes, delete it",
    "btn_keep_it": "Keep it",
    "commitment_paused": "Paused: “{text}”. No nudges until you resume it.",
    "commitment_resumed": "Resumed: “{text}”. Next nudge {when}.",
    "commitment_deleted": "Deleted: “{text}”. Its history stays in your progress.",
    "commitment_delete_confirm": "Delete “{text}”? Its past answers stay in your history.",
    "commitment_delete_cancelled": "Kept as it is.",
    "commitment_time_ask": "New time for “{text}”? Send HH:MM, for example 07:30.",
    "commitment_time_set": "Changed: “{text}” now at {time}.",
    "days_every": "Every day",
    "days_weekdays": "Weekdays",
    "days_weekends": "Weekends",
    "days_pick": "Pick days",
    "days_done": "Done ✔️",
    "nudge_header": "{greeting}, {name}. Did you keep your promise today ({date})?",
    "nudge_header_many": "{greeting}, {name}. Your promises for today ({date}):",
    "nudge_late_note": "(I'm late with this one, sorry: I was offline for a while.)",
    "greeting_morning": "Good morning",
    "greeting_afternoon": "Good afternoon",
    "greeting_evening": "Good evening",
    "nudge_line_open": "• {text}",
    "nudge_line_kept": "• {text} — ✅ Kept ({date})",
    "nudge_line_missed": "• {text} — ❌ Missed ({date}). Thank you for being honest.",
    "btn_kept": "✅ Kept",
    "btn_missed": "❌ Missed",
    "btn_kept_n": "✅ Kept · {short}",
    "btn_missed_n": "❌ Missed · {short}",
    "btn_noticed": "🤝 I noticed",
    "answer_kept": "✅ Kept. Well done.",
    "answer_missed": "❌ Noted. Owning it is honesty.",
    "reflection_prompt": (
        "Thank you for being honest about “{text}”. Misses happen; what matters is what we "
        "learn.\n\nIf you like, write a few words just for yourself: what got in the way, and what "
        "will you change? It stays private. (/skip to leave it)"
    ),
    "reflection_saved": "Saved, privately. Tomorrow is a new day 🌱",
    "reflection_skipped": "That's fine. Tomorrow is a new day 🌱",
    "partner_kept": "✅ {name} kept a promise today: “{text}” ({date})",
    "partner_missed": "❌ {name} was honest today: “{text}” was missed ({date}). Owning a miss is part of rebuilding trust.",
    "partner_noticed_line": "🤝 {name} noticed.",
    "noticed_you": "🤝 {partner} noticed: “{text}” ({date}).",
    "noticed_thanks": "Thank you. {name} will see that you noticed.",
    "today_none": "Nothing for today. /commit adds a promise.",
    "today_header": "Today ({date}):",
    "today_yesterday_header": "Still open from yesterday ({date}):",
    "today_later": "• {text} — later today at {time}",
    "today_waiting": "• {text} — coming up now",
    "today_skipped": "• {text} — skipped (I was offline that day)",
    "today_failed": "• {text} — could not be delivered",
    "error_generic": "Sorry, something went wrong on my side. Please try again in a moment.",
    "error_bad_time": "“{value}” isn't a time I understand. Please use HH:MM on a 24-hour clock, for example 07:30 or 21:00.",
    "error_text_too_long": "That's a long promise. Please keep it under {limit} characters: small and concrete is easier to keep.",
    "error_text_empty": "Please write what you'll do, for example: /commit 21:00 text you when I'm on my way",
    "error_too_many": (
        "You already have {limit} active commitments. Few promises, well kept, rebuild more trust "
        "than many. Pause or delete one in /commitments first."
    ),
    "error_invite_unknown": "I don't know that code. Please check it with your partner; they can make a new one with /pair.",
    "error_invite_used": "That code has already been used. Your partner can make a new one with /pair.",
    "error_invite_expired": "That code has expired (they last 48 hours). Your partner can make a new one with /pair.",
    "error_invite_own": "That's your own invitation 🙂 Send it to your partner so they can join.",
    "error_already_paired": "You are already paired with {partner}. A person belongs to one couple only.",
    "error_inviter_paired": "The person who made this code is already paired. A couple is just two people.",
    "error_not_paired": "You're not paired yet. /pair makes an invitation for your partner.",
    "error_not_partner": "Sorry, only the two partners of this couple can do that.",
    "error_not_yours": "This button belongs to someone else, so I've left it as it is.",
    "error_stale": "This button is no longer active. /today shows what's open now.",
    "error_already_answered": "You already answered this one: {answer}.",
    "error_unknown_commitment": "I can't find that commitment. /commitments lists yours.",
    "error_no_days": "Please choose at least one day.",
    "unknown_command": "I don't know that command. /help lists what I can do.",
    "unknown_text": "I'm not sure what you mean. /help lists what I can do, /today shows today's promises.",
    "need_start": "Please send /start first, so I can set things up for you.",
    "slow_down": (
        "That's a lot of messages at once 🌿 Let's take a breath: I'll set the next ones aside "
        "for a minute, then I'm all yours again."
    ),
    "help": (
        "Kept helps a couple rebuild trust after it was broken, through small promises kept "
        "over time and seen by the partner.\n\n"
        "What it is built on:\n"
        "1. Patience: progress is not a straight line; setbacks are normal.\n"
        "2. Facts: concrete promises, answered Kept or Missed every day.\n"
        "3. Consistency: small things, every day, over weeks.\n"
        "4. Listening: a weekly check-in, answers revealed together.\n"
        "5. Concrete solutions: a shared chore plan.\n"
        "6. Honesty: a miss owned is never punished.\n"
        "7. Responsibility: after a miss, a private moment to reflect.\n"
        "8. Only promises you can keep: few, small, concrete.\n"
        "9. Help: a couples therapist when things stay hard.\n\n"
        "Commands:\n"
        "/start — welcome\n"
        "/timezone Area/City — your time zone\n"
        "/pair — invite your partner; /join CODE — join with a code\n"
        "/link — in your shared group: link it to your couple\n"
        "/commit — name a promise; /commit 21:00 text — a daily one at once\n"
        "/commitments — pause, resume, change time, delete\n"
        "/today — today's promises\n"
        "/checkin — open this week's check-in; /checkin sun 19:00 — set its weekly time\n"
        "/progress — kept rates, consistency and the trend, with a chart\n"
        "/chores — your shared chore plan: add a chore, give it to one of you, swap a day\n"
        "/pause 7 — a break from nudges; /resume — end the break\n"
        "/language es — messages in Spanish; /language en — in English\n"
        "/export — all your data as a file; /forget — delete all your data\n"
        "/help — this message\n\n"
        "Finding a couples therapist: ask your doctor for a referral, look for a licensed "
        "marriage and family therapist or an affair-recovery specialist near you (Psychology "
        "Today's directory lists many), or your country's association of family therapists. "
        "If you ever feel unsafe, contact local emergency services."
    ),
    "commands_start": "Welcome and set-up",
    "commands_timezone": "Set your time zone",
    "commands_pair": "Invite your partner",
    "commands_join": "Join with a code",
    "commands_link": "Link this group to your couple",
    "commands_commit": "Name a new promise",
    "commands_commitments": "Your promises",
    "commands_today": "Today's promises",
    "commands_help": "What Kept does",
    "commands_checkin": "Open this week's check-in",
    "commands_progress": "Kept rates and trend",
    "checkin_header": "💬 Weekly check-in · week {week}",
    "q_trust": "How much did you trust your partner this week?",
    "q_progress": "Did you notice progress between you this week?",
    "q_safety": "How safe did you feel with your partner this week?",
    "q_trust_numbered": "1st row — How much did you trust your partner this week? (1 = not at all, 5 = fully)",
    "q_progress_numbered": "2nd row — Did you notice progress between you this week?",
    "q_safety_numbered": "3rd row — How safe did you feel with your partner this week? (1 to 5)",
    "checkin_private_note": (
        "Tap your answers: only you see what you tap. Nothing is shown until you have both "
        "answered; then I reveal both side by side. You can change an answer until then."
    ),
    "progress_yes": "Yes",
    "progress_little": "A little",
    "progress_notyet": "Not yet",
    "btn_words": "✍️ Add your words privately",
    "checkin_noted": "Noted, privately. You can change it until the reveal.",
    "checkin_words_q1": (
        "Two open questions, just between us until the reveal (write a few words, or /skip):\n\n"
        "What did your partner do this week that you appreciated?"
    ),
    "checkin_words_q2": "What is one thing your partner could do differently next week? (or /skip)",
    "checkin_words_thanks": "Thank you. I'll reveal the check-in when you have both answered.",
    "checkin_reminder": (
        "A gentle reminder: this week's check-in is waiting for your answers in your group. "
        "It closes three days after it opened."
    ),
    "checkin_opened": "This week's check-in is open in your group.",
    "checkin_slot_set": "The weekly check-in will open on {day} at {time} ({timezone}).",
    "checkin_closed_header": "💬 This check-in is closed; the answers are below.",
    "reveal_header": "💬 Check-in of week {week}: your answers, side by side",
    "reveal_appreciated": "What you appreciated:",
    "reveal_differently": "What could be different next week:",
    "reveal_promises": "Promises this week (kept rate · consistency):",
    "reveal_person_rate": "  {name}: {rate} · {score}",
    "reveal_missing": "{names} did not answer this time. That's okay; next week is another chance.",
    "reveal_normal": (
        "Ups and downs are normal: trust comes back in waves, not in a straight line. "
        "Look at the direction over the weeks, and talk about what you see."
    ),
    "therapy_suggestion": (
        "🌿 These weeks seem heavy. Many couples find it helps to talk with a couples therapist, "
        "someone trained to guide exactly this kind of repair. It is a sign of care, not of failure. "
        "/help lists ways to find one."
    ),
    "chart_title": "Trust and kept promises, last 12 weeks",
    "chart_caption": "Trust (lines, 1–5) and kept promises (bars, %) over the last 12 weeks.",
    "error_bad_weekday": "“{value}” isn't a weekday I know. Try: /checkin sun 19:00",
    "error_need_group": "The check-in happens in your shared group: add me to a group with your partner and send /link there first.",
    "error_checkin_open": "A check-in is already open in your group. Answer it there; I'll reveal it when you have both answered.",
    "error_checkin_done": "This week's check-in has already happened. The next one opens at your weekly time.",
    "progress_header": "Your progress 🌱",
    "progress_line": "• {text}: 7 days {rate_7} · 28 days {rate_28} · consistency {score} · streak {streak}",
    "progress_trust": "Trust you felt, recent weeks: {trend}",
    "progress_none": "No commitments yet. /commit adds one.",
    "progress_couple_header": "How you're doing together 💞",
    "progress_couple_line": "• {name}: this week {rate_week} · 28 days {rate_28} · consistency {score}",
    "progress_note": "Consistency forgives a bad day: it grows with every kept day and falls only a little with one miss.",
    "partner_unreachable": (
        "{name} can't receive my messages right now (they may have blocked me or closed our "
        "chat), so their nudges are paused. They come back when {name} sends me /start."
    ),
    "progress_honesty": "Over the last 28 days you answered honestly on {answered} of {due} days: owning a miss counts as much as a kept promise.",
    "commands_export": "All your data as a file",
    "commands_forget": "Delete all your data",
    "export_caption": (
        "Everything Kept stores about you, as a JSON file. Of your partner it holds only their "
        "name. Keep it somewhere safe: it contains your private words."
    ),
    "forget_confirm": (
        "Delete everything Kept knows about you? Your promises, your answers and reflections, "
        "your check-in answers and your settings will be gone for good, and your couple will "
        "end here. Your partner keeps their own history and will be told, kindly, that the "
        "couple has ended; nothing you wrote is shown to them.\n\n"
        "/export first if you want a copy."
    ),
    "btn_forget": "🗑 Yes, delete everything",
    "btn_keep_data": "Keep my data",
    "error_forget_stale": "This button is no longer active. Send /forget if you want to delete your data.",
    "forget_cancelled": "Nothing was deleted. Your data stays as it was.",
    "forget_done": (
        "Done. Everything Kept knew about you has been deleted. If you ever want to come back, "
        "/start begins afresh. Take care of yourself 🌱"
    ),
    "partner_forgot": (
        "{name} has chosen to delete their data from Kept, so your couple here has ended. "
        "Your own promises, answers and history are still yours: /commitments and /progress "
        "work as before.\n\nHowever this feels, please be gentle with yourself 🌱 /help lists "
        "ways to find a therapist if you would like someone to talk to."
    ),
    "btn_snooze": "⏰ 1 h",
    "snoozed": "Okay, I'll ask again at {time}. Tomorrow stays as it is.",
    "nudge_line_snoozed": "• {text} — ⏰ I'll ask again at {time}",
    "pause_usage": "Taking a break? Send /pause and a number of days, for example /pause 7. Paused days count neither as kept nor as missed.",
    "paused": "Enjoy the break 🌴 No nudges until {until} included; those days count neither as kept nor as missed. /resume ends it early.",
    "resumed": "Welcome back 🌱 Your nudges are on again.",
    "error_pause_days": "Please give a whole number of days from 1 to {limit}, for example /pause 7.",
    "partner_paused": "{name} is taking a break from nudges until {until}. Those days count neither as kept nor as missed.",
    "partner_resumed": "{name} is back from their break; their nudges are on again.",
    "commands_pause": "Take a break from nudges",
    "commands_resume": "End your break",
    "sizing_offer": (
        "“{text}” has been hard to keep these last two weeks. That is worth knowing, not a "
        "failure: small promises kept rebuild more trust than big ones missed.\n\n"
        "Would you like to make it smaller?"
    ),
    "btn_fewer_days": "📅 Fewer days",
    "btn_smaller": "✏️ A smaller version",
    "btn_pause_it": "⏸ Pause it",
    "commitment_days_set": "Changed: “{text}” now on {days}.",
    "commitment_smaller_ask": "What smaller version of “{text}” could you keep? Write it in a few words.",
    "commitment_text_set": "Changed: your promise is now “{text}”. Its history stays.",
    "btn_share": "🤝 Share with my partner",
    "btn_keep_private": "🔒 Keep it private",
    "reflection_saved_share": "Saved, privately: only you can see it. If you'd like your partner to read it, tap below. Tomorrow is a new day 🌱",
    "partner_reflection": "{name} chose to share what they wrote after missing “{text}”:\n\n“{words}”",
    "shared_done": "Shared with {name}. Thank you for your openness.",
    "shared_nobody": "You're not paired at the moment, so there is nobody to share it with; it stays private.",
    "checkin_share_question": "Thank you. Your words are private for now. Would you like to share them with your partner in the reveal?",
    "words_shared": "Your words will be shown in the reveal, beside your partner's answers.",
    "words_private": "Your words stay private. Your choices will still be revealed together.",
    "crisis_resources_reflection": (
        "Thank you for trusting me with this. Some of what you wrote sounds like you may be hurting "
        "or not safe, and that matters more than any promise.\n\n"
        "If you are in danger right now, call your local emergency number (112 in Europe, 911 in "
        "the US). If you are thinking about harming yourself: 988 in the US, Samaritans 116 123 in "
        "the UK and Ireland, 024 in Spain, or findahelpline.com for other countries. If someone is "
        "hurting or threatening you: 016 in Spain, 1-800-799-7233 in the US.\n\n"
        "What you wrote stays private. I won't show it to your partner unless you tap below."
    ),
    "crisis_resources_words": (
        "Thank you for writing this. Some of it sounds like you may be hurting or not safe, and "
        "that matters more than any check-in.\n\n"
        "If you are in danger right now, call your local emergency number (112 in Europe, 911 in "
        "the US). If you are thinking about harming yourself: 988 in the US, Samaritans 116 123 in "
        "the UK and Ireland, 024 in Spain, or findahelpline.com for other countries. If someone is "
        "hurting or threatening you: 016 in Spain, 1-800-799-7233 in the US.\n\n"
        "I won't reveal your words unless you choose to share them. Do you want to share them with "
        "your partner?"
    ),
    "commands_chores": "Your shared chore plan",
    "chores_header": "🧹 Chore plan of {a} and {b}",
    "chores_none": (
        "No chores in the plan yet. Sharing the load is a very concrete way to care: "
        "tap “➕ Add a chore”."
    ),
    "chores_entry": "{chore} ({name})",
    "chores_entry_paused": "{chore} ({name}, paused)",
    "btn_chore_add": "➕ Add a chore",
    "btn_chore_swap": "🔁 Ask to swap a day",
    "chores_in_private": "Let's do this in our private chat: I've written to you there.",
    "chore_ask_name": (
        "What's the chore? A few words, for example “dishes after dinner” or “take out the "
        "bins”.\n(/cancel to stop)"
    ),
    "chore_ask_who": "Who takes care of “{chore}”?",
    "chore_who_you": "{name} (me)",
    "chore_ask_days": "On which days does {name} do “{chore}”?",
    "chore_ask_time": (
        "At what time should I remind {name}? Send HH:MM, for example 20:00 "
        "({name}'s time zone: {timezone})."
    ),
    "chore_ask_time_you": (
        "At what time should I remind you? Send HH:MM, for example 20:00 "
        "(your time zone: {timezone})."
    ),
    "chore_added": "Added to the plan: “{chore}”, {days} at {time}. It's one of your promises now. 🧹",
    "chore_added_partner": (
        "Added to the plan: “{chore}” for {name}, {days} at {time}. I've let {name} know, "
        "and I'll remind them then. 🧹"
    ),
    "chore_assigned_you": (
        "🧹 {name} gave you a chore in your plan: “{chore}”, {days} at {time} (your time). "
        "I'll remind you then, like your other promises. If a day doesn't suit you, /chores "
        "lets you ask {name} to swap it."
    ),
    "chore_taken_over": "🧹 “{chore}” on {days} is with {name} now, so it's off your list on those days.",
    "swap_pick": "Which of your chore days would you like {name} to take?",
    "swap_asked": "I've asked {name} if they can take “{chore}” on {day}. I'll tell you their answer.",
    "swap_request": (
        "🔁 {name} asks if you could take “{chore}” on {day} ({time}) instead of them. "
        "If you accept, it becomes one of your promises on that day."
    ),
    "btn_swap_accept": "✅ Accept",
    "btn_swap_decline": "Not this time",
    "swap_accepted_you": "Thank you 🤝 “{chore}” on {day} is yours now; I'll remind you at {time}.",
    "swap_accepted_requester": "🤝 {name} said yes: “{chore}” on {day} is theirs from now on.",
    "swap_declined_you": "Okay, nothing changes. I've let {name} know, kindly.",
    "swap_declined_requester": (
        "{name} can't take “{chore}” on {day} this time. That's okay 🌱 It stays with you; "
        "maybe talk it over together, or ask about another day."
    ),
    "error_chore_name_long": (
        "That's a long name for a chore. Please keep it under {limit} characters, like "
        "“dishes after dinner”."
    ),
    "error_chore_limit": (
        "{name} already has {limit} active commitments, so I can't give them another one. "
        "Few promises, well kept, rebuild more trust than many: {name} can pause one in "
        "/commitments first, or you could take this chore yourself."
    ),
    "error_chores_group": (
        "Your chore plan lives in our private chat and in the group you linked with /link. "
        "Send /chores there."
    ),
    "error_no_chore_days": "You have no chore days to swap yet. /chores shows the plan.",
    "commands_language": "Language of your messages",
    "language_set": "Done: I'll write to you in English from now on 🌱",
    "language_usage": (
        "I write to you in English now. To change it: /language es for Spanish (español), "
        "/language en for English."
    ),
    "error_bad_language": (
        "I don't speak “{value}” yet. Choose /language en for English or /language es for "
        "Spanish (español)."
    ),
    "chart_trust_axis": "Trust 1–5 (lines)",
    "chart_kept_axis": "Kept (bars)",
    "chart_week": "W{week}",
    "crisis_resources_first": (
        "Before the next question: some of what you wrote sounds like you may be hurting or not "
        "safe. If you are in danger right now, call your local emergency number (112 in Europe, "
        "911 in the US). Crisis lines: 988 in the US, Samaritans 116 123 in the UK and Ireland, "
        "024 in Spain, findahelpline.com elsewhere; if someone is hurting or threatening you: 016 in "
        "Spain, 1-800-799-7233 in the US. Your words stay private unless you choose to share them."
    ),
}
