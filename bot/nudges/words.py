"""Reminder words: the nudges themselves and the list of scheduled ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.copy.naming import delta_words, employer, fmt_local, interview_label, late_prefix
from bot.followthrough.words import closing_text, second_follow_up_text
from bot.model import Interview, Nudge, NudgeKind
from bot.prep.reminder import prep_reminder
from bot.stories.model import Prep, Story
from bot.values import Choice, Destination, Reply

__all__ = [
    "ALREADY_SNOOZED_ONCE",
    "KIND_NAMES",
    "already_cancelled",
    "cancelled",
    "cancelled_all",
    "nudge_line",
    "nudge_list",
    "nudge_reply",
    "prep_snoozed_too_late",
    "snooze_earlier",
    "snooze_in_the_past",
    "snooze_unsure",
    "snoozed",
    "stopped_after_delivery",
]

KIND_NAMES = {
    NudgeKind.THANK_YOU: "Thank-you reminder",
    NudgeKind.REFLECT: "Reflection prompt",
    NudgeKind.CHECK_IN: '"Heard back?" check-in',
    NudgeKind.PREP: "Prep for your interview",
    NudgeKind.FOLLOW_UP: "Second follow-up e-mail",
    NudgeKind.CLOSE: "Closing the wait",
}


def _about(interview: Interview | None) -> str:
    if interview is None:
        return ""
    return f" - {interview_label(interview)}"


def nudge_line(nudge: Nudge, interview: Interview | None, zone: ZoneInfo) -> str:
    return f"#{nudge.id} {fmt_local(nudge.due_at, zone)}: {KIND_NAMES[nudge.kind]}" \
        f"{_about(interview)}"


def nudge_list(lines: list[str]) -> Reply:
    return Reply(
        title="Your reminders",
        text="\n".join(lines) + "\n\nCancel one with `/debrief nudges cancel <#>` (or every one "
        "with `cancel all`), or snooze it with `/debrief nudges snooze <#> 2h` (or "
        "`tomorrow 9:00`).",
    )


def cancelled_all(count: int) -> str:
    if not count:
        return "You have no reminders scheduled, so there was nothing to cancel."
    return (f"Cancelled all {count} of your reminders. An interview you log from now on gets "
            "its own; `/debrief draft` still has any thank-you note ready.")


def snoozed(nudge: Nudge, zone: ZoneInfo) -> str:
    return f"Snoozed - I'll remind you again {fmt_local(nudge.due_at, zone)}."


def cancelled(nudge: Nudge) -> str:
    return f"Cancelled reminder #{nudge.id}. (`/debrief nudges` shows the rest.)"


def already_cancelled(nudge: Nudge, *, snooze: bool = False) -> str:
    if snooze:
        return (f"Reminder #{nudge.id} is cancelled, so there's nothing to snooze. "
                "`/debrief nudges` shows the ones still coming.")
    return f"Reminder #{nudge.id} is already cancelled. (`/debrief nudges` shows the rest.)"


ALREADY_SNOOZED_ONCE = (
    "I already brought that reminder back once, and that copy has gone out or been "
    "cancelled. `/debrief nudges` shows what's still coming.")


def snooze_in_the_past(when: datetime, zone: ZoneInfo) -> str:
    return (f"{fmt_local(when, zone)} has already passed, so I can't snooze to it. Try a "
            "later time, or a duration like `2h`. Nothing was changed.")


def snooze_unsure(nudge: Nudge) -> str:
    """"idk" as the time to snooze to: a default that needs no decision."""
    return (f"No problem - `/debrief nudges snooze {nudge.id}` on its own puts it off for an "
            "hour, and `tomorrow` brings it back at 09:00. Nothing was changed.")


def snooze_earlier(nudge: Nudge, floor: datetime, zone: ZoneInfo) -> str:
    return (f"Reminder #{nudge.id} is already due {fmt_local(floor, zone)}; snoozing only "
            "moves a reminder later. Pick a time after that, or cancel it with "
            f"`/debrief nudges cancel {nudge.id}`. Nothing was changed.")


def prep_snoozed_too_late(interview: Interview) -> str:
    return (f"That would be after your interview at {employer(interview)} has started, so it "
            f"wouldn't help. `/debrief prep #{interview.id}` works any time before it. "
            "Nothing was changed.")


def stopped_after_delivery(nudge: Nudge, interview: Interview | None, stopped: int) -> str:
    kind = KIND_NAMES[nudge.kind].lower()
    what = _about(interview).removeprefix(" - ")
    about = f" for {what}" if what else ""
    if stopped:
        return (f"Done - no more {_PLURAL[nudge.kind]}{about}. "
                "(`/debrief nudges` shows the rest.)")
    return (f"That {kind} was already delivered, and there are no more of them coming{about}."
            " (`/debrief nudges` shows the rest.)")


_PLURAL = {
    NudgeKind.THANK_YOU: "thank-you reminders",
    NudgeKind.REFLECT: "reflection prompts",
    NudgeKind.CHECK_IN: '"heard back?" check-ins',
    NudgeKind.PREP: "prep messages",
    NudgeKind.FOLLOW_UP: "follow-up e-mails",
    NudgeKind.CLOSE: "follow-up messages",
}


def _days(delta: timedelta) -> str:
    """"a week", "two weeks", "9 days": how long they have waited, as people say it."""
    return {7: "a week", 14: "two weeks", 21: "three weeks"}.get(
        delta.days, f"{delta.days} days" if delta.days > 1 else "a day")


def _snooze_cancel(nudge: Nudge) -> tuple[Choice, ...]:
    return (Choice("Snooze 1h", f"/debrief nudges snooze {nudge.id} 1h"),
            Choice("Stop this reminder", f"/debrief nudges cancel {nudge.id}", "danger"))


def nudge_reply(nudge: Nudge, interview: Interview, zone: ZoneInfo, now: datetime, *,
                late: bool, window_end: datetime, note: str, note_hint: str = "",
                prep: Prep | None = None, bank: Sequence[Story] = (),
                history: Sequence[Interview] = ()) -> Reply:
    """``prep``: for a prep message, what the person has prepared so far; ``bank`` and
    ``history``: their stories and interviews, for the story to have ready."""
    lead = late_prefix(nudge.due_at, zone) if late else ""
    tags = frozenset({"nudge", nudge.kind.value})
    what = interview_label(interview)
    if nudge.kind is NudgeKind.THANK_YOU:
        if now < window_end:
            text = (f"{lead}A quick nudge: has your thank-you note to {what} gone out? The "
                    f"24-hour window closes in {delta_words(window_end - now)} "
                    f"({fmt_local(window_end, zone)}). Here's your draft:{note_hint}")
        else:
            text = (f"{lead}The 24-hour window for {what} has passed, but a short, specific "
                    "thank-you still beats none. Here's your draft, worded as a late note:"
                    f"{note_hint}")
        return Reply(
            text=text, copy_text=note, destination=Destination.DM, tags=tags,
            actions=(Choice("I sent it", f"/debrief followup #{interview.id}", "primary"),
                     *_snooze_cancel(nudge)))
    if nudge.kind is NudgeKind.FOLLOW_UP:
        return Reply(
            text=lead + second_follow_up_text(interview), copy_text=note,
            destination=Destination.DM, tags=tags,
            actions=(
                Choice("Callback", f"/debrief outcome #{interview.id} callback", "primary"),
                Choice("Offer", f"/debrief outcome #{interview.id} offer", "primary"),
                Choice("Rejected", f"/debrief outcome #{interview.id} rejected"),
                *_snooze_cancel(nudge)))
    if nudge.kind is NudgeKind.CLOSE:
        return Reply(text=lead + closing_text(interview), destination=Destination.DM,
                     tags=tags)
    if nudge.kind is NudgeKind.PREP:
        return Reply(
            text=lead + prep_reminder(interview, prep, zone, now, bank, history),
            destination=Destination.DM, tags=tags,
            actions=(Choice("Prepare now", f"/debrief prep #{interview.id}", "primary"),
                     *_snooze_cancel(nudge)))
    if nudge.kind is NudgeKind.REFLECT:
        return Reply(
            text=(f"{lead}How did your interview at {what} go? Ten minutes of reflection now "
                  "makes the next one better - and sets up your thank-you note."),
            destination=Destination.DM, tags=tags,
            actions=(Choice("Reflect now", f"/debrief reflect #{interview.id}", "primary"),
                     *_snooze_cancel(nudge)))
    return Reply(
        text=(f"{lead}Have you heard back from {what}? It's been "
              f"{_days(now - interview.happens_at)} since the interview, and quiet at this "
              "point is normal. If there's nothing yet, tap \"No reply yet\" and I'll draft "
              "a short check-in e-mail for you to send; if you've heard, tap what they said."),
        destination=Destination.DM, tags=tags,
        actions=(
            Choice("Callback", f"/debrief outcome #{interview.id} callback", "primary"),
            Choice("Offer", f"/debrief outcome #{interview.id} offer", "primary"),
            Choice("Rejected", f"/debrief outcome #{interview.id} rejected"),
            Choice("No reply yet", f"/debrief outcome #{interview.id} no reply"),
        ))
