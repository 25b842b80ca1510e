"""Pay in answers: never in the note, and coached sensibly (COACHING.md). A pay question is
fair to ask, so it is not called a stock question to "tie to your research"; a pay question
that was hard is prepared with a range; an interviewer keen on pay gets no "have an example
ready"."""

from __future__ import annotations

import pytest

from bot.notes import Phrase, Refusal, RefusalReason, reference_phrase


@pytest.mark.parametrize("typed", [
    "we talked about the range and my current package", "how much i make now",
    "what i'm making at my current job", "they asked my expected ctc", "the money lol",
    "my expectations", "the offer and the stock package", "their remote stipend",
])
def test_pay_said_without_the_word_salary_stays_out_of_the_note(typed: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Refusal) and read.reason is RefusalReason.PAY


@pytest.mark.parametrize(("typed", "phrase"), [
    ("mostly comp and benefits, and a bit about their new data team", "your new data team"),
    ("my rate and their data platform", "your data platform"),
    ("we talked about salary. then their migration to snowflake",
     "your migration to Snowflake"),
    # not pay: the business's money, a package of code, a range of products
    ("how they make money from ads", "how you make money from ads"),
    ("their npm package", "your npm package"),
    ("the range of products they sell", "the range of products they sell"),
])
def test_the_topic_beside_pay_is_kept(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase
