"""Synthetic interview histories for the insight engine's table tests (and for reading its
words: ``python tests/insight_histories.py`` prints ``/debrief stats`` for each).

A history is built from short rows, oldest first; every interview is a week apart and ends
well before NOW unless it says otherwise, so "no reply yet" has closed unless ``days`` says
it is recent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.model import Interview, Outcome, ReflectionState, ThankYou

__all__ = ["HISTORIES", "NOW", "OFFER", "WINDOW", "C", "N", "R", "Row", "build"]

NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)
C, OFFER, R, N = Outcome.CALLBACK, Outcome.OFFER, Outcome.REJECTED, Outcome.NO_REPLY


@dataclass(frozen=True)
class Row:
    outcome: Outcome | None = None
    role: str | None = None
    field: str | None = None
    fit: str | None = None
    source: str | None = None
    stage: str | None = None
    seniority: str | None = None
    location: str | None = None
    note_hours: float | None = 3.0  # thank-you sent this long after; None: never
    felt: str = "some"
    prep: str = "some"  # strong / some / light
    bring: str = "SQL reporting that cut a week of manual work"
    days: int | None = None  # days before NOW (default: spaced a week apart, long ago)


_PREP = {"strong": {"researched": ["company", "industry", "role"],
                    "questions_asked": "What does success look like?"},
         "some": {"researched": ["company"], "questions_asked": None},
         "light": {"researched": [], "questions_asked": "none"}}


def _answers(row: Row) -> dict[str, Any]:
    answers: dict[str, Any] = {"memorable": row.felt, "remember": "my story",
                               "thank_you": "sent" if row.note_hours is not None else "no",
                               "reference": "their roadmap", "professional": "on_topic",
                               **_PREP[row.prep], "bring": row.bring}
    if row.fit is not None:
        answers["fit"] = row.fit
    return answers


def build(rows: list[Row]) -> list[Interview]:
    interviews = []
    for index, row in enumerate(rows):
        days = row.days if row.days is not None else 60 + 7 * (len(rows) - index)
        at = NOW - timedelta(days=days)
        interviews.append(Interview(
            user_id=1, company=f"Company {index + 1}", happens_at=at, logged_at=at,
            id=index + 1, role=row.role, job_field=row.field, seniority=row.seniority,
            location=row.location, source=row.source, stage=row.stage,
            reflection_state=ReflectionState.COMPLETED, answers=_answers(row),
            thank_you=ThankYou.SENT if row.note_hours is not None else ThankYou.NO,
            thank_you_sent_at=None if row.note_hours is None
            else at + timedelta(hours=row.note_hours),
            outcome=row.outcome))
    return interviews


DA = "Data Analyst"

# name -> rows. Each is one person's history; the table tests say what each must show.
HISTORIES: dict[str, list[Row]] = {
    # The case: 4 of 4 for Data Analyst roles, 0 of 3 elsewhere; fit says the same.
    "data analyst vs other roles, fit overlaps": [
        Row(C, DA, "data", "5"), Row(R, "Product Analyst", "product", "2"),
        Row(C, DA, "data", "4"), Row(R, "Business Analyst", "finance", "3"),
        Row(C, DA, "data", "4"), Row(R, "Marketing Analyst", "marketing", "2"),
        Row(C, DA, "data", "5")],
    "no outcomes at all": [Row(None, DA), Row(None, "Engineer"), Row(None, DA)],
    "one interview": [Row(R, DA, fit="4")],
    "all rejections, low fit": [Row(R, DA, fit="2"), Row(R, "Engineer", fit="3"),
                                Row(R, "Designer", fit="2"), Row(R, DA, fit="1")],
    "all rejections, good fit": [Row(R, DA, fit="5", source="application"),
                                 Row(R, DA, fit="4", source="application"),
                                 Row(R, DA, fit="4", source="application")],
    "five rejections, good fit": [Row(R, DA, fit="5") for _ in range(5)],
    "no notes in time, no callbacks": [Row(R, note_hours=None), Row(R, note_hours=30),
                                       Row(N, note_hours=None)],
    "silence every time": [Row(N), Row(N), Row(N)],
    "all callbacks": [Row(C, DA), Row(OFFER, DA), Row(C, "Engineer")],
    "tie: same rate either way": [
        Row(C, source="referral"), Row(R, source="referral"),
        Row(C, source="application"), Row(R, source="application")],
    "small numbers: referral 2 of 2, applications 0 of 2": [
        Row(C, source="referral"), Row(R, source="application"),
        Row(C, source="referral"), Row(R, source="application")],
    "referrals, large enough": [
        *[Row(C if i % 5 else R, source="referral") for i in range(5)],
        *[Row(R if i % 5 else C, source="application") for i in range(6)]],
    "late notes, no other difference": [
        Row(C, note_hours=3), Row(C, note_hours=5), Row(C, note_hours=2),
        Row(R, note_hours=40), Row(R, note_hours=None), Row(R, note_hours=50)],
    "stalls at final rounds": [
        Row(C, stage="screen"), Row(C, stage="screen"), Row(C, stage="first"),
        Row(R, stage="final"), Row(R, stage="final"), Row(R, stage="final")],
    "felt memorable, rejected": [
        Row(R, felt="memorable"), Row(R, felt="memorable"), Row(C, felt="generic"),
        Row(R, felt="memorable"), Row(C, felt="generic")],
    "waiting replies are not failures": [
        Row(C, days=40), Row(N, days=5), Row(N, days=6), Row(R, days=50)],
    "remote vs Berlin": [
        Row(R, location="Remote"), Row(R, location="remote"), Row(R, location="Remote"),
        Row(C, location="Berlin"), Row(C, location="Berlin"), Row(R, location="Berlin")],
    "mixed but no profile": [Row(C), Row(R), Row(C), Row(R), Row(R)],
    "only upcoming": [Row(None, DA, days=-3)],
    "research overlaps thank-you timing": [
        Row(C, prep="strong", note_hours=2), Row(C, prep="strong", note_hours=4),
        Row(C, prep="strong", note_hours=3), Row(R, prep="light", note_hours=None),
        Row(R, prep="light", note_hours=60), Row(R, prep="light", note_hours=None)],
    "seniority: mid gets through, senior not": [
        Row(C, seniority="mid"), Row(C, seniority="mid"), Row(R, seniority="senior"),
        Row(R, seniority="senior"), Row(C, seniority="mid"), Row(R, seniority="senior")],
}


if __name__ == "__main__":  # pragma: no cover - a reading aid, not a test
    from zoneinfo import ZoneInfo

    from bot.insights.chart import stats_chart
    from bot.insights.patterns import analyse
    from bot.insights.words import stats_reply

    for name, rows in HISTORIES.items():
        patterns = analyse(build(rows), NOW, WINDOW)
        reply = stats_reply(patterns, ZoneInfo("Europe/Berlin"))
        chart = stats_chart(patterns, ZoneInfo("Europe/Berlin"))
        print(f"\n######## {name}\n{reply.text}")
        for f in reply.fields:
            print(f"-- {f.name}\n{f.value}")
        print(f"[chart: {chart.title if chart else None}"
              f"{' ' + str(chart.x_labels) if chart and chart.kind == 'bars' else ''}]")
