"""Words about logged interviews: follow-up, drafts, outcomes, history."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.copy.naming import delta_words, employer, fmt_local, interview_label
from bot.insights.patterns import is_closed
from bot.insights.profile import profile_line
from bot.model import Area, Interview, Outcome, ReflectionState, ThankYou
from bot.reflection.questions import AREA_NAMES
from bot.values import Choice, Reply, ReplyField

__all__ = [
    "OUTCOME_NAMES",
    "followup_done",
    "history_detail",
    "history_list",
    "move_how",
    "move_unchanged",
    "moved",
    "outcome_ask",
    "outcome_replaced",
    "outcome_saved",
    "profile_how",
    "profile_saved",
    "read_as_move",
    "sent_before_interview",
    "sent_in_future",
    "source_question",
]

OUTCOME_NAMES = {
    Outcome.CALLBACK: "Callback",
    Outcome.OFFER: "Offer",
    Outcome.REJECTED: "Rejected",
    Outcome.NO_REPLY: "No reply yet",
}


def outcome_replaced(interview: Interview, old: Outcome, new: Outcome) -> str:
    """One line after the new outcome's reply: a correction, or news that changed."""
    return (f"(Changed {employer(interview)} from \"{OUTCOME_NAMES[old]}\" to "
            f"\"{OUTCOME_NAMES[new]}\".)")


_STATE = {
    ReflectionState.NOT_STARTED: "not started",
    ReflectionState.OPEN: "in progress",
    ReflectionState.CANCELLED: "paused",
    ReflectionState.COMPLETED: "done",
}
_THANKS = {ThankYou.SENT: "sent", ThankYou.PLANNED: "planned", ThankYou.NO: "not sending"}


def followup_done(interview: Interview, sent_at: datetime, window: timedelta,
                  cancelled: int, when: str = "") -> str:
    """``when``: the moment a typed time was read as ("yesterday at 18:00"), named so a
    wrong reading shows; empty for a note marked as it goes out."""
    elapsed = sent_at - interview.happens_at
    at = f" ({when})" if when else ""
    timing = (f"{delta_words(elapsed)} after the interview - inside the 24-hour window{at}. "
              "Well done." if elapsed <= window else
              f"{delta_words(elapsed)} after the interview{at}. Late is still far better "
              "than never.")
    tail = (f" I've stopped {'its reminder' if cancelled == 1 else f'its {cancelled} reminders'}."
            if cancelled else "")
    return f"Marked your thank-you note to {interview_label(interview)} as sent, {timing}{tail}"


def followup_already(interview: Interview) -> str:
    return f"Your thank-you note to {interview_label(interview)} is already marked as sent."


def sent_in_future(text: str) -> str:
    return (f"\"{text[:60]}\" is still ahead. Mark the note once it's sent - or leave out "
            "`when:` if it's going out now. Nothing was changed.")


def sent_before_interview(text: str, interview: Interview, zone: ZoneInfo) -> str:
    return (f"\"{text[:60]}\" is before the interview itself "
            f"({fmt_local(interview.happens_at, zone)}). Which time did the note go out? "
            "Nothing was changed.")


def outcome_ask(interview: Interview, unread: str = "", stated: Outcome | None = None
                ) -> Reply:
    """The outcome buttons; ``unread``: what they typed that states no outcome; ``stated``:
    the outcome a message typed outside any command seems to give (its button first)."""
    if stated is not None:
        # Silence, often with "should i email them?": say what the button leads to.
        text = {
            Outcome.NO_REPLY: f"No word yet from {interview_label(interview)}? Tap \"No reply "
                              "yet\" and I'll tell you whether it's time to follow up - with "
                              "the e-mail drafted when it is. Nothing is recorded until you "
                              "tap.",
            # a no typed on a bad day is acknowledged before anything is asked of them
            Outcome.REJECTED: f"I'm sorry - that's hard news. Is it from "
                              f"{interview_label(interview)}? Tap \"Rejected\" and I'll record "
                              "it, with a short reply to send them; nothing is recorded until "
                              "you tap.",
        }.get(stated, f"Is that news from {interview_label(interview)}? Tap what you heard "
                      "back and I'll record it - nothing is recorded until you do.")
        return Reply(
            text=text,
            choices=tuple(Choice(name, f"/debrief outcome #{interview.id} {o.value}",
                                 "primary" if o is stated else "default")
                          for o, name in sorted(OUTCOME_NAMES.items(),
                                                key=lambda item: item[0] is not stated)))
    lead = (f"I couldn't tell from \"{unread.strip()[:40]}\" what they said. "
            if unread.strip() else "")
    return Reply(
        text=f"{lead}What did you hear back from {interview_label(interview)}?",
        choices=tuple(Choice(name, f"/debrief outcome #{interview.id} {o.value}")
                      for o, name in OUTCOME_NAMES.items()))


def outcome_saved(interview: Interview, next_check: datetime | None, zone: ZoneInfo,
                  now: datetime | None = None) -> str:
    assert interview.outcome is not None
    if interview.outcome is Outcome.NO_REPLY and next_check is not None and now is not None:
        # Before the follow-up is due: say so (the ask promised to tell them), and what
        # comes next, instead of a bare "I'll ask again".
        days = (now - interview.happens_at).days
        since = "a day" if days < 2 else f"{days} days"
        return (f"Noted - no reply yet. It's been {since}, which is early: a follow-up reads "
                "best about a week after the interview. I'll check in "
                f"{fmt_local(next_check, zone)}, and if there's still no word, I'll draft a "
                f"short follow-up e-mail for you then. Recorded for "
                f"{interview_label(interview)}.")
    base = {
        Outcome.OFFER: "Congratulations on the offer! 🎉",
        Outcome.CALLBACK: "A callback - well done! Once you have the date, log the next round "
                          f"(`/debrief interview {employer(interview)} when:\"…\"`) and your "
                          "prep comes the evening before; `/debrief tip prepared` helps now.",
        Outcome.REJECTED: "I'm sorry. It stings, and it's not the end: `/debrief history` "
                          "and your reflections show what to keep and what to change.",
        Outcome.NO_REPLY: "Noted - no reply yet.",
    }[interview.outcome]
    if next_check is not None:
        base += f" I'll ask again {fmt_local(next_check, zone)}."
    return f"{base} Recorded for {interview_label(interview)}."


def outcome_typo(word: str, meant: str) -> str:
    return (f"I didn't recognise \"{word[:40]}\" - did you mean {meant}? Nothing was "
            "recorded.")


def already_logged(interview: Interview, zone: ZoneInfo, now: datetime) -> str:
    then = (f"`/debrief prep #{interview.id}` gets you ready for it"
            if interview.happens_at > now else
            f"`/debrief reflect #{interview.id}` picks up its reflection")
    return (f"You've already logged {interview_label(interview)} for "
            f"{fmt_local(interview.happens_at, zone)} (#{interview.id}), so I haven't added "
            f"it again. {then}; for another interview there, give its time with `when:`.")


def bad_outcome(text: str) -> str:
    return (f"I didn't understand \"{text[:40]}\" as an outcome. Use callback, offer, "
            "rejected or no reply.")


def _status(interview: Interview, now: datetime) -> str:
    parts = [f"reflection {_STATE[interview.reflection_state]}"]
    parts.append(f"thank-you {_THANKS[interview.thank_you]}" if interview.thank_you
                 else "thank-you not recorded")
    if interview.outcome is Outcome.NO_REPLY and is_closed(interview, now):
        parts.append("outcome: no reply (closed)")  # no longer "yet": the wait is over
    else:
        parts.append(f"outcome: {OUTCOME_NAMES[interview.outcome].lower()}"
                     if interview.outcome else "no outcome yet")
    return ", ".join(parts)


def history_list(interviews: list[Interview], zone: ZoneInfo, total: int,
                 now: datetime) -> Reply:
    lines = [f"#{i.id} {interview_label(i)} - {fmt_local(i.happens_at, zone)}\n    "
             f"{_status(i, now)}" for i in interviews]
    more = f"\n(Showing the latest {len(interviews)} of {total}.)" if total > len(interviews) \
        else ""
    return Reply(title="Your interviews", text="\n".join(lines) + more +
                 "\n\n`/debrief history #<n>` shows one in full.")


def history_detail(interview: Interview, zone: ZoneInfo, answer_lines: list[str],
                   focus: Area | None, now: datetime) -> Reply:
    fields = [ReplyField("When", fmt_local(interview.happens_at, zone)),
              ReplyField("Status", _status(interview, now))]
    profile = profile_line(interview)
    fields.append(ReplyField("Profile", profile or (
        f"none yet - `/debrief history #{interview.id} edit field:… stage:…` adds one")))
    if interview.interviewer:
        fields.append(ReplyField("Interviewer", interview.interviewer))
    if interview.notes:
        fields.append(ReplyField("Notes", interview.notes))
    if answer_lines:
        fields.append(ReplyField("Reflection", "\n".join(answer_lines)))
    if focus is not None:
        fields.append(ReplyField("Focus area", AREA_NAMES[focus]))
    return Reply(title=f"#{interview.id} {interview_label(interview)}",
                 text="Here's what you logged:", fields=tuple(fields), tags=frozenset({"private"}))


# -- the interview's profile (bot/insights/profile.py) -------------------------------------


def profile_how(interview: Interview) -> str:
    now = profile_line(interview) or "nothing yet"
    return (f"#{interview.id} {interview_label(interview)} - profile: {now}.\n"
            f"Change any part with `/debrief history #{interview.id} edit` and one or more "
            "of `when:…` (its right time: its reminders follow), `role:…`, `field:…` "
            "(engineering, data, product, design, sales, support … or "
            "your own words), `seniority:` entry/mid/senior/lead/manager/executive, "
            "`location:…` (a city, remote, hybrid), `source:` referral/application/recruiter, "
            "`stage:` screen/first/later/final. `field:none` clears one. All optional - "
            "they let `/debrief stats` compare like with like.")


def move_how(interview: Interview) -> str:
    return (f"To move an interview, give its new time: `/debrief history #{interview.id} edit "
            "when:\"12 Mar 09:00\"` (any time you can type when you log one). Nothing was "
            "changed.")


def read_as_move(interview: Interview, when: str) -> str:
    return (f"(#{interview.id} is your interview at {employer(interview)}, so I read this as "
            f"`/debrief history #{interview.id} edit when:\"{when[:60]}\"`.)")


def move_unchanged(interview: Interview, zone: ZoneInfo) -> str:
    return (f"{employer(interview)} (#{interview.id}) is already on "
            f"{fmt_local(interview.happens_at, zone)} - nothing to move.")


def moved(interview: Interview, old_at: datetime, nudge_lines: list[str], zone: ZoneInfo,
          *, reflect_now: bool = False) -> str:
    """The move, old and new time named as the reminders name times, the reminders now
    planned, and how to move it back (there is no undo for edits: the command is it)."""
    new = fmt_local(interview.happens_at, zone)
    lines = [f"Moved {employer(interview)} (#{interview.id}) from "
             f"{fmt_local(old_at, zone)} to {new}."]
    if nudge_lines:
        lines.append("Your reminders:")
        lines += [f"• {line}" for line in nudge_lines]
    else:
        lines.append("No reminders to come for it.")
    if reflect_now:
        lines.append("It's over now, so the reflection is ready when you are: "
                     f"`/debrief reflect #{interview.id}`.")
    back = old_at.astimezone(zone)
    lines.append(f"Wrong? Move it back with `/debrief history #{interview.id} edit "
                 f"when:\"{back:%Y-%m-%d %H:%M}\"`.")
    return "\n".join(lines)


def profile_saved(interview: Interview) -> str:
    profile = profile_line(interview) or "no profile"
    return (f"Saved. #{interview.id} {employer(interview)}: {profile}. `/debrief stats` uses "
            "it from now on.")


def source_question(interview: Interview, after: Reply) -> Reply | None:
    """The one optional profile question: how the interview came about, asked once an
    outcome is in (when it matters for the patterns) and only while it is unknown.

    A message of its own, sent after the outcome's reply (``after``): never between a
    condolence and the draft it leads to, and its buttons under the question, not under
    the draft. It goes where that reply goes (the DM, for a rejection asked in a channel)."""
    if interview.source is None:
        base = f"/debrief history #{interview.id} edit source:"
        ask = ("One optional question, no rush - it helps me spot patterns across your "
               "interviews" if interview.outcome is Outcome.REJECTED else
               "One optional question - it helps me see what's working for you")
        return Reply(
            text=f"{ask}: how did the {employer(interview)} interview come about?",
            choices=(Choice("A referral", base + "referral"),
                     Choice("My application", base + "application"),
                     Choice("A recruiter", base + "recruiter"),
                     Choice("Another way", base + "other")),
            tags=after.tags & {"private"})
    return None
