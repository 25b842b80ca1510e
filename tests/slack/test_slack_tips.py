"""Channel tips on Slack, through the fake Slack: who may subscribe (``users.info``'s admin
flag), the tip landing in the channel, and a channel that refuses pausing the subscription."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fake_slack import SlackUser
from slack_env import SlackEnv

from bot.tips.model import TipStatus, TipSubscription
from bot.tips.runtime import TipRuntime

BERLIN = ZoneInfo("Europe/Berlin")
REFUSAL = "Only community admins can manage channel tips"


async def subscriptions(env: SlackEnv) -> list[TipSubscription]:
    async with env.uow() as uow:
        return await uow.tips.list_subscriptions("slack", env.fake.team_id)


async def test_someone_slack_says_is_no_admin_is_refused(slack_env: SlackEnv) -> None:
    fake = slack_env.fake
    bob = slack_env.person(SlackUser("UBOB", "Bob", is_admin=False))
    await bob.slash("tips subscribe daily 09:00")
    [reply] = await fake.wait_for_calls("response_url", 1)
    assert reply.args["response_type"] == "ephemeral"
    assert REFUSAL in reply.text
    assert [c.args["user"] for c in fake.calls_to("users.info")] == ["UBOB"]
    assert await subscriptions(slack_env) == []


async def test_a_workspace_admin_subscribes_and_the_tip_is_posted_in_the_channel(
        slack_env: SlackEnv) -> None:
    fake, clock = slack_env.fake, slack_env.clock
    ann = slack_env.person(SlackUser("UANN", "Ann", tz="Europe/Berlin", is_admin=True))
    await ann.slash("tips subscribe daily 09:00 tz:Europe/Berlin", channel="C0JOBS")
    [reply] = await fake.wait_for_calls("response_url", 1)
    assert reply.args["response_type"] == "ephemeral"
    assert "Subscribed: this channel gets an interview tip every day at 09:00" in reply.text
    [sub] = await subscriptions(slack_env)
    assert (sub.channel_id, sub.timezone, sub.created_by) == ("C0JOBS", "Europe/Berlin",
                                                              "slack:T0001:UANN")

    runtime = TipRuntime(slack_env.uow, slack_env.adapter.gateway, clock)
    clock.set(datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN))
    assert await runtime.run_due() == 1
    [post] = fake.posted("C0JOBS")
    assert "Interview tip" in post.text and post.token == fake.bot_token
    assert post.args["unfurl_links"] in (False, "false", "0")
    assert await runtime.run_due() == 0  # once per occurrence


async def test_a_channel_the_bot_was_removed_from_pauses_its_subscription(
        slack_env: SlackEnv) -> None:
    fake, clock = slack_env.fake, slack_env.clock
    ann = slack_env.person(SlackUser("UANN", "Ann", is_admin=True))
    await ann.slash("tips subscribe <#C0GONE|old-jobs> weekdays 09:00 tz:Europe/Berlin")
    await fake.wait_for_calls("response_url", 1)
    fake.fail("chat.postMessage", "not_in_channel")
    runtime = TipRuntime(slack_env.uow, slack_env.adapter.gateway, clock)
    clock.set(datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN))
    assert await runtime.run_due() == 0
    [sub] = await subscriptions(slack_env)
    assert sub.status is TipStatus.PAUSED
    assert sub.paused_reason is not None and "not_in_channel" in sub.paused_reason
    clock.set(datetime(2026, 3, 6, 9, 0, tzinfo=BERLIN))
    assert await runtime.run_due() == 0
    assert len(fake.calls_to("chat.postMessage")) == 1  # tried once, then left alone

    await ann.slash("tips list")
    listing = (await fake.wait_for_calls("response_url", 2))[1]
    assert "#old-jobs" in listing.text and "not_in_channel" in listing.text
