"""One interaction received by this process, from its inbox write to its first response.

Discord wants an initial response within 3 seconds of the event ("you must send an initial
response within 3 seconds of receiving the event": discord-api-docs, developers/
interactions/receiving-and-responding.mdx, "Interaction Callback"). Once a command is
durable, its handler may give the work an answer budget (``DiscordAdapter(answer_budget=)``)
to finish and answer in the callback itself (CHANNEL_MESSAGE_WITH_SOURCE, one request
instead of a defer and an edit); if the work is not done by then, the handler defers and the
work edits the "thinking" placeholder when it is.

The default budget, :data:`ANSWER_BUDGET`, is 1 s. A budget of 0 (acknowledge as soon as
durable, always edit the answer in) was measured against it for issue 14, whose target puts
Discord's callback within 1.5x of a bare discord.py client's: on a quiet machine the
callback's p99 came to 1.75x of the bare client's instead of 2.14x and missed either way,
while every command cost one request more (CPU 3.07 against 2.87 ms per interaction) and the
person saw the answer later (p50 3.25 against 2.63 ms on loopback; against the real
Discord one round trip later, after a "Debrief is thinking..." placeholder). So the answer
rides in the callback when it can.

Exactly one of the two sends the first response: whichever moves :attr:`Pending.mode` off
``WAITING`` first (one event loop, so the check and the move cannot interleave).
"""

from __future__ import annotations

import asyncio
from typing import Any

__all__ = ["ACKED", "ANSWERING", "ANSWER_BUDGET", "WAITING", "Pending"]

#: Seconds the work may take to be answered in the callback itself. Of Discord's 3 seconds
#: the rest is the margin for the inbox write before it and the request itself.
ANSWER_BUDGET = 1.0

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
