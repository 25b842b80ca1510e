"""Rendering replies as Block Kit: escaping and Slack's size limits."""

from __future__ import annotations

import json
import re

from adapters.slack.render import (
    MAX_BLOCKS,
    answered_blocks,
    escape_mrkdwn,
    escape_plain,
    fallback_text,
    home_view,
    render_reply,
    unescape_slack,
)
from bot.values import Choice, Reply, ReplyField


def test_mentions_become_visible_text() -> None:
    assert escape_mrkdwn("<!channel> <@U1> a & b") == "&lt;!channel&gt; &lt;@U1&gt; a &amp; b"
    assert escape_plain("<!here>") == "&lt;!here&gt;"


def test_formatting_characters_from_text_cannot_format() -> None:
    out = escape_mrkdwn("*bold* _it_ ~gone~ a`b")
    assert not re.search(r"[*_~`]", out)
    assert out == "∗bold∗ ˍitˍ ∼gone∼ aˋb"


def test_the_cores_own_code_spans_and_links_survive() -> None:
    out = escape_mrkdwn("Type `/debrief nudges cancel <#>` or see https://ex.com/a_b*c")
    assert "`/debrief nudges cancel &lt;#&gt;`" in out
    assert "https://ex.com/a_b*c" in out


def test_a_leading_quote_is_not_a_blockquote() -> None:
    out = escape_mrkdwn("fine\n> not a quote\n  > nor this")
    lines = out.split("\n")
    assert lines[1].startswith("\u00ad&gt;") and lines[2].startswith("\u00ad")


def test_slack_entities_are_undone_on_the_way_in() -> None:
    assert unescape_slack("AT&amp;T &lt;b&gt; &amp;lt;") == "AT&T <b> &lt;"


def test_notification_text_cannot_broadcast() -> None:
    text = fallback_text(Reply("hey @here and @Channel and @everyone, <!here>"))
    assert "@here" not in text and "@Channel" not in text and "@everyone" not in text
    assert "&lt;!here&gt;" in text


def test_choices_become_numbered_action_ids_with_their_values() -> None:
    [message] = render_reply(Reply("Pick", choices=(Choice("A & B", "a"), Choice("C", "c")),
                                   actions=(Choice("Cancel", "cancel", "danger"),)))
    actions = [b for b in message.blocks if b["type"] == "actions"]
    buttons = [e for b in actions for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [
        "debrief_choice_0", "debrief_choice_1", "debrief_action_0"]
    assert [b["value"] for b in buttons] == ["a", "c", "cancel"]
    assert buttons[0]["text"]["text"] == "A &amp; B"
    assert buttons[2]["style"] == "danger"


def test_multi_choices_are_checkboxes_with_a_done_button() -> None:
    [message] = render_reply(Reply("Which?", choices=(Choice("One", "1"), Choice("Two", "2")),
                                   multi=True))
    [block] = [b for b in message.blocks if b["type"] == "actions"]
    kinds = [e["type"] for e in block["elements"]]
    assert kinds == ["checkboxes", "button"]
    assert [o["value"] for o in block["elements"][0]["options"]] == ["1", "2"]


def test_long_text_is_split_into_sections_within_slacks_limit() -> None:
    reply = Reply("x" * 7000 + "\n" + "&" * 4000, fields=(ReplyField("F", "y" * 5000),),
                  copy_text="z" * 6000, title="T" * 300)
    [message] = render_reply(reply)
    for block in message.blocks:
        text = block["text"]["text"]
        assert len(text) <= 3000
    assert len(message.blocks[0]["text"]["text"]) <= 150
    assert "&" * 2 not in json.dumps(message.blocks)  # every & escaped, none cut in half
    assert sum(b["text"]["text"].count("z") for b in message.blocks) == 6000


def test_a_huge_export_is_split_across_messages_with_buttons_on_the_last() -> None:
    reply = Reply("Your data", copy_text="line\n" * 40_000, actions=(Choice("Done", "ok"),))
    messages = render_reply(reply)
    assert len(messages) > 1
    assert all(len(m.blocks) <= MAX_BLOCKS for m in messages)
    assert messages[-1].blocks[-1]["type"] == "actions"
    assert not any(b["type"] == "actions" for m in messages[:-1] for b in m.blocks)


def test_answered_message_keeps_content_and_replaces_buttons() -> None:
    [message] = render_reply(Reply("Q?", choices=(Choice("Yes", "y"),)))
    blocks = answered_blocks(message.blocks, "Yes &amp; <@U1>")
    assert [b["type"] for b in blocks] == ["section", "context"]
    assert blocks[-1]["elements"][0]["text"] == "✓ Yes &amp; &lt;@U1&gt;"


def test_home_view_is_a_home_surface() -> None:
    view = home_view(Reply("Overview", title="Debrief",
                           fields=(ReplyField("Upcoming reminders", "#1 tomorrow"),)))
    assert view["type"] == "home"
    assert view["blocks"][0]["type"] == "header"
    assert "*Upcoming reminders*" in view["blocks"][2]["text"]["text"]
