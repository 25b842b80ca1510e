"""Every sentence Debrief says, in one place, so Slack, Discord and the console agree.

Functions take already-validated values; text a person typed is passed through as-is and
escaped by the adapter that renders it.
"""

from __future__ import annotations

__all__ = [
    "DMS_CLOSED_HINT",
    "SLACK_MODAL_TITLE",
    "TRY_AGAIN_LATER",
    "WORKING_ON_IT",
]

# Shown in a channel when a person's DMs are closed. Content-free on purpose: the private
# text never goes to a channel.
DMS_CLOSED_HINT = (
    "I tried to send you a private message from Debrief but couldn't - your DMs seem to be "
    "closed. Allow direct messages from server members (or from this app) and run "
    "`/debrief nudges` to see what you missed."
)
WORKING_ON_IT = "One moment…"
TRY_AGAIN_LATER = (
    "Sorry - I couldn't reach my database just now. Nothing was lost; please try again in a "
    "minute."
)
SLACK_MODAL_TITLE = "Log an interview"
