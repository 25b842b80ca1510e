"""What operators read about the "heard back?" check-in matches what the product does:
DESIGN.md's contract says ``DEBRIEF_CHECK_IN_AFTER=7d``, but the product counts business
days (default ``5d``), so README.md and .env.example must say so plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.settings import Settings
from bot.nudges.cadence import add_business_delay

ROOT = Path(__file__).resolve().parent.parent


def test_the_default_is_five_business_days_and_both_documents_say_so() -> None:
    assert Settings.model_fields["check_in_after"].default == "5d"
    row = next(line for line in (ROOT / "README.md").read_text().splitlines()
               if line.startswith("| `DEBRIEF_CHECK_IN_AFTER`"))
    assert row.endswith("| `5d` |") and "business days" in row and "`7d`" in row
    example = (ROOT / ".env.example").read_text()
    block = example[:example.index("# DEBRIEF_CHECK_IN_AFTER=5d")].rsplit("\n\n", 1)[-1]
    assert "business days" in block and "7d" in block


def test_five_business_days_is_a_week_for_a_weekday_interview() -> None:
    london = ZoneInfo("Europe/London")
    wednesday = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)
    a_week_later = datetime(2026, 3, 18, 15, 0, tzinfo=UTC)
    assert add_business_delay(wednesday, timedelta(days=5), london) == a_week_later
    # 7d set here is 7 business days: the Friday after next, not a calendar week
    assert add_business_delay(wednesday, timedelta(days=7), london).date().isoformat() == \
        "2026-03-20"
