"""What eight job seekers read in ``/debrief stats``, ``/debrief tip`` and after a week of
silence, each seeded from a realistic history (tests/personas.py)."""

from __future__ import annotations

from datetime import timedelta

from personas import PERSONAS, Persona, everything, seed

from bot.values import Destination


def persona(name: str) -> Persona:
    return next(p for p in PERSONAS if p.name == name)


# -- /debrief tip -------------------------------------------------------------------------


async def test_a_tip_claims_to_come_from_the_reflections_only_when_one_area_is_lower(
        ) -> None:
    # One reflection, every area rated strong: no area is "the most room to grow".
    even = await seed(persona("one interview, no outcome"))
    tip = everything(await even.say("/debrief tip"))
    assert "picked from where your reflections" not in tip
    # Five interviews and never a thank-you: Follow up is the lowest, and it says so.
    low = await seed(persona("never follows up"))
    tip = everything(await low.say("/debrief tip"))
    assert tip.startswith("Tip · Follow up (picked from where your reflections show the most "
                          "room to grow)")


# -- /debrief stats: no callback yet ------------------------------------------------------


async def stats_of(name: str) -> str:
    seeded = await seed(persona(name))
    return everything(await seeded.say("/debrief stats"))


async def test_three_noes_are_too_few_to_change_course_on() -> None:
    said = await stats_of("three rejections in a row")
    assert said.splitlines()[1].startswith("No callbacks yet from 3 interviews. That's hard")
    assert "Your next step: 3 answers are too few to change course on." in said
    assert "widen the search" not in said


async def test_someone_who_never_sends_a_thank_you_is_pointed_at_the_thank_you() -> None:
    said = await stats_of("never follows up")
    assert "Your next step: after your next interview, send a short thank-you within 24 " \
           "hours that names one thing you discussed - `/debrief draft` writes it" in said
    assert "No note has gone out in time yet" in said
    assert "widen the search" not in said


async def test_silence_every_time_is_not_read_as_a_no_and_leads_to_a_follow_up() -> None:
    said = await stats_of("all no reply")
    assert "All 3 interviews with an outcome ended in silence, not a no." in said
    # Zalando has been quiet for 8 days: that one, by name, with the command that drafts
    # the e-mail (it said "when an interview has been quiet for a week …" in general)
    assert "Your next step: it's been 8 days since Zalando - time for one short follow-up: " \
           "`/debrief outcome #4 no reply` drafts it from your notes. After a second one, let " \
           "it go" in said
    assert "No callbacks yet" not in said


async def test_silence_after_a_month_is_an_outcome_not_an_answer() -> None:
    said = await stats_of("all no reply")
    assert "From 3 interviews with an outcome: 3 with no reply after three weeks." \
        in said
    assert "with an answer" not in said


# -- after the silence --------------------------------------------------------------------


async def test_a_week_of_silence_brings_a_check_in_that_offers_the_e_mail_draft() -> None:
    seeded = await seed(persona("one interview, no outcome"))
    (check_in,) = await seeded.check_in()
    assert check_in.text.startswith(
        "Have you heard back from Zalando (Data Analyst)? It's been 8 days since the "
        "interview, and quiet at this point is normal. If there's nothing yet, tap \"No "
        "reply yet\" and I'll draft a short check-in e-mail for you to send")
    tap = next(c.value for c in check_in.actions if c.label == "No reply yet")
    answer, _question = await seeded.say(tap)
    # … and the tap keeps that promise: the e-mail, from their own notes, to copy.
    assert answer.copy_text is not None
    assert answer.copy_text.startswith("Subject: Following up - Data Analyst interview")
    assert "our conversation about your plan to move reporting to dbt" in answer.copy_text


async def test_still_waiting_typed_with_the_company_gets_the_buttons_for_that_interview(
        ) -> None:
    """"still waiting, nothing from zalando" got "There's no reflection open right now":
    the company's name read as someone else's."""
    seeded = await seed(persona("three rejections in a row"))
    (ask,) = await seeded.say("still waiting, nothing from zalando")
    assert ask.text.startswith("No word yet from Zalando (Data Analyst)? Tap \"No reply yet\"")
    assert (ask.choices[0].label, ask.choices[0].style) == ("No reply yet", "primary")
    (ask,) = await seeded.say("heard nothing from Zalando yet :(")
    assert ask.text.startswith("No word yet from Zalando")
    # a company never logged is still nobody's news
    (other,) = await seeded.say("still nothing from google")
    assert "No word yet" not in other.text


async def test_still_waiting_said_again_once_following_up_says_where_it_stands() -> None:
    """Typed the day after the follow-up e-mail came, "still waiting" asked again to tap
    "No reply yet" for an e-mail they already had."""
    seeded = await seed(persona("all no reply"))
    (check_in,) = await seeded.check_in()
    await seeded.say(next(c.value for c in check_in.actions if c.label == "No reply yet"))
    seeded.clock.advance(timedelta(days=1))
    (where,) = await seeded.say("still waiting, nothing from zalando")
    assert where.text == ("Noted - no reply yet from Zalando. Your next follow-up is ready "
                          "Tue 08 Dec 09:00 CET; nothing more to do until then.")
    assert where.choices == () and where.destination is Destination.DM


async def test_stats_after_a_quiet_week_points_to_the_follow_up_not_to_waiting() -> None:
    said = await stats_of("one interview, no outcome")
    assert said.splitlines()[1] == (
        "Your next step: it's been 8 days since Zalando and no word yet - time for one short "
        "follow-up. `/debrief outcome #1 no reply` drafts it from your notes.")
    assert "when you hear back, record it" not in said


async def stats_before_the_last_goes_quiet(name: str) -> str:
    """Stats two days earlier, while the latest interview (Zalando) is 6 days old and not
    yet quiet: a wait gone quiet would lead instead (as it does below)."""
    seeded = await seed(persona(name))
    seeded.clock.advance(timedelta(days=-2))
    return everything(await seeded.say("/debrief stats"))


async def test_with_every_area_strong_the_step_is_what_the_record_still_lacks() -> None:
    followed = await stats_before_the_last_goes_quiet("callback after following up")
    assert "Your next step: send every thank-you inside 24 hours - 3 of 4 went out in " \
           "time so far" in followed  # one note never sent
    # a week on, Zalando's silence comes first: the one step that can bring an answer
    quiet = await stats_of("callback after following up")
    assert "Your next step: it's been 8 days since Zalando and no word yet - time for one " \
           "short follow-up." in quiet
    screens = await stats_before_the_last_goes_quiet("only recruiter screens")
    assert "Your next step: your answers so far all come from screening calls (2 of 3 got " \
           "you through). The next rounds go deeper" in screens
    for said in (followed, screens):  # never "keep sending" to someone who always does
        assert "keep sending each thank-you" not in said


async def test_once_debrief_closes_the_wait_stats_no_longer_calls_it_waiting() -> None:
    """Closed as "no reply" after two follow-ups (about three weeks), the interview still
    read "1 interview is still waiting for a reply" with "when you hear back, record it"."""
    seeded = await seed(persona("one interview, no outcome"))
    (check_in,) = await seeded.check_in()
    await seeded.say(next(c.value for c in check_in.actions if c.label == "No reply yet"))
    for _ in range(2):  # a week on: the second follow-up; another: the closing message
        seeded.clock.advance(timedelta(days=7))
        await seeded.check_in()
    closed = seeded.store.interviews.rows[1]
    assert closed.outcome is not None and closed.outcome.value == "no_reply"
    said = everything(await seeded.say("/debrief stats"))
    assert "still waiting" not in said and "when you hear back, record it" not in said
    assert "Your one interview with an outcome ended in silence, not a no." in said
    assert "After a second one, let it go and put that energy into the next application." \
        in said


async def test_few_answers_are_said_to_be_few_once() -> None:
    said = await stats_of("three rejections in a row")
    assert "3 answers are too few to change course on." in said
    assert "treat what follows as hints" not in said  # nothing follows that it qualifies


async def test_history_calls_a_closed_wait_closed_not_no_reply_yet() -> None:
    seeded = await seed(persona("all no reply"))  # three silences, 34 to 60 days ago
    listed = everything(await seeded.say("/debrief history"))
    assert listed.count("outcome: no reply (closed)") == 3
    assert "no reply yet" not in listed
    detail = everything(await seeded.say("/debrief history #1"))
    assert "outcome: no reply (closed)" in detail


async def test_a_third_no_is_not_promised_a_change_that_stats_then_calls_too_early() -> None:
    """The third no said "`/debrief stats` looks across them for the one thing worth
    changing"; stats then said three answers are too few to change course on."""
    seeded = await seed(persona("three rejections in a row"))
    reply, *_ = await seeded.say("/debrief outcome zalando rejected")
    assert "your third rejection in a month" in reply.text
    assert "says honestly whether anything is worth changing yet" in reply.text
    assert "the one thing worth changing" not in reply.text
