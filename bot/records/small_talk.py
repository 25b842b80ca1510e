"""What people say in the DM that is neither an answer nor news: thanks, and how the search
is going on a bad day ("i'm so done with this"). Met in kind, in one or two lines, with
one thing to do when they feel like it - not "There's no reflection open right now. Log
an interview with …", which reads as if nobody listened.

The one thing fits what is on record (:class:`OnRecord`): prep for an interview still
ahead ("good luck with Acme tomorrow at 14:00"), the thank-you while its window is open,
the reply to a fresh rejection, a word on an interview still waiting for an answer. It
never points at something that is not there: ``/debrief stats`` "shows what has worked"
only once something has, and someone with nothing logged is shown where to start."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.copy.messages import NO_OPEN_REFLECTION
from bot.copy.naming import employer, interview_label, when_in_words
from bot.insights.patterns import (
    CALLBACKS,
    QUIET_AFTER,
    Timing,
    called_back,
    is_closed,
    timing,
)
from bot.model import Area, Interview, Outcome, ReflectionState, ThankYou
from bot.prep.asked import interview_said, log_it
from bot.prep.guard import prep_offer
from bot.records.feelings import (
    AHEAD,
    AHEAD_DAY,
    HELLO,
    INTRO,
    LET_DOWN,
    LOW,
    NERVES,
    PAST,
    THANKS,
    WHAT_IS_THIS,
    WHY_NOT,
    WITH_A_FEELING,
)
from bot.records.told import offer_again, told_in_passing
from bot.reflection.choices import norm
from bot.reflection.dialogue import area_scores
from bot.reflection.questions import AREA_WORK
from bot.reflection.summary import choose_focus
from bot.values import Destination, Reply

__all__ = ["UNREAD", "OnRecord", "aside_lead", "is_before_one", "is_thanks", "nothing_open",
           "said_aside", "said_in_passing"]

# A no, or an unfinished reflection, this recent is still what the person is living with.
RECENT = timedelta(days=7)

_HARD = ("That sounds like a hard stretch - I'm sorry. A search wears anyone down, and it "
         "isn't a verdict on you.")
_NOTHING_TODAY = "Nothing needs doing today."


@dataclass(frozen=True, slots=True)
class OnRecord:
    """What a reply in passing can build on, each the one that matters most now."""

    ahead: Interview | None  # the next interview still to come
    note_open: Interview | None  # a thank-you still unsent while its window is open
    rejected: Interview | None  # a no recorded in the last week
    paused: Interview | None  # a reflection of the last week left unfinished
    # the latest interview with no answer yet, until the wait is closed (CLOSED_AFTER)
    waiting: Interview | None
    # True once its silence has lasted long enough for a follow-up (QUIET_AFTER, as
    # /debrief stats says it)
    waiting_long: bool
    callbacks: int  # interviews that led to a callback or an offer
    answered: int  # interviews with an answer of any kind
    latest: Interview | None = None  # the latest interview that has happened
    offered: Interview | None = None  # an offer recorded in the last week

    @classmethod
    def read(cls, interviews: list[Interview], now: datetime, window: timedelta) -> OnRecord:
        past = sorted((i for i in interviews if i.happens_at <= now),
                      key=lambda i: i.happens_at, reverse=True)
        noes = [i for i in past if i.outcome is Outcome.REJECTED and i.outcome_at is not None
                and now - i.outcome_at <= RECENT]
        waiting = next((i for i in past if called_back(i, now) is None
                        and not is_closed(i, now)), None)
        return cls(
            ahead=min((i for i in interviews if i.happens_at > now),
                      key=lambda i: i.happens_at, default=None),
            note_open=next((i for i in past if timing(i, now, window) is Timing.OPEN
                            and i.thank_you is not ThankYou.NO
                            and i.outcome not in (Outcome.REJECTED, Outcome.OFFER)), None),
            rejected=max(noes, key=lambda i: i.outcome_at or now, default=None),
            paused=next((i for i in past if i.reflection_state is not ReflectionState.COMPLETED
                         and now - i.happens_at <= RECENT), None),
            waiting=waiting,
            waiting_long=waiting is not None and now - waiting.happens_at >= QUIET_AFTER,
            callbacks=sum(1 for i in past if i.outcome in CALLBACKS),
            answered=sum(1 for i in past if called_back(i, now) is not None),
            latest=past[0] if past else None,
            offered=next((i for i in past if i.outcome is Outcome.OFFER and i.outcome_at
                          is not None and now - i.outcome_at <= RECENT), None))


def is_thanks(text: str) -> bool:
    """``text`` only says thank you ("thanks!", "thank you so much")."""
    return bool(THANKS.match(norm(text)))


def is_before_one(text: str) -> bool:
    """``text`` tells of nerves ("im freaking out", "wish me luck") or of an interview
    still to come ("i have an interview tomorrow at google")."""
    words = norm(text)
    return bool(NERVES.search(words)) or _tells_of_one_ahead(words)


def _tells_of_one_ahead(words: str) -> bool:
    return bool(AHEAD.search(words)) and not PAST.search(words)


def said_in_passing(text: str, record: OnRecord, now: datetime, zone: ZoneInfo, *,
                    a_no: bool = False, story: str | None = None) -> Reply | None:
    """A short reply in kind to thanks, nerves or a hard day, or None for anything else.
    ``a_no``: the text tells of a rejection that no interview on record can take ("they
    said no" with nothing logged), met as a hard day. ``story``: the saved story to say
    out loud before the next interview (``story 3 ("Churn fix")``), named to the nervous."""
    words = norm(text)
    if THANKS.match(words):
        return _thanks(record, now, zone)
    if HELLO.fullmatch(words) or WHAT_IS_THIS.search(words):
        return _hello(record, now, zone, intro=not HELLO.fullmatch(words))
    told = told_in_passing(words, text, latest=record.latest, offered=record.offered,
                           now=now)
    if told is not None:
        return told
    if WHY_NOT.search(words):
        return _why_not(record, now)
    if a_no or LOW.search(words) or LET_DOWN.search(words):
        return _hard_day(record, now, zone)
    if NERVES.search(words) or _tells_of_one_ahead(words):
        return _nerves(record, now, zone, text, story, nervous=bool(NERVES.search(words)))
    return None


def said_aside(text: str, *, at_choice: bool) -> str | None:
    """``"thanks"``, ``"before one"`` (an interview still to come) or ``"hard day"`` when
    ``text``, typed while a reflection question is open, is said in passing rather than
    answering it; None for an answer. Thanks typed at a free-text question is not what the
    interviewer will remember; a hard day typed at a choice is not a choice ("i am so done
    with this" read "done" as "Already sent"). At a free-text question a hard day counts
    only when it is all the message says, so "I never give up on a bug" stays what they
    bring."""
    words = norm(text)
    if THANKS.match(words):
        return "thanks"
    if AHEAD_DAY.search(words) and not PAST.search(words):
        return "before one"  # "i have an interview tomorrow at google and im freaking out"
    if not LOW.search(words):
        return None
    if at_choice or WITH_A_FEELING.issuperset(LOW.sub(" ", words).split()):
        return "hard day"
    return None


def aside_lead(said: str, text: str = "", ahead: Interview | None = None) -> str:
    """Said before the open question is asked again, after :func:`said_aside`; ``ahead``:
    the next interview on record (for ``"before one"``)."""
    if said == "before one":
        company, day = interview_said(text)
        where = f"`/debrief prep #{ahead.id}` has its prep whenever you're ready" if \
            ahead is not None and (company is None or _same(company, ahead.company)) else \
            f"{log_it(company, day)} logs it, and its prep comes the evening before"
        return (f"Good luck with it! {where}. Meanwhile the question below is still open "
                "- or type `cancel` to pause; your answers so far are kept.")
    if said == "thanks":
        return ("You're welcome! The question below is still open when you're ready - or "
                "type `cancel` to pause; your answers so far are kept.")
    return (f"{_HARD} We can stop here: `cancel` pauses and keeps your answers, and "
            "`/debrief reflect` picks up whenever you like. Or answer the question below "
            "when you're ready.")


# A reply to words read as nothing in particular (see nothing_open).
UNREAD = "unread"


def nothing_open(record: OnRecord, now: datetime, zone: ZoneInfo, *,
                 good_news: bool = False) -> Reply:
    """For anything else typed in the DM with no question open ("hello?", "2"): where to
    go from here, by what is on record. ``good_news``: it told of a callback or an offer
    that no interview on record can take ("got the job!!" with nothing logged)."""
    if good_news and record.offered is not None:
        return offer_again(record.offered)
    if good_news:
        return _dm("That's great news - congratulations! If you'd like it on record for "
                   "your patterns, log it with `/debrief interview <company>` and record it "
                   "with `/debrief outcome`.")
    # Tagged UNREAD: the words were not understood as anything, so the service may still
    # find a command they ask for ("can you write my thank you note" -> the draft).
    if record.paused is None and (ahead := record.ahead) is not None:
        reply = _dm(f"There's no question open right now. Your next interview is "
                    f"{interview_label(ahead)} {when_in_words(ahead.happens_at, now, zone)} - "
                    f"`/debrief prep #{ahead.id}` gets you ready for it.", ahead)
    elif record.paused is None and record.waiting is None and not record.answered:
        reply = _dm("Nothing is logged yet. Right after an interview - or before one, "
                    "with `when:\"fri 10am\"` - type `/debrief interview <company>` and "
                    "I'll take it from there. `/debrief help` lists the rest.")
    else:
        reply = _dm(NO_OPEN_REFLECTION)
    return replace(reply, tags=reply.tags | {UNREAD})


def _thanks(record: OnRecord, now: datetime, zone: ZoneInfo) -> Reply:
    if (ahead := record.ahead) is not None:
        return _dm(f"You're welcome - good luck with {interview_label(ahead)} "
                   f"{when_in_words(ahead.happens_at, now, zone)}! "
                   f"`/debrief prep #{ahead.id}` gets you ready: research, your questions, "
                   "a story.", ahead)
    if (note := record.note_open) is not None:
        return _dm(f"You're welcome. One thing while it counts most: the thank-you note to "
                   f"{employer(note)} - `/debrief draft #{note.id}` has it, and "
                   f"`/debrief followup #{note.id}` once it's sent stops its reminders.")
    if record.rejected is not None:
        return _dm("You're welcome - take care. When the next interview comes up, "
                   "`/debrief interview <company>` and I'll help you get ready.")
    if (waiting := record.waiting) is not None:
        return _dm(f"You're welcome - fingers crossed for {interview_label(waiting)}. When "
                   f"you hear back, `/debrief outcome #{waiting.id}` records it.")
    return _dm("You're welcome - good luck. After your next interview, type "
               "`/debrief interview <company>` and I'll take it from there.")


def _hard_day(record: OnRecord, now: datetime, zone: ZoneInfo) -> Reply:
    if (ahead := record.ahead) is not None:
        return _dm(f"{_HARD} {interview_label(ahead)} is still ahead "
                   f"({when_in_words(ahead.happens_at, now, zone)}) - when you feel like it, "
                   f"`/debrief prep #{ahead.id}` gets you ready for it. Nothing needs doing "
                   "right now.", ahead)
    if (note := record.note_open) is not None:
        return _dm(f"{_HARD} If you can, one small thing while its window is open: the "
                   f"thank-you note to {employer(note)} - `/debrief draft #{note.id}` has it "
                   "ready. Everything else can wait.")
    if (no := record.rejected) is not None:
        return _dm(f"{_HARD} {employer(no)}'s no is one answer, not the whole picture. If "
                   f"you haven't yet, `/debrief draft #{no.id}` has a short reply that asks "
                   f"them for feedback. {_NOTHING_TODAY}")
    if (waiting := record.waiting) is not None and not record.waiting_long:
        return _dm(f"{_HARD} Waiting on {interview_label(waiting)} is the hard part, and a "
                   "quiet first week is normal. When you hear back, "
                   f"`/debrief outcome #{waiting.id}` records it. {_NOTHING_TODAY}")
    if waiting is not None:
        return _dm(f"{_HARD} {interview_label(waiting)} has been quiet a while. When "
                   f"you feel like it, `/debrief outcome #{waiting.id} no reply` tells you "
                   f"whether it's time for a follow-up, with the e-mail drafted when it is. "
                   f"{_NOTHING_TODAY}")
    if record.callbacks:
        return _dm(f"{_HARD} When you feel like it, `/debrief stats` shows what has worked "
                   f"for you so far. {_NOTHING_TODAY}")
    if record.answered:
        return _dm(f"{_HARD} A few answers say very little yet; when you feel like it, "
                   f"`/debrief stats` turns them into one next step. {_NOTHING_TODAY}")
    return _dm(f"{_HARD} When you feel like it, one small start: write down one thing you "
               "did and how it turned out with `/debrief stories add` - it's the kind of story "
               f"interviewers remember. {_NOTHING_TODAY}")


def _hello(record: OnRecord, now: datetime, zone: ZoneInfo, *, intro: bool) -> Reply:
    """Hello back, with the one thing on record that is waiting for them (the whole
    introduction when nothing is, or when they asked what this is)."""
    if (ahead := record.ahead) is not None:
        where = (f"Your next interview is {interview_label(ahead)} "
                 f"{when_in_words(ahead.happens_at, now, zone)} - `/debrief prep #{ahead.id}` "
                 "gets you ready for it.")
    elif (paused := record.paused) is not None:
        where = (f"Your reflection on {employer(paused)} is where you left it - "
                 f"`/debrief reflect #{paused.id}` picks it up.")
    elif (note := record.note_open) is not None:
        where = (f"The thank-you note to {employer(note)} still has time on it - "
                 f"`/debrief draft #{note.id}` has it ready.")
    elif (waiting := record.waiting) is not None:
        where = (f"Still waiting on {interview_label(waiting)}? When you hear back, "
                 f"`/debrief outcome #{waiting.id}` records it.")
    else:
        return _dm(f"Hi! {INTRO}")
    return _dm(f"Hi! {INTRO} {where}" if intro else f"Hi! {where}", record.ahead)


def _why_not(record: OnRecord, now: datetime) -> Reply:
    """"What did I do wrong?": nobody can say from outside, and how it felt is a poor guide
    (COACHING.md); what their own reflection flagged, and asking them, can."""
    many = (f" Across your {record.answered} answers so far, `/debrief stats` looks for a "
            "pattern - and says so when there isn't one yet." if record.answered >= 3 else "")
    if (no := record.rejected) is not None:
        lead = (f"I'm sorry about {employer(no)}. Nobody can say for sure from the outside, "
                "and often it's nothing you did: another candidate was further along, or "
                "the role changed.")
        weak = _weakest(no, now)
        if weak is not None:
            return _dm(f"{lead} The one thing your own reflection pointed to was "
                       f"{AREA_WORK[weak]}: `/debrief tip {weak.value.replace('_', ' ')}` has "
                       f"one concrete step for it. To really know, ask them: "
                       f"`/debrief draft #{no.id}` has a short reply that asks for "
                       f"feedback.{many}")
        reflect = ("" if no.reflection_state is ReflectionState.COMPLETED else
                   f"`/debrief reflect #{no.id}` looks back at it with you while you still "
                   "remember it, and ")
        return _dm(f"{lead} Two things can tell you more: {reflect}"
                   f"`/debrief draft #{no.id}` has a short reply that asks them for "
                   f"feedback.{many}")
    if (waiting := record.waiting) is not None:
        return _dm(f"Nothing on record says anything went wrong: {interview_label(waiting)} "
                   "hasn't answered yet, and waiting feels worse than it usually is. When you "
                   f"hear back, `/debrief outcome #{waiting.id}` records it.{many}")
    if record.answered:
        return _dm("Nobody can say for sure from the outside, and how an interview felt is a "
                   "poor guide to how it was scored." + (
                       many or " After your next one, a reflection right away "
                       "(`/debrief interview <company>`) shows what to change."))
    return _dm("Nobody can say for sure from the outside - but we can look at it together. "
               "Log it with `/debrief interview <company> when:\"<day>\"` and a few quick "
               "questions go over how it went and what to change next time.")


def _weakest(interview: Interview, now: datetime) -> Area | None:
    """The area the reflection's own focus would name, now that the answer is in."""
    if not interview.answers:
        return None
    return choose_focus(interview, area_scores(interview.answers), now, timedelta(0))


def _nerves(record: OnRecord, now: datetime, zone: ZoneInfo, text: str,
            story: str | None, *, nervous: bool = True) -> Reply:
    """Nerves, or an interview still to come told of: good luck, and the one or two
    things worth doing now; for one not logged yet, how to log it in its own words."""
    company, day = interview_said(text)
    ahead = record.ahead
    feel = " - nerves mean it matters to you" if nervous else ""
    if ahead is not None and (company is None or _same(company, ahead.company)):
        return _dm(f"Good luck with {interview_label(ahead)} "
                   f"{when_in_words(ahead.happens_at, now, zone)}{feel}. Say "
                   f"{story or 'one story'} out loud once; "
                   f"`/debrief prep #{ahead.id}` has the rest.", ahead)
    soon = day is not None and day.startswith(("in ", "today", "this "))
    now_do = ("Right now, only two things: the logistics (link or address, who you'll meet) "
              "and one story said out loud - what happened, what you did, the result."
              if soon else "Tonight, say one story out loud once - what happened, what you "
              "did, the result - and check the logistics.")
    lead = ("Nerves mean it matters to you - and you can get ready in less time than it "
            "feels." if nervous else f"Good luck{f' at {company}' if company else ''}!")
    return _dm(f"{lead} {now_do} Log it with {log_it(company, day)} and I'll fit a short "
               f"prep to {company or 'it'}.")


def _same(company: str, logged: str) -> bool:
    return " ".join(company.split()).casefold() in " ".join(logged.split()).casefold()


def _dm(text: str, ahead: Interview | None = None) -> Reply:
    return Reply(text=text, destination=Destination.DM,
                 actions=prep_offer(ahead) if ahead is not None else ())
