"""How the interviewer took something ("they liked that …", "she appreciated my …", "he was
impressed i had …") is no part of what was discussed: the note names the thing itself, from
the person's side, and never says "how you liked"."""

from __future__ import annotations

import pytest

from bot.notes import NoteRequest, Phrase, compose, reference_phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    ("they liked that i knew their brand", "your brand"),
    ("she appreciated my knowledge of their customers", "your customers"),
    ("he was impressed i had used their app", "your app"),
    ("they loved that i had read their engineering blog", "your engineering blog"),
    ("she seemed impressed that i knew their product line", "your product line"),
    ("they were impressed that i already use their product daily", "your product"),
    ("the interviewer liked that i knew their brand", "your brand"),
    ("priya really liked that i had tried their api", "your API"),
    ("they liked my answer about their pricing", "your pricing"),
    ("they appreciated my questions about their mobile app", "your mobile app"),
    ("he appreciated that I asked about their roadmap", "your roadmap"),
    # their reaction to the person's own work: the work stays the topic
    ("they were impressed by my portfolio", "my portfolio"),
    ("the hiring manager was impressed by my dashboard", "my dashboard"),
    ("he said he liked my idea for their onboarding flow", "my idea for your onboarding flow"),
    # interest shown is a reaction too (was "how you seemed super interested when I …")
    ("she seemed super interested when i talked about my capstone project",
     "my capstone project"),
    ("They were really interested in my thesis on graph databases",
     "my thesis on graph databases"),
    # "I had experience" said of the person is their experience (was "how I had …")
    ("the recruiter liked that i had experience in healthcare", "my experience in healthcare"),
    ("the fact that they use dbt and i do too", "how you use dbt"),
])
def test_the_interviewers_reaction_comes_off_and_the_topic_stays(typed: str,
                                                                 phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


def test_the_note_speaks_of_their_brand_not_of_how_they_liked_it() -> None:
    (note,) = compose(NoteRequest(company="Acme", seed=3, role="Brand Manager",
                                  interviewer="Dana Smith",
                                  references=("they liked that i knew their brand",)))
    body = " ".join(note.body.split())
    assert "about your brand" in body
    assert "liked" not in body and "how you" not in body
