"""The real core, slowed down: for the adapters' tests of a busy database (``wrap`` a core)."""

from __future__ import annotations

import asyncio

from bot.ports import Conversation
from bot.values import Identity, Incoming, Reply

__all__ = ["SlowCore"]


class SlowCore:
    """The real core, taking ``delay`` seconds to answer: every request, or with
    ``answers_only`` only clicked answers."""

    def __init__(self, core: Conversation, delay: float, *, answers_only: bool = False
                 ) -> None:
        self.core, self.delay, self.answers_only = core, delay, answers_only

    async def handle(self, incoming: Incoming) -> list[Reply]:
        if incoming.answer_key is not None or not self.answers_only:
            await asyncio.sleep(self.delay)
        return await self.core.handle(incoming)

    async def home(self, identity: Identity) -> Reply:
        return await self.core.home(identity)

    async def suggest_interviews(self, identity: Identity, prefix: str) -> list[tuple[str, str]]:
        return await self.core.suggest_interviews(identity, prefix)
