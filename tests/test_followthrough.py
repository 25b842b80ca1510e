"""Following through with the employer: timeline, follow-up e-mails, rejection, closing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from test_reminders_respect_time import button, deliver_due
from test_service import ANSWERS, INTERVIEW, World, said

from bot.followthrough.timeline import parse_timeline
from bot.model import NudgeKind, NudgeStatus, Outcome
from bot.tips.library import TIPS
from bot.values import Destination, Reply

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)  # Wednesday 14:00 BST


@pytest.fixture
def world() -> World:
    return World()


def assert_source_question_follows(reply: Reply, question: Reply,
                                   company: str = "Acme") -> None:
    """The optional "how did it come about?" question is a message of its own after the
    outcome's reply: nothing of it inside the reply (between "I'm sorry" and the draft),
    and its buttons under it, not under the draft."""
    assert "come about" not in said([reply]) and reply.choices == ()
    assert question.text.startswith("One optional question")
    assert question.text.endswith(f"how did the {company} interview come about?")
    assert [c.label for c in question.choices] == [
        "A referral", "My application", "A recruiter", "Another way"]
    assert question.copy_text is None and question.fields == ()


def local(at: datetime) -> str:
    here = at.astimezone(LONDON)
    return f"{here:%a %Y-%m-%d %H:%M}"


@pytest.mark.parametrize("typed, expected", [
    ("friday", "2026-06-12"), ("by Friday", "2026-06-12"), ("end of the week", "2026-06-12"),
    ("end of next week", "2026-06-19"), ("next week", "2026-06-15"),
    ("within 2 weeks", "2026-06-24"), ("2 weeks", "2026-06-24"), ("in a week", "2026-06-17"),
    ("Jun 30", "2026-06-30"),
])
def test_the_date_they_named_as_people_type_it(typed: str, expected: str) -> None:
    assert parse_timeline(typed, NOW, LONDON).isoformat() == expected


@pytest.mark.parametrize("typed", ["soon", "yesterday", "in 9 months", "whenever",
                                   "4", "10am"])  # a number or a time alone names no day
def test_dates_that_are_not_a_timeline_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_timeline(typed, NOW, LONDON)


async def test_the_named_date_sets_the_first_check_in_two_business_days_after(
        world: World) -> None:
    await world.reflect_fully()
    (reply,) = await world.say('/debrief outcome Acme when:"by friday"')
    assert "you'd hear by Fri 12 Jun" in reply.text
    assert "Tue 16 Jun 10:00 BST" in reply.text
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    assert local(check_in.due_at) == "Tue 2026-06-16 10:00"
    assert world.interview().outcome is None


@pytest.mark.parametrize("command, message", [
    ('/debrief outcome Acme when:"whenever"', "as the date they gave you"),
    ('/debrief outcome Acme rejected when:friday', "`when:` is for the date"),
])
async def test_a_bad_timeline_is_refused_and_changes_nothing(
        world: World, command: str, message: str) -> None:
    await world.reflect_fully()
    before = world.snapshot()
    (reply,) = await world.say(command)
    assert message in reply.text
    assert world.snapshot() == before


async def test_no_reply_at_the_check_in_brings_a_follow_up_draft_then_a_second_then_closes(
        world: World) -> None:
    await world.reflect_fully()  # Acme, Jane Doe, Backend Engineer, Wed 10 Jun
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    world.clock.set(check_in.due_at)  # Wed 17 Jun, 5 business days later
    (asked,) = [r for r in await deliver_due(world) if "check_in" in r.tags]
    first, source = await world.say(button(asked, "No reply yet"))
    assert "good time to follow up with Acme" in first.text
    assert_source_question_follows(first, source)
    draft = first.copy_text or ""
    assert draft.startswith("Subject: Following up - Backend Engineer interview")
    assert "Hi Jane," in draft and "Jane Doe" not in draft
    # the day they met, in the person's zone (a recruiter places a candidate by it)
    assert re.search(r"(?:on|conversation on) Wednesday, 10 June[.]", draft), draft
    assert "your migration to Kubernetes" in draft  # their own reference point, to them
    assert "timeline" in draft and draft.rstrip().endswith("Ann Lee")
    assert world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING) == []
    (second,) = world.nudges(NudgeKind.FOLLOW_UP, NudgeStatus.PENDING)
    (closing,) = world.nudges(NudgeKind.CLOSE, NudgeStatus.PENDING)
    assert local(second.due_at) == "Wed 2026-06-24 14:00"  # 5 business days later
    assert local(closing.due_at) == "Wed 2026-07-01 14:00"
    (again,) = await world.say("/debrief outcome Acme no reply")  # nothing new to do
    assert "next follow-up is ready Wed 24 Jun 14:00 BST" in again.text
    assert len(world.nudges(NudgeKind.FOLLOW_UP)) == 1  # still at most two follow-ups
    world.clock.set(second.due_at)
    (nudge,) = await deliver_due(world)
    assert "second, shorter note" in nudge.text
    assert (nudge.copy_text or "").startswith("Subject: Following up again")
    world.clock.set(closing.due_at)
    (closed,) = await deliver_due(world)
    assert "isn't a verdict on you" in closed.text
    # ... and ends in one step to take, not in the silence
    assert closed.text.endswith("One step for this week: put that energy into your next "
                                "application - a role where you clearly bring something - and "
                                "log the interview when it comes, so your prep is waiting the "
                                "evening before.")
    assert world.interview().outcome is Outcome.NO_REPLY
    (done,) = await world.say("/debrief outcome Acme no reply")
    assert "followed up with Acme twice" in done.text


async def test_no_reply_before_the_check_in_is_too_early_to_chase(world: World) -> None:
    await world.reflect_fully()
    world.clock.advance(timedelta(days=1))
    reply, source = await world.say("/debrief outcome no reply")
    # the ask promised to say whether it's time: it says it isn't yet, and what comes next
    assert reply.text == (
        "Noted - no reply yet. It's been a day, which is early: a follow-up reads best about "
        "a week after the interview. I'll check in Thu 18 Jun 14:00 BST, and if there's still "
        "no word, I'll draft a short follow-up e-mail for you then. Recorded for Acme "
        "(Backend Engineer).")
    assert reply.copy_text is None
    assert_source_question_follows(reply, source)
    assert world.nudges(NudgeKind.FOLLOW_UP) == []


async def test_the_follow_ups_can_be_stopped_and_end_with_any_other_outcome(
        world: World) -> None:
    await world.reflect_fully()
    world.clock.advance(timedelta(days=7))
    first, _source = await world.say("/debrief outcome no reply")
    (stopped,) = await world.say(button(first, "Stop the follow-ups"))
    assert "Cancelled reminder" in stopped.text
    assert world.nudges(NudgeKind.FOLLOW_UP, NudgeStatus.PENDING) == []
    await world.say("/debrief outcome Acme callback")
    assert world.nudges(NudgeKind.CLOSE, NudgeStatus.PENDING) == []


async def test_a_rejection_is_acknowledged_first_then_strengths_a_reply_and_one_lesson(
        world: World) -> None:
    await world.reflect_fully()
    reply, source = await world.say("/debrief outcome Acme rejected")
    first_line = reply.text.splitlines()[0]
    assert first_line == "I'm sorry. That's disappointing news from Acme."
    assert_source_question_follows(reply, source)
    fields = {f.name: f.value for f in reply.fields}
    strengths = fields["Your strongest moments, in your words"]
    assert ANSWERS[1] in strengths and ANSWERS[8] in strengths
    assert any(name.startswith("To carry to the next one:") for name in fields)
    draft = reply.copy_text or ""
    assert "feedback" in draft and "Hi Jane," in draft and "Ann Lee" in draft
    assert world.interview().outcome is Outcome.REJECTED
    assert "private" in reply.tags


async def test_a_third_rejection_in_a_month_is_named_in_the_acknowledgement(
        world: World) -> None:
    """Someone at their third no this month read the same "I'm sorry. That's disappointing
    news" as after their first, as if nothing had come before."""
    for company in ("Initech", "Hooli"):
        await world.say(f"/debrief interview {company} type:other")
        await world.say("cancel")
        await world.say(f"/debrief outcome {company} rejected")
        world.clock.advance(timedelta(days=6))
    await world.say("/debrief interview Globex type:other")
    await world.say("cancel")
    reply, _source = await world.say("/debrief outcome globex they said no")
    assert reply.text.startswith(
        "I'm sorry. That's disappointing news from Globex - your third rejection in a month, "
        "and that's a lot to take in. When you're ready, `/debrief stats` looks across them")
    world.clock.advance(timedelta(days=40))  # a month later, a no is a first one again
    await world.say("/debrief interview Umbrella type:other")
    await world.say("cancel")
    reply, _source = await world.say("/debrief outcome umbrella rejected")
    assert reply.text.splitlines()[0] == "I'm sorry. That's disappointing news from Umbrella."


async def test_a_rejection_asked_for_in_a_channel_goes_to_the_dm_with_its_question_after(
        world: World) -> None:
    await world.reflect_fully()
    note, reply, source = await world.say("/debrief outcome Acme rejected", in_dm=False,
                                          channel_id="C1")
    assert "direct message" in said([note]) and note.destination is Destination.HERE
    assert reply.text.startswith("I'm sorry.") and reply.destination is Destination.DM
    assert_source_question_follows(reply, source)
    assert source.destination is Destination.DM  # with the reply, not left in the channel


async def test_a_rejection_without_a_reflection_praises_nothing_it_cannot_see(
        world: World) -> None:
    await world.say("/debrief interview Initech")
    await world.say("cancel")
    reply, source = await world.say("/debrief outcome Initech rejected")
    assert reply.text.startswith("I'm sorry.")
    assert_source_question_follows(reply, source, "Initech")
    assert "Your strongest moments, in your words" not in [f.name for f in reply.fields]
    assert "feedback" in (reply.copy_text or "")


async def test_the_timeline_answered_in_the_reflection_sets_the_first_check_in(
        world: World) -> None:
    await world.say('/debrief interview Acme role:"Backend Engineer" interviewer:"Jane Doe" '
                    'type:other')
    for answer in ANSWERS[:-1]:
        await world.say(answer)
    (summary,) = await world.say("by Friday")  # the timeline they gave for next steps
    fields = {f.name: f.value for f in summary.fields}
    assert "you'd hear by Fri 12 Jun" in fields["Next steps"]
    assert 'Tue 16 Jun 10:00 BST: "Heard back?" check-in' in fields["Reminders scheduled"]
    assert "Wed 17 Jun" not in fields["Reminders scheduled"]  # the 5-day one is replaced
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    assert local(check_in.due_at) == "Tue 2026-06-16 10:00"


async def test_a_follow_up_is_never_signed_with_a_handle(world: World) -> None:
    await world.say("/debrief interview Acme", display_name="user_p3")
    await world.say("cancel", display_name="user_p3")
    world.clock.advance(timedelta(days=7))
    reply, _source = await world.say("/debrief outcome no reply", display_name="user_p3")
    draft = reply.copy_text or ""
    assert "user_p3" not in draft
    assert draft.rstrip().endswith(("regards,", "thanks,"))


async def test_a_rating_typed_at_the_timeline_question_is_no_date(world: World) -> None:
    """"4" (the fit, typed one question late) was read as "you'd hear by" today."""
    await world.say('/debrief interview Acme role:"Backend Engineer" type:other')
    for answer in ANSWERS[:-1]:
        await world.say(answer)
    (summary,) = await world.say("4")
    assert "Next steps" not in [f.name for f in summary.fields]
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    assert local(check_in.due_at) == "Wed 2026-06-17 14:00"  # the usual 5 business days


@pytest.mark.parametrize("typed", ["they said 2 weeks", "probably within 2 weeks tbh"])
async def test_a_timeline_said_in_a_sentence_moves_the_check_in_too(
        world: World, typed: str) -> None:
    """The reflection reads "they said 2 weeks" as a date; the check-in used to ignore it
    (only "in 2 weeks" moved it) and stayed at the default five business days."""
    await world.say('/debrief interview Acme role:"Backend Engineer" type:other')
    for answer in ANSWERS[:-1]:
        await world.say(answer)
    (summary,) = await world.say(typed)
    fields = {f.name: f.value for f in summary.fields}
    assert "you'd hear by Wed 24 Jun. I'll check in Fri 26 Jun 10:00" in fields["Next steps"]
    assert 'Fri 26 Jun 10:00 BST: "Heard back?" check-in' in fields["Reminders scheduled"]
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    assert local(check_in.due_at) == "Fri 2026-06-26 10:00"


async def test_after_a_rejection_only_real_strengths_are_named_back(world: World) -> None:
    """Every answer of three words or more used to be quoted as a "strongest moment",
    "didn't get to ask any, ran out of time" included, right after the rejection."""
    await world.say(INTERVIEW)
    answers = list(ANSWERS)
    answers[7] = "didn't get to ask any, ran out of time"  # the questions they asked
    answers[9] = "hard worker, team player, passionate"  # what they bring
    for answer in answers:
        await world.say(answer)
    reply, _source = await world.say("/debrief outcome Acme rejected")
    strengths = {f.name: f.value for f in reply.fields}["Your strongest moments, in your words"]
    assert strengths == "• What they'll remember: \"my story about cutting latency by 40%\""


def test_no_tip_tells_a_late_note_it_is_an_afterthought() -> None:
    """After a rejection the weakest area's tip is shown; "after 24 hours it reads as an
    afterthought" contradicted the late-note advice ("a late note still beats none") and
    read as blame."""
    assert not [text for _, text in TIPS if "afterthought" in text]


async def test_after_a_rejection_strengths_are_quoted_as_written_and_own_questions_only(
        world: World) -> None:
    await world.say(INTERVIEW)
    answers = list(ANSWERS)
    answers[1] = "i walked them through the checkout redesign that cut drop off by 18% 😅"
    answers[7] = "whats the team like? and how do you measure design impact?"
    answers[9] = "six years of product design, mostly fintech in berlin"
    for answer in answers:
        await world.say(answer)
    reply, _source = await world.say("/debrief outcome Acme rejected")
    strengths = {f.name: f.value for f in reply.fields}["Your strongest moments, in your words"]
    assert strengths.splitlines() == [
        '• What they\'ll remember: "I walked them through the checkout redesign that cut drop '
        'off by 18%"',
        '• What you asked: "how do you measure design impact?"',
        '• What you bring: "six years of product design, mostly fintech in Berlin"']


async def test_a_rejection_ends_the_thank_you_reminders(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:4]:  # the fourth is "planned": two thank-you reminders
        await world.say(answer)
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2
    await world.say("/debrief outcome Acme rejected")
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []
    world.clock.advance(timedelta(hours=21))
    assert not [r for r in await deliver_due(world) if "thank-you" in r.text.lower()]


async def test_a_reflection_finished_after_a_rejection_does_not_push_the_thank_you(
        world: World) -> None:
    """Rejected mid-reflection: the summary used to say "Send it before … and mention",
    list two thank-you reminders and schedule a "heard back?" check-in."""
    await world.say(INTERVIEW)
    for answer in ANSWERS[:2]:
        await world.say(answer)
    await world.say("/debrief outcome Acme rejected")
    for answer in ANSWERS[2:-1]:
        await world.say(answer)
    (summary,) = await world.say("by friday")
    fields = {f.name: f.value for f in summary.fields}
    assert not any(name.endswith("Follow up") for name in fields)
    assert "Send it before" not in said([summary])
    assert fields["Reminders scheduled"] == "None"
    assert "Next steps" not in fields
    assert world.nudges(status=NudgeStatus.PENDING) == []
    assert "feedback" in (summary.copy_text or "")  # the reply to their decision


async def test_a_thank_you_answer_typed_at_the_topic_question_is_asked_about(
        world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:4]:
        await world.say(answer)
    (asked_again,) = await world.say("not yet")  # the thank-you's answer, a question late
    assert "one thing you really talked about" in asked_again.text


async def test_news_typed_instead_of_clicked_after_a_check_in_gets_the_buttons(
        world: World) -> None:
    """Typing "nope nothing yet 😕" under "Have you heard back?" got "There's no reflection
    open right now. Log an interview …"."""
    await world.reflect_fully()
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    world.clock.set(check_in.due_at)
    await deliver_due(world)
    (ask,) = await world.say("nope nothing yet 😕")
    assert ask.text.startswith("No word yet from Acme (Backend Engineer)? Tap \"No reply yet\"")
    assert (ask.choices[0].label, ask.choices[0].style) == ("No reply yet", "primary")
    assert world.interview().outcome is None  # nothing recorded on a guess
    first, _source = await world.say(button(ask, "No reply yet"))
    assert "good time to follow up with Acme" in first.text
    (other,) = await world.say("thanks!")  # no news in it: met in kind
    assert other.text.startswith("You're welcome - fingers crossed for Acme")
    (none,) = await world.say("hmm ok")  # neither news nor thanks: as before
    assert none.text.startswith("There's no reflection open right now")


async def test_a_hard_day_typed_in_the_dm_is_met_kindly(world: World) -> None:
    """"i'm so done with job hunting 😞" got "There's no reflection open right now. Log an
    interview with …"."""
    await world.reflect_fully()
    await world.say("/debrief outcome Acme rejected")
    (reply,) = await world.say("i'm so done with job hunting 😞")
    assert reply.text.startswith("That sounds like a hard stretch - I'm sorry.")
    assert "`/debrief draft #1`" in reply.text and "no reflection open" not in reply.text


async def test_a_no_typed_in_the_dm_on_a_bad_day_is_acknowledged_first(world: World) -> None:
    """"got rejected again. third time this month. i'm so done" got "There's no reflection
    open right now" (its feelings read as a company's name)."""
    await world.reflect_fully()
    (ask,) = await world.say("got rejected again. third time this month. i'm so done")
    assert ask.text.startswith("I'm sorry - that's hard news. Is it from Acme (Backend "
                               "Engineer)? Tap \"Rejected\"")
    assert (ask.choices[0].label, ask.choices[0].style) == ("Rejected", "primary")
    assert world.interview().outcome is None  # nothing recorded on a guess


async def test_two_weeks_of_silence_said_in_a_sentence_gets_the_buttons(world: World) -> None:
    """"it's been 2 weeks and nothing 😩 should i email them?" got "There's no reflection
    open right now": the time waited and the question read as a company's name."""
    await world.reflect_fully()
    world.clock.advance(timedelta(days=14))
    (ask,) = await world.say("it's been 2 weeks and nothing 😩 should i email them?")
    assert ask.text.startswith("No word yet from Acme (Backend Engineer)? Tap \"No reply yet\" "
                               "and I'll tell you whether it's time to follow up")
    first, _source = await world.say(button(ask, "No reply yet"))
    assert "good time to follow up with Acme" in first.text
