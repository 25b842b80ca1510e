"""Pausing an open reflection when a new interview is logged.

A person who logs a new interview while another reflection is open moves on to the new
one; the open one is paused (answers kept, exactly like typing ``cancel``) and the reply
says so and how to pick it up again, instead of dropping it without a word.
"""

from __future__ import annotations

from bot.context import Context
from bot.copy.naming import interview_label
from bot.model import Interview, ReflectionState
from bot.values import Destination, Reply

__all__ = ["pause_open_reflection", "paused_words"]


def paused_words(open_one: Interview) -> str:
    return (f"I've paused your reflection on {interview_label(open_one)} and kept your answers "
            f"so far - `/debrief reflect #{open_one.id}` picks it up where you left off.")


async def pause_open_reflection(ctx: Context, new: Interview) -> list[Reply]:
    """Pause the person's open reflection (if any, and not ``new``); say so in one line."""
    open_id = ctx.user.active_interview_id
    if open_id is None or open_id == new.id:
        return []
    open_one = await ctx.uow.interviews.get(ctx.user_id, open_id)
    if open_one is None or open_one.reflection_state is not ReflectionState.OPEN:
        return []
    open_one.reflection_state = ReflectionState.CANCELLED
    await ctx.uow.interviews.save(open_one)
    ctx.user.active_interview_id = None
    return [Reply(text=paused_words(open_one), destination=Destination.DM)]
