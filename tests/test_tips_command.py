"""``/debrief tips``: admins subscribe channels; everyone else gets a clear refusal.

Through the real core (``Debrief.handle``) on in-memory storage with a fixed clock, typed
(Slack, console) and as Discord's named options.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.config import CoreConfig
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Area, Interview, ReflectionState
from bot.service import Debrief
from bot.tips import words
from bot.tips.library import TIPS
from bot.tips.model import TipStatus, TipSubscription
from bot.values import Command, Destination, Identity, Incoming, Surface

T0 = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)  # Friday, 13:00 in Berlin
ADMIN = Identity("slack", "T1", "UADMIN")
MEMBER = Identity("slack", "T1", "UMEMBER")


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def core(store: MemoryStore) -> Debrief:
    return Debrief(memory_uow_factory(store), FixedClock(T0),
                   CoreConfig(default_timezone="America/New_York"))


async def say(core: Debrief, text: str, *, who: Identity = ADMIN, admin: bool = True,
              channel: str | None = "CGENERAL", in_dm: bool = False,
              command: Command | None = None, community: str | None = None,
              surface: Surface | None = None) -> str:
    replies = await core.handle(Incoming(
        who, text=text, command=command, in_dm=in_dm, channel_id=channel, is_admin=admin,
        community_id=community or who.workspace_id, surface=surface or Surface()))
    assert len(replies) == 1
    return replies[0].text


def subs(store: MemoryStore) -> list[TipSubscription]:
    return list(store.tip_subscriptions.rows.values())


async def test_someone_who_is_not_an_admin_is_refused_and_nothing_is_stored(
        core: Debrief, store: MemoryStore) -> None:
    for text in ("/debrief tips subscribe daily 09:00", "/debrief tips list",
                 "/debrief tips off"):
        assert await say(core, text, who=MEMBER, admin=False) == words.ADMIN_ONLY
    assert subs(store) == []
    assert "Manage Server" in words.ADMIN_ONLY and "admin or owner" in words.ADMIN_ONLY


async def test_an_admin_subscribes_the_current_channel_in_the_zone_they_give(
        core: Debrief, store: MemoryStore) -> None:
    text = await say(core, "/debrief tips subscribe daily 09:00 tz:Europe/Berlin")
    assert "Subscribed" in text and "every day at 09:00, Europe/Berlin time (as you set it)" in text
    assert "Next tip: Sat 28 Mar 09:00 CET" in text
    [sub] = subs(store)
    assert (sub.platform, sub.workspace_id, sub.channel_id) == ("slack", "T1", "CGENERAL")
    assert (sub.schedule, sub.timezone, sub.areas) == ("daily 09:00", "Europe/Berlin", ())
    assert sub.status is TipStatus.ACTIVE and sub.created_by == "slack:T1:UADMIN"
    assert sub.active_since == T0


async def test_without_a_zone_the_default_is_used_and_said_then_the_communitys_is_reused(
        core: Debrief, store: MemoryStore) -> None:
    text = await say(core, "/debrief tips subscribe weekdays 12:30")
    assert ", America/New_York time (the default zone - add `tz:Area/City`" in text
    await say(core, "/debrief tips subscribe weekly mon 9am tz:Asia/Kolkata",
              channel="CJOBS")
    text = await say(core, "/debrief tips subscribe 0 9 * * 1-5", channel="CMORE")
    assert "Asia/Kolkata time (this community's zone)" in text
    assert "on the cron schedule `0 9 * * 1-5`" in text


async def test_a_named_channel_with_areas_can_be_subscribed_from_anywhere(
        core: Debrief, store: MemoryStore) -> None:
    text = await say(core, "/debrief tips subscribe <#C0RANDOM|random> mon,wed,fri 08:15 "
                           "areas:prepared, follow up tz:Europe/Berlin", in_dm=True,
                     channel="DADMIN")
    assert "#random gets an interview tip on Mon, Wed, Fri at 08:15" in text
    assert "Follow up, Prepared" in text
    [sub] = subs(store)
    assert (sub.channel_id, sub.channel_name) == ("C0RANDOM", "random")
    assert sub.areas == (Area.FOLLOW_UP, Area.PREPARED)


async def test_discord_named_options_do_the_same(core: Debrief, store: MemoryStore) -> None:
    mod = Identity("discord", "discord", "4242")
    command = Command("tips", options=(("action", "subscribe"),
                                       ("channel", "<#123456789012345678>"),
                                       ("schedule", "weekly mon 09:00"),
                                       ("areas", "stand out"), ("tz", "Europe/Berlin")))
    text = await say(core, "", who=mod, command=command, channel="999999999999999999",
                     community="777", surface=Surface(channel_link="<#{id}>"))
    assert "<#123456789012345678> gets an interview tip every Monday at 09:00" in text
    [sub] = subs(store)
    assert (sub.platform, sub.workspace_id, sub.channel_id) == (
        "discord", "777", "123456789012345678")
    assert sub.areas == (Area.STAND_OUT,)


@pytest.mark.parametrize("text, expected", [
    ("/debrief tips subscribe", words.missing_schedule()),
    ("/debrief tips subscribe sometimes", words.bad_schedule("sometimes", "unreadable")),
    ("/debrief tips subscribe * * * * *", words.bad_schedule("* * * * *", "too_often")),
    ("/debrief tips subscribe daily 09:00 tz:Mars/Olympus",
     words.bad_tips_timezone("Mars/Olympus")),
    ("/debrief tips subscribe daily 09:00 areas:charm", words.bad_areas("charm")),
    ("/debrief tips subscribe #random daily 09:00", words.channel_by_name("#random")),
    ("/debrief tips dance", words.unknown_tips_action("dance")),
    ("/debrief tips pause", "This channel isn't subscribed to tips. "
     "`/debrief tips list` shows the channels that are."),
])
async def test_bad_input_gets_a_clear_error_and_stores_nothing(
        core: Debrief, store: MemoryStore, text: str, expected: str) -> None:
    assert await say(core, text) == expected
    assert subs(store) == []


async def test_in_a_dm_a_channel_must_be_named(core: Debrief) -> None:
    text = await say(core, "/debrief tips subscribe daily 09:00", in_dm=True,
                     channel="DADMIN")
    assert text == words.NEED_A_CHANNEL


async def test_list_pause_resume_and_off(core: Debrief, store: MemoryStore) -> None:
    assert await say(core, "/debrief tips list") == words.NO_SUBSCRIPTIONS
    await say(core, "/debrief tips subscribe daily 09:00 tz:Europe/Berlin")
    await say(core, "/debrief tips subscribe <#C2|jobs> weekdays 12:30 areas:prepared")
    listing = await say(core, "/debrief tips")
    assert listing.splitlines() == [
        "Channels getting scheduled tips:",
        "• this channel: every day at 09:00 (Europe/Berlin), all five areas. "
        "Next tip: Sat 28 Mar 09:00 CET.",
        "• #jobs: on weekdays (Monday to Friday) at 12:30 (Europe/Berlin), Prepared. "
        "Next tip: Mon 30 Mar 12:30 CEST.",
    ]
    assert "Paused tips in #jobs" in await say(core, "/debrief tips pause <#C2|jobs>")
    assert "already paused" in await say(core, "/debrief tips pause <#C2>")
    assert "Paused - paused by an admin." in await say(core, "/debrief tips list")
    resumed = await say(core, "/debrief tips resume <#C2>")
    assert resumed == "Tips are back on in #jobs. Next tip: Mon 30 Mar 12:30 CEST."
    assert "Turned tips off" in await say(core, "/debrief tips off")
    assert "this channel" not in await say(core, "/debrief tips list")
    assert await say(core, "/debrief tips resume") == words.not_subscribed(
        "CGENERAL", None, words.Where("CGENERAL"))
    statuses = {s.channel_id: s.status for s in subs(store)}
    assert statuses == {"CGENERAL": TipStatus.OFF, "C2": TipStatus.ACTIVE}


async def test_subscribing_again_updates_the_schedule_and_keeps_areas_unless_given(
        core: Debrief, store: MemoryStore) -> None:
    await say(core, "/debrief tips subscribe daily 09:00 areas:prepared tz:Europe/Berlin")
    text = await say(core, "/debrief tips subscribe weekdays 08:00")
    assert text.startswith("Updated: this channel gets an interview tip on weekdays")
    [sub] = subs(store)
    assert (sub.schedule, sub.timezone, sub.areas) == (
        "weekdays 08:00", "Europe/Berlin", (Area.PREPARED,))
    await say(core, "/debrief tips subscribe weekdays 08:00 areas:all")
    assert subs(store)[0].areas == ()


async def test_other_communities_subscriptions_are_neither_listed_nor_touched(
        core: Debrief, store: MemoryStore) -> None:
    other = Identity("slack", "T2", "UOTHER")
    await say(core, "/debrief tips subscribe daily 09:00", who=other)
    assert await say(core, "/debrief tips list") == words.NO_SUBSCRIPTIONS
    assert await say(core, "/debrief tips off") == words.not_subscribed(
        "CGENERAL", None, words.Where("CGENERAL"))
    assert [s.status for s in subs(store)] == [TipStatus.ACTIVE]


async def test_forget_removes_the_admins_name_from_subscriptions_they_made(
        core: Debrief, store: MemoryStore) -> None:
    await say(core, "/debrief tips subscribe daily 09:00")
    await say(core, "/debrief forget confirm")
    [sub] = subs(store)
    assert sub.created_by is None and sub.status is TipStatus.ACTIVE


async def test_a_personal_tip_prefers_the_area_the_persons_reflections_show_weakest(
        core: Debrief, store: MemoryStore) -> None:
    """``/debrief tip`` (no area): one tip, only for the caller, from their weakest area."""
    uow = memory_uow_factory(store)
    async with uow() as u:
        user = await u.users.get_or_create(MEMBER, created_at=T0)
        assert user.id is not None
        await u.interviews.add(Interview(
            user_id=user.id, company="Acme", happens_at=T0, logged_at=T0,
            reflection_state=ReflectionState.COMPLETED,
            answers={"memorable": "some", "thank_you": "sent", "professional": "on_topic",
                     "researched": ["company"], "questions_asked": "none", "fit": "5"}))
        await u.commit()
    [reply] = await core.handle(Incoming(MEMBER, "/debrief tip", in_dm=False,
                                         channel_id="CGENERAL", community_id="T1"))
    assert reply.text.startswith("Tip · Prepared (picked from where your reflections show")
    assert reply.private and reply.destination is Destination.HERE
    assert reply.text.splitlines()[1] in {text for area, text in TIPS
                                          if area is Area.PREPARED}
