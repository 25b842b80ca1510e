"""The Debrief service end to end on the in-memory store, as a person in a chat would use it.

Everything goes through ``Debrief.handle(Incoming(...))`` — the one entry point every adapter
calls — and assertions are about what the person reads and what ends up stored.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from bot import copy as words
from bot.clock import FixedClock
from bot.grammar import SUBCOMMANDS
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, Outcome, ReflectionState, User
from bot.nudges.dispatcher import Dispatcher
from bot.ports import UnitOfWork
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

# Wednesday 10 June 2026, 13:00 UTC = 14:00 BST in London: outside anyone's quiet hours.
T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
ANN = Identity("console", "local", "ann")
BOB = Identity("console", "local", "bob")

ANSWERS = [
    "2",                                    # memorable: a few moments stood out
    "my story about cutting latency by 40%",
    "our on-call rotation",                 # what the interviewer seemed most interested in
    "planned",                              # thank-you: planning to send it
    "their migration to Kubernetes",        # the reference point
    "friendly and on topic",
    "1,3",                                  # researched: company, role
    "What does success look like in six months?",
    "4",                                    # fit
    "ten years of platform work",
    "they didn't say",                      # the timeline: no date, the usual check-in
]
# type:other: the general question set, without the type question first.
INTERVIEW = ('/debrief interview Acme role:"Backend Engineer" interviewer:"Jane Doe" '
             'type:other')


@dataclass
class World:
    store: MemoryStore = field(default_factory=MemoryStore)
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    bot: Debrief = field(init=False)

    def __post_init__(self) -> None:
        self.bot = self.restart()

    def restart(self) -> Debrief:
        """A new service on the same store, as after the process restarted."""
        self.bot = Debrief(memory_uow_factory(self.store), self.clock)
        return self.bot

    async def say(self, text: str, who: Identity = ANN, **kw: Any) -> list[Reply]:
        kw.setdefault("display_name", "Ann Lee" if who == ANN else "Bob Roe")
        kw.setdefault("platform_timezone", "Europe/London")
        return await self.bot.handle(Incoming(who, text=text, **kw))

    async def reflect_fully(self) -> list[Reply]:
        await self.say(INTERVIEW)
        replies: list[Reply] = []
        for answer in ANSWERS:
            replies = await self.say(answer)
        return replies

    # -- looking into the store --------------------------------------------------------
    def user(self, identity: Identity = ANN) -> User:
        row_id = self.store.users.index[identity]
        return self.store.users.rows[row_id]

    def interviews(self) -> list[Interview]:
        return sorted(self.store.interviews.rows.values(), key=lambda i: i.id or 0)

    def interview(self) -> Interview:
        (only,) = self.interviews()
        return only

    def nudges(self, kind: NudgeKind | None = None,
               status: NudgeStatus | None = None) -> list[Nudge]:
        return sorted((n for n in self.store.nudges.rows.values()
                       if (kind is None or n.kind is kind)
                       and (status is None or n.status is status)),
                      key=lambda n: (n.due_at, n.id or 0))

    def snapshot(self) -> tuple[Any, ...]:
        return (copy.deepcopy(self.store.users.rows), copy.deepcopy(self.store.interviews.rows),
                copy.deepcopy(self.store.nudges.rows))

    def is_empty(self) -> bool:
        return not (self.store.users.rows or self.store.interviews.rows
                    or self.store.nudges.rows)


def said(replies: list[Reply]) -> str:
    """Everything the person reads in these replies."""
    parts: list[str] = []
    for reply in replies:
        parts += [reply.title or "", reply.text]
        parts += [f"{f.name}\n{f.value}" for f in reply.fields]
        parts += [c.label for c in reply.choices]
        parts.append(reply.copy_text or "")
    return "\n".join(parts)


@pytest.fixture
def world() -> World:
    return World()


# -- the whole reflection ------------------------------------------------------------------


async def test_logging_an_interview_starts_the_reflection_with_the_first_question(
        world: World) -> None:
    replies = await world.say(INTERVIEW)
    text = said(replies)
    assert "Acme (Backend Engineer)" in text
    assert "question 1 of 11" in text
    assert "I probably blended in" in text  # the choices are offered
    assert world.interview().reflection_state is ReflectionState.OPEN


async def test_a_whole_reflection_ends_in_a_summary_with_the_thank_you_note(
        world: World) -> None:
    replies = await world.reflect_fully()
    (summary,) = replies
    assert summary.title == "Your reflection: Acme"
    note = summary.copy_text or ""
    # the subject names the role; the greeting is the interviewer's first name
    assert note.startswith("Subject: Thank you - Backend Engineer interview\n\nHi Jane,\n")
    assert "Jane Doe" not in note
    assert "Backend Engineer" in note
    assert "Acme" in note
    assert "about your migration to Kubernetes" in note  # the reference, made to fit
    assert "Ann Lee" in note  # signed by the person
    stored = world.interview()
    assert stored.reflection_state is ReflectionState.COMPLETED
    assert stored.answers["reference"] == "their migration to Kubernetes"
    assert stored.answers["researched"] == ["company", "role"]


async def test_the_summary_names_one_focus_area_with_a_concrete_tip(world: World) -> None:
    (summary,) = await world.reflect_fully()
    focus = [f for f in summary.fields if f.name.startswith("One thing to focus on")]
    assert len(focus) == 1
    assert len(focus[0].value) > 40  # a concrete tip, not just a label
    # the thank-you's deadline with its date, not a bare weekday and time
    assert "before Thu 11 Jun 14:00" in focus[0].value, focus[0].value
    assert any(f.name == "What went well" for f in summary.fields)


async def test_the_summary_lists_the_reminders_now_scheduled_in_local_time(
        world: World) -> None:
    (summary,) = await world.reflect_fully()
    (scheduled,) = [f for f in summary.fields if f.name == "Reminders scheduled"]
    # 2h and 20h after 14:00 BST, and the check-in a week later at the same wall time.
    assert "Wed 10 Jun 16:00 BST: Thank-you reminder" in scheduled.value
    assert "Thu 11 Jun 10:00 BST: Thank-you reminder" in scheduled.value
    assert 'Wed 17 Jun 14:00 BST: "Heard back?" check-in' in scheduled.value


async def test_the_summary_mentions_no_interviewer_by_name_when_none_was_given(
        world: World) -> None:
    await world.say("/debrief interview Initech type:other")
    replies: list[Reply] = []
    for answer in ANSWERS:
        replies = await world.say(answer)
    note = replies[-1].copy_text or ""
    assert "\n\nHello,\n" in note
    assert "Initech" in note and "your migration to Kubernetes" in note


async def test_draft_shows_the_note_with_the_reference_point(world: World) -> None:
    await world.reflect_fully()
    (reply,) = await world.say("/debrief draft")
    assert "your migration to Kubernetes" in (reply.copy_text or "")
    assert "\n\nHi Jane,\n" in (reply.copy_text or "")
    assert any(a.label == "Mark as sent" for a in reply.actions)


async def test_the_reflection_resumes_with_reflect_after_a_restart(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:4]:
        await world.say(answer)
    world.restart()
    replies = await world.say("/debrief reflect")
    text = said(replies)
    assert "Welcome back" in text
    assert "question 5 of 11" in text
    assert "What did you discuss" in text
    for answer in ANSWERS[4:]:
        replies = await world.say(answer)
    assert "your migration to Kubernetes" in (replies[-1].copy_text or "")
    assert world.interview().reflection_state is ReflectionState.COMPLETED


async def test_a_typed_answer_after_a_restart_continues_the_open_reflection(
        world: World) -> None:
    await world.say(INTERVIEW)
    await world.say(ANSWERS[0])
    world.restart()
    replies = await world.say(ANSWERS[1])
    assert "question 3 of 11" in said(replies)
    assert world.interview().answers["remember"] == ANSWERS[1]


async def test_cancel_keeps_the_answers_and_reflect_resumes_where_it_stopped(
        world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:2]:
        await world.say(answer)
    (reply,) = await world.say("cancel")
    assert reply.text == words.REFLECTION_CANCELLED
    assert world.interview().reflection_state is ReflectionState.CANCELLED
    assert world.interview().answers["remember"] == ANSWERS[1]

    replies = await world.say("/debrief reflect")
    assert "question 3 of 11" in said(replies)
    assert world.interview().reflection_state is ReflectionState.OPEN


async def test_typing_after_cancel_answers_nothing(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("cancel")
    (reply,) = await world.say("2")
    assert reply.text == words.NO_OPEN_REFLECTION
    assert world.interview().answers == {}


async def test_back_and_skip_during_a_reflection(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("2")
    replies = await world.say("back")
    assert "back one question" in said(replies)
    assert "question 1 of 11" in said(replies)
    replies = await world.say("back")
    assert "first question" in said(replies)
    await world.say("skip")
    assert world.interview().answers == {"memorable": None}


async def test_an_oversized_answer_is_refused_and_the_question_stays(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("2")
    before = world.snapshot()
    (reply,) = await world.say("x" * 1001)
    assert "1001 characters" in reply.text and "nothing was saved" in reply.text
    assert world.snapshot() == before
    replies = await world.say("a short story")
    assert "question 3 of 11" in said(replies)


async def test_a_choice_that_matches_no_option_is_refused(world: World) -> None:
    await world.say(INTERVIEW)
    before = world.snapshot()
    (reply,) = await world.say("7")
    assert "didn't catch which one" in reply.text  # a short question with the options
    assert [c.value for c in reply.choices] == ["generic", "some", "memorable"]
    assert reply.answer_key is not None and reply.answer_key.question == "memorable"
    assert world.snapshot() == before


# -- follow-up, outcome ---------------------------------------------------------------------


async def test_thank_you_nudges_are_cancelled_when_followup_is_marked(world: World) -> None:
    await world.say(INTERVIEW)
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2
    world.clock.advance(timedelta(hours=1))
    (reply,) = await world.say("/debrief followup")
    assert "Marked your thank-you note to Acme (Backend Engineer) as sent" in reply.text
    assert "I've stopped its 2 reminders." in reply.text
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.CANCELLED)) == 2
    # the "heard back?" check-in is still coming
    assert len(world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)) == 1
    assert world.interview().thank_you_sent_at == T0 + timedelta(hours=1)


async def test_followup_twice_says_it_is_already_marked(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("/debrief followup")
    (reply,) = await world.say("/debrief followup #1")
    assert "already marked as sent" in reply.text


@pytest.mark.parametrize("answers", [["Already sent"], ["1"], ["sent it"], ["already did"],
                                     ["not going to send one", "yes, I'm sure"],
                                     ["no", "Yes im sure"]])
async def test_thank_you_nudges_are_cancelled_by_the_reflection_answer(
        world: World, answers: list[str]) -> None:
    await world.say(INTERVIEW)
    for answer in [*ANSWERS[:3], *answers]:
        await world.say(answer)
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []
    assert len(world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)) == 1


async def test_planning_to_send_the_note_keeps_the_thank_you_nudges(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:4]:  # the fourth is "planned"
        await world.say(answer)
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2


async def test_outcome_no_reply_schedules_another_check_in(world: World) -> None:
    await world.say(INTERVIEW)
    world.clock.advance(timedelta(days=3))  # Saturday: too early to chase the employer
    iid = world.interview().id
    reply, _source_question = await world.say(f"/debrief outcome #{iid} no reply")
    # 5 business days later: Friday
    assert "I'll check in Fri 19 Jun 14:00 BST" in reply.text
    pending = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    assert [n.due_at for n in pending] == [datetime(2026, 6, 19, 13, 0, tzinfo=UTC)]
    assert world.interview().outcome is Outcome.NO_REPLY


async def test_outcome_offer_cancels_the_check_ins(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("/debrief outcome no reply")
    (reply,) = await world.say("/debrief outcome Acme offer")
    assert "Acme" in reply.text
    assert world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING) == []
    assert world.interview().outcome is Outcome.OFFER


async def test_an_unreadable_outcome_is_refused(world: World) -> None:
    await world.say(INTERVIEW)
    before = world.snapshot()
    (reply,) = await world.say("/debrief outcome result:maybe")
    assert "callback, offer, rejected or no reply" in reply.text
    assert world.snapshot() == before


# -- nudges: list, cancel, snooze ----------------------------------------------------------


async def test_nudges_are_listed_in_the_persons_own_zone(world: World) -> None:
    await world.say("/debrief settings timezone America/New_York")
    await world.say(INTERVIEW)
    (reply,) = await world.say("/debrief nudges")
    # 13:00 UTC is 09:00 EDT: reminders at 11:00 EDT, 05:00 EDT next day pushed to 08:00
    # (quiet hours), and the check-in a week later at 09:00 EDT.
    assert "Wed 10 Jun 11:00 EDT: Thank-you reminder - Acme" in reply.text
    assert "Thu 11 Jun 08:00 EDT: Thank-you reminder - Acme" in reply.text
    assert 'Wed 17 Jun 09:00 EDT: "Heard back?" check-in - Acme' in reply.text
    assert "UTC" not in reply.text and "BST" not in reply.text


async def test_nudges_says_so_when_there_are_none(world: World) -> None:
    (reply,) = await world.say("/debrief nudges")
    assert reply.text == words.NO_NUDGES


async def test_cancelling_one_nudge_leaves_the_others(world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    (reply,) = await world.say(f"/debrief nudges cancel {first.id}")
    assert f"Cancelled reminder #{first.id}" in reply.text
    assert world.store.nudges.rows[first.id or 0].status is NudgeStatus.CANCELLED
    assert len(world.nudges(status=NudgeStatus.PENDING)) == 2
    (listing,) = await world.say("/debrief nudges")
    assert f"#{first.id} " not in listing.text


async def test_snoozing_a_nudge_moves_it(world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} 3h")
    # 3h later than it was due (16:00 BST), never earlier
    assert "Wed 10 Jun 19:00 BST" in reply.text
    assert world.store.nudges.rows[first.id or 0].due_at == first.due_at + timedelta(hours=3)


async def test_snoozing_a_nudge_that_is_being_sent_says_so_and_changes_nothing(
        world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    row_id = first.id or 0
    world.store.nudges.rows[row_id] = dataclasses.replace(first, status=NudgeStatus.CLAIMED)
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} 3h")
    assert "being sent to you right now" in reply.text
    assert world.store.nudges.rows[row_id].due_at == first.due_at


async def test_snoozing_into_quiet_hours_lands_when_they_end(world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    (reply,) = await world.say(f"/debrief nudges snooze #{first.id} 7h")  # 23:00 BST
    assert "Thu 11 Jun 08:00 BST" in reply.text
    assert world.store.nudges.rows[first.id or 0].due_at == datetime(2026, 6, 11, 7, 0,
                                                                     tzinfo=UTC)


async def test_snoozing_until_a_local_time(world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    await world.say(f"/debrief nudges snooze {first.id} tomorrow 9:00")
    assert world.store.nudges.rows[first.id or 0].due_at == datetime(2026, 6, 11, 8, 0,
                                                                     tzinfo=UTC)


@pytest.mark.parametrize("command, message", [
    ("/debrief nudges cancel 999", "couldn't find a scheduled reminder #999"),
    ("/debrief nudges cancel abc", "Which reminder?"),
    ("/debrief nudges cancel", "Which reminder?"),
    ("/debrief nudges snooze 999 2h", "couldn't find a scheduled reminder #999"),
    ("/debrief nudges snooze {id} 60d", "next 30 days"),
    ("/debrief nudges snooze {id} banana", "couldn't read \"banana\""),
    ("/debrief nudges explode {id}", "isn't something I can do with reminders"),
])
async def test_bad_nudge_commands_are_refused_and_change_nothing(
        world: World, command: str, message: str) -> None:
    await world.say(INTERVIEW)
    before = world.snapshot()
    (reply,) = await world.say(command.format(id=world.nudges()[0].id))
    assert message in reply.text
    assert world.snapshot() == before


async def test_a_person_cannot_cancel_someone_elses_nudge(world: World) -> None:
    await world.say(INTERVIEW)
    anns = world.nudges()[0]
    (reply,) = await world.say(f"/debrief nudges cancel {anns.id}", who=BOB)
    assert "couldn't find" in reply.text
    assert world.store.nudges.rows[anns.id or 0].status is NudgeStatus.PENDING


async def test_a_cancelled_nudge_cannot_be_cancelled_again(world: World) -> None:
    await world.say(INTERVIEW)
    first = world.nudges()[0]
    await world.say(f"/debrief nudges cancel {first.id}")
    (reply,) = await world.say(f"/debrief nudges cancel {first.id}")
    assert "is already cancelled" in reply.text  # a double send: not "couldn't find"


# -- settings ------------------------------------------------------------------------------


async def test_setting_a_timezone_is_saved_and_shown(world: World) -> None:
    (reply,) = await world.say("/debrief settings timezone Asia/Kolkata")
    assert "Asia/Kolkata" in reply.text and "Saved your timezone" in reply.text
    assert "18:30 IST" in reply.text  # the local time there now
    assert world.user().timezone == "Asia/Kolkata"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Europe/Londn", "../../etc/passwd", "x" * 80])
async def test_an_unknown_timezone_is_refused_and_nothing_changes(world: World,
                                                                 zone: str) -> None:
    await world.say("/debrief settings timezone Europe/Paris")
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief settings timezone {zone}")
    assert "I don't know the timezone" in reply.text
    assert "Nothing was changed" in reply.text
    assert world.snapshot() == before
    assert world.user().timezone == "Europe/Paris"


async def test_quiet_hours_are_saved(world: World) -> None:
    (reply,) = await world.say("/debrief settings quiet 23:00-07:30")
    assert "Quiet hours: 23:00-07:30" in reply.text
    assert (world.user().quiet_start, world.user().quiet_end) == (time(23, 0), time(7, 30))


async def test_quiet_hours_can_be_turned_off(world: World) -> None:
    (reply,) = await world.say("/debrief settings quiet off")
    assert "Quiet hours: off" in reply.text


@pytest.mark.parametrize("quiet", ["banana", "22:00", "25:00-08:00", "08:00-08:00"])
async def test_unreadable_quiet_hours_are_refused_and_nothing_changes(world: World,
                                                                     quiet: str) -> None:
    await world.say("/debrief settings quiet 22:00-07:00")
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief settings quiet {quiet}")
    assert "as quiet hours" in reply.text and "Nothing was changed" in reply.text
    assert world.snapshot() == before


async def test_quiet_hours_apply_to_nudges_scheduled_afterwards(world: World) -> None:
    await world.say("/debrief settings quiet 15:00-17:00")
    await world.say(INTERVIEW)
    # 2h after 14:00 BST is 16:00, inside the window: held until 17:00 BST.
    assert world.nudges(NudgeKind.THANK_YOU)[0].due_at == datetime(2026, 6, 10, 16, 0,
                                                                    tzinfo=UTC)


async def test_settings_without_changes_shows_the_current_ones(world: World) -> None:
    (reply,) = await world.say("/debrief settings")
    assert "Europe/London (from your chat profile" in reply.text
    assert "Quiet hours: 22:00-08:00" in reply.text


# -- export, forget, history, help ---------------------------------------------------------


async def test_export_contains_everything(world: World) -> None:
    await world.reflect_fully()
    await world.say("/debrief settings timezone Europe/Paris")
    await world.say('/debrief interview Globex when:"tomorrow 3pm"', who=BOB)
    (reply,) = await world.say("/debrief export")
    data = json.loads(reply.copy_text or "")
    assert data["person"]["identity"] == {"platform": "console", "workspace_id": "local",
                                          "user_id": "ann"}
    assert data["person"]["timezone"] == "Europe/Paris"
    (interview,) = data["interviews"]
    assert interview["company"] == "Acme" and interview["interviewer"] == "Jane Doe"
    assert interview["answers"]["reference"] == "their migration to Kubernetes"
    assert interview["reflection_state"] == "completed"
    assert len(data["reminders"]) == len([n for n in world.nudges()
                                         if n.user_id == world.user().id])
    assert {r["kind"] for r in data["reminders"]} == {"thank_you", "check_in"}
    assert "Globex" not in (reply.copy_text or "")  # nobody else's data
    assert "1 interview with its reflection and" in reply.text


async def test_forget_without_confirmation_deletes_nothing(world: World) -> None:
    await world.reflect_fully()
    before = world.snapshot()
    (reply,) = await world.say("/debrief forget")
    assert "/debrief forget confirm" in reply.text
    assert [a.value for a in reply.actions] == ["/debrief forget confirm"]
    assert world.snapshot() == before


async def test_forget_with_confirmation_deletes_everything_about_the_person(
        world: World) -> None:
    await world.reflect_fully()
    await world.say("/debrief interview Globex", who=BOB)
    (reply,) = await world.say("/debrief forget confirm")
    assert reply.text == words.FORGET_DONE
    assert ANN not in world.store.users.index
    bob_id = world.user(BOB).id
    assert {i.user_id for i in world.interviews()} == {bob_id}
    assert {n.user_id for n in world.nudges()} == {bob_id}
    (again,) = await world.say("/debrief forget confirm")
    assert again.text == words.ALREADY_FORGOTTEN


async def test_history_lists_interviews_with_reflections_and_outcomes(world: World) -> None:
    await world.reflect_fully()
    await world.say("/debrief outcome callback")
    world.clock.advance(timedelta(days=1))
    await world.say("/debrief interview Globex")
    (listing,) = await world.say("/debrief history")
    assert listing.text.index("Globex") < listing.text.index("Acme")  # newest first
    assert "reflection done, thank-you planned, outcome: callback" in listing.text
    assert "reflection in progress" in listing.text
    iid = next(i.id for i in world.interviews() if i.company == "Acme")
    (detail,) = await world.say(f"/debrief history #{iid}")
    text = said([detail])
    assert "their migration to Kubernetes" in text
    assert "Jane Doe" in text


async def test_history_without_interviews_says_how_to_log_one(world: World) -> None:
    (reply,) = await world.say("/debrief history")
    assert reply.text == words.NO_INTERVIEWS


async def test_help_lists_every_subcommand(world: World) -> None:
    (reply,) = await world.say("/debrief help")
    for name in ("help", "interview", "reflect", "followup", "draft", "outcome", "nudges",
                 "history", "tip", "settings", "export", "forget"):
        assert f"/debrief {name}" in reply.text, name
    for spec in SUBCOMMANDS:
        assert spec.usage in reply.text
    assert len(reply.text.splitlines()) >= len(SUBCOMMANDS) + 1


async def test_a_tip_for_a_named_area(world: World) -> None:
    (reply,) = await world.say("/debrief tip follow up")
    assert reply.text.startswith("Tip · Follow up")


# -- interviews logged ahead ---------------------------------------------------------------


async def test_an_interview_logged_ahead_schedules_a_reflect_prompt_and_waits(
        world: World) -> None:
    (reply,) = await world.say('/debrief interview Globex when:"tomorrow 3pm" role:Analyst')
    assert "Logged your interview at Globex (Analyst) on Thu 11 Jun 15:00 BST" in reply.text
    assert "question 1" not in reply.text
    interview = world.interview()
    assert interview.reflection_state is ReflectionState.NOT_STARTED
    assert interview.happens_at == datetime(2026, 6, 11, 14, 0, tzinfo=UTC)
    (prompt,) = world.nudges(NudgeKind.REFLECT)
    assert prompt.due_at == datetime(2026, 6, 11, 15, 0, tzinfo=UTC)  # an hour after
    assert "Reflection prompt" in reply.text
    listed = [line.split(": ", 1)[1] for line in reply.text.splitlines() if line.startswith("•")]
    assert listed == ["Prep for your interview - Globex (Analyst)",  # in the order they come
                      "Reflection prompt - Globex (Analyst)",
                      "Thank-you reminder - Globex (Analyst)",
                      "Thank-you reminder - Globex (Analyst)",
                      '"Heard back?" check-in - Globex (Analyst)']
    # typing now does not answer a question of a reflection that has not started
    (answer,) = await world.say("2")
    assert answer.text.startswith("There's no question open right now. Your next interview "
                                  "is Globex (Analyst) tomorrow at 15:00")
    assert world.interview().answers == {}


async def test_a_past_interview_starts_its_reflection_and_skips_past_nudges(
        world: World) -> None:
    replies = await world.say('/debrief interview Acme when:"3h ago"')
    assert "question 1\n" in said(replies) and "What kind of interview" in said(replies)
    # the 2h thank-you reminder is already in the past; the 20h one (07:00 BST tomorrow)
    # is not, and waits for the end of quiet hours at 08:00 BST
    (thank_you,) = world.nudges(NudgeKind.THANK_YOU)
    assert thank_you.due_at == datetime(2026, 6, 11, 7, 0, tzinfo=UTC)


# -- bad input: a friendly message, nothing stored -----------------------------------------


@pytest.mark.parametrize("command, message", [
    ("/debrief bogus", "I don't know the command `bogus`"),
    ("/debrief " + "x" * 2100, "too long"),
    ('/debrief interview Acme when:"the day after whenever"', "couldn't read the time"),
    ('/debrief interview Acme when:"2020-01-01 10:00"', "too far away"),
    ("/debrief interview " + "A" * 101, "company name is 101 characters"),
    ("/debrief interview Acme role:" + "R" * 101, "role is 101 characters"),
    ("/debrief interview", "Which company was it?"),
])
async def test_bad_input_gets_a_friendly_message_and_stores_nothing(
        world: World, command: str, message: str) -> None:
    (reply,) = await world.say(command)
    assert message in reply.text
    assert world.is_empty()


async def test_answering_when_no_reflection_is_open_changes_nothing(world: World) -> None:
    await world.reflect_fully()
    before = world.snapshot()
    (reply,) = await world.say("my answer to nothing")
    assert reply.text == words.NO_OPEN_REFLECTION
    assert world.snapshot() == before


async def test_a_first_message_that_is_not_a_command_logs_nothing(world: World) -> None:
    (reply,) = await world.say("hello?")
    assert reply.text.startswith("Hi! I'm Debrief")  # "pick one up again": no one
    assert "/debrief reflect" not in reply.text
    assert world.interviews() == [] and world.nudges() == []


async def test_a_storage_failure_half_way_stores_nothing_and_says_try_again(
        world: World) -> None:
    def failing() -> UnitOfWork:
        uow = world.store.unit_of_work()

        async def broken(*args: object, **kwargs: object) -> list[Nudge]:
            raise RuntimeError("disk full")

        uow.nudges.add_many = broken  # type: ignore[method-assign]
        return uow

    bot = Debrief(failing, world.clock)
    (reply,) = await bot.handle(Incoming(ANN, text=INTERVIEW))
    assert reply.text == words.TRY_AGAIN_LATER
    assert world.is_empty()  # the interview added before the failure was rolled back


async def test_the_same_user_id_in_another_workspace_is_another_person(
        world: World) -> None:
    await world.reflect_fully()
    other = Identity("console", "elsewhere", "ann")
    (reply,) = await world.say("/debrief history", who=other)
    assert reply.text == words.NO_INTERVIEWS


async def test_reflect_on_a_company_whose_name_ends_in_redo_keeps_the_answers(
        world: World) -> None:
    await world.say("/debrief interview Laredo type:other")
    await world.say(ANSWERS[0])
    await world.say(ANSWERS[1])
    await world.say("cancel")
    replies = await world.say("/debrief reflect Laredo")
    assert "question 3 of 11" in said(replies)
    assert world.interview().answers["remember"] == ANSWERS[1]


async def test_reflect_redo_starts_the_reflection_over(world: World) -> None:
    await world.reflect_fully()
    replies = await world.say("/debrief reflect Acme redo")
    assert "question 1 of 11" in said(replies)
    assert world.interview().answers == {}
    assert world.interview().reflection_state is ReflectionState.OPEN


async def test_the_outcome_buttons_work_when_their_value_is_typed(world: World) -> None:
    await world.say(INTERVIEW)
    (ask,) = await world.say("/debrief outcome")
    assert [c.label for c in ask.choices] == ["Callback", "Offer", "Rejected", "No reply yet"]
    reply, _source_question = await world.say(ask.choices[3].value)
    assert reply.text.startswith("Noted - no reply yet.")
    assert world.interview().outcome is Outcome.NO_REPLY
    (reply,) = await world.say(ask.choices[1].value)
    assert "Congratulations on the offer" in reply.text


async def test_the_summary_button_marks_the_thank_you_sent(world: World) -> None:
    (summary,) = await world.reflect_fully()
    button = summary.actions[0]  # the first: the thank-you; then the story offer
    (reply,) = await world.say(button.value)
    assert "Marked your thank-you note" in reply.text
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []


async def test_the_reflect_prompt_after_an_interview_logged_ahead_starts_the_reflection(
        world: World) -> None:
    class Inbox:
        def __init__(self) -> None:
            self.replies: list[Reply] = []

        async def deliver(self, user: User, reply: Reply) -> str:
            self.replies.append(reply)
            return str(len(self.replies))

    await world.say('/debrief interview Globex when:"tomorrow 3pm"')
    world.clock.set(datetime(2026, 6, 11, 15, 0, tzinfo=UTC))  # 16:00 BST, an hour after
    inbox = Inbox()
    await Dispatcher(memory_uow_factory(world.store), inbox, world.clock).run_until_idle()
    prompts = [r for r in inbox.replies if "reflect" in r.tags]
    assert len(prompts) == 1
    assert "How did your interview at Globex go?" in prompts[0].text
    reflect_now = next(a for a in prompts[0].actions if a.label == "Reflect now")
    replies = await world.say(reflect_now.value)
    assert "question 1\n" in said(replies) and "What kind of interview" in said(replies)
    assert world.interview().reflection_state is ReflectionState.OPEN
