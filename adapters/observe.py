"""Platform API calls, observed per platform: how many, which failed, which were rate limited.

The Slack and Discord adapters make their Web API / REST calls through aiohttp sessions. An
:func:`api_trace` on a session reports every response status (and every request that got no
response) to an :class:`ApiObserver` - Prometheus counters in ``debrief run`` - so the
adapters need no metrics library, and the libraries' own retries (slack_sdk's, discord.py's
429 and 5xx handling) are counted one by one, as the platform saw them.

Slack reports most application errors as HTTP 200 with ``"ok": false``; those are not API
failures here (the delivery code classifies them), only HTTP errors and network failures are.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Protocol

import aiohttp

__all__ = ["ApiObserver", "api_trace"]


class ApiObserver(Protocol):
    def api_response(self, platform: str, status: int) -> None:
        """A call got an HTTP response with ``status`` (429: rate limited)."""
        ...

    def api_unreachable(self, platform: str, error: str) -> None:
        """A call got no response (connection refused or reset, timeout); ``error`` is the
        exception's type name."""
        ...


def api_trace(platform: str, observer: ApiObserver) -> aiohttp.TraceConfig:
    """An aiohttp trace config that reports each call on a session to ``observer``."""
    trace = aiohttp.TraceConfig()

    async def on_end(session: aiohttp.ClientSession, context: SimpleNamespace,
                     params: aiohttp.TraceRequestEndParams) -> None:
        observer.api_response(platform, params.response.status)

    async def on_exception(session: aiohttp.ClientSession, context: SimpleNamespace,
                           params: aiohttp.TraceRequestExceptionParams) -> None:
        observer.api_unreachable(platform, type(params.exception).__name__)

    trace.on_request_end.append(on_end)
    trace.on_request_exception.append(on_exception)
    return trace
