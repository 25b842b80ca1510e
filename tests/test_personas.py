"""What eight job seekers read in ``/debrief stats``, ``/debrief tip`` and after a week of
silence, each seeded from a realistic history (tests/personas.py)."""

from __future__ import annotations

from personas import PERSONAS, Persona, everything, seed


def persona(name: str) -> Persona:
    return next(p for p in PERSONAS if p.name == name)


# -- /debrief tip -------------------------------------------------------------------------


async def test_a_tip_claims_to_come_from_the_reflections_only_when_one_area_is_lower(
        ) -> None:
    # One reflection, every area rated strong: no area is "the most room to grow".
    even = await seed(persona("one interview, no outcome"))
    tip = everything(await even.say("/debrief tip"))
    assert "picked from where your reflections" not in tip
    # Five interviews and never a thank-you: Follow up is the lowest, and it says so.
    low = await seed(persona("never follows up"))
    tip = everything(await low.say("/debrief tip"))
    assert tip.startswith("Tip · Follow up (picked from where your reflections show the most "
                          "room to grow)")
