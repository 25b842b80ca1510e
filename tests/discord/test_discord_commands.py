"""/debrief as an application command: registration, options, autocomplete, modals, acks."""

from __future__ import annotations

import asyncio
from typing import Any

from fake_discord import EPHEMERAL, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.grammar import SUBCOMMANDS
from bot.memory import MemoryStore
from bot.values import Identity, Incoming, Reply


class Recorder:
    """A scripted Conversation: remembers what it was given, answers "ok" (after ``delay``)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.seen: list[Incoming] = []
        self.delay = delay

    async def handle(self, incoming: Incoming) -> list[Reply]:
        self.seen.append(incoming)
        await asyncio.sleep(self.delay)
        return [Reply(text="ok")]

    async def home(self, identity: Identity) -> Reply:
        return Reply(text="home")


async def test_commands_are_synced_once_and_not_again_on_a_restart(
        fake: FakeDiscord, start_adapter: Any) -> None:
    first = await start_adapter()
    assert first.client.synced is True
    assert len(fake.calls_to("PUT", r"/applications/\d+/commands$")) == 1
    await first.stop()

    second = await start_adapter()
    assert second.client.synced is False
    assert len(fake.calls_to("GET", r"/applications/\d+/commands$")) == 2
    assert len(fake.calls_to("PUT", r"/applications/\d+/commands$")) == 1
    await second.stop()

    # Someone changed the registration (an older deploy): the next start puts it right.
    fake.commands[None][0]["options"][0]["description"] = "stale"
    third = await start_adapter()
    assert third.client.synced is True
    assert len(fake.calls_to("PUT", r"/applications/\d+/commands$")) == 2


async def test_debrief_has_one_typed_described_subcommand_per_grammar_entry(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    [debrief] = fake.commands[None]
    assert debrief["name"] == "debrief"
    assert sorted(debrief["contexts"]) == [0, 1]  # servers and the bot's DM
    subs = {o["name"]: o for o in debrief["options"]}
    assert list(subs) == [spec.name for spec in SUBCOMMANDS]
    for spec in SUBCOMMANDS:
        sub = subs[spec.name]
        assert sub["type"] == 1 and sub["description"] == spec.description
        assert [o["name"] for o in sub.get("options", [])] == [o.name for o in spec.options]
        for option in sub.get("options", []):
            assert option["type"] == 3 and option["description"]
    outcome = {o["name"]: o for o in subs["outcome"]["options"]}
    assert [c["value"] for c in outcome["result"]["choices"]] == [
        "callback", "offer", "rejected", "no_reply"]
    assert subs["followup"]["options"][0]["autocomplete"] is True
    assert subs["settings"]["options"][0]["autocomplete"] is True


async def test_timezone_autocomplete_offers_iana_zones(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    dan = fake.add_user("dan")
    choices = await fake.autocomplete(dan, "settings", "timezone", "berl")
    assert choices == [{"name": "Europe/Berlin", "value": "Europe/Berlin"}]
    assert len(await fake.autocomplete(dan, "settings", "timezone", "a")) == 25


async def test_interview_autocomplete_lists_the_persons_own_interviews(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    erin, frank = fake.add_user("erin"), fake.add_user("frank")
    for user, company in ((erin, "Acme"), (erin, "Hooli"), (frank, "Acme Rockets")):
        inter = await fake.command(user, "interview", company=company, type="other",
                                   when="tomorrow 10:00")
        await fake.wait_until(lambda i=inter: fake.settled(i))
    choices = await fake.autocomplete(erin, "followup", "interview", "ac")
    assert [c["name"] for c in choices] == ["#1 Acme"]
    assert choices[0]["value"] == "#1"


async def test_interview_without_a_company_opens_a_modal_whose_submission_logs_it(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    gina = fake.add_user("gina")
    opened = await fake.command(gina, "interview", role="SRE")
    await fake.wait_until(lambda: opened.modal is not None)
    modal = opened.modal
    assert modal is not None and modal["title"] == "Log an interview"
    inputs = {row["component"]["custom_id"]: row["component"] for row in modal["components"]}
    assert list(inputs) == ["company", "role", "when", "interviewer", "notes"]
    assert inputs["company"]["required"] is True and inputs["role"]["value"] == "SRE"

    submitted = await fake.submit_modal(gina, opened, {"company": "Umbrella", "role": "SRE",
                                                       "when": "2h ago"})
    await fake.wait_until(lambda: fake.replies_to(submitted)
                          and "Umbrella" in fake.replies_to(submitted)[0]["content"])
    # Answered in the submission's callback itself, visible only to gina.
    assert submitted.callbacks[0]["type"] == 4
    assert submitted.callbacks[0]["data"]["flags"] & EPHEMERAL
    [interview] = store.interviews.rows.values()
    assert (interview.company, interview.role) == ("Umbrella", "SRE")
    await fake.wait_until(lambda: fake.dms(gina))  # the reflection starts in the DM


async def test_admin_flag_is_manage_server_and_identity_is_one_per_discord_user(
        fake: FakeDiscord, start_adapter: Any) -> None:
    recorder = Recorder()
    await start_adapter(recorder)
    mod, member = fake.add_user("mod", admin=True), fake.add_user("member")
    for user, in_dm in ((mod, False), (member, False), (mod, True)):
        await fake.command(user, "help", in_dm=in_dm)
    await fake.wait_until(lambda: len(recorder.seen) == 3)
    by_user = [(i.identity.user_id, i.in_dm, i.is_admin) for i in recorder.seen]
    assert sorted(by_user) == sorted([(str(mod.id), False, True), (str(member.id), False, False),
                                      (str(mod.id), True, False)])
    # The same person in a server and in the DM is one identity (Discord ids are global).
    mod_ids = {i.identity for i in recorder.seen if i.identity.user_id == str(mod.id)}
    assert mod_ids == {Identity("discord", "discord", str(mod.id))}
    command = recorder.seen[0].command
    assert command is not None and command.name == "help"


async def test_gateway_session_uses_no_privileged_intents(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    intents = fake.identifies[0]["intents"]
    guilds, dm_messages = 1 << 0, 1 << 12
    assert intents == guilds | dm_messages
    assert adapter.connected()
    await adapter.stop()
    assert not adapter.connected()


async def test_sharded_client_connects_every_shard(start_adapter: Any, fake: FakeDiscord
                                                   ) -> None:
    fake.shard_count = 2
    adapter = await start_adapter(shard_count=2)
    await fake.wait_connected(shards=2)
    assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
    ivy = fake.add_user("ivy")
    inter = await fake.command(ivy, "help")
    await fake.wait_until(lambda: fake.replies_to(inter))
    assert adapter.connected()
