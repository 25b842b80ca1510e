"""The note from a reflection typed the way people chat (lowercase names, a clause for what
was discussed, a list for what they bring): the sentences the person copies and sends."""

from __future__ import annotations

import pytest
from test_service import World

from bot.notes import phrasings
from bot.notes.people import company_name
from bot.values import Reply

ANSWERS = [
    "2", "1", "the story about fixing their churn dashboard in a week",
    "idk, maybe the sql question about window functions", "not yet",
    "She explained the team is 6 people and they are moving all reporting from excel to "
    "looker by spring, which sounded like a big lift",
    "1,3", "didnt get to ask any tbh", "4", "sql, dashboards and being calm with stakeholders",
    "they said they would let me know by friday",
]


async def note_for(command: str) -> str:
    world = World()
    await world.say(command)
    for answer in ANSWERS[:-1]:
        await world.say(answer)
    (summary,) = await world.say(ANSWERS[-1])
    assert summary.copy_text is not None
    return " ".join(summary.copy_text.split())


async def test_a_clause_about_what_was_discussed_reads_as_a_phrase_in_the_note() -> None:
    note = await note_for("/debrief interview globex role: data analyst with: Dana Smith")
    assert "about how you are moving all reporting from Excel to Looker by spring" in note
    assert "the team is 6 people" not in note


async def test_a_list_of_what_they_bring_that_mixes_nouns_and_a_gerund_is_left_out() -> None:
    note = await note_for("/debrief interview globex role: data analyst with: Dana Smith")
    assert "being calm with stakeholders" not in note and "sql" not in note
    assert any(tie in note for tie in phrasings.NO_BRING_ABOUT_THEM)


async def test_a_company_typed_in_lowercase_is_capitalised_in_the_note() -> None:
    note = await note_for("/debrief interview globex role: data analyst with: Dana Smith")
    assert "the data analyst role at Globex." in note and "joining Globex" in note
    assert "globex" not in note


@pytest.mark.parametrize(("typed", "shown"), [
    ("globex", "Globex"), ("deliveroo", "Deliveroo"), ("ibm", "IBM"), ("hp", "HP"),
    ("jp morgan", "JP Morgan"), ("bank of america", "Bank of America"), ("at&t", "AT&T"),
    ("the home depot", "The Home Depot"), ("big fish games", "Big Fish Games"),
    ("coca-cola", "Coca-Cola"), ("booking.com", "Booking.com"),
    ("eBay", "eBay"), ("iRobot", "iRobot"), ("Globex corp", "Globex corp"),
    ("kpmg", "KPMG"), ("hsbc", "HSBC"), ("mckinsey", "McKinsey"), ("mcdonald's", "McDonald's"),
    ("lyft", "Lyft"), ("sky", "Sky"), ("https://acme.com", "https://acme.com"),
])
def test_the_company_reads_as_an_employer_writes_it(typed: str, shown: str) -> None:
    assert company_name(typed) == shown


async def test_the_subject_without_a_role_names_the_company_capitalised() -> None:
    world = World()
    await world.say("/debrief interview jp morgan with: Dana Smith")
    (summary,) = [r for r in await answer_all(world) if r.copy_text]
    assert summary.copy_text is not None
    assert summary.copy_text.startswith("Subject: Thank you - JP Morgan interview")
    assert world.interviews()[0].company == "jp morgan"  # stored as typed


async def answer_all(world: World) -> list[Reply]:
    replies: list[Reply] = []
    for answer in ANSWERS:
        replies = await world.say(answer)
    return replies
