"""``/debrief`` commands are read straight from the interaction (adapters/discord/tree.py);
what that does not read goes through discord.py's own command tree, as before."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord import app_commands
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.handlers import DiscordHandlers
from adapters.discord.tree import read_command
from bot.memory import MemoryStore


def command(data: dict[str, Any], kind: discord.InteractionType =
            discord.InteractionType.application_command) -> Any:
    return SimpleNamespace(type=kind, data=data)


def debrief(sub: str, *options: dict[str, Any]) -> dict[str, Any]:
    # discord-api-docs, interactions/receiving-and-responding.mdx, "Application Command
    # Data Structure": the group's one SUB_COMMAND option holds the typed options.
    return {"id": "1", "name": "debrief", "type": 1,
            "options": [{"type": 1, "name": sub, "options": list(options)}]}


def test_a_subcommand_and_its_string_options_are_read_blank_ones_left_out() -> None:
    data = debrief("interview", {"type": 3, "name": "company", "value": "Acme"},
                   {"type": 3, "name": "when", "value": "  "})
    assert read_command(command(data)) == ("interview", {"company": "Acme"})
    assert read_command(command(debrief("help"))) == ("help", {})


@pytest.mark.parametrize("data, kind", [
    (debrief("interview", {"type": 3, "name": "company", "value": "Ac", "focused": True}),
     discord.InteractionType.autocomplete),  # suggestions: discord.py's way
    (debrief("interview", {"type": 4, "name": "company", "value": 3}),
     discord.InteractionType.application_command),  # not a string
    (debrief("interview", {"type": 3, "name": "salary", "value": "lots"}),
     discord.InteractionType.application_command),  # not one of its options
    (debrief("teleport"), discord.InteractionType.application_command),
    ({**debrief("help"), "name": "other"}, discord.InteractionType.application_command),
    ({"id": "1", "name": "debrief", "type": 1, "options": []},
     discord.InteractionType.application_command),
], ids=["autocomplete", "integer", "unknown option", "unknown subcommand", "other command",
        "no subcommand"])
def test_anything_else_is_left_to_discord_py(data: dict[str, Any],
                                             kind: discord.InteractionType) -> None:
    assert read_command(command(data, kind)) is None


async def test_commands_are_answered_without_discord_py_dispatching_them(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = app_commands.CommandTree._call

    async def counted(self: Any, interaction: discord.Interaction[Any]) -> None:
        calls.append(str(interaction.type))
        await original(self, interaction)

    monkeypatch.setattr(app_commands.CommandTree, "_call", counted)
    ann = fake.add_user("ann")
    inter = await fake.command(ann, "interview", company="Globex", type="other")
    await fake.wait_until(lambda: fake.settled(inter) and fake.replies_to(inter))
    assert [i.company for i in store.interviews.rows.values()] == ["Globex"]
    assert calls == []
    await fake.autocomplete(ann, "reflect", "interview", "Glo")
    await fake.wait_until(lambda: calls)
    assert calls == ["InteractionType.autocomplete"]


async def test_only_a_modal_submission_reaches_on_interaction(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A command or a click would start a task in on_interaction that does nothing; the
    interview form's submission still gets there, and is logged."""
    seen: list[str] = []
    original = DiscordHandlers.interaction

    async def counted(self: DiscordHandlers, interaction: discord.Interaction[Any]) -> None:
        seen.append(str(interaction.type))
        await original(self, interaction)

    monkeypatch.setattr(DiscordHandlers, "interaction", counted)
    gina = fake.add_user("gina")
    opened = await fake.command(gina, "interview", role="SRE")
    await fake.wait_until(lambda: opened.modal is not None)
    submitted = await fake.submit_modal(gina, opened, {"company": "Umbrella", "role": "SRE"})
    await fake.wait_until(lambda: fake.replies_to(submitted))
    assert seen == ["InteractionType.modal_submit"]
    assert [i.company for i in store.interviews.rows.values()] == ["Umbrella"]
