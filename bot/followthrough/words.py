"""Follow-through words: timeline, follow-ups, rejection, closing."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import employer, fmt_local, interview_label
from bot.model import Interview

__all__ = [
    "bad_timeline",
    "closing_text",
    "follow_up_started",
    "follow_ups_done",
    "follow_ups_pending",
    "rejection_intro",
    "second_follow_up_text",
    "timeline_saved",
    "timeline_with_result",
]




def timeline_saved(interview: Interview, named: date, check_in: datetime,
                   zone: ZoneInfo, contact: str | None = None) -> str:
    to = f" with {contact}" if contact else ""
    return (f"Noted - {employer(interview)} said you'd hear by {named:%a %d %b}. I'll check in "
            f"{fmt_local(check_in, zone)}, two business days after, and help you follow up"
            f"{to} if there's no word by then.")


def bad_timeline(text: str) -> str:
    asked = ("Which date did they say you'd hear by?" if not text.strip() else  # "when:"
             f"I couldn't read \"{text[:40]}\" as the date they gave you.")
    return (f"{asked} Try `friday`, `next week`, `end of next week`, `in 2 weeks` or "
            "`Dec 4`. Nothing was changed.")


def timeline_with_result() -> str:
    return ("`when:` is for the date they said they'd get back to you by; record it on its "
            "own (`/debrief outcome Acme when:friday`), or with `no reply`. Nothing was "
            "recorded.")


def follow_up_started(interview: Interview, second: datetime, zone: ZoneInfo) -> str:
    return (f"Noted - no reply yet, so it's a good time to follow up with {employer(interview)}."
            " Here's a short e-mail to send (reply to the last message you had from them). "
            f"If there's still no word, I'll bring you a second one {fmt_local(second, zone)},"
            " and after that I'll close it - two follow-ups is plenty.")


def follow_ups_pending(interview: Interview, due: datetime, zone: ZoneInfo) -> str:
    return (f"Noted - no reply yet from {employer(interview)}. Your next follow-up is ready "
            f"{fmt_local(due, zone)}; nothing more to do until then.")


def follow_ups_done(interview: Interview) -> str:
    return (f"Noted. You've followed up with {employer(interview)} twice, which is as much as "
            "anyone should. If they write, tell me with `/debrief outcome`; meanwhile your "
            "energy is best spent on the next application.")


def second_follow_up_text(interview: Interview) -> str:
    return (f"A week since your follow-up to {employer(interview)}, and no word yet. Here's a "
            "second, shorter note - the last one worth sending. If you've heard back, tell me "
            "with a button.")


def closing_text(interview: Interview) -> str:
    return (f"No word from {interview_label(interview)} since your second follow-up. "
            "Silence like this usually means they've moved on, and it happens to strong "
            "candidates every day - it isn't a verdict on you. I've closed it as \"no reply\", "
            "so it stops taking up room. If they do write, "
            f"`/debrief outcome #{interview.id} callback` reopens it. One step for this week: "
            "put that energy into your next application - a role where you clearly bring "
            "something - and log the interview when it comes, so your prep is waiting the "
            "evening before.")


_ORDINAL = {2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def rejection_intro(interview: Interview, noes: int = 1) -> str:
    """One line of acknowledgement; several noes in a month are named, not ignored, with
    where to look across them (``/debrief stats``) - not more advice on top."""
    if noes < 2:
        return f"I'm sorry. That's disappointing news from {employer(interview)}."
    which = _ORDINAL.get(noes, f"{noes}th")
    return (f"I'm sorry. That's disappointing news from {employer(interview)} - your {which} "
            "rejection in a month, and that's a lot to take in. When you're ready, "
            "`/debrief stats` looks across them and says honestly whether anything is worth "
            "changing yet.")
