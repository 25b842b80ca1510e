"""One interview from the day before to the answer, through the real Bolt app and the fake
Slack: logged ahead, prep arrives, the interview, a reflection that knows the prep, the
thank-you, no reply, a follow-up draft, the outcome; and the rejection path.

Button clicks are block_actions payloads and DM messages are message.im events shaped as in
slack_bolt's tests/scenario_tests_async (see slack_people.py, which cites them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_env import SlackEnv

from bot.model import NudgeKind, NudgeStatus, Outcome
from bot.nudges.dispatcher import Dispatcher

# The type first (logged without one), the optional new questions skipped.
ANSWERS = ["other", "2", "my story about cutting latency by 40%", "skip", "planned",
           "their migration to Kubernetes", "1", "1,3",
           "What does success look like in six months?", "4", "ten years of platform work",
           "skip"]


def text_of(message: dict[str, Any]) -> str:
    """Every text in the message's blocks (sections, fields, buttons), as shown."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message["blocks"])
    return "\n".join(found)


async def dm(env: SlackEnv, text: str) -> dict[str, Any]:
    """Ada types ``text`` in her DM; the bot's newest DM message once it answered."""
    n = len(env.ada.dm_messages())
    await env.ada.say(text)
    await env.fake.wait_for(lambda: len(env.ada.dm_messages()) > n)
    return env.ada.dm_messages()[-1]


async def click(env: SlackEnv, label: str, message: dict[str, Any]) -> dict[str, Any]:
    n = len(env.ada.dm_messages())
    await env.ada.click(label, message)
    await env.fake.wait_for(lambda: len(env.ada.dm_messages()) > n)
    return env.ada.dm_messages()[-1]


async def deliver_at(env: SlackEnv, at: datetime) -> dict[str, Any]:
    env.clock.set(at)
    n = len(env.ada.dm_messages())
    await Dispatcher(env.uow, env.adapter.gateway, env.clock).run_until_idle()
    await env.fake.wait_for(lambda: len(env.ada.dm_messages()) > n)
    return env.ada.dm_messages()[-1]


async def nudges_of(env: SlackEnv, kind: NudgeKind) -> list[NudgeStatus]:
    async with env.uow() as uow:
        interviews = await uow.interviews.get_many([1])
        return [n.status for n in await uow.nudges.list_for_interview(1)
                if n.kind is kind] if interviews else []


async def test_one_interview_from_prep_to_follow_up_on_slack(slack_env: SlackEnv) -> None:
    env, fake, ada = slack_env, slack_env.fake, slack_env.ada
    await dm(env, "/debrief stories add Latency | I led a sprint that cut p99 latency by 40%")

    # Wednesday 10:00 in Berlin: log Friday's interview ahead.
    ack = await ada.slash('interview Acme when:"fri 10:00" role:Analyst interviewer:"Jane Doe"')
    assert ack.status == 200
    logged = (await fake.wait_for_calls("response_url", 1))[0]
    assert "Prep for your interview" in logged.text

    # Thursday 18:00 CET: the prep message, whose button opens prep.
    prep_nudge = await deliver_at(env, datetime(2026, 3, 5, 17, 0, tzinfo=UTC))
    assert "Tomorrow at 10:00: your interview at Acme (Analyst)" in text_of(prep_nudge)
    prep = await click(env, "Prepare now", prep_nudge)
    assert "Prep: Acme (Analyst)" in text_of(prep)
    assert "The interviewer, Jane Doe" in text_of(prep)
    ticked = await click(env, "Tick 1: Company's recent news", prep)
    assert "1 of 5 done" in text_of(ticked)
    await dm(env, "/debrief prep question Your spring post said intake moves to mobile - "
                  "what surprised the team?")
    planned = await dm(env, "/debrief prep story 1")
    assert "you'll tell \"Latency\" at Acme" in text_of(planned)

    # Friday 11:00 CET, an hour after it began: the reflection prompt.
    prompt = await deliver_at(env, datetime(2026, 3, 6, 10, 0, tzinfo=UTC))
    assert "How did your interview at Acme (Analyst) go?" in text_of(prompt)
    question = await click(env, "Reflect now", prompt)
    assert "What kind of interview" in text_of(question)  # logged without a type
    for answer in ANSWERS[:-1]:
        await dm(env, answer)
    n = len(ada.dm_messages())
    await ada.say(ANSWERS[-1])
    await fake.wait_for(lambda: len(ada.dm_messages()) >= n + 3)  # summary + 2 questions
    summary, questions, story = ada.dm_messages()[-3:]
    assert "Your reflection" in text_of(summary)
    assert "Your spring post said intake moves to mobile" in text_of(questions)
    asked = await click(env, "Asked it", questions)
    assert "asked" in text_of(asked)
    told = await click(env, "I told story 1", story)
    assert "you told \"Latency\" at Acme" in text_of(told)
    sent = await click(env, "Mark thank-you sent", summary)
    assert "thank-you" in text_of(sent).lower()

    # A week later (5 business days): "heard back?"; no reply yet -> a follow-up draft.
    check_in = await deliver_at(env, datetime(2026, 3, 13, 9, 0, tzinfo=UTC))
    assert "Have you heard back from Acme" in text_of(check_in)
    n = len(ada.dm_messages())
    await ada.click("No reply yet", check_in)
    await fake.wait_for(lambda: len(ada.dm_messages()) >= n + 2)
    follow_up, source = ada.dm_messages()[-2:]  # the draft, then the optional question
    assert "how did the Acme interview come about?" in text_of(source)
    assert "come about" not in text_of(follow_up)
    assert "good time to follow up with Acme" in text_of(follow_up)
    assert "Following up - Analyst interview" in text_of(follow_up)
    assert "Hi Jane," in text_of(follow_up)
    assert await nudges_of(env, NudgeKind.FOLLOW_UP) == [NudgeStatus.PENDING]

    # They call back: the outcome is recorded and the follow-ups stop.
    outcome = await dm(env, "/debrief outcome Acme callback")
    assert "A callback - well done!" in text_of(outcome)
    assert await nudges_of(env, NudgeKind.FOLLOW_UP) == [NudgeStatus.CANCELLED]
    async with env.uow() as uow:
        (interview,) = (await uow.interviews.get_many([1])).values()
        bank = await uow.stories.list_for_user(interview.user_id)
    assert interview.outcome is Outcome.CALLBACK
    assert bank[0].told_in == [1]
    assert not fake.posted("C0GENERAL"), "nothing of it went to the channel"


async def test_a_rejection_on_slack_is_acknowledged_kindly_with_a_reply_draft(
        slack_env: SlackEnv) -> None:
    env, ada = slack_env, slack_env.ada
    await ada.slash("interview Globex interviewer:\"Sam Lee\"")
    await env.fake.wait_for(lambda: ada.dm_messages())
    for answer in ANSWERS:
        await dm(env, answer)
    n = len(ada.dm_messages())
    await ada.say("/debrief outcome Globex rejected")
    await env.fake.wait_for(lambda: len(ada.dm_messages()) >= n + 2)
    reply, source = ada.dm_messages()[-2:]
    text = text_of(reply)
    assert "come about" not in text and "A referral" not in text
    assert "how did the Globex interview come about?" in text_of(source)
    saved = await click(env, "My application", source)  # its buttons are its own
    assert "Saved." in text_of(saved)
    assert text.index("I'm sorry. That's disappointing news from Globex.") < text.index(
        "Your strongest moments")
    assert "my story about cutting latency by 40%" in text
    assert "feedback" in text and "Hi Sam," in text
    assert "To carry to the next one" in text
