"""A whole reflection through Discord, as the person experiences it, on the real core."""

from __future__ import annotations

from typing import Any

from fake_discord import EPHEMERAL, FakeDiscord, FakeUser

from adapters.discord import DiscordAdapter
from bot.memory import MemoryStore
from bot.model import ThankYou
from bot.notes.phrasings import REFERENCE
from bot.values import Identity


def buttons(fake: FakeDiscord, message: dict[str, Any]) -> list[dict[str, Any]]:
    return fake.buttons(fake.messages[int(message["id"])])


def all_disabled(fake: FakeDiscord, message: dict[str, Any]) -> bool:
    comps = [c for row in fake.messages[int(message["id"])]["components"]
             for c in row["components"]]
    return bool(comps) and all(c.get("disabled") for c in comps)


async def next_dm(fake: FakeDiscord, user: FakeUser, before: int) -> dict[str, Any]:
    """Wait for the bot's next DM message and return the newest one."""
    await fake.wait_until(lambda: len(fake.dms(user)) > before)
    return fake.dms(user)[-1]


async def test_whole_reflection_with_buttons_typed_replies_modal_and_select(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    alice = fake.add_user("alice")

    # /debrief interview in a server: an ephemeral confirmation, the reflection in the DM.
    command = await fake.command(alice, "interview", company="Acme", type="other",
                                 role="Backend Engineer", interviewer="priya & tom")
    question = await next_dm(fake, alice, 0)
    await fake.wait_until(lambda: fake.replies_to(command)
                          and "Acme" in fake.replies_to(command)[0]["content"])
    # Answered in the callback itself (CHANNEL_MESSAGE_WITH_SOURCE), visible only to alice.
    assert command.callbacks[0]["type"] == 4
    assert command.callbacks[0]["data"]["flags"] & EPHEMERAL
    assert all(m["flags"] & EPHEMERAL for m in fake.replies_to(command))
    assert not question["flags"] & EPHEMERAL
    assert "How memorable" in question["content"]
    labels = [b["label"] for b in buttons(fake, question)]
    assert labels[:3] == ["1. I probably blended in", "2. A few moments stood out",
                          "3. They'll remember me"]
    assert {"Skip", "Back", "Cancel"} <= set(labels)

    # 1. a choice, by button: the answered question's buttons are disabled afterwards.
    n = len(fake.dms(alice))
    click = await fake.click(alice, question, "2.")
    question2 = await next_dm(fake, alice, n)
    assert click.callbacks[0]["type"] == 7  # UPDATE_MESSAGE: the ack disables the buttons
    assert all_disabled(fake, question)
    clicked = next(b for b in buttons(fake, question) if b["label"].startswith("2."))
    assert clicked["style"] == 3  # the chosen answer stays visible (green)
    assert "remember about you" in question2["content"]
    assert any(b["label"] == "Answer…" for b in buttons(fake, question2))

    # 2. free text, typed as an ordinary DM message.
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "The story about cutting deploy time by 80%")
    question3 = await next_dm(fake, alice, n)
    assert "most interested in" in question3["content"]
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "our on-call setup")
    question3 = await next_dm(fake, alice, n)
    assert "thank-you note" in question3["content"]

    # 3. a choice, by typing its number.
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "2")
    question4 = await next_dm(fake, alice, n)
    assert "should mention" in question4["content"]

    # 4. free text through the "Answer…" button's modal.
    opened = await fake.click(alice, question4, "Answer")
    await fake.wait_until(lambda: opened.modal is not None)
    modal = opened.modal
    assert modal is not None and modal["components"][0]["component"]["max_length"] == 1000
    n = len(fake.dms(alice))
    await fake.submit_modal(alice, opened, {"answer": "We talked about their migration to "
                                            "Kubernetes 🚀 lol"})
    question5 = await next_dm(fake, alice, n)
    assert all_disabled(fake, question4)
    assert "professional" in question5["content"]

    # 5. a choice by its words on the button.
    n = len(fake.dms(alice))
    await fake.click(alice, question5, "Friendly")
    question6 = await next_dm(fake, alice, n)
    assert "research" in question6["content"]

    # 6. several choices at once: a select menu.
    select = next(c for row in question6["components"] for c in row["components"]
                  if c["type"] == 3)
    assert select["max_values"] == 4
    n = len(fake.dms(alice))
    await fake.choose(alice, question6, ["3", "1"])
    question7 = await next_dm(fake, alice, n)
    assert all_disabled(fake, question6)
    assert "Which questions" in question7["content"]

    for answer in ("How does the on-call rotation work?", "4"):
        n = len(fake.dms(alice))
        await fake.send_dm(alice, answer)
        await next_dm(fake, alice, n)
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "Five years of running Postgres at scale")
    timeline = await next_dm(fake, alice, n)
    assert "timeline" in timeline["content"]
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "in two weeks")
    summary = await next_dm(fake, alice, n)

    # The summary: fields in an embed, the thank-you draft ready to copy, one action.
    assert summary["embeds"][0]["title"] == "Your reflection: Acme"
    field_names = [f["name"] for f in summary["embeds"][0]["fields"]]
    assert "What went well" in field_names
    assert "```" in summary["content"]
    # A panel: the summary shows Priya's note and points to the one for Tom; the reference
    # typed as a sentence reads as a phrase; signed with the Discord global name (the fake's
    # user payload: username "alice", global_name "Alice", as in discord-api-docs' User object).
    content = summary["content"]
    assert "Subject: Thank you - Backend Engineer interview\n\nHi Priya,\n" in content
    assert sum(p.format(ref="your migration to Kubernetes") in content for p in REFERENCE) == 1
    assert "Postgres at scale" in content
    assert "\nAlice\n```" in content
    assert "one for each of the 2 people you met" in content
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "/debrief draft")
    await fake.wait_until(lambda: len(fake.dms(alice)) >= n + 2)
    drafts = [m["content"] for m in fake.dms(alice)[n:n + 2]]
    assert "Note 2 of 2: to Tom." in drafts[1] and "\n\nHi Tom,\n" in drafts[1]

    user = store.users.rows[store.users.index[Identity("discord", "discord", str(alice.id))]]
    interview = next(iter(store.interviews.rows.values()))
    assert interview.user_id == user.id
    assert interview.answers["researched"] == ["company", "role"]
    assert interview.answers["thank_you"] == "planned"

    n = len(fake.dms(alice))
    await fake.click(alice, summary, "Mark thank-you sent")
    await next_dm(fake, alice, n)
    assert all_disabled(fake, summary)
    interview = next(iter(store.interviews.rows.values()))
    assert interview.thank_you is ThankYou.SENT


async def test_buttons_still_work_after_a_restart(
        fake: FakeDiscord, start_adapter: Any) -> None:
    first = await start_adapter()
    bob = fake.add_user("bob")
    await fake.command(bob, "interview", in_dm=True, company="Globex", type="other")
    question = await next_dm(fake, bob, 0)
    await first.stop()

    await start_adapter()  # a new process: nothing in memory but the registered item classes
    n = len(fake.dms(bob))
    await fake.click(bob, question, "They'll remember me")
    following = await next_dm(fake, bob, n)
    assert "remember about you" in following["content"]
    assert all_disabled(fake, question)


async def test_dm_slash_commands_reply_in_the_dm_without_ephemeral(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    carol = fake.add_user("carol")
    inter = await fake.command(carol, "interview", in_dm=True, company="Initech", type="other")
    await fake.wait_until(lambda: any("How memorable" in m["content"]
                                      for m in fake.replies_to(inter)))
    assert inter.callbacks[0]["type"] == 4  # the answer is the callback
    assert not (inter.callbacks[0].get("data") or {}).get("flags")
    assert not any(m["flags"] & EPHEMERAL for m in fake.replies_to(inter))
    assert not fake.calls_to("POST", r"^/users/@me/channels$")  # already in the DM
