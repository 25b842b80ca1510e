"""Where answers appear: ephemeral in channels, normal messages in the DM, the DM as the
fallback when a channel cannot take an ephemeral message."""

from __future__ import annotations

import json

import pytest
from fake_slack import FakeSlack
from slack_env import SlackEnv, make_settings

from adapters.slack import SlackAdapter, SlackStartupError
from bot import copy
from bot.memory import memory_uow_factory
from bot.service import Debrief
from bot.values import Identity, Incoming


async def test_forget_asks_in_the_channel_and_its_button_works_there(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Acme type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    await ada.slash("forget")
    ask = (await fake.wait_for_calls("response_url", 2))[1]
    assert ask.args["response_type"] == "ephemeral"

    await ada.click_ephemeral(ask.args, "Delete everything")
    await fake.wait_for(lambda: len(fake.calls_to("response_url")) == 4)
    spent, done = fake.calls_to("response_url")[2:]
    assert spent.args["replace_original"] is True  # the question's button is gone
    assert "✓ Delete everything" in json.dumps(spent.args["blocks"], ensure_ascii=False)
    assert done.args["response_type"] == "ephemeral"
    assert done.text == copy.FORGET_DONE
    history = await slack_env.core.handle(
        Incoming(Identity("slack", fake.team_id, "UADA"), "/debrief history"))
    assert history[0].text == copy.NO_INTERVIEWS


async def test_a_slash_command_in_the_bots_dm_is_answered_with_a_normal_message(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("help", channel=ada.dm)
    await fake.wait_for(lambda: ada.dm_messages())
    assert "/debrief interview" in ada.dm_messages()[0]["text"]
    assert not fake.calls_to("response_url") and not fake.calls_to("chat.postEphemeral")


async def test_a_slash_command_in_a_dm_with_someone_else_stays_ephemeral(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("help", channel="DSOMEONEELSE")
    reply = (await fake.wait_for_calls("response_url", 1))[0]
    assert reply.args["response_type"] == "ephemeral"
    assert not fake.posted()


async def test_when_a_channel_refuses_ephemeral_posts_the_answer_goes_to_the_dm(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    fake.fail("chat.postEphemeral", "not_in_channel")
    await ada.slash("interview")
    view = (await fake.wait_for_calls("views.open", 1))[0].args["view"]
    await ada.submit(view, {"company": {"type": "plain_text_input", "value": "Acme"}})
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)
    texts = [m["text"] for m in ada.dm_messages()]
    assert "Logged your interview at Acme" in texts[0]
    assert "What kind of interview" in texts[1]  # no type on the form: asked first


async def test_a_refused_app_token_fails_start_with_the_reason(fake: FakeSlack) -> None:
    settings = make_settings(fake, socket=True)
    fake.app_token = "xapp-some-other-token"
    adapter = SlackAdapter(settings, Debrief(memory_uow_factory()))
    with pytest.raises(SlackStartupError, match="invalid_auth"):
        await adapter.start()
    await adapter.stop()
    assert not adapter.connected()
