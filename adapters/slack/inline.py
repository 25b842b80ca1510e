"""Answering a slash command in its acknowledgement, when the answer is ready in time.

Slack shows a message given in the HTTP 200 that acknowledges a slash command (its
"immediate response": ``text``, ``blocks``, ``response_type``; docs.slack.dev,
"Implementing slash commands", *Responding to the command*) exactly as one sent to the
command's ``response_url`` a moment later. So when the command's work can start at once (the
person has nothing else queued and the process is not behind:
:meth:`adapters.lanes.PersonLanes.submit` with ``eager``) and its one reply for where the
person typed it is one message, that message rides in the acknowledgement: one request to
Slack fewer, and the answer arrives with the acknowledgement. The request is
still made durable first (the inbox), and the core still marks it done in its own commit.

Everything else is unchanged: a reply for the DM, several replies, an attachment, or work
that has not answered within :data:`INLINE_BUDGET` seconds leaves the acknowledgement empty
(at once, as soon as the work knows) and goes out as before.
"""

from __future__ import annotations

import asyncio
import contextvars
from typing import Any

__all__ = ["ARRIVED", "INLINE_BUDGET", "InlineAnswer"]

#: How long an acknowledgement may wait for its answer ...
INLINE_BUDGET = 1.0
#: ... and no later than this long after the request arrived (Slack allows 3 s in all,
#: network included).
ACK_BY = 2.0
#: When the request being handled arrived (the event loop's clock), set by the adapter.
ARRIVED: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "slack_request_arrived", default=None)


class InlineAnswer:
    """The acknowledgement of one slash command, waiting for the message it may carry."""

    def __init__(self) -> None:
        self._answer: asyncio.Future[dict[str, Any] | None] = \
            asyncio.get_running_loop().create_future()

    @property
    def open(self) -> bool:
        """The acknowledgement has not left yet: a message offered now goes with it."""
        return not self._answer.done()

    def offer(self, message: dict[str, Any]) -> bool:
        """Give the acknowledgement ``message`` (``text``, ``blocks``, ``response_type``);
        False if it already left (then send the message another way)."""
        if self._answer.done():
            return False
        self._answer.set_result(message)
        return True

    def close(self) -> None:
        """Nothing for the acknowledgement: let it leave empty now."""
        if not self._answer.done():
            self._answer.set_result(None)

    async def wait(self, budget: float = INLINE_BUDGET) -> dict[str, Any] | None:
        """The message to acknowledge with, or None: the work has another way to answer,
        or did not answer within ``budget`` seconds, nor by :data:`ACK_BY` seconds after
        the request arrived (closed then, so a late offer fails)."""
        arrived = ARRIVED.get()
        if arrived is not None:
            budget = min(budget, arrived + ACK_BY - asyncio.get_running_loop().time())
        try:
            async with asyncio.timeout(budget):
                return await asyncio.shield(self._answer)
        except TimeoutError:
            self.close()
            return self._answer.result()
