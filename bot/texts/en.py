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
}
