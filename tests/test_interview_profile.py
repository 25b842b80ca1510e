"""An interview's profile: typed on `interview`, asked once (optional), edited in `history`.

Through ``Debrief.handle`` on the in-memory store, as a person types it; the storage round
trip of the same columns (memory, SQLite, PostgreSQL) is in tests/test_stats_storage.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FixedClock
from bot.grammar import parse_command, spec_for
from bot.insights.profile import ProfileError, parse_profile, profile_line
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
ANN = Identity("console", "local", "ann")


@dataclass
class World:
    store: MemoryStore = field(default_factory=MemoryStore)
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))

    async def say(self, text: str) -> list[Reply]:
        bot = Debrief(memory_uow_factory(self.store), self.clock)
        return await bot.handle(Incoming(ANN, text=text, platform_timezone="Europe/London"))

    def interviews(self) -> list[Interview]:
        return sorted(self.store.interviews.rows.values(), key=lambda i: i.id or 0)


@pytest.fixture
def world() -> World:
    return World()


def profile(interview: Interview) -> tuple[str | None, ...]:
    return (interview.role, interview.job_field, interview.seniority, interview.location,
            interview.source, interview.stage)


async def test_the_profile_can_be_typed_with_the_interview_in_everyday_words(
        world: World) -> None:
    await world.say('/debrief interview Acme role:"Data Analyst" field:Analytics '
                    "seniority:Mid-level location:fully remote source:referred stage:2nd")
    (interview,) = world.interviews()
    assert profile(interview) == ("Data Analyst", "data", "mid", "Remote", "referral", "later")


async def test_the_profile_is_never_required(world: World) -> None:
    replies = await world.say("/debrief interview Acme")
    (interview,) = world.interviews()
    assert profile(interview) == (None,) * 6
    assert "question 1\n" in replies[-1].text  # straight into the reflection


async def test_a_value_outside_a_closed_list_is_refused_and_nothing_is_logged(
        world: World) -> None:
    (reply,) = await world.say("/debrief interview Acme stage:the big one")
    assert 'I don\'t know "the big one" as a stage' in reply.text
    assert "screen, first, later, final" in reply.text
    assert world.interviews() == []


async def test_history_edit_sets_and_clears_parts_of_the_profile(world: World) -> None:
    await world.say("/debrief interview Acme source:recruiter")
    await world.say("cancel")
    (reply,) = await world.say('/debrief history #1 edit field:"Climate policy" '
                               "stage:final location:Berlin")
    assert "Saved. #1 Acme: field: Climate policy · Berlin · via a recruiter · reached a " \
           "final round." in reply.text
    await world.say("/debrief history acme edit source:none")
    (interview,) = world.interviews()
    assert profile(interview) == (None, "Climate policy", None, "Berlin", None, "final")


async def test_a_city_typed_in_lowercase_is_shown_with_its_capital(world: World) -> None:
    await world.say('/debrief interview Acme location:new york role:"analyst in london"')
    await world.say("cancel")
    (reply,) = await world.say("/debrief history #1")
    assert {f.name: f.value for f in reply.fields}["Profile"] == "analyst in London · New York"
    assert world.interviews()[0].location == "new york"  # stored as typed


async def test_history_edit_without_values_says_how_and_changes_nothing(world: World) -> None:
    await world.say("/debrief interview Acme stage:screen")
    (reply,) = await world.say("/debrief history #1 edit")
    assert "profile: reached a screening call" in reply.text
    assert "`stage:` screen/first/later/final" in reply.text
    assert world.interviews()[0].stage == "screen"


async def test_history_edit_with_a_bad_value_changes_nothing(world: World) -> None:
    await world.say("/debrief interview Acme stage:screen")
    (reply,) = await world.say("/debrief history #1 edit stage:final seniority:boss")
    assert "Nothing was changed" in reply.text
    assert world.interviews()[0].stage == "screen"


async def test_a_company_named_like_the_word_edit_is_still_found(world: World) -> None:
    await world.say("/debrief interview Credit Suisse")
    await world.say("cancel")
    (reply,) = await world.say("/debrief history credit suisse")
    assert reply.title is not None and "Credit Suisse" in reply.title


async def test_recording_an_outcome_asks_once_how_the_interview_came_about(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    reply, question = await world.say("/debrief outcome #1 rejected")
    assert reply.text.startswith("I'm sorry.") and "come about" not in reply.text
    assert reply.choices == ()  # the draft is not followed by someone else's buttons
    assert question.text.endswith("how did the Acme interview come about?")
    assert question.choices[0].value == "/debrief history #1 edit source:referral"
    (saved,) = await world.say(question.choices[1].value)  # the button, as clicked
    assert world.interviews()[0].source == "application"
    assert "Saved." in saved.text
    again, changed = await world.say("/debrief outcome #1 callback")
    assert "come about" not in again.text and again.choices == ()
    assert changed.text == '(Changed Acme from "Rejected" to "Callback".)'  # a correction


async def test_the_source_question_comes_with_the_first_outcome_only(world: World) -> None:
    """Unanswered, it is not asked again with the next "no reply yet" or the answer that
    finally comes: it is optional, and asking twice would nag."""
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    _noted, question = await world.say("/debrief outcome #1 no reply")
    assert "come about" in question.text
    for later in ("no reply", "rejected"):
        (reply,) = await world.say(f"/debrief outcome #1 {later}")
        assert "come about" not in reply.text and reply.choices == ()
    assert world.interviews()[0].source is None


def test_discord_gets_the_profile_options_from_the_grammar() -> None:
    for name in ("interview", "history"):
        spec = spec_for(name)
        assert spec is not None
        options = {o.name: o for o in spec.options}
        assert {"field", "seniority", "location", "source", "stage"} <= set(options)
        assert options["source"].choices == ("referral", "application", "recruiter", "other")
        assert all(len(o.description) <= 100 for o in spec.options)  # Discord's limit
    command = parse_command("/debrief history #4 edit where:Lisbon stage:final")
    assert command.text == "#4 edit"
    assert ("location", "Lisbon") in command.options


@pytest.mark.parametrize(("options", "expected"), [
    ({"field": "UX"}, {"job_field": "design"}),
    ({"field": "Quantum basket weaving"}, {"job_field": "Quantum basket weaving"}),
    ({"seniority": "Sr."}, {"seniority": "senior"}),
    ({"location": "on site"}, {"location": "On-site"}),
    ({"source": "LinkedIn"}, {"source": "application"}),
    ({"stage": "phone screen"}, {"stage": "screen"}),
    ({"stage": "-"}, {"stage": None}),
])
def test_profile_words_people_type_land_in_one_group(options: dict[str, str],
                                                      expected: dict[str, str | None]) -> None:
    assert parse_profile(options) == expected


def test_an_overlong_or_empty_value_is_refused() -> None:
    with pytest.raises(ProfileError):
        parse_profile({"field": "x" * 101})
    with pytest.raises(ProfileError):
        parse_profile({"location": "  "})


def test_profile_line_is_empty_without_a_profile() -> None:
    bare = Interview(user_id=1, company="Acme", happens_at=T0, logged_at=T0)
    assert profile_line(bare) == ""


@pytest.mark.parametrize(("typed", "source"), [
    ("a referral", "referral"), ("my friend referred me 🙂", "referral"),
    ("a recruiter reached out on linkedin", "recruiter"), ("i applied online", "application"),
    ("another way", "other")])
async def test_the_source_question_takes_a_typed_answer_too(
        world: World, typed: str, source: str) -> None:
    """Typed instead of clicked, it got "There's no reflection open right now"."""
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    _reply, question = await world.say("/debrief outcome #1 rejected")
    assert "come about" in question.text
    (saved,) = await world.say(typed)
    assert saved.text.startswith("Saved. #1 Acme:")
    assert world.interviews()[0].source == source


async def test_a_typed_source_long_after_the_question_is_not_taken_for_it(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    await world.say("/debrief outcome #1 rejected")
    world.clock.advance(timedelta(days=2))
    (reply,) = await world.say("a referral")
    assert reply.text.startswith("There's no reflection open right now")
    assert world.interviews()[0].source is None
