"""Debrief on Slack: a ``slack_bolt`` ``AsyncApp`` that only translates to and from the core.

Listeners are grouped by Slack surface (``commands``, ``actions``, ``views``, ``events``,
``home``), each with a ``register(app, bridge)``; ``render`` turns replies into Block Kit;
``gateway`` delivers the core's nudges. Over HTTP, :meth:`SlackAdapter.mount` adds
``POST /slack/events`` to the process's aiohttp application (next to ``/healthz`` and
``/metrics``); with ``SLACK_APP_TOKEN`` set, :meth:`SlackAdapter.start` connects Socket Mode.

Usage (the composition root)::

    slack = SlackAdapter(settings, debrief)
    slack.mount(web_app)
    await slack.start()
    dispatcher = Dispatcher(..., gateway=slack.gateway, ...)
    ...
    await slack.stop()
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError

from adapters.inbox import DurableInbox, InboxSettings, InboxUnavailable
from adapters.lanes import CROWDED, DEFAULT_CONCURRENCY, PersonLanes
from adapters.observe import ApiObserver, api_trace
from adapters.settings import Settings
from adapters.slack import actions, commands, events, home, views
from adapters.slack.authorize import build_app
from adapters.slack.bridge import PLATFORM, Bridge
from adapters.slack.client import slack_error_code
from adapters.slack.directory import PeopleDirectory
from adapters.slack.gateway import SlackChatGateway
from adapters.slack.inline import ARRIVED
from adapters.slack.mrkdwn import ChannelNames
from adapters.slack.outbox import ReplyOutbox
from bot.clock import SystemClock
from bot.memory import memory_uow_factory
from bot.ports import ChatGateway, Clock, Conversation, UnitOfWorkFactory

__all__ = ["EVENTS_PATH", "SlackAdapter", "SlackChatGateway", "SlackStartupError"]

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Slack's own payloads are a few kB (a modal's state at most tens); anything far bigger is
# not from Slack and is refused before it is read.
MAX_BODY = 1_000_000


async def _refuse_failed_request(error: Exception) -> BoltResponse:
    """Bolt's error handler for listeners and middleware. A request that could not be made
    durable is not acknowledged (503: Slack retries events; a command shows as failed);
    anything else that broke on a request (a malformed but signed payload, a timestamp that
    is not a number) is 400, logged as one line without the body."""
    if isinstance(error, InboxUnavailable):
        return BoltResponse(status=503, body="")
    log.warning("rejecting a Slack request that could not be handled (%s)",
                type(error).__name__)
    return BoltResponse(status=400, body="")


class SlackStartupError(RuntimeError):
    """Slack refused the credentials at start-up; the message says which and why."""


class _SocketModeHandler(AsyncSocketModeHandler):
    """Bolt's handler, telling the work lanes while an envelope is being acknowledged."""

    lanes: PersonLanes | None = None

    async def handle(self, client: Any, req: Any) -> None:
        if self.lanes is None:
            await super().handle(client, req)
            return
        ARRIVED.set(asyncio.get_running_loop().time())
        with self.lanes.acknowledging():
            await super().handle(client, req)


class SlackAdapter:
    def __init__(self, settings: Settings, conversation: Conversation, *,
                 work_concurrency: int = DEFAULT_CONCURRENCY,
                 api_observer: ApiObserver | None = None,
                 uow: UnitOfWorkFactory | None = None,
                 inbox_settings: InboxSettings | None = None,
                 clock: Clock | None = None) -> None:
        """``api_observer`` hears about every Web API response (metrics). ``uow``: where the
        inbox lives (the database in ``debrief run``; without it, memory - not durable).
        ``clock``: the core's (typed messages are stamped with it on arrival)."""
        self.settings = settings
        self._api_observer = api_observer
        self._session: aiohttp.ClientSession | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self.app = build_app(token=settings.slack_bot_token,
                             signing_secret=settings.slack_signing_secret or "",
                             base_url=settings.slack_api_url,
                             logger=logging.getLogger("adapters.slack.bolt"))
        self.client = self.app.client
        people = PeopleDirectory(self.client)
        outbox = ReplyOutbox(self.client, people, session=lambda: self._session)
        # Under saturation acknowledgements go first and answers follow (adapters.lanes).
        lanes = PersonLanes(work_concurrency, crowded=CROWDED)
        self.bridge = Bridge(conversation, people, outbox, lanes,
                             channels=ChannelNames(self.client), clock=clock or SystemClock())
        self.inbox = DurableInbox(uow or memory_uow_factory(), PLATFORM, lanes,
                                  performer=self.bridge.perform, settings=inbox_settings)
        self.bridge.inbox = self.inbox
        self.gateway: ChatGateway = SlackChatGateway(outbox, self.client)
        for surface in (commands, actions, views, events, home):
            surface.register(self.app, self.bridge)
        self.app.error(_refuse_failed_request)

    @property
    def socket_mode(self) -> bool:
        return bool(self.settings.slack_app_token)

    def mount(self, web_app: web.Application) -> None:
        """Add ``POST /slack/events`` (slash commands, interactivity and the Events API)."""
        web_app.router.add_post(EVENTS_PATH, self._handle_http)

    async def _handle_http(self, request: web.Request) -> web.Response:
        if not self.settings.slack_signing_secret:
            # Without a secret every signature would "verify" against the empty key.
            log.warning("rejecting %s: SLACK_SIGNING_SECRET is not set", EVENTS_PATH)
            return web.Response(status=401, text="")
        if (request.content_length or 0) > MAX_BODY:
            log.warning("rejecting a %s request of %d bytes", EVENTS_PATH,
                        request.content_length or 0)
            return web.Response(status=413, text="")
        ARRIVED.set(asyncio.get_running_loop().time())  # an answer in the ack must hurry
        with self.bridge.lanes.acknowledging():
            try:
                bolt_request = await to_bolt_request(request)
            except (UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
                # Not UTF-8, a payload that is not a JSON object, ...: Bolt cannot even parse
                # it. One line, never the body.
                log.warning("rejecting a malformed %s request (%s)", EVENTS_PATH,
                            type(exc).__name__)
                return web.Response(status=400, text="")
            bolt_response = await self.app.async_dispatch(bolt_request)
            return await to_aiohttp_response(bolt_response)

    async def start(self) -> None:
        """Open the shared HTTP session; in Socket Mode, connect (``apps.connections.open``
        on ``SLACK_API_URL``, then the websocket). Over HTTP there is nothing to connect."""
        if self._session is None or self._session.closed:
            traces = [api_trace("slack", self._api_observer)] if self._api_observer else []
            # slack_sdk ignores its own timeout when it is given a session: the session's
            # timeout is what bounds every Web API and response_url call.
            self._session = aiohttp.ClientSession(
                trace_configs=traces, timeout=aiohttp.ClientTimeout(
                    total=self.settings.platform_timeout_seconds))
            self.client.timeout = int(self.settings.platform_timeout_seconds)
            self.client.session = self._session
        self.inbox.start()
        app_token = self.settings.slack_app_token
        if app_token and self._socket is None:
            await self._check_app_token(app_token)
            self._socket = _SocketModeHandler(
                self.app, app_token=app_token, web_client=self.client)
            self._socket.lanes = self.bridge.lanes
            await self._socket.connect_async()
            log.info("Slack Socket Mode connected")

    async def _check_app_token(self, app_token: str) -> None:
        """slack_sdk retries a refused ``apps.connections.open`` forever; fail fast instead,
        with the reason, when Slack refuses the token itself."""
        try:
            await self.client.apps_connections_open(app_token=app_token)
        except SlackApiError as exc:
            raise SlackStartupError(
                f"Slack refused SLACK_APP_TOKEN ({slack_error_code(exc)}): it must be an "
                "app-level token (xapp-…) with the connections:write scope") from exc

    async def idle(self, within: float | None = None) -> bool:
        """Wait until every acknowledged request has been answered (tests, shutdown)."""
        return await self.bridge.lanes.drain(within)

    async def stop(self) -> None:
        """Stop taking requests, finish the acknowledged ones (briefly), close connections."""
        if self._socket is not None:
            try:
                await self._socket.close_async()
            finally:
                self._socket = None
        await self.bridge.lanes.close()
        await self.inbox.stop()
        if self._session is not None:
            self.client.session = None
            await self._session.close()
            self._session = None

    def connected(self) -> bool:
        """Readiness: over HTTP always (the web server is the listener); in Socket Mode,
        whether the websocket is open."""
        if not self.socket_mode:
            return True
        client = self._socket.client if self._socket is not None else None
        session = client.current_session if client is not None else None
        return bool(client is not None and not client.closed and not client.stale
                    and session is not None and not session.closed)
