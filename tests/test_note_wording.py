"""Read as the interviewer receives it: no line that calls their topic a problem, no
"to prod to problems like that", no stock "don't hesitate to reach out", no goodbye
sign-off, and "team" not said over and over (found reading fifteen reflections' notes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.model import Interview
from bot.notes import NoteRequest, compose
from bot.notes.followups import follow_up_email


@pytest.mark.parametrize("seed", range(24))
@pytest.mark.parametrize("bring", ["PyTorch, 4 years shipping models to prod", None])
@pytest.mark.parametrize("reference", ["he was impressed i had used their api",
                                       "their new warehouse in dallas", "my side project",
                                       "the team is 6 people", None])
def test_a_note_reads_as_sent(seed: int, bring: str | None, reference: str | None) -> None:
    (note,) = compose(NoteRequest(company="Cyberdyne", seed=seed, role="ML Engineer",
                                  interviewer="Miles Dyson", references=(reference,),
                                  bring=bring))
    body = " ".join(note.body.split())
    for stock in ("problems like that", "kind of problem", "challenges like that",
                  "don't hesitate", "All the best", "to prod to "):
        assert stock not in body, body
    assert body.count("team") <= 2, body
    for word in ("glad", "contribut", "even "):
        assert body.count(word) <= 1, body


@pytest.mark.parametrize("seed", range(12))
def test_a_follow_up_says_a_hard_fact_neutrally(seed: int) -> None:
    """"I was glad to learn that there's a lot of legacy code" reads as irony."""
    interview = Interview(user_id=1, company="Acme", happens_at=datetime(2026, 1, 5, tzinfo=UTC),
                          logged_at=datetime(2026, 1, 5, tzinfo=UTC), id=seed,
                          answers={"reference": "there's a lot of legacy code"})
    body = follow_up_email(interview, sender="Ann", number=1).body
    assert "legacy code" in body and "glad" not in body
