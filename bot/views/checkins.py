"""What the weekly check-in says: its group message, the questions asked in private, the reveal."""

from __future__ import annotations

from bot.domain import actions
from bot.domain.checkin_rules import (
    GROUP_QUESTIONS,
    SAFETY,
    encode_choice,
)
from bot.domain.models import PROGRESS_CHOICES, Checkin, CheckinAnswer, Person
from bot.domain.ports import Button, Outgoing
from bot.domain.progress import percent
from bot.texts import names_together, text

QUESTION_KEYS = {"trust": "q_trust", "progress": "q_progress", "safety": "q_safety"}


def choice_buttons(language: str, checkin_id: int, question: str) -> tuple[Button, ...]:
    """The choices of one question: 1 to 5, or the three progress answers."""
    if question == "progress":
        return tuple(
            Button(
                text(language, f"progress_{choice}"), encode_choice(checkin_id, question, choice)
            )
            for choice in PROGRESS_CHOICES
        )
    return tuple(Button(str(v), encode_choice(checkin_id, question, v)) for v in range(1, 6))


def choice_question(
    language: str, checkin: Checkin, question: str, *, intro: bool, alone: bool = False
) -> Outgoing:
    """One choice question for a partner's own chat; the first one says what this is, and the
    safety question asked apart from the group's says why it comes here."""
    body = text(language, QUESTION_KEYS[question])
    if question == SAFETY:
        body = f"{body}\n{text(language, 'q_safety_private')}"
    if alone:
        body = f"{text(language, 'checkin_safety_intro', week=checkin.iso_week)}\n\n{body}"
    elif intro:
        body = f"{text(language, 'checkin_private_intro', week=checkin.iso_week)}\n\n{body}"
    return Outgoing(body, (choice_buttons(language, checkin.id, question),))


def announcement(
    a: Person, b: Person, checkin: Checkin, answers: dict[int, CheckinAnswer]
) -> Outgoing:
    """The group's message when the questions are asked privately: who has answered, no choices."""
    status = status_line(a, b, answers)
    return Outgoing(f"{text(a.language, 'checkin_announce', week=checkin.iso_week)}\n\n{status}")


def share_question(language: str, checkin_id: int, answer: CheckinAnswer) -> Outgoing:
    """Ask whether the words go into the reveal."""
    return Outgoing(
        text(language, "checkin_share_question"),
        (
            (
                Button(
                    text(language, "btn_share"), actions.encode(actions.SHARE_WORDS, checkin_id)
                ),
                Button(
                    text(language, "btn_keep_private"),
                    actions.encode(actions.KEEP_WORDS, checkin_id),
                ),
            ),
        ),
    )


def words_question(language: str, number: int) -> str:
    """One of the two open questions, asked privately."""
    return text(language, "checkin_words_q1" if number == 1 else "checkin_words_q2")


def status_line(a: Person, b: Person, answers: dict[int, CheckinAnswer]) -> str:
    """Who has answered so far, and nothing about what."""

    def mark(person: Person) -> str:
        answer = answers.get(person.id)
        return ("✅ " if answer and answer.choices_done else "⏳ ") + person.name

    return f"{mark(a)} · {mark(b)}"


def checkin_message(
    a: Person, b: Person, checkin: Checkin, answers: dict[int, CheckinAnswer], bot_link: str
) -> Outgoing:
    """The group message: three questions as rows of buttons, and who has answered."""
    lang = a.language
    body = "\n".join(
        [
            text(lang, "checkin_header", week=checkin.iso_week),
            "",
            text(lang, "q_trust_numbered"),
            text(lang, "q_progress_numbered"),
            "",
            text(lang, "checkin_private_note"),
            "",
            status_line(a, b, answers),
        ]
    )
    rows = tuple(choice_buttons(lang, checkin.id, question) for question in GROUP_QUESTIONS)
    words = Button(text(lang, "btn_words"), "", url=f"{bot_link}?start=words-{checkin.id}")
    return Outgoing(body, (*rows, (words,)))


def reveal_text(
    a: Person,
    b: Person,
    checkin: Checkin,
    answers: dict[int, CheckinAnswer],
    rates: dict[int, float | None],
    scores: dict[int, float | None],
    therapy: bool,
    language: str | None = None,
) -> str:
    """Both partners' answers side by side, the week's facts, and what the numbers mean."""
    lang = language or a.language

    def value(person: Person, field: str) -> str:
        answer = answers.get(person.id)
        raw = getattr(answer, field) if answer else None
        if raw is None:
            return "—"
        return text(lang, f"progress_{raw}") if field == "progress" else str(raw)

    def words(field: str) -> list[str]:
        lines = []
        for person in (a, b):
            answer = answers.get(person.id)
            # Words stay private unless their author chose to share them.
            said = getattr(answer, field) if answer and answer.words_shared else None
            if said:
                lines.append(f"{person.name}: “{said}”")
        return lines

    lines = [text(lang, "reveal_header", week=checkin.iso_week), ""]
    # The safety answer is never revealed: only its author sees it, in their own /progress.
    for field in ("trust", "progress"):
        lines.append(text(lang, QUESTION_KEYS[field]))
        lines.append(f"  {a.name}: {value(a, field)}   ·   {b.name}: {value(b, field)}")
    for field, key in (
        ("appreciated", "reveal_appreciated"),
        ("differently", "reveal_differently"),
    ):
        said = words(field)
        if said:
            lines += ["", text(lang, key), *said]
    lines += ["", text(lang, "reveal_promises")]
    for person in (a, b):
        lines.append(
            text(
                lang,
                "reveal_person_rate",
                name=person.name,
                rate=percent(rates.get(person.id)),
                score=percent(scores.get(person.id)),
            )
        )
    missing = [p.name for p in (a, b) if not (answers.get(p.id) and answers[p.id].choices_done)]
    if missing:
        lines += ["", text(lang, "reveal_missing", names=names_together(lang, missing))]
    lines += ["", text(lang, "reveal_normal")]
    if therapy:
        lines += ["", text(lang, "therapy_suggestion")]
    return "\n".join(lines)
