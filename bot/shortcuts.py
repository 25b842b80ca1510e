"""What people type instead of a well-formed ``/debrief`` command, read before the dialogue.

Inside a reflection every message is an answer, so ``help``, ``quit`` or ``/debreif help``
would be stored as one. The service asks :func:`read_shortcut` first:

- a help word alone (``help``, ``?``) shows the help;
- a quit word alone (``quit``, ``exit``, ``stop``, ``pause``) pauses the open reflection;
- a near miss of the prefix (``/debreif help``, ``/Debrief help``, ``debrief help``) or a
  subcommand with a slash of its own (``/history``) is read as the command.

:func:`near_subcommand` finds the subcommand a mistyped word meant (``hlep`` → ``help``),
when exactly one is close. The trigger words live with the copy (``bot.copy.messages``).
Near misses use difflib's ratio (stdlib; no fuzzy-matching dependency is needed for a few
dozen short words).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Literal

from bot.copy.messages import HELP_WORDS, QUIT_WORDS
from bot.grammar import PREFIX, SUBCOMMANDS
from bot.prep.asked import asks_for

__all__ = ["SETTING_WORDS", "Shortcut", "asked_alone", "command_in_sentence", "near_subcommand",
           "read_shortcut"]

_NAMES = tuple(spec.name for spec in SUBCOMMANDS)
_CUTOFF = 0.75


@dataclass(frozen=True, slots=True)
class Shortcut:
    """``help``, ``pause``, or ``command`` with the command ``text`` it stands for."""

    kind: Literal["help", "pause", "command"]
    text: str = ""


def _bare(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .!")


def read_shortcut(text: str) -> Shortcut | None:
    """The command a message that is not ``/debrief …`` stands for, or None (an answer)."""
    bare = _bare(text)
    if bare in HELP_WORDS:
        return Shortcut("help")
    if bare in QUIT_WORDS:
        return Shortcut("pause")
    asked = asked_alone(bare)
    if asked is not None:
        return Shortcut("command", f"{PREFIX} {asked}")
    first, _, rest = text.strip().partition(" ")
    word = first.lower()
    if word.startswith("/") and word[1:] in _NAMES:  # "/history", "/tip prepared"
        return Shortcut("command", f"{PREFIX} {word[1:]} {rest}".strip())
    if not _near_prefix(word):
        return None
    next_word = rest.split(" ", 1)[0].lower()
    # Without a slash ("debrief help") only when a command follows: "debriefing went
    # well" and "debrief was fine" stay answers.
    if word.startswith("/") or next_word in _NAMES or near_subcommand(next_word):
        return Shortcut("command", f"{PREFIX} {rest}".strip())
    return None


# Asking for one's own figures, or for a tip, in so many words. Never an answer to a
# reflection's question, so read as the command wherever it is typed (it was "There's no
# reflection open right now" in the DM, or stored as an answer).
_ASKED_ALONE = {
    "stats": frozenset({
        "stats", "stat", "statistics", "my stats", "my stat", "my statistics",
        "show my stats", "show me my stats", "show stats", "see my stats", "my numbers",
        "my progress", "my patterns", "how am i doing", "how am i doing so far",
        "how am i doing overall", "how am i doing lately", "how i am doing", "how am i doin",
        "how am i going", "how's my search going", "hows my search going",
        "how is my search going", "how's my job search going", "hows my job search going",
        "how is my job search going", "how's the search going", "how is the search going"}),
    "tip": frozenset({
        "tip", "tips", "a tip", "any tips", "got any tips", "give me a tip", "another tip",
        "one more tip", "more tips", "tip of the day"}),
    # Asking for fewer messages: the reminders, with how to stop one or all (nothing is
    # cancelled on a sentence).
    "nudges": frozenset({
        "stop reminding me", "stop the reminders", "stop reminders", "no more reminders",
        "no reminders", "mute", "mute reminders", "mute notifications", "unsubscribe",
        "stop notifications", "turn off reminders", "turn off notifications",
        "too many reminders", "too many messages", "my reminders", "reminders",
        "stop messaging me", "stop sending me messages", "stop the notifications",
        "stop nudging me", "no more nudges", "cancel reminders",
        "cancel my reminders", "cancel all reminders"}),
    # Asking to be forgotten: `forget` without "confirm" only asks first, so it is safe to
    # read (it was "There's no reflection open right now" - privacy asked for, not heard).
    "forget": frozenset({
        "delete my data", "delete all my data", "delete everything", "delete it all",
        "forget me", "forget about me", "remove my data", "remove all my data",
        "erase my data", "wipe my data", "delete my account", "delete me",
        "i want my data deleted", "please delete my data", "delete my info",
        "delete my information"}),
    "export": frozenset({
        "export my data", "download my data", "send me my data",
        "a copy of my data", "what do you know about me", "what data do you have"}),
}
_POLITE = re.compile(r"^(?:pls|plz|please)\s+|\s+(?:pls|plz|please|thanks|thx)$")


def asked_alone(text: str) -> str | None:
    """The command a message asks for on its own ("my stats", "stats pls", "how am i
    doing?", "any tips?") - nothing longer - else None."""
    bare = _POLITE.sub("", " ".join(text.lower().replace("?", " ").split()).strip(" .!,"))
    return next((name for name, said in _ASKED_ALONE.items() if bare in said), None)


# Asked of the first word of every answer typed in a reflection: the same few words ("the",
# "i", "3") come again and again, so each is compared with the prefix once.
@functools.lru_cache(maxsize=4096)
def _near_prefix(word: str) -> bool:
    return _at_least(word, PREFIX, _CUTOFF) or _at_least("/" + word, PREFIX, 0.85)


def _at_least(word: str, target: str, cutoff: float) -> bool:
    """``SequenceMatcher(None, word, target).ratio() >= cutoff``, without building the
    matcher when the lengths alone rule it out (difflib's own ``real_quick_ratio`` bound)."""
    if 2.0 * min(len(word), len(target)) / (len(word) + len(target)) < cutoff:
        return False
    return difflib.SequenceMatcher(None, word, target).ratio() >= cutoff


# Other words for a subcommand, as people say them: "/debrief prepare for acme".
_SAID_FOR = {"prepare": "prep", "preparation": "prep", "prepping": "prep",
             "reminder": "nudges", "reminders": "nudges", "story": "stories",
             "reflection": "reflect", "result": "outcome", "results": "outcome",
             "commands": "help", "statistics": "stats", "patterns": "stats",
             "progress": "stats", "numbers": "stats", "overview": "stats",
             "dashboard": "stats", "report": "stats"}
# A setting named first ("/debrief timezone berlin", "/debrief quiet 23:00-07:00"): the
# settings command, with the word kept as its first argument.
SETTING_WORDS = frozenset({"timezone", "tz", "quiet"})

# What a sentence typed after /debrief asks for ("i want to cancel my reminders", "what
# should i work on"), by the words that say it. Only commands that show something and
# change nothing: a guess from a sentence never writes, and never deletes (forget, run
# without "confirm", asks first).
_ASKED_FOR = (
    ("nudges", ("reminder", "reminders", "nudge", "nudges", "notifications", "notification")),
    ("tip", ("work on", "improve", "get better", "advice", "tip", "do better", "what should i")),
    ("history", ("history", "my interviews", "past interviews", "interviews so far")),
    # "thank you" alone is said to Debrief: only a note, a draft or an e-mail is asked for
    ("draft", ("draft", "note", "thank-you", "thankyou", "thank you email",
               "thank you e-mail", "thank you letter")),
    ("settings", ("timezone", "time zone", "quiet hours", "settings", "my name")),
    ("stats", ("stats", "statistics", "patterns", "how am i doing", "how i am doing",
               "my numbers", "my progress", "how am i doin", "search going",
               "how's it going", "how is it going", "hows it going")),
    ("stories", ("story", "stories")),
    ("export", ("export", "download", "copy of my data")),
    # forget without "confirm" only asks, and says how to confirm
    ("forget", ("delete everything", "delete all my data", "delete my data",
                "delete my account", "forget me", "erase everything")),
)


def near_subcommand(word: str) -> str | None:
    """The one subcommand ``word`` is a typo of (``hlep`` → ``help``) or another word for
    (``prepare`` → ``prep``), else None."""
    word = word.lower()
    if not word or word in _NAMES:
        return word or None
    if word in _SAID_FOR:
        return _SAID_FOR[word]
    if word in SETTING_WORDS:
        return "settings"
    # Each subcommand scored by its closest spelling, its own or another word for it
    # ("remidners" is near "reminders"; "storys" near "story" more than "history").
    best: dict[str, float] = {}
    for said, name in (*((n, n) for n in _NAMES), *_SAID_FOR.items()):
        score = difflib.SequenceMatcher(None, word, said).ratio()
        best[name] = max(score, best.get(name, 0.0))
    scored = sorted(((score, name) for name, score in best.items()), reverse=True)
    best_score, meant = scored[0]
    if best_score < _CUTOFF or scored[1][0] == best_score:
        return None
    return meant


def command_in_sentence(text: str) -> str | None:
    """The one command a sentence typed after ``/debrief`` asks for ("i want to cancel my
    reminders" -> ``nudges``), else None: nothing, or two different ones named. It may
    carry the command's text after its name ("what questions should i ask" -> ``prep
    questions``)."""
    prep = asks_for(text)  # "what should i prepare" is prep, not the tip "what should i"
    if prep is not None:
        return "prep" if prep == "prep" else f"prep {prep}"
    said = " " + " ".join(text.lower().replace("?", " ").replace(",", " ").split()) + " "
    found = {name for name, phrases in _ASKED_FOR
             if any(f" {phrase} " in said for phrase in phrases)}
    return found.pop() if len(found) == 1 else None
