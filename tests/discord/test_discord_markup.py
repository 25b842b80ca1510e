"""What people type in the DM reaches the core as the words they saw, and only what people
type: Discord's system messages in the DM are ignored.

Content is written as Discord delivers it (discord-api-docs developers/reference.mdx,
"Message Formatting"); message types from developers/resources/message.mdx.
"""

from __future__ import annotations

from typing import Any

import pytest
from fake_discord import FakeDiscord, FakeUser

from adapters.discord import DiscordAdapter
from adapters.discord.markup import MessageNames, to_plain
from bot import copy
from bot.memory import MemoryStore
from bot.values import Identity


class _Names:
    def user_name(self, user_id: int) -> str | None:
        return {80351110224678912: "Bob"}.get(user_id)

    def channel_name(self, channel_id: int) -> str | None:
        return {103735883630395392: "job-search"}.get(channel_id)

    def role_name(self, role_id: int) -> str | None:
        return {165511591545143296: "Mods"}.get(role_id)


@pytest.mark.parametrize(("discord_sends", "person_saw"), [
    ("ask <@80351110224678912>", "ask Bob"),
    ("ask <@!80351110224678912>", "ask Bob"),               # deprecated form, same person
    ("ask <@999>", f"ask {copy.MENTION_SOMEONE}"),
    ("in <#103735883630395392>", "in #job-search"),
    ("in <#999>", f"in {copy.MENTION_A_CHANNEL}"),
    ("ping <@&165511591545143296>", "ping @Mods"),
    ("ping <@&999>", f"ping {copy.MENTION_A_ROLE}"),
    ("yay <:mmLol:216154654256398347> <a:b1nzy:392938283556143104>", "yay :mmLol: :b1nzy:"),
    ("run </airhorn:816437322781949972> or </foo bar:123456789012345678>",
     "run /airhorn or /foo bar"),
    ("at <t:1618953630:t>", "at 21:20 UTC"),
    ("on <t:1618953630:d>", "on 20/04/2021"),
    ("on <t:1618953630:D>", "on April 20, 2021"),
    ("at <t:1618953630>", "at April 20, 2021 21:20 UTC"),   # default style f
    ("at <t:1618953630:F>", "at Tuesday, April 20, 2021 21:20 UTC"),
    ("sent <t:1618953630:R>", "sent April 20, 2021 21:20 UTC"),  # stays true later
    ("see <https://acme.com/blog>", "see https://acme.com/blog"),
    ("their [launch post](https://acme.com/blog)", "their launch post"),
    ("their [launch post](<https://acme.com/blog>)", "their launch post"),
    ("a < b > c & d, **bold** kept", "a < b > c & d, **bold** kept"),
    ("🎉 unicode emoji stay", "🎉 unicode emoji stay"),
])
def test_discord_markup_becomes_what_the_person_saw(discord_sends: str,
                                                    person_saw: str) -> None:
    assert to_plain(discord_sends, _Names()) == person_saw


def test_command_options_keep_channel_links_for_the_grammar() -> None:
    assert to_plain("<#103735883630395392> with <@80351110224678912>", _Names(),
                    keep_channel_links=True) == "<#103735883630395392> with Bob"


async def _to_reference_question(fake: FakeDiscord, user: FakeUser) -> dict[str, Any]:
    """Start a reflection and answer up to "what should the thank-you mention?"."""
    await fake.command(user, "interview", company="Acme", type="other", interviewer="Jane Doe")
    await fake.wait_until(lambda: fake.dms(user))
    question = fake.dms(user)[0]
    await fake.click(user, question, "2.")
    await fake.wait_until(lambda: len(fake.dms(user)) == 2)
    await fake.send_dm(user, "the story about the outage")
    await fake.wait_until(lambda: len(fake.dms(user)) == 3)
    await fake.send_dm(user, "skip")  # what they seemed most interested in
    await fake.wait_until(lambda: len(fake.dms(user)) == 4)
    await fake.send_dm(user, "2")
    await fake.wait_until(lambda: len(fake.dms(user)) == 5)
    assert "should mention" in fake.dms(user)[-1]["content"]
    return fake.dms(user)[-1]


def _answers(store: MemoryStore, user: FakeUser) -> dict[str, Any]:
    user_id = store.users.rows[store.users.index[Identity("discord", "discord",
                                                          str(user.id))]].id
    [interview] = [i for i in store.interviews.rows.values() if i.user_id == user_id]
    return dict(interview.answers)


async def test_an_answer_with_mentions_a_channel_and_emoji_is_stored_and_drafted_as_words(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    alice = fake.add_user("alice")
    bob = fake.add_user("bob")
    await _to_reference_question(fake, alice)
    n = len(fake.dms(alice))
    sent = await fake.send_dm(alice, f"their <https://acme.com/blog> launch with <@{bob.id}> "
                                     f"from <#{fake.channel_id}> <:tada:216154654256398347>")
    assert sent["mentions"] and sent["mentions"][0]["id"] == str(bob.id)  # as Discord sends
    await fake.wait_until(lambda: len(fake.dms(alice)) > n)

    meant = "their https://acme.com/blog launch with Bob from #job-search :tada:"
    assert _answers(store, alice)["reference"] == meant

    draft = await fake.command(alice, "draft")
    await fake.wait_until(lambda: fake.settled(draft) and any(
        "Thank you" in m["content"] for m in fake.replies_to(draft) + fake.dms(alice)))
    shown = " ".join(m["content"] for m in fake.replies_to(draft) + fake.dms(alice)[n:])
    # In the note the mention reads as a name, the channel as its name; the emoji (as
    # ``:tada:`` in words) is left out of a note to an employer.
    assert "launch with Bob from #job-search" in shown and ":tada" not in shown
    assert f"<@{bob.id}>" not in shown and "<#" not in shown and "<:tada:" not in shown


async def test_a_mentioned_person_without_a_display_name_is_named_by_username(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    alice = fake.add_user("alice")
    dana = fake.add_user("dana_k", global_name=False)  # global_name: null on the wire
    await _to_reference_question(fake, alice)
    n = len(fake.dms(alice))
    sent = await fake.send_dm(alice, f"meeting <@!{dana.id}> and the <@&{fake.mods_role_id}>")
    assert sent["mentions"][0]["global_name"] is None
    await fake.wait_until(lambda: len(fake.dms(alice)) > n)
    assert _answers(store, alice)["reference"] == "meeting dana_k and the @Mods"


async def test_a_person_without_a_display_name_can_reflect(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    erin = fake.add_user("erin99", global_name=False)
    await _to_reference_question(fake, erin)
    n = len(fake.dms(erin))
    await fake.send_dm(erin, "their roadmap")
    await fake.wait_until(lambda: len(fake.dms(erin)) > n)
    assert _answers(store, erin)["reference"] == "their roadmap"


async def test_system_messages_in_the_dm_are_ignored_without_a_reply(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    alice = fake.add_user("alice")
    question = await _to_reference_question(fake, alice)
    n = len(fake.dms(alice))
    for kind in (6, 3, 7):  # pinned a message, a call, a join
        await fake.system_message_in_dm(alice, kind)
    # A reply (type 19) to the question is an answer, and the first thing answered.
    await fake.reply_dm(alice, question, "their data platform")
    await fake.wait_until(lambda: len(fake.dms(alice)) > n)
    assert len(fake.dms(alice)) == n + 1, "nothing said about the system messages"
    assert "I didn't catch an answer" not in fake.dms(alice)[-1]["content"]
    assert _answers(store, alice)["reference"] == "their data platform"


async def test_an_attachment_alone_gets_the_empty_answer_hint(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    alice = fake.add_user("alice")
    await _to_reference_question(fake, alice)
    n = len(fake.dms(alice))
    await fake.send_dm(alice, "", attachments=[{
        "id": "1100000000000000000", "filename": "notes.png", "size": 2048,
        "url": "https://cdn.discordapp.com/attachments/1/2/notes.png",
        "proxy_url": "https://media.discordapp.net/attachments/1/2/notes.png",
        "content_type": "image/png"}])
    await fake.wait_until(lambda: len(fake.dms(alice)) > n)
    assert "I didn't catch an answer there" in fake.dms(alice)[-1]["content"]


async def test_a_mention_picked_in_a_command_option_is_stored_as_the_name(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    """Bob picked as "@bob" in a string option: ``<@!id>`` in the value, Bob in the
    interaction's ``data.resolved`` (see the fake's ``_resolved``)."""
    alice = fake.add_user("alice")
    bob = fake.add_user("bob")
    inter = await fake.command(alice, "interview", company="Acme",
                               interviewer=f"<@!{bob.id}>")
    await fake.wait_until(lambda: fake.settled(inter) and fake.dms(alice))
    [interview] = list(store.interviews.rows.values())
    assert interview.interviewer == "Bob"


async def test_a_mention_nothing_resolves_in_a_command_option_is_neutral(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    """An id typed by hand (no user behind it, so nothing in ``resolved``)."""
    alice = fake.add_user("alice")
    inter = await fake.command(alice, "interview", company="Acme",
                               interviewer="<@123456789012345678>")
    await fake.wait_until(lambda: fake.settled(inter) and fake.dms(alice))
    [interview] = list(store.interviews.rows.values())
    assert interview.interviewer == copy.MENTION_SOMEONE


class _Person:
    def __init__(self, name: str, global_name: str | None = None) -> None:
        self.name, self.global_name = name, global_name


class _Guild:
    def __init__(self, members: dict[int, _Person]) -> None:
        self.members = members

    def get_member(self, user_id: int) -> _Person | None:
        return self.members.get(user_id)


class _CachingClient:
    """What a discord.py client answers from its caches (nothing is fetched)."""

    def __init__(self, users: dict[int, _Person], guilds: list[_Guild]) -> None:
        self.users, self.guilds = users, guilds

    def get_user(self, user_id: int) -> _Person | None:
        return self.users.get(user_id)


def test_a_mention_missing_from_the_payload_is_named_from_the_client_caches() -> None:
    """An id neither ``mentions`` nor ``resolved`` names: from the user cache, else the
    guild member cache, else the neutral "someone" (never the id)."""
    client: Any = _CachingClient({7: _Person("bob", "Bob")},
                                 [_Guild({}), _Guild({8: _Person("dana_k")})])
    names = MessageNames(None, client)
    assert to_plain("ask <@7>, <@!8> and <@9>", names) == \
        f"ask Bob, dana_k and {copy.MENTION_SOMEONE}"
