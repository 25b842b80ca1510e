"""A seeded interview history for the stats tests (core, Slack, Discord and console alike).

Six past interviews with finished reflections, thank-you times and outcomes, written
straight into a store through the unit of work, so each test starts from the same history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.model import Interview, Outcome, ReflectionState
from bot.ports import UnitOfWorkFactory
from bot.values import Chart, Identity

__all__ = ["HISTORY", "NOW", "PNG", "RecordingCharts", "seed_history"]

NOW = datetime(2026, 4, 20, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
# What RecordingCharts "draws": a PNG signature and a little more, enough to check bytes.
PNG = b"\x89PNG\r\n\x1a\n fake chart bytes"

STRONG_PREP = {"researched": ["company", "industry", "role"],
               "questions_asked": "What does success look like?"}
WEAK_PREP = {"researched": [], "questions_asked": "none"}
SOSO_PREP = {"researched": ["company"], "questions_asked": None}


def answers(prep: dict[str, Any], fit: str, memorable: str = "some") -> dict[str, Any]:
    return {"memorable": memorable, "remember": "my latency story", "thank_you": "sent",
            "reference": "their migration", "professional": "on_topic", **prep, "fit": fit,
            "bring": "platform work"}


# (days before NOW, company, answers, hours until the thank-you (None: never), outcome)
HISTORY: list[tuple[int, str, dict[str, Any], float | None, Outcome | None]] = [
    (50, "Acme", answers(WEAK_PREP, "2", "generic"), 30, Outcome.REJECTED),
    (43, "Globex", answers(WEAK_PREP, "3"), None, Outcome.NO_REPLY),
    (36, "Initech", answers(STRONG_PREP, "5", "memorable"), 3, Outcome.CALLBACK),
    (29, "Umbrella", answers(STRONG_PREP, "4", "memorable"), 5, Outcome.OFFER),
    (22, "Hooli", answers(SOSO_PREP, "2"), 20, Outcome.REJECTED),
    (15, "Stark", answers(STRONG_PREP, "5", "memorable"), 2, None),
]



class RecordingCharts:
    """A ChartRenderer that remembers what it was asked to draw."""

    def __init__(self, fail: bool = False) -> None:
        self.drawn: list[Chart] = []
        self.fail = fail

    async def render(self, chart: Chart) -> bytes:
        self.drawn.append(chart)
        if self.fail:
            raise RuntimeError("no fonts today")
        return PNG


async def seed_history(uow_factory: UnitOfWorkFactory, who: Identity,
                       history: list[Any] | None = None, *, community: str | None = None,
                       now: datetime = NOW) -> None:
    """``history`` (default HISTORY) for ``who``, relative to ``now``, logged in
    ``community`` (default: the person's workspace)."""
    async with uow_factory() as uow:
        user = await uow.users.get_or_create(who, created_at=now - timedelta(days=90))
        assert user.id is not None
        for days, company, given, thanks_after, outcome in HISTORY if history is None \
                else history:
            at = now - timedelta(days=days)
            await uow.interviews.add(Interview(
                user_id=user.id, company=company, happens_at=at, logged_at=at,
                reflection_state=ReflectionState.COMPLETED, answers=given,
                reflection_completed_at=at + HOUR,
                thank_you_sent_at=None if thanks_after is None else at + thanks_after * HOUR,
                outcome=outcome, outcome_at=None if outcome is None else at + 72 * HOUR,
                community_id=community or who.workspace_id))
        await uow.commit()
