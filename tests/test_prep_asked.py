"""The night before, as a nervous person types it: prep asked for in a sentence is prep,
questions asked about are the questions, and nerves about an interview not logged yet
are met with its own company and day.

Before: "what should i prepare" in the DM said "There's no question open right now";
"/debrief what should i prepare" was a stand-out tip; "/debrief what questions should i
ask them" and "/debrief i have an interview tomorrow at google and im freaking out" were
"I couldn't tell which command that was"; "/debrief prep for tomorrow" with nothing
logged said "You have no interview at tomorrow coming up. Log it with `/debrief interview
tomorrow …`"."""

from __future__ import annotations

from test_service import World

LOG = '/debrief interview Google when:"tomorrow 10:00" role:"data analyst"'


async def test_what_should_i_prepare_in_the_dm_opens_prep_for_the_next_interview() -> None:
    world = World()
    await world.say(LOG)
    (reply,) = await world.say("what should i prepare")
    assert reply.title.startswith("Prep: Google (Data Analyst)")
    assert "no question open" not in reply.text


async def test_what_should_i_prepare_after_debrief_is_prep_not_a_tip() -> None:
    world = World()
    await world.say(LOG)
    took, prep = await world.say("/debrief what should i prepare")
    assert took.text == "(I read that as `/debrief prep`.)"
    assert prep.title.startswith("Prep: Google")


async def test_what_questions_should_i_ask_shows_only_the_questions_part() -> None:
    world = World()
    await world.say(LOG)
    await world.say("/debrief prep question How is the Looker rollout changing reporting?")
    took, asked = await world.say("/debrief what questions should i ask them")
    assert took.text == "(I read that as `/debrief prep questions`.)"
    assert asked.title.startswith("Your questions for Google (Data Analyst)")
    assert asked.text.startswith("1. How is the Looker rollout changing reporting?")
    assert "One more:" in asked.text and "checklist" not in asked.text
    (in_dm,) = await world.say("what questions should i ask them?")
    assert in_dm.title == asked.title


async def test_questions_with_nothing_logged_are_advice_and_how_to_log_it() -> None:
    (reply,) = await World().say("what questions should i ask them")
    assert reply.text.startswith("Two questions only you could ask: one about something "
                                 "you found in their recent news")
    assert "Nothing is logged yet" not in reply.text


async def test_nerves_about_an_interview_not_logged_name_its_company_and_day() -> None:
    world = World()
    (reply,) = await world.say(
        "/debrief i have an interview tomorrow at google and im freaking out")
    assert reply.text.startswith("Nerves mean it matters to you")
    assert 'Log it with `/debrief interview Google when:"tomorrow 10:00"` (with its real ' \
           "time) and I'll fit a short prep to Google." in reply.text
    assert world.interviews() == []  # no time said: nothing logged on a guess
    (dm,) = await world.say("i have an interview tomorrow at google and im freaking out")
    assert dm.text == reply.text


async def test_nerves_an_hour_before_keep_to_what_fits_in_an_hour() -> None:
    (reply,) = await World().say("interview at stripe in 1 hour, so nervous")
    assert "Right now, only two things: the logistics" in reply.text
    assert '`/debrief interview Stripe when:"in 1 hour"`' in reply.text


async def test_prep_for_tomorrow_with_nothing_logged_reads_tomorrow_as_the_day() -> None:
    (reply,) = await World().say("/debrief prep for tomorrow")
    assert "at tomorrow" not in reply.text and "interview tomorrow when" not in reply.text
    assert reply.text.startswith("You have no interview coming up yet. The night before "
                                 "one, four things matter most")
    assert '`/debrief interview <company> when:"tomorrow 10:00"` (with its real time)' \
        in reply.text


async def test_nerves_with_the_interview_logged_still_point_at_its_prep() -> None:
    world = World()
    await world.say(LOG)
    (reply,) = await world.say(
        "/debrief i have an interview tomorrow at google and im freaking out")
    assert reply.text.startswith("Good luck with Google (Data Analyst) tomorrow at 10:00")
    assert reply.actions[0].label == "Prepare now"


async def test_help_the_night_before_starts_with_where_to_start() -> None:
    """"help" with an interview tomorrow was the list of sixteen commands and nothing
    about tomorrow."""
    world = World()
    await world.say(LOG)
    (reply,) = await world.say("help")
    assert reply.text.startswith(
        "Your interview at Google (Data Analyst) is tomorrow at 10:00 - start with "
        "`/debrief prep #1`: a short checklist, your two questions and one story.\n\n"
        "Here's what I can do")
    assert reply.actions[0].label == "Prepare now"
    far = World()
    await far.say('/debrief interview Google when:"in 5 days"')
    (plain,) = await far.say("/debrief help")
    assert plain.text.startswith("Here's what I can do")


async def test_nerves_name_the_saved_story_to_say_out_loud() -> None:
    """"Say one story out loud once" to someone with a story saved for just this."""
    world = World()
    await world.say("/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; 5%")
    await world.say(LOG)
    (reply,) = await world.say("so nervous about tomorrow")
    assert reply.text == (
        "Good luck with Google (Data Analyst) tomorrow at 10:00 - nerves mean it matters to "
        "you. Say story 1 (\"Churn fix\") out loud once; `/debrief prep #1` has the rest.")


async def test_an_interview_ahead_told_of_is_met_with_its_prep_not_nothing_logged() -> None:
    """"i have an interview tomorrow at google" in the DM: "Nothing is logged yet. Right
    after an interview …"; after /debrief: "I couldn't tell which command that was"."""
    world = World()
    (dm,) = await world.say("i have an interview tomorrow at google")
    assert dm.text.startswith("Good luck at Google! Tonight, say one story out loud once")
    assert '`/debrief interview Google when:"tomorrow 10:00"`' in dm.text
    (typed,) = await world.say("/debrief i have an interview tomorrow at google")
    assert typed.text == dm.text
    await world.say(LOG)
    (logged,) = await world.say("i have an interview tomorrow")
    assert logged.text.startswith("Good luck with Google (Data Analyst) tomorrow at 10:00. "
                                  "Say one story out loud once; `/debrief prep #1`")
    (past,) = await world.say("i had an interview today, it went ok")
    assert not past.text.startswith("Good luck")
