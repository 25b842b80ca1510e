"""Trust and failure: forged requests, repeated events, mention injection, bots."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import time
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from fake_slack import FakeSlack
from slack_env import SlackEnv, make_settings
from slack_people import SIGNING_SECRET, signed

from adapters.slack import SlackAdapter
from bot import copy
from bot.memory import memory_uow_factory
from bot.service import Debrief
from bot.values import Identity, Incoming


async def _history(env: SlackEnv) -> str:
    replies = await env.core.handle(
        Incoming(Identity("slack", env.fake.team_id, "UADA"), "/debrief history"))
    return replies[0].text


def _command_body(env: SlackEnv, text: str) -> str:
    return urlencode({
        "team_id": env.fake.team_id, "channel_id": "C0GENERAL", "user_id": "UADA",
        "command": "/debrief", "text": text, "response_url": env.fake.response_url(),
        "trigger_id": "t1",
    })


@pytest.mark.parametrize("forgery", ["wrong secret", "no signature", "stale", "tampered"])
async def test_a_forged_or_stale_request_gets_401_and_changes_nothing(
        slack_env: SlackEnv, forgery: str) -> None:
    body = _command_body(slack_env, "interview Acme")
    headers = signed(body)
    if forgery == "wrong secret":
        headers = signed(body, secret="not-" + SIGNING_SECRET)
    elif forgery == "no signature":
        del headers["X-Slack-Signature"], headers["X-Slack-Request-Timestamp"]
    elif forgery == "stale":
        headers = signed(body, timestamp=int(time.time()) - 6 * 60)
    elif forgery == "tampered":
        body = _command_body(slack_env, "forget confirm")  # signature is for the other body

    async with slack_env.http.post(slack_env.url, data=body.encode(), headers=headers) as resp:
        assert resp.status == 401

    await asyncio.sleep(0.2)  # anything accepted would be working in the background by now
    assert slack_env.fake.calls == [], "not even auth.test: nothing reached a listener"
    assert await _history(slack_env) == copy.NO_INTERVIEWS


async def test_forged_clicks_and_events_are_refused_too(slack_env: SlackEnv) -> None:
    payload = urlencode({"payload": json.dumps({"type": "block_actions", "actions": []})})
    event = json.dumps(slack_env.ada.event_body(slack_env.ada.dm_event("/debrief forget confirm")))
    for body, kind in ((payload, "application/x-www-form-urlencoded"),
                       (event, "application/json")):
        headers = signed(body, secret="wrong", content_type=kind)
        async with slack_env.http.post(slack_env.url, data=body.encode(),
                                       headers=headers) as resp:
            assert resp.status == 401
    assert slack_env.fake.calls == []


async def test_a_retried_event_is_handled_once(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Acme type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    await ada.click("They'll remember me")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)  # question 2: free text

    first = await ada.say("The story about the outage", event_id="EvRETRIED")
    again = await ada.say("The story about the outage", event_id="EvRETRIED", retry_num=1)
    assert first.status == again.status == 200
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    await ada.say("planned")  # if the retry had been taken as an answer, this would be Q5
    await fake.wait_for(lambda: len(ada.dm_messages()) == 4)
    assert "question 4 of 11" in json.dumps(ada.dm_messages()[-1]["blocks"])


async def test_mentions_typed_by_a_person_cannot_ping_anyone(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    # Slack's markup (a real broadcast and mention) becomes words; the same characters typed
    # as text arrive entity-escaped (formatting docs) and are echoed escaped again.
    evil = ("<!channel> <@U999> <!here|here> <!subteam^S1> &lt;!channel&gt; &lt;@U999&gt; "
            "@everyone *bold* _it_ ~x~")
    await ada.slash(f"interview {evil} type:other")
    await fake.wait_for(lambda: ada.dm_messages() and fake.calls_to("response_url"))
    await ada.click("They'll remember me")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)
    await ada.say("I said <!here> & <@U999> > everyone")  # arrives escaped, like Slack sends
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)

    shown = fake.visible_text()
    assert shown
    for text in shown:
        assert not re.search(r"<[!@#]", text), text  # no mention / broadcast syntax at all
    confirmation = fake.calls_to("response_url")[0]
    section = confirmation.blocks[0]["text"]
    assert section["verbatim"] is True
    assert "everyone in the channel someone everyone here a group" in section["text"]
    assert "&lt;!channel&gt; &lt;@U999&gt;" in section["text"]
    # Formatting characters from the company name are look-alikes, not bold/italic/strike.
    assert "*bold*" not in section["text"] and "∗bold∗" in section["text"]
    assert "@\u2060everyone" in confirmation.text  # the notification text cannot broadcast


async def test_the_bot_ignores_its_own_messages_other_bots_and_edits(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    bots = [
        ada.dm_event("/debrief help", user=fake.bot_user_id),           # the bot itself
        ada.dm_event("/debrief help", bot_id="B0OTHER"),                # another bot
        ada.dm_event("/debrief help", subtype="bot_message"),
        ada.dm_event("/debrief help", subtype="message_changed"),       # an edit
        {**ada.dm_event("/debrief help"), "channel_type": "channel"},   # not the DM
    ]
    for event in bots:
        ack = await ada.transport.event(ada.event_body(event))
        assert ack.status == 200
    await ada.say("/debrief tip")
    await fake.wait_for(lambda: ada.dm_messages())
    await asyncio.sleep(0.2)
    assert len(fake.posted()) == 1, [c.text[:40] for c in fake.posted()]
    assert "/debrief interview" not in fake.posted()[0].text  # the tip, not the help



async def test_without_a_signing_secret_the_http_endpoint_refuses_everything(
        fake: FakeSlack) -> None:
    adapter = SlackAdapter(make_settings(fake, secret=None), Debrief(memory_uow_factory()))
    web_app = web.Application()
    adapter.mount(web_app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    body = "command=%2Fdebrief&text=help&user_id=UADA&team_id=T0001"
    ts = str(int(time.time()))
    # Signed with the empty key, which is what an unset secret would "verify" against.
    digest = hmac.new(b"", f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
               "Content-Type": "application/x-www-form-urlencoded"}
    try:
        async with aiohttp.ClientSession() as http, \
                http.post(url, data=body, headers=headers) as resp:
            assert resp.status == 401
    finally:
        await runner.cleanup()
    assert fake.calls == []
