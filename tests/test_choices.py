"""Choices typed the way people type them: the table the fuzzy thresholds were chosen by."""

from __future__ import annotations

import pytest

from bot.reflection.choices import FUZZY_ACCEPT, Picked, Unclear, read_choice
from bot.reflection.questions import FIT, MEMORABLE, PROFESSIONAL, THANK_YOU, TYPE_QUESTION

TABLE = [
    # (question, typed, expected value, or None for "ask which one")
    (THANK_YOU, "yes", "sent"),
    (PROFESSIONAL, "ye", "on_topic"),  # chat spellings of yes, no and sort of
    (PROFESSIONAL, "yup", "on_topic"),
    (PROFESSIONAL, "sorta", "drifted"),
    (THANK_YOU, "nah", "no"),
    (THANK_YOU, "Yes!", "sent"),
    (THANK_YOU, "sent it", "sent"),
    (THANK_YOU, "i sent it this morning", "sent"),
    (THANK_YOU, "already did", "sent"),
    (THANK_YOU, "Already sent", "sent"),
    (THANK_YOU, "1. Already sent", "sent"),  # the visible label of the numbered button
    (THANK_YOU, "alredy sent", "sent"),  # a typo
    (THANK_YOU, "not yet", "planned"),
    (THANK_YOU, "not yet sent", "planned"),  # the longest phrase wins over "sent"
    (THANK_YOU, "havent sent it yet", "planned"),
    (THANK_YOU, "planing to send it", "planned"),  # a typo
    (THANK_YOU, "tonight", "planned"),
    (THANK_YOU, "will do", "planned"),
    (THANK_YOU, "no", "no"),
    (THANK_YOU, "nope", "no"),
    (THANK_YOU, "not going to send one", "no"),
    (THANK_YOU, "won't", "no"),
    (THANK_YOU, "3", "no"),
    (THANK_YOU, "banana", None),
    (THANK_YOU, "hmm", None),
    (FIT, "4/5", "4"),
    (FIT, "4 out of 5", "4"),
    (FIT, "four out of five", "4"),
    (FIT, "8/10", "4"),
    (FIT, "10/10", "5"),
    (FIT, "pretty good", "4"),
    (FIT, "meh", "3"),
    (FIT, "great", "5"),
    (FIT, "poor fit", "1"),
    (FIT, "4 · Good fit", "4"),  # the exact visible label of a scale button
    (FIT, "5 - Great fit", "5"),
    (FIT, "1 - poor fit", "1"),
    (FIT, "3", "3"),
    (FIT, "Great fti", "5"),  # a typo
    (FIT, "7", None),
    (MEMORABLE, "yes", "memorable"),
    (MEMORABLE, "They'll remember me", "memorable"),
    (MEMORABLE, "they will remember me", "memorable"),
    (MEMORABLE, "theyll remember me", "memorable"),
    (MEMORABLE, "3. They'll remember me", "memorable"),
    (MEMORABLE, "kinda", "some"),
    (MEMORABLE, "a few moments stood out", "some"),
    (MEMORABLE, "a few moment stod out", "some"),  # typos
    (MEMORABLE, "not really", "generic"),
    (MEMORABLE, "i probably blended in", "generic"),
    (PROFESSIONAL, "yes", "on_topic"),
    (PROFESSIONAL, "it drifted a little", "drifted"),
    (PROFESSIONAL, "nope", "too_personal"),
    (TYPE_QUESTION, "phone screen", "recruiter"),
    (TYPE_QUESTION, "system design", "technical"),
    (TYPE_QUESTION, "final round", "final"),
    (TYPE_QUESTION, "panel", "panel"),
    (TYPE_QUESTION, "Panle", None),  # too short to guess at: asked
    # a bare yes or no counts only beside words that add nothing; a sentence that answers
    # something else is asked about, never read as the option "no"
    (THANK_YOU, "no, sorry", "no"),
    (THANK_YOU, "nope not really", "no"),
    (THANK_YOU, "no questions, sorry", None),
    (THANK_YOU, "no idea what to say", None),
    (THANK_YOU, "no time to ask", None),
    (THANK_YOU, "yes they asked about kafka", None),
    (MEMORABLE, "no questions, sorry", None),
    (MEMORABLE, "yes I sent it", None),
    (MEMORABLE, "yes definitely", "memorable"),
    (PROFESSIONAL, "no questions, sorry", None),
    (FIT, "no questions, sorry", None),
    (FIT, "yes i did", "4"),
    # words followed by "not" are not the option they spell
    (THANK_YOU, "no, I did not", "no"),  # was "Already sent", for its "I did"
    (MEMORABLE, "definitely not", None),  # was offered "They'll remember me"
    (MEMORABLE, "honestly nothing, i bombed it", "generic"),  # was "I didn't catch which"
    (MEMORABLE, "not at all", "generic"),
    # a word of degree alone is "some"; inside a sentence it qualifies something else
    (MEMORABLE, "kind of", "some"),
    (MEMORABLE, "sort of, i guess", "some"),
    (MEMORABLE, "maybe a little", "some"),
    (MEMORABLE, "they asked about system design and i kind of froze", None),  # was "some"
    (MEMORABLE, "i was a bit nervous at the start", None),  # was "some"
]


@pytest.mark.parametrize("question, typed, expected", TABLE,
                         ids=[f"{q.key}:{t}" for q, t, _ in TABLE])
def test_a_choice_typed_in_everyday_words_is_read_or_asked_about(
        question: object, typed: str, expected: str | None) -> None:
    read = read_choice(question, typed)  # type: ignore[arg-type]
    if expected is None:
        assert isinstance(read, Unclear), read
    else:
        assert read == Picked(expected)


def test_a_word_that_fits_two_options_equally_asks_which_one() -> None:
    read = read_choice(PROFESSIONAL, "kind of")  # "drifted" only, so it is read
    assert read == Picked("drifted")
    read = read_choice(FIT, "good? weak?")  # two options' words, equally long
    assert isinstance(read, Unclear) and set(read.candidates) == {"4", "2"}


def test_the_fuzzy_threshold_accepts_a_slip_but_not_another_word() -> None:
    assert FUZZY_ACCEPT >= 80
    assert read_choice(THANK_YOU, "spent") != Picked("sent")  # too short to guess at
    assert isinstance(read_choice(FIT, "goodbye"), Unclear)


def test_definitely_not_is_not_offered_as_its_opposite() -> None:
    assert read_choice(MEMORABLE, "definitely not") == Unclear()
