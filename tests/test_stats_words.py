"""``/debrief stats`` read as someone who was just turned down would read it: no zeros said
back, offers called offers, few answers said to be few with what to log next, and steps
that name roles of their own.

Histories are seeded as in :mod:`test_stats` (``stats_seed``) and go through the core.
"""

from __future__ import annotations

import re
from datetime import timedelta

from stats_seed import HISTORY, NOW
from test_stats import ANN, World, everything, world

from bot.memory import memory_uow_factory
from bot.model import Interview, Outcome
from bot.values import Reply

__all__ = ["world"]  # the fixture, shared with test_stats
# -- read by someone who was just rejected -----------------------------------------------


def _field(reply: Reply, name: str) -> str:
    return {f.name: f.value for f in reply.fields}[name]


async def test_no_callback_yet_is_never_counted_as_zero(world: World) -> None:
    """After two noes the figures read "0 callbacks, 2 rejections" and "0 of 2 went out
    inside 24 hours": a zero said back to someone who has just been turned down."""
    late = [(d, c, a, 30, Outcome.REJECTED) for d, c, a, _, _ in HISTORY[:2]]
    await world.seed(ANN, [*late[:1], (43, "Globex", HISTORY[1][2], None, Outcome.REJECTED)])
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    assert not re.search(r"\b0 (callbacks|of)\b", said)
    assert _field(reply, "Outcomes") == "From 2 interviews with an outcome: 2 rejections."
    assert _field(reply, "Thank-you notes") == (
        "1 note went out after the 24 hours. 1 note was never marked as sent (`/debrief "
        "followup` marks one).")


async def test_a_first_answer_that_is_an_offer_is_called_an_offer(world: World) -> None:
    """It read "it was a callback - well done" and "1 callback (1 of them an offer)"."""
    await world.seed(ANN, [(20, "Umbrella", HISTORY[3][2], 5, Outcome.OFFER)])
    (reply,) = await world.say("/debrief stats")
    assert "One answer so far, and it was an offer - congratulations!" in reply.text
    assert _field(reply, "Outcomes") == "From 1 interview with an outcome: 1 offer."


async def test_three_factors_that_split_the_same_interviews_are_listed_as_a_list(
        world: World) -> None:
    """"Thank-you timing and the field and how you got the interview split these same
    interviews the same way" - read as a list, with commas."""
    from stats_seed import STRONG_PREP, answers
    async with memory_uow_factory(world.store)() as uow:
        user = await uow.users.get_or_create(ANN, created_at=NOW - timedelta(days=200))
        assert user.id is not None
        for n in range(6):
            good = n % 2 == 0
            at = NOW - timedelta(days=60 - 7 * n)
            await uow.interviews.add(Interview(
                user_id=user.id, company=f"Co{n}", happens_at=at, logged_at=at,
                answers=answers(STRONG_PREP, "5" if good else "2"),
                source="referral" if good else "application", job_field="data" if good
                else "marketing", thank_you_sent_at=at + timedelta(hours=3) if good else None,
                outcome=Outcome.CALLBACK if good else Outcome.REJECTED,
                community_id=ANN.workspace_id))
        await uow.commit()
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    overlap = next(line for line in said.splitlines() if "split these same" in line)
    assert overlap.count(" and ") == 1, overlap
    assert re.match(r"^[A-Z][\w -]+(, [\w -]+)+ and [\w -]+ split these same interviews",
                    overlap), overlap


async def test_one_or_two_answers_say_they_are_no_pattern_and_what_to_log_next(
        world: World) -> None:
    """Two noes led straight to advice "on your record", with nothing saying two answers
    are no pattern, or what to record so that one could show."""
    await world.seed(ANN, [HISTORY[0], (43, "Globex", HISTORY[1][2], None, Outcome.REJECTED)])
    (reply,) = await world.say("/debrief stats")
    assert "Two answers are not a pattern yet. To see what brings your callbacks, log next: " \
           "what kind of role Globex was and how you got it (`/debrief history #2 edit " \
           "field:… source:…`), so I can compare like with like." in reply.text


async def test_with_one_answer_the_next_thing_to_log_is_the_answer_still_missing(
        world: World) -> None:
    await world.seed(ANN, [HISTORY[0], (3, "Globex", HISTORY[1][2], None, None)])
    (reply,) = await world.say("/debrief stats")
    # the lead has said how little one no tells: not said twice
    assert "one interview says very little about you" in reply.text
    assert "not a pattern yet" not in reply.text
    assert "To see what brings your callbacks, log next: what Globex says when they answer " \
           "(`/debrief outcome #2 callback`, or rejected)." in reply.text


async def test_the_fit_step_names_roles_of_their_own_that_called_back(world: World) -> None:
    """"Apply first to roles you'd rate a 4 or 5 on fit" named no role: now the latest two
    of their own good fits that brought a callback, the kind of role to look for."""
    await world.seed(ANN, HISTORY)
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith(
        "Your next step: this week, apply first to roles you'd rate a 4 or 5 on fit, like "
        "Umbrella and Initech, both of which called you back; for a stretch role")
    async with memory_uow_factory(world.store)() as uow:
        for interview in world.store.interviews.rows.values():
            interview.role = "a data analyst role"
            await uow.interviews.save(interview)
        await uow.commit()
    (reply,) = await world.say("/debrief stats")
    assert "on fit, like the Data Analyst roles at Umbrella and Initech, both of which " \
           "called you back;" in reply.text


async def test_a_tip_comes_from_what_came_before_callbacks_and_says_so(world: World) -> None:
    """Stats said callbacks came with roles rated 4-5 on fit, while `/debrief tip` gave a
    stand-out tip from how the reflections felt, with no word of those outcomes."""
    await world.seed(ANN, HISTORY)
    (tip,) = await world.say("/debrief tip")
    assert tip.text.startswith(
        "Tip · Right jobs\nPicked from your own outcomes (few so far: a hint, not a rule). "
        "Roles you rated a good fit (4-5): 2 of 2 called back; roles you rated 1-3: 0 of 3.\n")
    (asked,) = await world.say("/debrief tip stand out")  # an area asked for is that area
    assert asked.text.startswith("Tip · Stand out\n") and "outcomes" not in asked.text


async def test_the_commands_stats_suggest_name_a_real_interview(world: World) -> None:
    """"`/debrief outcome #n callback`" and "… have no outcome recorded." left the person
    to work out which number; the figure now comes with the command for it."""
    await world.seed(ANN, [(days, c, a, 2, None) for days, (_, c, a, _, _) in
                           zip((4, 2), HISTORY[4:6], strict=True)])  # not quiet a week yet
    (reply,) = await world.say("/debrief stats")
    assert "record it (`/debrief outcome #2 callback`, or rejected)" in reply.text
    await world.seed(ANN, HISTORY[:2])
    (reply,) = await world.say("/debrief stats")
    assert "#n" not in everything(reply)
    assert "2 interviews have no outcome recorded (`/debrief outcome #1` records one)." in \
        _field(reply, "Outcomes")


async def test_a_fresh_no_among_callbacks_is_acknowledged_before_any_advice(
        world: World) -> None:
    """Stats opened with "Your next step: …" the day after a no, because other interviews
    had brought callbacks: COACHING.md asks for one line of acknowledgement first."""
    await world.seed(ANN, HISTORY)
    (before,) = await world.say("/debrief stats")
    assert before.text.startswith("Your next step:")  # Hooli's no is three weeks old
    await world.seed(ANN, [(4, "Zeta", HISTORY[0][2], None, Outcome.REJECTED)])
    (reply,) = await world.say("/debrief stats")
    first, second = reply.text.splitlines()[:2]
    assert first == "Sorry about Zeta - a no stings. It's one answer of 6, not a verdict on you."
    assert second.startswith("Your next step: this week, apply first to roles")


async def test_an_open_thank_you_window_leads_over_any_pattern(world: World) -> None:
    """An hour after an interview, stats led with a pattern for "this week" while the one
    step that expires tomorrow - the thank-you - went unmentioned."""
    await world.seed(ANN, HISTORY)
    fresh = {**HISTORY[2][2], "thank_you": "planned"}
    await world.seed(ANN, [(0, "Zeta", fresh, None, None)])  # note not sent yet
    world.clock.advance(timedelta(hours=1))
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith(
        "Your next step: send your thank-you to Zeta while its 24 hours are still open - "
        "`/debrief draft #7` writes it from your reflection.")
    # the pattern keeps its own step, now said where it is
    found = _field(reply, "What came before callbacks")
    assert "Next step: this week, apply first to roles you'd rate a 4 or 5" in found
    assert "the one at the top" not in found


async def test_mostly_noes_with_every_area_strong_asks_the_employer_not_keep_going(
        world: World) -> None:
    """One callback in five, every area felt strong: the step was "keep what's working -
    your notes go out on time - and line up two more applications"."""
    from stats_seed import STRONG_PREP, answers
    strong = answers(STRONG_PREP, "4", "memorable")
    await world.seed(ANN, [(days, company, strong, 3, result) for days, company, result in (
        (50, "Acme", Outcome.CALLBACK), (40, "Globex", Outcome.REJECTED),
        (30, "Initech", Outcome.REJECTED), (20, "Hooli", Outcome.REJECTED),
        (12, "Stark", Outcome.REJECTED))])
    for interview in world.store.interviews.rows.values():  # the same kind of role each time
        interview.job_field, interview.source = "data", "application"
    (reply,) = await world.say("/debrief stats")
    assert "keep what's working" not in reply.text
    assert reply.text.startswith(
        "Your next step: ask Stark for feedback - `/debrief draft #5` writes a short reply to "
        "their no that asks what would have made the difference.")


async def test_two_ratings_are_said_as_they_were_not_as_a_trend(world: World) -> None:
    """Two interviews read "Right jobs: so-so lately, down from strong (2 ratings)": a
    trend drawn from two points."""
    from stats_seed import STRONG_PREP, answers
    await world.seed(ANN, [(20, "Acme", answers(STRONG_PREP, "5"), 3, Outcome.CALLBACK),
                           (10, "Globex", answers(STRONG_PREP, "2"), 3, Outcome.REJECTED)])
    (reply,) = await world.say("/debrief stats")
    rated = _field(reply, "How you rated yourself")
    assert "lately" not in rated and "steady" not in rated
    assert "• Right jobs: strong, then weak (2 ratings)" in rated
    assert "strong both times (2 ratings each)" in rated


async def test_a_few_answers_lead_with_a_step_for_the_person_not_the_record(
        world: World) -> None:
    """With two answers the step was "note what kind of role each interview was -
    `/debrief history #1 edit …`" (then "log next" said it again): filling in the record
    for a comparison two answers cannot make. Now a step they can take this week."""
    await world.seed(ANN, [HISTORY[2], HISTORY[4], (10, "Fresh", HISTORY[0][2], 2,
                                                    Outcome.NO_REPLY)])
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith("Your next step: work on preparation, your lowest-rated "
                                 "area lately - `/debrief tip prepared`")
    assert "/debrief history #" not in reply.text
    assert "log next: what Fresh says when they answer (`/debrief outcome #3 callback`" \
        in reply.text


async def test_a_wait_gone_quiet_leads_among_a_few_answers(world: World) -> None:
    await world.seed(ANN, [HISTORY[2], HISTORY[4], (10, "Fresh", HISTORY[0][2], 2, None)])
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith("Your next step: it's been 10 days since Fresh and no word "
                                 "yet - time for one short follow-up. `/debrief outcome #3 "
                                 "no reply` drafts it")
    assert "Too few answers yet" in reply.text


async def test_thank_you_figures_say_how_many_callbacks_followed_a_note_in_time(
        world: World) -> None:
    """The thank-you section counted notes with no word of what came of them."""
    await world.seed(ANN, HISTORY)
    (reply,) = await world.say("/debrief stats")
    # Initech and Umbrella, the two callbacks, both had their notes out within hours
    assert _field(reply, "Thank-you notes").endswith(
        "Both your callbacks came after a note inside 24 hours.")


async def test_with_only_an_interview_ahead_the_step_is_its_prep(world: World) -> None:
    """It said to research "the day before" with `/debrief tip prepared`, not the prep
    Debrief already holds for that interview."""
    await world.seed(ANN, [(-1, "Acme", {}, None, None)])  # tomorrow
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith("Your next step: get ready for Acme - `/debrief prep #1` has "
                                 "the research checklist, your questions and your stories.")


async def test_a_calibration_on_few_interviews_says_how_few_not_that_the_record_is_small(
        world: World) -> None:
    """Under eleven interviews it said "Only a few interviews so far": the few were the
    three it rested on."""
    from stats_seed import STRONG_PREP, answers
    felt = [(90 - 7 * n, f"Co{n}", answers(STRONG_PREP, "4", "memorable" if n < 3 else "some"),
             3, Outcome.REJECTED) for n in range(11)]
    await world.seed(ANN, felt)
    (reply,) = await world.say("/debrief stats")
    said = _field(reply, "How it felt, and how it went")
    assert "You felt memorable in 3 interviews that didn't lead to a callback." in said
    assert "That rests on 3 interviews, so hold it lightly." in said
    assert "so far" not in said


async def test_mid_reflection_the_step_is_to_finish_it_where_the_note_comes(
        world: World) -> None:
    """Mid-reflection, it said `/debrief draft #1` "writes it from your reflection" - a
    reflection not finished, so a note with a gap where the reference goes."""
    await world.say("/debrief interview Acme")
    reply, *still_open = await world.say("/debrief stats")
    assert reply.text.startswith(
        "Your next step: finish your reflection on Acme (`/debrief reflect #1`) - your "
        "thank-you note comes at the end, ready to send while its 24 hours are still open.")
    assert "Your reflection is still open" in still_open[-1].text
    await world.say("cancel")  # paused, the note still has nothing to name
    (paused,) = await world.say("/debrief stats")
    assert paused.text.startswith("Your next step: finish your reflection on Acme")
