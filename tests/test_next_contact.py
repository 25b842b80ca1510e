"""Who will be in touch (COACHING.md: "the timeline they gave for next steps, and who the next
contact is"): read from the timeline answer, named in the summary, and greeted in the
follow-up e-mail, which goes to them rather than to the interviewer."""

from __future__ import annotations

import pytest
from test_reminders_respect_time import button, deliver_due
from test_service import ANSWERS, World

from bot.model import NudgeKind, NudgeStatus
from bot.notes.contact import next_contact


@pytest.mark.parametrize("typed, contact", [
    ("by friday, dana from recruiting will email me", "Dana"),
    ("in 2 weeks - the recruiter, Sam", "Sam"),
    ("they said next week, contact is Priya Shah", "Priya Shah"),
    ("dana (the recruiter) will reach out", "Dana"),
    ("2 weeks, i should hear from Tom", "Tom"),
    ("recruiter dana said she would email by friday", "Dana"),
    # nobody named: no guess ("Hi Will," would be worse than "Hi Jane,")
    ("hr will email by friday", None),
    ("they will call me next week", None),
    ("the hiring manager will get back to me", None),
    ("next week via email", None),
    ("hear back from them by monday", None),
    ("by Friday", None),
    # "Guy" before a surname is a first name (was "Levi"); "a guy from hr" names nobody
    # (was "Hi Guy,")
    ("by friday, guy levi will email", "Guy Levi"),
    ("a guy from hr will call next week", None),
    ("the guy will email", None),
    # a name in another alphabet was no name at all (no one to greet), and a verb after a
    # role was one ("help you follow up with Asking")
    ("Zoë said 2 weeks, Åsa from HR will email", "Åsa"),
    ("josé will call on friday", "José"),
    ("contact is Zoë Ødegaard", "Zoë Ødegaard"),
    ("should hear from søren next week", "Søren"),
    ("the hiring manager asking me about my background, then by friday", None),
])
def test_the_contact_is_read_only_where_a_name_is_given(typed: str,
                                                        contact: str | None) -> None:
    assert next_contact(typed) == contact


async def reflect(world: World, timeline: str) -> dict[str, str]:
    """A reflection on Acme with Jane Doe ending in ``timeline``: the summary's fields."""
    await world.say('/debrief interview Acme role:"Backend Engineer" interviewer:"Jane Doe" '
                    'type:other')
    for answer in ANSWERS[:-1]:
        await world.say(answer)
    (summary,) = await world.say(timeline)
    return {f.name: f.value for f in summary.fields}


async def first_follow_up(world: World) -> str:
    """The follow-up e-mail offered when the check-in comes and they answer "no reply"."""
    (check_in,) = world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)
    world.clock.set(check_in.due_at)
    (asked,) = [r for r in await deliver_due(world) if "check_in" in r.tags]
    first, source = await world.say(button(asked, "No reply yet"))  # the draft, then the
    assert "come about" in source.text  # optional question, as a message of its own
    return first.copy_text or ""


async def test_the_contact_is_named_in_the_summary_and_greeted_in_the_follow_up() -> None:
    world = World()
    fields = await reflect(world, "by friday, dana from recruiting will email me")
    assert "you'd hear by Fri 12 Jun" in fields["Next steps"]
    assert "help you follow up with Dana if there's no word" in fields["Next steps"]
    draft = await first_follow_up(world)
    assert draft.startswith("Subject: Following up - Backend Engineer interview")
    assert "Hi Dana," in draft and "Hi Jane," not in draft


async def test_without_a_named_contact_the_follow_up_greets_the_interviewer() -> None:
    world = World()
    fields = await reflect(world, "hr will email by friday")
    assert "help you follow up if there's no word" in fields["Next steps"]
    assert "Hi Jane," in await first_follow_up(world)
