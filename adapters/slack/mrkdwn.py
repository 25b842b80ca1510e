"""Slack's markup in what a person typed -> the plain words they meant.

Slack does not send message text (nor slash command text) as typed. Per "Formatting text for
app surfaces" (https://docs.slack.dev/messaging/formatting-message-text/, formerly
api.slack.com/reference/surfaces/formatting):

* ``&``, ``<`` and ``>`` typed by the person arrive as ``&amp;``, ``&lt;`` and ``&gt;``;
  so every literal ``<…>`` in the text is markup, never something they typed;
* links arrive as ``<https://acme.com/blog|launch post>`` (or bare ``<https://x>``), e-mail
  addresses as ``<mailto:cto@acme.com|cto@acme.com>``;
* mentions as ``<@U0BOB>`` or ``<@U0BOB|bob>``, channels as ``<#C0JOBS|jobs>`` (the label
  may be missing or empty), user groups as ``<!subteam^S0DESIGN|@design>``, broadcasts as
  ``<!here>``, ``<!channel>``, ``<!everyone>``, dates as ``<!date^1392734382^{date}|Feb 18>``.

:func:`to_plain` turns all of that into what the person saw on their screen: the link's
label (or its address), the person's display name, ``#channel``, neutral words for
broadcasts and groups, and the three characters decoded once (so a typed ``&lt;`` stays
``&lt;``). Names are looked up through :class:`Names` (``users.info`` and
``conversations.info``, both cached); when a lookup fails the label Slack sent, or a neutral
word from the core's copy, is used, so the answer never holds an id.

Only message and slash-command text is markup. Slack documents the escaping for message
text; a modal's ``plain_text_input`` value is carried in ``view.state.values`` as the text
itself (as in slack_bolt's tests/scenario_tests_async/test_view_submission.py), so form
fields are never passed through here: decoding them would change what was typed.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Protocol

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import slack_error_code
from adapters.slack.directory import PeopleDirectory, TTLCache
from bot import copy
from bot.values import Identity

__all__ = ["ChannelNames", "Names", "SlackNames", "decode_entities", "to_plain"]

log = logging.getLogger(__name__)

CHANNEL_TTL = 3600.0
CHANNEL_FAILURE_TTL = 300.0

_TOKEN = re.compile(r"<([^<>\n]*)>")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_BROADCASTS = {"here": copy.MENTION_HERE, "channel": copy.MENTION_CHANNEL,
               "everyone": copy.MENTION_EVERYONE}


class Names(Protocol):
    """Who and what a mention points at; None when it cannot be found out."""

    async def user_name(self, user_id: str) -> str | None: ...

    async def channel_name(self, channel_id: str) -> str | None: ...


def decode_entities(text: str) -> str:
    """``&amp;``, ``&lt;`` and ``&gt;`` back to the characters, in one pass (``&amp;lt;`` is
    a typed ``&lt;``, not ``<``). Other ``&…;`` sequences are what the person typed."""
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


async def to_plain(text: str, names: Names, *, keep_channel_links: bool = False) -> str:
    """The text a person typed in Slack, with Slack's markup replaced by the words shown.

    ``keep_channel_links``: leave ``<#C…|name>`` as it is, for command text, where a channel
    is an argument the core's grammar reads by its id (``/debrief tips subscribe #jobs``).
    """
    out: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        out.append(decode_entities(text[pos:match.start()]))
        inner = match.group(1)
        if keep_channel_links and inner.startswith("#"):
            out.append(f"<{decode_entities(inner)}>")
        else:
            out.append(await _token(inner, names))
        pos = match.end()
    out.append(decode_entities(text[pos:]))
    return "".join(out)


async def _token(inner: str, names: Names) -> str:
    target, _, raw_label = inner.partition("|")
    label = decode_entities(raw_label).strip()
    if target.startswith("@"):
        name = await names.user_name(target[1:])
        return name or label.lstrip("@") or copy.MENTION_SOMEONE
    if target.startswith("#"):
        name = label or await names.channel_name(target[1:])
        return f"#{name.lstrip('#')}" if name else copy.MENTION_A_CHANNEL
    if target.startswith("!"):
        return _special(target[1:], label)
    address = decode_entities(target)
    if address.lower().startswith(("mailto:", "tel:")):
        return label or address.partition(":")[2]
    return label or address


def _special(command: str, label: str) -> str:
    word, _, rest = command.partition("^")
    if word in _BROADCASTS:
        return _BROADCASTS[word]
    if word == "subteam":
        return label or copy.MENTION_A_GROUP
    if word == "date":
        return label or _date(rest)
    return label


def _date(spec: str) -> str:
    """``<!date^…>`` without the fallback Slack requires: the day it names (UTC)."""
    stamp = spec.partition("^")[0]
    try:
        return datetime.fromtimestamp(int(stamp), UTC).strftime("%d %B %Y").lstrip("0")
    except (ValueError, OverflowError, OSError):
        return ""


class ChannelNames:
    """``conversations.info`` names, cached. Needs ``channels:read`` (public channels); a
    private channel or a missing scope is remembered briefly as unknown."""

    def __init__(self, client: AsyncWebClient, *, ttl: float = CHANNEL_TTL) -> None:
        self._client = client
        self._names: TTLCache[str, str] = TTLCache(ttl)

    async def name(self, channel_id: str) -> str | None:
        cached = self._names.get(channel_id)
        if cached is not None:
            return cached or None
        try:
            response = await self._client.conversations_info(channel=channel_id)
            name = str((response.get("channel") or {}).get("name") or "")
        except Exception as exc:  # a name is a nicety: the answer is kept either way
            reason = slack_error_code(exc) if isinstance(exc, SlackApiError) else ""
            log.warning("conversations.info failed for %s: %s", channel_id,
                        reason or type(exc).__name__)
            self._names.put(channel_id, "", CHANNEL_FAILURE_TTL)
            return None
        self._names.put(channel_id, name)
        return name or None


class SlackNames:
    """:class:`Names` for one request: people through the adapter's directory (the same
    cached ``users.info`` that gives everyone's timezone), channels through
    :class:`ChannelNames`."""

    def __init__(self, people: PeopleDirectory, channels: ChannelNames | None,
                 team_id: str) -> None:
        self._people = people
        self._channels = channels
        self._team_id = team_id

    async def user_name(self, user_id: str) -> str | None:
        profile = await self._people.profile(Identity("slack", self._team_id, user_id))
        return profile.display_name

    async def channel_name(self, channel_id: str) -> str | None:
        return await self._channels.name(channel_id) if self._channels else None
