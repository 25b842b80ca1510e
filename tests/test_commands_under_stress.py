"""Every /debrief subcommand typed the way a stressed person types it: option names cut
short or misspelt, sentences instead of keywords, empty values, a double send. Each reply
is read for what the person would notice: what was stored, and what to do next."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from test_service import World, said

from bot.grammar import parse_command
from bot.model import NudgeStatus, Outcome


@pytest.fixture
def world() -> World:
    return World()


@pytest.mark.parametrize(("typed", "option", "value"), [
    ("/debrief interview co:Acme", "company", "Acme"),
    ("/debrief interview Globex interviwer:Sam Lee", "interviewer", "Sam Lee"),
    ("/debrief interview Globex seniorty:senior", "seniority", "senior"),
    ('/debrief interview Globex at:"tomorrow 3pm"', "when", "tomorrow 3pm"),
])
def test_an_option_name_cut_short_or_misspelt_is_still_that_option(
        typed: str, option: str, value: str) -> None:
    assert parse_command(typed).option(option) == value


def test_colons_that_name_no_option_stay_words() -> None:
    command = parse_command("/debrief interview Initech when:14:00 notes:see https://x.io")
    assert command.text == "Initech"
    assert command.option("when") == "14:00"
    assert command.option("notes") == "see https://x.io"


async def test_a_company_typed_with_a_short_option_name_is_stored_without_it(
        world: World) -> None:
    await world.say("/debrief interview co:Acme interviwer:Sam")
    assert world.interview().company == "Acme"
    assert world.interview().interviewer == "Sam"


@pytest.mark.parametrize(("typed", "shown"), [
    ("/debrief i want to cancel my reminders", "Your reminders\n#1 "),
    ("/debrief what should i work on", "Tip · "),
    ("/debrief reminders", "Your reminders\n#1 "),
    ("/debrief i want to delete everything", "type `/debrief forget confirm`"),
])
async def test_a_sentence_after_debrief_runs_what_it_asks_for_and_changes_nothing(
        world: World, typed: str, shown: str) -> None:
    await world.say("/debrief interview Acme")
    before = [(n.id, n.status) for n in world.nudges()]
    replies = await world.say(typed)
    assert shown in said(replies)
    assert "I don't know the command" not in said(replies)
    assert [(n.id, n.status) for n in world.nudges()] == before
    assert len(world.interviews()) == 1


async def test_a_sentence_that_asks_for_nothing_known_says_which_words_start_a_command(
        world: World) -> None:
    (reply,) = await world.say("/debrief ugh what now")
    assert "I don't know the command `ugh`" not in reply.text
    assert "`/debrief interview`" in reply.text and "`/debrief help`" in reply.text


@pytest.mark.parametrize("typed", ["/debrief draft #1 please", "/debrief draft for acme",
                                   "/debrief draft acmee", "/debrief draft the note pls"])
async def test_an_interview_named_among_other_words_or_misspelt_is_found(
        world: World, typed: str) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say(typed)
    assert "Your thank-you note for Acme" in said(replies)
    assert "I couldn't find" not in said(replies)


async def test_an_unknown_interview_number_is_still_refused_by_its_number(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    (reply,) = await world.say("/debrief draft #99 please")
    assert 'I couldn\'t find an interview matching "#99 please"' in reply.text


async def test_followup_with_the_time_typed_after_the_company_records_that_time(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10:00"')
    replies = await world.say("/debrief followup acme yesterday 18:00")
    assert "Marked your thank-you note to Acme as sent, 8 h after" in said(replies)
    sent = world.interview().thank_you_sent_at
    assert sent is not None and sent < world.clock.now()


async def test_followup_said_as_a_sentence_marks_the_interview_waiting_for_a_note(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say("/debrief followup i sent it")
    assert "Marked your thank-you note to Acme as sent" in said(replies)


@pytest.mark.parametrize(("typed", "asked"), [
    ("/debrief settings timezone", "Which timezone?"),
    ("/debrief settings tz:", "Which timezone?"),
    ("/debrief settings time zone", "Which timezone?"),
    ("/debrief settings quiet", "Which quiet hours?"),
    ("/debrief settings prep", "What time should the prep message come"),
])
async def test_a_setting_without_a_value_asks_for_one_and_changes_nothing(
        world: World, typed: str, asked: str) -> None:
    await world.say("/debrief settings timezone Europe/Berlin")
    before = replace(world.user())
    (reply,) = await world.say(typed)
    assert reply.text.startswith(asked)
    assert '""' not in reply.text and "Nothing was changed." in reply.text
    assert world.user() == before


async def test_quiet_hours_said_in_two_words_are_saved(world: World) -> None:
    (reply,) = await world.say("/debrief settings quiet hours 23:00-07:00")
    assert reply.text.startswith("Saved your quiet hours.")
    assert (str(world.user().quiet_start), str(world.user().quiet_end)) == (
        "23:00:00", "07:00:00")


@pytest.mark.parametrize("typed", ["cancle", "stop", "delete", "Cancel"])
async def test_a_reminder_cancelled_in_other_words_or_with_a_typo_is_cancelled(
        world: World, typed: str) -> None:
    await world.say("/debrief interview Acme")
    first = world.nudges()[0]
    (reply,) = await world.say(f"/debrief nudges {typed} {first.id}")
    assert reply.text.startswith(f"Cancelled reminder #{first.id}.")
    assert world.nudges()[0].status is NudgeStatus.CANCELLED


async def test_cancelling_a_reminder_twice_says_it_is_already_cancelled(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    first = world.nudges()[0]
    await world.say(f"/debrief nudges cancel {first.id}")
    (reply,) = await world.say(f"/debrief nudges cancel {first.id}")
    assert reply.text.startswith(f"Reminder #{first.id} is already cancelled.")
    (reply,) = await world.say(f"/debrief nudges snooze {first.id}")
    assert "is cancelled, so there's nothing to snooze" in reply.text


@pytest.mark.parametrize(("typed", "company"), [
    ("/debrief interview 🚀 Initech 🚀", "Initech"),
    ("/debrief interview just had one at hooli, went badly", "hooli"),
    ("/debrief interview I just had an interview at Hooli for a backend role and it went "
     "really badly, they asked me about system design and I froze, the interviewer was "
     "nice though", "Hooli"),
    ("/debrief interview Just Eat", "Just Eat"),
    ("/debrief interview I Love Lucy Studios Inc", "I Love Lucy Studios Inc"),
    ("/debrief interview my interview with acme went badly, what now", "acme"),
])
async def test_the_company_is_stored_without_emoji_and_out_of_a_sentence(
        world: World, typed: str, company: str) -> None:
    replies = await world.say(typed)
    assert world.interview().company == company
    assert "Let's reflect on your interview at" in said(replies)


@pytest.mark.parametrize("typed", ["/debrief interview 🙏",
                                   "/debrief interview i think it went ok but who knows"])
async def test_no_company_in_what_was_typed_asks_which_and_stores_nothing(
        world: World, typed: str) -> None:
    (reply,) = await world.say(typed)
    assert reply.text.startswith("Which company was it?")
    assert world.interviews() == [] and world.nudges() == []


@pytest.mark.parametrize(("typed", "shown"), [
    ("/debrief storys", "Your story bank is empty"),
    ("/debrief remidners", "You have no reminders scheduled"),
])
async def test_a_misspelt_other_word_for_a_subcommand_runs_it(
        world: World, typed: str, shown: str) -> None:
    replies = await world.say(typed)
    assert shown in said(replies)
    assert "I don't know the command" not in said(replies)


@pytest.mark.parametrize(("typed", "outcome"), [
    ("/debrief outcome callback!!", Outcome.CALLBACK),
    ("/debrief outcome acme: offer 🎉", Outcome.OFFER),
    ("/debrief outcome #1 - rejected :(", Outcome.REJECTED),
    ("/debrief outcome result:offer!", Outcome.OFFER),
])
async def test_an_outcome_typed_with_punctuation_or_emoji_is_recorded(
        world: World, typed: str, outcome: Outcome) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say(typed)
    assert world.interview().outcome is outcome, said(replies)
    assert "Recorded for Acme" in said(replies) or "news from Acme" in said(replies)


@pytest.mark.parametrize(("typed", "heading"), [
    ("/debrief tip how do i stand out?", "Tip · Stand out"),
    ("/debrief tip on following up", "Tip · Follow up"),
])
async def test_a_tip_asked_for_in_a_sentence_is_about_the_area_it_names(
        world: World, typed: str, heading: str) -> None:
    (reply,) = await world.say(typed)
    assert reply.text.startswith(heading)


async def test_a_tip_sentence_naming_two_areas_asks_which(world: World) -> None:
    (reply,) = await world.say("/debrief tip stand out or follow up")
    assert "Pick one of: stand out, follow up" in reply.text


async def test_an_interview_told_as_a_sentence_is_logged_at_the_company_it_names(
        world: World) -> None:
    replies = await world.say("/debrief i just had an interview at acme")
    assert world.interview().company == "acme"
    assert "Let's reflect on your interview at Acme" in said(replies)
    replies = await world.say("/debrief i just had an interview at acme")  # a double send
    assert len(world.interviews()) == 1
    assert "You've already logged Acme" in said(replies)


async def test_a_story_sent_twice_is_kept_once(world: World) -> None:
    typed = "/debrief stories add Cut latency | checkout slow; I cached prices; p99 2s to 400ms"
    await world.say(typed)
    (reply,) = await world.say(typed)
    assert reply.text.startswith('You already have this one as story 1: "Cut latency"')
    assert len(world.store.stories.rows) == 1


async def test_a_draft_for_an_interview_still_ahead_offers_prep_instead(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 15:00"')
    (reply,) = await world.say("/debrief draft")
    assert "it hasn't happened yet, so there's no thank-you note to send yet" in reply.text
    assert "Thank you for meeting with me" not in reply.text
    assert "/debrief prep #1" in reply.text


@pytest.mark.parametrize(("typed", "said_back"), [
    ("/debrief interview globex wehn:tomorrow", "has no `wehn:` - did you mean `when:`?"),
    ("/debrief interview globex salary:100k", "has no `salary:` - it takes `company:`"),
])
async def test_an_option_no_command_has_is_refused_and_nothing_is_logged(
        world: World, typed: str, said_back: str) -> None:
    (reply,) = await world.say(typed)
    assert said_back in reply.text and "Nothing was saved" in reply.text
    assert world.interviews() == []


async def test_other_words_for_an_option_and_colons_in_prose_are_kept(
        world: World) -> None:
    await world.say('/debrief interview acme position:Engineer date:"tomorrow 15:00"')
    assert (world.interview().company, world.interview().role) == ("acme", "Engineer")
    (reply,) = await world.say("/debrief stories add Result:cut costs | we cut costs 30%")
    assert reply.text.startswith("Saved as story 1")


async def test_an_outcome_changed_says_what_it_replaced_and_a_repeat_does_not(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    await world.say("/debrief outcome offer")
    again = await world.say("/debrief outcome offer")  # a double send
    assert "Changed" not in said(again)
    replies = await world.say("/debrief outcome rejected")
    assert replies[0].text.startswith("I'm sorry.")
    assert replies[-1].text == '(Changed Acme from "Offer" to "Rejected".)'
    assert world.interview().outcome is Outcome.REJECTED


async def test_a_signature_typed_with_an_emoji_signs_notes_without_it(world: World) -> None:
    await world.say("/debrief settings name Ann Lee 😀")
    assert world.user().preferred_name == "Ann Lee"


async def test_a_question_mark_after_debrief_shows_the_help(world: World) -> None:
    replies = await world.say("/debrief ?")
    assert "Here's what I can do" in said(replies)


@pytest.mark.parametrize("typed", ["/debrief nudges cancel all", "/debrief nudges stop them all"])
async def test_cancel_all_cancels_every_reminder_and_a_second_time_says_none_are_left(
        world: World, typed: str) -> None:
    await world.say("/debrief interview Acme")
    (reply,) = await world.say(typed)
    assert reply.text.startswith("Cancelled all 3 of your reminders.")
    assert {n.status for n in world.nudges()} == {NudgeStatus.CANCELLED}
    (reply,) = await world.say(typed)
    assert reply.text.startswith("You have no reminders scheduled")


async def test_followup_with_only_a_time_records_that_time_for_the_note_waiting(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10:00"')
    replies = await world.say("/debrief followup yesterday 17:00")
    assert "Marked your thank-you note to Acme as sent, 7 h after" in said(replies)


async def test_history_said_unsure_still_finds_the_interview(world: World) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say("/debrief history i think it was acme")
    assert "== #1 Acme ==" in said(replies) or "#1 Acme" in said(replies)
    assert "I couldn't find" not in said(replies)


async def test_a_setting_typed_as_the_command_is_saved(world: World) -> None:
    replies = await world.say("/debrief timezone berlin")
    assert "(I read `timezone` as `/debrief settings timezone`.)" in said(replies)
    assert world.user().timezone == "Europe/Berlin"
    await world.say("/debrief quiet 23:00-07:00")
    assert str(world.user().quiet_start) == "23:00:00"


@pytest.mark.parametrize(("typed", "shown"), [
    ("/debrief help!!!", "Here's what I can do"),
    ("/debrief history?", "Your interviews\n#1 Acme"),
])
async def test_a_subcommand_typed_with_punctuation_runs_without_a_correction(
        world: World, typed: str, shown: str) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say(typed)
    assert shown in said(replies)
    assert "I read" not in said(replies) and "I don't know" not in said(replies)


@pytest.mark.parametrize("typed", ["/debrief outcome acme said they will let me know by friday",
                                   "/debrief outcome they said they'd let me know by friday"])
async def test_an_outcome_sentence_naming_the_day_they_answer_by_times_the_check_in(
        world: World, typed: str) -> None:
    await world.say("/debrief interview Acme")  # Wednesday 10 June
    (reply,) = await world.say(typed)
    assert reply.text.startswith("Noted - Acme said you'd hear by Fri 12 Jun.")
    assert world.interview().outcome is None


async def test_an_interview_sent_again_later_is_one_and_a_second_one_there_can_be_timed(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    world.clock.advance(timedelta(minutes=20))  # back at the desk, the command sent again
    replies = await world.say("/debrief interview Acme")
    assert "You've already logged Acme" in said(replies)
    assert "`/debrief reflect #1` picks up its reflection" in said(replies)
    assert len(world.interviews()) == 1
    await world.say('/debrief interview Acme when:"now"')  # a second round, as it says
    assert len(world.interviews()) == 2


async def test_an_interview_ahead_logged_twice_points_at_prep(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 15:00"')
    (reply,) = await world.say('/debrief interview Acme when:"tomorrow 15:00"')
    assert "`/debrief prep #1` gets you ready for it" in reply.text
    assert "reflect" not in reply.text


async def test_a_refusal_after_a_guessed_command_still_says_what_it_was_read_as(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    lead, refusal = await world.say("/debrief drfat #99")
    assert lead.text == "(I read `drfat` as `/debrief draft`.)"
    assert refusal.text.startswith('I couldn\'t find an interview matching "#99"')


async def test_thanks_said_after_debrief_is_not_read_as_asking_for_the_draft(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    replies = await world.say("/debrief thank you")
    assert "Your thank-you note for Acme" not in said(replies)
    replies = await world.say("/debrief show me my thank you note")
    assert "Your thank-you note for Acme" in said(replies)


async def test_an_empty_when_on_outcome_asks_for_the_date(world: World) -> None:
    await world.say("/debrief interview Acme")
    (reply,) = await world.say("/debrief outcome when:")
    assert reply.text.startswith("Which date did they say you'd hear by? Try `friday`")
    assert '""' not in reply.text
