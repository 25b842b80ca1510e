"""``/debrief interview`` with no company opens a modal; submitting it logs the interview."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from slack_env import START, SlackEnv

from bot import copy
from bot.values import Identity, Incoming

BERLIN = ZoneInfo("Europe/Berlin")


async def _open_modal(env: SlackEnv) -> dict:
    ack = await env.ada.slash("interview")
    assert ack.status == 200 and ack.body == ""
    call = (await env.fake.wait_for_calls("views.open", 1))[0]
    assert call.args["trigger_id"]
    return dict(call.args["view"])


async def test_interview_without_company_opens_a_modal_with_a_date_time_picker(
        slack_env: SlackEnv) -> None:
    view = await _open_modal(slack_env)
    assert view["type"] == "modal"
    assert view["title"]["text"] == copy.INTERVIEW_FORM_TITLE
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert list(blocks) == ["company", "when", "role", "interviewer", "notes"]
    assert blocks["when"]["element"]["type"] == "datetimepicker"
    assert blocks["company"]["optional"] is False
    assert blocks["notes"]["element"]["multiline"] is True
    assert not slack_env.fake.calls_to("response_url"), "the modal is the only answer"


async def test_submitting_the_modal_logs_the_interview_at_the_picked_local_time(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    view = await _open_modal(slack_env)
    # Tomorrow 14:00 in Ada's Slack timezone, as Slack's picker sends it: a unix timestamp.
    tomorrow_2pm = datetime(2026, 3, 5, 14, 0, tzinfo=BERLIN)
    ack = await ada.submit(view, {
        "company": {"type": "plain_text_input", "value": "  Acme   Corp "},
        "when": {"type": "datetimepicker", "selected_date_time": int(tomorrow_2pm.timestamp())},
        "role": {"type": "plain_text_input", "value": "Data Analyst"},
        "interviewer": {"type": "plain_text_input", "value": None},
        "notes": {"type": "plain_text_input", "value": "Bring the portfolio"},
    })
    assert ack.status == 200 and ack.body == ""  # closes the modal

    # The confirmation goes back to the channel where /debrief was typed, only to Ada.
    confirmation = (await fake.wait_for_calls("chat.postEphemeral", 1))[0]
    assert confirmation.args["channel"] == "C0GENERAL"
    assert confirmation.args["user"] == "UADA"
    assert "Acme Corp (Data Analyst)" in confirmation.text
    assert copy.fmt_local(tomorrow_2pm.astimezone(UTC), BERLIN) in confirmation.text
    assert "Thu 05 Mar 14:00 CET" in confirmation.text


async def test_a_blank_company_is_refused_inside_the_modal_and_nothing_is_stored(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    view = await _open_modal(slack_env)
    ack = await ada.submit(view, {
        "company": {"type": "plain_text_input", "value": "   "},
        "when": {"type": "datetimepicker", "selected_date_time": int(START.timestamp())},
    })
    assert ack.status == 200
    body = ack.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"company"}
    assert body["errors"]["company"] == copy.FORM_MISSING_COMPANY

    history = await slack_env.core.handle(
        Incoming(Identity("slack", fake.team_id, "UADA"), "/debrief history"))
    assert history[0].text == copy.NO_INTERVIEWS
    assert not fake.posted() and not fake.calls_to("chat.postEphemeral")


async def test_modal_text_is_read_back_unescaped_and_shown_escaped(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    view = await _open_modal(slack_env)
    await ada.submit(view, {"company": {"type": "plain_text_input", "value": "AT&T <!here>"}})
    confirmation = (await fake.wait_for_calls("chat.postEphemeral", 1))[0]
    shown = json.dumps(confirmation.args)
    assert "AT&amp;T &lt;!here&gt;" in shown
    assert "<!here>" not in shown


async def test_if_the_form_cannot_open_the_typed_command_is_answered(slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    fake.fail("views.open", "expired_trigger_id")
    await ada.slash("interview")
    reply = (await fake.wait_for_calls("response_url", 1))[0]
    assert reply.text == copy.missing_company().replace("&", "&amp;")
