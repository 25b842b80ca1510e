"""The "log an interview" modal's submission: validate, close, then ask the core.

Field problems are shown inside the modal (``response_action: errors``) and nothing is
sent to the core; otherwise the modal closes at once and the core's replies go back to the
channel where ``/debrief interview`` was typed (and the reflection to the DM).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse

from adapters.slack.bridge import Bridge, usable_identity
from adapters.slack.commands import refused
from adapters.slack.modal import INTERVIEW_MODAL, ModalOrigin, read_submission
from adapters.slack.outbox import Origin
from bot.values import Identity

__all__ = ["register"]


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


KIND = "form"


def _values(body: dict[str, Any]) -> dict[str, Any]:
    view = body.get("view")
    state = view.get("state") if isinstance(view, dict) else None
    values = state.get("values") if isinstance(state, dict) else None
    return values if isinstance(values, dict) else {}


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.view(INTERVIEW_MODAL)
    async def interview_submitted(ack: AsyncAck, body: dict[str, Any],
                                  context: AsyncBoltContext) -> BoltResponse | None:
        user = body.get("user")
        identity = usable_identity(context, user.get("id") if isinstance(user, dict) else None)
        if identity is None:
            return refused("form")
        checked = read_submission(_values(body), None)
        if checked.errors:
            await ack(response_action="errors", errors=checked.errors)
            return None
        await bridge.accept(identity, KIND, body)
        await ack()
        return None

    async def submitted(identity: Identity, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        channel = ModalOrigin.load(view.get("private_metadata")).channel_id
        profile = await bridge.people.profile(identity)
        submission = read_submission(_values(body), _zone(profile.timezone))
        in_dm = channel is None or await bridge.people.is_our_dm(identity, channel)
        incoming = await bridge.incoming(identity, command=submission.command,
                                         in_dm=in_dm, channel_id=channel)
        await bridge.answer(await bridge.ask(incoming), Origin(identity, channel, in_dm))

    bridge.performs(KIND, submitted)
