"""One interaction received by this process, from its inbox write to its first response.

Discord wants an initial response within 3 seconds of the event ("you must send an initial
response within 3 seconds of receiving the event": discord-api-docs, developers/
interactions/receiving-and-responding.mdx, "Interaction Callback"). Once a command is
durable, its handler may give the work an answer budget (``DiscordAdapter(answer_budget=)``)
to finish and answer in the callback itself (CHANNEL_MESSAGE_WITH_SOURCE, one request
instead of a defer and an edit); if the work is not done by then, the handler defers and the
work edits the "thinking" placeholder when it is.

The default budget, :data:`ANSWER_BUDGET`, is 0: the acknowledgement never waits for the
core. It then costs what a bare client's does plus the inbox write (issue 14: within 1.5x of
a bare discord.py client, which the answer in the callback, at 2.9-3.0x, missed: the core's
turn and the answer's rendering sat between the event and the callback). The price is one
request more per command (~0.3 ms of CPU, ~10 %) and, against the real Discord, the answer
one round trip later, replacing "Debrief is thinking..." (benchmarks/discord_interactions.py
with ``--answer-budget 1`` measures the other way).

Exactly one of the two sends the first response: whichever moves :attr:`Pending.mode` off
``WAITING`` first (one event loop, so the check and the move cannot interleave).
"""

from __future__ import annotations

import asyncio
from typing import Any

__all__ = ["ACKED", "ANSWERING", "ANSWER_BUDGET", "WAITING", "Pending"]

#: Seconds the work may take to be answered in the callback itself (see above; with a budget,
#: keep it well under Discord's 3 seconds: the rest is the margin for the inbox write before
#: it and the request itself).
ANSWER_BUDGET = 0.0

WAITING = "waiting"  # the handler waits for the work to answer in the callback
ANSWERING = "answering"  # the work sends the callback with its first reply
ACKED = "acked"  # the handler acknowledges (defer, UPDATE_MESSAGE); the work edits/follows


class Pending:
    """What the work needs of an interaction received here, and who answers it first."""

    __slots__ = ("_claimed", "acked", "mode", "original_pending", "target")

    def __init__(self, target: Any, *, original_pending: bool, waiting: bool) -> None:
        self.target = target
        self.original_pending = original_pending
        self.mode = WAITING if waiting else ACKED
        #: Whether the handler's acknowledgement worked (set once it is sent).
        self.acked: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._claimed: asyncio.Future[None] | None = None

    def claim(self) -> bool:
        """The work's replies are ready: True if it may answer in the callback itself."""
        if self.mode != WAITING:
            return False
        self.mode = ANSWERING
        if self._claimed is not None and not self._claimed.done():
            self._claimed.set_result(None)
        return True

    def stop_waiting(self) -> None:
        """A burst began: the handler acknowledges now (the work then edits its answer in),
        so the burst's acknowledgements are not held up behind this one."""
        if self.mode == WAITING:
            self.mode = ACKED
            if self._claimed is not None and not self._claimed.done():
                self._claimed.set_result(None)

    async def answered_within(self, seconds: float) -> bool:
        """The handler: wait up to ``seconds`` for the work to claim the callback. False:
        the handler acknowledges now (the work then finds ``mode`` is ``ACKED``)."""
        if self.mode == WAITING and seconds > 0:
            self._claimed = asyncio.get_running_loop().create_future()
            try:
                async with asyncio.timeout(seconds):
                    await self._claimed
            except TimeoutError:
                pass
        if self.mode == ANSWERING:
            return True
        self.mode = ACKED
        return False
