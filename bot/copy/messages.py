"""Replies, confirmations and errors. How times and interviews are named in them is in
``bot.copy.naming``, the words of platform surfaces in ``bot.copy.surfaces``; the package
re-exports all three."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.copy.naming import counted, delta_words, fmt_clock, fmt_local, interview_label
from bot.grammar import SUBCOMMANDS, spec_for
from bot.model import Area, Interview, User
from bot.timeparse import TimeParseError
from bot.values import Reply

__all__ = [
    "ALREADY_FORGOTTEN",
    "AT_FIRST_QUESTION",
    "BACK_ONE",
    "FORGET_ASK",
    "FORGET_DONE",
    "HELP_WORDS",
    "NOTHING_TO_PAUSE",
    "NO_INTERVIEWS",
    "NO_NUDGES",
    "NO_OPEN_REFLECTION",
    "NUDGE_BEING_SENT",
    "QUIT_WORDS",
    "REFLECTION_CANCELLED",
    "REFLECTION_STILL_OPEN",
    "SENT_TO_DM",
    "bad_area",
    "bad_duration",
    "bad_quiet_hours",
    "bad_setting",
    "bad_time",
    "bad_timezone",
    "command_too_long",
    "continue_in_dm",
    "export_intro",
    "forget_ask",
    "help_text",
    "home_empty",
    "home_reply",
    "logged_ahead",
    "logged_past",
    "logged_see_dm",
    "missing_company",
    "needs_a_community",
    "no_such_interview",
    "no_such_nudge",
    "setting_without_value",
    "settings_text",
    "snooze_out_of_range",
    "text_too_long",
    "tip_text",
    "took_as",
    "took_sentence_as",
    "unknown_nudge_action",
    "unknown_option",
    "unknown_subcommand",
    "welcome_back",
    "when_out_of_range",
    "which_nudge",
    "zone_from_abbreviation",
]


NO_OPEN_REFLECTION = (
    "There's no reflection open right now. Log an interview with "
    "`/debrief interview <company>`, or pick one up again with `/debrief reflect`."
)
REFLECTION_CANCELLED = (
    "Okay, I've paused this reflection and kept your answers so far. "
    "`/debrief reflect` picks it up where you left off."
)
NO_INTERVIEWS = (
    "You haven't logged an interview yet. Right after one, type "
    "`/debrief interview <company>` and I'll walk you through it."
)
NO_NUDGES = "You have no reminders scheduled."
NUDGE_BEING_SENT = (
    "That reminder is being sent to you right now, so I can't move it. Once it arrives, "
    "its Snooze button (or `/debrief nudges`) works again.")
SENT_TO_DM = "That's private, so I've sent it to you in a direct message."
FORGET_ASK = (
    "This deletes everything Debrief knows about you: interviews, reflections, outcomes, "
    "reminders and settings. It can't be undone. To go ahead, type `/debrief forget confirm` "
    "or press the button. (`/debrief export` first if you'd like a copy.)"
)


def forget_ask(buttons: bool = True) -> str:
    """FORGET_ASK, without the button where there is none (the console)."""
    return FORGET_ASK if buttons else FORGET_ASK.replace(" or press the button", "")


# Messages that are commands even inside a reflection, where other text is an answer
# (bot.shortcuts reads them): a help word shows the help, a quit word pauses the reflection.
HELP_WORDS = ("help", "?", "help me", "commands", "what can you do")
QUIT_WORDS = ("quit", "exit", "stop", "pause", "/quit", "/exit", "/stop", "/pause")
NOTHING_TO_PAUSE = (
    "There's no reflection open right now, so there's nothing to pause. If you meant your "
    "reminders, `/debrief nudges` lists them and `/debrief nudges cancel all` stops them. "
    "`/debrief help` lists everything I can do.")
REFLECTION_STILL_OPEN = (
    "Your reflection is still open: answer the last question whenever you're ready, or "
    "type `quit` to pause it (`/debrief reflect` picks it up again).")
FORGET_DONE = "Done - everything Debrief knew about you is deleted. Good luck out there."
ALREADY_FORGOTTEN = "There's nothing stored about you, so there's nothing to delete."


def help_text(channels: bool = True) -> str:
    """Every command, one line each; without ``channels`` (the console) only those that
    work there: the admin commands act on a community's channels."""
    lines = ["Here's what I can do (type any of these):"]
    lines += [f"• `{spec.usage}` - {spec.description}" for spec in SUBCOMMANDS
              if channels or not spec.admin_only]
    lines.append(
        "During a reflection, answer by number or by the option's words; type `skip`, "
        "`back`, or `cancel` (or `quit`) to pause at any point.")
    return "\n".join(lines)


def took_as(typed: str, meant: str) -> str:
    return f"(I read `{typed[:40]}` as `/debrief {meant}`.)"


def needs_a_community(name: str) -> str:
    return (f"`/debrief {name}` works in a community with channels - a Slack workspace or "
            "a Discord server - and there are none here.")


def took_sentence_as(meant: str) -> str:
    return f"(I read that as `/debrief {meant}`.)"


def unknown_subcommand(word: str, meant: str | None = None, *, sentence: bool = False) -> str:
    if meant:
        return (f"I don't know the command `{word[:40]}` - did you mean "
                f"`/debrief {meant}`?")
    if sentence:  # "/debrief ugh what now": the first word was never meant as a command
        return ("I couldn't tell which command that was. Start with one of these words: "
                "`/debrief interview`, `reflect`, `draft`, `outcome`, `nudges`, `history` "
                "or `tip` - `/debrief help` shows them all.")
    return (f"I don't know the command `{word[:40]}`. Type `/debrief help` to see "
            "everything I can do.")


def unknown_option(word: str, meant: str | None, name: str) -> str:
    if meant is not None:
        return (f"`/debrief {name}` has no `{word[:30]}:` - did you mean `{meant}:`? "
                "Nothing was saved; send it again with that.")
    spec = spec_for(name)
    names = ", ".join(f"`{o.name}:`" for o in spec.options) if spec is not None else ""
    return (f"`/debrief {name}` has no `{word[:30]}:` - it takes {names}. Nothing was saved; "
            "send it again with one of those (a value with spaces in quotes).")


def command_too_long(limit: int) -> str:
    return f"That command is too long for me (over {limit} characters). Please shorten it."


def text_too_long(what: str, limit: int, length: int) -> str:
    return (f"That {what} is {length} characters; I keep at most {limit}. "
            "Please shorten it and send it again - nothing was saved.")


def missing_company() -> str:
    return ("Which company was it? Try `/debrief interview Acme` - you can add "
            '`when:"tomorrow 3pm"`, `role:"Data Analyst"` and `interviewer:"Jane Doe"`.')


def bad_time(text: str, why: TimeParseError | None = None) -> str:
    """Why ``text`` was not read, and forms that are: kindly for "idk"; for "12/5" that
    fits neither way, both dates it could be, with the month as a word."""
    if why is not None and why.unsure:
        return ("No problem if you don't know the exact time - a rough one is enough, such "
                "as `this morning`, `yesterday afternoon`, `last friday` or `3 days ago`. "
                "Nothing was saved.")
    if why is not None and len(why.readings) == 2:
        first, second = why.readings
        return (f"\"{text[:60]}\" could be {first.day} {first:%B} or {second.day} "
                f"{second:%B}, and I can't tell which you meant. Write the month as a word - "
                f"`{first.day} {first:%b}` or `{second.day} {second:%b}` - and add the time "
                f"if you know it (`{second.day} {second:%b} 14:30`). Nothing was saved.")
    return (f"I couldn't read the time \"{text[:60]}\". Try `now`, `2h ago`, "
            "`in 90 minutes`, `today 14:00`, `yesterday afternoon`, `3 days ago 10:00`, "
            "`tomorrow at 3pm`, `next monday`, `fri 10:30`, `Dec 4 10:30` or "
            "`2026-12-01 10:00` (in your timezone). Nothing was saved.")


def bad_duration(text: str) -> str:
    return (f"I couldn't read \"{text[:60]}\" as a time to snooze to. Try `30m`, "
            "`2 hours`, `1d`, `tomorrow` (09:00), `tomorrow 9:00` or `next monday`.")


def bad_timezone(text: str, suggestions: tuple[str, ...] = ()) -> str:
    if suggestions:
        names = " or ".join(f"`{name}`" for name in suggestions)
        return (f"I don't know the timezone \"{text[:60]}\" - did you mean {names}? "
                "Nothing was changed.")
    return (f"I don't know the timezone \"{text[:60]}\". Use a city such as `berlin` or "
            "`new york`, or an IANA name such as `Europe/Berlin`, `America/New_York` or "
            "`Asia/Kolkata`. Nothing was changed.")


def zone_from_abbreviation(abbreviation: str, zone: str) -> str:
    return (f"(I read \"{abbreviation[:10]}\" as {zone}: the local time there all year, "
            "summer time included. If you meant somewhere else, set its city, e.g. "
            "`/debrief settings timezone phoenix`.)")


def bad_quiet_hours(text: str) -> str:
    return (f"I couldn't read \"{text[:60]}\" as quiet hours. Use a range such as "
            "`22:00-08:00`, or `off`. Nothing was changed.")


def no_such_interview(ref: str) -> str:
    return (f"I couldn't find an interview matching \"{ref[:60]}\". "
            "`/debrief history` lists yours with their numbers (#).")


def no_such_nudge(ref: str) -> str:
    return (f"I couldn't find a scheduled reminder #{ref[:20]}. "
            "`/debrief nudges` lists them with their numbers.")


BACK_ONE = "Okay, back one question - your previous answer is cleared."
AT_FIRST_QUESTION = "This is the first question, so there's nothing to go back to."


def when_out_of_range(text: str, read: datetime, zone: ZoneInfo) -> str:
    """Named with the day it was read as ("12/3" is Thu 12 Mar), so a misreading shows."""
    return (f"\"{text[:60]}\" ({read.astimezone(zone):%a %d %b %Y}) is too far away: I can "
            "log interviews from the last 90 days up to a year ahead. Nothing was saved.")


def logged_ahead(interview: Interview, zone: ZoneInfo, nudge_lines: list[str],
                 left: timedelta | None = None) -> str:
    """``left``: the time to go, when it is only hours (``bot.prep.time_left.SHORT``): prep
    then is what is worth doing in it, not the evening's checklist."""
    ready = (f"`/debrief prep #{interview.id}` has what's worth doing in the "
             f"{delta_words(left)} left, the logistics first" if left is not None else
             f"`/debrief prep #{interview.id}` gets you ready (research checklist, your "
             "questions, your stories)")
    lines = [f"Logged your interview at {interview_label(interview)} on "
             f"{fmt_local(interview.happens_at, zone)} (#{interview.id}). Good luck - "
             f"{ready}. Your reminders:"]
    lines += [f"• {line}" for line in nudge_lines] or ["• (no reminders)"]
    return "\n".join(lines)


def logged_see_dm(interview: Interview, when: str = "") -> str:
    """``when``: the moment a typed time was read as ("yesterday at 14:00"), so a wrong
    reading shows at once; empty when none was typed (it just ended)."""
    return (f"Logged your interview at {interview_label(interview)}{_at(when)} "
            f"(#{interview.id}). I've sent you a direct message to reflect on it - only you "
            "can see it.")


def logged_past(interview: Interview, when: str) -> str:
    """The line before the reflection's first question when a time was typed: the moment
    it was read as ("today at 07:30"), so a wrong reading shows at once."""
    return f"Logged it for {when.removeprefix('on ')} (#{interview.id})."


def _at(when: str) -> str:
    return f" {when}" if when else ""


def continue_in_dm(interview: Interview) -> str:
    return f"Let's continue your reflection on {interview_label(interview)} in a direct message."


def welcome_back(interview: Interview) -> str:
    return f"Welcome back - let's pick up your reflection on {interview_label(interview)}."


def unknown_nudge_action(word: str) -> str:
    return (f"`{word[:20]}` isn't something I can do with reminders. Use "
            "`/debrief nudges` (list), `/debrief nudges cancel <#>` or "
            "`/debrief nudges snooze <#> 2h`.")


def which_nudge() -> str:
    return ("Which reminder? Give its number from `/debrief nudges`, like "
            "`/debrief nudges cancel 12`.")


def snooze_out_of_range() -> str:
    return "I can snooze a reminder to any time in the next 30 days. Nothing was changed."


def bad_area(word: str) -> str:
    return (f"I don't have tips for \"{word[:40]}\". Pick one of: stand out, follow up, "
            "professional, prepared, right jobs.")


def tip_text(area: Area, tip: str, *, from_reflections: bool,
             for_interview: str | None = None, from_outcomes: str | None = None) -> str:
    """``for_interview``: the interview the tip was chosen for ("your technical interview
    at Acme"), named when the tip is that kind of interview's own; ``from_outcomes``: the
    figures the area was picked from (a line of its own under the heading)."""
    from bot.reflection.questions import AREA_NAMES
    why = " (picked from where your reflections show the most room to grow)" \
        if from_reflections and not from_outcomes else ""
    where = f"For {for_interview}: " if for_interview else ""
    because = f"{from_outcomes}\n" if from_outcomes else ""
    return f"Tip · {AREA_NAMES[area]}{why}\n{because}{where}{tip}"


def bad_setting(word: str) -> str:
    return (f"I can't change \"{word[:40]}\". Try `/debrief settings timezone Europe/Berlin`, "
            "`/debrief settings quiet 22:00-08:00` (or `quiet off`) or `/debrief settings name "
            "Ann Lee`.")


_SETTING_EXAMPLES = {
    "timezone": ("Which timezone?", "`/debrief settings timezone Europe/Berlin`, or a city: "
                 "`/debrief settings timezone berlin`"),
    "quiet": ("Which quiet hours?", "`/debrief settings quiet 22:00-08:00`, or `quiet off`"),
    "prep": ("What time should the prep message come the evening before?",
             "`/debrief settings prep 18:00`, or `prep off`"),
}


def setting_without_value(setting: str) -> str:
    """``settings timezone`` with nothing after it."""
    question, example = _SETTING_EXAMPLES[setting]
    return f"{question} Type it after the word, like {example}. Nothing was changed."


def settings_text(user: User, zone: ZoneInfo, now: datetime, changed: list[str],
                  note: str | None = None) -> str:
    from bot.nudges.policy import quiet_hours
    window = quiet_hours(user)
    quiet = (f"{fmt_clock(window[0])}-{fmt_clock(window[1])} - I hold reminders until they "
             "end" if window else "off - reminders arrive whenever they are due")
    source = ("set by you" if user.timezone else "from your chat profile"
              if user.platform_timezone else "the default")
    head = f"Saved your {' and '.join(changed)}. " if changed else ""
    tail = f"\n{note}" if note else ""
    return (f"{head}Your timezone: {zone.key} ({source}; it's {fmt_local(now, zone)} there "
            f"now). Quiet hours: {quiet}.{tail}\n"
            "Change with `/debrief settings timezone <Area/City>` or "
            "`/debrief settings quiet 22:00-08:00` (or `quiet off`).")


def export_intro(interviews: int, reminders: int) -> str:
    return (f"Here is everything Debrief stores about you: {counted(interviews, 'interview')} "
            f"with {'its reflection' if interviews == 1 else 'their reflections'} and "
            f"{counted(reminders, 'reminder')}, as JSON.")


def home_empty() -> str:
    return ("Hi! I'm Debrief, your interview coach. Right after an interview, type "
            "`/debrief interview <company>` and I'll help you reflect, draft your thank-you "
            "note and remind you at the right moments. `/debrief help` lists everything.")


def home_reply(nudge_lines: list[str], interviews: list[Interview], zone: ZoneInfo) -> Reply:
    from bot.values import ReplyField
    recent = [f"#{i.id} {interview_label(i)} - {fmt_local(i.happens_at, zone)}" for i in interviews]
    return Reply(
        title="Debrief",
        text="Your interview coach. `/debrief help` lists everything I can do.",
        fields=(ReplyField("Upcoming reminders", "\n".join(nudge_lines) or "None"),
                ReplyField("Recent interviews", "\n".join(recent) or "None yet")),
    )


