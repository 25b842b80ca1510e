"""What a Discord interaction or DM needs to run again after a crash, as inbox JSON.

The handlers make every interaction and DM durable (:mod:`adapters.inbox`, keyed by
Discord's interaction or message id) before acknowledging it. The work normally runs at
once in the process that received it, with the live interaction for its follow-ups; if that
process dies first, another one takes the inbox row over after the lease and has only this
JSON: the core's :class:`~bot.values.Incoming`, rebuilt field by field, and where the person
spoke. Its replies then go to the person's DM (the interaction's token may have expired).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.values import AnswerKey, Command, Identity, Incoming, Surface

__all__ = ["incoming_from_json", "incoming_to_json"]


def incoming_to_json(incoming: Incoming) -> dict[str, Any]:
    command = incoming.command
    key = incoming.answer_key
    return {
        "identity": [incoming.identity.platform, incoming.identity.workspace_id,
                     incoming.identity.user_id],
        "text": incoming.text,
        "command": None if command is None else {
            "name": command.name, "text": command.text,
            "options": [list(option) for option in command.options]},
        "in_dm": incoming.in_dm, "channel_id": incoming.channel_id,
        "display_name": incoming.display_name, "is_admin": incoming.is_admin,
        "platform_timezone": incoming.platform_timezone,
        "community_id": incoming.community_id,
        "surface": [incoming.surface.buttons, incoming.surface.channels,
                    incoming.surface.channel_link],
        "answer_key": None if key is None else [key.interview_id, key.question, key.version],
        "received_at": incoming.received_at.isoformat() if incoming.received_at else None,
    }


def incoming_from_json(data: dict[str, Any]) -> Incoming:
    command = data.get("command")
    key = data.get("answer_key")
    received = data.get("received_at")
    # Rows written before channel_link was kept have two entries.
    buttons, channels, *rest = data.get("surface") or (True, True)
    channel_link = str(rest[0]) if rest and rest[0] else None
    return Incoming(
        identity=Identity(*data["identity"]), text=data.get("text") or "",
        command=None if command is None else Command(
            command["name"], command.get("text") or "",
            tuple((str(k), str(v)) for k, v in command.get("options") or [])),
        in_dm=bool(data.get("in_dm")), channel_id=data.get("channel_id"),
        display_name=data.get("display_name"), is_admin=bool(data.get("is_admin")),
        platform_timezone=data.get("platform_timezone"),
        community_id=data.get("community_id"),
        surface=Surface(buttons=bool(buttons), channels=bool(channels),
                        channel_link=channel_link),
        answer_key=None if key is None else AnswerKey(int(key[0]), str(key[1]), int(key[2])),
        received_at=datetime.fromisoformat(received) if received else None,
    )
