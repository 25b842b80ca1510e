"""What people type reaches the core as the words they saw, not as Slack's markup.

Payload text is written the way Slack delivers it, per "Formatting text for app surfaces"
(https://docs.slack.dev/messaging/formatting-message-text/): typed ``& < >`` as entities,
links ``<url|label>``, mentions ``<@U…>`` / ``<@U…|name>``, channels ``<#C…|name>``,
``<!here>``-style broadcasts, ``<!subteam^…>`` groups and ``<!date^…|fallback>`` dates.
"""

from __future__ import annotations

import json

import pytest
from fake_slack import SlackUser
from slack_env import SlackEnv
from slack_people import slack_typed

from adapters.slack.mrkdwn import decode_entities, to_plain
from bot import copy
from bot.values import Identity


class _Names:
    async def user_name(self, user_id: str) -> str | None:
        return {"U0BOB": "Bob Stone", "W0GRID": "Grace"}.get(user_id)

    async def channel_name(self, channel_id: str) -> str | None:
        return {"C0JOBS": "jobs"}.get(channel_id)


@pytest.mark.parametrize(("slack_sends", "person_saw"), [
    ("Their <https://acme.com/blog|launch post>", "Their launch post"),
    ("see <https://x.example/a?b=1&amp;c=2>", "see https://x.example/a?b=1&c=2"),
    ("mail <mailto:cto@acme.com|cto@acme.com>", "mail cto@acme.com"),
    ("mail <mailto:cto@acme.com>", "mail cto@acme.com"),
    ("with <@U0BOB>", "with Bob Stone"),
    ("with <@U0BOB|bob>", "with Bob Stone"),               # the directory's name wins
    ("with <@U0GONE|gone.person>", "with gone.person"),    # unknown: the label Slack sent
    ("with <@U0GONE>", f"with {copy.MENTION_SOMEONE}"),     # nothing to go on: neutral
    ("grid <@W0GRID>", "grid Grace"),                      # Enterprise Grid user ids
    ("in <#C0JOBS|jobs>", "in #jobs"),
    ("in <#C0JOBS>", "in #jobs"),                          # no label: conversations.info
    ("in <#C0JOBS|>", "in #jobs"),                         # empty label, the same
    ("in <#C0PRIV>", f"in {copy.MENTION_A_CHANNEL}"),
    ("<!here> <!channel> <!everyone>",
     f"{copy.MENTION_HERE} {copy.MENTION_CHANNEL} {copy.MENTION_EVERYONE}"),
    ("<!here|here> hi", f"{copy.MENTION_HERE} hi"),
    ("ask <!subteam^S0DESIGN|@design>", "ask @design"),
    ("ask <!subteam^S0DESIGN>", f"ask {copy.MENTION_A_GROUP}"),
    ("on <!date^1392734382^{date_pretty}|Feb 18, 2014 PST>", "on Feb 18, 2014 PST"),
    ("on <!date^1392734382^{date}>", "on 18 February 2014"),
    ("a &lt;b&gt; &amp; c", "a <b> & c"),
    ("typed &amp;lt; literally", "typed &lt; literally"),  # decoded once, never twice
    ("R&amp;D &quot;kept&quot;", "R&D &quot;kept&quot;"),  # only Slack's three entities
    ("<https://a.example|A &amp; B> and <https://b.example|x|y>", "A & B and x|y"),
    ("emoji :tada: stays", "emoji :tada: stays"),
])
async def test_slack_markup_becomes_what_the_person_saw(slack_sends: str,
                                                         person_saw: str) -> None:
    assert await to_plain(slack_sends, _Names()) == person_saw


async def test_command_text_keeps_channel_links_for_the_grammar_and_names_the_rest() -> None:
    text = "tips subscribe <#C0JOBS|jobs> weekdays 09:00 ask <@U0BOB> &amp; co"
    plain = await to_plain(text, _Names(), keep_channel_links=True)
    assert plain == "tips subscribe <#C0JOBS|jobs> weekdays 09:00 ask Bob Stone & co"


def test_entities_decode_in_one_pass() -> None:
    assert decode_entities("&amp;amp; &lt;&gt;") == "&amp; <>"


async def _start_reflection(env: SlackEnv) -> None:
    fake, ada = env.fake, env.ada
    await ada.slash("interview Acme interviewer:Jane type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    await ada.click("They'll remember me")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)


async def _interview_answers(env: SlackEnv, person: SlackUser) -> dict:
    async with env.uow() as uow:
        user = await uow.users.get(Identity("slack", env.fake.team_id, person.id))
        assert user is not None and user.id is not None
        interviews = await uow.interviews.list_for_user(user.id)
    return dict(interviews[-1].answers)


async def test_an_answer_with_a_link_and_a_mention_is_stored_and_drafted_as_plain_words(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    fake.add_user(SlackUser("U0BOB", "Bob Stone", display_name="Bob"))
    fake.channels["C0JOBS"] = "jobs"
    await _start_reflection(slack_env)
    await ada.say("the outage story")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    await ada.say("skip")  # what they seemed most interested in
    await fake.wait_for(lambda: len(ada.dm_messages()) == 4)
    await ada.say("planning to")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 5)
    # The reference point, as Slack delivers "their launch post (link) with @Bob, mail
    # cto@acme.com & #jobs" typed with the composer's link button and autocompletion.
    await ada.say_markup("their <https://acme.com/blog|launch post> with <@U0BOB>, mail "
                         "<mailto:cto@acme.com|cto@acme.com> &amp; <#C0JOBS>")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 6)

    answers = await _interview_answers(slack_env, ada.user)
    meant = "their launch post with Bob, mail cto@acme.com & #jobs"
    assert answers["reference"] == meant

    await ada.slash("draft", channel=ada.dm)
    draft = (await fake.wait_for(lambda: [c for c in fake.posted(ada.dm)
                                          if "Thank you" in json.dumps(c.args)]))[-1]
    shown = json.dumps(draft.args["blocks"], ensure_ascii=False)
    # escaped once; "their" reads "your" in a note to them (bot/notes)
    assert "your launch post with Bob, mail cto@acme.com &amp; #jobs" in shown
    assert "<https://" not in shown and "<@U0BOB>" not in shown and "mailto:" not in shown


async def test_a_file_with_text_is_an_answer_and_a_file_alone_gets_the_empty_answer_hint(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await _start_reflection(slack_env)
    await ada.share_file("")  # only a screenshot
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    assert "I didn't catch an answer there" in json.dumps(ada.dm_messages()[-1]["blocks"])

    await ada.share_file("the whiteboard design, photo attached")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 4)
    assert "question 3 of 11" in json.dumps(ada.dm_messages()[-1]["blocks"])
    answers = await _interview_answers(slack_env, ada.user)
    assert "the whiteboard design, photo attached" in answers.values()


async def test_a_thread_reply_also_sent_to_the_dm_is_an_answer(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await _start_reflection(slack_env)
    question = ada.dm_messages()[-1]
    await ada.reply_in_thread_and_dm("my answer, from the thread", question["ts"])
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    assert "question 3 of 11" in json.dumps(ada.dm_messages()[-1]["blocks"])
    assert "my answer, from the thread" in (await _interview_answers(slack_env, ada.user)
                                            ).values()


async def test_edits_joins_and_bot_messages_in_the_dm_are_still_ignored(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await _start_reflection(slack_env)
    # Subtype shapes: slack_bolt tests/scenario_tests_async/test_message_changed.py,
    # test_message_bot.py; channel_join from https://docs.slack.dev/reference/events/message
    for extra in ({"subtype": "message_changed", "hidden": True,
                   "message": {"type": "message", "user": ada.user.id, "text": "edited"}},
                  {"subtype": "channel_join"},
                  {"subtype": "bot_message", "bot_id": "B0OTHER", "username": "other"},
                  {"subtype": "message_deleted", "hidden": True, "deleted_ts": "1.2"}):
        ack = await ada.say_markup("not an answer", **extra)
        assert ack.status == 200
    await ada.say("the real answer")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    assert len(ada.dm_messages()) == 3, "only the real answer was answered"
    values = (await _interview_answers(slack_env, ada.user)).values()
    assert "not an answer" not in values and "edited" not in values


async def test_slash_command_text_loses_its_markup_but_a_tips_channel_keeps_its_id(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview <https://acme.com|Acme &amp; Sons> type:other")
    confirmation = (await fake.wait_for_calls("response_url", 1))[0]
    assert "Acme &amp; Sons" in json.dumps(confirmation.args)  # one escape: Slack's own
    async with slack_env.uow() as uow:
        user = await uow.users.get(Identity("slack", fake.team_id, "UADA"))
        assert user is not None and user.id is not None
        [interview] = await uow.interviews.list_for_user(user.id)
    assert interview.company == "Acme & Sons"


async def test_modal_text_inputs_are_kept_exactly_as_typed(slack_env: SlackEnv) -> None:
    """A plain_text_input value is the text itself (view.state.values, as in slack_bolt's
    test_view_submission.py), not message markup: nothing is decoded, so a typed "&amp;"
    stays "&amp;" and a typed "<Labs>" stays "<Labs>"."""
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview")
    view = dict((await fake.wait_for_calls("views.open", 1))[0].args["view"])
    ack = await ada.submit(view, {
        "company": {"type": "plain_text_input", "value": "R&D <Labs> &amp; Co"},
        "role": {"type": "plain_text_input", "value": None},
        "interviewer": {"type": "plain_text_input", "value": None},
        "notes": {"type": "plain_text_input", "value": None},
    })
    assert ack.status == 200
    await fake.wait_for(lambda: ada.dm_messages())
    async with slack_env.uow() as uow:
        user = await uow.users.get(Identity("slack", fake.team_id, "UADA"))
        assert user is not None and user.id is not None
        [interview] = await uow.interviews.list_for_user(user.id)
    assert interview.company == "R&D <Labs> &amp; Co"


async def test_addresses_slack_links_by_itself_are_stored_as_typed(slack_env: SlackEnv) -> None:
    """Slack's client links web and e-mail addresses and @here on its own; the fake's
    ``say`` does the same (slack_people.slack_typed), so every typed answer is honest."""
    fake, ada = slack_env.fake, slack_env.ada
    await _start_reflection(slack_env)
    typed = "their blog https://acme.com/blog?a=1&b=2, mail cto@acme.com. @here <3"
    assert slack_typed(typed) == ("their blog <https://acme.com/blog?a=1&amp;b=2>, mail "
                                  "<mailto:cto@acme.com|cto@acme.com>. <!here> &lt;3")
    await ada.say(typed)
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    values = list((await _interview_answers(slack_env, ada.user)).values())
    assert (f"their blog https://acme.com/blog?a=1&b=2, mail cto@acme.com. "
            f"{copy.MENTION_HERE} <3") in values, values


async def test_a_command_typed_as_a_dm_message_keeps_its_channel_link(
        slack_env: SlackEnv) -> None:
    fake = slack_env.fake
    ann = slack_env.person(SlackUser("UANN", "Ann", "Europe/Berlin", is_admin=True))
    await ann.say_markup("/debrief tips subscribe <#C0JOBS|jobs> weekdays 09:00")
    await fake.wait_for(lambda: ann.dm_messages())
    shown = json.dumps(ann.dm_messages()[-1]["blocks"], ensure_ascii=False)
    assert "C0JOBS" in shown or "#jobs" in shown
    async with slack_env.uow() as uow:
        subs = await uow.tips.list_subscriptions("slack", fake.team_id)
    assert [s.channel_id for s in subs] == ["C0JOBS"]
