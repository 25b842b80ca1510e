"""Every sentence Debrief says lives in this package, so Slack, Discord and the console agree.

``messages`` holds replies, confirmations and errors, ``naming`` how they name times and
interviews, ``surfaces`` the words on platform surfaces (forms, buttons, the console); the
package re-exports all three, so ``from bot import copy`` reaches every one. Functions take
already-validated values; text a person typed is passed through as-is and escaped by the
adapter that renders it.
"""

from bot.copy.messages import *  # noqa: F403 - this package is the copy's one public face
from bot.copy.messages import __all__ as _messages_all
from bot.copy.naming import *  # noqa: F403
from bot.copy.naming import __all__ as _naming_all
from bot.copy.surfaces import *  # noqa: F403
from bot.copy.surfaces import __all__ as _surfaces_all

__all__ = [*_messages_all, *_naming_all, *_surfaces_all]
