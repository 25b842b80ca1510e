"""The Web API client Debrief uses, and how its failures map onto the core's delivery errors.

Retries happen in ``slack_sdk`` itself: HTTP 429 waits out ``Retry-After`` (a few times),
500/503 and dropped connections are retried once or twice. What still fails is classified::

    SlackApiError / aiohttp.ClientError / TimeoutError
    ├── PermanentDeliveryError   the person or channel is gone, DMs closed, token revoked,
    │                            a payload Slack will never accept
    └── RetryableDeliveryError   everything else: 429 after retries, 5xx, network, unknown
"""

from __future__ import annotations

import asyncio

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.ports import DeliveryError, PermanentDeliveryError, RetryableDeliveryError

__all__ = ["PERMANENT_ERRORS", "build_web_client", "configure_web_client", "delivery_error",
           "slack_error_code"]

# Slack error codes that no retry can fix.
PERMANENT_ERRORS = frozenset({
    "user_not_found", "users_not_found", "account_inactive", "user_disabled",
    "channel_not_found", "not_in_channel", "is_archived", "cannot_dm_bot",
    "messages_tab_disabled", "invalid_auth", "not_authed", "token_revoked", "token_expired",
    "no_permission", "missing_scope", "team_access_not_granted", "restricted_action",
    "ekm_access_denied", "not_allowed_token_type", "invalid_blocks", "invalid_arguments",
    "msg_too_long", "no_text", "too_many_attachments", "user_is_restricted",
})

RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
REQUEST_TIMEOUT = 15


def retry_handlers() -> list[AsyncRetryHandler]:
    return [
        AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
    ]


def build_web_client(*, token: str | None, base_url: str,
                     session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    """One client for the whole adapter (Bolt's listeners, the gateway, Socket Mode)."""
    return AsyncWebClient(token=token, base_url=base_url, session=session,
                          timeout=REQUEST_TIMEOUT, retry_handlers=retry_handlers())


def configure_web_client(client: AsyncWebClient, *, base_url: str) -> AsyncWebClient:
    """The same settings on a client someone else built (Bolt builds its app's own)."""
    client.base_url = base_url
    client.timeout = REQUEST_TIMEOUT
    client.retry_handlers = retry_handlers()
    return client


def slack_error_code(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or "")
    except (AttributeError, TypeError, ValueError):
        return ""


def delivery_error(exc: BaseException) -> DeliveryError:
    """Classify a failed Web API call for the nudge dispatcher."""
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        code = slack_error_code(exc)
        if status == 429:
            retry_after = _retry_after(exc)
            return RetryableDeliveryError(f"slack rate limited ({code or 429})",
                                          retry_after=retry_after)
        if status >= 500:
            return RetryableDeliveryError(f"slack http {status}")
        if code in PERMANENT_ERRORS:
            return PermanentDeliveryError(code)
        return RetryableDeliveryError(code or f"slack http {status}")
    if isinstance(exc, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        return RetryableDeliveryError(f"network: {type(exc).__name__}")
    return RetryableDeliveryError(f"{type(exc).__name__}: {exc}")


def _retry_after(exc: SlackApiError) -> float | None:
    headers = getattr(exc.response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return float(raw)
            except (TypeError, ValueError):
                return None
    return None
