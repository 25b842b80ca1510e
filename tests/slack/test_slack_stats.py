"""/debrief stats and /debrief community through the fake Slack, on the real core.

The chart is uploaded the ``files_upload_v2`` way (upload URL, bytes, complete) into the
person's DM, right after the stats message; community figures are for admins only.
"""

from __future__ import annotations

from fake_slack import SlackUser
from slack_env import SlackEnv
from stats_seed import PNG, RecordingCharts, seed_history

from bot import copy
from bot.insights import community as words
from bot.insights.chart import CHART_FILENAME
from bot.insights.patterns import MIN_COMMUNITY
from bot.values import Identity

UPLOAD = ["files.getUploadURLExternal", "files.completeUploadExternal"]


async def seeded(env: SlackEnv, user_id: str = "UADA") -> None:
    env.core.charts = RecordingCharts()
    await seed_history(env.uow, Identity("slack", env.fake.team_id, user_id),
                       now=env.clock.now())


async def test_stats_asked_in_a_channel_arrive_in_the_dm_with_the_chart_uploaded(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await seeded(slack_env)
    await ada.slash("stats")
    (shared,) = await fake.wait_for(lambda: fake.files_in(ada.dm))
    assert (shared.filename, shared.data) == (CHART_FILENAME, PNG)
    assert shared.alt_txt and "callbacks by how well the role fit" in shared.alt_txt
    (note,) = fake.calls_to("response_url")
    assert note.args["response_type"] == "ephemeral" and note.text == copy.SENT_TO_DM
    (stats,) = ada.dm_messages()
    assert "Your interview patterns" in stats["text"]
    assert "What came before callbacks" in str(stats["blocks"])
    methods = [m for m in fake.methods() if m.startswith(("chat.", "files."))]
    assert methods == ["chat.postMessage", *UPLOAD]  # the chart follows its message


async def test_stats_in_the_dm_upload_the_chart_there(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await seeded(slack_env)
    await ada.say("/debrief stats")
    (shared,) = await fake.wait_for(lambda: fake.files_in(ada.dm))
    assert shared.data == PNG
    assert not fake.calls_to("response_url")


async def test_a_refused_upload_still_leaves_every_word(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await seeded(slack_env)
    fake.fail("files.getUploadURLExternal", "missing_scope")  # installed before files:write
    await ada.slash("stats")
    await fake.wait_for_calls("files.getUploadURLExternal", 1)
    await fake.wait_for(lambda: ada.dm_messages())
    assert "Your interview patterns" in ada.dm_messages()[0]["text"]
    assert not fake.shared and not fake.calls_to("files.completeUploadExternal")


async def test_community_is_for_workspace_admins_and_shows_nothing_below_five_people(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    admin = slack_env.person(SlackUser("UADMIN", "Root", is_admin=True))
    for n in range(MIN_COMMUNITY - 1):
        await seed_history(slack_env.uow, Identity("slack", fake.team_id, f"U{n}"),
                           now=slack_env.clock.now())

    await ada.slash("community")
    await admin.slash("community")
    refused, too_small = await fake.wait_for_calls("response_url", 2)
    assert refused.text == words.COMMUNITY_ADMINS_ONLY
    assert too_small.text == words.community_too_small(MIN_COMMUNITY)

    await seed_history(slack_env.uow, Identity("slack", fake.team_id, "U9"),
                       now=slack_env.clock.now())
    await admin.slash("community")
    shown = (await fake.wait_for_calls("response_url", 3))[2]
    assert shown.args["response_type"] == "ephemeral"
    sections = [b["text"]["text"] for b in shown.args["blocks"] if b["type"] == "section"]
    assert "*People who logged interviews*\n5" in sections
