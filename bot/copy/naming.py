"""How replies name times and interviews: in the person's own zone ("Thu 26 Nov 14:00 GMT"),
as spans ("3 h 20 min"), and an interview as a person writes it ("Acme Corp (Data Analyst)"
for "acme corp" and "a data analyst role"). Every feature's words use these, so a time or
an interview reads the same in every reply."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.model import Interview
from bot.notes.people import company_and_role, company_name
from bot.notes.written import as_written

__all__ = ["counted", "delta_words", "employer", "fmt_clock", "fmt_local", "interview_label",
           "late_prefix", "listed", "quote", "their_words", "when_in_words"]


def fmt_local(at: datetime, zone: ZoneInfo) -> str:
    """``Thu 26 Nov 14:00 GMT`` - always in the person's own zone."""
    local = at.astimezone(zone)
    return f"{local:%a %d %b %H:%M} {local.tzname()}"


def when_in_words(at: datetime, now: datetime, zone: ZoneInfo, *, heading: bool = False) -> str:
    """When ``at`` is, as a person says it, by the calendar in their zone (DST-correct):
    "today at 14:00", "tomorrow at 09:30", "yesterday at 10:00", "on Friday at 10:00" in the
    week ahead, else "on Fri 11 Dec 10:00 CET". As a ``heading`` ("Tomorrow at 10:00: your
    interview at Acme") it starts with a capital and has no "on"."""
    local = at.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    named = {-1: "yesterday", 0: "today", 1: "tomorrow"}.get(days)
    if named is not None:
        said = f"{named} at {local:%H:%M}"
    elif 1 < days < 7:
        said = f"on {local:%A} at {local:%H:%M}"
    else:
        said = f"on {fmt_local(at, zone)}"
    if heading:
        said = said.removeprefix("on ")
        return said[0].upper() + said[1:]
    return said


def fmt_clock(at: time) -> str:
    return f"{at:%H:%M}"


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


def employer(interview: Interview) -> str:
    """The company as a person writes it ("acme corp" -> "Acme Corp", "ibm" -> "IBM";
    "eBay" as typed): for display only, what is stored and matched stays as typed."""
    return company_name(interview.company)


def interview_label(interview: Interview) -> str:
    """"Acme Corp (Data Analyst)" for "acme corp" and "a data analyst role", by the note
    composer's own reading of both (bot.notes.people.company_and_role)."""
    return company_and_role(interview.company, interview.role)


def quote(text: object, limit: int = 90) -> str:
    """What the person typed, on one line, for quoting back to them: cut at a word (with
    "…") when longer than ``limit``, never mid-word ("asked a bunch o")."""
    shown = " ".join(str(text).split())
    if len(shown) <= limit:
        return shown
    cut = shown[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def their_words(text: object, company: str | None = None, limit: int = 90) -> str:
    """What the person typed, quoted back as they would write it (bot.notes.written): "i
    froze on caching 😬" -> "I froze on caching", "google" -> "Google", the interview's own
    company as the note writes it; cut like :func:`quote`."""
    return quote(as_written(str(text), company), limit)


def counted(count: int, one: str, many: str | None = None) -> str:
    """"1 reminder", "2 reminders" ("1 story", "3 stories" with ``many``): never the
    form-letter "reminder(s)"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def listed(parts: list[str]) -> str:
    """"Priya, Tom and Sam": a list said in a sentence."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
