"""What Slack knows about a person (timezone, name, admin) and where their DM with us is.

Both are cached per process: profiles for :data:`PROFILE_TTL` (a person may change their
timezone; the core keeps the zone they set themselves anyway), DM channel ids for as long
as the process lives (a DM channel between the bot and a person never changes). Both caches
are bounded, so a huge workspace cannot grow them without limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.values import Identity

__all__ = ["PROFILE_TTL", "PeopleDirectory", "Profile", "TTLCache"]

log = logging.getLogger(__name__)

PROFILE_TTL = 3600.0
PROFILE_FAILURE_TTL = 60.0
MAX_ENTRIES = 10_000

K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """A small bounded mapping whose entries expire (oldest evicted first when full)."""

    def __init__(self, ttl: float, max_entries: int = MAX_ENTRIES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < self._clock():
            del self._items[key]
            return None
        return value

    def put(self, key: K, value: V, ttl: float | None = None) -> None:
        self._items[key] = (self._clock() + (self.ttl if ttl is None else ttl), value)
        self._items.move_to_end(key)
        while len(self._items) > self.max_entries:
            self._items.popitem(last=False)

    def discard(self, key: K) -> None:
        self._items.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True, slots=True)
class Profile:
    timezone: str | None = None
    display_name: str | None = None
    # What signs the thank-you draft: the display name is often a short handle.
    real_name: str | None = None
    is_admin: bool = False


class PeopleDirectory:
    def __init__(self, client: AsyncWebClient, *, profile_ttl: float = PROFILE_TTL) -> None:
        self._client = client
        self._profiles: TTLCache[Identity, Profile] = TTLCache(profile_ttl)
        self._dms: TTLCache[Identity, str] = TTLCache(float("inf"))
        self._inflight: dict[Identity, asyncio.Future[Profile]] = {}

    async def profile(self, identity: Identity) -> Profile:
        """``users.info``, cached; concurrent callers for one person share one request.
        A failure yields an empty profile (briefly cached): the core then uses the person's
        own setting or the default zone, which is better than not answering."""
        cached = self._profiles.get(identity)
        if cached is not None:
            return cached
        pending = self._inflight.get(identity)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Profile] = asyncio.get_running_loop().create_future()
        self._inflight[identity] = future
        try:
            profile, ttl = await self._fetch(identity)
            self._profiles.put(identity, profile, ttl)
            future.set_result(profile)
            return profile
        finally:
            self._inflight.pop(identity, None)
            if not future.done():
                future.set_result(Profile())

    async def _fetch(self, identity: Identity) -> tuple[Profile, float | None]:
        try:
            response = await self._client.users_info(user=identity.user_id)
        except Exception as exc:  # a profile is a nicety: never fail the person's request
            log.warning("users.info failed for %s: %s", identity, exc)
            return Profile(), PROFILE_FAILURE_TTL
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        name = (profile.get("display_name") or profile.get("real_name")
                or user.get("real_name") or user.get("name"))
        return Profile(
            timezone=user.get("tz") or None,
            display_name=name or None,
            real_name=profile.get("real_name") or user.get("real_name") or None,
            is_admin=bool(user.get("is_admin") or user.get("is_owner")
                          or user.get("is_primary_owner")),
        ), None

    async def dm_channel(self, identity: Identity) -> str:
        """The DM channel between the bot and this person (``conversations.open``).
        Raises ``SlackApiError`` when Slack refuses (user gone, DMs with apps disabled)."""
        cached = self._dms.get(identity)
        if cached is not None:
            return cached
        response = await self._client.conversations_open(users=identity.user_id)
        channel = (response.get("channel") or {}).get("id")
        if not channel:
            raise SlackApiError("conversations.open returned no channel", response)
        self._dms.put(identity, str(channel))
        return str(channel)

    def remember_dm(self, identity: Identity, channel_id: str) -> None:
        """A DM event told us the channel; no need to ask ``conversations.open`` later."""
        self._dms.put(identity, channel_id)

    async def is_our_dm(self, identity: Identity, channel_id: str | None) -> bool:
        """Is this channel the person's DM with the bot (not a DM with someone else)?"""
        if not channel_id or not channel_id.startswith("D"):
            return False
        if self._dms.get(identity) == channel_id:
            return True
        try:
            return await self.dm_channel(identity) == channel_id
        except (SlackApiError, OSError) as exc:
            log.warning("conversations.open failed for %s: %s", identity, exc)
            return False
