"""/debrief stats and /debrief community through the fake Discord, on the real core.

The chart arrives as a real file attachment (multipart upload) on the DM message, shown in
its embed; community figures count the interviews logged in this server only.
"""

from __future__ import annotations

from typing import Any

from fake_discord import EPHEMERAL, FakeDiscord, FakeUser
from stats_seed import PNG, RecordingCharts, seed_history

from bot import copy
from bot.clock import FixedClock
from bot.insights import community as words
from bot.insights.chart import CHART_FILENAME
from bot.insights.patterns import MIN_COMMUNITY
from bot.memory import MemoryStore, memory_uow_factory
from bot.service import Debrief
from bot.values import Identity


def identity(user: FakeUser) -> Identity:
    return Identity("discord", "discord", str(user.id))


def charted_core(store: MemoryStore, clock: FixedClock) -> Debrief:
    return Debrief(memory_uow_factory(store), clock, charts=RecordingCharts())


def attached(fake: FakeDiscord, message: dict[str, Any]) -> list[tuple[str, bytes]]:
    return [(a["filename"], fake.files[int(a["id"])]) for a in message["attachments"]]


async def test_stats_asked_in_a_server_arrive_in_the_dm_with_the_chart_attached(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore, clock: FixedClock) -> None:
    await start_adapter(charted_core(store, clock))
    ada = fake.add_user("ada")
    await seed_history(memory_uow_factory(store), identity(ada), now=clock.now())

    command = await fake.command(ada, "stats")
    await fake.wait_until(lambda: fake.dms(ada) and fake.settled(command))
    (note,) = fake.replies_to(command)
    assert note["flags"] & EPHEMERAL and copy.SENT_TO_DM in note["content"]
    (dm,) = fake.dms(ada)
    assert attached(fake, dm) == [(CHART_FILENAME, PNG)]
    (embed,) = dm["embeds"]
    assert embed["title"] == "Your interview patterns"
    assert embed["image"]["url"] == f"attachment://{CHART_FILENAME}"
    assert any(f["name"] == "What came before callbacks" for f in embed["fields"])
    assert dm["allowed_mentions"]["parse"] == []


async def test_stats_asked_in_the_dm_answer_with_the_chart_attached(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore, clock: FixedClock) -> None:
    await start_adapter(charted_core(store, clock))
    bo = fake.add_user("bo")
    await seed_history(memory_uow_factory(store), identity(bo), now=clock.now())

    command = await fake.command(bo, "stats", in_dm=True)
    await fake.wait_until(lambda: fake.settled(command))
    (reply,) = fake.replies_to(command)
    assert attached(fake, reply) == [(CHART_FILENAME, PNG)]
    # The chart is uploaded with the interaction callback (multipart, like a webhook's).
    assert command.callbacks[0]["type"] == 4
    assert [a["filename"] for a in command.callbacks[0]["data"]["attachments"]] == \
        [CHART_FILENAME]


async def test_community_in_a_server_counts_its_own_interviews_from_five_people(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore) -> None:
    await start_adapter()
    mod = fake.add_user("mod", admin=True)
    members = [fake.add_user(f"member{n}") for n in range(MIN_COMMUNITY)]

    async def ask(user: FakeUser) -> dict[str, Any]:
        command = await fake.command(user, "community")
        await fake.wait_until(lambda: fake.settled(command))
        (reply,) = fake.replies_to(command)
        assert reply["flags"] & EPHEMERAL
        return reply

    refused = await ask(members[0])
    assert refused["content"] == words.COMMUNITY_ADMINS_ONLY

    for member in members[:-1]:  # four people log an interview in this server
        command = await fake.command(member, "interview", company="Acme", type="other")
        await fake.wait_until(lambda c=command: fake.settled(c))
    assert {i.community_id for i in store.interviews.rows.values()} == {str(fake.guild_id)}
    too_small = await ask(mod)
    assert too_small["content"] == words.community_too_small(MIN_COMMUNITY)
    assert not too_small["embeds"]

    command = await fake.command(members[-1], "interview", company="Globex")
    await fake.wait_until(lambda: fake.settled(command))
    shown = await ask(mod)
    figures = {f["name"]: f["value"] for f in shown["embeds"][0]["fields"]}
    assert figures["People who logged interviews"] == "5"
    assert figures["Interviews logged"] == "5"
