"""The "log an interview" modal's submission: validate, close, then ask the core.

Field problems are shown inside the modal (``response_action: errors``) and nothing is
sent to the core; otherwise the modal closes at once and the core's replies go back to the
channel where ``/debrief interview`` was typed (and the reflection to the DM).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from adapters.slack.bridge import Bridge, identity_of
from adapters.slack.modal import INTERVIEW_MODAL, ModalOrigin, read_submission
from adapters.slack.outbox import Origin

__all__ = ["register"]


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.view(INTERVIEW_MODAL)
    async def interview_submitted(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any],
                                  context: AsyncBoltContext) -> None:
        values = (view.get("state") or {}).get("values") or {}
        checked = read_submission(values, None)
        if checked.errors:
            await ack(response_action="errors", errors=checked.errors)
            return
        await ack()
        identity = identity_of(context, str((body.get("user") or {}).get("id", "")))
        channel = ModalOrigin.load(view.get("private_metadata")).channel_id

        async def work() -> None:
            profile = await bridge.people.profile(identity)
            submission = read_submission(values, _zone(profile.timezone))
            in_dm = channel is None or await bridge.people.is_our_dm(identity, channel)
            incoming = await bridge.incoming(identity, command=submission.command,
                                             in_dm=in_dm, channel_id=channel)
            await bridge.answer(await bridge.ask(incoming), Origin(identity, channel, in_dm))

        bridge.later(identity, work)
