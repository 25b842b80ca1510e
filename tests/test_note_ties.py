"""The line after the note's reference fits what it was about: "I'd welcome the chance to
work on it" was said after "your brand" and "hiking" (found reading reflections' notes)."""

from __future__ import annotations

import pytest

from bot.notes import NoteRequest, compose
from bot.notes.phrasings import BRING_ABOUT_THEM, NO_BRING_ABOUT_THEM

BRING = "5 years of SQL and dashboards"
# The work lines as they read in a note, cut before what the person brings.
WORK_LINES = [line.split("{bring}")[0] for line in (*BRING_ABOUT_THEM, *NO_BRING_ABOUT_THEM)]


def _body(reference: str, seed: int, bring: str | None) -> str:
    (note,) = compose(NoteRequest(company="Acme", seed=seed, role="Data Analyst",
                                  interviewer="Jane Doe", references=(reference,),
                                  bring=bring))
    return " ".join(note.body.split())


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("bring", [BRING, None])
@pytest.mark.parametrize("reference", ["their brand", "their mission and values",
                                       "we both love hiking", "football", "our dogs",
                                       "Berlin"])
def test_a_topic_nobody_works_on_never_gets_a_line_about_working_on_it(
        reference: str, seed: int, bring: str | None) -> None:
    body = _body(reference, seed, bring)
    for line in WORK_LINES:
        assert line not in body, body
    assert "work on it" not in body and "kind of work" not in body, body
    assert 100 <= len(body.split()) <= 180, body
    if bring:
        assert "my 5 years of SQL and dashboards" in body


@pytest.mark.parametrize("seed", range(8))
def test_a_hobby_is_common_ground_and_the_brand_is_what_matters_at_the_company(
        seed: int) -> None:
    assert "in common" in _body("we talked about hiking", seed, None) or \
        "common ground" in _body("we talked about hiking", seed, None)
    assert "Acme" in _body("their brand", seed, None).split("your brand")[1].split("\n")[0]


@pytest.mark.parametrize("seed", range(8))
def test_a_piece_of_work_still_gets_the_line_about_taking_it_on(seed: int) -> None:
    for reference in ("they told me about their Kafka migration", "their billing rewrite"):
        body = _body(reference, seed, BRING)
        assert any(line in body for line in WORK_LINES), body
