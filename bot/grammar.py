"""The ``/debrief`` command grammar, one for every platform.

Typed form (Slack, console): ``/debrief <subcommand> [text] [name:value …]``, where a value
with spaces is quoted (``role:"Backend Engineer"``) or runs until the next ``name:``.
Discord builds :class:`~bot.values.Command` directly from its named options, using the
same option names (``SUBCOMMANDS`` below is what its application command is built from).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.values import Command

__all__ = [
    "MAX_COMMAND_LENGTH",
    "SUBCOMMANDS",
    "CommandSyntaxError",
    "OptionSpec",
    "SubcommandSpec",
    "closest",
    "is_command",
    "parse_command",
    "unknown_option",
]

MAX_COMMAND_LENGTH = 2000
PREFIX = "/debrief"


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    autocomplete: str | None = None  # "interview" | "timezone" | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SubcommandSpec:
    name: str
    usage: str
    description: str
    options: tuple[OptionSpec, ...] = ()
    admin_only: bool = False
    positional: str | None = None  # which option the free text fills when no name: is given


_INTERVIEW_REF = OptionSpec(
    "interview", "Which interview: #number or company (default: the latest)",
    autocomplete="interview")

# An interview's profile (bot/insights/profile.py): optional, on `interview` and
# `history #n edit`. Seniority, source and stage are closed lists; field is a short list
# plus free text, location free text.
_PROFILE_OPTIONS = (
    OptionSpec("field", "Field: engineering, data, product, design, sales, support … "
               "or your own words"),
    OptionSpec("seniority", "Seniority of the role",
               choices=("entry", "mid", "senior", "lead", "manager", "executive")),
    OptionSpec("location", 'Where: a city, or "remote", "hybrid", "on-site"',
               aliases=("where",)),
    OptionSpec("source", "How you got the interview",
               choices=("referral", "application", "recruiter", "other")),
    OptionSpec("stage", "The stage this interview was",
               choices=("screen", "first", "later", "final")),
)

SUBCOMMANDS: tuple[SubcommandSpec, ...] = (
    SubcommandSpec("help", "/debrief help", "Every command, one line each"),
    SubcommandSpec(
        "interview", '/debrief interview <company> [when:"tomorrow 3pm"] [role:…] [interviewer:…] '
        '[type:recruiter|technical|panel|final|other] '
        '[field:… seniority:… location:… source:… stage:…]',
        "Log an interview (just ended, or coming up) and reflect on it",
        (
            OptionSpec("company", "The company you interviewed with", aliases=("employer",)),
            OptionSpec("when", 'When it is or was: "now", "today 14:00", "tomorrow 3pm", '
                       '"2026-12-01 10:00", "2h ago"', aliases=("date", "time", "at")),
            OptionSpec("role", "The role you interviewed for",
                       aliases=("position", "title", "job")),
            OptionSpec("interviewer", "Who interviewed you", aliases=("with",)),
            OptionSpec("type", "What kind of interview (the reflection's questions adapt)",
                       choices=("recruiter", "technical", "panel", "final", "other")),
            OptionSpec("notes", "Anything to remember"),
            *_PROFILE_OPTIONS,
        ),
        positional="company",
    ),
    SubcommandSpec("reflect", "/debrief reflect [interview] [redo]",
                   "Resume your reflection, or reflect on another interview",
                   (_INTERVIEW_REF,), positional="interview"),
    SubcommandSpec("followup", '/debrief followup [interview] [when:"yesterday 18:00"]',
                   "Mark the thank-you note as sent (stops its reminders)",
                   (_INTERVIEW_REF,
                    OptionSpec("when", 'When it went out, if not just now: "2h ago", '
                               '"yesterday 18:00"')),
                   positional="interview"),
    SubcommandSpec("draft", "/debrief draft [interview]", "Show the thank-you note draft",
                   (_INTERVIEW_REF,), positional="interview"),
    SubcommandSpec(
        "outcome", "/debrief outcome [interview] <callback|offer|rejected|no reply> | "
        "when:<the date they named>",
        "Record what you heard back",
        (_INTERVIEW_REF,
         OptionSpec("result", "What you heard back",
                    choices=("callback", "offer", "rejected", "no_reply")),
         OptionSpec("when", 'The date they said you would hear by: "friday", "end of next '
                    'week"')),
        positional="interview",
    ),
    SubcommandSpec(
        "nudges", "/debrief nudges [cancel <n> | snooze <n> [for]]",
        "List your reminders; cancel or snooze one",
        (OptionSpec("action", "list, cancel or snooze", choices=("list", "cancel", "snooze")),
         OptionSpec("nudge", "The reminder's number, as listed"),
         OptionSpec("until", 'Snooze for or until: "1h", "tomorrow 9:00" (default 1h)',
                    aliases=("for",))),
        positional="action",
    ),
    SubcommandSpec("history", '/debrief history [interview] [edit when:"12 Mar 09:00" '
                   'field:… stage:… …] [remove]',
                   "Your past interviews; move one, edit its profile, or remove one",
                   (_INTERVIEW_REF,
                    OptionSpec("when", 'Move it to its right time: "12 Mar 09:00", '
                               '"friday 10am" (its reminders follow)',
                               aliases=("date", "time", "at")),
                    OptionSpec("role", "Change the role title"),
                    *_PROFILE_OPTIONS),
                   positional="interview"),
    SubcommandSpec("tip", "/debrief tip [area]",
                   "One interview tip; without an area, picked from your record",
                   (OptionSpec("area", "stand out, follow up, professional, prepared, right jobs",
                               choices=("stand_out", "follow_up", "professional", "prepared",
                                        "right_jobs")),),
                   positional="area"),
    SubcommandSpec(
        "settings", "/debrief settings [timezone <Area/City>] [quiet <22:00-08:00|off>] "
        "[prep <18:00|off>] [name <your name|off>]",
        "Your timezone, quiet hours, prep time and the name your notes are signed with",
        (OptionSpec("timezone", "IANA zone such as Europe/Berlin", autocomplete="timezone",
                    aliases=("tz",)),
         OptionSpec("quiet", 'Quiet hours such as "22:00-08:00", or "off"'),
         OptionSpec("prep", 'When prep comes the evening before: "18:00", or "off"'),
         OptionSpec("name", 'The name your thank-you notes are signed with, or "off"')),
    ),
    SubcommandSpec("stats", "/debrief stats",
                   "Your next step, from what came before your callbacks (+ chart)"),
    SubcommandSpec("community", "/debrief community",
                   "Anonymous figures for this workspace or server (admins)", admin_only=True),
    SubcommandSpec(
        "tips", "/debrief tips [subscribe [#channel] <schedule> [areas:…] [tz:…] | list | "
        "pause | resume | off [#channel]]",
        "Scheduled tips in a channel (admins)",
        (OptionSpec("action", "subscribe, list, pause, resume or off",
                    choices=("subscribe", "list", "pause", "resume", "off")),
         OptionSpec("channel", "Which channel (default: this one)"),
         OptionSpec("schedule", 'When: "daily 09:00", "weekdays 12:30", "weekly mon 09:00" '
                    'or a cron line "0 9 * * 1-5"'),
         OptionSpec("areas", 'Only these areas, e.g. "prepared, follow up" (default: all)',
                    aliases=("area",)),
         OptionSpec("tz", "The community's timezone, e.g. Europe/Berlin",
                    autocomplete="timezone", aliases=("timezone",))),
        admin_only=True, positional="action",
    ),
    SubcommandSpec(
        "prep", "/debrief prep [interview] [tick <n,…> | question <text> | story <n> | "
        "practised]",
        "Get ready for an interview ahead: research checklist, your questions, stories",
        (_INTERVIEW_REF,
         OptionSpec("action", "tick, untick, question, story, practised or asked",
                    choices=("tick", "untick", "question", "story", "practised", "asked")),
         OptionSpec("value", "Checklist numbers (1,3), your question, a story number, or how "
                    "many questions you asked")),
        positional="interview",
    ),
    SubcommandSpec(
        "stories", "/debrief stories [<n>] [add <title> | <what happened, what you did, the "
        "result>] [edit <n> …] [remove <n>] [told <n> [interview]]",
        "Your story bank: short stories tagged by the skill they show",
        (OptionSpec("action", "list, add, edit, remove, told or save",
                    choices=("list", "add", "edit", "remove", "told", "save")),
         OptionSpec("number", "The story's number, as listed"),
         OptionSpec("text", '"<title> | <what happened, what you did, the result>"; for '
                    'told: the interview'),
         OptionSpec("tags", 'Skills it shows, e.g. "leadership, failure" (default: from '
                    'its words)')),
        positional="action",
    ),
    SubcommandSpec("export", "/debrief export", "All your data, as JSON"),
    SubcommandSpec("forget", "/debrief forget", "Delete all your data (asks first)",
                   (OptionSpec("confirm", 'Type "confirm" to delete everything'),),
                   positional="confirm"),
)

_BY_NAME = {spec.name: spec for spec in SUBCOMMANDS}


class CommandSyntaxError(ValueError):
    """The text is a /debrief command, but not one we can read. ``word`` is what was typed."""

    def __init__(self, kind: str, word: str = "") -> None:
        super().__init__(kind)
        self.kind = kind  # "unknown" | "too_long" | "empty"
        self.word = word


def is_command(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.lower().startswith(PREFIX) and (
        len(stripped) == len(PREFIX) or stripped[len(PREFIX)].isspace())


def spec_for(name: str) -> SubcommandSpec | None:
    return _BY_NAME.get(name)


def parse_command(text: str) -> Command:
    """Parse ``/debrief …`` (or the part after it) into a :class:`Command`."""
    if len(text) > MAX_COMMAND_LENGTH:
        raise CommandSyntaxError("too_long")
    body = text.strip()
    if is_command(body):
        body = body[len(PREFIX):].strip()
    if not body:
        return Command("help")
    word, _, rest = body.partition(" ")
    name = word.lower().rstrip("!?.,:") or word  # "help!!!", "draft?": the word itself
    spec = _BY_NAME.get("help" if name == "?" else name)
    if spec is None:
        raise CommandSyntaxError("unknown", word)
    return parse_arguments(spec, rest.strip())


def parse_arguments(spec: SubcommandSpec, rest: str) -> Command:
    names: dict[str, str] = {}
    for opt in spec.options:
        names[opt.name] = opt.name
        for alias in opt.aliases:
            names[alias] = opt.name
    if not names:
        return Command(spec.name, rest, ())
    matches = [(m, name) for m in _NAME_COLON.finditer(rest)
               if (name := _option_as_typed(m.group(1).lower(), names)) is not None]
    free = rest[: matches[0][0].start()].strip() if matches else rest.strip()
    options: list[tuple[str, str]] = []
    for i, (m, name) in enumerate(matches):
        end = matches[i + 1][0].start() if i + 1 < len(matches) else len(rest)
        options.append((name, _unquote(rest[m.end():end].strip())))
    return Command(spec.name, _unquote(free), tuple(options))


# ``name:`` at the start or after a space: a word of letters, then a colon ("role:",
# "role :"); "14:00" and "https://" are not names.
_NAME_COLON = re.compile(r"(?:(?<=\s)|^)([A-Za-z_]{2,})\s*:(?!//)")
# How close a mistyped option name must be (rapidfuzz ratio, 0-100): "interviwer", "rloe".
_OPTION_CUTOFF = 80


def closest(word: str, choices: Iterable[str], cutoff: float) -> str | None:
    """The one choice ``word`` is a small typo of (rapidfuzz ratio at least ``cutoff``,
    0-100), or None: none that close, or two equally close."""
    close = process.extract(word, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff,
                            limit=2)
    if len(close) == 1 or (close and close[0][1] > close[1][1]):
        return close[0][0]
    return None


def _option_as_typed(word: str, names: dict[str, str]) -> str | None:
    """The option ``word:`` names: exactly, as the start of one name only ("co:" for
    company, "int:" for interviewer), or as a small typo ("interviwer:"); else None and
    the words stay text."""
    if word in names:
        return names[word]
    starts = {option for typed, option in names.items() if typed.startswith(word)}
    if len(starts) == 1:
        return starts.pop()
    near = closest(word, names, _OPTION_CUTOFF)
    return names[near] if near is not None else None


# Option values and commands whose words are free text, where "Result:cut costs" is what
# the person wrote (a story, a prep question, a note).
_FREE_TEXT = frozenset({"notes", "text", "value"})
_FREE_TEXT_COMMANDS = frozenset({"stories", "prep"})
# A word glued to a value by a colon ("position:Engineer"), not a time, not a link.
_GLUED = re.compile(r"(?:(?<=\s)|^)([A-Za-z_]{2,}):(?=[^\s/])")


def unknown_option(command: Command) -> tuple[str, str | None] | None:
    """The ``name`` of a ``name:value`` typed that no option of the command is called
    ("/debrief interview acme wehn:friday"), which would otherwise end up inside the
    company or another value, with the option it may have meant (``when``); None when
    there is none."""
    spec = _BY_NAME.get(command.name)
    if spec is None or not spec.options or spec.name in _FREE_TEXT_COMMANDS:
        return None
    for text in (command.text, *(v for k, v in command.options if k not in _FREE_TEXT)):
        found = _GLUED.search(text)
        if found is not None:
            word = found.group(1)  # a suggestion only: a looser match than reading one
            return word, closest(word.lower(), (o.name for o in spec.options), 60)
    return None


def _unquote(value: str) -> str:
    for left, right in (('"', '"'), ("“", "”"), ("'", "'")):
        if len(value) >= 2 and value.startswith(left) and value.endswith(right):
            return value[1:-1].strip()
    # A quote left open or closed alone (`interview "Acme`, `role:Engineer"`) is a typo, not
    # part of the name: dropped. An apostrophe at the end stays (`Williams'`).
    closers = {'"': '"', "“": "”\"", "”": "”\"", "'": "'’", "‘": "'’"}
    if value[:1] in closers and not any(q in value[1:] for q in closers[value[0]]):
        value = value[1:].strip()
    if value[-1:] in "\"”“" and not any(q in value[:-1] for q in "\"“”"):
        value = value[:-1].strip()
    return value
