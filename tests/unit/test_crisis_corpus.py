"""The crisis-word detector against a labelled corpus of chat phrases, English and Spanish.

Recall (cries caught) must stay at 95 % or more and false alarms (idioms flagged) at 5 % or less,
per language; both figures are printed whether the test passes or fails.
"""

from __future__ import annotations

import pytest

from bot.domain.safety import has_crisis_words, normalise
from tests.unit import crisis_corpus as corpus

MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.05

LANGUAGES = {
    "en": (
        [*corpus.MUST_CATCH_EN, *corpus.HELD_OUT_CATCH_EN],
        [*corpus.MUST_NOT_EN, *corpus.HELD_OUT_NOT_EN],
    ),
    "es": (
        [*corpus.MUST_CATCH_ES, *corpus.HELD_OUT_CATCH_ES],
        [*corpus.MUST_NOT_ES, *corpus.HELD_OUT_NOT_ES],
    ),
}


def figures(catch: list[str], not_: list[str]) -> tuple[float, float, list[str], list[str]]:
    """Recall and false-alarm rate, with the phrases missed and the phrases wrongly flagged."""
    missed = [p for p in catch if not has_crisis_words(p)]
    flagged = [p for p in not_ if has_crisis_words(p)]
    return 1 - len(missed) / len(catch), len(flagged) / len(not_), missed, flagged


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_corpus_is_big_enough(lang: str) -> None:
    catch, not_ = LANGUAGES[lang]
    assert len(catch) >= 100 and len(not_) >= 50
    assert len(set(catch)) == len(catch) and len(set(not_)) == len(not_)
    assert not set(catch) & set(not_)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_recall_and_false_alarms_hold_on_the_corpus(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    catch, not_ = LANGUAGES[lang]
    recall, false_alarms, missed, flagged = figures(catch, not_)
    summary = (
        f"crisis corpus [{lang}]: recall {recall:.1%} ({len(catch) - len(missed)}/{len(catch)}), "
        f"false alarms {false_alarms:.1%} ({len(flagged)}/{len(not_)})"
    )
    with capsys.disabled():
        print(f"\n{summary}")
    assert recall >= MIN_RECALL and false_alarms <= MAX_FALSE_ALARMS, (
        f"{summary}\nmissed: {missed}\nwrongly flagged: {flagged}"
    )


@pytest.mark.parametrize(
    ("words", "plain"),
    [
        ("Amenazó", "amenazo"),
        ("VIOLACIÓN", "violacion"),
        ("  he   will\thit\nme  ", "he will hit me"),
        ("hit,me!!", "hit . me ."),
        ("me pegó...", "me pego ."),
        ("it's", "it s"),
        ("kms", "kill myself"),
        ("q me pegó", "que me pego"),
        ("xq me pega", "porque me pega"),
        ("im scared", "i m scared"),
        ("i wanna die", "i want to die"),
        ("i cant", "i can t"),
        ("k1ll", "kill"),
        ("me muero 😂", "me muero jaja"),
        ("jajajaja", "jaja"),
    ],
)
def test_the_normaliser_reads_chat_as_plain_words(words: str, plain: str) -> None:
    assert normalise(words) == plain


def test_stretched_letters_shrink_to_the_word_they_stretch() -> None:
    assert normalise("quieroooo morirrr") == "quiero morir"
    assert normalise("killlll myselffff") == "kill myself"
    assert normalise("yesss") == "yess"
    # Legitimate doubles are kept: only runs of three or more shrink.
    assert normalise("llorar carro see good kill") == "llorar carro see good kill"
    assert has_crisis_words("quieroooo morirrrr") and has_crisis_words("killlll myselffff")
