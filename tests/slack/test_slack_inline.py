"""A slash command answered in its acknowledgement when the answer is ready in time
(adapters/slack/inline.py), and answered exactly as before when it is not."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fake_slack import FakeSlack, SlackUser
from slack_env import SlackEnv, SlowCore, open_env
from slack_people import SlackPerson

from adapters.lanes import EAGER_BELOW, PersonLanes


def _posted_to_response_urls(fake: FakeSlack) -> list[dict[str, Any]]:
    """What really went over HTTP to a response URL (not what rode in an ack)."""
    return [c.args for c in fake.calls_to("response_url") if c.args.get("via") != "ack"]


async def test_help_in_a_channel_is_answered_in_the_acknowledgement(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    ack = await ada.slash("help")
    assert ack.status == 200
    body = ack.json()
    assert body["response_type"] == "ephemeral", "only the caller sees their help"
    assert "/debrief interview" in str(body["blocks"])
    assert body["text"], "a notification text rides along"
    await asyncio.sleep(0.2)  # nothing else follows
    assert _posted_to_response_urls(fake) == []
    shown = fake.calls_to("response_url")
    assert len(shown) == 1 and shown[0].args["via"] == "ack"


async def test_a_channel_note_rides_in_the_acknowledgement_and_the_question_goes_to_the_dm(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    ack = await ada.slash("interview Acme type:other")
    assert ack.status == 200
    assert "only you can see it" in ack.json()["text"]
    assert ack.json()["response_type"] == "ephemeral"
    await fake.wait_for(lambda: ada.dm_messages())
    assert "How memorable" in str(ada.dm_messages()[0]["blocks"])
    await asyncio.sleep(0.2)
    assert _posted_to_response_urls(fake) == []


async def test_in_the_persons_dm_replies_stay_ordinary_dm_messages(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    ack = await ada.slash("help", channel=ada.dm)
    assert ack.status == 200 and ack.body == ""
    await fake.wait_for(lambda: ada.dm_messages())
    assert "/debrief interview" in str(ada.dm_messages()[0]["blocks"])
    assert fake.calls_to("response_url") == []


async def test_slow_work_is_acknowledged_empty_within_the_budget_and_answered_once_later(
        fake: FakeSlack) -> None:
    async with open_env(fake, wrap=lambda core: SlowCore(core, 1.5)) as env:
        started = time.monotonic()
        ack = await env.ada.slash("help")
        assert ack.status == 200 and ack.body == ""
        assert 0.9 < ack.seconds < 1.4, "waited for the answer about a second, no longer"
        posted = await fake.wait_for(lambda: _posted_to_response_urls(fake), within=5)
        assert time.monotonic() - started >= 1.5
        assert "/debrief interview" in str(posted[0]["blocks"])
        await asyncio.sleep(0.3)
        assert len(fake.calls_to("response_url")) == 1, "the answer arrived exactly once"


async def test_a_command_delivered_twice_at_once_is_answered_once(
        slack_env: SlackEnv) -> None:
    """The same request twice at once (a replay, or a double submit): one answer in all,
    in an acknowledgement or through the response URL, never both."""
    fake, ada = slack_env.fake, slack_env.ada
    payload = {"token": "legacy", "team_id": fake.team_id, "channel_id": "C0GENERAL",
               "user_id": ada.user.id, "command": "/debrief", "text": "help",
               "response_url": fake.response_url(), "trigger_id": "same-trigger"}
    first, second = await asyncio.gather(ada.transport.command(dict(payload)),
                                         ada.transport.command(dict(payload)))
    assert first.status == second.status == 200
    in_acks = [a for a in (first, second) if a.body]
    await asyncio.sleep(0.3)
    assert len(in_acks) + len(_posted_to_response_urls(fake)) == 1


async def test_eager_work_starts_at_once_unless_the_person_or_the_process_is_behind() -> None:
    lanes = PersonLanes(concurrency=1)
    ran: list[str] = []
    gate = asyncio.Event()

    async def job(name: str) -> None:
        ran.append(name)
        await gate.wait()

    assert lanes.submit("ada", lambda: job("ada-1"), eager=True), "all free: at once"
    assert not lanes.submit("ada", lambda: job("ada-2"), eager=True), \
        "queued behind Ada's first"
    assert lanes.submit("bob", lambda: job("bob-1"), eager=True), \
        "outside the one work slot: Bob does not wait for Ada"
    for n in range(EAGER_BELOW):  # a flood: the backlog grows past the eager limit
        lanes.submit(f"p{n}", lambda n=n: job(f"p{n}"), eager=True)
    assert not lanes.submit("cy", lambda: job("cy-1"), eager=True), "behind: queued"
    await asyncio.sleep(0.05)
    assert ran[:2] == ["ada-1", "bob-1"]
    assert "cy-1" not in ran, "queued work waits for its slot"
    gate.set()
    assert await lanes.drain(5)
    assert len(ran) == 4 + EAGER_BELOW


async def test_a_crowd_is_acknowledged_first_and_everyone_is_answered_once(
        slack_env: SlackEnv) -> None:
    """Forty people at the same moment: more acknowledgements on their way than the
    process answers in them (adapters.lanes.CROWDED), so acknowledgements go out first,
    empty, and their answers follow through the response URL; nobody is answered twice or
    not at all."""
    fake = slack_env.fake
    people = [SlackPerson(fake, slack_env.ada.transport,
                          fake.add_user(SlackUser(f"UCROWD{n:02d}", f"Person {n}")))
              for n in range(40)]
    acks = await asyncio.gather(*(person.slash("help") for person in people))
    assert all(ack.status == 200 for ack in acks)
    assert all(ack.seconds < 3 for ack in acks), "every acknowledgement within Slack's 3 s"
    empty = sum(not ack.body for ack in acks)
    assert empty >= 1, "some acknowledgements left before their answers"
    await fake.wait_for(lambda: len(_posted_to_response_urls(fake)) >= empty, within=10)
    await asyncio.sleep(0.3)
    answers = fake.calls_to("response_url")
    assert len(answers) == 40, "every person answered exactly once"
    assert all("/debrief interview" in str(a.args["blocks"]) for a in answers)


async def test_a_response_url_that_fails_once_is_retried_and_shows_the_answer_once(
        fake: FakeSlack) -> None:
    async with open_env(fake, wrap=lambda core: SlowCore(core, 1.2)) as env:
        fake.http_error("response_url", 503)
        ack = await env.ada.slash("help")
        assert ack.body == "", "the answer was not ready for the acknowledgement"
        posted = await fake.wait_for(lambda: _posted_to_response_urls(fake), within=5)
        assert len(fake.calls_to("response_url_refused")) == 1
        assert "/debrief interview" in str(posted[0]["blocks"])
        await asyncio.sleep(0.3)
        assert len(_posted_to_response_urls(fake)) == 1, "shown once"
        assert not fake.calls_to("chat.postEphemeral")


async def test_an_expired_response_url_is_not_retried_and_the_answer_goes_by_the_web_api(
        fake: FakeSlack) -> None:
    async with open_env(fake, wrap=lambda core: SlowCore(core, 1.2)) as env:
        fake.http_error("response_url", 404)
        ack = await env.ada.slash("help")
        assert ack.body == ""
        shown = await fake.wait_for(lambda: fake.calls_to("chat.postEphemeral"), within=5)
        assert "/debrief interview" in str(shown[0].args["blocks"])
        assert shown[0].args["user"] == env.ada.user.id, "still only for the caller"
        assert len(fake.calls_to("response_url_refused")) == 1, "a 404 is not retried"
        assert _posted_to_response_urls(fake) == []
