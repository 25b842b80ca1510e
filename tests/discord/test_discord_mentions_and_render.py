"""Text people typed never pings anyone; replies render within Discord's limits."""

from __future__ import annotations

import json

import discord
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.components import ChoiceButton
from adapters.discord.render import escape, render
from bot.values import Choice, Reply, ReplyField

INJECTION = "@everyone <@123> <@&456> <@123456789012345678> <@&456789012345678901> @here"
RAW_MENTIONS = ("@everyone", "@here", "<@123>", "<@&456>", "<@123456789012345678>",
                "<@&456789012345678901>")


async def test_mentions_in_a_company_name_produce_no_pings(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    mallory = fake.add_user("mallory")
    inter = await fake.command(mallory, "interview", company=INJECTION, type="other")
    await fake.wait_until(lambda: fake.dms(mallory) and fake.replies_to(inter)
                          and "Logged" in fake.replies_to(inter)[0]["content"])
    # Read the draft too: the company name is echoed in several places.
    draft = await fake.command(mallory, "draft")
    await fake.wait_until(lambda: fake.settled(draft) and len(fake.dms(mallory)) >= 2)

    bodies = [c.body for c in fake.calls if isinstance(c.body, dict) and
              ("content" in c.body or "data" in c.body) and c.method in ("POST", "PATCH")]
    sent = [b.get("data", b) for b in bodies if b.get("type") not in (5, 8, 9)]
    with_company = [b for b in sent if "everyone" in json.dumps(b)]
    assert len(with_company) >= 2  # the ephemeral confirmation and the DM at least
    for body in with_company:
        assert body["allowed_mentions"] == {"parse": []}, body
        text = json.dumps(body, ensure_ascii=False)
        for raw in RAW_MENTIONS:
            assert raw not in text  # escaped as well, so it doesn't even render as a mention
    assert adapter.client.allowed_mentions is not None
    assert adapter.client.allowed_mentions.to_dict() == {"parse": []}


async def test_typed_dm_answers_are_echoed_without_pings(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    mallory = fake.add_user("mallory")
    await fake.command(mallory, "interview", in_dm=True, company="Acme", type="other")
    await fake.wait_until(lambda: fake.dms(mallory))
    for answer in ("1", INJECTION):
        before = len(fake.dms(mallory))
        await fake.send_dm(mallory, answer)
        await fake.wait_until(lambda n=before: len(fake.dms(mallory)) > n)
    for message in fake.dms(mallory):
        assert message["allowed_mentions"] == {"parse": []}
        assert not any(raw in message["content"] for raw in RAW_MENTIONS)


def test_values_too_long_for_a_custom_id_are_encoded_and_fall_back_to_the_number() -> None:
    value = "/debrief outcome #12 " + "x" * 120
    button = ChoiceButton.build("Long", value, number=3)
    assert len(button.custom_id) <= 100 and button.custom_id.startswith("dbf:h:")
    assert ChoiceButton.build("Short", "skip").custom_id == "dbf:c:skip"


async def test_long_custom_ids_resolve_to_the_value_or_after_a_restart_to_the_number(
) -> None:
    value = "y" * 150
    button = ChoiceButton.build("Long", value, number=3)
    match = ChoiceButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)
    assert match is not None
    restored = await ChoiceButton.from_custom_id(None, button.item, match)  # type: ignore[arg-type]
    assert restored.value == value
    from adapters.discord.components import LONG_VALUES
    LONG_VALUES._values.clear()  # what a restart does to the in-process table
    restored = await ChoiceButton.from_custom_id(None, button.item, match)  # type: ignore[arg-type]
    assert restored.value == "3"


def test_long_text_is_split_under_2000_characters_with_buttons_on_the_last_part() -> None:
    reply = Reply(text="\n".join(f"line {i} " + "z" * 90 for i in range(60)),
                  choices=(Choice("A", "a"), Choice("B", "b")), copy_text="note ``` end",
                  fields=(ReplyField("Field", "v"),), title="T")
    parts = render(reply)
    assert len(parts) >= 3
    assert all(len(p.content) <= 2000 for p in parts)
    assert all(p.view is None for p in parts[:-1]) and parts[-1].view is not None
    assert parts[-1].embed is not None and parts[-1].embed.title == "T"
    assert "`\u200b``" in "".join(p.content for p in parts)  # ``` can't close the block
    assert all(p.send_kwargs()["allowed_mentions"] is not None for p in parts)


def test_text_too_long_for_one_message_but_within_an_embed_is_one_message() -> None:
    text = "\n".join(f"• line {i} @everyone " + "z" * 60 for i in range(40))  # ~3,200
    [part] = render(Reply(text=text, title="Help", choices=(Choice("A", "a"),)))
    assert part.embed is not None and part.embed.title == "Help"
    assert part.embed.description == escape(text) and "@everyone" not in part.embed.description
    assert not part.content and part.view is not None
    longer = render(Reply(text=text + "\n" + text))  # over 4,096: split into messages
    assert len(longer) >= 4 and all(p.embed is None for p in longer)


def test_many_choices_become_a_select_and_rows_stay_within_discord_limits() -> None:
    choices = tuple(Choice(f"Option {i}", f"v{i}") for i in range(30))
    view = render(Reply(text="pick", choices=choices, actions=(Choice("Skip", "skip"),)))[0].view
    assert view is not None
    selects = [c for c in view.children if isinstance(c.item, discord.ui.Select)]  # type: ignore[attr-defined]
    assert len(selects) == 1 and len(selects[0].item.options) == 25  # type: ignore[attr-defined]
    assert max(c.row or 0 for c in view.children) <= 4


def test_escape_defuses_every_mention_form() -> None:
    from adapters.discord.render import escape
    escaped = escape(INJECTION + " <@!123456789012345678>")
    assert not any(raw in escaped for raw in (*RAW_MENTIONS, "<@!123456789012345678>"))
    assert escape("plain **bold** text") == "plain **bold** text"  # markdown is the core's


def test_shard_count_comes_from_the_environment() -> None:
    import pytest

    from adapters.discord.client import shard_count_from_env
    assert shard_count_from_env({}) is None
    assert shard_count_from_env({"DISCORD_SHARD_COUNT": "auto"}) == "auto"
    assert shard_count_from_env({"DISCORD_SHARD_COUNT": "4"}) == 4
    with pytest.raises(ValueError):
        shard_count_from_env({"DISCORD_SHARD_COUNT": "lots"})
