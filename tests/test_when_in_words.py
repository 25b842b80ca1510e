"""When an interview is, said the same way everywhere (bot.copy.naming.when_in_words): the
small talk and prep each had their own "tomorrow at 10:00", and neither named a day of the
week ahead ("good luck with Globex on Mon 15 Jun 09:30 BST")."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.copy.naming import when_in_words
from bot.model import Interview
from bot.prep.reminder import prep_reminder

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 24, 19, 0, tzinfo=UTC)  # Tue 24 Mar, 20:00 in Berlin


@pytest.mark.parametrize(("at", "said", "heading"), [
    (datetime(2026, 3, 24, 21, 30, tzinfo=UTC), "today at 22:30", "Today at 22:30"),
    (datetime(2026, 3, 24, 23, 30, tzinfo=UTC), "tomorrow at 00:30", "Tomorrow at 00:30"),
    (datetime(2026, 3, 23, 9, 0, tzinfo=UTC), "yesterday at 10:00", "Yesterday at 10:00"),
    (datetime(2026, 3, 27, 9, 0, tzinfo=UTC), "on Friday at 10:00", "Friday at 10:00"),
    # after the clocks go forward on Sunday: 10:00 in Berlin is 08:00 UTC
    (datetime(2026, 3, 30, 8, 0, tzinfo=UTC), "on Monday at 10:00", "Monday at 10:00"),
    (datetime(2026, 3, 31, 8, 0, tzinfo=UTC), "on Tue 31 Mar 10:00 CEST",
     "Tue 31 Mar 10:00 CEST"),
])
def test_a_time_is_said_by_the_calendar_in_their_zone(at: datetime, said: str,
                                                      heading: str) -> None:
    assert when_in_words(at, NOW, BERLIN) == said
    assert when_in_words(at, NOW, BERLIN, heading=True) == heading


def test_the_prep_message_names_a_day_ahead_by_its_name() -> None:
    interview = Interview(user_id=1, company="Acme", id=1, logged_at=NOW,
                          happens_at=datetime(2026, 3, 27, 9, 0, tzinfo=UTC))
    assert prep_reminder(interview, None, BERLIN, NOW).startswith(
        "Friday at 10:00: your interview at Acme.")
