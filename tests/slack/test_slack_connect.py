"""Whose workspace a request belongs to (Bolt's rule), how the app is built, and
acknowledging when the Web API cannot be reached."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import aiohttp
import pytest
from fake_slack import FakeSlack, SlackUser
from slack_env import SlackEnv, make_settings
from slack_people import HttpTransport, SlackPerson

from adapters.slack import SlackAdapter
from adapters.slack.authorize import CachedAuthorization
from adapters.slack.client import SERVER_ERROR_RETRIES
from bot.memory import memory_uow_factory
from bot.nudges.dispatcher import Dispatcher
from bot.service import Debrief
from bot.values import Identity


def _blocks(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


async def test_a_slack_connect_guest_logs_an_interview_by_form_and_gets_their_reminders(
        slack_env: SlackEnv) -> None:
    """Kaz belongs to another organisation (team T0OTHER) and uses the app installed in
    T0001. The form's submission names T0OTHER in ``team`` and T0001 only in
    ``view.app_installed_team_id``; Bolt takes the latter, so Kaz is a person of the
    workspace this process serves and his reminders go out instead of being declined."""
    fake = slack_env.fake
    kaz = slack_env.person(SlackUser("UKAZ", "Kaz", "Asia/Tokyo", team_id="T0OTHER"))
    await kaz.slash("interview")
    view = dict((await fake.wait_for_calls("views.open", 1))[0].args["view"])
    ack = await kaz.submit(view, {
        "company": {"type": "plain_text_input", "value": "Initech"},
        "role": {"type": "plain_text_input", "value": None},
        "interviewer": {"type": "plain_text_input", "value": None},
        "notes": {"type": "plain_text_input", "value": None},
    })
    assert ack.status == 200
    await fake.wait_for(lambda: kaz.dm_messages())
    async with slack_env.uow() as uow:
        assert await uow.users.get(Identity("slack", "T0001", "UKAZ")) is not None
        assert await uow.users.get(Identity("slack", "T0OTHER", "UKAZ")) is None

    # His click on the first question (a block action: ``team`` is the app's workspace,
    # ``user.team_id`` his own) continues the same reflection, as the same person.
    # (The form has no type, so the first question asks it.)
    await kaz.click("Something else")
    await fake.wait_for(lambda: len(kaz.dm_messages()) == 2)
    await kaz.click("They'll remember me")
    await fake.wait_for(lambda: len(kaz.dm_messages()) == 3)
    assert "question 3 of 12" in _blocks(kaz.dm_messages()[-1])
    # And so does an answer typed in the DM (an event: ``authorizations`` name T0001).
    await kaz.say("the demo")
    await fake.wait_for(lambda: len(kaz.dm_messages()) == 4)
    assert "question 4 of 12" in _blocks(kaz.dm_messages()[-1])

    before = len(kaz.dm_messages())
    slack_env.clock.advance(timedelta(hours=2, minutes=30))
    dispatcher = Dispatcher(slack_env.uow, slack_env.adapter.gateway, slack_env.clock)
    assert await dispatcher.run_until_idle() >= 1
    assert len(kaz.dm_messages()) == before + 1, "the thank-you reminder was delivered"
    reminder = kaz.dm_messages()[-1]
    assert "I sent it" in _blocks(reminder)

    await kaz.click("I sent it", reminder)
    await fake.wait_for(lambda: len(kaz.dm_messages()) == before + 2)
    assert "✓ I sent it" in _blocks(fake.messages[reminder["ts"]])


async def test_no_token_warning_at_start_even_with_slack_bot_token_in_the_environment(
        fake: FakeSlack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")  # how operators set it
    caplog.set_level(logging.DEBUG)
    adapter = SlackAdapter(make_settings(fake), Debrief(memory_uow_factory()))
    await adapter.start()
    await adapter.stop()
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == []
    assert adapter.client.base_url == fake.api_url  # Bolt's client, pointed at ours


async def test_a_signed_command_is_acknowledged_while_the_web_api_is_unreachable(
        fake: FakeSlack) -> None:
    settings = make_settings(fake).model_copy(
        update={"slack_api_url": "http://127.0.0.1:9/api/"})  # nothing listens on port 9
    adapter = SlackAdapter(settings, Debrief(memory_uow_factory()))
    web_app = aiohttp.web.Application()
    adapter.mount(web_app)
    runner = aiohttp.web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    await adapter.start()
    try:
        async with aiohttp.ClientSession() as http:
            ada = SlackPerson(fake, HttpTransport(url, http), fake.users["UADA"])
            ack = await ada.slash("help")
            assert ack.status == 200 and ack.body == ""
            assert ack.seconds < 3, "inside Slack's three seconds"
            # The reply goes to the response URL (not the Web API), so Ada still gets it.
            reply = (await fake.wait_for_calls("response_url", 1, within=10))[0]
            assert "/debrief interview" in json.dumps(reply.args)
            again = await ada.slash("help")
            assert again.status == 200 and again.seconds < 1, "no new wait for auth.test"
    finally:
        await adapter.stop()
        await runner.cleanup()


async def test_authorization_uses_the_first_good_auth_test_for_the_process(
        fake: FakeSlack) -> None:
    adapter = SlackAdapter(make_settings(fake), Debrief(memory_uow_factory()))
    await adapter.start()
    try:
        # No back-off between tries here (it is 30 s in the adapter).
        authorize = CachedAuthorization(adapter.client, "xoxb-test-token", retry_after=0)
        # 503 for the first try and both of the client's retries of it.
        fake.http_error("auth.test", 503, times=1 + SERVER_ERROR_RETRIES)
        early = await authorize(team_id="T0001")
        assert early is not None and early.bot_token == "xoxb-test-token"
        assert early.bot_user_id is None, "unknown yet, and not made up"
        known = await authorize(team_id="T0001")
        assert known is not None and known.bot_user_id == fake.bot_user_id
        calls = len(fake.calls_to("auth.test"))
        assert (await authorize(team_id="T0001")).bot_id == fake.bot_id  # type: ignore[union-attr]
        assert len(fake.calls_to("auth.test")) == calls, "cached for the process"
    finally:
        await adapter.stop()


async def test_a_refused_token_is_not_authorized(fake: FakeSlack) -> None:
    adapter = SlackAdapter(make_settings(fake), Debrief(memory_uow_factory()))
    await adapter.start()
    try:
        authorize = CachedAuthorization(adapter.client, "xoxb-revoked")
        assert await authorize(team_id="T0001") is None
    finally:
        await adapter.stop()
