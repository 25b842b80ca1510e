"""The same flow over Socket Mode: ``apps.connections.open`` on SLACK_API_URL, a websocket,
envelopes in and acks out."""

from __future__ import annotations

import json

from fake_slack import APP_TOKEN
from slack_env import SlackEnv


def _blocks(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


async def test_a_reflection_runs_over_socket_mode(socket_env: SlackEnv) -> None:
    fake, ada = socket_env.fake, socket_env.ada
    opened = fake.calls_to("apps.connections.open")
    assert opened and opened[0].token == APP_TOKEN
    assert socket_env.adapter.connected()

    # An envelope; the ack comes back on the socket, with the channel note in its payload.
    ack = await ada.slash("interview Acme type:other")
    assert ack.json()["response_type"] == "ephemeral"
    await fake.wait_for(lambda: ada.dm_messages() and fake.calls_to("response_url"))
    assert "Acme" in fake.calls_to("response_url")[0].text

    await ada.click("A few moments stood out")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 2)
    assert "✓ A few moments stood out" in _blocks(ada.dm_messages()[0])

    await ada.say("The outage story", event_id="EvSOCKET1")
    await ada.say("The outage story", event_id="EvSOCKET1", retry_num=1)  # redelivered
    await fake.wait_for(lambda: len(ada.dm_messages()) == 3)
    await ada.say("their move to the cloud")
    await fake.wait_for(lambda: len(ada.dm_messages()) == 4)
    assert "question 4 of 11" in _blocks(ada.dm_messages()[-1])
    assert len(fake.acks) == 5, "every envelope was acknowledged once"


async def test_modal_errors_travel_back_in_the_socket_ack(socket_env: SlackEnv) -> None:
    fake, ada = socket_env.fake, socket_env.ada
    await ada.slash("interview")
    view = (await fake.wait_for_calls("views.open", 1))[0].args["view"]
    ack = await ada.submit(view, {"company": {"type": "plain_text_input", "value": " "}})
    assert ack.json()["response_action"] == "errors"
    assert "company" in ack.json()["errors"]


async def test_stop_disconnects(socket_env: SlackEnv) -> None:
    assert socket_env.adapter.connected()
    await socket_env.adapter.stop()
    assert not socket_env.adapter.connected()
