"""The reflection's follow-up words: a choice that was unclear, a thank-you the person will
not send, a reference that cannot go in a note, an unknown interview type."""

from __future__ import annotations

import re

from bot.reflection.choices import norm
from bot.reflection.later import sounds_rough
from bot.reflection.questions import TYPE_QUESTION, Question
from bot.reflection.reading import is_nothing
from bot.values import AnswerKey, Choice, Destination, Reply

__all__ = ["doubts_the_note", "held_reply", "sounds_unsure", "unclear_choice", "unknown_type"]

_UNSURE = re.compile(r"(?:i )?(?:idk|do not know|dunno|not sure|no idea|no clue|unsure|"
                     r"hard to say|who knows|hmm+)\b")
_DENIAL = re.compile(r"(?:no|nope|nah|not)\b")
_ABOUT_ASKING = re.compile(r"\b(?:questions?|qs|ask\w*)\b", re.I)
# Doubt about the thank-you note itself, typed at its question.
_NOTE_DOUBT = re.compile(r"\b(?:should i|do i need|is it worth|worth it|do people|is that "
                         r"normal|how do i|what do i (?:say|write)|know how|what to (?:say|"
                         r"write))\b")
_NOTE_MATTERS = ("A short note within 24 hours brings your conversation back to mind when "
                 "they decide, and most candidates never send one.")

# Asked once more when the reference cannot go in a note (the refusal's reason).
_REASK: dict[str, str] = {
    "empty": ("The note works best with one thing you really talked about - even a small "
              "one. A project they described, a problem the team has, something you both "
              "laughed about?"),
    "non_answer": ("The note works best with one thing you really talked about - even a "
                   "small one. A project they described, a problem the team has, a tool "
                   "they use?"),
    "generic": ("That could be said after any interview, so it won't remind them of you. "
                "What's one specific thing - a project, a tool, a problem they mentioned?"),
    "pay": ("Pay and benefits are best kept out of a thank-you note - it reads as the reason "
            "you're interested. What else came up: the work, the team, a problem they're "
            "solving?"),
    "private": ("Family and private life are best left out of the note, even if it was a "
                "warm moment. What did you discuss about the work or the team?"),
    "too_long": ("That's more than one line of a note can hold. What's the short version - "
                 "the one thing you talked about, in a few words?"),
    "negative": ("A thank-you stays positive: criticism of the company or of people there "
                 "sticks more than the thanks. Was there something you enjoyed discussing?"),
    "other_language": ("The note is written in English, and I'd rather not translate your "
                       "words and get them wrong. What's the one thing you discussed, in a "
                       "few English words - like \"your new app\"?"),
}
_REASK_TAIL = " If nothing comes to mind, type `skip` and the draft will mark the spot."


def doubts_the_note(typed: str) -> bool:
    """"should i?", "is it worth it", "i dont know how": doubt about the thank-you itself,
    answered (bot.reflection.prompts.unclear_choice), not taken for "not sure"."""
    return bool(_NOTE_DOUBT.search(norm(typed)))


def sounds_unsure(typed: str) -> bool:
    """"idk", "not sure", "🤷": every option, and no pressure ("7", "1,9": numbers out of
    range, are not); "no questions, sorry" says none were asked (an answer to another
    question), not unsure; "no" when asked "are you sure?" is not unsure either (it is
    offered the two it could mean)."""
    return bool(_UNSURE.match(norm(typed))) or "🤷" in typed or (
        is_nothing(typed) and any(c.isalpha() for c in typed) and
        not _ABOUT_ASKING.search(typed) and not _DENIAL.match(norm(typed)))


def unclear_choice(question: Question, typed: str, candidates: tuple[str, ...],
                   key: AnswerKey) -> Reply:
    """A short question with buttons when a typed choice could be several or none."""
    shown = typed.strip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    unsure = sounds_unsure(shown)
    offered = [o for o in question.options if o.value in candidates and not unsure] or \
        list(question.options)
    if question.key == "thank_you" and doubts_the_note(typed):
        # "should i?", "is it worth it", "i dont know how": a question about the note itself
        how = re.search(r"\b(?:how|what)\b", norm(typed))
        text = ("You won't have to write it from scratch: I'll draft it from your answers at "
                "the end, ready to copy. Where are you with it?" if how else
                f"Worth it, yes: {_NOTE_MATTERS[0].lower()}{_NOTE_MATTERS[1:]} I'll draft "
                "it from your answers at the end. Where are you with it?")
        offered = list(question.options)
    elif unsure:
        text = "Not sure is fine - pick the closest one, or type `skip`."
    elif sounds_rough(shown) and not candidates:  # "i was so nervous the whole time"
        text = ("Sorry it felt rough - that happens to everyone sometimes. Which of these "
                "comes closest? Or type `skip`.")
    elif len(offered) < len(question.options) and candidates:
        text = f"Just checking - by \"{shown}\", did you mean one of these?"
    else:
        text = (f"I didn't catch which one \"{shown}\" means - pick one, type it in other "
                "words, or `skip`.")
    if question.kind == "multi":
        text += " (Several are fine: 1,3 or the words, or none.)"
    tags = {"question", "scale"} if question.scale else {"question"}
    return Reply(text=text, choices=tuple(Choice(o.label, o.value) for o in offered),
                 multi=question.kind == "multi", destination=Destination.DM,
                 tags=frozenset(tags), answer_key=key)


def held_reply(why: str, question: Question, key: AnswerKey) -> Reply:
    """One more word before the answer counts (see ``dialogue.Held``)."""
    if why == "confirm_no":
        return Reply(
            text=f"Just to check: no thank-you note for this one? {_NOTE_MATTERS} If you're "
                 "sure, I'll stop the reminders.",
            choices=(Choice("I'll send one", "planned", "primary"),
                     Choice("Yes, I'm sure", "sure")),
            destination=Destination.DM, tags=frozenset({"question"}), answer_key=key)
    if why == "unsure":  # "idk" at a choice: once more without pressure, then skipped
        return Reply(
            text="Not sure is fine - pick the closest one, or say so again and we'll skip it.",
            choices=tuple(Choice(o.label, o.value) for o in question.options),
            multi=question.kind == "multi", destination=Destination.DM,
            tags=frozenset({"question", "scale"} if question.scale else {"question"}),
            answer_key=key)
    if why == "no_names":
        return Reply(
            text="I couldn't find a name in that, and each person on the panel gets a note "
                 "of their own. Who was there? Their names, separated by commas (like "
                 "\"Sam, Priya Shah\") - or `skip` if you don't have them.",
            destination=Destination.DM, tags=frozenset({"question", "free_text"}),
            answer_key=key, actions=(Choice("Skip", "skip"),))
    if why == "bare":  # "yes", "4", "👍" at an open question
        hint = f" {question.hint}" if question.hint else ""
        skip = "" if "`skip`" in hint else " Or `skip` if nothing comes to mind."
        return Reply(text=f"Could you put that in a few words? {question.prompt}{hint}{skip}",
                     destination=Destination.DM, tags=frozenset({"question", "free_text"}),
                     answer_key=key, actions=(Choice("Skip", "skip"),))
    text = _REASK.get(why, _REASK["non_answer"]) + _REASK_TAIL
    return Reply(text=text, destination=Destination.DM,
                 tags=frozenset({"question", "free_text"}), answer_key=key,
                 actions=(Choice("Skip", "skip"),))


def unknown_type(typed: str) -> str:
    kinds = ", ".join(f"`{o.value}`" for o in TYPE_QUESTION.options)
    shown = typed.strip()[:40]
    return (f"I don't know the interview type \"{shown}\". Use one of {kinds} - or leave "
            "`type:` out and I'll ask.")
