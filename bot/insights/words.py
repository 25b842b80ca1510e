"""Words for ``/debrief stats``: a person's patterns, led by the one next step.

The numbers come from :mod:`bot.insights.patterns`; this module only says them, plainly, and always
says how many interviews a finding rests on. The chart's words are in
:mod:`bot.insights.chart`, ``/debrief community``'s in :mod:`bot.insights.community`.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.copy.naming import counted as _n
from bot.insights.advice import calibration_lines, finding_lines, next_step, upper_first
from bot.insights.patterns import (
    GOOD_FIT,
    STRONG_RATING,
    AreaTrend,
    InterviewPoint,
    Patterns,
    Timing,
)
from bot.insights.sections import interview_number, outcomes, ratings, thank_yous
from bot.model import Area, Outcome
from bot.notes.people import company_name
from bot.reflection.questions import AREA_WORK
from bot.values import Reply, ReplyField

__all__ = ["lead", "stats_reply"]


# -- /debrief stats ----------------------------------------------------------------------


def _intro(p: Patterns, zone: ZoneInfo) -> str:
    if not p.points:
        return ("Your interview is still ahead" if p.upcoming == 1 else
                f"Your {p.upcoming} interviews are still ahead") + \
            ", so there's nothing to look back on yet."
    first = p.points[0].happens_at.astimezone(zone)
    last = p.points[-1].happens_at.astimezone(zone)
    span = (f"on {first:%d %b %Y}" if len(p.points) == 1
            else f"all on {first:%d %b %Y}" if first.date() == last.date()
            else f"from {first:%d %b %Y} to {last:%d %b %Y}" if first.year != last.year
            else f"from {first:%d %b} to {last:%d %b %Y}")
    if len(p.points) == 1:
        text = f"From your one interview so far ({span})"
        return text + (f", with {p.upcoming} more coming up." if p.upcoming else ".")
    text = f"Across your {_n(len(p.points), 'past interview')} ({span})"
    text += f", with {p.upcoming} more coming up." if p.upcoming else "."
    return text


def _caveat(p: Patterns) -> str:
    """How far to trust what follows - only when something follows that it qualifies (a
    finding, how it felt against how it went); otherwise the lead has said it already
    ("Too few answers yet…", "3 answers are too few to change course on")."""
    if not p.points or p.with_outcome == 0:
        return ""
    if p.small and (p.findings or calibration_lines(p.calibration)):
        return (f"Only {_n(p.with_outcome, 'interview')} with an outcome so far, so treat "
                "what follows as hints, not patterns. Each interview you log makes it "
                "clearer.")
    return ""


# How a lead says that its few answers are no pattern yet (then it is not said again).
_FEW_SAID = ("says very little", "Too early for patterns", "too few", "Too few")


def _log_next(p: Patterns, lead_said: str) -> str:
    """With one or two answers: that they are no pattern yet (unless the lead has just said
    so), and the one thing to record next so that one can show, from their own record."""
    known = p.with_outcome
    if not 1 <= known <= 2 or p.findings:
        return ""
    few = "" if any(s in lead_said for s in _FEW_SAID) else \
        f"{'One answer is' if known == 1 else 'Two answers are'} not a pattern yet. "
    unknown = [pt for pt in p.points if pt.result is None and pt.number is not None]
    bare = [pt for pt in p.points if pt.result is not None and pt.number is not None
            and not (pt.field or pt.title) and pt.source is None]
    # Never the command the lead has just given ("note what kind of role each was").
    if unknown and "/debrief outcome" not in lead_said:
        pt = unknown[-1]
        what = (f"what {company_name(pt.company)} says when they answer (`/debrief outcome "
                f"#{pt.number} callback`, or rejected)")
    elif bare and "/debrief history" not in lead_said:
        pt = bare[-1]
        what = (f"what kind of role {company_name(pt.company)} was and how you got it "
                f"(`/debrief history #{pt.number} edit field:… source:…`), so I can compare "
                "like with like")
    else:
        what = ("your next interview the day it happens (`/debrief interview <company>`), "
                "then what they say")
    return f"{few}To see what brings your callbacks, log next: {what}."


def _follow_up(p: Patterns) -> str:
    point, days = p.quiet[-1]
    return (f"it's been {days} days since {company_name(point.company)} and no word yet - "
            f"time for one short follow-up. `/debrief outcome #{point.number} no reply` "
            "drafts it from your notes.")


def _weakest(p: Patterns) -> AreaTrend | None:
    weak = [t for t in p.trends if t.later < STRONG_RATING]
    return min(weak, key=lambda t: (t.later, list(Area).index(t.area))) if weak else None


def _tip_for_weakest(p: Patterns) -> str:
    weakest = _weakest(p)
    if weakest is None:
        return _step_without_a_weak_area(p)
    return (f"work on {AREA_WORK[weakest.area]}, your lowest-rated area lately - "
            f"`/debrief tip {weakest.area.value.replace('_', ' ')}` has a concrete idea.")


def _step_without_a_weak_area(p: Patterns) -> str:
    """Every area reads strong: the step is what the record still lacks, never what they
    already do ("keep sending each thank-you" to someone who always does)."""
    on_time, decided = p.thank_you[Timing.ON_TIME], p.thank_you_decided
    if on_time < decided:
        so_far = ("none has gone out in time yet" if not on_time else
                  f"{on_time} of {decided} went out in time so far")
        return (f"send every thank-you inside 24 hours - {so_far}, and it's the one habit "
                "you can make certain.")
    if {pt.stage for pt in p.points if pt.result is not None} == {"screen"}:
        return (f"your answers so far all come from screening calls ({p.callbacks} of "
                f"{p.with_outcome} got you through). The next rounds go deeper: log each one "
                "when it's set (`/debrief interview <company> stage:first`) and prepare two "
                "stories with a number in each.")
    noes = [pt for pt in p.points if pt.outcome is Outcome.REJECTED and pt.number is not None]
    if noes and p.callbacks * 2 < p.with_outcome:
        # Mostly noes while every area felt strong: "keep what's working" would not fit,
        # and their ratings can't say what to change - the employer can.
        no = noes[-1]
        return (f"ask {company_name(no.company)} for feedback - `/debrief draft #{no.number}` "
                "writes a short reply to their no that asks what would have made the "
                "difference. One answer from them tells you more than your own ratings can.")
    habit = " - your notes go out on time -" if decided else ""
    return (f"keep what's working{habit} and line up two more applications this week: a "
            "few more answers will show what brings your callbacks.")



def _bare_profiles(p: Patterns) -> list[InterviewPoint]:
    """Answered interviews with nothing said about what kind of role they were."""
    return [pt for pt in p.points if pt.result is not None
            and not (pt.field or pt.title) and pt.source is None and pt.stage is None]


def _profile_gaps(p: Patterns) -> int:
    return len(_bare_profiles(p))


def _note_open(p: Patterns) -> InterviewPoint | None:
    """The latest interview whose thank-you is unsent while its 24 hours are still open and
    still the point: not after a no or an offer (the reply to a no is its own step)."""
    return next((pt for pt in reversed(p.points)
                 if pt.timing is Timing.OPEN and pt.number is not None
                 and pt.outcome not in (Outcome.REJECTED, Outcome.OFFER)), None)


def lead(p: Patterns) -> tuple[str, str]:
    """(the situation in one line, the single most useful next step) - what the answer
    leads with. A thank-you whose window is still open comes first: nothing else this week
    changes as much, and in a day it is too late (DESIGN.md's focus by impact)."""
    situation, step = _lead_from_record(p)
    note = _note_open(p)
    if note is not None and note.reflecting:  # the note comes at the reflection's end
        step = (f"finish your reflection on {company_name(note.company)} (`/debrief reflect "
                f"#{note.number}`) - your thank-you note comes at the end, ready to send "
                "while its 24 hours are still open.")
    elif note is not None:
        step = (f"send your thank-you to {company_name(note.company)} while its 24 hours are "
                f"still open - `/debrief draft #{note.number}` writes it from your "
                "reflection. Nothing else this week changes as much.")
    return situation, step


def _lead_from_record(p: Patterns) -> tuple[str, str]:
    if not p.points and p.next_ahead is not None:
        number, company = p.next_ahead
        return "", (f"get ready for {company_name(company)} - `/debrief prep #{number}` has "
                    "the research checklist, your questions and your stories.")
    if not p.points:
        return "", ("the day before, research the company, the role and the interviewer - "
                    "`/debrief tip prepared` has the checklist.")
    if p.findings:
        finding = p.findings[0]
        return "", next_step(finding, p)
    known, callbacks = p.with_outcome, p.callbacks
    if known == 0:
        waiting = (f" {_n(p.waiting, 'interview')} {'is' if p.waiting == 1 else 'are'} still "
                   "waiting for a reply." if p.waiting else "")
        if p.quiet:
            return f"No answers from employers recorded yet.{waiting}", _follow_up(p)
        return (f"No answers from employers recorded yet.{waiting}",
                f"when you hear back, record it (`/debrief outcome {interview_number(p.points)} "
                "callback`, or rejected) - with a handful of answers I can show what comes "
                "before your callbacks.")
    if callbacks == 0:
        return _no_callbacks_yet(p)
    if known == 1:
        won = ("an offer - congratulations!" if p.outcomes[Outcome.OFFER] else
               "a callback - well done.")
        return f"One answer so far, and it was {won} Too early for patterns.", \
            _tip_for_weakest(p)
    if callbacks == known:
        return (f"Every interview you've heard back from brought a callback ({callbacks} of "
                f"{known}). Well done.", _tip_for_weakest(p))
    situation = ("Too few answers yet to see what separates your callbacks from the rest."
                 if p.small else "Nothing clearly separates your callbacks from the rest "
                 "yet: they came about as often whatever the role, the way in or the habits.")
    if p.quiet:  # a wait gone quiet: the one thing this week that can change an answer
        return situation, _follow_up(p)
    if _profile_gaps(p) * 2 >= known and not p.small:  # with a few, comparing says nothing
        return (situation.split(":")[0].rstrip(".") + ".",
                "note what kind of role each interview was - `/debrief history "
                f"{interview_number(_bare_profiles(p))} edit field:… source:… stage:…` - so I can "
                "compare like with like.")
    return situation, _tip_for_weakest(p)


def _no_callbacks_yet(p: Patterns) -> tuple[str, str]:
    """No callback so far: the step their own record points to, modest while the answers
    are few (a handful of noes is no reason to change course)."""
    known = p.with_outcome
    silent = p.outcomes[Outcome.NO_REPLY] - p.waiting
    on_time, decided = p.thank_you[Timing.ON_TIME], p.thank_you_decided
    fits = [pt.fit for pt in p.points if pt.result is not None and pt.fit]
    if silent == known:
        situation = (f"{'Your one interview' if known == 1 else f'All {known} interviews'} with "
                     "an outcome ended in silence, not a no. That's hard, and it happens to "
                     "strong candidates all the time - it isn't a verdict on you.")
    elif known == 1:
        situation = ("One answer so far, and it was a no. That stings - and one interview "
                     "says very little about you.")
    else:
        situation = (f"No callbacks yet from {_n(known, 'interview')}. That's hard, and it's "
                     "common - it doesn't mean you can't do the job.")
    if decided and on_time * 2 < decided:
        step = ("after your next interview, send a short thank-you within 24 hours that "
                "names one thing you discussed - `/debrief draft` writes it from your "
                "reflection. " + ("No note has gone out in time yet" if not on_time else
                                  f"{on_time} of {decided} went out in time so far")
                + ", so it's the quickest change on your record.")
    elif silent == known and p.quiet:  # one is quiet now: that one, by name
        point, days = p.quiet[-1]
        step = (f"it's been {days} days since {company_name(point.company)} - time for one "
                f"short follow-up: `/debrief outcome #{point.number} no reply` drafts it from "
                "your notes. After a second one, let it go and put that energy into the next "
                "application.")
    elif silent == known:
        step = ("when an interview has been quiet for a week, send one short follow-up (tap "
                "\"No reply yet\" when I check in and I'll draft it from your notes). After "
                "a second one, let it go and put that energy into the next application.")
    elif fits and not any(f in GOOD_FIT for f in fits):
        step = ("this week, apply to two roles you'd rate a 4 or 5 on fit - where you "
                "clearly bring something.")
    elif p.small:
        step = ("before your next interview, say one story with a result out loud once "
                "(`/debrief tip stand out`)." if _weakest(p) is None else _tip_for_weakest(p))
        if known > 1:  # one answer: the situation has just said how little it tells
            step = f"{known} answers are too few to change course on. {upper_first(step)}"
    else:
        step = ("widen the search with two applications this week: a neighbouring field, "
                "another city, or remote work.")
    return situation, step


def _findings(p: Patterns) -> str | None:
    if not p.findings:
        return None
    # The first finding's step leads the reply ("Your next step: …"): not said twice -
    # unless an open thank-you window leads instead.
    led = _note_open(p) is None
    blocks = ["\n".join(finding_lines(f, p, step=i > 0 or not led))
              for i, f in enumerate(p.findings[:3])]
    blocks.append("These are patterns in your own notes, not proof: interviews differ in "
                  "many ways.")
    return "\n\n".join(blocks)


def _sorry(no: InterviewPoint, known: int) -> str:
    return (f"Sorry about {company_name(no.company)} - a no stings. It's one answer of "
            f"{known}, not a verdict on you.")


def stats_reply(p: Patterns, zone: ZoneInfo) -> Reply:
    situation, step = lead(p)
    first: tuple[str, ...] = (f"Your next step: {step}", situation)
    if situation and p.with_outcome and not p.callbacks:
        # Only noes so far: the one line that acknowledges it comes before any advice.
        first = (situation, f"Your next step: {step}")
    elif p.fresh_no is not None:
        # A fresh no among callbacks: acknowledged in one line before any advice
        # (COACHING.md), not met with "Your next step" straight away.
        first = (_sorry(p.fresh_no, p.with_outcome), *first)
    text = "\n".join(t for t in (*first, _intro(p, zone), _caveat(p),
                                 _log_next(p, situation + step)) if t)
    fields: list[ReplyField] = []
    if p.points:
        findings = _findings(p)
        if findings:
            fields.append(ReplyField("What came before callbacks", findings))
        felt = calibration_lines(p.calibration)
        if felt:
            fields.append(ReplyField("How it felt, and how it went", "\n".join(felt)))
        if p.with_outcome or p.waiting:  # none at all: the lead has just said so
            fields.append(ReplyField("Outcomes", outcomes(p)))
        fields += [ReplyField("Thank-you notes", thank_yous(p)),
                   ReplyField("How you rated yourself", ratings(p))]
    return Reply(title="Your interview patterns", text=text, fields=tuple(fields),
                 tags=frozenset({"private", "stats"}))
