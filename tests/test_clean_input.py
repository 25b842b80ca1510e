"""Text enters the core clean (``bot.values.clean_text`` in ``Debrief.handle``), on every
backend: NUL and other control characters are removed (PostgreSQL refuses NUL in text, and
escape sequences would repaint a terminal), bidirectional overrides and invisible spaces
are removed, and a name with nothing visible left is refused like a missing one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Command, Identity, Incoming, clean_text

ADA = Identity("slack", "T1", "UADA")
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "kept"), [
    ("Ac\x00me", "Acme"),
    ("Acme\x1b]0;owned\x07 Corp", "Acme]0;owned Corp"),
    ("\u202eemoc.live", "emoc.live"),
    ("line one\r\nline two\rthree", "line one\nline two\nthree"),
    ("tab\tkept", "tab\tkept"),
    ("\u200b\u200b", ""),
    ("\u200d\u200c\u2066", ""),
    ("\ud800broken", "broken"),
    ("👩‍💻 Globex", "👩‍💻 Globex"),
])
def test_clean_text_keeps_what_people_can_see(typed: str, kept: str) -> None:
    assert clean_text(typed) == kept


async def company_of(uow: UnitOfWorkFactory) -> list[tuple[str, str | None, str | None]]:
    async with uow() as tx:
        user = await tx.users.get(ADA)
        assert user is not None and user.id is not None
        return [(i.company, i.role, i.notes)
                for i in await tx.interviews.list_for_user(user.id)]


async def test_control_characters_in_a_command_are_removed_before_storing(
        uow_factory: UnitOfWorkFactory) -> None:
    core = Debrief(uow_factory, FixedClock(NOW))
    replies = await core.handle(Incoming(
        ADA, "/debrief interview Ac\x00me\x1b[2J role:Data\x00 Analyst "
             "notes:said \u202ehi\u202c and\x07 left"))
    assert "couldn't" not in replies[0].text.lower(), replies[0].text
    assert await company_of(uow_factory) == [("Acme[2J", "Data Analyst", "said hi and left")]


async def test_structured_options_are_cleaned_and_an_invisible_company_is_refused(
        uow_factory: UnitOfWorkFactory) -> None:
    core = Debrief(uow_factory, FixedClock(NOW))
    refused = await core.handle(Incoming(ADA, command=Command(
        "interview", options=(("company", "\u200b\u200d\u200c"),))))
    assert "which company" in refused[0].text.lower()
    await core.handle(Incoming(ADA, command=Command(
        "interview", options=(("company", "Init\x00ech"), ("role", "\u202eSRE")))))
    assert await company_of(uow_factory) == [("Initech", "SRE", None)]
