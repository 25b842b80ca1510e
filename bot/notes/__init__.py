"""The note composer: thank-you notes (and replies after a rejection) built from the
person's own words. Pure functions, no I/O; the words sit beside the logic."""

from bot.notes.bring import bring_phrase
from bot.notes.compose import (
    REFERENCE_SLOT,
    Note,
    NoteRequest,
    Situation,
    compose,
    names_nobody,
    note_recipients,
    notes_for,
    own_references,
    reference_for,
    request_for,
    sender_name,
    situation_for,
)
from bot.notes.people import Interviewer, parse_interviewers, role_name, signature_name
from bot.notes.reference import Phrase, Refusal, RefusalReason, reference_phrase

__all__ = [
    "REFERENCE_SLOT",
    "Interviewer",
    "Note",
    "NoteRequest",
    "Phrase",
    "Refusal",
    "RefusalReason",
    "Situation",
    "bring_phrase",
    "compose",
    "names_nobody",
    "note_recipients",
    "notes_for",
    "own_references",
    "parse_interviewers",
    "reference_for",
    "reference_phrase",
    "request_for",
    "role_name",
    "sender_name",
    "signature_name",
    "situation_for",
]
