"""A whole reflection through Slack, against the real core: what the person sees."""

from __future__ import annotations

import copy
import json

from fake_slack import SlackUser
from slack_env import SlackEnv

from bot.notes.phrasings import REFERENCE


def _texts(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def _buttons(message: dict) -> list[str]:
    return [e["text"]["text"] for b in message["blocks"] if b["type"] == "actions"
            for e in b["elements"] if e["type"] == "button"]


async def test_whole_reflection_from_slash_command_to_thank_you_draft(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada

    ack = await ada.slash('interview Acme role:Backend interviewer:"Priya, Tom and Lee"')
    # Acknowledged at once, with the channel note in it (adapters/slack/inline.py).
    assert ack.status == 200 and "only you can see it" in ack.json()["text"]
    assert ack.seconds < 3

    # Only Ada sees the confirmation in the channel; the reflection starts in her DM.
    confirmation = (await fake.wait_for_calls("response_url", 1))[0]
    assert confirmation.args["response_type"] == "ephemeral"
    assert "Acme" in confirmation.text
    await fake.wait_for(lambda: ada.dm_messages())
    first = ada.dm_messages()[0]
    assert "What kind of interview" in _texts(first)  # no type given: asked first
    assert _buttons(first)[:2] == ["1. Recruiter screen", "2. Technical"]
    assert not fake.posted("C0GENERAL"), "nothing about the reflection goes to the channel"
    await ada.click("Technical")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)
    memorable = ada.dm_messages()[1]
    assert _buttons(memorable)[:3] == ["1. I probably blended in",
                                       "2. A few moments stood out",
                                       "3. They'll remember me"]  # numbered: typing 2 works too

    # Click an answer: the message keeps its text and its buttons become a check mark.
    await ada.click("A few moments stood out")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    clicked = fake.messages[memorable["ts"]]
    assert "How memorable" in _texts(clicked)
    assert not _buttons(clicked)
    assert "✓ A few moments stood out" in _texts(clicked)

    # Typed answers in the DM, in everyday words: free text, "not yet" for the thank-you.
    answers = ["I told the story about the outage", "the sharding question, I froze",
               "not yet", "we talked about their migration to Kubernetes lol"]
    for n, answer in enumerate(answers, start=4):
        await ada.say(answer)
        await fake.wait_for(lambda n=n: len(ada.dm_messages()) == n)
    assert "Pick all that apply" in _texts(ada.dm_messages()[-1])

    # Several at once: tick two boxes, press Done.
    await ada.tick_and_done(["The company", "The role"])
    await fake.wait_for(lambda: len(ada.dm_messages()) == 8)
    research = ada.dm_messages()[-2]
    assert "✓ The company, The role" in _texts(research)

    await ada.say("what does success look like in six months")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 9)
    scale = ada.dm_messages()[-1]
    assert _buttons(scale)[:5] == ["1 · Poor fit", "2 · Weak fit", "3 · Partly", "4 · Good fit",
                                   "5 · Great fit"]  # the number once, not "4. 4"
    await ada.click("4 · Good fit")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 10)
    await ada.say("distributed systems & on-call experience")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 11)
    await ada.say("by Friday")
    await fake.wait_for(lambda: "Your reflection" in _texts(ada.dm_messages()[-1]))

    summary = ada.dm_messages()[-1]
    blocks = summary["blocks"]
    assert blocks[0]["type"] == "header"
    copy_block = next(b for b in blocks if b["type"] == "section"
                      and b["text"]["text"].startswith("```"))
    note = copy_block["text"]["text"]
    # A panel of three, a reference typed as a sentence, signed with Ada's Slack real name
    # (users.info profile.real_name; https://api.slack.com/methods/users.info).
    assert "Subject: Thank you - Backend interview\n\nHi Priya,\n" in note
    assert sum(p.format(ref="your migration to Kubernetes") in note for p in REFERENCE) == 1
    assert note.endswith("\nAda```")
    assert "distributed systems &amp; on-call experience" in note  # escaped for Slack
    assert "Mark thank-you sent" in _buttons(summary)

    # Every bot message went to Ada's DM, none to a channel.
    assert {c.args["channel"] for c in fake.posted()} == {ada.dm}


async def test_app_home_shows_upcoming_nudges_and_recent_interviews(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Initech type:other")
    await fake.wait_for(lambda: ada.dm_messages())

    ack = await ada.open_home()
    assert ack.status == 200
    publish = (await fake.wait_for_calls("views.publish", 1))[0]
    assert publish.args["user_id"] == "UADA"
    view = json.dumps(publish.args["view"])
    assert publish.args["view"]["type"] == "home"
    assert "Upcoming reminders" in view and "Initech" in view


async def test_a_double_click_answers_once(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Acme type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    question = copy.deepcopy(ada.dm_messages()[0])  # as it looked on a second screen

    first = await ada.click("They'll remember me", question)
    second = await ada.click("A few moments stood out", question)  # the stale copy
    assert first.status == second.status == 200
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    assert "question 2 of" in _texts(ada.dm_messages()[1])
    assert "already answered - type `back` to change it" in _texts(ada.dm_messages()[2])
    # The question shows what was really chosen, not the refused second click.
    assert "✓ They" in _texts(fake.messages[question["ts"]])
    assert "A few moments" not in _texts(fake.messages[question["ts"]])
    await ada.say("my answer to question two")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 4)
    assert "question 3 of" in _texts(ada.dm_messages()[-1])
    assert len(fake.calls_to("chat.update")) == 1


async def test_a_command_typed_in_the_dm_is_answered_in_the_dm(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.say("/debrief help")
    await fake.wait_for(lambda: ada.dm_messages())
    assert "/debrief interview" in _texts(ada.dm_messages()[0])
    assert not fake.calls_to("chat.postEphemeral")


async def test_notes_are_signed_with_the_slack_real_name_not_the_display_handle(
        slack_env: SlackEnv) -> None:
    # users.info: profile.display_name "grace.h" (a handle), real_name "Grace Hopper".
    fake = slack_env.fake
    grace = slack_env.person(SlackUser("UGRACE", "Grace Hopper", display_name="grace.h"))
    await grace.slash('interview Acme role:"a Data Analyst role" interviewer:"Dr. Gonzalez"')
    await fake.wait_for(lambda: grace.dm_messages())
    await grace.say("/debrief draft")
    await fake.wait_for(lambda: any("Subject:" in _texts(m) for m in grace.dm_messages()))
    draft = next(m for m in grace.dm_messages() if "Subject:" in _texts(m))
    text = _texts(draft)
    assert "Subject: Thank you - Data Analyst interview" in text
    assert "Dear Dr. Gonzalez," in text
    assert "Grace Hopper" in text and "grace.h" not in text
