"""Replies and confirmations, and how times and interviews are named in them. Errors for
bad input are in ``bot.copy.errors``, the words of platform surfaces in
``bot.copy.surfaces``; the package re-exports all three."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.grammar import SUBCOMMANDS
from bot.model import Area, Interview, User
from bot.notes.people import company_and_role, company_name
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
    "continue_in_dm",
    "delta_words",
    "employer",
    "export_intro",
    "fmt_clock",
    "fmt_local",
    "forget_ask",
    "help_text",
    "home_empty",
    "home_reply",
    "interview_label",
    "late_prefix",
    "logged_ahead",
    "logged_see_dm",
    "settings_text",
    "tip_text",
    "took_as",
    "welcome_back",
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
    "There's no reflection open right now, so there's nothing to pause. "
    "`/debrief help` lists everything I can do.")
REFLECTION_STILL_OPEN = (
    "Your reflection is still open: answer the last question whenever you're ready, or "
    "type `quit` to pause it (`/debrief reflect` picks it up again).")
FORGET_DONE = "Done - everything Debrief knew about you is deleted. Good luck out there."
ALREADY_FORGOTTEN = "There's nothing stored about you, so there's nothing to delete."


def fmt_local(at: datetime, zone: ZoneInfo) -> str:
    """``Thu 26 Nov 14:00 GMT`` - always in the person's own zone."""
    local = at.astimezone(zone)
    return f"{local:%a %d %b %H:%M} {local.tzname()}"


def fmt_clock(at: time) -> str:
    return f"{at:%H:%M}"


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


def late_prefix(due: datetime, zone: ZoneInfo) -> str:
    return (f"(Sorry this is late - it was due {fmt_local(due, zone)}, while I was "
            "offline.) ")


def delta_words(delta: timedelta) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{hours // 24} days"


BACK_ONE = "Okay, back one question - your previous answer is cleared."
AT_FIRST_QUESTION = "This is the first question, so there's nothing to go back to."


def employer(interview: Interview) -> str:
    """The company as a person writes it ("acme corp" -> "Acme Corp", "ibm" -> "IBM";
    "eBay" as typed): for display only, what is stored and matched stays as typed."""
    return company_name(interview.company)


def interview_label(interview: Interview) -> str:
    """"Acme Corp (Data Analyst)" for "acme corp" and "a data analyst role", by the note
    composer's own reading of both (bot.notes.people.company_and_role)."""
    return company_and_role(interview.company, interview.role)


def logged_ahead(interview: Interview, zone: ZoneInfo, nudge_lines: list[str]) -> str:
    lines = [f"Logged your interview at {interview_label(interview)} on "
             f"{fmt_local(interview.happens_at, zone)} (#{interview.id}). Good luck - "
             f"`/debrief prep #{interview.id}` gets you ready (research checklist, your "
             "questions, your stories). Your reminders:"]
    lines += [f"• {line}" for line in nudge_lines] or ["• (no reminders)"]
    return "\n".join(lines)


def logged_see_dm(interview: Interview) -> str:
    return (f"Logged your interview at {interview_label(interview)} (#{interview.id}). "
            "I've sent you a direct message to reflect on it - only you can see it.")


def continue_in_dm(interview: Interview) -> str:
    return f"Let's continue your reflection on {interview_label(interview)} in a direct message."


def welcome_back(interview: Interview) -> str:
    return f"Welcome back - let's pick up your reflection on {interview_label(interview)}."


def tip_text(area: Area, tip: str, *, from_reflections: bool,
             for_interview: str | None = None) -> str:
    """``for_interview``: the interview the tip was chosen for ("your technical interview
    at Acme"), named when the tip is that kind of interview's own."""
    from bot.reflection.questions import AREA_NAMES
    why = " (picked from where your reflections show the most room to grow)" \
        if from_reflections else ""
    where = f"For {for_interview}: " if for_interview else ""
    return f"Tip · {AREA_NAMES[area]}{why}\n{where}{tip}"


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
    return (f"Here is everything Debrief stores about you: {interviews} interview(s) with "
            f"their reflections and {reminders} reminder(s), as JSON.")


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


