"""``/debrief stats`` and ``/debrief community`` through the core, on a seeded history.

The history is written straight into the in-memory store (interviews with finished
reflections, thank-you times and outcomes), then everything goes through
``Debrief.handle`` as a person would use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from stats_seed import HISTORY, NOW, PNG, RecordingCharts, seed_history

from bot import copy as words
from bot.clock import FixedClock
from bot.insights import words as stat_words
from bot.insights.patterns import MIN_COMMUNITY
from bot.memory import MemoryStore, memory_uow_factory
from bot.service import Debrief
from bot.values import Destination, Identity, Incoming, Reply

ANN = Identity("slack", "T1", "UANN")


@dataclass
class World:
    store: MemoryStore = field(default_factory=MemoryStore)
    clock: FixedClock = field(default_factory=lambda: FixedClock(NOW))
    charts: RecordingCharts | None = field(default_factory=RecordingCharts)

    @property
    def bot(self) -> Debrief:
        return Debrief(memory_uow_factory(self.store), self.clock, charts=self.charts)

    async def say(self, text: str, who: Identity = ANN, **kw: Any) -> list[Reply]:
        kw.setdefault("platform_timezone", "Europe/Berlin")
        kw.setdefault("community_id", who.workspace_id)
        return await self.bot.handle(Incoming(who, text=text, **kw))

    async def seed(self, who: Identity, history: list[Any], *, community: str | None = None,
                   ) -> None:
        await seed_history(memory_uow_factory(self.store), who, history, community=community)


@pytest.fixture
def world() -> World:
    return World()


def everything(reply: Reply) -> str:
    return "\n".join([reply.text, *(f"{f.name}: {f.value}" for f in reply.fields)])


# -- /debrief stats ----------------------------------------------------------------------


async def test_stats_say_in_plain_words_which_habits_came_before_callbacks(
        world: World) -> None:
    await world.seed(ANN, HISTORY)
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    assert "Across your 6 past interviews" in said
    # Thank-yous: Initech, Umbrella, Hooli and Stark inside 24 h; Acme late; Globex never.
    assert "4 of 6 went out inside 24 hours (67%). 1 went out later; 1 was never marked" in said
    assert "2 callbacks (1 of them an offer), 2 rejections, 1 with no reply after a month" in said
    assert "1 interview has no outcome recorded" in said
    # Outcomes beside the habits.
    assert "With an on-time thank-you: 2 of 3 called back; without one: 0 of 2." in said
    assert "For roles you rated a good fit (4-5): 2 of 2 called back; for the other " \
           "roles: 0 of 3." in said
    assert "Before your callbacks you rated yourself higher on Prepared (2.0 vs 0.3" in said
    assert "• Prepared: strong lately (1.7), up from weak (0.7) - 6 ratings" in said
    assert "• Professional: strong, steady (2.0 on average) - 6 ratings" in said
    assert "not proof" in said
    # Five interviews with an outcome: enough to drop the small-number caveat.
    assert "treat this as a hint" not in said


async def test_stats_on_three_interviews_carry_an_honest_small_number_caveat(
        world: World) -> None:
    await world.seed(ANN, HISTORY[:3])
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    assert "Only 3 interviews with an outcome so far - treat this as a hint" in said
    # One on-time thank-you is no group to compare with.
    assert "Thank-you on time: not enough to compare yet - 1 interview with an on-time " \
           "thank-you, 2 without one (I compare once each side has 2)." in said


async def test_stats_without_outcomes_say_why_nothing_is_compared(world: World) -> None:
    await world.seed(ANN, [(d, c, a, t, None) for d, c, a, t, _ in HISTORY[:2]])
    (reply,) = await world.say("/debrief stats")
    assert "None of them has an outcome recorded yet" in reply.text
    assert "What came before callbacks" not in [f.name for f in reply.fields]


async def test_stats_with_no_interviews_say_how_to_log_one(world: World) -> None:
    (reply,) = await world.say("/debrief stats")
    assert reply.text == words.NO_INTERVIEWS
    assert reply.attachment is None


async def test_stats_asked_in_a_channel_go_to_the_dm_with_their_chart(world: World) -> None:
    await world.seed(ANN, HISTORY)
    notice, reply = await world.say("/debrief stats", in_dm=False, channel_id="C1")
    assert notice.text == words.SENT_TO_DM and notice.destination is Destination.HERE
    assert reply.destination is Destination.DM and "private" in reply.tags
    assert reply.attachment is not None
    assert reply.attachment.data == PNG
    assert reply.attachment.filename == stat_words.CHART_FILENAME
    assert world.charts is not None
    (chart,) = world.charts.drawn
    assert len(chart.x_labels) == 6 and chart.x_labels[0].startswith("#1 Acme\n")
    assert [s.label for s in chart.series] == ["Stand out", "Follow up", "Professional",
                                              "Prepared", "Right jobs"]
    prepared = next(s for s in chart.series if s.label == "Prepared")
    assert prepared.values == (0.0, 0.0, 2.0, 2.0, 1.0, 2.0)
    assert chart.markers == ((0, "rejected", "bad"), (1, "no reply", "open"),
                             (2, "callback", "good"), (3, "offer", "good"),
                             (4, "rejected", "bad"))


async def test_stats_are_text_only_without_a_renderer_or_when_drawing_fails(
        world: World) -> None:
    await world.seed(ANN, HISTORY)
    world.charts = None
    (plain,) = await world.say("/debrief stats")
    assert plain.attachment is None and "Across your 6 past interviews" in plain.text
    world.charts = RecordingCharts(fail=True)
    (failed,) = await world.say("/debrief stats")
    assert failed.attachment is None
    assert failed.text.endswith(stat_words.chart_failed())


async def test_interviews_remember_the_community_they_were_logged_in(world: World) -> None:
    await world.say("/debrief interview Acme", in_dm=False, channel_id="C1",
                    community_id="G42")
    (interview,) = world.store.interviews.rows.values()
    assert interview.community_id == "G42"


# -- /debrief community -----------------------------------------------------------------


def people(count: int, workspace: str = "T1") -> list[Identity]:
    return [Identity("slack", workspace, f"U{n}") for n in range(count)]


async def test_community_is_refused_to_non_admins(world: World) -> None:
    (reply,) = await world.say("/debrief community", is_admin=False)
    assert reply.text == stat_words.COMMUNITY_ADMINS_ONLY


async def test_community_needs_a_community_to_count(world: World) -> None:
    (reply,) = await world.say("/debrief community", is_admin=True, community_id=None)
    assert reply.text == stat_words.COMMUNITY_NOT_HERE


async def test_community_shows_nothing_for_four_people(world: World) -> None:
    for who in people(MIN_COMMUNITY - 1):
        await world.seed(who, HISTORY)
    (reply,) = await world.say("/debrief community", is_admin=True)
    assert reply.text == stat_words.community_too_small(MIN_COMMUNITY)
    assert reply.fields == ()
    assert not any(ch.isdigit() for ch in reply.text.replace(str(MIN_COMMUNITY), ""))


async def test_community_shows_anonymous_figures_from_five_people(world: World) -> None:
    for who in people(MIN_COMMUNITY):
        await world.seed(who, HISTORY)
    await world.seed(Identity("slack", "T2", "UOTHER"), HISTORY)  # another workspace
    (reply,) = await world.say("/debrief community", is_admin=True)
    figures = {f.name: f.value for f in reply.fields}
    assert figures["People who logged interviews"] == "5"
    assert figures["Interviews logged"] == "30"
    assert figures["Reflections completed"] == "30 of 30 (100%)"
    assert figures["Thank-you notes inside 24 hours"].startswith("20 of 30 (67%)")
    assert figures["Callbacks"] == "10 of 25 interviews with an outcome (40%), 5 offers " \
                                   "among them"
    assert "UANN" not in everything(reply) and "U0" not in everything(reply)


async def test_a_discord_server_counts_only_interviews_logged_in_it(world: World) -> None:
    members = [Identity("discord", "discord", str(n)) for n in range(MIN_COMMUNITY)]
    for who in members[:4]:
        await world.seed(who, HISTORY, community="G1")
    await world.seed(members[4], HISTORY, community="G2")
    admin = Identity("discord", "discord", "999")
    (small,) = await world.say("/debrief community", admin, is_admin=True, community_id="G1")
    assert small.text == stat_words.community_too_small(MIN_COMMUNITY)
    await world.seed(members[4], HISTORY[:1], community="G1")
    (shown,) = await world.say("/debrief community", admin, is_admin=True, community_id="G1")
    assert {f.name: f.value for f in shown.fields}["Interviews logged"] == "25"
