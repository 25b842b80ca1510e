"""Channel tips on Discord, through the fake Discord: Manage Server decides who may subscribe;
tips are posted in the server's channel with no mentions allowed; a channel the bot cannot
use pauses the subscription."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fake_discord import FakeDiscord, snowflake

from adapters.discord import DiscordAdapter
from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.tips.model import TipStatus
from bot.tips.runtime import TipRuntime

BERLIN = ZoneInfo("Europe/Berlin")


async def answer(fake: FakeDiscord, inter: object) -> str:
    await fake.wait_until(lambda: fake.settled(inter)  # type: ignore[arg-type]
                          and fake.replies_to(inter))  # type: ignore[arg-type]
    return str(fake.replies_to(inter)[0]["content"])  # type: ignore[arg-type]


async def test_a_member_without_manage_server_is_refused(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    member = fake.add_user("member")
    inter = await fake.command(member, "tips", action="subscribe", schedule="daily 09:00")
    assert "Only community admins can manage channel tips" in await answer(fake, inter)
    assert store.tip_subscriptions.rows == {}


async def test_a_moderator_subscribes_and_the_tip_is_posted_without_mentions(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        clock: FixedClock) -> None:
    mod = fake.add_user("mod", admin=True)
    inter = await fake.command(mod, "tips", action="subscribe", schedule="daily 09:00",
                               tz="Europe/Berlin", areas="follow up")
    text = await answer(fake, inter)
    assert f"Subscribed: <#{fake.channel_id}> gets an interview tip every day at 09:00" in text
    [sub] = store.tip_subscriptions.rows.values()
    assert (sub.workspace_id, sub.channel_id) == (str(fake.guild_id), str(fake.channel_id))

    runtime = TipRuntime(memory_uow_factory(store), adapter.gateway, clock)
    clock.set(datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN))
    assert await runtime.run_due() == 1
    [post] = [m for m in fake.sent if m["channel_id"] == str(fake.channel_id)
              and "Interview tip" in m["content"]]
    assert "Follow up" in post["content"]
    assert post["allowed_mentions"] == {"parse": []}
    assert await runtime.run_due() == 0


async def test_a_channel_the_bot_may_not_post_in_pauses_the_subscription(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        clock: FixedClock) -> None:
    mod = fake.add_user("mod", admin=True)
    await answer(fake, await fake.command(mod, "tips", action="subscribe",
                                          schedule="weekdays 09:00", tz="Europe/Berlin"))
    fake.fail_next("POST", rf"/channels/{fake.channel_id}/messages", status=403, code=50013)
    runtime = TipRuntime(memory_uow_factory(store), adapter.gateway, clock)
    clock.set(datetime(2026, 3, 11, 9, 0, tzinfo=BERLIN))
    assert await runtime.run_due() == 0
    [sub] = store.tip_subscriptions.rows.values()
    assert sub.status is TipStatus.PAUSED
    assert sub.paused_reason is not None and "forbidden:50013" in sub.paused_reason


async def test_tips_never_go_to_a_channel_outside_the_subscribing_server(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        clock: FixedClock) -> None:
    """An admin of this server names a channel of another server the bot is in, and one
    the bot cannot see: neither gets anything, and both subscriptions pause."""
    mod = fake.add_user("mod", admin=True)
    foreign, unknown = snowflake(), snowflake()
    fake.other_server_channels[foreign] = snowflake()
    for channel in (foreign, unknown):
        await answer(fake, await fake.command(mod, "tips", action="subscribe",
                                              channel=f"<#{channel}>",
                                              schedule="daily 09:00"))
    runtime = TipRuntime(memory_uow_factory(store), adapter.gateway, clock)
    clock.set(datetime(2026, 3, 11, 9, 0, tzinfo=ZoneInfo("UTC")))
    assert await runtime.run_due() == 0
    for channel in (foreign, unknown):
        assert not fake.calls_to("POST", rf"/channels/{channel}/messages")
    reasons = {s.channel_id: (s.status, s.paused_reason)
               for s in store.tip_subscriptions.rows.values()}
    assert reasons[str(foreign)][0] is TipStatus.PAUSED
    assert "channel_not_in_server" in str(reasons[str(foreign)][1])
    assert reasons[str(unknown)][0] is TipStatus.PAUSED
    assert "channel_not_found" in str(reasons[str(unknown)][1])
