"""``/debrief stats`` and ``/debrief community`` through the core, on a seeded history.

The history is written straight into the in-memory store (interviews with finished
reflections, thank-you times and outcomes), then everything goes through
``Debrief.handle`` as a person would use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from stats_seed import HISTORY, NOW, PNG, RecordingCharts, seed_history

from bot import copy as words
from bot.clock import FixedClock
from bot.insights import chart as stat_chart
from bot.insights import community as stat_words
from bot.insights.patterns import MIN_COMMUNITY
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview, Outcome
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


async def test_stats_lead_with_one_next_step_and_say_which_factors_overlap(
        world: World) -> None:
    await world.seed(ANN, HISTORY)
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    # The answer opens with the single most useful step, from the strongest finding.
    assert reply.text.startswith("Your next step: this week, apply first to roles you'd "
                                 "rate a 4 or 5 on fit")
    assert "Across your 6 past interviews" in said
    assert "Roles you rated a good fit (4-5): 2 of 2 called back; roles you rated 1-3: " \
           "0 of 3." in said
    assert "Small numbers (2 and 3 interviews): a hint worth testing" in said
    # Research split the same interviews the same way: said once, as one pattern.
    assert "Your research split these same interviews the same way, so read them as one " \
           "pattern, not two." in said
    assert "With a thank-you inside 24 hours: 2 of 3 called back; with a later note or " \
           "none: 0 of 2." in said
    # each insight ends in one step, but the first one's step is the lead: said once (it
    # was said at the top and again, word for word, under its finding)
    assert said.count("Next step:") == 2
    assert "Next step: the one at the top." in said
    assert said.count("apply first to roles you'd rate a 4 or 5 on fit") == 1
    # Globex's "no reply" is 43 days old: closed, so it counts as no callback.
    assert "2 callbacks (1 of them an offer), 2 rejections, 1 with no reply after three weeks" \
        in said
    assert "4 of 6 went out inside 24 hours. 1 went out later. 1 was never marked" in said
    assert "• Prepared: strong lately, up from weak (6 ratings)" in said
    assert not re.search(r"\d\.\d", said)  # plain words, never decimals
    assert "not proof" in said


async def test_ratings_that_all_read_the_same_are_said_once(world: World) -> None:
    """"• Stand out: strong, steady (4 ratings)" came five times, one per area."""
    from stats_seed import STRONG_PREP, answers
    steady = [(days, company, {**answers(STRONG_PREP, "4", "memorable"),
                               "remember": "cut churn 12%", "bring": "3 yrs of sql"}, 2, result)
              for days, company, result in ((40, "Acme", Outcome.CALLBACK),
                                            (30, "Globex", Outcome.REJECTED),
                                            (20, "Initech", Outcome.CALLBACK))]
    await world.seed(ANN, steady)
    (reply,) = await world.say("/debrief stats")
    rated = next(f.value for f in reply.fields if f.name == "How you rated yourself")
    assert rated.startswith("• All five areas: strong, steady (3 ratings each)\n")


async def test_areas_that_read_alike_share_one_line(world: World) -> None:
    """After three noes, "weak (1 rating so far)" came four times, one line per area."""
    from stats_seed import WEAK_PREP, answers
    await world.seed(ANN, [(10, "Acme", {**answers(WEAK_PREP, "2", "generic"),
                                         "professional": "too_personal"}, 2,
                            Outcome.REJECTED)])
    (reply,) = await world.say("/debrief stats")
    rated = next(f.value for f in reply.fields if f.name == "How you rated yourself")
    assert rated.splitlines()[:2] == [
        "• Stand out, professional, prepared and right jobs: weak (1 rating each so far)",
        "• Follow up: strong (1 rating so far)"]


async def test_stats_on_three_interviews_carry_an_honest_small_number_caveat(
        world: World) -> None:
    await world.seed(ANN, HISTORY[:3])
    (reply,) = await world.say("/debrief stats")
    said = everything(reply)
    assert "Too few answers yet to see what separates your callbacks from the rest." in said
    # said once: with no finding below it, "treat what follows as hints" qualifies nothing
    assert "treat what follows as hints" not in said
    assert "What came before callbacks" not in [f.name for f in reply.fields]


async def test_stats_without_outcomes_lead_with_recording_them(world: World) -> None:
    await world.seed(ANN, [(d, c, a, t, None) for d, c, a, t, _ in HISTORY[:2]])
    (reply,) = await world.say("/debrief stats")
    assert reply.text.startswith("Your next step: when you hear back, record it")
    assert "No answers from employers recorded yet." in reply.text
    assert "What came before callbacks" not in [f.name for f in reply.fields]


async def test_a_recent_no_reply_is_waiting_not_a_failed_callback(world: World) -> None:
    recent = [(5, "Fresh", HISTORY[0][2], 2, Outcome.NO_REPLY)]
    await world.seed(ANN, [*HISTORY[:1], *recent])
    (reply,) = await world.say("/debrief stats")
    outcomes = {f.name: f.value for f in reply.fields}["Outcomes"]
    assert outcomes.startswith("From 1 interview with an outcome: 1 rejection.")
    assert "1 still waiting for a reply - not counted until you hear back" in outcomes


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
    assert reply.attachment.filename == stat_chart.CHART_FILENAME
    assert world.charts is not None
    (chart,) = world.charts.drawn
    assert chart.kind == "bars" and chart.x_labels == ("fit 1-3", "good fit (4-5)")


async def test_stats_are_text_only_without_a_renderer_or_when_drawing_fails(
        world: World) -> None:
    await world.seed(ANN, HISTORY)
    world.charts = None
    (plain,) = await world.say("/debrief stats")
    assert plain.attachment is None and "Across your 6 past interviews" in plain.text
    world.charts = RecordingCharts(fail=True)
    (failed,) = await world.say("/debrief stats")
    assert failed.attachment is None
    assert failed.text.endswith(stat_chart.chart_failed())


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
    assert figures["Callbacks"] == "10 of 25 interviews with an answer (40%), 5 offers " \
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


async def _seed_profiles(world: World, who: Identity,
                         rows: list[tuple[str, Outcome]]) -> None:
    """Interviews with only a source and an outcome, long enough ago to be closed."""
    async with memory_uow_factory(world.store)() as uow:
        user = await uow.users.get_or_create(who, created_at=NOW - timedelta(days=200))
        assert user.id is not None
        for n, (source, outcome) in enumerate(rows):
            at = NOW - timedelta(days=60 + n)
            await uow.interviews.add(Interview(
                user_id=user.id, company="Acme", happens_at=at, logged_at=at, source=source,
                outcome=outcome, community_id=who.workspace_id))
        await uow.commit()


async def test_community_says_what_came_before_callbacks_from_five_people_a_group(
        world: World) -> None:
    for who in people(6):
        await _seed_profiles(world, who, [("referral", Outcome.CALLBACK),
                                          ("application", Outcome.REJECTED),
                                          ("application", Outcome.REJECTED)])
    # A recruiter group of four people: its figures must never be shown.
    for who in people(4):
        await _seed_profiles(world, Identity("slack", "T1", f"R{who.user_id}"),
                             [("recruiter", Outcome.CALLBACK)] * 3)
    (reply,) = await world.say("/debrief community", is_admin=True)
    said = everything(reply)
    assert reply.text.startswith("Your next step: start a thread this week where members "
                                 "can offer and ask for referrals.")
    assert "Interviews that came through a referral: 6 of 6 called back (6 people), " \
           "against 18 of 30 across the community." in said
    assert "recruiter" not in said and "12 of 12" not in said
    assert not re.search(r"\([0-4] people\)", said)  # no group under five people


async def test_community_rates_wait_for_five_people_with_answers(world: World) -> None:
    for n, who in enumerate(people(MIN_COMMUNITY)):
        await _seed_profiles(world, who, [("referral", Outcome.CALLBACK)] if n < 4 else [])
        if n >= 4:
            await world.say("/debrief interview Acme", who)
    (reply,) = await world.say("/debrief community", is_admin=True)
    names = [f.name for f in reply.fields]
    assert "People who logged interviews" in names and "Callbacks" not in names
    assert "Callback figures appear once 5 people have recorded what they heard back." \
        in reply.text


async def test_interviews_all_on_one_day_are_said_so_not_from_a_day_to_itself() -> None:
    world = World(charts=None)
    for company in ("Acme", "Globex"):
        await world.say(f"/debrief interview {company}")
        await world.say("cancel")
    replies = await world.say("/debrief stats")
    text = " ".join(r.text for r in replies)
    assert "Across your 2 past interviews (all on " in text, text
    assert not re.search(r"from (\d\d \w+) to \1", text)


async def test_community_never_shows_a_group_whose_rest_is_one_person(world: World) -> None:
    """Five people with referrals were shown against the community's totals, so the one
    person without a referral could be read off by subtraction: 0 of 3 called back."""
    for who in people(5):
        await _seed_profiles(world, who, [("referral", Outcome.CALLBACK)])
    await _seed_profiles(world, Identity("slack", "T1", "ULONE"),
                         [("application", Outcome.REJECTED)] * 3)
    (reply,) = await world.say("/debrief community", is_admin=True)
    said = everything(reply)
    assert "referral" not in said and "5 of 5" not in said
    assert "No group of 5 or more people stands apart on callbacks yet" in reply.text



async def test_community_says_a_pattern_once_not_from_both_its_sides(world: World) -> None:
    """"Rated 4-5 on fit: 10 of 10" and "rated 1-3 on fit: 0 of 17" came as two insights
    with the same next step twice: one pattern, seen from both sides."""
    for n, who in enumerate(people(7)):
        await world.seed(who, HISTORY if n % 2 else HISTORY[:3])
    (reply,) = await world.say("/debrief community", is_admin=True)
    said = everything(reply)
    assert "rated a good fit (4-5): 10 of 10 called back" in said
    assert "rated 1-3 on fit" not in said
    assert said.count("choosing roles where members clearly bring something") == 2  # lead


async def test_community_with_nothing_yet_says_none_not_zero_percent_and_a_step(
        world: World) -> None:
    for who in people(6):
        await _seed_profiles(world, who, [("application", Outcome.REJECTED)] * 2)
    (reply,) = await world.say("/debrief community", is_admin=True)
    said = everything(reply)
    assert "0%" not in said and "0 of" not in said
    assert {f.name: f.value for f in reply.fields}["Callbacks"] == \
        "none yet, of 12 interviews with an answer"
    assert reply.text.startswith("Your next step: schedule tips on following up")
