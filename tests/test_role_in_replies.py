"""The role reads as a job title wherever Debrief names an interview ("Acme (Data Analyst)"),
however it was typed: the note composer's reading of it (bot.notes.people.role_label)."""

from __future__ import annotations

import pytest
from test_service import ANSWERS, World, said

from bot.notes.people import role_label


@pytest.mark.parametrize("typed, title", [
    ("a Data Analyst role", "Data Analyst"),
    ("data analyst", "Data Analyst"),
    ("senior ux designer", "Senior UX Designer"),
    ("the marketing internship", "Marketing Internship"),
    ("Backend Engineer at Acme", "Backend Engineer"),
    ("an SRE position", "SRE"),
    ("role", None),
])
def test_a_typed_role_becomes_a_job_title(typed: str, title: str | None) -> None:
    assert role_label(typed, "Acme") == title


async def test_the_summary_reminders_name_the_role_as_a_job_title() -> None:
    world = World()
    await world.say('/debrief interview Acme role:"a data analyst role" type:other')
    replies = []
    for answer in ANSWERS:
        replies = await world.say(answer)
    reminders = next(f.value for f in replies[0].fields if f.name == "Reminders scheduled")
    assert "Thank-you reminder - Acme (Data Analyst)" in reminders
    assert "(a data analyst role)" not in said(replies)
