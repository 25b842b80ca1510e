"""Place names typed in lowercase ("the new office in berlin", "the london team") are written
with their capitals in the notes the person copies and sends; ordinary words that happen to
name a place ("mobile", "reading") and anything typed with capitals are left as typed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_notes_composer import request
from test_notes_typed_in_chat import ANSWERS
from test_service import World

from bot.model import Interview
from bot.notes.bring import bring_phrase
from bot.notes.compose import compose
from bot.notes.followups import follow_up_email
from bot.notes.places import PLACE_NAMES, place_names
from bot.notes.reference import Phrase, reference_phrase


@pytest.mark.parametrize("typed, written", [
    ("their plans for the new office in berlin", "your plans for the new office in Berlin"),
    ("we talked about the london office move", "the London office move"),
    ("how the munich and paris teams share data", "how the Munich and Paris teams share data"),
    ("opening a new york hub next year", "opening a New York hub next year"),
    ("expanding into latin america 🌎", "expanding into Latin America"),
    ("their berlin-based platform team", "your Berlin-based platform team"),
    ("moving intake to mobile", "moving intake to mobile"),  # Mobile, Alabama: not a guess
    ("reading the room in client meetings", "reading the room in client meetings"),
    ("the team in Lisbon", "the team in Lisbon"),  # typed with its capital: as typed
])
def test_what_was_discussed_names_places_as_a_note_writes_them(typed: str, written: str
                                                              ) -> None:
    assert reference_phrase(typed) == Phrase(written)


def test_what_they_bring_names_places_and_keeps_a_names_capital_at_the_start() -> None:
    assert bring_phrase("five years selling to german and french retailers") == \
        "my five years selling to German and French retailers"
    assert bring_phrase("i ran the berlin office") == "my experience running the Berlin office"
    # A sentence's capital comes off the first word; a place's stays.
    assert bring_phrase("London market experience") == "my London market experience"
    assert bring_phrase("New York agencies experience") == "my New York agencies experience"
    assert bring_phrase("Ten years of sql") == "my ten years of SQL"


def test_a_role_with_a_place_reads_right_in_the_subject_and_the_body() -> None:
    (note,) = compose(request(role="sales lead for germany", references=(
        "the london office move",)))
    assert note.subject == "Thank you - Sales Lead for Germany interview"
    assert "the sales lead role for Germany at Acme" in note.body
    assert "the London office move" in note.body
    (typed_with_capitals,) = compose(request(role="Account manager in paris"))
    assert typed_with_capitals.subject == "Thank you - Account manager in Paris interview"


def test_the_follow_up_email_names_the_place_in_the_role_too() -> None:
    at = datetime(2026, 1, 5, tzinfo=UTC)
    interview = Interview(user_id=1, company="acme", role="summer internship in dublin",
                          happens_at=at, logged_at=at, id=3,
                          answers={"reference": "their expansion into scandinavia"})
    draft = follow_up_email(interview, sender="Ann", number=1)
    assert draft.subject == "Following up - Summer Internship in Dublin interview"
    assert "the summer internship in Dublin at Acme" in draft.body  # no "internship role"
    interview.role = "data analyst based in dublin"
    assert "the data analyst role based in Dublin at Acme" in follow_up_email(
        interview, sender="Ann", number=1).body
    interview.role = "software engineer in test"  # a job title, not a place
    assert "the software engineer in test role at Acme" in follow_up_email(
        interview, sender="Ann", number=1).body
    assert "Scandinavia" in draft.body


async def test_a_reflection_typed_in_lowercase_gets_a_note_with_the_places_capitalised(
        ) -> None:
    world = World()
    await world.say("/debrief interview globex role: data analyst with: Dana Smith")
    answers = list(ANSWERS)
    answers[5] = "their plans for the new office in berlin"
    answers[9] = "five years of sql in london and new york"
    for answer in answers[:-1]:
        await world.say(answer)
    (summary,) = await world.say(answers[-1])
    note = " ".join((summary.copy_text or "").split())
    assert "your plans for the new office in Berlin" in note
    assert "five years of SQL in London and New York" in note
    assert "berlin" not in note and "london" not in note


def test_the_list_holds_only_names_never_everyday_words() -> None:
    assert all(key == key.lower() and value.lower() == key
               for key, value in PLACE_NAMES.items())
    for everyday in ("mobile", "reading", "bath", "nice", "split", "male", "hull", "sale",
                     "derby", "cork", "buffalo", "boulder", "providence", "phoenix",
                     "turkey", "jersey", "polish", "us", "la", "orange", "victoria"):
        assert everyday not in PLACE_NAMES
        assert place_names(f"the {everyday} team") == f"the {everyday} team"
    assert place_names("non-berlin berliner") == "non-berlin berliner"
    assert place_names("london's office") == "London's office"


def test_a_company_or_role_typed_all_in_capitals_is_written_as_a_note_writes_it() -> None:
    """"Thank you - SENIOR DATA ENGINEER interview" … "the SENIOR DATA ENGINEER role at
    NETFLIX" read as shouting; short capitals stay initials."""
    (note,) = compose(request(company="NETFLIX", role="SENIOR DATA ENGINEER"))
    assert note.subject == "Thank you - Senior Data Engineer interview"
    assert "the senior data engineer role at Netflix" in note.body
    (initials,) = compose(request(company="KPMG", role="QA LEAD"))
    assert "the QA lead role at KPMG" in initials.body
