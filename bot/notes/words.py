"""What Debrief says around a note: the draft, the summary's note lines, the reminder's, and
the kind second ask when the reference point could not go in a note."""

from __future__ import annotations

import re

from bot.model import Interview, User
from bot.notes.compose import REFERENCE_SLOT, Note, Situation, sender_name
from bot.notes.people import company_and_role, company_name
from bot.notes.reference import Refusal, RefusalReason
from bot.values import Choice, Reply, ReplyField

__all__ = [
    "draft_replies",
    "panel_hint",
    "preferred_name_problem",
    "reference_retry_prompt",
    "signature_line",
    "summary_note_actions",
    "summary_note_intro",
]

_EXAMPLES = ('Examples: "the move to event-driven billing", "how they onboard new analysts", '
             '"my side project on route planning".')


def reference_retry_prompt(refusal: Refusal) -> str:
    """Asked once more when the answer about what was discussed cannot go in the note."""
    why = {
        RefusalReason.EMPTY: "It's easy to blank right after an interview.",
        RefusalReason.NON_ANSWER: "It's easy to blank right after an interview.",
        RefusalReason.GENERIC: "That's true of most interviews, so it won't remind them of "
                               "yours.",
        RefusalReason.PAY: "Pay and benefits are worth talking about, but not in a thank-you "
                           "note: it should bring back the conversation, not the negotiation.",
        RefusalReason.PRIVATE: "I'd keep personal topics (family, health, beliefs) out of the "
                               "note: it's read by people choosing a colleague.",
        RefusalReason.NEGATIVE: "A thank-you note stays positive, so I'd leave that out of it.",
        RefusalReason.TOO_LONG: "That's more than one line of a note can hold.",
        RefusalReason.OTHER_LANGUAGE: "The note is written in English, and I'd rather not "
                                      "translate your words and get them wrong.",
    }[refusal.reason]
    ask = ("What's the short version, in a few words?"
           if refusal.reason is RefusalReason.TOO_LONG else
           "Was there one thing they described, a problem the team is working on, or "
           "something of yours they asked about?")
    return f"{why} {ask} {_EXAMPLES} (Or type `skip`.)"


def _what(interview: Interview) -> str:
    return company_and_role(interview.company, interview.role)


def _needs(notes: list[Note]) -> str:
    if not any(n.needs_reference for n in notes):
        return ""
    return (f" It still needs one specific thing you discussed: replace {REFERENCE_SLOT} "
            "with it before you send it (a project they described, a problem the team has, "
            "something of yours they asked about).")


def _unsigned(notes: list[Note]) -> str:
    if not notes or "\n" in notes[0].body.rsplit("\n\n", 1)[-1]:
        return ""
    under = "under each note" if len(notes) > 1 else "under it"
    return (f" Add your name {under}, or set it once with `/debrief settings name "
            "<your name>`.")


def summary_note_intro(situation: Situation, notes: list[Note]) -> str:
    """The summary's sentence about the note (after its own opening)."""
    text = {
        Situation.FRESH: "Here's your summary and your thank-you note, ready to copy.",
        Situation.LATE: "Here's your summary and your thank-you note: the 24-hour window has "
                        "passed, so it's worded as a late note - a late note still beats "
                        "none.",
        Situation.SENT: "Here's your summary. Your thank-you note is already sent; below is "
                        "a version for your records.",
        Situation.REJECTED: "Here's your summary, and a short reply to their decision that "
                            "asks for feedback and keeps the door open.",
    }[situation]
    if situation is Situation.SENT:  # nothing left to fill in or sign: it has gone
        return text
    return text + _needs(notes) + _unsigned(notes)


def summary_note_actions(interview: Interview, situation: Situation) -> tuple[Choice, ...]:
    if situation in (Situation.SENT, Situation.REJECTED):
        return ()
    return (Choice("Mark thank-you sent", f"/debrief followup #{interview.id}", "primary"),)


def panel_hint(notes: list[Note]) -> str:
    """For replies that show only the first note of a panel."""
    if len(notes) < 2:
        return ""
    return (f" This one is for {_to(notes[0])}; `/debrief draft` has one for each of the "
            f"{len(notes)} people you met.")


def _to(note: Note) -> str:
    if note.to is None:
        return "them"
    return note.to.name or note.to.full


def draft_replies(interview: Interview, notes: list[Note],
                  situation: Situation) -> list[Reply]:
    """``/debrief draft``: every note (one per interviewer) with its handwritten card."""
    what = _what(interview)
    lead = {
        Situation.FRESH: f"Your thank-you note for {what}, ready to copy:",
        Situation.LATE: f"Your thank-you note for {what}, worded for after the 24-hour window "
                        "(a late note still beats none), ready to copy:",
        Situation.SENT: f"Your thank-you note for {what} is already sent. For your records, "
                        "here's the note as Debrief would write it:",
        Situation.REJECTED: f"A short reply to {company_name(interview.company)}'s decision: it "
                            "thanks them, asks for brief feedback and leaves the door open. "
                            "Ready to copy:",
    }[situation]
    if len(notes) > 1:
        lead = lead.rstrip(":") + f" - one for each of the {len(notes)} people you met."
    # What is still to do before sending; nothing for a note that has gone. The lead's
    # colon points at the note, so it ends a sentence when more sentences follow it.
    todo = "" if situation is Situation.SENT else _needs(notes) + _unsigned(notes)
    if todo and lead.endswith(":"):
        lead = lead[:-1] + "."
    replies = []
    for index, note in enumerate(notes, start=1):
        text = lead + todo if index == 1 else ""
        if len(notes) > 1:
            text = (text + "\n\n" if text else "") + \
                f"Note {index} of {len(notes)}: to {_to(note)}."
        fields = (ReplyField("Handwritten card version", note.card),) if note.card else ()
        replies.append(Reply(text=text, copy_text=note.text, fields=fields,
                             tags=frozenset({"private"})))
    if situation in (Situation.FRESH, Situation.LATE):
        last = replies[-1]
        replies[-1] = Reply(text=last.text, copy_text=last.copy_text, fields=last.fields,
                            tags=last.tags, actions=(Choice(
                                "Mark as sent", f"/debrief followup #{interview.id}",
                                "primary"),))
    return replies


def signature_line(user: User) -> str:
    """For ``settings``: how the person's notes are signed, and how to change it."""
    name = sender_name(user)
    how = "`/debrief settings name <your name>`"
    if name is None:
        return (f"Your notes are signed without a name (your chat profile shows none I can "
                f"use). Set one with {how}.")
    if user.preferred_name:
        return (f"Your notes are signed: {name} (set by you). Change it with {how}, or "
                "`name off` for your chat profile's name.")
    return f"Your notes are signed: {name} (from your chat profile). Change it with {how}."


def preferred_name_problem(name: str, limit: int) -> str | None:
    """Why ``name`` cannot sign a note, or None when it can."""
    example = "`/debrief settings name Ann Lee`"
    if not name:
        return f"Type the name after it, for example {example} (or `name off`)."
    if len(name) > limit:
        return (f"That name is {len(name)} characters; I keep at most {limit}. Please "
                "shorten it - nothing was saved.")
    if not re.search(r"[^\W\d_]", name) or re.search(r"[@<>#:/\\|*_`~]|https?", name):
        return (f"\"{name[:40]}\" doesn't look like a name to sign a note with. Type it as "
                f"you'd write it under a letter, for example {example}.")
    return None
