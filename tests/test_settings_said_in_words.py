"""Settings, and removals, said in words in the DM with nothing open: the one command that
does it, as a button; nothing changes on a sentence, and nothing is deleted on a "yes"."""

from __future__ import annotations

from datetime import time

import pytest
from test_service import World

world = pytest.fixture(lambda: World(), name="world")


async def one(world: World, text: str):  # type: ignore[no-untyped-def]
    (reply,) = await world.say(text)
    return reply


@pytest.mark.parametrize("typed, name", [
    ("my name is Ann Lee", "Ann Lee"), ("call me sam", "Sam"),
    ("please sign my notes as Dr. Priya Shah", "Dr. Priya Shah"),
])
async def test_a_name_said_is_offered_as_the_signature(
        world: World, typed: str, name: str) -> None:
    reply = await one(world, typed)
    assert reply.text.startswith(f"Sign your notes as {name}? Tap the button or type "
                                 f"`/debrief settings name {name}`")
    assert [a.value for a in reply.actions] == [f"/debrief settings name {name}"]
    assert world.store.users.rows[1].preferred_name is None  # nothing set on a sentence
    await world.say(reply.actions[0].value)  # the tap
    assert world.store.users.rows[1].preferred_name == name


@pytest.mark.parametrize("typed", ["call me later", "my name is not important"])
async def test_what_is_not_a_name_is_not_offered_as_one(world: World, typed: str) -> None:
    assert "Sign your notes as" not in (await world.say(typed))[0].text


@pytest.mark.parametrize("typed, zone", [
    ("change my timezone to berlin", "Europe/Berlin"), ("i moved to tokyo", "Asia/Tokyo"),
    ("im in PST now", "America/Los_Angeles"),
])
async def test_a_place_said_is_offered_as_the_timezone(
        world: World, typed: str, zone: str) -> None:
    reply = await one(world, typed)  # the World's people are in Europe/London
    assert reply.text.startswith(f"Use {zone} for your reminders and times? Tap the button "
                                 f"or type `/debrief settings timezone {zone}`")
    assert world.store.users.rows[1].timezone is None


async def test_somewhere_that_is_no_place_gets_no_timezone(world: World) -> None:
    assert "timezone" not in (await one(world, "i moved to a new flat")).text
    assert "timezone" not in (await one(world, "im in a meeting")).text
    unknown = await one(world, "set my time zone to narnia")
    assert unknown.text.startswith("I don't know a timezone called \"narnia\".")


@pytest.mark.parametrize("typed, window", [
    ("dont message me after 9pm", "21:00-08:00"),
    ("no reminders before 9", "22:00-09:00"),
])
async def test_quiet_hours_said_in_words_are_offered(
        world: World, typed: str, window: str) -> None:
    reply = await one(world, typed)
    assert reply.text.startswith(f"Quiet hours {window}, so no reminder comes between ")
    assert [a.value for a in reply.actions] == [f"/debrief settings quiet {window}"]
    await world.say(reply.actions[0].value)
    start, end = window.split("-")
    assert world.store.users.rows[1].quiet_start == time.fromisoformat(start)
    assert world.store.users.rows[1].quiet_end == time.fromisoformat(end)


async def test_quiet_hours_already_so_are_said_to_be(world: World) -> None:
    reply = await one(world, "no messages before 8am")
    assert reply.text == ("Your quiet hours are already 22:00-08:00: no reminder comes "
                          "between 22:00 and 08:00 your time.")


@pytest.mark.parametrize("typed", ["yes delete it", "confirm", "yes, delete everything"])
async def test_a_yes_under_the_forget_question_deletes_nothing_and_says_what_does(
        world: World, typed: str) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10am"')
    await world.say("cancel")
    await world.say("/debrief forget")
    reply = await one(world, typed)
    assert reply.text.startswith("Nothing has been deleted: I only delete when the command "
                                 "says so, typed in full - `/debrief forget confirm`")
    assert len(world.interviews()) == 1


async def test_an_interview_asked_to_be_deleted_in_words_is_asked_about_first(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10am"')
    await world.say("cancel")
    reply = await one(world, "please delete my acme interview")
    assert reply.text.startswith("Remove Acme (")
    assert [a.value for a in reply.actions] == ["/debrief history #1 remove confirm"]
    assert len(world.interviews()) == 1
