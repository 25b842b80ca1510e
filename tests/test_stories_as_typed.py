"""Stories as a person types them the night before: "save this story: …" in the DM or
after /debrief saves it (the DM said "Nothing is logged yet", /debrief "I couldn't tell
which command that was", and the story was lost), and a removed story can be put back
(the bank said only "This can't be undone")."""

from __future__ import annotations

from test_service import World

from bot.values import Destination

CLIENT = ("when our biggest client threatened to leave over late deliveries, I set up a "
          "weekly call and a shared tracker; they renewed for 2 years")


async def test_save_this_story_typed_in_the_dm_saves_it() -> None:
    world = World()
    (reply,) = await world.say(f"save this story: {CLIENT}")
    assert reply.text.startswith('Saved as story 1: "When our biggest client threatened')
    assert reply.destination is Destination.DM
    (listed,) = await world.say("/debrief stories 1")
    assert listed.text.startswith(CLIENT)


async def test_save_this_story_after_debrief_saves_it() -> None:
    world = World()
    (reply,) = await world.say(f"/debrief save this story: {CLIENT}")
    assert reply.text.startswith("Saved as story 1:")
    (again,) = await world.say(f"/debrief stories save this story: {CLIENT}")
    assert again.text.startswith("You already have this one as story 1")


async def test_a_removed_story_can_be_put_back_with_its_button() -> None:
    world = World()
    await world.say(f"/debrief stories add Client kept | {CLIENT} tags:\"conflict\"")
    (removed,) = await world.say("/debrief stories remove 1 confirm")
    assert removed.text.startswith('Removed story 1 ("Client kept"). Changed your mind?')
    (back,) = removed.actions
    assert back.label == "Put it back"
    (saved,) = await world.say(back.value)
    assert saved.text.startswith('Saved as story 1: "Client kept" (conflict)')
    (shown,) = await world.say("/debrief stories 1")
    assert shown.text.startswith(CLIENT)


async def test_stories_undo_says_what_undoes_what() -> None:
    world = World()
    await world.say(f"/debrief stories add {CLIENT}")
    (reply,) = await world.say("/debrief stories undo")
    assert reply.text == (
        "There's no undo in the story bank, but nothing is lost on a slip: a removed story's "
        "reply has a \"Put it back\" button, and `/debrief stories remove 1` takes back the "
        "one you added last.")


PASTED = ("At my last job our monthly reporting took three days because everything lived in "
          "spreadsheets. I taught myself SQL and Looker over two weeks, rebuilt the pipeline, "
          "and now the report runs in 20 minutes. My manager rolled it out to two other teams.")


async def test_a_story_pasted_in_the_dm_is_offered_a_place_in_the_bank_not_saved() -> None:
    """A pasted paragraph got "Nothing is logged yet. Right after an interview …"."""
    world = World()
    (offer,) = await world.say(PASTED)
    assert offer.text.startswith("That reads like a story you could tell in an interview")
    (save,) = offer.actions
    (listed,) = await world.say("/debrief stories")
    assert listed.text.startswith("Your story bank is empty")  # nothing saved unasked
    (saved,) = await world.say(save.value)
    assert saved.text.startswith('Saved as story 1: "At my last job our monthly reporting')


async def test_delete_story_said_as_a_sentence_asks_to_remove_that_story() -> None:
    """"delete story 1" in the DM was "Nothing is logged yet", after /debrief the whole
    list; "stories delete churn fix" asked "Which story?"."""
    world = World()
    await world.say("/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; 5%")
    await world.say(f"/debrief stories add Client kept | {CLIENT}")
    for typed, number in (("delete story 1", 1), ("/debrief delete story 1", 1),
                          ("remove my last story", 2), ("/debrief stories delete churn fix", 1)):
        (ask,) = await world.say(typed)
        assert ask.text.startswith(f"Remove story {number}, "), typed
        assert ask.actions[0].value == f"/debrief stories remove {number} confirm"
    (listed,) = await world.say("/debrief stories")
    assert "1. Churn fix" in listed.text and "2. Client kept" in listed.text  # only asked
    (ask,) = await world.say("/debrief stories remove churn fix confirm")
    assert ask.text.startswith("Which story?")  # by its words it only ever asks


async def test_a_result_with_its_number_in_words_is_tagged_impact_in_numbers() -> None:
    """"they renewed for two years" was saved with "no skill tags yet" and asked to "add
    the result in numbers"."""
    (saved,) = await World().say(
        "/debrief stories add Client kept | our biggest client threatened to leave; I set up "
        "a weekly call and a shared tracker; they renewed for two years")
    assert saved.text.startswith('Saved as story 1: "Client kept" (impact in numbers)')
    assert "add the result in numbers" not in saved.text
