"""Words the adapters put on platform surfaces: command pickers, forms, buttons, the
console's prompts, stand-ins for chat markup, and the content-free notices a channel may see.
"""

from __future__ import annotations

__all__ = [
    "ANSWER_BUTTON",
    "ANSWER_FORM_TITLE",
    "BUSY",
    "COMMAND_DESCRIPTION",
    "CONSOLE_BYE",
    "CONSOLE_INTERRUPTED",
    "CONSOLE_SEVERAL",
    "CONSOLE_WELCOME",
    "DMS_CLOSED_HINT",
    "FORM_CANCEL",
    "FORM_MISSING_COMPANY",
    "FORM_SUBMIT",
    "INTERVIEW_FORM_TITLE",
    "MENTION_A_CHANNEL",
    "MENTION_A_GROUP",
    "MENTION_A_ROLE",
    "MENTION_CHANNEL",
    "MENTION_EVERYONE",
    "MENTION_HERE",
    "MENTION_SOMEONE",
    "PICK_DONE",
    "TRY_AGAIN_LATER",
    "WORKING_ON_IT",
    "console_action",
    "console_or_type",
]

# Shown in a channel when a person's DMs are closed. Content-free on purpose: the private
# text never goes to a channel.
DMS_CLOSED_HINT = (
    "I tried to send you a private message from Debrief but couldn't - your direct "
    "messages seem to be closed to this app. Allow direct messages from it (on Discord: "
    "from server members) and run `/debrief nudges` to see what you missed."
)
WORKING_ON_IT = "One moment…"
BUSY = (
    "Sorry - I'm swamped right now and couldn't get to that. Nothing was saved; please send "
    "it again in a minute."
)
TRY_AGAIN_LATER = (
    "Sorry - I couldn't reach my database just now. Nothing was lost; please try again in a "
    "minute."
)
# Words on platform surfaces (command pickers, forms, buttons).
COMMAND_DESCRIPTION = "Reflect on interviews, draft thank-you notes, get reminders"
INTERVIEW_FORM_TITLE = "Log an interview"
ANSWER_BUTTON = "Answer…"
ANSWER_FORM_TITLE = "Your answer"
FORM_SUBMIT = "Save"
FORM_CANCEL = "Cancel"
# The console's own words (it has no buttons, so it says what to type instead).
CONSOLE_WELCOME = "Debrief - your interview coach. Type /debrief help, or /quit to leave."
CONSOLE_BYE = "Bye - good luck with your interviews."
CONSOLE_INTERRUPTED = "(Line cancelled. Press Ctrl-C again or Ctrl-D to leave.)"
CONSOLE_SEVERAL = "several allowed: type like 1,3"
PICK_DONE = "Done ✓"
# Chat markup a person typed (a mention, a channel link, @here) is stored as words, because
# it ends up in their answers and drafts; these stand in where the adapter cannot name it.
MENTION_SOMEONE = "someone"
MENTION_A_CHANNEL = "a channel"
MENTION_A_GROUP = "a group"
MENTION_A_ROLE = "a role"
MENTION_HERE = "everyone here"
MENTION_CHANNEL = "everyone in the channel"
MENTION_EVERYONE = "everyone"
FORM_MISSING_COMPANY = "Which company was it? The company name is the one thing I need."


def console_or_type(words: list[str]) -> str:
    return f"or type: {', '.join(words)}"


def console_action(label: str, command: str) -> str:
    return f"{label}: type {command}"
