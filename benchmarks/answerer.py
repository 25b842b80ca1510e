"""Scripts of whole reflections, typed the ways people type, whatever the questions are.

The benchmarks replay fixed scripts (so that pacing can be planned and runs compared), but
the reflection's questions change as the product grows. So a script is *recorded*: a
simulated person answers whatever the bot asks, on an in-memory core, choosing answers with
the benchmark's seeded random generator; the texts they typed are the script. Replaying it on
SQL storage asks the same questions in the same order, since the dialogue is a pure state
machine over the answers.

Choices are typed by number, by label or in lowercase; free-text questions get sentences of
realistic length. A reflection ends with the reply that carries the thank-you note.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.clock import SystemClock
from bot.memory import memory_uow_factory
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

__all__ = ["FREE_TEXT", "Script", "ScriptRecorder", "reflection_done"]

FREE_TEXT: tuple[str, ...] = (
    "The story about cutting the nightly batch from 6 hours to 40 minutes",
    "Their migration of the billing system to event sourcing",
    "Their plan to open an office in Lisbon next spring",
    "The on-call rota and how they keep it humane",
    "How do you decide what not to build? What does a great first year look like?",
    "Ten years of backend work and a habit of writing things down",
    "I have shipped payments systems in three countries",
    "Calm incident handling and teaching juniors",
    "How they measure success in the first 90 days",
)

# A person never needs more turns than this for one reflection; more means the answerer
# and the dialogue disagree (a question it cannot answer), which must fail loudly.
MAX_TURNS = 40


def reflection_done(replies: Sequence[Reply]) -> bool:
    """The reflection ended: its summary carries the thank-you note to copy."""
    return any(r.copy_text for r in replies) or any("summary" in r.tags for r in replies)


def _answer(replies: Sequence[Reply], rng: random.Random) -> str:
    question = next((r for r in reversed(replies) if r.choices), None)
    if question is not None and "free_text" not in question.tags:
        n = rng.randrange(len(question.choices))
        label = question.choices[n].label
        if question.multi:
            picks = sorted(rng.sample(range(1, len(question.choices) + 1),
                                      rng.randint(1, len(question.choices))))
            return ",".join(str(p) for p in picks)
        return rng.choice((str(n + 1), label, label.lower()))
    return rng.choice(FREE_TEXT)


@dataclass(frozen=True, slots=True)
class Script:
    """What one person types, and the index of each reflection's last turn."""

    texts: tuple[str, ...]
    ends: frozenset[int]


class ScriptRecorder:
    """Records scripts on one in-memory core (people never share an identity)."""

    def __init__(self) -> None:
        self._core = Debrief(memory_uow_factory(), SystemClock())

    async def record(self, person: int, rng: random.Random, reflections: int = 1) -> Script:
        identity = Identity("bench", "T0RECORD", f"U{person:05d}")
        texts: list[str] = []
        ends: set[int] = set()
        for n in range(reflections):
            text = f"/debrief interview Company{person}" + (f"-{n + 1}" if n else "")
            for _ in range(MAX_TURNS):
                texts.append(text)
                replies = await self._core.handle(Incoming(identity, text=text, in_dm=True))
                if reflection_done(replies):
                    ends.add(len(texts) - 1)
                    break
                text = _answer(replies, rng)
            else:
                raise RuntimeError(f"person {person}: no summary after {MAX_TURNS} turns; "
                                   f"last replies: {[r.text[:80] for r in replies]}")
        return Script(tuple(texts), frozenset(ends))
