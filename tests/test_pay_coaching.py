"""Pay in answers: never in the note, and coached sensibly (COACHING.md). A pay question is
fair to ask, so it is not called a stock question to "tie to your research"; a pay question
that was hard is prepared with a range; an interviewer keen on pay gets no "have an example
ready"."""

from __future__ import annotations

import pytest
from test_prep import prep_after_a_screen
from test_service import World

from bot.notes import Phrase, Refusal, RefusalReason, reference_phrase


def _field(reply: object, name: str) -> str:
    return next(f.value for f in reply.fields if f.name == name)  # type: ignore[attr-defined]


async def test_a_pay_question_at_a_screen_is_fair_not_generic_and_stays_out_of_the_note(
        ) -> None:
    world = World()
    await world.say("/debrief interview Globex role: data analyst with: Dana Lee "
                    "type:recruiter")
    for answer in ("2", "my churn dashboard cut reporting time 50%",
                   "they asked a lot about my salary expectations", "not yet",
                   "their new data team", "1", "what's the pay range? is there equity?"):
        await world.say(answer)
    (summary,) = await world.say("by friday")
    read = _field(summary, "Specific or generic")
    assert "question any candidate asks" not in read
    assert 'Fair to ask - "what\'s the pay range" belongs in a screen' in read
    assert summary.copy_text is not None
    note = summary.copy_text.lower()
    assert not any(w in note for w in ("salary", "pay", "equity", "range", "research"))


async def test_a_hard_pay_question_is_prepared_with_a_range_not_studied() -> None:
    world = World()
    await world.say("/debrief interview Acme type:final")
    for answer in ("2", "my churn dashboard cut reporting time 50%",
                   "the salary expectations question, i froze", "their roadmap", "not yet",
                   "their roadmap", "1", "how does the team measure success?", "4",
                   "5 years of b2b saas analytics"):
        await world.say(answer)
    (summary,) = await world.say("by friday")
    study = _field(summary, "Before the next round")
    assert "that's what to study" not in study
    assert "pay questions are hard for most people" in study
    assert "settle on a range you can back up, rather than one number" in study


async def test_a_pay_question_saved_in_prep_is_not_told_to_tie_it_to_research() -> None:
    world = World()
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (reply,) = await world.say("/debrief prep question what's the salary range for this role?")
    assert "Saved as question 1 of 2." in reply.text
    assert "tie it to" not in reply.text and "any interview" not in reply.text
    assert "Pay is fair to ask" in reply.text and "one about the work at Acme" in reply.text


async def test_prep_after_a_screen_about_pay_says_to_have_a_range_not_an_example() -> None:
    reply = await prep_after_a_screen(World(), "my salary expectations and notice period")
    before = _field(reply, "From your last interview at Acme")
    assert "have an example ready" not in before
    assert before.startswith('• Last time they asked about pay ("my salary expectations and '
                             'notice period")')


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
