"""After an outcome, the optional "how did this interview come about?" question is a message
of its own, after the outcome's reply and its draft: in a channel (both through the
command's response URL, in order; neither rides in the acknowledgement, which could reach
the person after the second) and in the DM a rejection asked for in a channel goes to."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_env import SlackEnv
from test_slack_lifecycle import text_of


def _shown_in_channel(env: SlackEnv, since: int) -> list[dict[str, Any]]:
    """Messages shown where the command was typed (ack or response URL), oldest first."""
    return [c.args for c in env.fake.calls_to("response_url")[since:]]


async def _logged(env: SlackEnv, company: str) -> None:
    await env.ada.slash(f"interview {company} type:other")
    await env.fake.wait_for(lambda: env.ada.dm_messages())
    n = len(env.ada.dm_messages())
    await env.ada.say("cancel")  # no reflection today
    await env.fake.wait_for(lambda: len(env.ada.dm_messages()) > n)


async def test_in_a_channel_the_outcome_comes_first_then_the_question_with_its_buttons(
        slack_env: SlackEnv) -> None:
    env = slack_env
    await _logged(env, "Acme")
    since = len(env.fake.calls_to("response_url"))
    ack = await env.ada.slash("outcome Acme callback")
    assert ack.status == 200
    await env.fake.wait_for(lambda: len(_shown_in_channel(env, since)) >= 2)
    await asyncio.sleep(0.2)  # nothing else follows
    outcome, question = _shown_in_channel(env, since)
    assert "via" not in outcome and "via" not in question  # both by response URL, in order
    assert "A callback - well done!" in text_of(outcome)
    assert "come about" not in text_of(outcome)
    assert "how did the Acme interview come about?" in text_of(question)
    buttons = [e["text"]["text"] for b in question["blocks"] if b["type"] == "actions"
               for e in b["elements"]]
    assert buttons == ["A referral", "My application", "A recruiter", "Another way"]
    assert outcome["response_type"] == question["response_type"] == "ephemeral"


async def test_a_rejection_typed_in_a_channel_goes_to_the_dm_with_the_question_after_it(
        slack_env: SlackEnv) -> None:
    env, ada = slack_env, slack_env.ada
    await _logged(env, "Globex")
    since = len(env.fake.calls_to("response_url"))
    n = len(ada.dm_messages())
    ack = await ada.slash("outcome Globex rejected")
    assert "direct message" in ack.json()["text"]  # only the note stays in the channel
    await env.fake.wait_for(lambda: len(ada.dm_messages()) >= n + 2)
    await asyncio.sleep(0.2)
    reply, question = ada.dm_messages()[n:]
    assert text_of(reply).startswith("I'm sorry.")
    assert "come about" not in text_of(reply)
    assert "how did the Globex interview come about?" in text_of(question)
    assert len(_shown_in_channel(env, since)) == 1, "nothing else of it in the channel"


async def test_with_the_dm_closed_a_rejection_and_its_question_give_one_hint(
        slack_env: SlackEnv) -> None:
    """Both go to the DM; when it cannot be opened, the channel gets the content-free hint
    once, not once per message (and never the question on its own)."""
    env, fake = slack_env, slack_env.fake
    await _logged(env, "Globex")
    since = len(fake.calls_to("response_url"))
    fake.fail("chat.postMessage", "messages_tab_disabled", times=5)  # the DM is closed
    await env.ada.slash("outcome Globex rejected")
    await fake.wait_for(lambda: len(_shown_in_channel(env, since)) >= 2)
    await asyncio.sleep(0.3)
    shown = [text_of(m) if m.get("blocks") else m.get("text", "")
             for m in _shown_in_channel(env, since)]
    assert len(shown) == 2, shown  # the pointer to the DM, then one hint
    assert "direct message" in shown[0]
    assert "come about" not in " ".join(shown) and "sorry" not in " ".join(shown).lower()
