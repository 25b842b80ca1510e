"""``/debrief history #n remove``: take one interview off the record - a duplicate, a wrong
company, one logged by mistake - without ``forget`` deleting everything.

It asks first (``… remove confirm`` or the button does it), like ``stories remove``: the
interview, its answers, prep and reminders go, and stats no longer count it. The interview
is named by number or company, never guessed: ``history remove`` alone asks which. A
confirm sent twice (a double click) finds it gone and says so. Removed, the reply carries
the command that logs it again at its time - the answers do not come back, and the ask
says so.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.context import Context, UserError
from bot.copy.naming import employer, fmt_local, interview_label
from bot.model import Interview, NudgeStatus
from bot.reflection.typed_when import MAX_PAST
from bot.values import Choice, Reply

__all__ = ["remove_interview", "remove_word"]

_REMOVE = re.compile(r"^(?P<ref>.*?)\s*\b(?:remove|delete)(?:\s+(?P<confirm>confirm(?:ed)?))?$",
                     re.IGNORECASE)


def remove_word(ref: str) -> tuple[str, bool, bool] | None:
    """``"#3 remove"`` -> ``("#3", True, False)``, ``"acme delete confirm"`` ->
    ``("acme", True, True)``; None when the text asks for no removal."""
    found = _REMOVE.match(ref.strip())
    if found is None:
        return None
    return found.group("ref").strip(), True, found.group("confirm") is not None


async def remove_interview(ctx: Context, ref: str, *, confirmed: bool) -> list[Reply]:
    if not ref:
        raise UserError("Which interview? `/debrief history #<n> remove` takes one off your "
                        "record - `/debrief history` lists them with their numbers.")
    number = re.fullmatch(r"#?(\d+)", ref)
    if confirmed and number is not None and \
            await ctx.uow.interviews.get(ctx.user_id, int(number.group(1))) is None:
        return [Reply(text=f"Interview #{number.group(1)} isn't on your record (already "
                           "removed?). `/debrief history` lists the ones you have.")]
    interview = await ctx.find_interview(ref)
    assert interview.id is not None
    if not confirmed:
        return [await _ask(ctx, interview)]
    await ctx.uow.interviews.delete(ctx.user_id, interview.id)
    if ctx.user.active_interview_id == interview.id:
        ctx.user.active_interview_id = None
    for story in await ctx.uow.stories.list_for_user(ctx.user_id):
        if interview.id in story.told_in:  # "told at" an interview no longer there
            story.told_in.remove(interview.id)
            await ctx.uow.stories.save(story)
    return [Reply(text=_removed(interview, ctx))]


async def _ask(ctx: Context, interview: Interview) -> Reply:
    nudges = await ctx.uow.nudges.list_for_interview(interview.id or 0)
    pending = sum(1 for n in nudges if n.status is NudgeStatus.PENDING)
    goes = ["its reflection answers" if interview.answers else "",
            f"{pending} reminder{'s' if pending != 1 else ''} still to come" if pending else ""]
    with_it = " and ".join(g for g in goes if g)
    return Reply(
        text=(f"Remove {interview_label(interview)} ({_when(interview, ctx)}, "
              f"#{interview.id}) from your record{f', with {with_it}' if with_it else ''}? "
              "It won't count in your stats any more, and removing can't be undone. Type "
              f"`/debrief history #{interview.id} remove confirm` or press the button."),
        actions=(Choice("Remove it", f"/debrief history #{interview.id} remove confirm",
                        "danger"),))


def _removed(interview: Interview, ctx: Context) -> str:
    text = (f"Removed {employer(interview)} (#{interview.id}, {_when(interview, ctx)}) and "
            "its reminders. `/debrief history` shows the rest.")
    if ctx.now - interview.happens_at < MAX_PAST:
        at = interview.happens_at.astimezone(ctx.zone)
        text += (f" Meant to keep it? `/debrief interview {interview.company} "
                 f"when:\"{at:%Y-%m-%d %H:%M}\"` logs it again (without its answers).")
    return text


def _when(interview: Interview, ctx: Context) -> str:
    at: datetime = interview.happens_at
    return fmt_local(at, ctx.zone)
