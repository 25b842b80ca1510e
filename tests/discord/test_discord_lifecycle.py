"""One interview from the day before to the answer, through the real discord.py client and
the fake Discord: logged ahead with /debrief options, prep arrives, the interview, a
reflection that knows the prep, the thank-you, no reply, a follow-up draft, the outcome;
and the rejection path.

Interactions (type 2 commands, type 3 button clicks) and DM MESSAGE_CREATE are shaped as
in discord-api-docs (interactions/receiving-and-responding.mdx, resources/message.mdx);
see fake_discord_users.py, which cites them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fake_discord import FakeDiscord, FakeUser

from adapters.discord import DiscordAdapter
from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import NudgeKind, NudgeStatus, Outcome
from bot.nudges.dispatcher import Dispatcher

# The type first (logged without one), the optional new questions skipped.
ANSWERS = ["other", "2", "my story about cutting latency by 40%", "skip", "planned",
           "their migration to Kubernetes", "1", "1,3",
           "What does success look like in six months?", "4", "ten years of platform work",
           "skip"]


def shown(message: dict[str, Any]) -> str:
    """What the person reads: the content and every embed's text."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
    return "\n".join(parts)


async def after(fake: FakeDiscord, user: FakeUser, n: int, count: int = 1
                ) -> list[dict[str, Any]]:
    await fake.wait_until(lambda: len(fake.dms(user)) >= n + count)
    return fake.dms(user)[n:]


async def typed(fake: FakeDiscord, user: FakeUser, text: str) -> dict[str, Any]:
    n = len(fake.dms(user))
    await fake.send_dm(user, text)
    return (await after(fake, user, n))[-1]


async def click(fake: FakeDiscord, user: FakeUser, message: dict[str, Any],
                label: str) -> dict[str, Any]:
    n = len(fake.dms(user))
    await fake.click(user, message, label)
    return (await after(fake, user, n))[-1]


async def deliver_at(fake: FakeDiscord, user: FakeUser, adapter: DiscordAdapter,
                     store: MemoryStore, clock: FixedClock, at: datetime) -> dict[str, Any]:
    clock.set(at)
    n = len(fake.dms(user))
    await Dispatcher(memory_uow_factory(store), adapter.gateway, clock).run_until_idle()
    return (await after(fake, user, n))[-1]


async def test_one_interview_from_prep_to_follow_up_on_discord(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        clock: FixedClock) -> None:
    alice = fake.add_user("alice")
    await typed(fake, alice, "/debrief stories add Latency | I led a sprint that cut p99 "
                             "latency by 40%")

    # Tuesday 15:00 UTC: Friday's interview, logged ahead with named options.
    logged = await fake.command(alice, "interview", company="Acme", when="fri 10:00",
                                role="Analyst", interviewer="Jane Doe")
    await fake.wait_until(lambda: any("Prep for your interview" in m["content"]
                                      for m in fake.replies_to(logged)))

    # Thursday 18:00: the prep message; its button opens prep in the DM.
    prep_nudge = await deliver_at(fake, alice, adapter, store, clock,
                                  datetime(2026, 3, 12, 18, 0, tzinfo=UTC))
    assert "Tomorrow at 10:00: your interview at Acme (Analyst)" in shown(prep_nudge)
    prep = await click(fake, alice, prep_nudge, "Prepare now")
    assert "Prep: Acme (Analyst)" in shown(prep)
    ticked = await click(fake, alice, prep, "Tick 4")
    assert "1 of 5 done" in shown(ticked)
    asked = await fake.command(alice, "prep", interview="Acme", action="question",
                               value="Your spring post said intake moves to mobile - what "
                                     "surprised the team?")
    await fake.wait_until(lambda: any("Saved as question 1 of 2" in m["content"]
                                      for m in fake.replies_to(asked)))
    await typed(fake, alice, "/debrief prep story 1")

    # Friday 11:00: the reflection prompt, then the reflection.
    prompt = await deliver_at(fake, alice, adapter, store, clock,
                              datetime(2026, 3, 13, 11, 0, tzinfo=UTC))
    assert "How did your interview at Acme (Analyst) go?" in shown(prompt)
    await click(fake, alice, prompt, "Reflect now")
    for answer in ANSWERS[:-1]:
        await typed(fake, alice, answer)
    n = len(fake.dms(alice))
    await fake.send_dm(alice, ANSWERS[-1])
    summary, questions, story = (await after(fake, alice, n, 3))[-3:]
    assert "Your reflection" in shown(summary)
    assert "Your spring post said intake moves to mobile" in shown(questions)
    assert "asked" in shown(await click(fake, alice, questions, "Asked it"))
    assert "you told \"Latency\" at Acme" in shown(await click(fake, alice, story,
                                                               "I told story 1"))
    await click(fake, alice, summary, "Mark thank-you sent")

    # A week later (5 business days): "heard back?" -> no reply yet -> a follow-up draft.
    check_in = await deliver_at(fake, alice, adapter, store, clock,
                                datetime(2026, 3, 20, 10, 0, tzinfo=UTC))
    assert "Have you heard back from Acme" in shown(check_in)
    n = len(fake.dms(alice))
    await fake.click(alice, check_in, "No reply yet")
    follow_up, source = await after(fake, alice, n, 2)  # the draft, then the question
    assert "come about" not in shown(follow_up)
    assert "how did the Acme interview come about?" in shown(source)
    assert "good time to follow up with Acme" in shown(follow_up)
    assert "Following up - Analyst interview" in shown(follow_up)
    assert "Hi Jane," in shown(follow_up)

    outcome = await typed(fake, alice, "/debrief outcome Acme offer")
    assert "Congratulations on the offer" in shown(outcome)
    (interview,) = store.interviews.rows.values()
    assert interview.outcome is Outcome.OFFER
    assert [n.status for n in store.nudges.rows.values()
            if n.kind is NudgeKind.FOLLOW_UP] == [NudgeStatus.CANCELLED]
    (story_row,) = store.stories.rows.values()
    assert story_row.told_in == [interview.id]


async def test_a_rejection_on_discord_is_acknowledged_kindly_with_a_reply_draft(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    bob = fake.add_user("bob")
    await fake.command(bob, "interview", company="Globex", interviewer="Sam Lee")
    await fake.wait_until(lambda: fake.dms(bob))
    for answer in ANSWERS:
        await typed(fake, bob, answer)
    n = len(fake.dms(bob))
    rejected = await fake.command(bob, "outcome", interview="Globex", result="rejected")
    reply, source = await after(fake, bob, n, 2)  # in the DM: the reply, then the question
    text = shown(reply)
    assert "come about" not in text and not reply.get("components")
    assert "how did the Globex interview come about?" in shown(source)
    assert "My application" in str(source["components"])
    assert text.index("I'm sorry. That's disappointing news from Globex.") < text.index(
        "Your strongest moments")
    assert "feedback" in text and "Hi Sam," in text
    await fake.wait_until(lambda: any(m["content"] for m in fake.replies_to(rejected)))
    # the channel only gets a pointer to the DM
    assert all("disappointing" not in m["content"] for m in fake.replies_to(rejected))
