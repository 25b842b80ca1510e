"""Handle each Events API delivery once.

Slack redelivers an event when it did not see our 200 in time (``X-Slack-Retry-Num``, up to
three retries over about an hour) and may, rarely, deliver one twice. Events carry a unique
``event_id``; we remember the ids we have accepted for an hour in a bounded cache and
acknowledge repeats without handling them.

The memory is per process: with several replicas behind a load balancer a retry can land on
another replica. That is acceptable for Debrief (a repeated DM answer is validated against
the current question by the core) and is documented in docs/slack.md.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from adapters.slack.directory import TTLCache

__all__ = ["SEEN_TTL", "SeenEvents", "register"]

log = logging.getLogger(__name__)

SEEN_TTL = 3600.0
MAX_SEEN = 50_000


class SeenEvents:
    def __init__(self, ttl: float = SEEN_TTL, max_entries: int = MAX_SEEN) -> None:
        self._seen: TTLCache[str, bool] = TTLCache(ttl, max_entries)

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is offered (and remembers it), False afterwards."""
        if event_id in self._seen:
            return False
        self._seen.put(event_id, True)
        return True


def register(app: AsyncApp, seen: SeenEvents) -> None:
    """A global middleware, after Bolt's signature check (a forged retry is a 401 first)."""

    async def drop_repeated_events(body: dict[str, Any], request: Any, response: BoltResponse,
                                   next: Callable[[], Awaitable[None]]) -> BoltResponse:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and event_id and not seen.first_time(event_id):
            retry = (request.headers.get("x-slack-retry-num") or [None])[0]
            log.info("ignoring repeated event %s (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="")
        await next()
        return response

    app.use(drop_repeated_events)
