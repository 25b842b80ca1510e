"""Every sentence Debrief says lives in this package, so Slack, Discord and the console agree.

``messages`` holds replies and errors, ``questions`` the reflection questionnaire,
``tips`` the tip library. Functions take already-validated values; text a person typed is
passed through as-is and escaped by the adapter that renders it.
"""

from bot.copy.messages import *  # noqa: F403 - this package is the copy's one public face
from bot.copy.messages import __all__ as _messages_all

__all__ = list(_messages_all)
