"""Bolt's app for one workspace, authorizing requests without waiting on the Web API.

Bolt's single-workspace mode (``AsyncApp(token=…)``) runs ``auth.test`` on the first
request and answers HTTP 500 when that call cannot reach ``SLACK_API_URL`` (a connection
error is not a ``SlackApiError``), so a correctly signed ``/debrief`` got no acknowledgement
while the Web API was down. :class:`CachedAuthorization` is an ``AsyncAuthorize`` (Bolt's
hook for "which token serves this request"): it runs ``auth.test`` at most once per
:data:`RETRY_AFTER` seconds with a short deadline, keeps the first good answer for the
life of the process, and until then authorizes with the token alone (no ``bot_user_id``;
the listeners recognise the bot's own messages by ``bot_id`` anyway). The request's team
is Bolt's ``context.team_id`` either way.

The app is still constructed the way Bolt expects for one workspace: with ``token=`` and
no ``client=`` (giving both, or the ``SLACK_BOT_TOKEN`` variable Bolt reads by itself plus a
client, logs "As you gave `client` as well, `token` will be unused."). Bolt's own client is
then pointed at ``SLACK_API_URL`` with Debrief's timeout and retries, and Bolt's
single-workspace authorization middleware is exchanged for its multi-team one around
:class:`CachedAuthorization`: Bolt has no constructor argument for that combination
(``authorize=`` next to a token logs that the token is ignored).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.middleware.authorization.async_multi_teams_authorization import (
    AsyncMultiTeamsAuthorization,
)
from slack_bolt.middleware.authorization.async_single_team_authorization import (
    AsyncSingleTeamAuthorization,
)
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import PERMANENT_ERRORS, configure_web_client, slack_error_code

__all__ = ["AUTH_TEST_DEADLINE", "RETRY_AFTER", "CachedAuthorization", "build_app"]

log = logging.getLogger(__name__)

AUTH_TEST_DEADLINE = 2.0  # Slack wants the acknowledgement within 3 s
RETRY_AFTER = 30.0


class CachedAuthorization(AsyncAuthorize):
    def __init__(self, client: AsyncWebClient, token: str,
                 *, deadline: float = AUTH_TEST_DEADLINE, retry_after: float = RETRY_AFTER
                 ) -> None:
        super().__init__()
        self._client = client
        self._token = token
        self._deadline = deadline
        self._retry_after = retry_after
        self._known: Any = None  # the first successful auth.test response
        self._next_try = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self, *, context: Any = None, enterprise_id: str | None = None,
                       team_id: str | None = None, user_id: str | None = None,
                       **_: Any) -> AuthorizeResult | None:
        known = self._known if self._known is not None else await self._auth_test()
        if known is False:
            return None  # Slack refused the token itself: Bolt says so, as it always has
        if known is None:
            return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id,
                                   bot_token=self._token)
        return AuthorizeResult.from_auth_test_response(auth_test_response=known,
                                                       bot_token=self._token)

    async def _auth_test(self) -> Any:
        """The response, False when Slack refused the token, None when unknown for now."""
        async with self._lock:
            if self._known is not None or time.monotonic() < self._next_try:
                return self._known
            try:
                response = await asyncio.wait_for(self._client.auth_test(token=self._token),
                                                   self._deadline)
            except SlackApiError as exc:
                code = slack_error_code(exc)
                if code in PERMANENT_ERRORS:
                    log.error("Slack refused SLACK_BOT_TOKEN (%s)", code)
                    return False
                log.warning("auth.test failed (%s); authorizing with the token alone", code)
            except Exception as exc:  # unreachable, slow, 5xx: acknowledge anyway
                log.warning("auth.test failed (%s); authorizing with the token alone",
                            type(exc).__name__)
            else:
                self._known = response
                return response
            self._next_try = time.monotonic() + self._retry_after
            return None


def build_app(*, token: str | None, signing_secret: str, base_url: str,
              logger: logging.Logger) -> AsyncApp:
    """Bolt's app for the workspace ``token`` belongs to; ``app.client`` is the Web API
    client every part of the adapter shares."""
    app = AsyncApp(
        token=token or None,
        signing_secret=signing_secret,
        request_verification_enabled=True,
        # Listeners only ack and queue (``Bridge.later``), so Bolt may answer as soon as
        # they return: no polling for the ack, and the work never holds up the response.
        process_before_response=True,
        logger=logger,
    )
    configure_web_client(app.client, base_url=base_url)
    if token:
        _authorize_with(app, CachedAuthorization(app.client, token))
    return app


def _authorize_with(app: AsyncApp, authorize: AsyncAuthorize) -> None:
    middleware = app._async_middleware_list  # no public way to choose the authorization
    single = [i for i, m in enumerate(middleware) if isinstance(m, AsyncSingleTeamAuthorization)]
    if len(single) != 1:  # a Bolt upgrade changed this: fail loudly, in the tests first
        raise RuntimeError("Bolt's single-workspace authorization middleware not found")
    middleware[single[0]] = AsyncMultiTeamsAuthorization(authorize=authorize,
                                                         base_logger=app.logger)
