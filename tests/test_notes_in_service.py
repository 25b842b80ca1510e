"""The composer's notes where people see them: the summary, `draft` and the reminders,
through ``Debrief.handle`` on the in-memory store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_service import ANSWERS, World

from bot.model import InterviewType
from bot.notes import REFERENCE_SLOT
from bot.values import Reply

PANEL = ('/debrief interview Acme role:"a marketing role" '
         'interviewer:"Priya, Tom and Lee"')


@pytest.fixture
def world() -> World:
    return World()


async def reflect(world: World, interview: str, **changes: str) -> list[Reply]:
    keys = ["memorable", "remember", "interest", "thank_you", "reference", "professional",
            "researched", "questions_asked", "fit", "bring", "timeline"]
    await world.say(f"{interview} type:other")  # the general questions, no type asked
    replies: list[Reply] = []
    for key, answer in zip(keys, ANSWERS, strict=True):
        replies = await world.say(changes.get(key, answer))
    return replies


async def test_a_panel_gets_a_note_each_from_draft_with_the_sentence_form_reference_fitted(
        world: World) -> None:
    (summary,) = await reflect(world, PANEL,
                               reference="We talked about their Kafka migration lol")
    assert "Hi Priya," in (summary.copy_text or "")
    assert "`/debrief draft` has one for each of the 3 people you met" in summary.text
    replies = await world.say("/debrief draft")
    assert len(replies) == 3
    notes = [r.copy_text or "" for r in replies]
    assert [n.split("\n\n")[1] for n in notes] == ["Hi Priya,", "Hi Tom,", "Hi Lee,"]
    for note in notes:
        assert note.startswith("Subject: Thank you - Marketing interview\n\n")
        assert "about your Kafka migration" in note
        assert "the marketing role at Acme" in note and "role role" not in note
        assert note.endswith("\nAnn Lee")
        assert "lol" not in note and "We talked about" not in note
    assert len({n.split("\n\n", 3)[3] for n in notes}) == 3  # each a little different
    assert [r.actions[0].label for r in replies if r.actions] == ["Mark as sent"]
    assert all(any(f.name == "Handwritten card version" for f in r.fields) for r in replies)


async def test_a_note_already_sent_is_shown_for_the_records_without_a_mark_sent_button(
        world: World) -> None:
    (summary,) = await reflect(world, '/debrief interview Acme interviewer:"Jane Doe"',
                               thank_you="Already sent")
    assert "for your records" in summary.text
    assert not any("sent" in a.label.lower() for a in summary.actions)
    (draft,) = await world.say("/debrief draft")
    assert "already sent" in draft.text and "For your records" in draft.text
    assert "ready to copy" not in draft.text
    assert not draft.actions


async def test_after_a_rejection_the_draft_is_a_gracious_reply_asking_for_feedback(
        world: World) -> None:
    await reflect(world, '/debrief interview Acme interviewer:"Dr. Gonzalez"')
    await world.say("/debrief outcome rejected")
    (draft,) = await world.say("/debrief draft")
    note = draft.copy_text or ""
    assert "\n\nDear Dr. Gonzalez,\n" in note
    assert "feedback" in note and "future" in note
    assert "next steps" not in note
    assert not draft.actions


async def test_after_the_24_hour_window_the_note_and_the_draft_say_it_is_late(
        world: World) -> None:
    await reflect(world, '/debrief interview Acme interviewer:"Jane Doe"')
    fresh = (await world.say("/debrief draft"))[0].copy_text or ""
    world.clock.advance(timedelta(hours=30))
    (late,) = await world.say("/debrief draft")
    assert "24-hour window" in late.text
    assert late.copy_text != fresh
    assert any(a.label == "Mark as sent" for a in late.actions)


async def test_a_reference_that_cannot_go_in_a_note_leaves_a_marked_slot_and_says_why(
        world: World) -> None:
    # (What they seemed most interested in, skipped: else the note falls back on it.)
    await reflect(world, '/debrief interview Acme interviewer:"Jane Doe"', interest="skip")
    for answer in ("idk", "salary range and start date"):
        world.interview().answers["reference"] = answer
        (draft,) = await world.say("/debrief draft")
        note = draft.copy_text or ""
        assert REFERENCE_SLOT in note and answer not in note
        assert f"replace {REFERENCE_SLOT}" in draft.text


async def test_a_handle_is_never_the_signature(world: World) -> None:
    await world.say('/debrief interview Acme interviewer:"jane"', display_name="user_p3")
    (draft,) = await world.say("/debrief draft", display_name="user_p3")
    note = draft.copy_text or ""
    assert "user_p3" not in note
    assert "\n\nHi Jane,\n" in note
    assert "/debrief settings name" in draft.text


async def test_settings_name_signs_the_notes_and_off_goes_back_to_the_profile(
        world: World) -> None:
    await world.say('/debrief interview Acme interviewer:"Jane Doe"', display_name="user_p3")
    (reply,) = await world.say("/debrief settings name ann lee", display_name="user_p3")
    assert "Saved your name." in reply.text
    assert "Your notes are signed: Ann Lee (set by you)" in reply.text
    (draft,) = await world.say("/debrief draft", display_name="Ann Profile")
    assert (draft.copy_text or "").endswith("\nAnn Lee")  # the name they set wins
    await world.say("/debrief settings name off", display_name="Ann Profile")
    assert world.user().preferred_name is None
    (draft,) = await world.say("/debrief draft", display_name="Ann Profile")
    assert (draft.copy_text or "").endswith("\nAnn Profile")


@pytest.mark.parametrize("typed", ["settings name", "settings name <@U0123ABC>",
                                   "settings name " + "x" * 61, "settings name 12345"])
async def test_a_name_that_cannot_sign_a_note_is_refused_and_nothing_is_saved(
        world: World, typed: str) -> None:
    await world.say("/debrief settings name Ann Lee")
    (reply,) = await world.say(f"/debrief {typed}")
    assert "/debrief settings name Ann Lee" in reply.text or "shorten" in reply.text
    assert world.user().preferred_name == "Ann Lee"


async def test_a_recruiter_screen_drafts_the_shorter_note_to_the_recruiter(world: World) -> None:
    await reflect(world, '/debrief interview Acme role:"Data Analyst" interviewer:"Jane Doe"')
    (full,) = await world.say("/debrief draft")
    world.interview().interview_type = InterviewType.RECRUITER
    (screen,) = await world.say("/debrief draft")
    assert len((screen.copy_text or "").split()) < len((full.copy_text or "").split())
    assert "\n\nHi Jane,\n" in (screen.copy_text or "")
    assert "next stage" in (screen.copy_text or "") or "next step" in (screen.copy_text or "")


async def test_a_note_already_sent_is_shown_without_instructions_for_sending_it(
        world: World) -> None:
    """It said "replace [one thing you discussed] with it before you send it" and "Add your
    name under it" about a note that had gone."""
    await world.say("/debrief interview Acme", display_name="ann_l")
    await world.say("cancel", display_name="ann_l")
    await world.say("/debrief followup", display_name="ann_l")
    (draft,) = await world.say("/debrief draft", display_name="ann_l")
    assert draft.text.startswith("Your thank-you note for Acme is already sent.")
    assert "before you send it" not in draft.text and "Add your name" not in draft.text


async def test_a_draft_still_to_fill_in_reads_as_sentences(world: World) -> None:
    await world.say("/debrief interview Acme", display_name="ann_l")
    await world.say("cancel", display_name="ann_l")
    (draft,) = await world.say("/debrief draft", display_name="ann_l")
    assert draft.text.startswith("Your thank-you note for Acme, ready to copy. It still "
                                 "needs one specific thing you discussed")  # not "copy: It"
