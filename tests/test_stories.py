"""/debrief stories through the service, as a person types it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_service import ANSWERS, INTERVIEW, World, said

from bot.grammar import parse_command
from bot.stories.bank import heading, infer_tags, natural_title, parse_tags, split_story


@pytest.fixture
def world() -> World:
    return World()


def bank(world: World) -> list:  # type: ignore[type-arg]
    return sorted(world.store.stories.rows.values(), key=lambda s: s.number)


async def test_an_empty_bank_says_how_to_add_a_story(world: World) -> None:
    (reply,) = await world.say("/debrief stories")
    assert "story bank is empty" in reply.text
    assert "/debrief stories add" in reply.text


async def test_adding_a_story_with_a_bar_tags_it_from_its_words(world: World) -> None:
    (reply,) = await world.say(
        "/debrief stories add Cut checkout latency | Checkout was slow at peak; I led a "
        "profiling sprint and cached prices; p99 fell 80% and sales rose $40k a month.")
    assert "Saved as story 1: \"Cut checkout latency\"" in reply.text
    (story,) = bank(world)
    assert story.title == "Cut checkout latency"
    assert story.text.startswith("Checkout was slow at peak")
    assert story.tags == ["impact in numbers", "leadership"]
    assert "add the result in numbers" not in reply.text  # it has one already


async def test_a_natural_sentence_is_a_story_titled_by_its_first_clause(world: World) -> None:
    (reply,) = await world.say(
        "/debrief stories add when our release failed I owned the rollback, wrote the "
        "postmortem and we never shipped on a Friday again")
    (story,) = bank(world)
    assert story.title == "when our release failed I owned the rollback"
    assert "failure" in story.tags
    assert "add the result in numbers" in reply.text  # coaching: no number in it


async def test_the_list_shows_tags_where_a_story_was_told_what_came_of_it_and_gaps(
        world: World) -> None:
    await world.reflect_fully()  # Acme, at 14:00 BST
    await world.say("/debrief outcome Acme callback")
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    (told,) = await world.say("/debrief stories told 1 Acme")
    assert "you told \"Latency\" at Acme" in told.text
    (listing,) = await world.say("/debrief stories")
    assert listing.title == "Your story bank"
    assert "1. Latency - impact in numbers" in listing.text
    assert "Told at Acme (Wed 10 Jun): callback." in listing.text
    assert "no story yet about leading or influencing others" in listing.text
    assert "a failure and what you learned" in listing.text
    (again,) = await world.say("/debrief stories told 1 Acme")
    assert "already marked as told at Acme" in again.text
    assert bank(world)[0].told_in == [world.interview().id]


async def test_editing_replaces_the_text_and_keeps_the_title_unless_a_new_one_is_given(
        world: World) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    (reply,) = await world.say("/debrief stories edit 1 we disagreed on caching, I pushed "
                               "back with data and we shipped it")
    assert "Updated story 1: \"Latency\"" in reply.text
    assert bank(world)[0].tags == ["conflict"]
    await world.say("/debrief stories edit #1 Caching debate | we disagreed, I showed data")
    assert bank(world)[0].title == "Caching debate"
    (tagged,) = await world.say('/debrief stories edit 1 tags:"lead, numbers"')
    assert bank(world)[0].tags == ["impact in numbers", "leadership"]
    assert "impact in numbers, leadership" in tagged.text


async def test_removing_asks_first_and_then_removes(world: World) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    (ask,) = await world.say("/debrief stories remove 1")
    assert "put it back" in ask.text
    assert len(bank(world)) == 1
    (done,) = await world.say(ask.actions[0].value)
    assert "Removed story 1 (\"Latency\")" in done.text
    assert bank(world) == []
    (twice,) = await world.say(ask.actions[0].value)  # a double click
    assert "don't have a story number 1" in twice.text


async def test_showing_one_story_in_full(world: World) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    (reply,) = await world.say("/debrief stories 1")
    assert reply.title == "Story 1: Latency"
    assert "I cut p99 latency by 40% in a month" in reply.text
    assert "Not told in an interview yet." in reply.text


async def test_saving_the_what_will_they_remember_answer_as_a_story(world: World) -> None:
    await world.reflect_fully()
    (reply,) = await world.say("/debrief stories save Acme")
    assert "Saved to your story bank as story 1" in reply.text
    (story,) = bank(world)
    assert story.text == ANSWERS[1]
    assert story.told_in == [world.interview().id]
    assert "impact in numbers" in story.tags  # "cutting latency by 40%"
    await world.say("/debrief stories save Acme")  # a double click keeps one
    assert len(bank(world)) == 1


async def _reflect_remembering(world: World, remember: str) -> list:  # type: ignore[type-arg]
    await world.say(INTERVIEW)
    replies: list = []  # type: ignore[type-arg]
    for answer in [ANSWERS[0], remember, *ANSWERS[2:]]:
        replies = await world.say(answer)
    return replies


@pytest.mark.parametrize("remember", [
    "I'm a hard worker", "idk", "it went fine", "probably that i am a team player 🙂",
    "my passion for the role tbh",
])
async def test_a_generic_answer_is_neither_offered_nor_saved_as_a_story(
        world: World, remember: str) -> None:
    (summary, *_) = await _reflect_remembering(world, remember)
    assert "Worth keeping" not in [f.name for f in summary.fields]
    (reply,) = await world.say("/debrief stories save Acme")
    assert "Saved" not in reply.text
    assert bank(world) == []


async def test_a_specific_answer_typed_casually_is_offered_and_saved(world: World) -> None:
    (summary, *_) = await _reflect_remembering(world, "prob the outage i fixed in 20 min lol")
    offer = next(f.value for f in summary.fields if f.name == "Worth keeping")
    (reply,) = await world.say(offer.split("`")[1])
    assert "Saved to your story bank as story 1" in reply.text


async def test_a_pasted_paragraph_is_offered_cut_at_a_word_not_mid_word(world: World) -> None:
    pasted = ("I think they'll remember when I explained how I reduced model training time "
              "by 40% by switching our feature pipeline to incremental updates. The lead "
              "engineer seemed really into it and asked a bunch of follow up questions about "
              "how we handled backfills and late-arriving data.")
    (summary, *_) = await _reflect_remembering(world, pasted)
    offer = next(f.value for f in summary.fields if f.name == "Worth keeping")
    assert offer.startswith('"I think they\'ll remember when I explained')
    assert 'asked a bunch…" is worth telling again.' in offer  # was cut mid-word: "a bunch o"


async def test_saving_a_generic_answer_says_why_and_how_to_add_a_real_one(
        world: World) -> None:
    await _reflect_remembering(world, "I'm a hard worker")
    (reply,) = await world.say("/debrief stories save")
    assert "still general" in reply.text and "/debrief stories add" in reply.text


@pytest.mark.parametrize("command, message", [
    ("/debrief stories edit 7 new text here please", "don't have a story number 7"),
    ("/debrief stories remove 7", "don't have a story number 7"),
    ("/debrief stories told 7", "don't have a story number 7"),
    ("/debrief stories 7", "don't have a story number 7"),
    ("/debrief stories edit", "Which story?"),
    ("/debrief stories remove two", "Which story?"),
    ("/debrief stories add", "what happened, what you did and the result"),
    ("/debrief stories add Just a title |", "what happened, what you did and the result"),
    ("/debrief stories add T | " + "x " * 600, "story is 1199 characters"),
    ("/debrief stories add " + "T" * 101 + " | I did a thing well", "title is 101"),
    ('/debrief stories add Latency | I cut it by 40% tags:"bravery"', "don't know the skill"),
    ("/debrief stories edit 1", "What should change?"),
    ("/debrief stories juggle", "isn't something I can do with stories"),
])
async def test_bad_story_commands_are_refused_and_store_nothing(
        world: World, command: str, message: str) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    before = [(s.title, s.text, s.tags) for s in bank(world)]
    (reply,) = await world.say(command)
    assert message in reply.text
    assert [(s.title, s.text, s.tags) for s in bank(world)] == before


async def test_saving_without_a_reflection_answer_says_so(world: World) -> None:
    await world.say(INTERVIEW)
    (reply,) = await world.say("/debrief stories save")
    assert "no answer to \"what will they remember\"" in reply.text
    assert bank(world) == []


async def test_a_bank_of_fifty_is_full(world: World) -> None:
    for n in range(50):
        await world.say(f"/debrief stories add Story {n} | I did thing number {n} well")
    (reply,) = await world.say("/debrief stories add One more | I did one more thing")
    assert "already holds 50 stories" in reply.text
    assert len(bank(world)) == 50


async def test_stories_are_in_export_and_gone_after_forget(world: World) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    (export,) = await world.say("/debrief export")
    assert '"title": "Latency"' in (export.copy_text or "")
    await world.say("/debrief forget confirm")
    assert bank(world) == []


async def test_the_list_in_a_channel_goes_to_the_dm(world: World) -> None:
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    replies = await world.say("/debrief stories", in_dm=False, channel_id="C1")
    assert "sent it to you in a direct message" in said(replies)


# -- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, title, text", [
    ("Latency | I cut it", "Latency", "I cut it"),
    ("Latency\nI cut it\nby 40%", "Latency", "I cut it\nby 40%"),
    ("I cut latency by 40%. It took a month", "I cut latency by 40%",
     "I cut latency by 40%. It took a month"),
    ("Shipped the app - on time", "Shipped the app", "Shipped the app - on time"),
    # a short title and a colon, as people write a heading
    ("conflict with pm: we disagreed on scope, I proposed a smaller MVP",
     "conflict with pm", "we disagreed on scope, I proposed a smaller MVP"),
    # a colon after a long clause is inside the story, not a title
    ("I explained to the whole team why: tests were flaky",
     "I explained to the whole team why: tests were flaky",
     "I explained to the whole team why: tests were flaky"),
])
def test_how_a_typed_story_is_split(typed: str, title: str, text: str) -> None:
    parts = split_story(typed)
    assert (parts.title, parts.text) == (title, text)


async def test_titles_read_cleanly_and_the_story_stays_as_typed(world: World) -> None:
    """Shown as typed, a title read "i migrated our reporting from excel to looker and cut
    the…" (cut mid-clause, small "i", "excel"); "conflict with pm" kept its small letters."""
    (reply,) = await world.say(
        "/debrief stories add i migrated our reporting from excel to looker and cut the "
        "weekly report from 2 days to 2 hours")
    assert 'Saved as story 1: "I migrated our reporting from Excel to Looker" (' in reply.text
    await world.say("/debrief stories add conflict with pm: we disagreed on scope, i wrote "
                    "a one-pager and we shipped on time")
    (listing,) = await world.say("/debrief stories")
    assert "1. I migrated our reporting from Excel to Looker - impact in numbers" in listing.text
    assert "2. Conflict with PM - conflict" in listing.text
    first, _ = bank(world)
    assert first.text == ("i migrated our reporting from excel to looker and cut the weekly "
                          "report from 2 days to 2 hours")  # the story as typed
    assert heading("dbt migration at k8s scale") == "dbt migration at k8s scale"


def test_a_long_first_clause_is_cut_at_a_word() -> None:
    title = natural_title("I " + "really " * 20 + "did it")
    assert len(title) <= 61 and title.endswith("…") and "  " not in title


@pytest.mark.parametrize("text, tags", [
    ("Revenue grew 30% after my change", ["impact in numbers"]),
    ("I mentored two juniors", ["leadership"]),
    ("My manager and I disagreed about scope", ["conflict"]),
    ("I made a mistake in the migration and learned from it", ["failure"]),
    ("I was new to Go and taught myself in a week", ["learning fast"]),
    ("We had lunch", []),
    # "back in 40 minutes" is a result in numbers; coordinating three teams is leading
    ("the payments db went down, I coordinated the rollback with 3 teams and we were "
     "back in 40 minutes", ["impact in numbers", "leadership"]),
    # hours written short: "10h" was no number, and the reply asked for "the result in numbers"
    ("i migrated our reporting from excel to looker, saved the team 10h a week",
     ["impact in numbers"]),
])
def test_skill_tags_come_from_the_words(text: str, tags: list[str]) -> None:
    assert infer_tags(text) == tags


def test_typed_tags_accept_short_names_and_report_unknown_ones() -> None:
    assert parse_tags("Lead, numbers and fail") == (
        ["impact in numbers", "leadership", "failure"], [])
    assert parse_tags("leadership, bravery") == (["leadership"], ["bravery"])


def test_the_grammar_reads_options_after_the_story() -> None:
    cmd = parse_command('/debrief stories add Latency | I cut it tags:"lead"')
    assert cmd.text == "add Latency | I cut it" and cmd.option("tags") == "lead"


async def test_a_story_told_defaults_to_the_latest_interview_that_happened(
        world: World) -> None:
    await world.say(INTERVIEW)
    await world.say('/debrief interview Globex when:"tomorrow 3pm"')
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    world.clock.advance(timedelta(minutes=1))
    (reply,) = await world.say("/debrief stories told 1")
    assert "at Acme" in reply.text
