"""Getting messages out: rate limits waited out, nudges as DMs with working buttons, and
failures classified so the dispatcher retries or gives up with a reason."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from slack_env import SlackEnv

from bot import copy
from bot.model import NudgeStatus, User
from bot.nudges.dispatcher import Dispatcher
from bot.ports import DeliveryDeclined, PermanentDeliveryError, RetryableDeliveryError
from bot.values import Choice, Identity, Reply


def _blocks(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


async def test_a_429_on_post_message_is_waited_out_and_the_question_still_arrives(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    fake.rate_limit("chat.postMessage", times=1, retry_after=1)
    started = time.monotonic()
    ack = await ada.slash("interview Acme type:other")
    assert ack.seconds < 1, "the rate limit never delays the acknowledgement"
    await fake.wait_for(lambda: ada.dm_messages(), within=10)
    assert time.monotonic() - started >= 1, "Retry-After was respected"
    assert len(fake.calls_to("chat.postMessage")) == 2  # the 429, then the retry
    assert "How memorable" in _blocks(ada.dm_messages()[0])


async def test_a_due_nudge_arrives_as_a_dm_whose_button_works(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Acme type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    before = len(ada.dm_messages())

    # Two and a half hours later the dispatcher finds the first thank-you reminder due.
    slack_env.clock.advance(timedelta(hours=2, minutes=30))
    dispatcher = Dispatcher(slack_env.uow, slack_env.adapter.gateway, slack_env.clock)
    assert await dispatcher.run_until_idle() >= 1
    nudge = ada.dm_messages()[-1]
    assert len(ada.dm_messages()) == before + 1
    assert "I sent it" in _blocks(nudge)

    async with slack_env.uow() as uow:
        user = await uow.users.get(Identity("slack", fake.team_id, "UADA"))
        assert user is not None and user.id is not None
        sent = [n for n in await uow.nudges.list_for_user(user.id, pending_only=False)
                if n.status is NudgeStatus.SENT]
    assert [n.platform_message_id for n in sent] == [nudge["ts"]]

    await ada.click("I sent it", nudge)
    await fake.wait_for(lambda: len(ada.dm_messages()) == before + 2)
    assert "✓ I sent it" in _blocks(fake.messages[nudge["ts"]])
    async with slack_env.uow() as uow:
        pending = await uow.nudges.list_for_user(user.id)
    assert all(n.kind.value != "thank_you" for n in pending), "the reminders stopped"


async def test_gateway_returns_the_message_ts_and_renders_buttons(slack_env: SlackEnv) -> None:
    fake = slack_env.fake
    user = User(Identity("slack", fake.team_id, "UADA"), id=1)
    reply = Reply("Did you send the thank-you note?", actions=(
        Choice("I sent it", "/debrief followup #1", "primary"),
        Choice("Snooze 1h", "/debrief nudges snooze 1 1h")), tags=frozenset({"nudge"}))
    ts = await slack_env.adapter.gateway.deliver(user, reply)
    message = fake.messages[ts]
    assert message["channel"] == "DUADA"
    buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["value"], b.get("style")) for b in buttons] == [
        ("/debrief followup #1", "primary"), ("/debrief nudges snooze 1 1h", None)]


@pytest.mark.parametrize(("script", "expected", "reason"), [
    (lambda f: f.fail("chat.postMessage", "account_inactive"), PermanentDeliveryError,
     "account_inactive"),
    (lambda f: f.fail("conversations.open", "user_not_found"), PermanentDeliveryError,
     "user_not_found"),
    (lambda f: f.fail("chat.postMessage", "invalid_auth"), PermanentDeliveryError,
     "invalid_auth"),
    (lambda f: f.http_error("chat.postMessage", 503, times=5), RetryableDeliveryError,
     "slack http 503"),
    (lambda f: f.http_error("chat.postMessage", 502, times=1), RetryableDeliveryError,
     "slack http 502"),
    (lambda f: f.rate_limit("chat.postMessage", times=9, retry_after=0),
     RetryableDeliveryError, "slack rate limited (ratelimited)"),
])
async def test_gateway_failures_are_classified_for_the_dispatcher(
        slack_env: SlackEnv, script, expected, reason) -> None:
    script(slack_env.fake)
    user = User(Identity("slack", slack_env.fake.team_id, "UADA"), id=1)
    with pytest.raises(expected) as caught:
        await slack_env.adapter.gateway.deliver(user, Reply("Reminder"))
    assert type(caught.value) is expected
    assert caught.value.reason == reason
    if "rate limited" in reason:
        assert caught.value.retry_after == 0


@pytest.mark.parametrize("identity", [Identity("discord", "G1", "UADA"),
                                      Identity("slack", "T0OTHER", "UADA")])
async def test_people_this_bot_cannot_reach_are_declined_not_failed(
        slack_env: SlackEnv, identity: Identity) -> None:
    with pytest.raises(DeliveryDeclined):
        await slack_env.adapter.gateway.deliver(User(identity, id=1), Reply("Reminder"))
    assert not slack_env.fake.posted()


async def test_when_the_dm_cannot_be_opened_the_channel_gets_a_content_free_hint(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    fake.fail("conversations.open", "messages_tab_disabled")
    await ada.slash("interview Secret Corp type:other")
    await fake.wait_for(lambda: len(fake.calls_to("response_url")) == 2)
    confirmation, hint = fake.calls_to("response_url")
    assert "Secret Corp" in confirmation.text  # the command itself was answered
    assert hint.args["response_type"] == "ephemeral"
    assert hint.text == copy.DMS_CLOSED_HINT.replace("&", "&amp;")
    assert "How memorable" not in json.dumps(hint.args), "never the private text"
    assert not fake.posted()


async def test_a_resent_reminder_already_in_the_dm_is_found_by_its_metadata_not_posted_twice(
        slack_env: SlackEnv) -> None:
    fake = slack_env.fake
    user = User(Identity("slack", fake.team_id, "UADA"), id=1)
    reply = Reply("Did you send the thank-you note?", delivery_key="nudge-7")
    first = await slack_env.adapter.gateway.deliver(user, reply)
    assert fake.messages[first]["metadata"] == {
        "event_type": "debrief_nudge", "event_payload": {"key": "nudge-7"}}
    # The first attempt's process died before it could mark the nudge sent: a resend.
    again = await slack_env.adapter.gateway.deliver(user, replace(reply, resend=True))
    assert again == first and len(fake.posted("DUADA")) == 1
    history = fake.calls_to("conversations.history")[-1].args
    assert history["channel"] == "DUADA" and history["include_all_metadata"] in (True, "1", "true")
    # Another reminder's resend (never posted) is posted.
    other = await slack_env.adapter.gateway.deliver(
        user, Reply("Heard back?", delivery_key="nudge-8", resend=True))
    assert other != first and len(fake.posted("DUADA")) == 2
