""""tell me about yourself" and "what do i wear", the night before: answered, fitted to
the next interview (its company, its saved story, video or not). Both got "Nothing is
logged yet. Right after an interview …" in the DM, and "I couldn't tell which command"
after /debrief."""

from __future__ import annotations

from test_service import World

LOG = '/debrief interview Acme when:"tomorrow 09:00" location:remote'


async def test_tell_me_about_yourself_names_their_story_for_the_next_interview() -> None:
    world = World()
    await world.say("/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; 5%")
    await world.say(LOG)
    (reply,) = await world.say("how do i answer tell me about yourself")
    assert reply.text == (
        "For Acme tomorrow at 09:00, \"tell me about yourself\" in about two minutes: where "
        "you are now, one result you're proud of with its number - story 1 (\"Churn fix\") - "
        "and why this role at Acme is the next step. Say it out loud once before you go in - "
        "the rest of the interview builds on it.")
    assert reply.actions[0].label == "Prepare now"


async def test_with_nothing_logged_it_is_answered_in_general() -> None:
    (reply,) = await World().say("what should i say when they ask tell me about yourself")
    assert reply.text.startswith("\"Tell me about yourself\" in about two minutes: where you "
                                 "are now, one result you're proud of with its number, and why")


async def test_what_to_wear_after_debrief_is_answered_for_a_video_interview() -> None:
    world = World()
    await world.say(LOG)
    took, reply = await world.say("/debrief what should i wear tomorrow")
    assert took.text == "(I read that as `/debrief prep wear`.)"
    assert reply.text.startswith("One step smarter than what people wear at Acme day to day")
    assert reply.text.endswith("On video: the same from the waist up, a plain background "
                               "and good light.")
