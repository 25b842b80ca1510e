"""A story in a person's bank, and the preparation for one interview.

Both are plain mutable dataclasses like :mod:`bot.model`: the storage layer maps them to
rows (``stories``, ``interview_preps``), the in-memory fake keeps copies. Datetimes are
timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Prep", "Story"]


@dataclass(slots=True)
class Story:
    """``number`` is the person's own (1, 2, 3 …), which is what they type; ``id`` is the
    row's. ``told_in`` lists interview ids where it was told."""

    user_id: int
    number: int
    title: str
    text: str
    created_at: datetime
    id: int | None = None
    tags: list[str] = field(default_factory=list)
    told_in: list[int] = field(default_factory=list)
    source_interview_id: int | None = None
    updated_at: datetime | None = None


@dataclass(slots=True)
class Prep:
    """What a person prepared for one interview (``/debrief prep``)."""

    user_id: int
    interview_id: int
    created_at: datetime
    id: int | None = None
    # Keys of the research checklist items they ticked (bot.prep.checklist).
    checked: list[str] = field(default_factory=list)
    # The two questions only they could ask, in their words.
    questions: list[str] = field(default_factory=list)
    # Numbers of the stories they mean to tell.
    stories: list[int] = field(default_factory=list)
    practised: bool = False
    # After the interview: did they ask their questions (None: not answered yet)?
    asked_questions: bool | None = None
    updated_at: datetime | None = None
