"""Nudges through the chat gateway: DMs with working buttons, rate limits, closed DMs."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fake_discord import EPHEMERAL, FakeDiscord, FakeUser, snowflake

from adapters.discord import DiscordAdapter
from bot import copy
from bot.clock import FixedClock
from bot.memory import MemoryStore
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, ThankYou, User
from bot.nudges.words import nudge_reply
from bot.ports import DeliveryDeclined, PermanentDeliveryError, RetryableDeliveryError
from bot.values import Identity, Reply

PRIVATE = "Company: Acme - the secret part of the thank-you note"


def discord_user(fake_user: FakeUser, last_channel_id: int | None = None) -> User:
    return User(identity=Identity("discord", "discord", str(fake_user.id)),
                last_channel_id=str(last_channel_id) if last_channel_id else None)


async def log_interview(fake: FakeDiscord, user: FakeUser, store: MemoryStore
                        ) -> tuple[User, Interview, Nudge]:
    inter = await fake.command(user, "interview", company="Acme", type="other",
                               interviewer="Jane Doe")
    await fake.wait_until(lambda: fake.dms(user) and fake.replies_to(inter))
    stored = store.users.rows[store.users.index[Identity("discord", "discord", str(user.id))]]
    interview = next(iter(store.interviews.rows.values()))
    nudge = next(n for n in store.nudges.rows.values() if n.kind is NudgeKind.THANK_YOU)
    return stored, interview, nudge


async def test_a_nudge_arrives_as_a_dm_whose_button_then_works(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        clock: FixedClock) -> None:
    alice = fake.add_user("alice")
    user, interview, nudge = await log_interview(fake, alice, store)
    reply = nudge_reply(nudge, interview, ZoneInfo("UTC"), clock.now(), late=False,
                        window_end=interview.happens_at.replace(day=11), note="Hi Jane, …")

    message_id = await adapter.gateway.deliver(user, reply)

    dm = fake.messages[int(message_id)]
    assert dm["channel_id"] == str(fake.dm_channels[alice.id])
    assert "thank-you note to Acme" in dm["content"] and "Hi Jane" in dm["content"]
    assert [b["label"] for b in fake.buttons(dm)] == ["I sent it", "Snooze 1h",
                                                      "Stop this reminder"]
    n = len(fake.dms(alice))
    await fake.click(alice, dm, "I sent it")
    await fake.wait_until(lambda: len(fake.dms(alice)) > n)
    assert all(b["disabled"] for b in fake.buttons(fake.messages[int(message_id)]))
    assert next(iter(store.interviews.rows.values())).thank_you is ThankYou.SENT
    thank_yous = [n for n in store.nudges.rows.values() if n.kind is NudgeKind.THANK_YOU]
    assert all(n.status is NudgeStatus.CANCELLED for n in thank_yous)


async def test_a_429_on_the_dm_send_is_waited_out_and_the_nudge_delivered(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    bob = fake.add_user("bob")
    fake.rate_limit_next("POST", r"^/channels/\d+/messages$", retry_after=0.3)

    message_id = await adapter.gateway.deliver(discord_user(bob), Reply(text="Reminder!"))

    posts = fake.calls_to("POST", r"^/channels/\d+/messages$")
    assert [c.status for c in posts] == [429, 200]
    assert posts[1].at - posts[0].at >= 0.3
    assert fake.messages[int(message_id)]["content"] == "Reminder!"


async def test_a_429_asking_for_a_long_wait_is_handed_back_as_retryable(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    bob = fake.add_user("bob")
    fake.rate_limit_next("POST", r"^/channels/\d+/messages$", retry_after=45)
    with pytest.raises(RetryableDeliveryError) as caught:
        await adapter.gateway.deliver(discord_user(bob), Reply(text="Reminder!"))
    assert caught.value.retry_after == 45


async def test_closed_dms_get_a_content_free_hint_in_the_last_channel_and_fail_for_good(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    carol = fake.add_user("carol")
    fake.close_dms(carol)

    with pytest.raises(PermanentDeliveryError) as caught:
        await adapter.gateway.deliver(discord_user(carol, fake.channel_id), Reply(text=PRIVATE))

    assert caught.value.reason == "dms_closed"
    in_channel = [m for m in fake.sent if m["channel_id"] == str(fake.channel_id)]
    assert len(in_channel) == 1
    hint = in_channel[0]
    assert hint["content"].startswith(f"<@{carol.id}> ")
    assert copy.DMS_CLOSED_HINT.split(" - ")[0] in hint["content"]
    assert "Acme" not in hint["content"] and "secret" not in hint["content"]
    # Only that one person may be pinged: no @everyone, no roles, nobody else.
    assert hint["allowed_mentions"]["parse"] == []
    assert [int(u) for u in hint["allowed_mentions"]["users"]] == [carol.id]
    assert not any("secret" in m["content"] for m in fake.sent)


async def test_closed_dms_during_a_command_get_an_ephemeral_hint_not_the_reflection(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    dan = fake.add_user("dan")
    fake.close_dms(dan)
    inter = await fake.command(dan, "interview", company="Acme", type="other")
    await fake.wait_until(lambda: any(copy.DMS_CLOSED_HINT[:40] in m["content"]
                                      for m in fake.replies_to(inter)))
    here = fake.replies_to(inter)
    assert all(m["flags"] & EPHEMERAL for m in here)
    assert not any("How memorable" in m["content"] for m in fake.sent)


async def test_server_errors_are_retryable_and_unknown_users_permanent(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    erin = fake.add_user("erin")
    fake.fail_next("POST", r"^/channels/\d+/messages$", status=503)
    with pytest.raises(RetryableDeliveryError):
        await adapter.gateway.deliver(discord_user(erin), Reply(text="hi"))

    ghost = FakeUser(snowflake(), "ghost")  # not on the fake Discord: GET users/{id} is 404
    with pytest.raises(PermanentDeliveryError):
        await adapter.gateway.deliver(discord_user(ghost), Reply(text="hi"))


async def test_delivery_while_disconnected_or_to_another_platform_is_declined(
        fake: FakeDiscord, start_adapter: Any) -> None:
    adapter = await start_adapter()
    slack_user = User(identity=Identity("slack", "T1", "U1"))
    with pytest.raises(DeliveryDeclined):
        await adapter.gateway.deliver(slack_user, Reply(text="hi"))
    await adapter.stop()
    with pytest.raises(DeliveryDeclined):
        await adapter.gateway.deliver(discord_user(fake.add_user("fay")), Reply(text="hi"))


async def test_a_resent_reminder_carries_the_same_nonce_so_discord_returns_the_first_message(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    alice = fake.add_user("alice")
    user = discord_user(alice)
    reply = Reply("Did you send the thank-you note?", delivery_key="nudge-41")
    first = await adapter.gateway.deliver(user, reply)
    again = await adapter.gateway.deliver(user, Reply(reply.text, delivery_key="nudge-41",
                                                      resend=True))
    assert again == first and len(fake.dms(alice)) == 1
    sent = [c.body for c in fake.calls if c.method == "POST" and c.path.endswith("/messages")]
    assert [(b["nonce"], b["enforce_nonce"]) for b in sent] == [("nudge-41.0", True)] * 2
    other = await adapter.gateway.deliver(user, Reply("Heard back?", delivery_key="nudge-42"))
    assert other != first and len(fake.dms(alice)) == 2
