"""A sentence typed at a choice is understood, not asked again as if it were never said: read
as the choice where it clearly is one ("it went really well"), kept for the later question it
answers where it clearly does ("I walked them through my dashboard…" at "how memorable were
you?" is what they'll remember), and otherwise asked about."""

from __future__ import annotations

import pytest
from test_dialogue import answers_up_to
from test_service import World

from bot.notes import Refusal, reference_phrase
from bot.reflection.dialogue import Answered, Invalid, Kept, apply_turn
from bot.reflection.questions import BY_TYPE, InterviewType

TECHNICAL = BY_TYPE[InterviewType.TECHNICAL]
STORY = "I walked them through my dashboard and they loved the churn numbers"


at = answers_up_to


@pytest.mark.parametrize(("key", "typed", "kept_for"), [
    ("memorable", STORY, "remember"),
    ("memorable", "they laughed at my joke about kafka", "remember"),
    ("memorable", "my story about cutting latency by 40%", "remember"),
    ("fit", "sql and i worked at google for 3 years", "bring"),
    ("fit", "my python and stats background", "bring"),
    ("thank_you", "we talked about their move to bigquery", "reference"),
    ("professional", "what keeps you up at night about this team?", "questions_asked"),
])
def test_a_sentence_at_a_choice_is_kept_for_the_question_it_answers(
        key: str, typed: str, kept_for: str) -> None:
    result = apply_turn(at(key), typed, max_length=1000)
    assert isinstance(result, Kept)
    assert result.kept_for.key == kept_for and result.answers[kept_for] == typed
    assert key not in result.answers  # the choice itself is asked again


def test_a_setback_at_a_technical_round_is_kept_as_what_to_study() -> None:
    result = apply_turn(at("memorable", TECHNICAL), "i froze on caching 😬",
                        max_length=1000, questions=TECHNICAL)
    assert isinstance(result, Kept) and result.kept_for.key == "hardest"


@pytest.mark.parametrize(("key", "typed"), [
    ("memorable", "i was so nervous the whole time"),  # a feeling: no story to keep
    ("memorable", "honestly no idea what they thought"),
    ("memorable", "we talked about their move to dbt"),  # their topic, not what you showed
    ("fit", "i'm overqualified tbh"),
    ("thank_you", "we talked about salary mostly"),  # never a note's reference
])
def test_a_sentence_that_answers_nothing_later_is_asked_about(key: str, typed: str) -> None:
    assert isinstance(apply_turn(at(key), typed, max_length=1000), Invalid)


@pytest.mark.parametrize(("key", "typed", "value"), [
    ("memorable", "it went really well", "some"),
    ("memorable", "i think they liked me", "some"),
    ("memorable", "prob not lol", "generic"),
    ("professional", "it was all business", "on_topic"),
    ("professional", "we got a bit off track talking about dogs", "drifted"),
    # ten minutes on private life is a drift however it ended (was "Friendly and on topic",
    # praised as "You kept things friendly and on topic"); a minute of small talk is not
    ("professional", "we spent like 10 min about our dogs lol then all business", "drifted"),
    ("professional", "first 15 minutes were about his kids, then back to the role",
     "drifted"),
    ("professional", "a bit of small talk then all business", "on_topic"),
    ("professional", "eh kinda", "drifted"),  # was "I didn't catch which one"
    # a number with words that add nothing is the number ("eh" alone means "blended in",
    # so "eh 2" was read as option 1)
    ("memorable", "eh 2", "some"),
    ("memorable", "2 i guess", "some"),
    ("professional", "spent 20 mins on their product roadmap, all business", "on_topic"),
    ("fit", "like a 4", "4"),
    ("fit", "its a 3, i'd say", "3"),
])
def test_everyday_sentences_at_a_choice_are_read_as_it(key: str, typed: str,
                                                       value: str) -> None:
    result = apply_turn(at(key), typed, max_length=1000)
    assert isinstance(result, Answered) and result.answers[key] == value


def test_a_number_inside_a_sentence_is_not_a_rating() -> None:
    """"3 years" typed at the fit question was read as "3 · Partly"."""
    result = apply_turn(at("fit"), "sql and i worked at google for 3 years", max_length=1000)
    assert not isinstance(result, Answered)


async def test_the_kept_sentence_is_not_asked_for_again_and_reaches_the_summary() -> None:
    world = World()
    await world.say("/debrief interview Globex type:other")
    (reply,) = await world.say(STORY)
    assert reply.text.startswith("Thanks - I'll keep that as what they'll remember about you.")
    assert "How memorable do you think you were?" in reply.text
    (reply,) = await world.say("3")
    assert "What is the one thing" not in reply.text  # straight on to the next question
    assert "most interested in" in reply.text
    assert world.interview().answers["remember"] == STORY
    (reply,) = await world.say("back")  # and `back` brings it back to change
    assert "What is the one thing the interviewer will remember" in reply.text


async def test_a_rough_moment_typed_at_a_choice_gets_a_kind_word_not_a_puzzle() -> None:
    world = World()
    await world.say("/debrief interview Globex type:other")
    (reply,) = await world.say("i was so nervous the whole time")
    assert reply.text.startswith("Sorry it felt rough")  # was "I didn't catch which one …"
    assert [c.value for c in reply.choices] == ["generic", "some", "memorable"]


@pytest.mark.parametrize("typed", ["fine", "it was fine", "friendly and on topic", "meh",
                                   "good fit", "it stayed professional", "all business",
                                   "we kept it professional", "friendly but professional",
                                   "we chatted about dogs for a bit then all business",
                                   # the thank-you's answer, a question late
                                   "sent it already", "will send it tonight",
                                   "i emailed them right after"])
def test_how_it_went_typed_at_the_reference_never_reaches_the_note(typed: str) -> None:
    """"fine" (the small-talk answer, one question early) gave "Our conversation about fine
    has stayed with me since." in the note; it is asked about like "idk"."""
    assert isinstance(reference_phrase(typed), Refusal)


async def test_idk_twice_at_a_choice_skips_it_instead_of_asking_forever() -> None:
    """"idk" at "what kind of interview was it?" got the same reply every time: stuck."""
    world = World()
    await world.say("/debrief interview Initech")
    (reply,) = await world.say("idk")
    assert reply.text == ("Not sure is fine - pick the closest one, or say so again and "
                          "we'll skip it.")
    (reply,) = await world.say("dunno")
    assert reply.text.startswith("No problem - we'll skip that one.\n\n")
    assert "How memorable do you think you were?" in reply.text
    assert world.interview().answers["type"] is None


async def test_after_one_idk_a_real_answer_counts_as_usual() -> None:
    world = World()
    await world.say("/debrief interview Initech type:other")
    await world.say("idk")
    (reply,) = await world.say("a few moments stood out")
    assert world.interview().answers["memorable"] == "some"
    assert "What is the one thing" in reply.text


@pytest.mark.parametrize(("key", "typed", "value"), [
    ("memorable", "7/10", "some"), ("memorable", "3/10", "generic"),
    ("memorable", "50/50", "some"),
    ("fit", "4 outta 5", "4"), ("fit", "eh 3", "3"), ("fit", "3.5", "3"),
    ("fit", "its a stretch", "2"), ("professional", "yh", "on_topic"),
    ("professional", "totally", "on_topic"),
])
def test_ratings_and_chat_spellings_are_read(key: str, typed: str, value: str) -> None:
    result = apply_turn(at(key), typed, max_length=1000)
    assert isinstance(result, Answered) and result.answers[key] == value


async def test_a_first_round_is_something_else_not_a_final_round() -> None:
    """"first round" was offered as "did you mean Final round?"."""
    world = World()
    await world.say("/debrief interview Initech")
    (reply,) = await world.say("first round")
    assert world.interview().answers["type"] == "other"
    assert "How memorable" in reply.text


@pytest.mark.parametrize(("typed", "opening"), [
    ("should i?", "Worth it, yes: a short note within 24 hours"),
    ("i dont know how to write one", "You won't have to write it from scratch"),
])
async def test_a_doubt_about_the_note_is_answered(typed: str, opening: str) -> None:
    world = World()
    await world.say("/debrief interview Initech type:other")
    for answer in ("2", "skip", "skip"):
        await world.say(answer)
    (reply,) = await world.say(typed)
    assert reply.text.startswith(opening)  # was "I didn't catch which one … means"
    assert reply.text.endswith("Where are you with it?") and len(reply.choices) == 3
